import type { RequestOptions } from '../config';
import type { Job, JobStatus } from '../core/job';
import type { DynamicBatcherSettings } from '../tensor/batcher-types';
import type { Tensor } from '../tensor/tensor';

/**
 * What {@link Endpoints.invoke} sends: a {@link Tensor} (as `.npy` by default), bytes as they are, a
 * string as text, anything else as JSON.
 */
export type EndpointPayload = Tensor | Uint8Array | string | Record<string, unknown> | unknown[];

/**
 * How the payload becomes the request body, byte-compatible with the SageMaker Python SDK:
 * `'npy'` (NumpySerializer, `application/x-npy`), `'json'` (JSONSerializer; tensors as `tolist()`),
 * `'csv'` (CSVSerializer), `'jsonlines'` (JSONLinesSerializer), `'raw'` (IdentitySerializer), or your
 * own `{ contentType, serialize }`.
 */
export type EndpointSerializer =
  | 'npy'
  | 'json'
  | 'csv'
  | 'jsonlines'
  | 'raw'
  | {
      contentType: string;
      /** Encodes the payload into the request body. */
      serialize(payload: EndpointPayload): Uint8Array;
    };

/**
 * How the answer is decoded: `'auto'` (by content type: `.npy` → Tensor, JSON → value, JSON Lines →
 * array, `text/*` → string, else bytes), `'tensor'` (`.npy`, JSON, JSON Lines or CSV → Tensor),
 * `'json'`, `'jsonlines'`, `'text'`, `'bytes'`, or your own `{ accept, deserialize }`.
 */
export type EndpointDeserializer =
  | 'auto'
  | 'tensor'
  | 'json'
  | 'jsonlines'
  | 'text'
  | 'bytes'
  | {
      accept: string;
      /** Decodes the response body (with the response's content type). */
      deserialize(body: Uint8Array, contentType: string | undefined): unknown;
    };

/** Routing and metadata headers shared by every invocation. */
export interface EndpointTargetOptions {
  /** `X-Amzn-SageMaker-Custom-Attributes`, up to 1,024 visible US-ASCII characters. */
  customAttributes?: string | undefined;
  /** Model to call on a multi-model endpoint (1–1,024 characters). */
  targetModel?: string | undefined;
  /** Production variant to call (≤ 63 characters). */
  targetVariant?: string | undefined;
  /** Container to call on a multi-container endpoint (≤ 63 characters). */
  targetContainerHostname?: string | undefined;
  /** Inference component to call (≤ 63 letters, digits and hyphens, starting and ending with a letter or digit). */
  inferenceComponent?: string | undefined;
  /** Your id for this inference, for data capture (1–64 characters). */
  inferenceId?: string | undefined;
}

/** Options of {@link Endpoints.invoke}. */
export interface EndpointInvokeOptions extends RequestOptions, EndpointTargetOptions {
  /** Content type of the body. @default the serializer's, else by payload (Tensor → `application/x-npy`, object → `application/json`, string → `text/plain`, bytes → `application/octet-stream`) */
  contentType?: string | undefined;
  /** MIME type wanted back. @default the deserializer's (`application/x-npy` for `'tensor'`), else `application/json` */
  accept?: string | undefined;
  /** @default by payload type (Tensor → `'npy'`) */
  serializer?: EndpointSerializer | undefined;
  /** @default `'tensor'` for a Tensor payload, else `'auto'` */
  deserializer?: EndpointDeserializer | undefined;
  /** Stateful session: `'NEW_SESSION'` to open one, or the id of an open session (≤ 256 letters, digits and hyphens). */
  sessionId?: string | undefined;
  /** `X-Amzn-SageMaker-Enable-Explanations` (SageMaker Clarify), 1–64 characters. */
  enableExplanations?: string | undefined;
}

/** Result of {@link Endpoints.invoke}. */
export interface EndpointInvokeResult<T = unknown> {
  /** The decoded body (see {@link EndpointDeserializer}). */
  body: T;
  /** Content type the endpoint answered with. */
  contentType: string | undefined;
  /** Production variant that served the call. */
  invokedVariant: string | undefined;
  /** Custom attributes the container returned. */
  customAttributes: string | undefined;
  /** Id of the session opened by `sessionId: 'NEW_SESSION'`. */
  newSessionId: string | undefined;
  /** Id of the session the container closed. */
  closedSessionId: string | undefined;
  /** Request id, for support cases and logs. */
  requestId: string | undefined;
}

/** Options of {@link Endpoints.invokeStream}. */
export interface EndpointInvokeStreamOptions
  extends RequestOptions,
    Omit<EndpointTargetOptions, 'targetModel'> {
  /**
   * Not available: InvokeEndpointWithResponseStream has no `TargetModel` (multi-model endpoints do
   * not stream); a value is a `ValidationError`.
   */
  targetModel?: undefined;
  /** @default the serializer's, else by payload type */
  contentType?: string | undefined;
  /** Sent as `X-Amzn-SageMaker-Accept`. @default none */
  accept?: string | undefined;
  /** @default by payload type */
  serializer?: EndpointSerializer | undefined;
  /** An open session's id (≤ 256 letters, digits and hyphens); a stream cannot open one (`'NEW_SESSION'`). */
  sessionId?: string | undefined;
  /**
   * How parts are reassembled: `'sse'` (`data:` events, for TGI/LMI/vLLM), `'lines'` (JSON Lines or
   * any newline-delimited text), `'bytes'` (parts as they come). @default by the answer's content
   * type: `text/event-stream` → sse, JSON/JSON Lines/text → lines, else bytes
   */
  framing?: 'sse' | 'lines' | 'bytes' | undefined;
  /**
   * No part for this long (waiting for the answer included) cancels the request and ends the stream
   * with a `StreamError` (code `IdleTimeout`). `timeoutMs` bounds the whole stream. @default 60000
   */
  idleTimeoutMs?: number | undefined;
}

/**
 * One event of {@link Endpoints.invokeStream}: a whole line, a whole server-sent event, or raw bytes.
 * `json` is the parsed line or `data` when it is valid JSON.
 */
export type EndpointStreamEvent =
  | { type: 'line'; text: string; json: unknown }
  | { type: 'sse'; data: string; event: string | undefined; id: string | undefined; json: unknown }
  | { type: 'bytes'; bytes: Uint8Array };

/** Input of {@link Endpoints.invokeAsync}: a payload to upload, or an object already in S3. */
export type EndpointAsyncInput = EndpointPayload | { inputLocation: string };

/** Options of {@link Endpoints.invokeAsync}. */
export interface EndpointInvokeAsyncOptions extends RequestOptions {
  /** @default the serializer's, else by payload type */
  contentType?: string | undefined;
  /** @default the deserializer's, else `application/json` */
  accept?: string | undefined;
  serializer?: EndpointSerializer | undefined;
  /** How the output object is decoded. @default `'auto'` (`.npy` magic → Tensor, JSON → value, else bytes) */
  deserializer?: EndpointDeserializer | undefined;
  customAttributes?: string | undefined;
  inferenceId?: string | undefined;
  /** Seconds the container may take, 1–3,600. @default 900 (AWS) */
  invocationTimeoutSeconds?: number | undefined;
  /** Seconds the request may wait in the endpoint's queue, 60–21,600. @default 21,600 (AWS) */
  requestTTLSeconds?: number | undefined;
  /** First wait between checks of the output location (grows 1.5×). @default 1000 */
  pollIntervalMs?: number | undefined;
  /** Longest wait between checks. @default 10000 */
  maxPollIntervalMs?: number | undefined;
  /** Called after each check that found neither output nor failure (as every job's `onProgress`). */
  onProgress?: ((status: JobStatus) => void) | undefined;
  /**
   * Give up waiting after this long (the call's `timeoutMs` bounds the whole call). For longer
   * inferences use {@link Endpoints.startAsync} and the job's `wait({ timeoutMs })`.
   * @default 15 minutes
   */
  pollTimeoutMs?: number | undefined;
}

/** Options of {@link Endpoints.startAsync}: those of `invokeAsync` without the waiting ones. */
export type EndpointAsyncJobOptions = Omit<
  EndpointInvokeAsyncOptions,
  'pollIntervalMs' | 'maxPollIntervalMs' | 'onProgress' | 'pollTimeoutMs'
>;

/**
 * An asynchronous inference started by {@link Endpoints.startAsync}: the one {@link Job} type
 * (`ref` kind `sagemaker.async-inference`; `result()` gives the one decoded output). SageMaker
 * cannot stop one, so no `cancel`.
 */
export interface EndpointAsyncJob<T = unknown> extends Job<T> {
  /** `s3://` URI SageMaker writes the output to. */
  readonly outputLocation: string;
  /** `s3://` URI SageMaker writes a failure to. */
  readonly failureLocation: string | undefined;
  /** `s3://` URI of the uploaded input when it was staged (not deleted: yours to delete). */
  readonly stagedUri: string | undefined;
}

/** Result of {@link Endpoints.invokeAsync}. */
export interface EndpointInvokeAsyncResult<T = unknown> {
  /** The decoded output object. */
  body: T;
  /** Id of the inference. */
  inferenceId: string | undefined;
  /** `s3://` URI the output was read from. */
  outputLocation: string;
  /** `s3://` URI a failure would have been written to. */
  failureLocation: string | undefined;
}

/** Options of {@link Endpoints.batcher}. */
export interface EndpointBatcherOptions extends DynamicBatcherSettings, EndpointTargetOptions {
  /** Request body format. @default `'npy'` */
  serializer?: 'npy' | 'json' | 'csv' | 'jsonlines' | undefined;
  /** Answer format asked for. @default `application/x-npy` */
  accept?: string | undefined;
  /** Deadline of each call (not of each row: see `predict`'s `timeoutMs`). */
  callTimeoutMs?: number | undefined;
}
