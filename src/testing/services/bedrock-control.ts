import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import { cannedConverse } from './bedrock-converse';
import { embeddingAnswer } from './bedrock-embeddings';
import { countTokens } from './canned-reply';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';
import { inputObjects, type S3Store, splitS3Uri } from './s3-store';

/**
 * A record whose model input contains this text fails in the emulated batch job with a per-record
 * error, as Bedrock reports one (`error: { errorCode, errorMessage }` instead of `modelOutput`).
 */
export const BATCH_RECORD_ERROR_MARKER = '[emulator:record-error]';

/** Bedrock's default quotas that the emulated job checks (see src/generative/limits.ts). */
const MIN_RECORDS = 100;
const MAX_RECORDS = 50_000;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
/** A fixed clock, so answers are deterministic. */
const SUBMIT_TIME = '2024-01-01T00:00:00Z';

interface BatchJob {
  id: string;
  arn: string;
  request: EmulatorInput;
  status: string;
  message?: string;
  checks: number;
  counts?: { total: number; processed: number; success: number; error: number };
}

function required(input: EmulatorInput, path: string[]): string {
  let value: unknown = input;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new EmulatorError('ValidationException', `${path.join('.')} is required`);
  }
  return value;
}

function recordOutput(modelId: string, invocation: string, modelInput: unknown): unknown {
  if (invocation === 'Converse') {
    const reply = cannedConverse(isRecord(modelInput) ? modelInput : {});
    return {
      output: { message: { role: 'assistant', content: [{ text: reply.text }] } },
      stopReason: reply.stopReason,
      usage: reply.usage,
      metrics: { latencyMs: 1 },
    };
  }
  const body = Buffer.from(JSON.stringify(modelInput));
  const embedding = embeddingAnswer({ modelId, body: new Uint8Array(body) });
  return embedding ? JSON.parse(Buffer.from(embedding).toString('utf8')) : modelInput;
}

/**
 * Runs a job as Bedrock does once it leaves the queue: reads every `.jsonl` file under the input
 * URI, answers each record, and writes `<output><jobId>/<file>.out` (records in pairs swapped: AWS
 * promises no order inside an output file) and `manifest.json.out`.
 */
function run(store: S3Store, job: BatchJob): void {
  const input = required(job.request, ['inputDataConfig', 's3InputDataConfig', 's3Uri']);
  const output = required(job.request, ['outputDataConfig', 's3OutputDataConfig', 's3Uri']);
  const modelId = String(job.request.modelId);
  const invocation = job.request.modelInvocationType === 'Converse' ? 'Converse' : 'InvokeModel';
  const files = inputObjects(store, input).filter((f) => f.key.endsWith('.jsonl'));
  const parsed = files.map((file) => ({
    relative: file.relative,
    lines: Buffer.from(file.body)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  }));
  const total = parsed.reduce((n, f) => n + f.lines.length, 0);
  if (total < MIN_RECORDS || total > MAX_RECORDS) {
    job.status = 'Failed';
    job.message = `The number of records in the input (${total}) must be between ${MIN_RECORDS} and ${MAX_RECORDS}.`;
    return;
  }
  const { bucket, key } = splitS3Uri(output.endsWith('/') ? output : `${output}/`);
  let success = 0;
  let errors = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const file of parsed) {
    const out: string[] = [];
    for (const [n, line] of file.lines.entries()) {
      let record: Record<string, unknown>;
      try {
        const value: unknown = JSON.parse(line);
        record = isRecord(value) ? value : {};
      } catch {
        record = {};
      }
      const recordId =
        typeof record.recordId === 'string' ? record.recordId : `${n}`.padStart(11, '0');
      const modelInput = record.modelInput;
      if (
        modelInput === undefined ||
        JSON.stringify(modelInput).includes(BATCH_RECORD_ERROR_MARKER)
      ) {
        errors++;
        out.push(
          JSON.stringify({
            recordId,
            modelInput,
            error: {
              errorCode: 400,
              errorMessage: 'Malformed input request, please reformat your input and try again.',
            },
          }),
        );
        continue;
      }
      const modelOutput = recordOutput(modelId, invocation, modelInput);
      inputTokens += countTokens(JSON.stringify(modelInput));
      outputTokens += countTokens(JSON.stringify(modelOutput));
      success++;
      out.push(JSON.stringify({ recordId, modelInput, modelOutput }));
    }
    for (let i = 0; i + 1 < out.length; i += 2) {
      const a = out[i] as string;
      out[i] = out[i + 1] as string;
      out[i + 1] = a;
    }
    store.put(
      bucket,
      `${key}${job.id}/${file.relative}.out`,
      new Uint8Array(Buffer.from(out.length ? `${out.join('\n')}\n` : '')),
      'application/octet-stream',
      {},
    );
  }
  const manifest = {
    totalRecordCount: total,
    processedRecordCount: total,
    successRecordCount: success,
    errorRecordCount: errors,
    inputTokenCount: inputTokens,
    outputTokenCount: outputTokens,
  };
  store.put(
    bucket,
    `${key}${job.id}/manifest.json.out`,
    new Uint8Array(Buffer.from(JSON.stringify(manifest))),
    'application/json',
    {},
  );
  job.counts = { total, processed: total, success, error: errors };
  job.status = errors > 0 ? 'PartiallyCompleted' : 'Completed';
}

function describe(job: BatchJob): Record<string, unknown> {
  const r = job.request;
  return {
    jobArn: job.arn,
    jobName: r.jobName,
    modelId: r.modelId,
    ...(r.clientRequestToken ? { clientRequestToken: r.clientRequestToken } : {}),
    roleArn: r.roleArn,
    status: job.status,
    ...(job.message ? { message: job.message } : {}),
    submitTime: SUBMIT_TIME,
    lastModifiedTime: SUBMIT_TIME,
    inputDataConfig: r.inputDataConfig,
    outputDataConfig: r.outputDataConfig,
    ...(r.timeoutDurationInHours !== undefined
      ? { timeoutDurationInHours: r.timeoutDurationInHours }
      : {}),
    modelInvocationType: r.modelInvocationType ?? 'InvokeModel',
    ...(job.counts
      ? {
          totalRecordCount: job.counts.total,
          processedRecordCount: job.counts.processed,
          successRecordCount: job.counts.success,
          errorRecordCount: job.counts.error,
        }
      : {}),
  };
}

function route(
  operation: string,
  method: string,
  path: string,
  query?: Record<string, string>,
): RestRoute {
  return {
    operation,
    method,
    path,
    request: { ...(query ? { query } : {}), body: { kind: method === 'GET' ? 'none' : 'json' } },
    response: { body: { kind: 'json' } },
  };
}

/**
 * Amazon Bedrock's control plane, batch inference only: Create/Get/List/StopModelInvocationJob.
 * A job is `Submitted` when created, `InProgress` at its first Get and done at its second: then it
 * reads its JSONL input from the emulator's S3 and writes the output files Bedrock writes.
 * `emu.reset()` forgets every job (Get answers ResourceNotFoundException, List none) and restarts
 * the ids.
 */
export function createBedrockControlService(store: S3Store): ServiceDefinition {
  const jobs = new Map<string, BatchJob>();
  const byToken = new Map<string, BatchJob>();
  let next = 0;
  const find = (identifier: unknown): BatchJob => {
    const id = String(identifier ?? '').replace(/^.*\//, '');
    const job = jobs.get(id);
    if (!job) throw new EmulatorError('ResourceNotFoundException', `Job ${id} not found`);
    return job;
  };
  const create: Handler = (input) => {
    for (const member of ['jobName', 'roleArn', 'modelId']) required(input, [member]);
    required(input, ['inputDataConfig', 's3InputDataConfig', 's3Uri']);
    required(input, ['outputDataConfig', 's3OutputDataConfig', 's3Uri']);
    const token =
      typeof input.clientRequestToken === 'string' ? input.clientRequestToken : undefined;
    const same = token ? byToken.get(token) : undefined;
    if (same) return { jobArn: same.arn };
    if ([...jobs.values()].some((j) => j.request.jobName === input.jobName)) {
      throw new EmulatorError(
        'ConflictException',
        `A job named ${String(input.jobName)} already exists`,
      );
    }
    next++;
    const id = next.toString(36).padStart(12, '0');
    const job: BatchJob = {
      id,
      arn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation-job/${id}`,
      request: input,
      status: 'Submitted',
      checks: 0,
    };
    jobs.set(id, job);
    if (token) byToken.set(token, job);
    return { jobArn: job.arn };
  };
  const get: Handler = (input) => {
    const job = find(input.jobIdentifier);
    job.checks++;
    if (job.status === 'Submitted') job.status = 'InProgress';
    else if (job.status === 'InProgress') run(store, job);
    else if (job.status === 'Stopping') job.status = 'Stopped';
    return describe(job);
  };
  const list: Handler = (input) => {
    const all = [...jobs.values()].filter(
      (j) =>
        (input.statusEquals === undefined || j.status === input.statusEquals) &&
        (input.nameContains === undefined ||
          String(j.request.jobName).includes(String(input.nameContains))),
    );
    return { invocationJobSummaries: all.map(describe) };
  };
  const stop: Handler = (input) => {
    const job = find(input.jobIdentifier);
    if (!['Submitted', 'InProgress', 'Validating', 'Scheduled'].includes(job.status)) {
      throw new EmulatorError(
        'ConflictException',
        `Job ${job.id} is ${job.status} and cannot be stopped`,
      );
    }
    job.status = 'Stopping';
    return {};
  };
  return {
    name: 'bedrock',
    protocol: 'rest-json',
    signingName: 'bedrock',
    routes: [
      route('CreateModelInvocationJob', 'POST', '/model-invocation-job'),
      route('GetModelInvocationJob', 'GET', '/model-invocation-job/{jobIdentifier}'),
      route('ListModelInvocationJobs', 'GET', '/model-invocation-jobs', {
        statusEquals: 'statusEquals',
        nameContains: 'nameContains',
        maxResults: 'maxResults',
        nextToken: 'nextToken',
      }),
      route('StopModelInvocationJob', 'POST', '/model-invocation-job/{jobIdentifier}/stop'),
    ],
    handlers: {
      CreateModelInvocationJob: create,
      GetModelInvocationJob: get,
      ListModelInvocationJobs: list,
      StopModelInvocationJob: stop,
    },
    reset: () => {
      jobs.clear();
      byToken.clear();
      next = 0;
    },
    errors: {
      CreateModelInvocationJob: ['ValidationException', 'ConflictException'],
      GetModelInvocationJob: ['ResourceNotFoundException'],
      ListModelInvocationJobs: [],
      StopModelInvocationJob: ['ResourceNotFoundException', 'ConflictException'],
    },
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    errorStatus: {
      AccessDeniedException: 403,
      ResourceNotFoundException: 404,
      ConflictException: 400,
      ServiceQuotaExceededException: 400,
    },
  };
}
