/**
 * The scope of one public call: one deadline, one cancellation and one end for every request the call
 * makes (pieces, batches, retries, polls, uploads). A module method runs its work through
 * {@link runCall}; the options it hands down carry the scope, so {@link callAws} and the core helpers
 * (batching, polling, sleeps) all see the same signal instead of starting a fresh `timeoutMs` each.
 *
 * When the call settles (value or error), the scope's signal aborts: requests still in flight are
 * cancelled and no new one starts. See docs/decisions/0006-one-scope-per-call.md.
 *
 * @internal
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { describe as describeValue, validateTimeout } from '../config';
import { AbortError, AwsAIError, TimeoutError, ValidationError } from '../errors';
import type { ModuleContext } from './context';
import type { ErrorSite } from './error-mapping';
import { raceSignal } from './internal/abort';
import { nameFailure } from './internal/name-failure';
import { setResponse } from './response';
import {
  type CallTelemetry,
  type CallTrace,
  loadTrace,
  requestTrace,
  startCall,
} from './telemetry';

const SCOPE = Symbol.for('aws-ai.callScope');

/** Why a scope's signal fired. @internal */
export type ScopeEnd = 'deadline' | 'caller' | 'settled';

/** One public call's deadline and cancellation. @internal */
export interface CallScope {
  /** Fires at the deadline, when the caller's signal fires, or when the call settles. */
  readonly signal: AbortSignal;
  /** The whole call's budget in ms (the call's or the client's `timeoutMs`); undefined: none. */
  readonly timeoutMs: number | undefined;
  /** Milliseconds left before the deadline (never negative); undefined when there is none. */
  remainingMs(): number | undefined;
  /** Why the signal fired, or undefined while the call runs. */
  ended(): ScopeEnd | undefined;
  /** The call's span and counters: every request the call sends is traced under it. */
  readonly trace: CallTrace;
  /**
   * Work that must finish before the call settles, even when the call ends early at its deadline or
   * by an abort (the cleanup DeleteObject of a staged upload). It must bound itself; the call waits
   * for it at most {@link HOLD_LIMIT_MS}.
   */
  hold(done: Promise<unknown>): void;
  /**
   * Runs once when the call settles, after held work finished, with what the call settles with (to
   * attach reports to the value or error). Must not throw.
   */
  onSettle(fn: (outcome: { value?: unknown; error?: AwsAIError }) => void): void;
}

/** The longest a call that ended early waits for held cleanup work. @internal */
export const HOLD_LIMIT_MS = 6_000;

/**
 * Where a public call goes, as errors and telemetry name it: the AWS service and operation, and
 * optionally the public method and its telemetry attributes. @internal
 */
export type CallSite = ErrorSite & Partial<CallTelemetry>;

/** Request options inside a scope: `signal` is the scope's (caller + deadline + end). @internal */
export type ScopedOptions<O extends RequestOptions> = O & {
  signal: AbortSignal;
  readonly [SCOPE]: CallScope;
};

/** The scope carried by `options`, if a public call opened one. @internal */
export function scopeOf(options: RequestOptions | undefined): CallScope | undefined {
  return (options as { [SCOPE]?: CallScope } | undefined)?.[SCOPE];
}

/** setTimeout fires at once above 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

function openScope(
  timeoutMs: number | undefined,
  caller: AbortSignal | undefined,
  outer: CallScope | undefined,
  trace: CallTrace,
): {
  scope: CallScope;
  settled: (outcome: { value?: unknown; error?: AwsAIError }) => Promise<void>;
  close: () => void;
} {
  const controller = new AbortController();
  const held = new Set<Promise<unknown>>();
  const settleHooks: Array<(outcome: { value?: unknown; error?: AwsAIError }) => void> = [];
  let end: ScopeEnd | undefined;
  const stop = (why: ScopeEnd, reason: unknown): void => {
    if (end) return;
    end = why;
    controller.abort(reason);
  };
  const started = performance.now();
  // A nested call (e.g. chat -> generate) never outlives the call around it.
  const outerLeft = outer?.remainingMs();
  const budget =
    timeoutMs === undefined
      ? outerLeft
      : outerLeft === undefined
        ? timeoutMs
        : Math.min(timeoutMs, outerLeft);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (budget !== undefined) {
    timer = setTimeout(
      () =>
        stop(
          'deadline',
          new TimeoutError(`The call timed out after ${timeoutMs ?? budget} ms`, {
            code: 'ETIMEDOUT',
          }),
        ),
      Math.min(Math.max(budget, 0), MAX_TIMER_MS),
    );
    timer.unref?.();
  }
  const onCaller = (): void => stop('caller', caller?.reason);
  if (caller?.aborted) onCaller();
  else caller?.addEventListener('abort', onCaller, { once: true });
  const scope: CallScope = {
    signal: controller.signal,
    timeoutMs: timeoutMs ?? outer?.timeoutMs,
    remainingMs: () =>
      budget === undefined ? undefined : Math.max(0, budget - (performance.now() - started)),
    ended: () => end,
    trace,
    hold: (done) => {
      held.add(done);
      void done.then(
        () => held.delete(done),
        () => held.delete(done),
      );
    },
    onSettle: (fn) => {
      settleHooks.push(fn);
    },
  };
  return {
    scope,
    settled: async (outcome) => {
      if (held.size > 0) await waitBounded([...held], HOLD_LIMIT_MS);
      for (const fn of settleHooks) fn(outcome);
    },
    close: () => {
      if (timer) clearTimeout(timer);
      caller?.removeEventListener('abort', onCaller);
      if (!end) stop('settled', settledReason());
    },
  };
}

/**
 * The abort reason of every scope that settled: built once, because a settled call reaches here on
 * every success and an error per call costs a stack trace and a redaction pass for nothing.
 */
let settled: AbortError | undefined;
const settledReason = (): AbortError =>
  (settled ??= new AbortError('The call has already settled', { code: 'CallSettled' }));

/**
 * Runs one public call in its own scope and settles no later than its deadline.
 *
 * - `timeoutMs` (the call's, else the client's) bounds the whole call; the deadline fires a
 *   {@link TimeoutError}, the caller's signal an {@link AbortError}, both naming `site`.
 * - When `fn` settles, the scope's signal aborts: what is still in flight is cancelled and nothing new
 *   is sent.
 * - Whatever `fn` throws comes out as an {@link AwsAIError}.
 *
 * @param site - service and operation named by errors that no request produced (deadline, abort).
 * @param fn - the call's work; it receives `options` with the scope's signal.
 * @throws {@link ValidationError} for an invalid `options.timeoutMs`, before `fn` runs.
 * @example
 * ```ts
 * return runCall(this.ctx, options, { service: 'comprehend', operation: 'DetectSentiment' }, (o) =>
 *   op.sentiment(this.ctx, input, o),
 * );
 * ```
 * @internal
 */
export async function runCall<O extends RequestOptions, T>(
  ctx: ModuleContext,
  options: O | undefined,
  site: CallSite,
  fn: (options: ScopedOptions<O>) => Promise<T>,
): Promise<T> {
  const where: ErrorSite = { service: site.service, operation: site.operation };
  let given: O;
  try {
    given = checkRequestOptions(options);
  } catch (err) {
    throw finalError(where, err, undefined, undefined);
  }
  const caller = given.signal;
  if (caller?.aborted) throw finalError(where, caller.reason, 'caller', undefined);
  const timeoutMs = given.timeoutMs ?? ctx.config.timeoutMs;
  const outer = scopeOf(given);
  // Synchronous once the telemetry API's import has settled (the first calls of a process wait).
  const enabled = ctx.config.telemetry;
  const loaded = requestTrace(undefined, enabled) ?? (await loadTrace(enabled));
  const trace = startCall(
    loaded.instruments,
    where,
    site.method === undefined ? undefined : (site as CallTelemetry),
  );
  const started = performance.now();
  const { scope, settled, close } = openScope(timeoutMs, caller, outer, trace);
  const scoped = { ...given, signal: scope.signal, [SCOPE]: scope } as ScopedOptions<O>;
  try {
    // Race the work against the scope: work that ignores the signal still cannot hold the call
    // past its deadline or the caller's abort.
    const value = await raceSignal(
      Promise.resolve().then(() => fn(scoped)),
      scope.signal,
    );
    await settled({ value });
    setResponse(value, {
      requestIds: trace.stats.requestIds,
      attempts: trace.stats.requests,
      throttles: trace.stats.throttles,
      ms: performance.now() - started,
    });
    trace.end({ value });
    return value;
  } catch (err) {
    const error = finalError(where, err, scope.ended(), scope.timeoutMs);
    await settled({ error });
    trace.end({ error });
    throw error;
  } finally {
    close();
  }
}

/**
 * Checks the options every method takes before anything else runs: an object (or nothing), a real
 * `AbortSignal`, a valid `timeoutMs`.
 * @throws {@link ValidationError} saying what to change
 * @internal
 */
export function checkRequestOptions<O extends RequestOptions>(options: O | undefined): O {
  if (options === undefined || options === null) return {} as O;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValidationError(`options must be an object, got ${describeValue(options)}`);
  }
  const { signal, timeoutMs } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new ValidationError(
      `options.signal must be an AbortSignal (from new AbortController().signal or AbortSignal.timeout()), got ${describeValue(signal)}`,
    );
  }
  if (timeoutMs !== undefined) validateTimeout(timeoutMs, 'options.timeoutMs');
  return options;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as {
    aborted?: unknown;
    addEventListener?: unknown;
    removeEventListener?: unknown;
  };
  return (
    typeof s.aborted === 'boolean' &&
    typeof s.addEventListener === 'function' &&
    typeof s.removeEventListener === 'function'
  );
}

/**
 * For methods that return a live object (a job, a session) and so run outside a call scope: checks
 * the request options first and turns whatever else fails into an {@link AwsAIError} naming `site`.
 * @internal
 */
export async function guardCall<O extends RequestOptions, T>(
  site: ErrorSite,
  options: O | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    checkRequestOptions(options);
    return await fn();
  } catch (err) {
    throw finalError(site, err, undefined, undefined);
  }
}

/** What a call that failed throws: always an AwsAIError, named after the call when nothing else is. */
function finalError(
  site: ErrorSite,
  err: unknown,
  end: ScopeEnd | undefined,
  timeoutMs: number | undefined,
): AwsAIError {
  if (end === 'deadline' && !(AwsAIError.isInstance(err) && err.service && !isStop(err))) {
    return new TimeoutError(
      `${site.service} ${site.operation} timed out after ${timeoutMs ?? 0} ms`,
      { ...site, code: 'TimeoutError', cause: err },
    );
  }
  if (
    end === 'caller' &&
    !(AwsAIError.isInstance(err) && err.service && AbortError.isInstance(err))
  ) {
    return new AbortError(`${site.service} ${site.operation} was aborted`, {
      ...site,
      code: 'AbortError',
      cause: err,
    });
  }
  // Our own checks and parsers know no service (the call names them); a defect of ours or of a
  // dependency is still an AwsAIError, never a bare TypeError.
  return nameFailure(err, site);
}

/** Waits for `work` to settle, at most `ms`. */
async function waitBounded(work: Promise<unknown>[], ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.allSettled(work),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
}

function isStop(err: AwsAIError): boolean {
  return TimeoutError.isInstance(err) || AbortError.isInstance(err);
}

/** The kind of an unexpected error, never its message (it may quote the input). */
/**
 * The request options (`signal`, `timeoutMs`, `retry`) of a method's options, keeping the call's
 * scope: use it where a method's options are narrowed before being handed down.
 * @internal
 */
export function requestOptionsOf(options: RequestOptions): RequestOptions {
  const { signal, timeoutMs, retry } = options;
  const scope = scopeOf(options);
  return scope
    ? ({ signal, timeoutMs, retry, [SCOPE]: scope } as RequestOptions)
    : { signal, timeoutMs, retry };
}
