/**
 * One job type for every asynchronous AWS operation: an id, a small JSON-serializable `ref` that
 * rebuilds the job in another process (`ai.jobs.resume(ref)`), `status()`, `wait()`, `results()` /
 * `result()` and `cancel()` where AWS has one. See docs/jobs.md.
 *
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { ServiceError, ValidationError } from './errors';
import { checkPollOptions, poll, requirePollInterval } from './polling';

/** A JSON value, as a {@link JobRef} may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * What rebuilds a job elsewhere: its kind, id and region plus what reading its output needs. Plain
 * JSON (`JSON.stringify` / `JSON.parse` round-trip it), small enough for a Step Functions state or a
 * queue message; it never holds the caller's data.
 */
export interface JobRef {
  /** The job's kind, e.g. `bedrock.batch`, `sagemaker.transform`. */
  readonly kind: string;
  /** The AWS job id or ARN (for several AWS jobs, the first; `jobs` lists them all). */
  readonly id: string;
  /** The region the job runs in, when it differs from the client's default. */
  readonly region?: string | undefined;
  readonly [key: string]: JsonValue | undefined;
}

/**
 * Where a job is. AWS's many spellings (`IN_PROGRESS`, `InProgress`, `PartiallyCompleted`, …) map to
 * these. `completed` and `partially-completed` are successes (the latter has per-record failures);
 * `failed`, `stopped` and `expired` end without output.
 */
export type JobState =
  | 'submitted'
  | 'in-progress'
  | 'stopping'
  | 'completed'
  | 'partially-completed'
  | 'failed'
  | 'stopped'
  | 'expired';

/** What one status check says. */
export interface JobStatus {
  /** The job's id, as in {@link Job.id}. */
  id: string;
  state: JobState;
  /** AWS's status message (the failure reason of a failed job). */
  message?: string | undefined;
  /** Records or items done and in all, when the service reports them. */
  progress?: { done: number; total: number; failed?: number | undefined } | undefined;
}

/** Options of {@link Job.wait}, {@link Job.results} and {@link Job.result}: one shape for every job. */
export interface JobWaitOptions {
  /** Stops waiting at once (the job keeps running in AWS; use {@link Job.cancel} to stop it). */
  signal?: AbortSignal | undefined;
  /** Give up waiting after this many milliseconds with a `TimeoutError`. @default no limit */
  timeoutMs?: number | undefined;
  /** Wait before the second status check; later waits grow 1.5× up to `maxPollIntervalMs`. */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two checks. @default 60000 */
  maxPollIntervalMs?: number | undefined;
  /** Called after every check that was not final (for logs and progress bars). */
  onProgress?: ((status: JobStatus) => void) | undefined;
}

/**
 * A job running in AWS. `wait`, `results` and `result` poll `status` until the job ends; a job that
 * fails, stops or expires rejects with a `ServiceError` (code `JobFailed`).
 *
 * @example
 * ```ts
 * const job = await ai.generative.batch(prompts, { model, role, output: 's3://my-bucket/out/' });
 * await saveSomewhere(JSON.stringify(job.ref)); // resume later: ai.jobs.resume(ref)
 * for await (const item of job.results()) console.log(item);
 * ```
 */
export interface Job<T> {
  /** The AWS job id or ARN. */
  readonly id: string;
  /** Rebuilds this job anywhere: `ai.jobs.resume(job.ref)`. */
  readonly ref: JobRef;
  /** One status check (no waiting). */
  status(options?: RequestOptions): Promise<JobStatus>;
  /** Polls until the job ends; resolves with its final status. */
  wait(options?: JobWaitOptions): Promise<JobStatus>;
  /**
   * Waits for the job, then yields its outputs in input order; failed items come as
   * `BatchItemError`s at their index. Streams: the whole output is never held in memory.
   */
  results(options?: JobWaitOptions): AsyncIterable<T>;
  /** Waits for the job, then reads every output into an array (small jobs only). */
  result(options?: JobWaitOptions): Promise<T[]>;
  /** Asks AWS to stop the job (only jobs whose service has a stop operation). */
  cancel?(options?: RequestOptions): Promise<void>;
}

/** What a module gives {@link createJob}. @internal */
export interface JobSpec<T> {
  ref: JobRef;
  describe(options: RequestOptions): Promise<JobStatus>;
  read(status: JobStatus, options: JobWaitOptions): AsyncIterable<T>;
  cancel?: ((options: RequestOptions) => Promise<void>) | undefined;
  /** The operation named in `JobFailed` errors. */
  operation: string;
  /** First wait between checks. @default 5000 */
  intervalMs?: number | undefined;
}

const SUCCESS: ReadonlySet<JobState> = new Set(['completed', 'partially-completed']);
const ENDED: ReadonlySet<JobState> = new Set(['failed', 'stopped', 'expired']);

/**
 * Checks wait options before anything is sent.
 * @throws ValidationError naming the option
 * @internal
 */
export function checkJobWaitOptions(options: JobWaitOptions | undefined, prefix = ''): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(`${prefix || 'wait options'} must be an object`);
  }
  const { pollIntervalMs, maxPollIntervalMs, timeoutMs, onProgress } = options;
  if (pollIntervalMs !== undefined)
    requirePollInterval(`${prefix}pollIntervalMs`, pollIntervalMs, true);
  if (maxPollIntervalMs !== undefined)
    requirePollInterval(`${prefix}maxPollIntervalMs`, maxPollIntervalMs);
  checkPollOptions({ timeoutMs }, prefix);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ValidationError(`${prefix}onProgress must be a function, got ${typeof onProgress}`);
  }
}

/**
 * Builds a {@link Job} from a module's describe/read/cancel functions.
 * @internal
 */
export function createJob<T>(spec: JobSpec<T>): Job<T> {
  const { ref } = spec;
  const wait = async (options: JobWaitOptions = {}): Promise<JobStatus> => {
    checkJobWaitOptions(options);
    const { pollIntervalMs, maxPollIntervalMs = 60_000, timeoutMs, signal, onProgress } = options;
    return poll(
      async (checkSignal) => {
        const status = await spec.describe({ signal: checkSignal });
        if (SUCCESS.has(status.state)) return { done: true, value: status };
        if (ENDED.has(status.state)) {
          throw new ServiceError(
            `Job ${status.id} ended ${status.state}${status.message ? `: ${status.message}` : ''}`,
            { operation: spec.operation, code: 'JobFailed' },
          );
        }
        onProgress?.(status);
        return { done: false, status: status.state };
      },
      {
        intervalMs: pollIntervalMs ?? spec.intervalMs ?? 5_000,
        maxIntervalMs: Math.max(maxPollIntervalMs, pollIntervalMs ?? 0),
        timeoutMs,
        signal,
      },
    );
  };
  const results = (options: JobWaitOptions = {}): AsyncIterable<T> => ({
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<T> | undefined;
      return {
        next: async () => {
          if (!inner) {
            const status = await wait(options);
            inner = spec.read(status, options)[Symbol.asyncIterator]();
          }
          return inner.next();
        },
        return: async () => {
          await inner?.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  });
  const job: Job<T> = {
    id: ref.id,
    ref,
    status: (options = {}) => spec.describe(options),
    wait,
    results,
    result: async (options) => {
      const all: T[] = [];
      for await (const item of results(options)) all.push(item);
      return all;
    },
  };
  if (spec.cancel) {
    const cancel = spec.cancel;
    job.cancel = (options = {}) => cancel(options);
  }
  return job;
}
