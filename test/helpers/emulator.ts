import { AwsAI, type AwsAIConfig } from 'aws-ai';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeEach } from 'vitest';

/** Tiny retry delays keep fault tests fast while still going through real backoff. */
export const FAST_RETRY = { minDelayMs: 1, maxDelayMs: 5 } as const;

/**
 * Starts one emulator for the test file, resets it before each test and closes it after the file.
 * `client(extra)` makes an `AwsAI` pointed at it.
 */
export async function useEmulator(): Promise<{
  emu: Emulator;
  client: (extra?: AwsAIConfig) => AwsAI;
}> {
  const emu = await startEmulator();
  beforeEach(() => emu.reset());
  afterAll(() => emu.close());
  return {
    emu,
    client: (extra = {}) => new AwsAI({ ...emu.config, retry: FAST_RETRY, ...extra }),
  };
}

/** Calls the emulator saw for one operation. */
export function callsTo(emu: Emulator, operation: string) {
  return emu.calls.filter((call) => call.operation === operation);
}

/** Requests per operation the emulator saw from call index `from` up to `to`. */
export function callCounts(
  emu: Emulator,
  from: number,
  to = emu.calls.length,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of emu.calls.slice(from, to)) {
    out[call.operation] = (out[call.operation] ?? 0) + 1;
  }
  return out;
}

/**
 * Runs a per-operation function, then the method it mirrors, and returns both results and the
 * requests each made (per operation), for tests that the two behave alike.
 */
export async function functionAndMethod<T>(
  emu: Emulator,
  viaFunction: () => Promise<T>,
  viaMethod: () => Promise<T>,
) {
  const start = emu.calls.length;
  const fn = await viaFunction();
  const middle = emu.calls.length;
  const method = await viaMethod();
  return {
    fn,
    method,
    fnCalls: callCounts(emu, start, middle),
    methodCalls: callCounts(emu, middle),
  };
}
