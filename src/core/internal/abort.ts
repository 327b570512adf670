/**
 * Signal, deadline and sleep helpers shared by the core helpers (polling, batching, streams).
 *
 * Every helper turns an abort into an {@link AwsAIError}: the signal's reason itself when it already is
 * one (a {@link TimeoutError} set by {@link deadlineSignal}), a `TimeoutError` for a DOM timeout reason
 * (`AbortSignal.timeout`), otherwise an {@link AbortError} carrying the reason as `cause`.
 *
 * @internal
 * @packageDocumentation
 */

import { AbortError, AwsAIError, type ServiceName, TimeoutError } from '../../errors';

/** setTimeout fires at once for delays above 2^31-1 ms, so longer waits are clamped to this (~24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A deadline or abort that no request produced (our poll loop, a race with the signal) knows no
 * service: this names the call's site on it, as the same class with the same code and cause.
 * Anything else, or a stop that already names a service, is returned as it is.
 *
 * @param message - the message of the named error; defaults to "<service> <operation> timed out"
 *   (or "was aborted"). A job's wait keeps its own, which says how many checks it made.
 * @example
 * ```ts
 * throw namedStop(err, { service: 'textract', operation: 'GetDocumentAnalysis' }, err.message);
 * ```
 * @internal
 */
export function namedStop(
  err: unknown,
  site: { service: ServiceName; operation: string },
  message?: string,
): unknown {
  if (!AwsAIError.isInstance(err) || err.service) return err;
  const Ctor = TimeoutError.isInstance(err)
    ? TimeoutError
    : AbortError.isInstance(err)
      ? AbortError
      : undefined;
  if (!Ctor) return err;
  const text =
    message ??
    `${site.service} ${site.operation} ${Ctor === TimeoutError ? 'timed out' : 'was aborted'}`;
  return new Ctor(text, { ...site, code: err.code, cause: err.cause ?? err });
}

/**
 * Turns an abort reason into the error aws-ai throws for it.
 *
 * @param reason - `signal.reason` of an aborted signal.
 * @returns the reason when it already is an {@link AwsAIError}, a {@link TimeoutError} for a DOM
 *   `TimeoutError` reason, otherwise an {@link AbortError} with the reason as `cause`.
 * @example
 * ```ts
 * const controller = new AbortController();
 * controller.abort();
 * abortErrorFrom(controller.signal.reason); // AbortError
 * ```
 * @internal
 */
export function abortErrorFrom(reason: unknown): AwsAIError {
  if (AwsAIError.isInstance(reason)) return reason;
  if (isNamed(reason, 'TimeoutError')) {
    return new TimeoutError('The operation timed out', { code: 'ETIMEDOUT', cause: reason });
  }
  return new AbortError('The operation was aborted', { code: 'ABORT_ERR', cause: reason });
}

function isNamed(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name;
}

/**
 * Throws when `signal` has fired.
 *
 * @throws {@link AbortError} (or the reason's own {@link AwsAIError}, e.g. {@link TimeoutError}) when
 *   `signal` is aborted; see {@link abortErrorFrom}.
 * @example
 * ```ts
 * throwIfAborted(options.signal);
 * ```
 * @internal
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFrom(signal.reason);
}

/**
 * Waits `ms` milliseconds, or rejects as soon as `signal` fires.
 *
 * @param ms - delay; negative and NaN count as 0, values above ~24.8 days are clamped.
 * @throws {@link AbortError} (see {@link abortErrorFrom}) when `signal` is or becomes aborted.
 * @example
 * ```ts
 * await sleep(250, options.signal);
 * ```
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFrom(signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function clampDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

/**
 * Settles like `promise`, or rejects as soon as `signal` fires, whichever comes first. Used where the
 * awaited work may ignore the signal, so that an abort is still observed at once.
 *
 * @throws {@link AbortError} (see {@link abortErrorFrom}) when `signal` fires first; otherwise whatever
 *   `promise` rejects with.
 * @example
 * ```ts
 * const page = await raceSignal(fetchPage(token), signal);
 * ```
 * @internal
 */
export function raceSignal<T>(
  promise: PromiseLike<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return Promise.resolve(promise);
  if (signal.aborted) {
    // The losing promise may still reject later; keep that from surfacing as unhandled.
    Promise.resolve(promise).catch(() => {});
    return Promise.reject(abortErrorFrom(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortErrorFrom(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The combined signal returned by {@link deadlineSignal}. @internal */
export interface DeadlineSignal {
  /** Fires when the caller's signal fires or the timeout passes; undefined when neither was given. */
  readonly signal: AbortSignal | undefined;
  /** Stops the timer and detaches from the caller's signal. Call it when the work is done. */
  cleanup(): void;
  /** True when the timeout (not the caller) aborted the signal. */
  timedOut(): boolean;
}

/**
 * Combines the caller's signal with a timeout. On timeout the signal's reason is a {@link TimeoutError}
 * (code `ETIMEDOUT`), so {@link abortErrorFrom} reports a timeout rather than an abort. The timer is
 * unref'd: it never keeps the process alive by itself.
 *
 * Hand-rolled rather than `AbortSignal.any` + `AbortSignal.timeout` so the timer can be cleared and
 * the listener on a long-lived caller signal removed (`AbortSignal.any` leaks on some Node 20 releases).
 *
 * @param signal - the caller's signal, if any.
 * @param timeoutMs - milliseconds from now; `undefined` or `Infinity` means no timeout.
 * @throws nothing; a negative or NaN `timeoutMs` counts as 0 (the signal fires on the next tick).
 * @example
 * ```ts
 * const deadline = deadlineSignal(options.signal, options.timeoutMs);
 * try {
 *   return await work(deadline.signal);
 * } finally {
 *   deadline.cleanup();
 * }
 * ```
 * @internal
 */
export function deadlineSignal(
  signal?: AbortSignal | undefined,
  timeoutMs?: number | undefined,
): DeadlineSignal {
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY) {
    return { signal, cleanup: () => {}, timedOut: () => false };
  }
  const controller = new AbortController();
  let expired = false;
  const onAbort = (): void => controller.abort(signal?.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(
      new TimeoutError(`The operation timed out after ${timeoutMs} ms`, { code: 'ETIMEDOUT' }),
    );
  }, clampDelay(timeoutMs));
  timer.unref?.();
  if (signal?.aborted) {
    clearTimeout(timer);
    controller.abort(signal.reason);
  } else {
    signal?.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    cleanup: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
    timedOut: () => expired,
  };
}
