import { setMaxListeners } from 'node:events';
import pRetry from 'p-retry';
import { concurrencyFor, type RequestOptions, retryFor, validateTimeout } from '../config';
import { AwsAIError, ThrottlingError } from '../errors';
import { AdaptiveRate } from './adaptive-rate';
import { type CallScope, scopeOf } from './call-scope';
import type { LoadedService, ServiceDef } from './client-cache';
import { getService } from './client-cache';
import { Semaphore } from './concurrency';
import type { ModuleContext } from './context';
import { abortError, type ErrorSite, fromAwsError, timeoutError } from './error-mapping';
import { loadTrace, requestTrace, traceAttempt } from './telemetry';

/** What one attempt of a call receives. @internal */
export interface Attempt<S, C> {
  readonly sdk: S;
  readonly client: C;
  /** Aborts when the caller aborts or the call's deadline passes: pass it as `abortSignal`. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/**
 * How many attempts one piece of work may still make, shared by every layer that retries it: an
 * array call's rounds and the call layer's retries both draw from it, so no item is carried by more
 * than `retries + 1` requests. @internal
 */
export interface AttemptBudget {
  /** Attempts this request may make at most (>= 1). */
  readonly max: number;
  /** Attempts made so far; {@link callAws} adds one per request sent. */
  used: number;
}

/** Options {@link callAws} takes: the public request options plus an attempt budget. @internal */
export interface CallOptions extends RequestOptions {
  budget?: AttemptBudget | undefined;
}

/** Shared by every call without a caller signal or deadline; nothing ever aborts it. */
let neverAborted: AbortSignal | undefined;

function unabortable(): AbortSignal {
  if (!neverAborted) {
    neverAborted = new AbortController().signal;
    // Every in-flight request without a caller signal listens on this one signal, which never
    // fires: Node's "possible leak" warning after 10 listeners would be a false alarm.
    setMaxListeners(0, neverAborted);
  }
  return neverAborted;
}

/** The learned send rate of one operation, shared by every client of one `AwsAI`. */
function rateFor(ctx: ModuleContext, site: ErrorSite): AdaptiveRate | undefined {
  if (!ctx.config.adaptiveRate) return undefined;
  const key = `${site.service}|${site.operation}`;
  let rate = ctx.shared.rates.get(key);
  if (!rate) {
    rate = new AdaptiveRate();
    ctx.shared.rates.set(key, rate);
  }
  return rate;
}

function limiterFor(ctx: ModuleContext, site: ErrorSite): Semaphore {
  const limit = concurrencyFor(ctx.config, site.service);
  const key = `${site.service}|${limit}`;
  let limiter = ctx.shared.limiters.get(key);
  if (!limiter) {
    limiter = new Semaphore(limit);
    ctx.shared.limiters.set(key, limiter);
  }
  return limiter;
}

/**
 * Runs one AWS operation through the shared path: per-service concurrency limit, then retries with
 * p-retry (exponential backoff with jitter; throttling, 5xx, dropped connections and malformed
 * responses are retried, validation/access/not-found never), each attempt bounded by the caller's
 * signal and the call's deadline; every failure comes out as an {@link AwsAIError}.
 *
 * A slot of the concurrency limit is held only while a request is in flight, not during backoff.
 * A client injected through `config.clients` keeps its own retry settings, so aws-ai makes a single
 * attempt with it (one retry owner per call).
 *
 * @example
 * ```ts
 * const out = await callAws(ctx, COMPREHEND, 'DetectDominantLanguage', ({ client, sdk, signal }) =>
 *   client.send(new sdk.DetectDominantLanguageCommand({ Text: text }), { abortSignal: signal }),
 * options);
 * ```
 * @internal
 */
export async function callAws<S, C, O>(
  ctx: ModuleContext,
  def: ServiceDef<S, C>,
  operation: string,
  fn: (attempt: Attempt<S, C>) => Promise<O>,
  options: CallOptions = {},
): Promise<O> {
  const site: ErrorSite = { service: def.service, operation };
  const scope = scopeOf(options);
  const retry = retryFor(ctx.config, options.retry);
  const { signal, timeoutMs, stopped } = scope
    ? scopedSignal(scope, options.signal, site)
    : ownSignal(options, ctx.config.timeoutMs, site);
  if (signal.aborted) throw stopped(signal.reason);

  let loaded: LoadedService<S, C>;
  try {
    loaded = await getService(ctx, def);
  } catch (err) {
    throw fromAwsError(err, site);
  }
  const limiter = limiterFor(ctx, site);
  // An injected client keeps its own retry (and rate) strategy.
  const rate = loaded.injected ? undefined : rateFor(ctx, site);
  const logger = ctx.config.logger;
  // Inside a public call its span is the parent; outside, a stream's or the active context. Awaits
  // only while the telemetry API's import is under way (the first requests of a process).
  const trace =
    requestTrace(scope, ctx.config.telemetry) ?? (await loadTrace(ctx.config.telemetry));

  const mapped = (err: unknown): AwsAIError =>
    signal.aborted ? stopped(err) : fromAwsError(err, site);
  const once = async (attempt: number): Promise<O> => {
    let release: (() => void) | undefined;
    let sentAt = 0;
    try {
      // The learned rate first, then a slot: a request waiting for its turn holds no slot.
      if (rate) sentAt = await rate.acquire(signal);
      release = await limiter.acquire(signal);
      // Checked again after the wait for a slot: nothing is sent once the call has settled.
      signal.throwIfAborted();
      if (budget) budget.used++;
      // Mapped inside the attempt's span, so it records the typed error (throttled or not).
      const out = await traceAttempt(trace, site, attempt, () =>
        fn({ sdk: loaded.sdk, client: loaded.client, signal, attempt }).catch((err: unknown) => {
          const error = mapped(err);
          if (rate && ThrottlingError.isInstance(error)) rate.onThrottle(sentAt);
          throw error;
        }),
      );
      rate?.onAccepted();
      return out;
    } catch (err) {
      if (AwsAIError.isInstance(err) && !(signal.aborted && err === signal.reason)) throw err;
      throw mapped(err);
    } finally {
      release?.();
    }
  };

  const budget = options.budget;
  const allowed = loaded.injected ? 0 : retry.retries;
  const retries = budget ? Math.max(0, Math.min(allowed, budget.max - budget.used - 1)) : allowed;
  // A single attempt (the batcher's calls, injected clients) needs none of p-retry's machinery.
  if (retries === 0) return once(1);
  try {
    return await pRetry(once, {
      retries,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      factor: 2,
      randomize: true,
      // Never sleep into the deadline: give up with the last real error instead.
      ...(timeoutMs === undefined ? {} : { maxRetryTime: timeoutMs }),
      signal,
      shouldRetry: ({ error }) =>
        AwsAIError.isInstance(error) && error.retryable && !signal.aborted,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && AwsAIError.isInstance(error) && error.retryable) {
          logger?.debug(
            `aws-ai: ${site.service} ${operation} attempt ${attemptNumber} failed (${error.code}); retrying`,
            { requestId: error.requestId },
          );
        }
      },
    });
  } catch (err) {
    if (AwsAIError.isInstance(err) && !(signal.aborted && err === signal.reason)) throw err;
    // p-retry rejects with the signal's reason when aborted during a backoff delay.
    if (signal.aborted) throw stopped(err);
    throw fromAwsError(err, site);
  }
}

interface CallSignal {
  signal: AbortSignal;
  /** Time left for retries, from now. */
  timeoutMs: number | undefined;
  stopped: (cause: unknown) => AwsAIError;
}

/** Inside a public call's scope: its signal and what is left of its deadline. */
function scopedSignal(
  scope: CallScope,
  given: AbortSignal | undefined,
  site: ErrorSite,
): CallSignal {
  const signal =
    given === undefined || given === scope.signal
      ? scope.signal
      : AbortSignal.any([given, scope.signal]);
  return {
    signal,
    timeoutMs: scope.remainingMs(),
    stopped: (cause) =>
      scope.ended() === 'deadline'
        ? timeoutError(site, scope.timeoutMs ?? 0, cause)
        : abortError(site, scope.ended() === 'caller' ? scope.signal.reason : cause),
  };
}

/** Outside a scope (streams, the batcher, internal calls): the call's own deadline. */
function ownSignal(
  options: RequestOptions,
  clientTimeoutMs: number | undefined,
  site: ErrorSite,
): CallSignal {
  const timeoutMs = options.timeoutMs ?? clientTimeoutMs;
  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
  const caller = options.signal;
  const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [caller, deadline].filter((s): s is AbortSignal => s !== undefined);
  // AbortSignal.any costs a listener per source; skip it when there is a single source.
  const signal =
    signals.length === 0
      ? unabortable()
      : signals.length === 1
        ? (signals[0] as AbortSignal)
        : AbortSignal.any(signals);
  return {
    signal,
    timeoutMs,
    stopped: (cause) =>
      caller?.aborted ? abortError(site, cause) : timeoutError(site, timeoutMs ?? 0, cause),
  };
}
