import { AwsAI, type AwsAIConfig } from 'aws-ai';
import { type Emulator, type EmulatorCall, startEmulator } from 'aws-ai/testing';
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

/** How a call settled: its value or what it threw, and when. */
export interface Settled<T = unknown> {
  value?: T;
  error?: unknown;
  /** From the start of `settle` (of the call, when given as a function) until it settled. */
  ms: number;
}

/** Waits for a call (a promise, or a function that makes the call) to settle, never throwing. */
export async function settle<P extends Promise<unknown>>(
  call: P | (() => P),
): Promise<Settled<Awaited<P>>> {
  const start = performance.now();
  try {
    const value = await (typeof call === 'function' ? call() : call);
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

/** How {@link requestsAfterSettle} waits. */
export interface AfterSettleOptions {
  /**
   * The grace before counting starts, in ms (default 50): the emulator logs a request once it has
   * read it, so one that left the client just before the call settled may be logged a moment later.
   */
  graceMs?: number;
  /**
   * Repeat the grace until the log stayed unchanged through one, for at most this many ms after
   * settling (a busy machine may log earlier requests late; a call that keeps sending is still
   * seen). Default: one grace only.
   */
  quietWithinMs?: number;
  /** How long to watch once counting started, in ms (default 100). */
  ms?: number;
}

/**
 * The requests the emulator receives after a call settled (after the grace, for `ms`): a call that
 * settled must leave none behind, so the tests expect this to be empty.
 */
export async function requestsAfterSettle(
  emu: Emulator,
  { graceMs = 50, quietWithinMs = 0, ms = 100 }: AfterSettleOptions = {},
): Promise<EmulatorCall[]> {
  const sleep = (wait: number) => new Promise((resolve) => setTimeout(resolve, wait));
  const until = performance.now() + quietWithinMs;
  let seen = emu.calls.length;
  do {
    await sleep(graceMs);
    if (emu.calls.length === seen) break;
    seen = emu.calls.length;
  } while (performance.now() < until);
  const before = emu.calls.length;
  await sleep(ms);
  return emu.calls.slice(before);
}
