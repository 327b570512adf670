import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { NotFoundError, ServiceError, ValidationError } from '../core/errors';
import { parseS3Uri } from '../core/inputs';
import { poll, requireNonNegative, requirePollInterval } from '../core/polling';
import { readObject, withStaged } from '../core/staging';
import { acceptFor, checkDeserializer, deserialize, serialize } from './codecs';
import { mapInvokeError } from './invoke';
import { SAGEMAKER_ASYNC_INVOCATION_TIMEOUT_S, SAGEMAKER_ASYNC_TTL_S } from './limits';
import { EndpointAsyncError } from './model-error';
import { checkEndpoint, checkHeaders } from './payload';
import { SAGEMAKER } from './sagemaker';
import type {
  EndpointAsyncInput,
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

/** @internal */
export async function invokeEndpointAsync<T>(
  ctx: ModuleContext,
  endpoint: string,
  input: EndpointAsyncInput,
  options: EndpointInvokeAsyncOptions = {},
): Promise<EndpointInvokeAsyncResult<T>> {
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
  if (options.pollIntervalMs !== undefined) {
    requirePollInterval('pollIntervalMs', options.pollIntervalMs, true);
  }
  if (options.maxPollIntervalMs !== undefined) {
    requirePollInterval('maxPollIntervalMs', options.maxPollIntervalMs);
  }
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
  // The JS SDK's InvokeEndpointAsync has no inline body: bytes always travel through S3. A staged
  // input is deleted whatever the outcome; a failed delete is listed in `stagedObjects`.
  return withStaged(
    ctx,
    media,
    { ...options, purpose: `SageMaker ${OPERATION}`, contentType },
    async (staged) => {
      const out = await callAws(
        ctx,
        SAGEMAKER,
        OPERATION,
        ({ client, sdk, signal }) =>
          client.send(
            new sdk.InvokeEndpointAsyncCommand({
              EndpointName: endpoint,
              InputLocation: staged.uri,
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
        throw new ServiceError(
          `sagemaker-runtime ${OPERATION} answered without an output location`,
          {
            ...SITE,
            code: 'MissingOutputLocation',
            requestId: out.$metadata.requestId,
          },
        );
      }
      const failureLocation = out.FailureLocation;
      const bytes = await poll<Uint8Array>(
        async (signal) => {
          const output = await tryRead(ctx, outputLocation, signal);
          if (output) return { done: true, value: output };
          if (failureLocation) {
            const failure = await tryRead(ctx, failureLocation, signal);
            if (failure) throw failedInference(failure, out.InferenceId, failureLocation);
          }
          return { done: false, status: 'IN_PROGRESS' };
        },
        {
          intervalMs: options.pollIntervalMs ?? 1000,
          maxIntervalMs: options.maxPollIntervalMs ?? 10_000,
          timeoutMs: options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
          signal: options.signal,
        },
      );
      let body: unknown;
      try {
        body =
          options.accept === undefined && (options.deserializer ?? 'auto') === 'auto'
            ? sniffOutput(bytes)
            : deserialize(bytes, options.accept, options.deserializer);
      } catch (err) {
        throw new ServiceError(
          `sagemaker-runtime ${OPERATION}: the output at ${outputLocation} could not be decoded: ${(err as Error).message}`,
          { ...SITE, code: 'UndecodableResponse', cause: err },
        );
      }
      return {
        body: body as T,
        inferenceId: out.InferenceId,
        outputLocation,
        failureLocation,
      };
    },
  );
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
