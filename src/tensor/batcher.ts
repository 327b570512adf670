/**
 * `DynamicBatcher`: merges single-row `predict` calls into batched `invoke` calls, transport-agnostic.
 * Scheduling follows Triton/TF Serving with a zero queue delay: a batch leaves as soon as a call slot
 * is free, and rows that arrive while every slot is busy form the next batch.
 */

import { abortErrorFrom, sleep } from '../core/internal/abort';
import {
  AbortError,
  AccessDeniedError,
  AwsAIError,
  BatchError,
  BatchItemError,
  NotFoundError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from '../errors';
import { QueueFullError } from './batcher-errors';
import { allocateBatch, BatchBufferPool } from './batcher-npy';
import { type Call, Entry, RowQueue } from './batcher-queue';
import { BatcherCounters, type DynamicBatcherStats } from './batcher-stats';
import type {
  BatchInvoke,
  BatchInvokeOutput,
  BatchRow,
  BatchRowFailure,
  CloseOptions,
  DynamicBatcherOptions,
  PredictOptions,
} from './batcher-types';
import { type DType, itemSize, raw, type TypedArrayFor } from './dtype';
import { bucketFor, padSequence } from './pad';
import { sameShape, sizeOf } from './shape';
import { describe, Tensor, type TensorLike } from './tensor';

const NPY_HEADER_BYTES = 128;
const DEFAULT_MAX_BATCH_BYTES = 6_291_456;

/** Node socket codes of a dropped connection: the batch never ran, so it is sent again whole. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_STREAM_ERROR',
]);

type Failure = 'bisect' | 'retry' | 'fatal';

/**
 * Merges concurrent single-row predictions into batched calls of any transport (`ai.endpoints.batcher`
 * wires it to a SageMaker endpoint).
 *
 * - **Scheduling**: no timer by default. A batch leaves as soon as one of `maxInFlight` call slots is
 *   free; rows submitted in the same turn of the event loop, or while every slot is busy, go together
 *   (up to `maxBatchSize` rows and `maxBatchBytes`). `maxDelayMs` adds an opt-in wait.
 * - **Static shapes** (Inferentia/Neuron): with `allowedBatchSizes` and `sequenceBuckets` only those
 *   shapes are ever sent; padding repeats a real row and its outputs are dropped.
 * - **Isolation**: per-row errors in an answer reject only those rows; a whole-call 400/413/424 is
 *   bisected until the bad row fails alone (about 2·log2(B) extra calls); 429/5xx/dropped connections
 *   retry the whole batch; an answer with the wrong row count fails that batch's rows.
 * - **Cancellation**: a row aborted while queued is never sent; aborted in flight it settles at once,
 *   and the call is aborted only when all of its rows were.
 * - **Backpressure**: `maxQueuedRows` with `onFull: 'reject' | 'wait'`.
 *
 * @example
 * ```ts
 * import { DynamicBatcher, fromNpy, toNpy } from 'aws-ai/tensor';
 * const batcher = new DynamicBatcher({
 *   invoke: async (batch, { signal }) => fromNpy(await post(toNpy(batch), signal)),
 *   maxBatchSize: 64,
 * });
 * const output = await batcher.predict(new Float32Array(512));
 * ```
 */
export class DynamicBatcher {
  readonly #invoke: BatchInvoke;
  readonly #maxBatchSize: number;
  readonly #maxBatchBytes: number;
  readonly #maxInFlight: number;
  readonly #maxDelayMs: number;
  readonly #allowed: readonly number[] | undefined;
  readonly #buckets: readonly number[] | undefined;
  readonly #padValue: number | bigint | boolean;
  readonly #maxQueuedRows: number;
  readonly #onFull: 'reject' | 'wait';
  readonly #retries: number;
  readonly #retryDelayMs: number;
  readonly #bisect: boolean;
  readonly #buffers: BatchBufferPool | undefined;
  readonly #stats = new BatcherCounters();
  readonly #queue = new RowQueue();
  /** Last row key built, reused while rows keep the same dtype and shape (no string per row). */
  #lastKey: { dtype: string; shape: readonly number[]; key: string } | undefined;
  #inFlight = 0;
  #drainScheduled = false;
  #delayTimer: ReturnType<typeof setTimeout> | undefined;
  #flushing = 0;
  #closed = false;
  /** Set by `close({ drain: false })`: rows of a call still retrying or bisecting fail with it. */
  #closeError: AbortError | undefined;
  readonly #calls = new Set<Call>();
  #roomWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];

  /**
   * @throws {ValidationError} for a missing `invoke` or a setting that is not a positive integer
   *   (sizes, counts) or a non-negative number (delays), or `allowedBatchSizes` above `maxBatchSize`.
   * @example
   * ```ts
   * const batcher = new DynamicBatcher({ invoke, allowedBatchSizes: [4, 8, 16, 32] });
   * ```
   */
  constructor(options: DynamicBatcherOptions) {
    if (typeof options?.invoke !== 'function') {
      throw new ValidationError('DynamicBatcher needs an invoke(batch, { signal }) function');
    }
    this.#invoke = options.invoke;
    this.#allowed = sortedSizes(options.allowedBatchSizes, 'allowedBatchSizes');
    this.#buckets = sortedSizes(options.sequenceBuckets, 'sequenceBuckets');
    const largestAllowed = this.#allowed?.[this.#allowed.length - 1];
    this.#maxBatchSize = positiveInt(options.maxBatchSize ?? largestAllowed ?? 32, 'maxBatchSize');
    if (largestAllowed !== undefined && largestAllowed > this.#maxBatchSize) {
      throw new ValidationError(
        `allowedBatchSizes go up to ${largestAllowed}, above maxBatchSize ${this.#maxBatchSize}: raise maxBatchSize or drop the larger sizes`,
      );
    }
    this.#maxBatchBytes = positiveInt(
      options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
      'maxBatchBytes',
    );
    this.#maxInFlight = positiveInt(options.maxInFlight ?? 2, 'maxInFlight');
    this.#maxDelayMs = nonNegative(options.maxDelayMs ?? 0, 'maxDelayMs');
    this.#padValue = options.padValue ?? 0;
    this.#maxQueuedRows = positiveInt(
      options.maxQueuedRows ?? 8 * this.#maxBatchSize,
      'maxQueuedRows',
    );
    const onFull = options.onFull ?? 'reject';
    if (onFull !== 'reject' && onFull !== 'wait') {
      throw new ValidationError(`onFull must be 'reject' or 'wait', got ${describe(onFull)}`);
    }
    this.#onFull = onFull;
    this.#retries = nonNegativeInt(options.retries ?? 3, 'retries');
    this.#retryDelayMs = nonNegative(options.retryDelayMs ?? 25, 'retryDelayMs');
    this.#bisect = options.bisect ?? true;
    this.#buffers = options.reuseBatchBuffers ? new BatchBufferPool() : undefined;
  }

  /** Rows waiting to be sent. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Calls running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Queues one row and resolves with its output row (one row of what `invoke` returned).
   *
   * @throws {QueueFullError} synchronously when `maxQueuedRows` rows are queued and `onFull` is
   *   `'reject'`.
   * @throws {ValidationError} synchronously for a row that cannot be a tensor, a row larger than
   *   `maxBatchBytes`, a row longer than the largest sequence bucket, or a closed batcher.
   * @throws (rejects) {AbortError} / {TimeoutError} when the row's signal fires or `timeoutMs` passes;
   *   the call's own error when it failed (after retries, or alone after bisection);
   *   {ServiceError} with code `BatchShapeMismatch` when the answer had the wrong row count.
   * @example
   * ```ts
   * const scores = await batcher.predict(new Float32Array(features), { timeoutMs: 500 });
   * ```
   */
  predict(row: BatchRow, options: PredictOptions = {}): Promise<Tensor> {
    checkPredictOptions(options);
    const prepared = this.#prepare(row);
    if (this.#queue.size >= this.#maxQueuedRows) {
      if (this.#onFull === 'reject') {
        this.#stats.rejects++;
        throw new QueueFullError(
          `batcher queue is full (${this.#maxQueuedRows} rows waiting): retry later, raise maxQueuedRows, or use onFull: 'wait'`,
          { code: 'QueueFull', retryable: true },
        );
      }
      return this.#enqueueWhenRoom(prepared, options);
    }
    return this.#enqueue(prepared, options);
  }

  /**
   * Predicts many rows through the same queue (they are split across calls as the limits require)
   * and resolves with their outputs in input order. Waits for queue room instead of rejecting.
   *
   * @throws {BatchError} when some rows failed: `results` holds every output, failed rows as
   *   {@link BatchItemError} at their index.
   * @example
   * ```ts
   * const outputs = await batcher.predictMany(rows);
   * ```
   */
  async predictMany(rows: readonly BatchRow[], options: PredictOptions = {}): Promise<Tensor[]> {
    checkPredictOptions(options);
    const settled = await Promise.allSettled(
      rows.map(async (row) => {
        const prepared = this.#prepare(row);
        if (this.#queue.size >= this.#maxQueuedRows) {
          return this.#enqueueWhenRoom(prepared, options);
        }
        return this.#enqueue(prepared, options);
      }),
    );
    const results = settled.map((s, index) =>
      s.status === 'fulfilled' ? s.value : itemError(index, s.reason),
    );
    if (results.some((r) => r instanceof BatchItemError)) throw new BatchError<Tensor>(results);
    return results as Tensor[];
  }

  /**
   * Sends every queued row now (ignoring `maxDelayMs`) and resolves once the queue is empty and no
   * call is running.
   *
   * @example
   * ```ts
   * await batcher.flush();
   * ```
   */
  async flush(): Promise<void> {
    this.#flushing++;
    try {
      this.#drain();
      await this.#idle();
    } finally {
      this.#flushing--;
    }
  }

  /**
   * Stops accepting rows. With `drain` (default) sends what is queued and waits for it; without,
   * rejects queued rows and aborts running calls with an {@link AbortError}.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => batcher.close());
   * ```
   */
  async close(options: CloseOptions = {}): Promise<void> {
    this.#closed = true;
    if (options.drain ?? true) {
      await this.flush();
      return;
    }
    const error = new AbortError('the batcher was closed', { code: 'BatcherClosed' });
    this.#closeError = error;
    // A pending maxDelayMs timer would keep the process alive for nothing.
    if (this.#delayTimer) clearTimeout(this.#delayTimer);
    this.#delayTimer = undefined;
    for (const entry of this.#queue.clear()) this.#fail(entry, error);
    for (const wake of this.#roomWaiters.splice(0)) wake();
    for (const call of this.#calls) call.controller.abort(error);
    await this.#idle();
  }

  /**
   * A snapshot of the counters: rows per call, queue wait and call latency percentiles, pad fraction,
   * retries, bisections, rejects, aborts.
   *
   * @example
   * ```ts
   * const { rowsPerCall, callLatencyMs } = batcher.stats();
   * ```
   */
  stats(): DynamicBatcherStats {
    return this.#stats.snapshot(this.#queue.size, this.#inFlight);
  }

  #prepare(row: BatchRow): Entry {
    if (this.#closed) throw new ValidationError('the batcher is closed: create a new one');
    if (typeof row === 'boolean' || row === null || row === undefined) {
      throw new ValidationError(
        `a row must be a Tensor, a typed array or (nested) numbers, got ${row === null ? 'null' : typeof row}`,
      );
    }
    let tensor = row instanceof Tensor ? row : Tensor.from(row as TensorLike);
    let length: number | undefined;
    if (this.#buckets) {
      length = tensor.shape[0];
      if (length === undefined) {
        throw new ValidationError('with sequenceBuckets a row needs a sequence axis (rank >= 1)');
      }
      const largest = this.#buckets[this.#buckets.length - 1] as number;
      if (length > largest) {
        throw new ValidationError(
          `row has length ${length}, longer than the largest sequence bucket ${largest}: truncate it or compile a larger bucket`,
          { code: 'SequenceTooLong' },
        );
      }
      const bucket = bucketFor(length, this.#buckets);
      if (bucket !== length) {
        tensor = padSequence([tensor], bucket, { axis: 1, value: this.#padValue }).tensor.row(0);
      }
    }
    const rowBytes = tensor.size * itemSize(tensor.dtype);
    const minRows = this.#allowed?.[0] ?? 1;
    if (minRows * rowBytes + NPY_HEADER_BYTES > this.#maxBatchBytes) {
      throw new ValidationError(
        `a batch of ${minRows} row(s) of ${rowBytes} bytes exceeds maxBatchBytes ${this.#maxBatchBytes}: send smaller rows or use async inference`,
      );
    }
    return new Entry(tensor, this.#keyOf(tensor), rowBytes, length);
  }

  /** `dtype|shape`, as one string object reused while rows keep their dtype and shape. */
  #keyOf(tensor: Tensor): string {
    const last = this.#lastKey;
    if (last && last.dtype === tensor.dtype && sameShape(last.shape, tensor.shape)) return last.key;
    const key = `${tensor.dtype}|${tensor.shape.join(',')}`;
    this.#lastKey = { dtype: tensor.dtype, shape: tensor.shape, key };
    return key;
  }

  #enqueue(entry: Entry, options: PredictOptions): Promise<Tensor> {
    const { signal, timeoutMs } = options;
    if (signal?.aborted) {
      this.#stats.aborts++;
      return Promise.reject(abortErrorFrom(signal.reason));
    }
    if (this.#closed) {
      return Promise.reject(new ValidationError('the batcher is closed: create a new one'));
    }
    if (timeoutMs !== undefined) {
      try {
        nonNegative(timeoutMs, 'timeoutMs');
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const promise = new Promise<Tensor>((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    entry.enqueuedAt = performance.now();
    // Listeners and timers only for rows that asked for them: the common row allocates no closure.
    if (signal || timeoutMs !== undefined) this.#watch(entry, signal, timeoutMs);
    this.#stats.rows++;
    this.#queue.push(entry);
    this.#scheduleDrain();
    return promise;
  }

  #watch(entry: Entry, signal: AbortSignal | undefined, timeoutMs: number | undefined): void {
    const onAbort = (): void => this.#cancel(entry, abortErrorFrom(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              this.#cancel(
                entry,
                new TimeoutError(`row timed out after ${timeoutMs} ms`, {
                  code: 'ETIMEDOUT',
                  retryable: true,
                }),
              ),
            timeoutMs,
          );
    entry.cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
  }

  #cancel(entry: Entry, err: AwsAIError): void {
    if (entry.settled) return;
    this.#stats.aborts++;
    if (!entry.sent) {
      // Left in place and skipped when a batch is taken: no search of the queue per abort.
      this.#queue.dropped();
      this.#wakeRoom();
    }
    this.#fail(entry, err);
    const call = entry.call;
    if (call && --call.live === 0) call.controller.abort(err);
    this.#checkIdle();
  }

  /**
   * Queues `entry` once there is room. The waiter queues its row the moment it is woken, before the
   * next waiter looks: resolving first and queueing a microtask later let every waiter see the same
   * free place, and the queue grew past `maxQueuedRows` by all of them.
   */
  #enqueueWhenRoom(entry: Entry, options: PredictOptions): Promise<Tensor> {
    const { signal, timeoutMs } = options;
    if (timeoutMs !== undefined) {
      try {
        nonNegative(timeoutMs, 'timeoutMs');
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const started = performance.now();
    return new Promise<Tensor>((resolve, reject) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (): void => {
        done = true;
        signal?.removeEventListener('abort', retry);
        if (timer) clearTimeout(timer);
      };
      const retry = (): void => {
        if (done) return;
        if (signal?.aborted) {
          finish();
          this.#stats.aborts++;
          reject(abortErrorFrom(signal.reason));
        } else if (this.#closed) {
          finish();
          reject(new ValidationError('the batcher is closed: create a new one'));
        } else if (this.#queue.size < this.#maxQueuedRows) {
          finish();
          // The row's deadline counts from its predict(), the wait for room included.
          const left =
            timeoutMs === undefined
              ? undefined
              : Math.max(0, timeoutMs - (performance.now() - started));
          this.#enqueue(entry, { ...options, timeoutMs: left }).then(resolve, reject);
        } else {
          this.#roomWaiters.push(retry);
        }
      };
      signal?.addEventListener('abort', retry, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          if (done) return;
          finish();
          this.#stats.aborts++;
          reject(
            new TimeoutError(`row timed out after ${timeoutMs} ms`, {
              code: 'ETIMEDOUT',
              retryable: true,
            }),
          );
        }, timeoutMs);
      }
      retry();
    });
  }

  #wakeRoom(): void {
    if (this.#roomWaiters.length === 0) return;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const wake of waiters) wake();
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled || this.#inFlight >= this.#maxInFlight) return;
    this.#drainScheduled = true;
    // One pass per turn: rows submitted in the same turn (and callers re-submitting from a batch's
    // resolutions) join the batch instead of leaving one by one.
    nextTurn(() => {
      this.#drainScheduled = false;
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#inFlight < this.#maxInFlight) {
      const head = this.#queue.peek();
      if (head === undefined) return;
      const limit = this.#limitFor(head);
      if (this.#maxDelayMs > 0 && this.#flushing === 0 && !this.#closed) {
        const waited = performance.now() - head.enqueuedAt;
        if (waited < this.#maxDelayMs && this.#queue.countReady(head.key, limit) < limit) {
          this.#delayTimer ??= setTimeout(() => {
            this.#delayTimer = undefined;
            this.#drain();
          }, this.#maxDelayMs - waited);
          return;
        }
      }
      const batch = this.#take(head.key, limit);
      this.#wakeRoom();
      this.#inFlight++;
      void this.#run(batch);
    }
  }

  #limitFor(head: Entry): number {
    const byBytes = Math.max(
      1,
      Math.floor((this.#maxBatchBytes - NPY_HEADER_BYTES) / Math.max(1, head.rowBytes)),
    );
    const cap = Math.min(this.#maxBatchSize, byBytes);
    if (!this.#allowed) return cap;
    // The padded batch must fit too: the largest allowed size within the cap.
    let best = this.#allowed[0] as number;
    for (const size of this.#allowed) if (size <= cap) best = size;
    return best;
  }

  #take(key: string, limit: number): Entry[] {
    const picked = this.#queue.take(key, limit);
    const now = performance.now();
    for (const entry of picked) {
      entry.sent = true;
      this.#stats.queueWait.add(now - entry.enqueuedAt);
    }
    return picked;
  }

  async #run(batch: Entry[]): Promise<void> {
    try {
      await this.#execute(batch);
    } catch (err) {
      // #execute settles its rows itself; this only guards against a bug leaving them hanging.
      for (const entry of batch) this.#fail(entry, err);
    } finally {
      this.#inFlight--;
      if (this.#queue.size > 0) this.#scheduleDrain();
      this.#checkIdle();
    }
  }

  async #execute(entries: readonly Entry[]): Promise<void> {
    let live = entries.filter((e) => !e.settled);
    if (live.length === 0) return;
    // The second half of a bisection, or a retry, must not leave after close({ drain: false }).
    if (this.#stopped(live)) return;
    const call: Call = { controller: new AbortController(), live: live.length };
    for (const entry of live) entry.call = call;
    this.#calls.add(call);
    try {
      for (let attempt = 1; ; attempt++) {
        live = live.filter((e) => !e.settled);
        if (live.length === 0 || this.#stopped(live)) return;
        const { batch, sent, lengths, mask } = this.#assemble(live);
        this.#stats.recordCall(live.length, sent);
        const started = performance.now();
        let result: Tensor | BatchInvokeOutput;
        try {
          result = await this.#invoke(batch, {
            signal: call.controller.signal,
            realRows: live.length,
            attempt,
            ...(lengths ? { lengths, mask } : {}),
          });
          this.#buffers?.release(batch.data);
        } catch (err) {
          this.#buffers?.release(batch.data);
          this.#stats.callLatency.add(performance.now() - started);
          if (call.controller.signal.aborted) {
            const reason = abortErrorFrom(call.controller.signal.reason);
            for (const entry of live) this.#fail(entry, reason);
            return;
          }
          const kind = classifyFailure(err);
          const pending = live.filter((e) => !e.settled);
          if (kind === 'bisect' && this.#bisect && pending.length > 1) {
            this.#stats.bisections++;
            const half = Math.ceil(pending.length / 2);
            await this.#execute(pending.slice(0, half));
            await this.#execute(pending.slice(half));
            return;
          }
          if (kind === 'retry' && attempt <= this.#retries) {
            this.#stats.retries++;
            const cap = this.#retryDelayMs * 2 ** (attempt - 1);
            try {
              await sleep(Math.random() * cap, call.controller.signal);
            } catch {
              // Every row was aborted during the wait (already settled), or the batcher was closed
              // without draining (they were not): the latter must not hang.
              const reason = abortErrorFrom(call.controller.signal.reason);
              for (const entry of live) this.#fail(entry, reason);
              return;
            }
            continue;
          }
          for (const entry of pending) this.#fail(entry, err);
          return;
        }
        this.#stats.callLatency.add(performance.now() - started);
        this.#deliver(live, result, sent);
        return;
      }
    } finally {
      this.#calls.delete(call);
    }
  }

  /** After `close({ drain: false })`: fails `live` with the close's AbortError and says so. */
  #stopped(live: readonly Entry[]): boolean {
    const error = this.#closeError;
    if (!error) return false;
    for (const entry of live) this.#fail(entry, error);
    return true;
  }

  #assemble(live: readonly Entry[]): {
    batch: Tensor;
    sent: number;
    lengths: number[] | undefined;
    mask: Tensor<'bool'> | undefined;
  } {
    const first = (live[0] as Entry).row;
    const n = live.length;
    const sent = this.#allowed ? (this.#allowed.find((s) => s >= n) ?? n) : n;
    const rowSize = first.size;
    const out = raw(allocateBatch(first.dtype, sent * rowSize, this.#buffers));
    for (let i = 0; i < n; i++) out.set(raw((live[i] as Entry).row.data), i * rowSize);
    // Padding repeats the last real row: the model only sees realistic inputs.
    const last = raw((live[n - 1] as Entry).row.data);
    for (let i = n; i < sent; i++) out.set(last, i * rowSize);
    const batch = new Tensor(
      first.dtype,
      [sent, ...first.shape],
      out as unknown as TypedArrayFor<typeof first.dtype>,
    );
    if (!this.#buckets) return { batch, sent, lengths: undefined, mask: undefined };
    const bucket = first.shape[0] as number;
    const lengths = live.map((e) => e.length as number);
    const maskData = new Uint8Array(sent * bucket);
    for (let i = 0; i < sent; i++) {
      const len = lengths[Math.min(i, n - 1)] as number;
      maskData.fill(1, i * bucket, i * bucket + len);
      if (i < n) {
        this.#stats.seqPositions += bucket;
        this.#stats.seqPadPositions += bucket - len;
      }
    }
    return { batch, sent, lengths, mask: new Tensor('bool', [sent, bucket], maskData) };
  }

  #deliver(live: readonly Entry[], result: Tensor | BatchInvokeOutput, sent: number): void {
    const output = result instanceof Tensor ? result : result?.output;
    const rows = output instanceof Tensor ? output.shape[0] : undefined;
    if (!(output instanceof Tensor) || rows !== sent) {
      const got = output instanceof Tensor ? `${rows ?? 'a scalar with no'}` : 'no tensor with';
      const error = new ServiceError(
        `the model returned ${got} output rows for a batch of ${sent} rows (${live.length} real): every row of the batch failed`,
        { code: 'BatchShapeMismatch' },
      );
      for (const entry of live) this.#fail(entry, error);
      return;
    }
    let failures: Map<number, BatchRowFailure> | undefined;
    if (!(result instanceof Tensor) && result.errors && result.errors.length > 0) {
      failures = new Map();
      for (const failure of result.errors) failures.set(failure.index, failure);
    }
    // Row views share the output buffer and one inner shape; `Tensor.row` would re-validate and
    // re-slice the shape for every row.
    const inner = output.shape.slice(1);
    const stride = sizeOf(inner);
    const data = raw(output.data);
    for (let i = 0; i < live.length; i++) {
      const entry = live[i] as Entry;
      const failure = failures?.get(i);
      if (failure) {
        const code = failure.code ?? 'RowError';
        // The model's words may quote the row it could not read (a SageMaker container's often do):
        // like a whole-call ModelError, the message gives their length and serviceMessage holds them.
        const said = typeof failure.message === 'string' ? failure.message : '';
        this.#fail(
          entry,
          new ServiceError(
            `the model failed this row (its message, ${said.length} characters, is in serviceMessage)`,
            { code, serviceMessage: said },
          ),
        );
      } else if (!entry.settled) {
        entry.settled = true;
        entry.cleanup?.();
        this.#stats.succeeded++;
        const view = data.subarray(i * stride, (i + 1) * stride);
        entry.resolve(new Tensor(output.dtype, inner, view as unknown as TypedArrayFor<DType>));
      }
    }
  }

  #fail(entry: Entry, err: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    entry.cleanup?.();
    this.#stats.failed++;
    entry.reject(err);
  }

  #idle(): Promise<void> {
    if (this.#queue.size === 0 && this.#inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  #checkIdle(): void {
    if (this.#queue.size > 0 || this.#inFlight > 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** 400/413/424 or a ValidationError mean "something in this request": bisect. 429/5xx/network: send it again. */
function classifyFailure(err: unknown): Failure {
  const e = err as {
    statusCode?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  // No row makes an endpoint missing or a permission absent (SageMaker sends the former as a 400):
  // bisecting would send every row alone for the same answer.
  if (NotFoundError.isInstance(err) || AccessDeniedError.isInstance(err)) return 'fatal';
  const status = typeof e?.statusCode === 'number' ? e.statusCode : e?.$metadata?.httpStatusCode;
  if (status === 400 || status === 413 || status === 424) return 'bisect';
  // Refused before it was sent (a row JSON cannot carry, a body over the limit once encoded): as
  // much "something in this request" as a 400, so the row at fault fails alone.
  if (ValidationError.isInstance(err)) return 'bisect';
  if (status === 429 || (status !== undefined && status >= 500)) return 'retry';
  if (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) return 'retry';
  if (AwsAIError.isInstance(err) && err.retryable && status === undefined) return 'retry';
  return 'fatal';
}

function itemError(index: number, reason: unknown): BatchItemError {
  const base = AwsAIError.isInstance(reason) ? reason : undefined;
  const message = reason instanceof Error ? reason.message : String(reason);
  return new BatchItemError(index, message, {
    code: base?.code,
    statusCode: base?.statusCode,
    retryable: base?.retryable,
    cause: reason,
  });
}

const nextTurn: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

function positiveInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`${name} must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

function nonNegativeInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be an integer >= 0, got ${describe(value)}`);
  }
  return value;
}

function nonNegative(value: number, name: string): number {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new ValidationError(`${name} must be a number >= 0, got ${describe(value)}`);
  }
  return value;
}

function sortedSizes(sizes: readonly number[] | undefined, name: string): number[] | undefined {
  if (sizes === undefined) return undefined;
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new ValidationError(`${name} must be a non-empty array of positive integers`);
  }
  for (const size of sizes) positiveInt(size, name);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** The options of `predict`: an object with, at most, a real AbortSignal and a valid timeout. */
function checkPredictOptions(options: PredictOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      `options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const signal = options.signal as unknown;
  if (signal !== undefined) {
    const s = signal as { aborted?: unknown; addEventListener?: unknown } | null;
    if (
      typeof s !== 'object' ||
      s === null ||
      typeof s.aborted !== 'boolean' ||
      typeof s.addEventListener !== 'function'
    ) {
      throw new ValidationError('options.signal must be an AbortSignal');
    }
  }
}
