import type { Emulator } from 'aws-ai/testing';
import { expect } from 'vitest';

/**
 * Sends one request through a raw SDK client and checks the emulator refused it as AWS's request
 * validation does (src/testing/services/constraint.ts): one request, a 400 `ValidationException`
 * naming `member`, echoing nothing of `mark` (the value of a sensitive member, which AWS leaves out).
 */
export async function expectConstraintRefusal(
  emu: Emulator,
  sent: Promise<unknown>,
  member: string,
  mark: string,
): Promise<void> {
  const err = (await sent.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(err?.name).toBe('ValidationException');
  expect(err?.$metadata?.httpStatusCode).toBe(400);
  expect(err?.message).toContain(member);
  expect(err?.message).not.toContain(mark);
  expect(emu.calls).toHaveLength(1);
}
