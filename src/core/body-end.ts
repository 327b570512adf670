import { ServiceError, type ServiceName } from '../errors';

/**
 * Whether an answer's body stopped before its end. Node ends an HTTP/2 response whose connection
 * dropped as if it were complete: reading it just stops (for-await ends, `transformToByteArray()`
 * resolves with the bytes so far). What tells a cut answer from a whole one is the stream's state:
 * an HTTP/2 stream closed with an error code (`rstCode`, e.g. `NGHTTP2_CANCEL` when the connection
 * went away), an HTTP/1.1 message that is not `complete`, or a stream whose end was never emitted
 * (`readableEnded` false). A body that is no Node stream (a web `ReadableStream`) reports errors
 * itself and is never "cut" here. @internal
 */
export function endedEarly(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const state = body as { rstCode?: unknown; complete?: unknown; readableEnded?: unknown };
  if (typeof state.rstCode === 'number' && state.rstCode !== 0) return true;
  return state.complete === false || state.readableEnded === false;
}

/**
 * A response body read whole, inside the request attempt: a body whose connection dropped mid-way
 * (see {@link endedEarly}) is a retryable `ServiceError` (code `StreamInterrupted`), so the call
 * layer retries it within its budget, never a cut-off answer returned as complete.
 * @internal
 */
export async function readWholeBody(
  body: { transformToByteArray(): Promise<Uint8Array> },
  site: { service: ServiceName; operation: string },
  what = 'answer',
): Promise<Uint8Array> {
  const bytes = await body.transformToByteArray();
  if (endedEarly(body)) {
    throw new ServiceError(
      `${site.service} ${site.operation}: the ${what} was cut, the connection dropped after ${bytes.length} bytes`,
      { ...site, code: 'StreamInterrupted', retryable: true },
    );
  }
  return bytes;
}
