/**
 * Runs an array through an AWS API that takes at most K items per call (Comprehend Batch*, embeddings,
 * SageMaker rows): groups items into calls, runs calls concurrently, retries retryable item failures
 * and puts every result or error back at its input index.
 *
 * @packageDocumentation
 */

import type { ResolvedRetry } from '../config';
import {
  AwsAIError,
  type AwsAIErrorOptions,
  BatchError,
  BatchItemError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from '../errors';
import type { AttemptBudget } from './call';
import { raceSignal, sleep, throwIfAborted } from './internal/abort';

/** The result of one item inside a batch call: its value, or its own error. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: AwsAIError };

/** Backoff between rounds of item retries. */
export interface RetryDelayOptions {
  /**
   * Lowest delay before a retry round, and the base of the exponential cap.
   * @default 100
   */
  minDelayMs?: number | undefined;
  /**
   * Highest delay before a retry round.
   * @default 5000
   */
  maxDelayMs?: number | undefined;
}

/**
 * The item-retry options of {@link mapBatched} for a call's retry policy: the same retry count
 * (shared with the call layer through the budget) and the same delays.
 * @internal
 */
export function itemRetryOptions(
  retry: ResolvedRetry,
): Pick<MapBatchedOptions<unknown, unknown>, 'itemRetries' | 'retryDelay'> {
  return {
    itemRetries: retry.retries,
    retryDelay: { minDelayMs: retry.minDelayMs, maxDelayMs: retry.maxDelayMs },
  };
}

/** Options of {@link mapBatched}. */
export interface MapBatchedOptions<I, R> {
  /** Most items per API call, e.g. 25 for Comprehend Batch* APIs. */
  batchSize: number;
  /** Most bytes per API call, measured with {@link MapBatchedOptions.itemBytes}; no limit when unset. */
  maxBatchBytes?: number | undefined;
  /** Size of one item in bytes; required with `maxBatchBytes`. */
  itemBytes?: ((item: I) => number) | undefined;
  /**
   * Calls in flight at once.
   * @default 4
   */
  concurrency?: number | undefined;
  /**
   * Retries per item, whatever layer makes them: an item is carried by at most `itemRetries + 1`
   * requests in all, counting both the rounds here and the retries the call layer makes inside one
   * `send` (through the `budget` it receives). Pass the call's `retry.retries`.
   * @default 3
   */
  itemRetries?: number | undefined;
  /**
   * Delay before each retry round: a random value between `minDelayMs` and
   * `min(maxDelayMs, minDelayMs * 2^round)`.
   * @default { minDelayMs: 100, maxDelayMs: 5000 }
   */
  retryDelay?: RetryDelayOptions | undefined;
  /** Cancels the whole run; pending calls see it through the `signal` given to `send`. */
  signal?: AbortSignal | undefined;
  /**
   * Sends one API call. `indices` are the items' positions in the input array. Returns one outcome per
   * item of `batch`, in batch order; throws when the whole call failed (after the call layer's retries).
   * `budget` says how many requests this call may make at most; pass it to `callAws` (as
   * `options.budget`), which counts every request it sends into `budget.used`.
   */
  send: (
    batch: I[],
    indices: number[],
    signal: AbortSignal | undefined,
    budget: AttemptBudget,
  ) => Promise<ItemOutcome<R>[]>;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_ITEM_RETRIES = 3;
const DEFAULT_MIN_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 5000;

/**
 * Splits `items` into consecutive groups of at most `size`.
 *
 * @throws {@link ValidationError} when `size` is not a positive integer.
 * @example
 * ```ts
 * chunk([1, 2, 3, 4, 5], 2); // [[1, 2], [3, 4], [5]]
 * ```
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  requirePositiveInteger('size', size);
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError(`${name} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * Runs `items` through `send` in calls of at most `batchSize` items (and `maxBatchBytes` bytes),
 * `concurrency` calls at a time, and returns one entry per input, in input order: the item's value, or
 * a {@link BatchItemError} whose `index` is the input index and whose `cause` is the original error.
 *
 * - A call that throws a `retryable` error (throttled or 5xx after the call layer's own retries; not
 *   a timeout) puts its items back for the next round, like retryable items. Any other thrown error
 *   fails every item it carried (service, operation, code, status, request id and `retryable` are
 *   copied onto each item error). Pass `itemRetries: 0` for a single round.
 * - An item whose outcome error is `retryable` is retried, together with the other retryable items of
 *   the same round, for up to `itemRetries` rounds; then it is reported with its last error.
 * - A non-retryable item error is reported at once.
 * - A call that returns a different number of outcomes than items fails every item of that call with
 *   a {@link ServiceError}.
 * - An item larger than `maxBatchBytes` on its own is never sent; it fails with a {@link ValidationError}.
 *
 * @returns one value or {@link BatchItemError} per input index; pass it to {@link settleBatch}.
 * @throws {@link ValidationError} for invalid options (non-positive `batchSize` or `concurrency`,
 *   `maxBatchBytes` without `itemBytes`).
 * @throws {@link AbortError} as soon as `signal` fires, even while calls are in flight or during a
 *   backoff.
 * @example
 * ```ts
 * const results = await mapBatched(texts, {
 *   batchSize: 25,
 *   signal,
 *   send: async (batch, _indices, signal) => {
 *     const out = await client.send(new BatchDetectSentimentCommand({ TextList: batch, LanguageCode: 'en' }), { abortSignal: signal });
 *     return toOutcomes(batch.length, out.ResultList, out.ErrorList);
 *   },
 * });
 * const sentiments = settleBatch(results); // throws BatchError if any item failed
 * ```
 */
export async function mapBatched<I, R>(
  items: readonly I[],
  options: MapBatchedOptions<I, R>,
): Promise<Array<R | BatchItemError>> {
  const { batchSize, maxBatchBytes, itemBytes, signal, send } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const itemRetries = options.itemRetries ?? DEFAULT_ITEM_RETRIES;
  const minDelayMs = options.retryDelay?.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const maxDelayMs = options.retryDelay?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  requirePositiveInteger('batchSize', batchSize);
  requirePositiveInteger('concurrency', concurrency);
  if (!Number.isInteger(itemRetries) || itemRetries < 0) {
    throw new ValidationError(`itemRetries must be a non-negative integer, got ${itemRetries}`);
  }
  if (maxBatchBytes !== undefined && itemBytes === undefined) {
    throw new ValidationError('maxBatchBytes needs itemBytes to measure each item');
  }
  throwIfAborted(signal);

  const results = new Array<R | BatchItemError>(items.length);
  const sizes = maxBatchBytes !== undefined && itemBytes ? items.map(itemBytes) : undefined;
  let pending: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const size = sizes?.[i];
    if (maxBatchBytes !== undefined && size !== undefined && size > maxBatchBytes) {
      results[i] = new BatchItemError(
        i,
        `Item is ${size} bytes, more than the ${maxBatchBytes} bytes one call may carry`,
      );
    } else pending.push(i);
  }

  const maxAttempts = itemRetries + 1;
  // Requests that carried each item so far, across rounds and the call layer's own retries.
  const used = new Uint32Array(items.length);
  const hasBudget = (i: number): boolean => (used[i] as number) < maxAttempts;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) await sleep(backoff(round, minDelayMs, maxDelayMs), signal);
    const retry: number[] = [];
    const batches = planBatches(pending, batchSize, maxBatchBytes, sizes);
    await runPool(batches, concurrency, signal, async (indices) => {
      const batch = indices.map((i) => items[i] as I);
      const budget: AttemptBudget = {
        max: Math.min(...indices.map((i) => maxAttempts - (used[i] as number))),
        used: 0,
      };
      let outcomes: ItemOutcome<R>[];
      try {
        outcomes = await raceSignal(send(batch, indices, signal, budget), signal);
      } catch (err) {
        throwIfAborted(signal);
        spend(used, indices, budget);
        // A whole call that failed for a passing reason (throttled or 5xx even after the call
        // layer's retries) is re-sent in a later round while its items have attempts left, like a
        // retryable item: an unlucky call must not lose its items. A deadline that passed is final.
        for (const i of indices) {
          if (isRetryableCallError(err) && hasBudget(i)) retry.push(i);
          else results[i] = itemError(i, err);
        }
        return;
      }
      spend(used, indices, budget);
      if (!Array.isArray(outcomes) || outcomes.length !== indices.length) {
        const got = Array.isArray(outcomes) ? outcomes.length : typeof outcomes;
        const mismatch = new ServiceError(
          `The batch call returned ${got} results for ${indices.length} items`,
          { code: 'BatchResultMismatch' },
        );
        for (const i of indices) results[i] = itemError(i, mismatch);
        return;
      }
      indices.forEach((i, k) => {
        const outcome = outcomes[k];
        if (outcome?.ok) results[i] = outcome.value;
        else if (outcome?.error.retryable && hasBudget(i)) retry.push(i);
        else results[i] = itemError(i, outcome?.error);
      });
    });
    // Keep input order inside each retry round: batches finish in any order.
    pending = retry.sort((a, b) => a - b);
  }
  return results;
}

/** Charges a finished call's requests (at least one) to each item it carried. */
function spend(used: Uint32Array, indices: readonly number[], budget: AttemptBudget): void {
  const requests = Math.max(1, budget.used);
  for (const i of indices) used[i] = (used[i] as number) + requests;
}

/** Consecutive groups of at most `batchSize` indices and `maxBatchBytes` bytes. */
function planBatches(
  indices: readonly number[],
  batchSize: number,
  maxBatchBytes: number | undefined,
  sizes: readonly number[] | undefined,
): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const i of indices) {
    const size = sizes?.[i] ?? 0;
    const overBudget = maxBatchBytes !== undefined && bytes + size > maxBatchBytes;
    if (current.length > 0 && (current.length >= batchSize || overBudget)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Runs `task` over `batches` with at most `concurrency` at once; rejects at the first abort. */
async function runPool<T>(
  batches: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  task: (batch: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      throwIfAborted(signal);
      const batch = batches[next++] as T;
      await task(batch);
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, batches.length) }, worker);
  await Promise.all(workers);
}

function backoff(round: number, minDelayMs: number, maxDelayMs: number): number {
  const cap = Math.min(maxDelayMs, minDelayMs * 2 ** round);
  return minDelayMs + Math.random() * Math.max(0, cap - minDelayMs);
}

/** A {@link BatchItemError} for input `index` that carries `cause`'s AWS fields. */
function isRetryableCallError(err: unknown): boolean {
  return AwsAIError.isInstance(err) && err.retryable && !TimeoutError.isInstance(err);
}

function itemError(index: number, cause: unknown): BatchItemError {
  const fields: AwsAIErrorOptions = { cause };
  if (AwsAIError.isInstance(cause)) {
    fields.service = cause.service;
    fields.operation = cause.operation;
    fields.code = cause.code;
    fields.statusCode = cause.statusCode;
    fields.requestId = cause.requestId;
    fields.retryable = cause.retryable;
  }
  const message =
    cause instanceof Error
      ? cause.message
      : cause === undefined
        ? 'The batch call returned no outcome for this item'
        : String(cause);
  return new BatchItemError(index, message, fields);
}

/** Options of {@link settleBatch}. */
export interface SettleBatchOptions {
  /**
   * Throw a {@link BatchError} when any item failed; `false` returns failures in place.
   * @default true
   */
  throwOnItemError?: boolean | undefined;
}

/**
 * Turns the results of {@link mapBatched} into what a module method returns: with
 * `throwOnItemError: false` the array as is (failures stay at their index), otherwise the values, or
 * a {@link BatchError} carrying every result when any item failed.
 *
 * @throws {@link BatchError} when an item failed and `throwOnItemError` is not `false`; its
 *   `service` and `operation` are those of the first failure.
 * @example
 * ```ts
 * const values = settleBatch(results); // R[]
 * const mixed = settleBatch(results, { throwOnItemError: false }); // Array<R | BatchItemError>
 * ```
 */
export function settleBatch<R>(
  results: Array<R | BatchItemError>,
  options: { throwOnItemError: false },
): Array<R | BatchItemError>;
export function settleBatch<R>(
  results: Array<R | BatchItemError>,
  options?: { throwOnItemError?: true | undefined },
): R[];
export function settleBatch<R>(
  results: Array<R | BatchItemError>,
  options?: SettleBatchOptions,
): R[] | Array<R | BatchItemError>;
export function settleBatch<R>(
  results: Array<R | BatchItemError>,
  options: SettleBatchOptions = {},
): R[] | Array<R | BatchItemError> {
  if (options.throwOnItemError === false) return results;
  const first = results.find((r): r is BatchItemError => r instanceof BatchItemError);
  if (first) {
    throw new BatchError<R>(results, { service: first.service, operation: first.operation });
  }
  return results as R[];
}
