/** Public types of the {@link DynamicBatcher}. */

import type { AnyTypedArray } from './dtype';
import type { Tensor, TensorLike } from './tensor';

/**
 * One input row: a {@link Tensor} (its shape without the batch axis), a typed array or nested plain
 * arrays (converted with `Tensor.from`, so plain numbers become float32).
 *
 * @example
 * ```ts
 * import type { BatchRow } from 'aws-ai/tensor';
 * const row: BatchRow = new Float32Array(512);
 * ```
 */
export type BatchRow = Tensor | AnyTypedArray | TensorLike;

/**
 * What `invoke` learns about the batch besides its tensor.
 *
 * @example
 * ```ts
 * const invoke: BatchInvoke = async (batch, { signal, realRows }) => myModel(batch, { signal });
 * ```
 */
export interface BatchInvokeContext {
  /** Fires when every row of this call was aborted (or the batcher closed without draining). */
  signal: AbortSignal;
  /** Rows that are real; the rest (at the end) are padding whose outputs are dropped. */
  realRows: number;
  /** 1 for the first attempt of this batch, 2 for its first whole-batch retry, … */
  attempt: number;
  /** With `sequenceBuckets`: the real length of each real row along its sequence axis. */
  lengths?: readonly number[] | undefined;
  /**
   * With `sequenceBuckets`: `bool` `[rows, bucket]`, true where a position holds real data (padding
   * rows copy the mask of the row they repeat).
   */
  mask?: Tensor<'bool'> | undefined;
}

/** A per-row failure reported inside a successful answer. */
export interface BatchRowFailure {
  /** Position of the row in the batch `invoke` received (axis 0). */
  index: number;
  /**
   * What went wrong, as the model said it. It may quote the row, so the row's error gives its length
   * and keeps it behind `serviceMessage`.
   */
  message: string;
  /** A short code for the error (default `RowError`). */
  code?: string | undefined;
}

/**
 * An answer with per-row errors: `output` still has one row per input row; the rows listed in
 * `errors` are rejected and their output rows ignored.
 *
 * @example
 * ```ts
 * return { output, errors: [{ index: 3, message: 'token id out of vocabulary' }] };
 * ```
 */
export interface BatchInvokeOutput {
  output: Tensor;
  errors?: readonly BatchRowFailure[] | undefined;
}

/**
 * The transport of a {@link DynamicBatcher}: receives the rows stacked on axis 0 (padded to an allowed
 * size when sizes are set) and returns one output row per input row. Throw an error carrying
 * `statusCode` 400, 413 or 424 (or a `ValidationError`) to have the batch bisected; 429, 5xx or a network error code
 * (`ECONNRESET`, …) to have it retried whole.
 *
 * @example
 * ```ts
 * const invoke: BatchInvoke = async (batch, { signal }) => {
 *   const res = await fetch(url, { method: 'POST', body: toNpy(batch), signal });
 *   if (!res.ok) throw Object.assign(new Error(await res.text()), { statusCode: res.status });
 *   return fromNpy(new Uint8Array(await res.arrayBuffer()));
 * };
 * ```
 */
export type BatchInvoke = (
  batch: Tensor,
  context: BatchInvokeContext,
) => Promise<Tensor | BatchInvokeOutput>;

/**
 * Scheduling, shape and safety settings of a {@link DynamicBatcher}; `ai.endpoints.batcher` takes the
 * same ones (without `invoke`).
 *
 * @example
 * ```ts
 * const opts: DynamicBatcherSettings = { maxBatchSize: 32, allowedBatchSizes: [4, 8, 16, 32] };
 * ```
 */
export interface DynamicBatcherSettings {
  /**
   * Most real rows in one call. @default 32, or the largest of `allowedBatchSizes`
   */
  maxBatchSize?: number | undefined;
  /**
   * Most bytes of one call, estimated as the raw tensor bytes plus 128 (the `.npy` header); rows are
   * held back for the next call beyond it. @default 6,291,456 (the InvokeEndpoint body limit)
   */
  maxBatchBytes?: number | undefined;
  /** Calls running at once. @default 2 */
  maxInFlight?: number | undefined;
  /**
   * Opt-in wait: hold an under-full batch until its oldest row has waited this long (Node timers have
   * a ~1 ms floor). With the default 0 a batch leaves as soon as a call slot is free. @default 0
   */
  maxDelayMs?: number | undefined;
  /**
   * Static-shape endpoints (Inferentia/Neuron): the only batch sizes ever sent, e.g. `[4, 8, 16, 32]`.
   * A batch is padded up to the smallest size that holds it by repeating its last real row; the
   * outputs of padding rows are dropped.
   */
  allowedBatchSizes?: readonly number[] | undefined;
  /**
   * Compiled sequence lengths, e.g. `[64, 128]`: a row's axis 0 is padded with `padValue` up to the
   * smallest bucket that holds it; rows of different buckets never share a call. A row longer than
   * the largest bucket is rejected up front.
   */
  sequenceBuckets?: readonly number[] | undefined;
  /** Value written into padded sequence positions (a pad token id). @default 0 */
  padValue?: number | bigint | boolean | undefined;
  /** Rows waiting to be sent before `onFull` applies. @default 8 × maxBatchSize */
  maxQueuedRows?: number | undefined;
  /**
   * When the queue is full: `'reject'` throws {@link QueueFullError} synchronously from `predict`;
   * `'wait'` returns a promise that waits for room (and still honours the row's signal). @default 'reject'
   */
  onFull?: 'reject' | 'wait' | undefined;
  /** Whole-batch retries after 429, 5xx or a dropped connection. @default 3 */
  retries?: number | undefined;
  /** First retry delay; doubles per retry, with full jitter. @default 25 */
  retryDelayMs?: number | undefined;
  /** Split a batch that fails with 400/413/424 in halves until the bad rows are alone. @default true */
  bisect?: boolean | undefined;
}

/**
 * Options of `new DynamicBatcher(...)`.
 *
 * @example
 * ```ts
 * new DynamicBatcher({ invoke: async (batch) => model(batch), maxBatchSize: 64 });
 * ```
 */
export interface DynamicBatcherOptions extends DynamicBatcherSettings {
  /** Sends one batch; see {@link BatchInvoke}. */
  invoke: BatchInvoke;
  /**
   * Promise that `invoke` never keeps the batch tensor (or a view of its data) after the promise it
   * returned settled, e.g. because it serializes and sends it: the batcher then reuses batch buffers
   * instead of allocating one per call (a fresh buffer above 128 KiB costs an `mmap` and page faults).
   * `ai.endpoints.batcher` sets it. @default false
   */
  reuseBatchBuffers?: boolean | undefined;
}

/**
 * Options of {@link DynamicBatcher.predict}.
 *
 * @example
 * ```ts
 * await batcher.predict(row, { signal: AbortSignal.timeout(100) });
 * ```
 */
export interface PredictOptions {
  /** Aborts this row only: never sent if still queued, settled at once if in flight. */
  signal?: AbortSignal | undefined;
  /** Rejects the row with a `TimeoutError` after this many milliseconds. */
  timeoutMs?: number | undefined;
}

/**
 * Options of {@link DynamicBatcher.close}.
 *
 * @example
 * ```ts
 * await batcher.close({ drain: false });
 * ```
 */
export interface CloseOptions {
  /** Send what is queued and wait for it (true), or reject it and abort running calls (false). @default true */
  drain?: boolean | undefined;
}
