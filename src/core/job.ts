/**
 * One job type for every asynchronous AWS operation: an id, a small JSON-serializable `ref` that
 * rebuilds the job in another process (`ai.jobs.resume(ref)`), `status()`, `wait()`, `results()` /
 * `result()` and `cancel()` where AWS has one. See docs/jobs.md.
 *
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { ServiceError, type ServiceName, TimeoutError, ValidationError } from '../errors';
import { deadlineSignal, raceSignal } from './internal/abort';
import { nameFailure, withSite } from './internal/name-failure';
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
  /** AWS's own status word, as the service spelled it (`IN_PROGRESS`, `InProgress`, …), when known. */
  awsStatus?: string | undefined;
}

/** Options of {@link Job.wait}, {@link Job.results} and {@link Job.result}: one shape for every job. */
export interface JobWaitOptions {
  /** Stops waiting at once (the job keeps running in AWS; use {@link Job.cancel} to stop it). */
  signal?: AbortSignal | undefined;
  /**
   * Give up after this many milliseconds with a `TimeoutError`: for `wait`, the waiting; for
   * `results` and `result`, waiting and reading the output together, counted from the first read.
   * @default no limit
   */
  timeoutMs?: number | undefined;
  /** Wait before the second status check; later waits grow 1.5× up to `maxPollIntervalMs`. */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two checks. @default 60000 */
  maxPollIntervalMs?: number | undefined;
  /** Called after every check that was not final (for logs and progress bars). */
  onProgress?: ((status: JobStatus) => void) | undefined;
}

/**
 * What a deprecated `onPoll` callback receives: the {@link JobStatus} plus the fields of the old
 * `PollInfo` (`attempt`, `status`: AWS's status word, `elapsedMs`), so callbacks written for either
 * old shape keep working.
 */
export type LegacyPollInfo<S extends JobStatus = JobStatus> = S & {
  /** 1 for the first check. */
  attempt: number;
  /** AWS's status word (`IN_PROGRESS`), or the {@link JobState} when the service gave none. */
  status: string;
  /** Milliseconds since waiting started. */
  elapsedMs: number;
};

/**
 * The poll option names aws-ai shipped before {@link JobWaitOptions}; still accepted and mapped onto
 * it (in one place, `jobWaitOptions` in `core/job.ts`). `S` is the status the job's `status()` returns.
 */
export interface DeprecatedPollOptions<S extends JobStatus = JobStatus> {
  /** @deprecated Use `pollIntervalMs` (same meaning). */
  intervalMs?: number | undefined;
  /** @deprecated Use `maxPollIntervalMs` (same meaning). */
  maxIntervalMs?: number | undefined;
  /**
   * @deprecated Use `onProgress`, which receives the {@link JobStatus} (`state`, `awsStatus`,
   * `progress`). `onPoll` still gets the status plus `attempt`, `status` and `elapsedMs`.
   */
  onPoll?: ((info: LegacyPollInfo<S>) => void) | undefined;
}

/** The old nested poll block (`poll: {}` of documents and call analytics, `polling: {}` of video). */
export interface DeprecatedPollBlock<S extends JobStatus = JobStatus>
  extends DeprecatedPollOptions<S> {
  /** @deprecated Use the top-level `timeoutMs`. */
  timeoutMs?: number | undefined;
}

/** Wait options with the deprecated names still accepted: what the modules' job methods take. */
export type JobWaitInput<S extends JobStatus = JobStatus> = JobWaitOptions &
  DeprecatedPollOptions<S> & {
    /** @deprecated Put `pollIntervalMs`, `maxPollIntervalMs`, `timeoutMs`, `onProgress` at the top level. */
    poll?: DeprecatedPollBlock<S> | undefined;
    /** @deprecated Put `pollIntervalMs`, `maxPollIntervalMs`, `timeoutMs`, `onProgress` at the top level. */
    polling?: DeprecatedPollBlock<S> | undefined;
  };

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

/** What a module gives {@link createJob}. `S` is what its `status()` returns. @internal */
export interface JobSpec<T, S extends JobStatus = JobStatus> {
  ref: JobRef;
  describe(options: RequestOptions): Promise<S>;
  read(status: S, options: JobWaitOptions): AsyncIterable<T>;
  cancel?: ((options: RequestOptions) => Promise<void>) | undefined;
  /** The service whose status operation `describe` calls, named by the errors of waiting. */
  service: ServiceName;
  /** The status operation, named in `JobFailed` errors and in the deadline and abort of waiting. */
  operation: string;
  /** First wait between checks. @default 5000 */
  intervalMs?: number | undefined;
  /** Longest wait between checks. @default 60000 */
  maxIntervalMs?: number | undefined;
  /** The error a job that ended `failed`/`stopped`/`expired` rejects with. @default ServiceError `JobFailed` */
  failure?: ((status: S) => Error) | undefined;
  /** Runs when `results()` / `result()` start, before any wait (a job that has no records refuses here). */
  checkResults?: (() => void) | undefined;
}

/**
 * What `results()` returns on the jobs whose `results()` used to resolve to an array (Comprehend
 * and Translate jobs): the async iterable of {@link Job.results}, also awaitable as before.
 */
export interface JobResults<T> extends AsyncIterable<T> {
  /**
   * @deprecated `await job.results()` still resolves to the array; use `await job.result()` (or
   * `for await (const item of job.results())`) instead.
   */
  then<A = T[], B = never>(
    onfulfilled?: ((value: T[]) => A | PromiseLike<A>) | null | undefined,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null | undefined,
  ): Promise<A | B>;
  /** @deprecated As `then`: use `job.result()`. */
  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null | undefined,
  ): Promise<T[] | B>;
  /** @deprecated As `then`: use `job.result()`. */
  finally(onfinally?: (() => void) | null | undefined): Promise<T[]>;
}

/**
 * Makes `results()` of a job also awaitable (resolving to `result()`), for the job types whose
 * `results()` shipped as a promise of an array. @internal
 */
export function awaitableResults<T>(
  iterable: AsyncIterable<T>,
  all: () => Promise<T[]>,
): JobResults<T> {
  return {
    [Symbol.asyncIterator]: () => iterable[Symbol.asyncIterator](),
    // biome-ignore lint/suspicious/noThenProperty: the deprecated `await job.results()`
    then: (onfulfilled, onrejected) => all().then(onfulfilled, onrejected),
    catch: (onrejected) => all().catch(onrejected),
    finally: (onfinally) => all().finally(onfinally),
  };
}

/** The {@link Job} {@link createJob} builds: `status` and `wait` give the module's status type. @internal */
export interface BuiltJob<T, S extends JobStatus = JobStatus> extends Job<T> {
  status(options?: RequestOptions): Promise<S>;
  wait(options?: JobWaitInput<S>): Promise<S>;
  results(options?: JobWaitInput<S>): AsyncIterable<T>;
  result(options?: JobWaitInput<S>): Promise<T[]>;
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

const LEGACY_BLOCKS = ['poll', 'polling'] as const;

/**
 * The one place where the deprecated poll option names become {@link JobWaitOptions}: top-level
 * `intervalMs` / `maxIntervalMs` / `onPoll` (Comprehend and Translate jobs, Polly tasks), `onPoll`
 * beside `pollIntervalMs` (Transcribe) and the nested `poll: {}` / `polling: {}` blocks (Textract,
 * Call Analytics, video). A new name wins over its old one. Everything is checked here, before any
 * request: a bad value is a `ValidationError` naming the option as the caller spelled it.
 *
 * @returns the options in the new shape; `onProgress` also calls a deprecated `onPoll`
 * @throws ValidationError naming the option
 * @example
 * ```ts
 * const wait = jobWaitOptions(options); // { poll: { intervalMs: 1 } } -> { pollIntervalMs: 1 }
 * ```
 * @internal
 */
export function jobWaitOptions<S extends JobStatus>(
  options: JobWaitInput<S> | undefined,
  prefix = '',
): JobWaitOptions {
  if (options === undefined) return {};
  checkJobWaitOptions(options, prefix);
  const { intervalMs, maxIntervalMs, onPoll } = options;
  checkPollOptions({ intervalMs, maxIntervalMs, onPoll }, prefix);
  const old: DeprecatedPollBlock<S> = { intervalMs, maxIntervalMs, onPoll };
  for (const name of LEGACY_BLOCKS) {
    const block = options[name];
    if (block === undefined) continue;
    checkPollOptions(block, `${prefix}${name}.`);
    old.intervalMs ??= block.intervalMs;
    old.maxIntervalMs ??= block.maxIntervalMs;
    old.timeoutMs ??= block.timeoutMs;
    old.onPoll ??= block.onPoll;
  }
  const pollIntervalMs = options.pollIntervalMs ?? old.intervalMs;
  const maxPollIntervalMs = options.maxPollIntervalMs ?? old.maxIntervalMs;
  const timeoutMs = options.timeoutMs ?? old.timeoutMs;
  const { onProgress, signal } = options;
  const legacy = old.onPoll;
  let attempt = 0;
  const started = performance.now();
  const progress =
    legacy === undefined
      ? onProgress
      : (status: JobStatus) => {
          onProgress?.(status);
          attempt++;
          legacy({
            ...(status as S),
            attempt,
            status: status.awsStatus ?? status.state,
            elapsedMs: performance.now() - started,
          });
        };
  return {
    ...(signal !== undefined ? { signal } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
    ...(maxPollIntervalMs !== undefined ? { maxPollIntervalMs } : {}),
    ...(progress !== undefined ? { onProgress: progress } : {}),
  };
}

/**
 * {@link PollOptions} of core `poll` from wait options, for the methods that run a job to its end
 * with their own check (the check calls `onProgress` itself).
 * @internal
 */
export function pollOptionsOf(
  wait: JobWaitOptions,
  defaults: { intervalMs: number; maxIntervalMs: number },
): { intervalMs: number; maxIntervalMs: number; timeoutMs?: number; signal?: AbortSignal } {
  const intervalMs = wait.pollIntervalMs ?? defaults.intervalMs;
  return {
    intervalMs,
    maxIntervalMs: Math.max(wait.maxPollIntervalMs ?? defaults.maxIntervalMs, intervalMs),
    ...(wait.timeoutMs !== undefined ? { timeoutMs: wait.timeoutMs } : {}),
    ...(wait.signal !== undefined ? { signal: wait.signal } : {}),
  };
}

/**
 * Builds a {@link Job} from a module's describe/read/cancel functions. `wait`, `results` and
 * `result` take the deprecated poll names too ({@link jobWaitOptions}).
 * @internal
 */
export function createJob<T, S extends JobStatus = JobStatus>(spec: JobSpec<T, S>): BuiltJob<T, S> {
  const { ref } = spec;
  const site = { service: spec.service, operation: spec.operation };
  const waitFor = async (options: JobWaitOptions): Promise<S> => {
    const { pollIntervalMs, maxPollIntervalMs, timeoutMs, signal, onProgress } = options;
    const intervalMs = pollIntervalMs ?? spec.intervalMs ?? 5_000;
    return poll(
      async (checkSignal) => {
        const status = await spec.describe({ signal: checkSignal });
        if (SUCCESS.has(status.state)) return { done: true, value: status };
        if (ENDED.has(status.state)) {
          if (spec.failure) throw spec.failure(status);
          throw new ServiceError(
            `Job ${status.id} ended ${status.state}${status.message ? `: ${status.message}` : ''}`,
            { ...site, code: 'JobFailed' },
          );
        }
        onProgress?.(status);
        return { done: false, status: status.awsStatus ?? status.state };
      },
      {
        intervalMs,
        maxIntervalMs: Math.max(maxPollIntervalMs ?? spec.maxIntervalMs ?? 60_000, intervalMs),
        timeoutMs,
        signal,
      },
    ).catch((err: unknown) => {
      throw nameFailure(err, site, errMessage(err));
    });
  };
  const wait = async (input: JobWaitInput<S> = {}): Promise<S> =>
    waitFor(withSite(site, () => jobWaitOptions(input)));
  const results = (input: JobWaitInput<S> = {}): AsyncIterable<T> => ({
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<T> | undefined;
      // One deadline for waiting and reading (docs/jobs.md), from the first `next()`.
      let deadline: ReturnType<typeof deadlineSignal> | undefined;
      let timeoutMs: number | undefined;
      let caller: AbortSignal | undefined;
      const stop = (err: unknown): never => {
        deadline?.cleanup();
        if (deadline?.timedOut() && !caller?.aborted) {
          throw new TimeoutError(
            `${site.service} ${site.operation}: job ${ref.id} not finished and read after ${timeoutMs} ms`,
            { ...site, code: 'ETIMEDOUT', cause: err },
          );
        }
        throw nameFailure(err, site, errMessage(err));
      };
      return {
        next: async () => {
          try {
            if (!inner) {
              spec.checkResults?.();
              const options = jobWaitOptions(input);
              ({ timeoutMs, signal: caller } = options);
              deadline = deadlineSignal(caller, timeoutMs);
              const { timeoutMs: _, ...rest } = options;
              const scoped = deadline.signal ? { ...rest, signal: deadline.signal } : rest;
              const status = await waitFor(scoped);
              inner = spec.read(status, scoped)[Symbol.asyncIterator]();
            }
            const step = await raceSignal(inner.next(), deadline?.signal);
            if (step.done) deadline?.cleanup();
            return step;
          } catch (err) {
            return stop(err);
          }
        },
        return: async () => {
          deadline?.cleanup();
          await inner?.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  });
  const job: BuiltJob<T, S> = {
    id: ref.id,
    ref,
    status: (options = {}) => spec.describe(options),
    wait,
    results,
    result: async (options) => {
      spec.checkResults?.();
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

/** A job's wait keeps poll's message ("not finished after … (N checks, last status …)"). */
const errMessage = (err: unknown): string | undefined =>
  err instanceof Error ? err.message : undefined;
