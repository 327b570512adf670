import { AwsAIError } from '../errors';
import { poll } from './polling';

/** Options of {@link whenJobSlotFree}. */
export interface JobSlotOptions {
  signal?: AbortSignal | undefined;
  /** First wait before trying again. @default 5000 */
  intervalMs?: number | undefined;
  /** Longest wait between tries. @default 30000 */
  maxIntervalMs?: number | undefined;
  /** Give up after this long, with the service's last "too many jobs" error. @default no limit */
  timeoutMs?: number | undefined;
}

/**
 * True for the answer Rekognition and Textract give a `Start*` call while the account already runs
 * its maximum of concurrent jobs (aws-limits.md §9): not throttling, and not worth an immediate
 * retry, but it clears as running jobs finish.
 */
export function isTooManyJobs(err: unknown): boolean {
  return (
    AwsAIError.isInstance(err) &&
    err.code === 'LimitExceededException' &&
    !err.retryable &&
    (err.service === 'rekognition' || err.service === 'textract')
  );
}

/**
 * Starts an AWS job, waiting for a free job slot while the service answers "too many concurrent
 * jobs": tries again with growing waits until it starts, the deadline passes or the caller aborts.
 * Every other error is thrown at once (the call layer has already retried throttling and 5xx).
 *
 * @throws ServiceError `LimitExceededException` when the deadline passes with no free slot
 * @throws AbortError when `signal` aborts, also during a wait
 * @example
 * ```ts
 * const { JobId } = await whenJobSlotFree(() => startLabelDetection(video), { timeoutMs: 600_000 });
 * ```
 */
export async function whenJobSlotFree<T>(
  start: () => Promise<T>,
  options: JobSlotOptions = {},
): Promise<T> {
  let last: unknown;
  try {
    return await poll(
      async () => {
        try {
          return { done: true, value: await start() };
        } catch (err) {
          if (!isTooManyJobs(err)) throw err;
          last = err;
          return { done: false, status: 'LimitExceededException' };
        }
      },
      {
        intervalMs: options.intervalMs ?? 5_000,
        maxIntervalMs: options.maxIntervalMs ?? 30_000,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      },
    );
  } catch (err) {
    // Out of time while every slot stayed taken: the service's own answer says more than a timeout.
    if (last !== undefined && AwsAIError.isInstance(err) && err.name === 'TimeoutError') throw last;
    throw err;
  }
}
