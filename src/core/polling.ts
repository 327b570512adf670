/**
 * Waiting for AWS jobs (Textract, Transcribe, Rekognition video, Comprehend, SageMaker async) and
 * following `NextToken` pagination.
 *
 * @packageDocumentation
 */

import { AwsAIError, ServiceError, TimeoutError, ValidationError } from '../errors';
import {
  abortErrorFrom,
  deadlineSignal,
  raceSignal,
  sleep,
  throwIfAborted,
} from './internal/abort';

/** What one check of a job says: finished with a value, or still running with an optional status. */
export type PollResult<T> = { done: true; value: T } | { done: false; status?: string | undefined };

/** Progress reported to an `onPoll` callback after each check that found the job still running. */
export interface PollInfo {
  /** 1 for the first check. */
  attempt: number;
  /** The status the check returned, e.g. `IN_PROGRESS`. */
  status?: string | undefined;
  /** Milliseconds since polling started. */
  elapsedMs: number;
}

/** Options of {@link poll}. */
export interface PollOptions {
  /**
   * Wait after the first check, in ms: at least {@link MIN_POLL_INTERVAL_MS} (0 is refused).
   * @default 1000
   */
  intervalMs?: number | undefined;
  /**
   * Longest wait between two checks, in ms: at least {@link MIN_POLL_INTERVAL_MS}.
   * @default 10000
   */
  maxIntervalMs?: number | undefined;
  /**
   * Growth of the wait after each check.
   * @default 1.5
   */
  factor?: number | undefined;
  /**
   * Give up after this many milliseconds, counted from the first check (a check in flight at the
   * deadline is abandoned and its signal aborted).
   * @default no deadline
   */
  timeoutMs?: number | undefined;
  /** Stops polling at once, also during a wait or a check. */
  signal?: AbortSignal | undefined;
  /** Called after every check that was not done, before the wait (for logs and progress bars). */
  onPoll?: ((info: PollInfo) => void) | undefined;
}

const DEFAULT_INTERVAL_MS = 1000;
const DEFAULT_MAX_INTERVAL_MS = 10_000;
const DEFAULT_FACTOR = 1.5;

/**
 * Checks one wait or timeout option: a number >= 0 (finite when `finite`).
 *
 * @throws {@link ValidationError} naming the option.
 * @example
 * ```ts
 * requireNonNegative('pollIntervalMs', options.pollIntervalMs, true);
 * ```
 * @internal
 */
export function requireNonNegative(name: string, value: unknown, finite = false): void {
  if (typeof value !== 'number' || !(value >= 0) || (finite && !Number.isFinite(value))) {
    throw new ValidationError(
      `${name} must be a ${finite ? 'finite ' : ''}number >= 0, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
}

/**
 * Shortest wait between two checks of a job, in ms. A smaller `intervalMs` (0 in particular) would
 * poll in a busy loop, sending Describe/Get calls as fast as the service answers them; it is refused.
 */
export const MIN_POLL_INTERVAL_MS = 1;

/**
 * Checks a poll interval option: a number >= {@link MIN_POLL_INTERVAL_MS} (finite when `finite`).
 *
 * @throws {@link ValidationError} naming the option.
 * @example
 * ```ts
 * requirePollInterval('pollIntervalMs', options.pollIntervalMs, true);
 * ```
 * @internal
 */
export function requirePollInterval(name: string, value: unknown, finite = false): void {
  if (
    typeof value !== 'number' ||
    !(value >= MIN_POLL_INTERVAL_MS) ||
    (finite && !Number.isFinite(value))
  ) {
    throw new ValidationError(
      `${name} must be a ${finite ? 'finite ' : ''}number >= ${MIN_POLL_INTERVAL_MS} (ms; 0 would poll in a busy loop), got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
}

/**
 * Checks polling options before anything is sent or uploaded (a job's options are otherwise read only
 * once the job is running): intervals are numbers >= {@link MIN_POLL_INTERVAL_MS} (`intervalMs` finite),
 * the timeout a number >= 0, `factor` is
 * >= 1 and `onPoll` is a function. `prefix` names the option in messages, e.g. `poll.` or `polling.`.
 *
 * @throws {@link ValidationError} naming the option and what it must be.
 * @example
 * ```ts
 * checkPollOptions(options.poll, 'poll.'); // before the document is staged
 * ```
 */
export function checkPollOptions(
  options:
    | {
        intervalMs?: unknown;
        maxIntervalMs?: unknown;
        timeoutMs?: unknown;
        factor?: unknown;
        onPoll?: unknown;
      }
    | undefined,
  prefix = '',
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(`${prefix.replace(/\.$/, '') || 'poll options'} must be an object`);
  }
  const { intervalMs, maxIntervalMs, timeoutMs, factor, onPoll } = options;
  if (intervalMs !== undefined) requirePollInterval(`${prefix}intervalMs`, intervalMs, true);
  if (maxIntervalMs !== undefined) requirePollInterval(`${prefix}maxIntervalMs`, maxIntervalMs);
  if (timeoutMs !== undefined) requireNonNegative(`${prefix}timeoutMs`, timeoutMs);
  if (factor !== undefined && !(typeof factor === 'number' && factor >= 1)) {
    throw new ValidationError(`${prefix}factor must be a number >= 1, got ${String(factor)}`);
  }
  if (onPoll !== undefined && typeof onPoll !== 'function') {
    throw new ValidationError(`${prefix}onPoll must be a function, got ${typeof onPoll}`);
  }
}

/**
 * Waits for an AWS job: checks at once, then after waits that start at `intervalMs` and grow by
 * `factor` up to `maxIntervalMs`, until `check` says done. The wait never runs past the deadline: when
 * `timeoutMs` passes (during a wait or a check) polling stops with a {@link TimeoutError}. Errors
 * thrown by `check` propagate unchanged: the call layer already retries transient ones.
 *
 * `check` gets a signal that fires on the caller's abort and at the deadline; pass it to the SDK.
 *
 * @returns the `value` of the first check that is done.
 * @throws {@link TimeoutError} (code `ETIMEDOUT`) when `timeoutMs` passes first; the message gives
 *   the number of checks and the last status.
 * @throws {@link AbortError} at once when `signal` fires, even during a wait or a slow check.
 * @throws {@link ValidationError} for an interval below {@link MIN_POLL_INTERVAL_MS} ms, a negative
 *   timeout or a factor below 1.
 * @example
 * ```ts
 * const job = await poll(
 *   async (signal) => {
 *     const out = await getJob(jobId, signal);
 *     return out.JobStatus === 'SUCCEEDED'
 *       ? { done: true, value: out }
 *       : { done: false, status: out.JobStatus };
 *   },
 *   { intervalMs: 2000, timeoutMs: 15 * 60_000, signal },
 * );
 * ```
 */
export async function poll<T>(
  check: (signal?: AbortSignal) => Promise<PollResult<T>>,
  options: PollOptions = {},
): Promise<T> {
  const { signal, timeoutMs, onPoll } = options;
  let interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const maxInterval = options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS;
  const factor = options.factor ?? DEFAULT_FACTOR;
  checkPollOptions({ intervalMs: interval, maxIntervalMs: maxInterval, timeoutMs, factor, onPoll });
  throwIfAborted(signal);

  const started = performance.now();
  const deadline = deadlineSignal(signal, timeoutMs);
  let attempt = 0;
  let status: string | undefined;
  try {
    for (;;) {
      attempt++;
      const result = await raceSignal(check(deadline.signal), deadline.signal);
      if (result.done) return result.value;
      status = result.status;
      onPoll?.({ attempt, status, elapsedMs: performance.now() - started });
      await sleep(interval, deadline.signal);
      interval = Math.min(maxInterval, interval * factor);
    }
  } catch (err) {
    if (deadline.timedOut() && !signal?.aborted) {
      throw new TimeoutError(
        `Job not finished after ${timeoutMs} ms (${attempt} checks, last status ${status ?? 'unknown'})`,
        { code: 'ETIMEDOUT', cause: err },
      );
    }
    // A check that failed because the caller aborted reports the abort, not the SDK's own error.
    if (signal?.aborted && !AwsAIError.isInstance(err)) throw abortErrorFrom(signal.reason);
    throw err;
  } finally {
    deadline.cleanup();
  }
}

/** One page of a paginated AWS response and the token of the next one. */
export interface Page<P> {
  page: P;
  /** `NextToken` of the response; `undefined` or `''` on the last page. */
  nextToken?: string | undefined;
}

/** Options of {@link pages} and {@link collectPages}. */
export interface PagesOptions {
  /** Stops at once when it fires, also during a page fetch. */
  signal?: AbortSignal | undefined;
  /**
   * Stop after this many pages, even if the service returned a `nextToken`.
   * @default no limit
   */
  maxPages?: number | undefined;
}

/**
 * Yields every page in order, following `nextToken` until the service stops returning one (or
 * `maxPages` pages were read). The first call gets `undefined` as token.
 *
 * @throws {@link AbortError} at once when `signal` fires.
 * @throws {@link ServiceError} (code `RepeatedNextToken`) when the service returns a token it already
 *   returned: following it would loop for ever.
 * @throws whatever `fetchPage` throws.
 * @example
 * ```ts
 * for await (const page of pages((token, signal) => getResults(jobId, token, signal), { signal })) {
 *   blocks.push(...page.Blocks);
 * }
 * ```
 */
export async function* pages<P>(
  fetchPage: (nextToken: string | undefined, signal?: AbortSignal) => Promise<Page<P>>,
  options: PagesOptions = {},
): AsyncGenerator<P, void, undefined> {
  const { signal, maxPages = Number.POSITIVE_INFINITY } = options;
  if (!(maxPages >= 0)) throw new ValidationError(`maxPages must be >= 0, got ${maxPages}`);
  const seen = new Set<string>();
  let token: string | undefined;
  for (let count = 0; count < maxPages; count++) {
    throwIfAborted(signal);
    const { page, nextToken } = await raceSignal(fetchPage(token, signal), signal);
    yield page;
    if (!nextToken) return;
    if (seen.has(nextToken)) {
      throw new ServiceError(
        `The service returned the same NextToken twice (after ${count + 1} pages); stopping to avoid an endless loop`,
        { code: 'RepeatedNextToken' },
      );
    }
    seen.add(nextToken);
    token = nextToken;
  }
}

/**
 * Reads every page into an array, in order. See {@link pages}.
 *
 * @throws {@link AbortError} at once when `signal` fires.
 * @throws {@link ServiceError} (code `RepeatedNextToken`) on a token loop.
 * @example
 * ```ts
 * const voices = (await collectPages((token) => describeVoices(token))).flatMap((p) => p.Voices);
 * ```
 */
export async function collectPages<P>(
  fetchPage: (nextToken: string | undefined, signal?: AbortSignal) => Promise<Page<P>>,
  options: PagesOptions = {},
): Promise<P[]> {
  const collected: P[] = [];
  for await (const page of pages(fetchPage, options)) collected.push(page);
  return collected;
}
