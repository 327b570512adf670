/**
 * Bedrock batch inference: writes the JSONL input (record ids aws-ai assigns), splits it into as
 * many CreateModelInvocationJob jobs as AWS's per-job limits need (never one under the minimum),
 * and reads the `.jsonl.out` files back in input order, one file at a time.
 * @internal
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { createContext } from '../core/context';
import { s3Folder, splitS3Prefix } from '../core/inputs';
import { createJob, type JobRef, type JobState, type JobStatus } from '../core/job';
import { objectLines } from '../core/object-lines';
import { listKeys, writeObject } from '../core/staging';
import { BatchItemError, ValidationError } from '../errors';
import { BEDROCK_CONTROL } from './batch-service';
import type {
  EmbedBatchOptions,
  GenerativeBatchJob,
  GenerativeBatchLimits,
  GenerativeBatchOptions,
  GenerativeBatchRecord,
  GenerativeBatchResult,
} from './batch-types';
import { buildConverseRequest } from './converse-input';
import { checkEmbedOptions, familyOf } from './embed-families';
import {
  BATCH_MAX_FILE_BYTES,
  BATCH_MAX_JOB_BYTES,
  BATCH_MAX_RECORDS_PER_JOB,
  BATCH_MIN_RECORDS_PER_JOB,
  BATCH_RECORDS_PER_FILE,
  BATCH_TIMEOUT_HOURS,
} from './limits';
import { assertModel } from './model-id';
import type { GenerateParams } from './types';
import { toFinishReason, toUsage } from './usage';

/** `kind` of a batch inference job's {@link JobRef}. */
export const BEDROCK_BATCH_KIND = 'bedrock.batch';

/** The bedrock model's patterns (CreateModelInvocationJobRequest). */
const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const S3_URI =
  /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?$/;
/** Room left in the 63-character job name for `-<n>` when a batch is split. */
const MAX_NAME = 59;

/** One AWS job of a batch, as its ref keeps it: ARN, input folder and records per input file. */
interface RefJob {
  arn: string;
  input: string;
  files: number[];
}

/** What the `ref` of a batch holds besides kind/id/region. */
interface BatchRefData {
  output: string;
  invocation: 'Converse' | 'InvokeModel';
  records: number;
  jobs: RefJob[];
  /** Embedding batches: how to turn `modelOutput` into a vector. */
  embed?: { model: string; family?: string | undefined; normalize?: boolean | undefined };
}

type Encoder = (record: unknown, index: number) => Promise<string>;

/** `R` + ten digits: an 11-character alphanumeric record id that sorts like the index. */
function recordId(index: number): string {
  return `R${String(index).padStart(10, '0')}`;
}

function indexOf(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^R\d{10}$/.test(id)) return undefined;
  return Number(id.slice(1));
}

function fileName(f: number): string {
  return `part-${String(f + 1).padStart(5, '0')}.jsonl`;
}

function positiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError(`${name} must be an integer >= 1, got ${String(value)}`);
  }
  return value;
}

interface Plan {
  min: number;
  max: number;
  perFile: number;
  name: string;
  input: string;
  output: string;
}

/** Checks every option before anything is read, uploaded or sent. */
function plan(options: GenerativeBatchOptions | EmbedBatchOptions): Plan {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('Pass batch options: { model, role, output }');
  }
  assertModel(options.model);
  if (typeof options.role !== 'string' || !ROLE_ARN.test(options.role)) {
    throw new ValidationError(
      'options.role must be an IAM role ARN (arn:aws:iam::123456789012:role/Name) that Bedrock can assume to read the input and write the output',
    );
  }
  for (const key of ['output', 'input'] as const) {
    const value = options[key];
    if (key === 'input' && value === undefined) continue;
    if (typeof value !== 'string' || !S3_URI.test(value)) {
      throw new ValidationError(
        `options.${key} must be an S3 URI such as s3://my-bucket/prefix/ (letters, digits and -!_*'(). in keys)`,
      );
    }
  }
  const name = options.name ?? `aws-ai-batch-${Date.now().toString(36)}`;
  if (typeof name !== 'string' || !JOB_NAME.test(name) || name.length > MAX_NAME) {
    throw new ValidationError(
      `options.name must be 1–${MAX_NAME} letters, digits, + - . starting with a letter or digit (Bedrock's job name pattern)`,
    );
  }
  const hours = options.timeoutHours;
  if (
    hours !== undefined &&
    !(
      Number.isInteger(hours) &&
      hours >= BATCH_TIMEOUT_HOURS.min &&
      hours <= BATCH_TIMEOUT_HOURS.max
    )
  ) {
    throw new ValidationError(
      `options.timeoutHours must be an integer within ${BATCH_TIMEOUT_HOURS.min}..${BATCH_TIMEOUT_HOURS.max}, got ${String(hours)}`,
    );
  }
  const limits: GenerativeBatchLimits = options.limits ?? {};
  const min =
    positiveInt('limits.minRecordsPerJob', limits.minRecordsPerJob) ?? BATCH_MIN_RECORDS_PER_JOB;
  const max =
    positiveInt('limits.maxRecordsPerJob', limits.maxRecordsPerJob) ?? BATCH_MAX_RECORDS_PER_JOB;
  if (max <= min) {
    throw new ValidationError(
      `limits.maxRecordsPerJob (${max}) must be above limits.minRecordsPerJob (${min})`,
    );
  }
  const perFile = Math.min(
    positiveInt('limits.recordsPerFile', limits.recordsPerFile) ?? BATCH_RECORDS_PER_FILE,
    max - min,
  );
  const output = s3Folder(options.output);
  const input = s3Folder(options.input ?? `${output}${name}/input`);
  return { min, max, perFile, name, input, output };
}

const NOT_IN_BATCH = [
  'tools',
  'toolChoice',
  'maxSteps',
  'responseFormat',
  'guardrail',
  'promptVariables',
  'serviceTier',
  'latency',
  'requestMetadata',
  'model',
] as const;

function converseEncoder(model: string): Encoder {
  return async (record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new ValidationError(`records[${index}] must be an object ({ prompt } or { body })`);
    }
    if ('body' in record) {
      throw new ValidationError(
        `records[${index}] is a raw { body } but records[0] was generate params: one batch is all one or the other`,
      );
    }
    for (const key of NOT_IN_BATCH) {
      if ((record as Record<string, unknown>)[key] !== undefined) {
        throw new ValidationError(
          key === 'model'
            ? `records[${index}].model: the model is the batch's (options.model)`
            : `records[${index}].${key} is not available in Bedrock batch inference`,
        );
      }
    }
    let built: Awaited<ReturnType<typeof buildConverseRequest>>;
    try {
      built = await buildConverseRequest({ ...(record as GenerateParams), model });
    } catch (err) {
      if (ValidationError.isInstance(err)) {
        throw new ValidationError(`records[${index}]: ${err.message}`, { cause: err });
      }
      throw err;
    }
    const { modelId: _model, ...modelInput } = built.request as { modelId?: string };
    return JSON.stringify({ recordId: recordId(index), modelInput });
  };
}

function rawEncoder(): Encoder {
  return async (record, index) => {
    const body = (record as { body?: unknown } | null)?.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError(
        `records[${index}] must be { body: object } like records[0] (a raw model body)`,
      );
    }
    return JSON.stringify({ recordId: recordId(index), modelInput: body });
  };
}

async function* iterate<R>(records: Iterable<R> | AsyncIterable<R>): AsyncGenerator<R> {
  yield* records as AsyncIterable<R>;
}

interface PendingJob {
  input: string;
  files: number[];
  count: number;
  bytes: number;
}

/**
 * Writes the records as JSONL input files, holding at most `perFile + min` encoded lines: a file is
 * written only once `min` more records are known to follow, so the last job can always be given at
 * least `min` records (moved from the one before it when needed).
 */
async function writeInput(
  ctx: ModuleContext,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  encoderFor: (first: unknown) => Encoder,
  p: Plan,
  options: RequestOptions,
): Promise<PendingJob[]> {
  const jobs: PendingJob[] = [];
  let buf: string[] = [];
  let index = 0;
  let encode: Encoder | undefined;

  const newJob = (): PendingJob => {
    const job = {
      input: `${p.input}job-${String(jobs.length + 1).padStart(3, '0')}/`,
      files: [],
      count: 0,
      bytes: 0,
    };
    jobs.push(job);
    return job;
  };
  const upload = async (job: PendingJob, lines: string[]): Promise<void> => {
    const body = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const bytes = body.length;
    if (bytes > BATCH_MAX_FILE_BYTES) {
      throw new ValidationError(
        `An input file of ${lines.length} records is ${bytes} bytes, above Bedrock's ${BATCH_MAX_FILE_BYTES}: lower limits.recordsPerFile`,
      );
    }
    const { bucket, key } = splitS3Prefix(`${job.input}${fileName(job.files.length)}`);
    job.files.push(lines.length);
    job.count += lines.length;
    job.bytes += bytes;
    await writeObject(ctx, { bucket, key }, body, 'application/jsonl', options);
  };
  const fits = (job: PendingJob | undefined, lines: string[]): boolean =>
    job !== undefined &&
    job.count + lines.length <= p.max &&
    job.bytes + lines.reduce((n, l) => n + l.length + 1, 0) <= BATCH_MAX_JOB_BYTES;
  const put = async (lines: string[]): Promise<void> => {
    const last = jobs.at(-1);
    await upload(last && fits(last, lines) ? last : newJob(), lines);
  };

  for await (const record of iterate(records)) {
    encode ??= encoderFor(record);
    buf.push(await encode(record, index));
    index++;
    if (buf.length >= p.perFile + p.min) {
      await put(buf.slice(0, p.perFile));
      buf = buf.slice(p.perFile);
    }
  }
  if (index < p.min) {
    throw new ValidationError(
      `A Bedrock batch inference job needs at least ${p.min} records, got ${index} (use generate for fewer, or limits.minRecordsPerJob if your quota differs)`,
    );
  }
  // The tail (min..perFile+min-1 records, or all of them when nothing was written yet).
  const last = jobs.at(-1);
  if (last && !fits(last, buf)) {
    const room = Math.min(p.max - last.count, buf.length - p.min);
    if (room > 0) await upload(last, buf.slice(0, room));
    buf = buf.slice(Math.max(room, 0));
    const next = newJob();
    while (buf.length > 0) {
      await upload(next, buf.slice(0, p.perFile));
      buf = buf.slice(p.perFile);
    }
    return jobs;
  }
  const target = last ?? newJob();
  while (buf.length > 0) {
    await upload(target, buf.slice(0, p.perFile));
    buf = buf.slice(p.perFile);
  }
  return jobs;
}

const STATES: Record<string, JobState> = {
  Submitted: 'submitted',
  Validating: 'submitted',
  Scheduled: 'submitted',
  InProgress: 'in-progress',
  Stopping: 'stopping',
  Completed: 'completed',
  PartiallyCompleted: 'partially-completed',
  Failed: 'failed',
  Stopped: 'stopped',
  Expired: 'expired',
};

/** One state for several AWS jobs: the worst end, else the least advanced running state. */
function combine(states: JobState[]): JobState {
  for (const s of [
    'failed',
    'expired',
    'stopped',
    'stopping',
    'submitted',
    'in-progress',
  ] as const) {
    if (states.includes(s)) return s;
  }
  return states.includes('partially-completed') ? 'partially-completed' : 'completed';
}

/** A model-invocation-job ARN: what a ref rebuilt from an EventBridge event names. */
const JOB_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:model-invocation-job\/[a-z0-9]+$/;

function refData(ref: JobRef): BatchRefData & { discover?: boolean } {
  const data = ref as unknown as BatchRefData & JobRef;
  // From a completion event: only the job's ARN; output and invocation type are read from
  // GetModelInvocationJob, and the output files listed.
  if (
    ref?.kind === BEDROCK_BATCH_KIND &&
    data.jobs === undefined &&
    typeof ref.id === 'string' &&
    JOB_ARN.test(ref.id)
  ) {
    return { output: '', invocation: 'InvokeModel', records: 0, jobs: [], discover: true };
  }
  const ok =
    ref.kind === BEDROCK_BATCH_KIND &&
    typeof data.output === 'string' &&
    (data.invocation === 'Converse' || data.invocation === 'InvokeModel') &&
    Array.isArray(data.jobs) &&
    data.jobs.length > 0 &&
    data.jobs.every(
      (j) => typeof j?.arn === 'string' && typeof j.input === 'string' && Array.isArray(j.files),
    );
  if (!ok) throw new ValidationError('Not the ref of a Bedrock batch job (kind bedrock.batch)');
  return data;
}

function converseResult(index: number, output: unknown): GenerativeBatchResult {
  const o = output as {
    output?: { message?: { content?: Array<{ text?: unknown }> } };
    stopReason?: string;
    usage?: Parameters<typeof toUsage>[0];
  };
  const text = (o?.output?.message?.content ?? [])
    .map((block) => (typeof block?.text === 'string' ? block.text : ''))
    .join('');
  return {
    index,
    text,
    ...(typeof o?.stopReason === 'string' ? { finishReason: toFinishReason(o.stopReason) } : {}),
    usage: toUsage(o?.usage),
    output,
  };
}

function unitLength(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(norm > 0 ? values.map((v) => v / norm) : values);
}

/**
 * Builds the job of a batch from its ref: status combines every AWS job, results read their
 * `.jsonl.out` files in input order (one file in memory at a time), cancel stops them all.
 * @internal
 */
export function batchJob<T = GenerativeBatchResult>(
  base: ModuleContext,
  ref: JobRef,
): GenerativeBatchJob<T> {
  const data = refData(ref);
  const ctx =
    typeof ref.region === 'string' && ref.region !== base.config.region
      ? createContext({ region: ref.region }, base)
      : base;
  const site = { operation: 'GetModelInvocationJob' };
  const embed = data.embed
    ? (() => {
        const { model, family, normalize } = data.embed;
        const adapter = familyOf(model, family as never);
        const local = normalize === true && adapter.family !== 'titan-v2';
        return (output: unknown): Float32Array => {
          const vector = adapter.vectors(output)[0] ?? [];
          return local ? unitLength(vector) : Float32Array.from(vector);
        };
      })()
    : undefined;
  const toItem = (index: number, line: Record<string, unknown>): T | BatchItemError => {
    if (line.error !== undefined || line.modelOutput === undefined) {
      const error = (line.error ?? {}) as { errorCode?: unknown; errorMessage?: unknown };
      const code = error.errorCode === undefined ? 'MissingOutput' : String(error.errorCode);
      return new BatchItemError(index, `Record ${index} failed in the batch job (${code})`, {
        service: 'bedrock',
        operation: 'CreateModelInvocationJob',
        code,
        ...(typeof error.errorMessage === 'string' ? { serviceMessage: error.errorMessage } : {}),
      });
    }
    try {
      if (embed) return embed(line.modelOutput) as T;
      return (
        data.invocation === 'Converse'
          ? converseResult(index, line.modelOutput)
          : { index, output: line.modelOutput }
      ) as T;
    } catch (err) {
      return new BatchItemError(index, `Record ${index}: unexpected model output`, {
        service: 'bedrock',
        operation: 'CreateModelInvocationJob',
        code: 'MalformedOutput',
        cause: err,
      });
    }
  };

  /** An event's job: its output folder listed, each file's lines put in record-id order. */
  async function* discover(options: RequestOptions): AsyncGenerator<T | BatchItemError> {
    const out = await callAws(
      ctx,
      BEDROCK_CONTROL,
      site.operation,
      ({ client, sdk, signal }) =>
        client.send(new sdk.GetModelInvocationJobCommand({ jobIdentifier: ref.id }), {
          abortSignal: signal,
        }),
      options,
    );
    data.invocation = out.modelInvocationType === 'Converse' ? 'Converse' : 'InvokeModel';
    const jobId = ref.id.slice(ref.id.lastIndexOf('/') + 1);
    const { bucket, key } = splitS3Prefix(
      `${s3Folder(out.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? '')}${jobId}/`,
    );
    const keys = (await listKeys(ctx, { bucket, prefix: key }, options))
      .filter((k) => k.endsWith('.jsonl.out'))
      .sort();
    let next = 0;
    for (const file of keys) {
      const lines: Array<[number, Record<string, unknown>]> = [];
      for await (const text of objectLines(ctx, { bucket, key: file }, options)) {
        if (!text.trim()) continue;
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          line.modelInput = undefined;
          lines.push([indexOf(line.recordId) ?? next, line]);
          next++;
        } catch {
          // A line that is not JSON has no record to report.
        }
      }
      lines.sort((a, b) => a[0] - b[0]);
      for (const [index, line] of lines) yield toItem(index, line);
    }
  }

  async function* read(options: RequestOptions): AsyncGenerator<T | BatchItemError> {
    if (data.discover) {
      yield* discover(options);
      return;
    }
    let start = 0;
    for (const job of data.jobs) {
      const jobId = job.arn.slice(job.arn.lastIndexOf('/') + 1);
      for (const [f, count] of job.files.entries()) {
        const { bucket, key } = splitS3Prefix(
          `${s3Folder(data.output)}${jobId}/${fileName(f)}.out`,
        );
        // AWS promises no order inside a file: place each line at its record's slot. The file is
        // streamed line by line, so only its parsed lines are held, never its whole text.
        const slots: Array<Record<string, unknown> | undefined> = new Array(count);
        for await (const text of objectLines(ctx, { bucket, key }, options)) {
          const raw = text.trim();
          if (!raw) continue;
          let line: Record<string, unknown>;
          try {
            line = JSON.parse(raw);
          } catch {
            continue;
          }
          const at = indexOf(line.recordId);
          // The echoed `modelInput` is not needed to answer: dropped to keep one file small.
          line.modelInput = undefined;
          if (at !== undefined && at >= start && at < start + count) slots[at - start] = line;
        }
        for (let i = 0; i < count; i++) {
          yield toItem(start + i, slots[i] ?? {});
          slots[i] = undefined;
        }
        start += count;
      }
    }
  }

  const arns = data.discover ? [ref.id] : data.jobs.map((j) => j.arn);
  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const outs = await Promise.all(
      arns.map((arn) =>
        callAws(
          ctx,
          BEDROCK_CONTROL,
          site.operation,
          ({ client, sdk, signal }) =>
            client.send(new sdk.GetModelInvocationJobCommand({ jobIdentifier: arn }), {
              abortSignal: signal,
            }),
          options,
        ),
      ),
    );
    const state = combine(outs.map((o) => STATES[o.status ?? 'Submitted'] ?? 'in-progress'));
    const message = outs.find((o) => o.message)?.message;
    const counted = outs.every((o) => o.totalRecordCount !== undefined);
    return {
      id: ref.id,
      state,
      ...(message ? { message } : {}),
      ...(counted
        ? {
            progress: {
              done: outs.reduce((n, o) => n + Number(o.processedRecordCount ?? 0), 0),
              total: outs.reduce((n, o) => n + Number(o.totalRecordCount ?? 0), 0),
              failed: outs.reduce((n, o) => n + Number(o.errorRecordCount ?? 0), 0),
            },
          }
        : {}),
    };
  };

  const job = createJob<T | BatchItemError>({
    ref,
    service: 'bedrock',
    operation: site.operation,
    describe,
    read: (_status, options) => read({ ...(options.signal ? { signal: options.signal } : {}) }),
    cancel: async (options) => {
      await Promise.all(
        arns.map((arn) =>
          callAws(
            ctx,
            BEDROCK_CONTROL,
            'StopModelInvocationJob',
            ({ client, sdk, signal }) =>
              client.send(new sdk.StopModelInvocationJobCommand({ jobIdentifier: arn }), {
                abortSignal: signal,
              }),
            options,
          ),
        ),
      );
    },
  });
  return Object.assign(job, {
    jobs: arns,
    records: data.records,
  }) as GenerativeBatchJob<T>;
}

async function start<T>(
  ctx: ModuleContext,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: GenerativeBatchOptions | EmbedBatchOptions,
  invocation: 'Converse' | 'InvokeModel' | 'auto',
  encoderFor: (first: unknown) => Encoder,
  embed?: BatchRefData['embed'],
): Promise<GenerativeBatchJob<T>> {
  const p = plan(options);
  if (
    typeof records !== 'object' ||
    records === null ||
    !(Symbol.iterator in records || Symbol.asyncIterator in records) ||
    typeof records === 'string'
  ) {
    throw new ValidationError('records must be an array or an (async) iterable of records');
  }
  // The call's scope (ADR 0006, amendment): the uploads and every CreateModelInvocationJob share one
  // deadline, signal and retry budget. The job built from the ref below is not bound to it.
  const request: RequestOptions = requestOptionsOf(options);
  // An array is checked whole before anything is uploaded.
  let kind: 'Converse' | 'InvokeModel' | undefined = invocation === 'auto' ? undefined : invocation;
  const pick = (first: unknown): Encoder => {
    kind ??=
      typeof first === 'object' && first !== null && 'body' in first ? 'InvokeModel' : 'Converse';
    return encoderFor(first);
  };
  if (Array.isArray(records)) {
    if (records.length < p.min) {
      throw new ValidationError(
        `A Bedrock batch inference job needs at least ${p.min} records, got ${records.length} (use generate for fewer, or limits.minRecordsPerJob if your quota differs)`,
      );
    }
    const check = encoderFor(records[0]);
    for (const [i, record] of records.entries()) await check(record, i);
  }
  const pending = await writeInput(ctx, records, pick, p, request);
  const arns: string[] = [];
  for (const [k, job] of pending.entries()) {
    const jobName = pending.length === 1 ? p.name : `${p.name}-${k + 1}`;
    const out = await callAws(
      ctx,
      BEDROCK_CONTROL,
      'CreateModelInvocationJob',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.CreateModelInvocationJobCommand({
            jobName,
            // Same token on a retried Create: Bedrock starts the job once.
            clientRequestToken: jobName.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, ''),
            roleArn: options.role,
            modelId: options.model,
            modelInvocationType: kind ?? 'Converse',
            inputDataConfig: { s3InputDataConfig: { s3InputFormat: 'JSONL', s3Uri: job.input } },
            outputDataConfig: { s3OutputDataConfig: { s3Uri: p.output } },
            ...(options.timeoutHours !== undefined
              ? { timeoutDurationInHours: options.timeoutHours }
              : {}),
          }),
          { abortSignal: signal },
        ),
      request,
    );
    if (!out.jobArn)
      throw new ValidationError('CreateModelInvocationJob answered without a jobArn');
    arns.push(out.jobArn);
  }
  const ref: JobRef = {
    kind: BEDROCK_BATCH_KIND,
    id: arns[0] ?? '',
    region: ctx.config.region,
    output: p.output,
    invocation: kind ?? 'Converse',
    records: pending.reduce((n, j) => n + j.count, 0),
    jobs: pending.map((j, k) => ({ arn: arns[k] ?? '', input: j.input, files: j.files })),
    ...(embed ? { embed: JSON.parse(JSON.stringify(embed)) } : {}),
  };
  return batchJob<T>(ctx, ref);
}

/**
 * `generative.batch`: generate params (Converse bodies) or raw `{ body }` records.
 * @internal
 */
export function startBatch(
  ctx: ModuleContext,
  records: Iterable<GenerativeBatchRecord> | AsyncIterable<GenerativeBatchRecord>,
  options: GenerativeBatchOptions,
): Promise<GenerativeBatchJob> {
  return start<GenerativeBatchResult>(ctx, records, options, 'auto', (first) =>
    typeof first === 'object' && first !== null && 'body' in first
      ? rawEncoder()
      : converseEncoder(options?.model),
  );
}

/**
 * `embedMany(texts, { batch: true })`: one embedding body per text (the model family's own).
 * @internal
 */
export function startEmbedBatch(
  ctx: ModuleContext,
  texts: Iterable<string> | AsyncIterable<string>,
  options: EmbedBatchOptions,
): Promise<GenerativeBatchJob<Float32Array>> {
  assertModel(options?.model);
  const adapter = familyOf(options.model, options.family);
  checkEmbedOptions(adapter, options);
  const encoder: Encoder = async (text, index) => {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new ValidationError(`texts[${index}] must be a non-blank string`);
    }
    return JSON.stringify({ recordId: recordId(index), modelInput: adapter.body([text], options) });
  };
  return start<Float32Array>(ctx, texts, options, 'InvokeModel', () => encoder, {
    model: options.model,
    family: adapter.family,
    ...(options.normalize !== undefined ? { normalize: options.normalize } : {}),
  });
}
