import { setMaxListeners } from 'node:events';
import pRetry from 'p-retry';
import { concurrencyFor, type RequestOptions, retryFor, validateTimeout } from '../config';
import type { LoadedService, ServiceDef } from './client-cache';
import { getService } from './client-cache';
import { Semaphore } from './concurrency';
import type { ModuleContext } from './context';
import { abortError, type ErrorSite, fromAwsError, timeoutError } from './error-mapping';
import { AwsAIError } from './errors';

/** What one attempt of a call receives. @internal */
export interface Attempt<S, C> {
  readonly sdk: S;
  readonly client: C;
  /** Aborts when the caller aborts or the call's deadline passes: pass it as `abortSignal`. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt. */
  readonly attempt: number;
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
  options: RequestOptions = {},
): Promise<O> {
  const site: ErrorSite = { service: def.service, operation };
  const timeoutMs = options.timeoutMs ?? ctx.config.timeoutMs;
  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
  const retry = retryFor(ctx.config, options.retry);
  const caller = options.signal;
  if (caller?.aborted) throw abortError(site, caller.reason);

  const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [caller, deadline].filter((s): s is AbortSignal => s !== undefined);
  // AbortSignal.any costs a listener per source; skip it when there is a single source.
  const signal =
    signals.length === 0
      ? unabortable()
      : signals.length === 1
        ? (signals[0] as AbortSignal)
        : AbortSignal.any(signals);
  const stopped = (cause: unknown): AwsAIError =>
    caller?.aborted ? abortError(site, cause) : timeoutError(site, timeoutMs ?? 0, cause);

  let loaded: LoadedService<S, C>;
  try {
    loaded = await getService(ctx, def);
  } catch (err) {
    throw fromAwsError(err, site);
  }
  const limiter = limiterFor(ctx, site);
  const logger = ctx.config.logger;

  const once = async (attempt: number): Promise<O> => {
    let release: (() => void) | undefined;
    try {
      release = await limiter.acquire(signal);
      return await fn({ sdk: loaded.sdk, client: loaded.client, signal, attempt });
    } catch (err) {
      if (signal.aborted) throw stopped(err);
      throw fromAwsError(err, site);
    } finally {
      release?.();
    }
  };

  const retries = loaded.injected ? 0 : retry.retries;
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
    if (AwsAIError.isInstance(err)) throw err;
    // p-retry rejects with the signal's reason when aborted during a backoff delay.
    if (signal.aborted) throw stopped(err);
    throw fromAwsError(err, site);
  }
}
