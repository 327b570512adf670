import { expect, vi } from 'vitest';

/**
 * Advances vitest's fake clock (`setTimeout` faked) one second at a time, letting sockets and I/O
 * callbacks run between ticks, so that an emulated answer paced by the fake clock flows.
 */
export async function advanceSeconds(seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    await vi.advanceTimersByTimeAsync(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Checks a stream's default idle timeout on the fake clock: `read` (e.g. the stream's `text`) is
 * still pending 2 s before `seconds` of silence, and fails with a `StreamError` `IdleTimeout`
 * (matching `fields` too) 2 s after.
 */
export async function expectIdleTimeoutAt(
  read: Promise<unknown>,
  seconds: number,
  fields: Record<string, unknown> = {},
): Promise<void> {
  let failure: unknown;
  const result = read.then(
    () => undefined,
    (err: unknown) => {
      failure = err;
    },
  );
  await advanceSeconds(seconds - 2);
  expect(failure).toBeUndefined();
  await advanceSeconds(4);
  await result;
  expect(failure).toMatchObject({ name: 'StreamError', code: 'IdleTimeout', ...fields });
}
