/**
 * The endpoint invocations as standalone functions, for Lambda bundles: `import { invoke } from
 * 'aws-ai/endpoints'` puts only InvokeEndpoint's code and the SageMaker Runtime client in a bundle,
 * where the `Endpoints` class (whose methods a bundler cannot drop) also carries Batch Transform
 * (SageMaker and S3), async inference (S3) and the tensor batcher (decision 0701).
 *
 * Each function takes an {@link EndpointsClient} first (or an `Endpoints` module, or
 * `ai.endpoints`, sharing their SDK clients), then the same endpoint, payload and options as the
 * method of the same name, and behaves exactly like it: same validation, codecs, retries, deadline,
 * telemetry and errors.
 *
 * @example
 * ```ts
 * import { createEndpointsClient, invoke } from 'aws-ai/endpoints';
 * const sagemaker = createEndpointsClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { features: number[] }) =>
 *   (await invoke(sagemaker, 'churn-model', { instances: [event.features] })).body;
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { AwsAIStream } from '../core/stream';
import type { Endpoints } from './endpoints-module';
import { invokeEndpointStream } from './invoke-stream';
import { ENDPOINTS_JOB_KINDS } from './job-kinds';
import type {
  EndpointAsyncInput,
  EndpointInvokeAsyncOptions,
  EndpointInvokeAsyncResult,
  EndpointInvokeOptions,
  EndpointInvokeResult,
  EndpointInvokeStreamOptions,
  EndpointPayload,
  EndpointStreamEvent,
} from './types';

declare const endpointsClientBrand: unique symbol;

/**
 * What the endpoint functions take first: the config and the SDK-client cache, without methods (so
 * a bundle keeps only the functions you import). Make one with {@link createEndpointsClient}
 * outside the handler; an `Endpoints` module or `ai.endpoints` works too.
 *
 * @example
 * ```ts
 * const sagemaker: EndpointsClient = createEndpointsClient({ region: 'eu-west-1' });
 * ```
 */
export interface EndpointsClient {
  readonly [endpointsClientBrand]: true;
}

/**
 * What the per-operation functions take: a {@link createEndpointsClient} client or an `Endpoints`
 * module (`new Endpoints()`, `ai.endpoints`).
 *
 * @example
 * ```ts
 * const score = (client: AnyEndpointsClient, row: number[]) => invoke(client, 'churn-model', [row]);
 * await score(ai.endpoints, [0.2, 1.4, 3]);
 * ```
 */
export type AnyEndpointsClient = EndpointsClient | Endpoints;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached.
const loadInvoke = /* @__PURE__ */ loadOnce(() => import('./invoke'));
const loadInvokeAsync = /* @__PURE__ */ loadOnce(() => import('./invoke-async'));

/**
 * Makes an {@link EndpointsClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK client.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, staging… as for
 *   `new Endpoints(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const sagemaker = createEndpointsClient({ region: 'us-east-1', timeoutMs: 10_000 });
 * ```
 */
export function createEndpointsClient(config?: AwsAIConfig): EndpointsClient {
  return functionClient(config) as unknown as EndpointsClient;
}

function contextOf(client: AnyEndpointsClient): ModuleContext {
  return contextOfClient(
    client,
    'an EndpointsClient (createEndpointsClient) or an Endpoints module',
  );
}

/**
 * Calls a real-time endpoint once (InvokeEndpoint); see `Endpoints.invoke` for the serializers and
 * limits. A `Tensor` is sent as `.npy` and the answer decoded back to a `Tensor`.
 *
 * @throws ValidationError for a bad client, a body over 6 MiB or a header option too long (before
 *   the call)
 * @throws EndpointModelError (code `ModelError`, HTTP 424) when the container fails; not retried
 * @throws TimeoutError / AbortError when `timeoutMs` passes or `signal` fires first
 * @example
 * ```ts
 * const { body } = await invoke<{ predictions: number[] }>(sagemaker, 'churn-model', {
 *   instances: [[0.2, 1.4, 3]],
 * });
 * ```
 */
export async function invoke<T = unknown>(
  client: AnyEndpointsClient,
  endpoint: string,
  payload: EndpointPayload,
  options?: EndpointInvokeOptions,
): Promise<EndpointInvokeResult<T>> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'sagemaker-runtime', operation: 'InvokeEndpoint', method: 'endpoints.invoke' },
    async (scoped) => (await loadInvoke()).invokeEndpoint<T>(ctx, endpoint, payload, scoped),
  );
}

/**
 * Calls an endpoint that streams its answer (InvokeEndpointWithResponseStream); see
 * `Endpoints.invokeStream` for the framing of events. The request starts on first read; breaking
 * out of the loop cancels it.
 *
 * @throws ValidationError synchronously for a bad client, bad options or a body over 6 MiB
 * @throws StreamError (code `ModelStreamError`, `InternalStreamFailure` or `IdleTimeout`) on read
 * @throws TimeoutError / AbortError on read when `timeoutMs` passes or `signal` fires first
 * @example
 * ```ts
 * for await (const event of invokeStream(sagemaker, 'llama-tgi', { inputs: 'Hi', stream: true })) {
 *   if (event.type === 'sse') process.stdout.write(String((event.json as any)?.token?.text ?? ''));
 * }
 * ```
 */
export function invokeStream(
  client: AnyEndpointsClient,
  endpoint: string,
  payload: EndpointPayload,
  options?: EndpointInvokeStreamOptions,
): AwsAIStream<EndpointStreamEvent> {
  return invokeEndpointStream(contextOf(client), endpoint, payload, options);
}

/**
 * Runs an asynchronous inference (InvokeEndpointAsync) and waits for it: bytes are uploaded through
 * the client's `staging` (or pass `{ inputLocation: 's3://…' }`), then the output and failure
 * locations are polled in S3; see `Endpoints.invokeAsync`. Its bundle also carries the S3 client.
 *
 * @throws ValidationError for a bad client, without `staging` for byte input, or for out-of-range
 *   options (before anything is staged or sent)
 * @throws EndpointAsyncError (code `AsyncInferenceFailed`) with the failure object's text
 * @throws TimeoutError when `pollTimeoutMs` (default 15 min) or `timeoutMs` passes first
 * @example
 * ```ts
 * const sagemaker = createEndpointsClient({ staging: { bucket: 'my-bucket' } });
 * const { body } = await invokeAsync(sagemaker, 'whisper-async', audioBytes, {
 *   contentType: 'audio/wav',
 * });
 * ```
 */
export async function invokeAsync<T = unknown>(
  client: AnyEndpointsClient,
  endpoint: string,
  input: EndpointAsyncInput,
  options?: EndpointInvokeAsyncOptions,
): Promise<EndpointInvokeAsyncResult<T>> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    {
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointAsync',
      method: 'endpoints.invokeAsync',
    },
    async (scoped) =>
      (await loadInvokeAsync()).invokeEndpointAsync<T>(ctx, endpoint, input, scoped),
  );
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/endpoints');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for SageMaker Batch Transform and async inference jobs only.
 * A handler that imports `aws-ai/endpoints` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const sagemaker = createEndpointsClient();
 * const job = resumeJob(sagemaker, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyEndpointsClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), ENDPOINTS_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The job a completion event is about (EventBridge, SNS, or SQS carrying one of them), rebuilt
 * as {@link resumeJob} does; for an event of several jobs use `jobEvents(event)` and `resumeJob`.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const sagemaker = createEndpointsClient();
 * export const handler = async (event: unknown) => {
 *   for await (const item of jobFromEvent(sagemaker, event).results()) console.log(item); // Transform Job State Change
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnyEndpointsClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), ENDPOINTS_JOB_KINDS, event, JOBS_OWNER);
}
