import type { RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { JobRef } from '../core/job';
import { ServiceModule } from '../core/service-module';
import type { AwsAIStream } from '../core/stream';
import type { DynamicBatcher } from '../tensor/batcher';
import { endpointBatcher } from './endpoint-batcher';
import { invokeEndpointStream } from './invoke-stream';
import { loadImpl } from './load-impl';
import { loadTransform } from './transform-load';
import type { EndpointTransformJob, EndpointTransformParams } from './transform-types';
import type {
  EndpointAsyncInput,
  EndpointAsyncJob,
  EndpointAsyncJobOptions,
  EndpointBatcherOptions,
  EndpointInvokeAsyncOptions,
  EndpointInvokeAsyncResult,
  EndpointInvokeOptions,
  EndpointInvokeResult,
  EndpointInvokeStreamOptions,
  EndpointPayload,
  EndpointStreamEvent,
} from './types';

/**
 * Custom models on Amazon SageMaker endpoints (including Inferentia). Available as `ai.endpoints`,
 * or alone from `aws-ai/endpoints`.
 *
 * @example
 * ```ts
 * import { Endpoints } from 'aws-ai/endpoints';
 * const endpoints = new Endpoints();
 * const { body } = await endpoints.invoke('my-endpoint', { inputs: 'Hello' });
 * ```
 */
export class Endpoints extends ServiceModule {
  /**
   * Calls a real-time endpoint once (InvokeEndpoint). A `Tensor` is sent as `.npy` and the answer
   * decoded back to a `Tensor`; objects and arrays are sent as JSON, strings as text, bytes as they
   * are. Serializers match the SageMaker Python SDK byte for byte (`serializer: 'npy' | 'json' |
   * 'csv' | 'jsonlines' | 'raw'`).
   *
   * Limits: body ≤ 6,291,456 bytes; `customAttributes` ≤ 1,024 visible ASCII characters;
   * `targetVariant`, `targetContainerHostname`, `inferenceComponent` ≤ 63; `sessionId` ≤ 256.
   *
   * @throws ValidationError when the body is over 6 MiB or a header option is too long (before the call)
   * @throws EndpointModelError (code `ModelError`, HTTP 424) when the container fails, with its
   *   status, message and log stream; not retried
   * @example
   * ```ts
   * const { body, invokedVariant } = await ai.endpoints.invoke<Tensor>(
   *   'churn-model',
   *   Tensor.from([[0.2, 1.4, 3]]),
   * );
   * ```
   */
  async invoke<T = unknown>(
    endpoint: string,
    payload: EndpointPayload,
    options?: EndpointInvokeOptions,
  ): Promise<EndpointInvokeResult<T>> {
    return this.call(
      { service: 'sagemaker-runtime', operation: 'InvokeEndpoint', method: 'endpoints.invoke' },
      options,
      async (scoped) => (await loadImpl()).invokeEndpoint<T>(this.ctx, endpoint, payload, scoped),
    );
  }

  /**
   * Calls an endpoint that streams its answer (InvokeEndpointWithResponseStream), typically an LLM
   * container. `PayloadPart`s are not aligned to events, so they are reassembled: JSON Lines come out
   * one whole line per event, server-sent events one whole `data:` event per event. The stream starts
   * on first read; breaking out of the loop cancels the request.
   *
   * @throws ValidationError when the body is over 6 MiB (before the call)
   * @throws StreamError (code `ModelStreamError` or `InternalStreamFailure`) when the container fails
   *   mid-stream; events already delivered stay delivered
   * @throws TimeoutError on read when `timeoutMs` passes before the stream ends (the whole stream's
   *   deadline); StreamError code `IdleTimeout` after `idleTimeoutMs` (default 60 s) without a part
   * @example
   * ```ts
   * const stream = ai.endpoints.invokeStream('llama-tgi', { inputs: 'Hi', stream: true });
   * for await (const event of stream) {
   *   if (event.type === 'sse') process.stdout.write(String((event.json as any)?.token?.text ?? ''));
   * }
   * ```
   */
  invokeStream(
    endpoint: string,
    payload: EndpointPayload,
    options?: EndpointInvokeStreamOptions,
  ): AwsAIStream<EndpointStreamEvent> {
    return invokeEndpointStream(this.ctx, endpoint, payload, options);
  }

  /**
   * Runs an asynchronous inference (InvokeEndpointAsync) and waits for it: bytes are uploaded
   * through `staging` (or pass `{ inputLocation: 's3://…' }`), then the output and failure locations
   * are polled in S3 until one appears. Payloads up to 1 GB; `invocationTimeoutSeconds` 1–3,600,
   * `requestTTLSeconds` 60–21,600.
   *
   * @throws ValidationError without `staging` for byte input, or for out-of-range options
   * @throws EndpointAsyncError (code `AsyncInferenceFailed`) with the failure object's text
   * @throws TimeoutError when `pollTimeoutMs` (default 15 min) passes first
   * @example
   * ```ts
   * const ai = new AwsAI({ staging: { bucket: 'my-bucket' } });
   * const { body } = await ai.endpoints.invokeAsync('whisper-async', audioBytes, {
   *   contentType: 'audio/wav',
   * });
   * ```
   */
  async invokeAsync<T = unknown>(
    endpoint: string,
    input: EndpointAsyncInput,
    options?: EndpointInvokeAsyncOptions,
  ): Promise<EndpointInvokeAsyncResult<T>> {
    return this.call(
      {
        service: 'sagemaker-runtime',
        operation: 'InvokeEndpointAsync',
        method: 'endpoints.invokeAsync',
      },
      options,
      async (scoped) =>
        (await loadImpl()).invokeEndpointAsync<T>(this.ctx, endpoint, input, scoped),
    );
  }

  /**
   * Starts an asynchronous inference (InvokeEndpointAsync) without waiting, and returns it as the
   * one job type of aws-ai (docs/jobs.md): `ref` (`{ kind: 'sagemaker.async-inference', id:
   * InferenceId, output, failure }`, plain JSON for `ai.jobs.resume(ref)` in another process),
   * `status()` (one look at the output and failure objects), `wait()`, `result()` (the one decoded
   * output, as `invokeAsync`'s `body`). Bytes are staged and NOT deleted (`stagedUri`): the endpoint
   * reads them from its queue. SageMaker cannot stop an inference: no `cancel`. A custom
   * `deserializer` object is used by this job only; a resumed one decodes by `accept` / the named
   * deserializer kept in the ref.
   *
   * @throws ValidationError as `invokeAsync`, before anything is staged or sent
   * @example
   * ```ts
   * const job = await ai.endpoints.startAsync('whisper-async', audioBytes, { contentType: 'audio/wav' });
   * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
   * const [text] = await job.result({ timeoutMs: 3_600_000 });
   * ```
   */
  async startAsync<T = unknown>(
    endpoint: string,
    input: EndpointAsyncInput,
    options?: EndpointAsyncJobOptions,
  ): Promise<EndpointAsyncJob<T>> {
    // One scope for the start (upload and InvokeEndpointAsync); the job returned outlives it and
    // takes its own options.
    return runCall(
      this.ctx,
      options,
      {
        service: 'sagemaker-runtime',
        operation: 'InvokeEndpointAsync',
        method: 'endpoints.startAsync',
      },
      async (scoped) => (await loadImpl()).startEndpointAsync<T>(this.ctx, endpoint, input, scoped),
    );
  }

  /**
   * A {@link DynamicBatcher} that sends its batches to `endpoint` (as `.npy` by default) and owns their
   * retries: concurrent `predict(row)` calls share InvokeEndpoint calls of up to `maxBatchSize` rows
   * and 6 MiB. For Inferentia, set `allowedBatchSizes` (and `sequenceBuckets`) to the compiled shapes.
   * The container must answer one output row per input row. Each `predict` is one call: a row
   * without its own `timeoutMs` gets the client's (its wait in the queue included), and a row's
   * timeout or abort is a `TimeoutError` / `AbortError` naming `sagemaker-runtime InvokeEndpoint`.
   *
   * @throws ValidationError for an empty endpoint name, a bad setting or a header option too long
   * @example
   * ```ts
   * const batcher = ai.endpoints.batcher('inf2-bert', { allowedBatchSizes: [4, 8, 16, 32] });
   * const logits = await batcher.predict(tokenIds); // a Tensor row
   * await batcher.close();
   * ```
   */
  batcher(endpoint: string, options?: EndpointBatcherOptions): DynamicBatcher {
    return endpointBatcher(this.ctx, endpoint, options);
  }

  /**
   * Runs a SageMaker Batch Transform job (CreateTransformJob) over a model: rows are written to S3
   * with the endpoint codecs (`text/csv`, `application/jsonlines` one record per line, or
   * `application/x-npy` one request per object), the job's `.out` files are read back in input
   * order, line by line, and a record the container failed (an `{"error": …}` line) or left without
   * output comes as a `BatchItemError` at its index. `input` may also be an `s3://` prefix you wrote.
   *
   * Not call-scoped: the job outlives the call. `options` bound the uploads and the Create only.
   *
   * @throws ValidationError for a bad model or job name, S3 URI, instance type, content type,
   *   `maxPayloadMB` outside 0–100 (or `maxConcurrentTransforms × maxPayloadMB` above 100), or a row
   *   the codec cannot write, before anything is uploaded
   * @example
   * ```ts
   * const job = await ai.endpoints.transform({
   *   model: 'churn-xgboost',
   *   input: rows, // number[][]
   *   output: 's3://my-bucket/transform/out/',
   *   instanceType: 'ml.m5.xlarge',
   *   contentType: 'text/csv',
   * });
   * for await (const item of job.results()) {
   *   if (item instanceof Error) console.error(item.index, item.message);
   *   else console.log(item.index, item.output); // [0.91]
   * }
   * ```
   */
  async transform<T = unknown>(
    params: EndpointTransformParams,
    options?: RequestOptions,
  ): Promise<EndpointTransformJob<T>> {
    // One scope for the start (every upload and CreateTransformJob); the job outlives it.
    return runCall(
      this.ctx,
      options,
      { service: 'sagemaker', operation: 'CreateTransformJob', method: 'endpoints.transform' },
      async (scoped) => (await loadTransform()).startTransform<T>(this.ctx, params, scoped),
    );
  }

  /**
   * Rebuilds a transform job from its `ref` (what `job.ref` was), e.g. in another Lambda. Also
   * reachable as `ai.jobs.resume(ref)`.
   *
   * @throws ValidationError when `ref` is not a SageMaker transform job's
   * @example
   * ```ts
   * const job = await endpoints.resumeTransform(JSON.parse(saved));
   * const status = await job.status();
   * ```
   */
  async resumeTransform<T = unknown>(ref: JobRef): Promise<EndpointTransformJob<T>> {
    return (await loadTransform()).transformJob<T>(this.ctx, ref);
  }
}
