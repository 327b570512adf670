import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler, HandlerContext } from '../types';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import { inputObjects, type S3Store, splitS3Uri } from './s3-store';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
/** A fixed clock (epoch seconds, as awsJson1_1 sends timestamps), so answers are deterministic. */
const CREATED = 1_704_067_200;
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Finds the handler an `InvokeEndpoint` of the model's name would get (custom or default). */
export type ModelInvoker = () => Handler;

interface TransformJob {
  name: string;
  arn: string;
  request: EmulatorInput;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  failure?: string;
  stop: boolean;
  /** Set by `emu.reset()`: the job runs on, unseen, and writes nothing more to S3. */
  forgotten?: boolean;
  done: Promise<void>;
}

function text(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return typeof value === 'string' ? value : '';
}

function at(input: unknown, path: string[]): unknown {
  let value = input;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function required(input: EmulatorInput, path: string[]): string {
  const value = at(input, path);
  if (typeof value !== 'string' || value === '') {
    // SageMaker's model has no ValidationException member for CreateTransformJob; a missing member
    // is refused by the protocol layer before the operation runs (common ValidationError).
    throw new EmulatorError('ValidationError', `${path.join('.')} is required`);
  }
  return value;
}

/**
 * A mini-batch's answer as lines. The cost model answers a mini-batch with failed rows as JSON
 * `{ predictions, errors }`: the emulated container writes each failed record as an
 * `{"error": "…"}` line and each prediction as a line of the Accept type.
 */
function answerLines(body: string, accept: string): string[] {
  const trimmed = body.replace(/\r?\n$/, '');
  if (trimmed.startsWith('{') && trimmed.includes('"errors"')) {
    try {
      const parsed = JSON.parse(trimmed) as {
        predictions?: unknown[];
        errors?: Array<{ index: number; message: string }>;
      };
      if (Array.isArray(parsed.predictions) && Array.isArray(parsed.errors)) {
        const failed = new Map(parsed.errors.map((e) => [e.index, e.message]));
        return parsed.predictions.map((p, i) =>
          failed.has(i)
            ? JSON.stringify({ error: failed.get(i) })
            : /csv/i.test(accept) && Array.isArray(p)
              ? p.join(',')
              : JSON.stringify(p),
        );
      }
    } catch {
      // Not the envelope: written as it is.
    }
  }
  return trimmed === '' ? [] : trimmed.split('\n');
}

/** `DataProcessing.JoinSource: Input`: the record joined with its output, as Batch Transform does. */
function join(record: string, output: string, contentType: string): string {
  if (/csv/i.test(contentType)) return `${record},${output}`;
  try {
    const input = JSON.parse(record) as unknown;
    const out = JSON.parse(output) as unknown;
    return JSON.stringify(
      isRecord(input)
        ? { ...input, SageMakerOutput: out }
        : { SageMakerInput: input, SageMakerOutput: out },
    );
  } catch {
    return `${record},${output}`;
  }
}

/**
 * Runs a job as Batch Transform does: for every input object, splits its records (`SplitType`),
 * packs them into mini-batches of at most `MaxPayloadInMB` (`MultiRecord`) or sends them one by one,
 * calls the model as `InvokeEndpoint` of the model's name would be answered (so
 * `emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ [model]: cost }))` sets the
 * job's cost model too), and writes `<S3OutputPath>/<object>.out`. A call that fails (a poison row's
 * 424) fails the job with `ClientError: …`, as SageMaker reports a container error.
 */
async function run(store: S3Store, job: TransformJob, model: ModelInvoker): Promise<void> {
  const r = job.request;
  const input = required(r, ['TransformInput', 'DataSource', 'S3DataSource', 'S3Uri']);
  const output = required(r, ['TransformOutput', 'S3OutputPath']);
  const contentType = String(at(r, ['TransformInput', 'ContentType']) ?? '');
  const accept = String(at(r, ['TransformOutput', 'Accept']) ?? contentType);
  const split = String(at(r, ['TransformInput', 'SplitType']) ?? 'None');
  const single = r.BatchStrategy === 'SingleRecord';
  const payloadMB = typeof r.MaxPayloadInMB === 'number' ? r.MaxPayloadInMB : 6;
  const maxBytes = payloadMB === 0 ? Number.POSITIVE_INFINITY : payloadMB * MIB;
  const joined = at(r, ['DataProcessing', 'JoinSource']) === 'Input';
  const lineBased = at(r, ['TransformOutput', 'AssembleWith']) === 'Line';
  const { bucket, key } = splitS3Uri(output.endsWith('/') ? output : `${output}/`);
  const handler = model();
  const ctx: HandlerContext = {
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    requestId: `transform-${job.name}`,
    headers: {},
    httpVersion: '1.1',
  };
  const invoke = async (body: Buffer): Promise<{ Body?: unknown }> =>
    (await handler(
      {
        EndpointName: r.ModelName,
        Body: new Uint8Array(body),
        ContentType: contentType,
        Accept: accept,
      },
      ctx,
    )) as { Body?: unknown };
  for (const file of inputObjects(store, input)) {
    if (job.stop) return;
    const source = Buffer.from(file.body);
    const out: Buffer[] = [];
    if (split === 'Line') {
      const records = source
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      let at = 0;
      while (at < records.length) {
        if (job.stop) return;
        let end = at + 1;
        let bytes = Buffer.byteLength(records[at] as string) + 1;
        if (bytes > maxBytes) {
          throw new Error(`ClientError: a record of ${file.key} is larger than MaxPayloadInMB`);
        }
        while (!single && end < records.length) {
          const next = Buffer.byteLength(records[end] as string) + 1;
          if (bytes + next > maxBytes) break;
          bytes += next;
          end++;
        }
        const batch = records.slice(at, end);
        const answer = await invoke(Buffer.from(`${batch.join('\n')}\n`));
        const lines = answerLines(text(answer.Body), accept);
        const written = joined
          ? lines.map((line, i) => join(batch[i] ?? '', line, contentType))
          : lines;
        out.push(Buffer.from(written.length ? `${written.join('\n')}\n` : ''));
        at = end;
      }
    } else {
      const answer = await invoke(source);
      const body =
        answer.Body instanceof Uint8Array
          ? Buffer.from(answer.Body)
          : Buffer.from(text(answer.Body));
      out.push(lineBased ? Buffer.concat([body, Buffer.from('\n')]) : body);
    }
    // A job forgotten by `emu.reset()` while it ran must not write into the fresh emulator's S3.
    if (job.forgotten) return;
    store.put(
      bucket,
      `${key}${file.relative}.out`,
      new Uint8Array(Buffer.concat(out)),
      'application/octet-stream',
      {},
    );
  }
}

function describe(job: TransformJob): Record<string, unknown> {
  const r = job.request;
  const ended = job.status !== 'InProgress' && job.status !== 'Stopping';
  return {
    TransformJobName: job.name,
    TransformJobArn: job.arn,
    TransformJobStatus: job.status,
    ...(job.failure ? { FailureReason: job.failure } : {}),
    ModelName: r.ModelName,
    ...(r.MaxConcurrentTransforms !== undefined
      ? { MaxConcurrentTransforms: r.MaxConcurrentTransforms }
      : {}),
    MaxPayloadInMB: r.MaxPayloadInMB ?? 6,
    BatchStrategy: r.BatchStrategy ?? 'MultiRecord',
    ...(r.Environment ? { Environment: r.Environment } : {}),
    TransformInput: r.TransformInput,
    TransformOutput: r.TransformOutput,
    TransformResources: r.TransformResources,
    ...(r.DataProcessing ? { DataProcessing: r.DataProcessing } : {}),
    CreationTime: CREATED,
    TransformStartTime: CREATED + 60,
    ...(ended ? { TransformEndTime: CREATED + 600 } : {}),
  };
}

/**
 * Amazon SageMaker's control plane, Batch Transform only (awsJson1_1, `SageMaker.*`):
 * Create/Describe/List/StopTransformJob. A created job runs at once in the background over the
 * emulator's S3 (see {@link run}); Describe answers `InProgress` until it has written every `.out`
 * object. Models are looked up as `InvokeEndpoint` endpoint names. `emu.reset()` forgets every job
 * (Describe answers ResourceNotFound, List none) and stops those still running.
 */
export function createSageMakerControlService(
  store: S3Store,
  model: ModelInvoker,
): ServiceDefinition {
  const jobs = new Map<string, TransformJob>();
  const find = (name: unknown): TransformJob => {
    const job = jobs.get(String(name ?? ''));
    if (!job) {
      throw new EmulatorError('ResourceNotFound', `Could not find job "${String(name)}".`);
    }
    return job;
  };
  const create: Handler = (input) => {
    const name = required(input, ['TransformJobName']);
    required(input, ['ModelName']);
    required(input, ['TransformInput', 'DataSource', 'S3DataSource', 'S3Uri']);
    required(input, ['TransformOutput', 'S3OutputPath']);
    if (!NAME.test(name)) {
      throw new EmulatorError(
        'ValidationError',
        `TransformJobName ${name} does not match the pattern`,
      );
    }
    if (jobs.has(name)) {
      throw new EmulatorError(
        'ResourceInUse',
        `Job name must be unique within an AWS account and region, and a job with this name already exists (arn:aws:sagemaker:${REGION}:${ACCOUNT}:transform-job/${name})`,
      );
    }
    const job: TransformJob = {
      name,
      arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:transform-job/${name.toLowerCase()}`,
      request: input,
      status: 'InProgress',
      stop: false,
      done: Promise.resolve(),
    };
    jobs.set(name, job);
    // Runs after this answer is sent, as the real job starts after CreateTransformJob returns.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(store, job, model))
      .then(
        () => {
          job.status = job.stop ? 'Stopped' : 'Completed';
        },
        (err: unknown) => {
          job.status = 'Failed';
          const message = err instanceof Error ? err.message : String(err);
          job.failure = message.startsWith('ClientError') ? message : `ClientError: ${message}`;
        },
      );
    return { TransformJobArn: job.arn };
  };
  const get: Handler = async (input) => {
    const job = find(input.TransformJobName);
    return describe(job);
  };
  const list: Handler = (input) => {
    const all = [...jobs.values()].filter(
      (j) =>
        (input.StatusEquals === undefined || j.status === input.StatusEquals) &&
        (input.NameContains === undefined || j.name.includes(String(input.NameContains))),
    );
    return {
      TransformJobSummaries: all.map((j) => ({
        TransformJobName: j.name,
        TransformJobArn: j.arn,
        TransformJobStatus: j.status,
        CreationTime: CREATED,
        ...(j.failure ? { FailureReason: j.failure } : {}),
      })),
    };
  };
  const stop: Handler = (input) => {
    const job = find(input.TransformJobName);
    if (job.status === 'InProgress') {
      job.stop = true;
      job.status = 'Stopping';
    }
    return {};
  };
  return {
    name: 'sagemaker',
    protocol: 'aws-json',
    signingName: 'sagemaker',
    targetPrefix: 'SageMaker',
    routes: [],
    handlers: {
      CreateTransformJob: create,
      DescribeTransformJob: get,
      ListTransformJobs: list,
      StopTransformJob: stop,
    },
    reset: () => {
      for (const job of jobs.values()) {
        job.stop = true;
        job.forgotten = true;
      }
      jobs.clear();
    },
    errors: {
      CreateTransformJob: ['ResourceInUse', 'ValidationError'],
      DescribeTransformJob: ['ResourceNotFound'],
      ListTransformJobs: [],
      StopTransformJob: ['ResourceNotFound'],
    },
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    errorStatus: { ResourceNotFound: 400, ResourceInUse: 400, ResourceLimitExceeded: 400 },
  };
}
