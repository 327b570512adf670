/**
 * The idle timeout of streams: a read that waits longer than `idleMs` for the next chunk cancels the
 * request and ends the stream with a {@link StreamError} (code `IdleTimeout`). Shared by
 * {@link AwsAIStream} (its `idleTimeoutMs` option) and the generative ConverseStream loop, which
 * retries an idle stall itself.
 *
 * @internal
 * @packageDocumentation
 */

import { type ServiceName, StreamError, ValidationError } from '../../errors';

/** Marks a wait that outlived the idle timeout. @internal */
export class IdleTimeout extends Error {
  constructor(readonly idleMs: number) {
    super(`no data for ${idleMs} ms`);
  }
}

/** Where a stream error happened. @internal */
export interface StreamSite {
  readonly service: ServiceName;
  readonly operation: string;
}

/**
 * The error that ends a stream which sent nothing for `idleMs`: a retryable {@link StreamError} with
 * code `IdleTimeout`.
 * @internal
 */
export function idleTimeoutError(
  site: StreamSite | undefined,
  idleMs: number,
  cause?: unknown,
): StreamError {
  const name = site ? `${site.service} ${site.operation}` : 'The stream';
  return new StreamError(`${name} sent nothing for ${idleMs} ms (idle timeout)`, {
    ...site,
    code: 'IdleTimeout',
    retryable: true,
    cause: cause ?? new IdleTimeout(idleMs),
  });
}

/**
 * Waits for `promise`, or rejects with {@link IdleTimeout} after `idleMs` (calling `onIdle` first,
 * so the caller can cancel the request the promise belongs to).
 * @internal
 */
export async function within<T>(
  promise: Promise<T>,
  idleMs: number,
  onIdle: () => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onIdle();
      reject(new IdleTimeout(idleMs));
    }, idleMs);
  });
  try {
    return await Promise.race([promise, idle]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `value`, or `fallback` when it is undefined.
 *
 * @throws {@link ValidationError} when `value` is not a positive finite number.
 * @internal
 */
export function validateIdle(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new ValidationError(
      `idleTimeoutMs must be a positive number of milliseconds, got ${value}`,
    );
  }
  return value;
}
