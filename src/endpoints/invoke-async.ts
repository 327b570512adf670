import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { parseS3Uri } from '../core/inputs';
import {
  type BuiltJob,
  createJob,
  type JobRef,
  type JobStatus,
  jobWaitOptions,
  pollOptionsOf,
} from '../core/job';
import { refContext } from '../core/job-ref';
import { poll, requireNonNegative } from '../core/polling';
import { readObject, stageForJob, withStaged } from '../core/staging';
import { NotFoundError, ServiceError, ValidationError } from '../errors';
import {
  acceptFor,
  checkDeserializer,
  decodeFailureReason,
  deserialize,
  serialize,
} from './codecs';
import { SAGEMAKER_ASYNC_INVOCATION_TIMEOUT_S, SAGEMAKER_ASYNC_TTL_S } from './limits';
import { EndpointAsyncError, mapInvokeError } from './model-error';
import { checkEndpoint, checkHeaders } from './payload';
import { SAGEMAKER } from './sagemaker';
import type {
  EndpointAsyncInput,
  EndpointAsyncJob,
  EndpointAsyncJobOptions,
  EndpointDeserializer,
  EndpointInvokeAsyncOptions,
  EndpointInvokeAsyncResult,
} from './types';

const OPERATION = 'InvokeEndpointAsync';
const SITE = { service: 'sagemaker-runtime', operation: OPERATION } as const;
const DEFAULT_POLL_TIMEOUT_MS = 15 * 60_000;

function checkRange(
  name: string,
  value: number | undefined,
  [min, max]: readonly [number, number],
) {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      `${name} must be an integer from ${min} to ${max}, got ${value}`,
      SITE,
    );
  }
}

function isLocation(input: EndpointAsyncInput): input is { inputLocation: string } {
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    !(input instanceof Uint8Array) &&
    typeof (input as { inputLocation?: unknown }).inputLocation === 'string' &&
    Object.keys(input).length === 1
  );
}

/** The object at `uri`, or undefined while it does not exist yet. */
async function tryRead(
  ctx: ModuleContext,
  uri: string,
  signal: AbortSignal | undefined,
): Promise<Uint8Array | undefined> {
  try {
    return await readObject(ctx, parseS3Uri(uri), { signal });
  } catch (err) {
    if (NotFoundError.isInstance(err)) return undefined;
    throw err;
  }
}

/** Checks what both `invokeAsync` and `startAsync` take, before anything is staged or sent. */
function checkOptions(
  endpoint: string,
  input: EndpointAsyncInput,
  options: EndpointInvokeAsyncOptions,
): { media: Uint8Array | { bucket: string; key: string }; contentType: string | undefined } {
  checkEndpoint(endpoint);
  checkHeaders(options, OPERATION);
  checkDeserializer(options.deserializer);
  if (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    !(input instanceof Uint8Array) &&
    Object.keys(input).length === 1 &&
    'inputLocation' in input &&
    typeof input.inputLocation !== 'string'
  ) {
    throw new ValidationError(
      `inputLocation must be an s3://bucket/key URI string, got ${input.inputLocation === null ? 'null' : typeof input.inputLocation}`,
    );
  }
  checkRange(
    'invocationTimeoutSeconds',
    options.invocationTimeoutSeconds,
    SAGEMAKER_ASYNC_INVOCATION_TIMEOUT_S,
  );
  checkRange('requestTTLSeconds', options.requestTTLSeconds, SAGEMAKER_ASYNC_TTL_S);
  // Read only while polling, after the upload: checked before anything is staged or sent.
  jobWaitOptions({
    pollIntervalMs: options.pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs,
    onProgress: options.onProgress,
  });
  if (options.pollTimeoutMs !== undefined)
    requireNonNegative('pollTimeoutMs', options.pollTimeoutMs);
  let contentType = options.contentType;
  let media: Uint8Array | { bucket: string; key: string };
  if (isLocation(input)) {
    media = parseS3Uri(input.inputLocation);
  } else {
    const encoded = serialize(input, options.serializer);
    media = encoded.body;
    contentType ??= encoded.contentType;
  }
  return { media, contentType };
}

/** InvokeEndpointAsync on a staged input: where the output and a failure will be written. */
async function startInference(
  ctx: ModuleContext,
  endpoint: string,
  uri: string,
  contentType: string | undefined,
  options: EndpointInvokeAsyncOptions,
): Promise<{
  outputLocation: string;
  failureLocation: string | undefined;
  inferenceId: string | undefined;
}> {
  const out = await callAws(
    ctx,
    SAGEMAKER,
    OPERATION,
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.InvokeEndpointAsyncCommand({
          EndpointName: endpoint,
          InputLocation: uri,
          ...(contentType ? { ContentType: contentType } : {}),
          Accept: options.accept ?? acceptFor(options.deserializer),
          ...(options.customAttributes ? { CustomAttributes: options.customAttributes } : {}),
          ...(options.inferenceId ? { InferenceId: options.inferenceId } : {}),
          ...(options.invocationTimeoutSeconds !== undefined
            ? { InvocationTimeoutSeconds: options.invocationTimeoutSeconds }
            : {}),
          ...(options.requestTTLSeconds !== undefined
            ? { RequestTTLSeconds: options.requestTTLSeconds }
            : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  ).catch(mapInvokeError);
  const outputLocation = out.OutputLocation;
  if (!outputLocation) {
    throw new ServiceError(`sagemaker-runtime ${OPERATION} answered without an output location`, {
      ...SITE,
      code: 'MissingOutputLocation',
      requestId: out.$metadata.requestId,
    });
  }
  return { outputLocation, failureLocation: out.FailureLocation, inferenceId: out.InferenceId };
}

/** The output decoded as the caller asked (`auto` without `accept`: by sniffing the bytes). */
function decode(
  bytes: Uint8Array,
  outputLocation: string,
  accept: string | undefined,
  deserializer: EndpointDeserializer | undefined,
): unknown {
  try {
    return accept === undefined && (deserializer ?? 'auto') === 'auto'
      ? sniffOutput(bytes)
      : deserialize(bytes, accept, deserializer);
  } catch (err) {
    // The decoder's error quotes the output (which may echo the input): as invoke() does, only
    // its reason without the excerpts is kept; a deserializer of your own stays the cause.
    const own = typeof deserializer === 'object' && deserializer !== null;
    throw new ServiceError(
      `sagemaker-runtime ${OPERATION}: the output at ${outputLocation} could not be decoded: ${decodeFailureReason(err)}`,
      { ...SITE, code: 'UndecodableResponse', ...(own ? { cause: err } : {}) },
    );
  }
}

/** @internal */
export async function invokeEndpointAsync<T>(
  ctx: ModuleContext,
  endpoint: string,
  input: EndpointAsyncInput,
  options: EndpointInvokeAsyncOptions = {},
): Promise<EndpointInvokeAsyncResult<T>> {
  const { media, contentType } = checkOptions(endpoint, input, options);
  const wait = jobWaitOptions({
    pollIntervalMs: options.pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs,
    onProgress: options.onProgress,
    timeoutMs: options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
    signal: options.signal,
  });
  // The JS SDK's InvokeEndpointAsync has no inline body: bytes always travel through S3. A staged
  // input is deleted whatever the outcome; a failed delete is listed in `stagedObjects`.
  return withStaged(
    ctx,
    media,
    { ...options, purpose: `SageMaker ${OPERATION}`, contentType },
    async (staged) => {
      const { outputLocation, failureLocation, inferenceId } = await startInference(
        ctx,
        endpoint,
        staged.uri,
        contentType,
        options,
      );
      const bytes = await poll<Uint8Array>(
        async (signal) => {
          const output = await tryRead(ctx, outputLocation, signal);
          if (output) return { done: true, value: output };
          if (failureLocation) {
            const failure = await tryRead(ctx, failureLocation, signal);
            if (failure) throw failedInference(failure, inferenceId, failureLocation);
          }
          wait.onProgress?.({ id: inferenceId ?? outputLocation, state: 'in-progress' });
          return { done: false, status: 'IN_PROGRESS' };
        },
        pollOptionsOf(wait, { intervalMs: 1000, maxIntervalMs: 10_000 }),
      );
      return {
        body: decode(bytes, outputLocation, options.accept, options.deserializer) as T,
        inferenceId,
        outputLocation,
        failureLocation,
      };
    },
  );
}

/** The kind of a SageMaker asynchronous inference's ref. */
export const ASYNC_INFERENCE_KIND = 'sagemaker.async-inference';

const S3_URI = /^s3:\/\/[^/]+\/.+$/;
const DESERIALIZERS: readonly unknown[] = ['auto', 'tensor', 'json', 'jsonlines', 'text', 'bytes'];

/**
 * Starts an asynchronous inference without waiting (`endpoints.startAsync`): the input is staged
 * and NOT deleted (`stagedUri`: the endpoint reads it from its queue, maybe hours later).
 * @internal
 */
export async function startEndpointAsync<T>(
  ctx: ModuleContext,
  endpoint: string,
  input: EndpointAsyncInput,
  options: EndpointAsyncJobOptions = {},
): Promise<EndpointAsyncJob<T>> {
  const { media, contentType } = checkOptions(endpoint, input, options);
  // In a call scope (endpoints.startAsync): the call settles only once the cleanup of a failed
  // start finished, so no DeleteObject is sent after it settled at its deadline or by an abort.
  const { value: started, object: staged } = await stageForJob(
    ctx,
    media,
    { ...options, purpose: `SageMaker ${OPERATION}`, contentType },
    (object) => startInference(ctx, endpoint, object.uri, contentType, options),
  );
  const { deserializer, accept } = options;
  const ref: JobRef = {
    kind: ASYNC_INFERENCE_KIND,
    id: started.inferenceId ?? started.outputLocation,
    output: started.outputLocation,
    ...(started.failureLocation ? { failure: started.failureLocation } : {}),
    ...(accept !== undefined ? { accept } : {}),
    ...(typeof deserializer === 'string' ? { deserializer } : {}),
  };
  const job = asyncInferenceJob<T>(ctx, ref, deserializer);
  return Object.assign(job, {
    outputLocation: started.outputLocation,
    failureLocation: started.failureLocation,
    stagedUri: staged.uploaded ? staged.uri : undefined,
  });
}

/**
 * Rebuilds an asynchronous inference from its ref (`{ kind: 'sagemaker.async-inference', id:
 * InferenceId, output, failure?, accept?, deserializer? }`): `status()` looks for the output and
 * failure objects once, `result()` gives the decoded output. SageMaker has no way to stop one.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function asyncInferenceJob<T = unknown>(
  base: ModuleContext,
  ref: JobRef,
  custom?: EndpointDeserializer,
): BuiltJob<T> {
  if (typeof ref !== 'object' || ref === null || ref.kind !== ASYNC_INFERENCE_KIND) {
    throw new ValidationError(`Not the ref of an async inference (kind ${ASYNC_INFERENCE_KIND})`);
  }
  const { output, failure, accept, deserializer } = ref;
  if (typeof ref.id !== 'string' || ref.id.length === 0) {
    throw new ValidationError("An async inference's ref needs id: its InferenceId");
  }
  if (typeof output !== 'string' || !S3_URI.test(output)) {
    throw new ValidationError(
      "An async inference's ref needs output: the s3:// OutputLocation SageMaker returned",
    );
  }
  if (failure !== undefined && (typeof failure !== 'string' || !S3_URI.test(failure))) {
    throw new ValidationError('ref.failure must be the s3:// FailureLocation SageMaker returned');
  }
  if (accept !== undefined && typeof accept !== 'string') {
    throw new ValidationError('ref.accept must be a string');
  }
  if (deserializer !== undefined && !DESERIALIZERS.includes(deserializer)) {
    throw new ValidationError(`ref.deserializer must be one of ${DESERIALIZERS.join(', ')}`);
  }
  const ctx = refContext(base, ref);
  const id = ref.id;
  let found: Uint8Array | undefined;
  let failureBody: Uint8Array | undefined;
  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    found = await tryRead(ctx, output, options.signal);
    if (found) return { id, state: 'completed' };
    if (failure) {
      failureBody = await tryRead(ctx, failure, options.signal);
      if (failureBody) {
        const text = new TextDecoder().decode(failureBody.subarray(0, 65_536)).trim();
        return { id, state: 'failed', message: text };
      }
    }
    return { id, state: 'in-progress' };
  };
  return createJob<T>({
    ref,
    service: 'sagemaker-runtime',
    operation: OPERATION,
    describe,
    intervalMs: 1_000,
    maxIntervalMs: 10_000,
    failure: () =>
      failedInference(
        failureBody ?? new Uint8Array(),
        id,
        typeof failure === 'string' ? failure : '',
      ),
    read: async function* (_status, wait) {
      const bytes = found ?? (await readObject(ctx, parseS3Uri(output), { signal: wait.signal }));
      yield decode(
        bytes,
        output,
        typeof accept === 'string' ? accept : undefined,
        custom ?? (deserializer as EndpointDeserializer | undefined),
      ) as T;
    },
  });
}

/** The inference failed: SageMaker wrote the container's error to the failure location. */
function failedInference(
  body: Uint8Array,
  inferenceId: string | undefined,
  location: string,
): EndpointAsyncError {
  const text = new TextDecoder().decode(body.subarray(0, 65_536)).trim();
  const short = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return new EndpointAsyncError(
    `sagemaker-runtime ${OPERATION}: inference ${inferenceId ?? ''} failed (${location}): ${short}`,
    {
      ...SITE,
      code: 'AsyncInferenceFailed',
      retryable: false,
      failureBody: text,
      failureLocation: location,
    },
  );
}

/** The output object has no content type of its own: `.npy` by its magic, else JSON, else bytes. */
function sniffOutput(bytes: Uint8Array): unknown {
  const asNpy = deserialize(bytes, '', 'auto');
  if (!(asNpy instanceof Uint8Array)) return asNpy;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return bytes;
  }
}
