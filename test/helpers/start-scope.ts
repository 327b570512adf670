/**
 * "The start of a job is one call" (ADR 0006, amendment), registered for a table of job starters
 * (test/speech/start-scope.test.ts, test/medical/start-scope.test.ts,
 * test/generative/batch-scope.test.ts):
 *
 * 1. One deadline spans every request of the start (the upload of staged bytes and the Start
 *    request, or two Start requests): two requests that each fit in `timeoutMs` but not together
 *    end in a `TimeoutError` naming the Start operation, and nothing is sent after the call settled
 *    (the cleanup of staged bytes included). The client's `timeoutMs` the same.
 * 2. An already aborted signal: an `AbortError` naming the Start operation, no request. Aborted
 *    during the start's first request: an `AbortError` at once naming the Start operation too (not
 *    the request it cut), the Start request never sent, nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 *
 * The suite owns the clients' retry budget and the timings, so every file measures the same way.
 */
import { inspect } from 'node:util';
import { AbortError, type AwsAI, type AwsAIConfig, AwsAIError, TimeoutError } from 'aws-ai';
import type { Emulator, FaultRule } from 'aws-ai/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle } from './emulator';
import { MARGIN_MS, RETRY } from './method-guarantees';

// The retry budget and the margin past a deadline are the per-method suites' (one place).
export { MARGIN_MS, RETRY };
/** Each delayed request alone fits in the deadline; the two of them do not. */
export const STEP_MS = 200;
export const TIMEOUT_MS = 300;
export const AFTER_SETTLE = { quietWithinMs: 400 } as const;
/** How long the first request is held while the test aborts it (well past MARGIN_MS). */
const FIRST_HELD_MS = 400;
/** The start's `timeoutMs` in test 3, and how slow its job's status request is made (longer). */
const START_TIMEOUT_MS = 150;
const STATUS_DELAY_MS = 200;

/** Where starters that take bytes stage them. */
export const STAGING = { staging: { bucket: 'staging-bucket', prefix: 'tmp/' } } as const;

type Service = NonNullable<FaultRule['service']>;
export type StartOptions = { signal?: AbortSignal; timeoutMs?: number };
/** What the suite reads of the job a starter returns. */
export interface StartedJob {
  id: string;
  status: (options?: StartOptions) => Promise<{ id: string; state: string }>;
}

/** One form of one job starter (a method, a per-operation function) as a row of the suite. */
export interface Starter {
  /** The describe title. */
  name: string;
  /** The service of the Start operation. */
  service: Service;
  /** The Start operation every TimeoutError and AbortError of the start names. */
  operation: string;
  /** The job's status request (on `service`). */
  status: string;
  /** How many status requests one `status()` makes (one per task of the job); default 1. */
  statusRequests?: number;
  /** The start's first request: what an abort mid-start cuts (s3 PutObject for an upload). */
  first: { service: Service; operation: string };
  /**
   * The requests of the start made STEP_MS slow, in order: two, or one with `times: 2` (each fits
   * in TIMEOUT_MS, the two together do not). Each must be reached before the deadline.
   */
  slow: ReadonlyArray<{ service: Service; operation: string; times?: number }>;
  /** Starts the job with `options` in its option object. */
  run: (ai: AwsAI, options: StartOptions) => Promise<StartedJob>;
}

/**
 * The method and the per-operation function of one starter, named `${module}.${name}` and
 * `${name} (aws-ai/${module})`.
 */
export function starterForms(
  module: string,
  name: string,
  row: Omit<Starter, 'name' | 'run'>,
  method: Starter['run'],
  fn: Starter['run'],
): Starter[] {
  return [
    { name: `${module}.${name}`, ...row, run: method },
    { name: `${name} (aws-ai/${module})`, ...row, run: fn },
  ];
}

/** The test titles, so each file keeps its wording. */
export interface StartScopeTitles {
  deadline: string;
  clientTimeout: string;
  alreadyAborted: string;
  abortedFirst: string;
  notBound: string;
}

const TITLES: StartScopeTitles = {
  deadline:
    'one deadline for the whole start: requests that each fit in timeoutMs but not together end in a TimeoutError naming the Start operation; nothing sent after',
  clientTimeout: "the client's timeoutMs bounds the whole start the same way",
  alreadyAborted: 'an already aborted signal: AbortError naming the Start operation, no request',
  abortedFirst:
    'aborted during its first request: AbortError at once naming the Start operation, nothing after',
  notBound:
    "the job is not bound to the start: status() works after the start's signal fired, slower than its timeoutMs",
};

/**
 * Titles for starters whose first request is the upload: `request` is what the upload shares the
 * deadline with ("the start request"), `kind` the operation's word ("Start", "Create").
 */
export const uploadTitles = (request: string, kind: string): Partial<StartScopeTitles> => ({
  deadline: `one deadline for the upload and ${request}: each fits in timeoutMs, not both; a TimeoutError naming the ${kind} operation, nothing sent after`,
  alreadyAborted: `an already aborted signal: AbortError naming the ${kind} operation, no request`,
  abortedFirst: `aborted during the upload: AbortError at once naming the ${kind} operation, nothing after`,
});

export interface StartScopeSuite {
  /** The test file's emulator (useEmulator: reset before each test). */
  emu: Emulator;
  /** useEmulator's client maker. */
  base: (extra?: AwsAIConfig) => AwsAI;
  /** Client settings the starters need (STAGING, …), under each test's own. */
  config?: AwsAIConfig;
  starters: Starter[];
  titles?: Partial<StartScopeTitles>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers a warm-up, then a describe per starter (titled by its name) with the tests above. */
export function startScope(suite: StartScopeSuite): void {
  const { emu } = suite;
  const titles = { ...TITLES, ...suite.titles };
  const client = (extra: AwsAIConfig = {}): AwsAI =>
    suite.base({ retry: RETRY, adaptiveRate: false, ...suite.config, ...extra });

  const expectNamed = (
    error: unknown,
    Class: { isInstance(e: unknown): boolean; name: string },
    s: Starter,
  ): void => {
    expect(AwsAIError.isInstance(error), inspect(error)).toBe(true);
    expect(Class.isInstance(error), `${inspect(error)} is not a ${Class.name}`).toBe(true);
    expect(error).toMatchObject({ service: s.service, operation: s.operation });
  };

  const slowStart = (s: Starter): void => {
    for (const { service, operation, times = 1 } of s.slow) {
      emu.fault({ service, operation, kind: 'delay', delayMs: STEP_MS, times });
    }
  };

  beforeAll(async () => {
    // Load the SDKs and the module code before any deadline is measured.
    for (const s of suite.starters) await s.run(client(), {});
    emu.reset();
  });

  for (const s of suite.starters) {
    describe(s.name, () => {
      it(titles.deadline, async () => {
        slowStart(s);
        const out = await settle(() => s.run(client(), { timeoutMs: TIMEOUT_MS }));
        // Every request of the call was logged by the time it settled (the emulator logs a request
        // once read): a staged object's cleanup is part of the call, not sent after it.
        const atSettle = emu.calls.length;
        expectNamed(out.error, TimeoutError, s);
        expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        // Both slow requests were reached: the deadline spans them, not each one.
        for (const { operation, times = 1 } of s.slow) {
          expect(callsTo(emu, operation)).toHaveLength(times);
        }
        expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
        expect(emu.calls.slice(atSettle)).toEqual([]);
      });

      it(titles.clientTimeout, async () => {
        slowStart(s);
        const out = await settle(() => s.run(client({ timeoutMs: TIMEOUT_MS }), {}));
        expectNamed(out.error, TimeoutError, s);
        expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
      });

      it(titles.alreadyAborted, async () => {
        const out = await settle(() => s.run(client(), { signal: AbortSignal.abort() }));
        expectNamed(out.error, AbortError, s);
        expect(emu.calls).toEqual([]);
      });

      it(titles.abortedFirst, async () => {
        emu.fault({ ...s.first, kind: 'delay', delayMs: FIRST_HELD_MS, times: 1 });
        const controller = new AbortController();
        const pending = settle(() => s.run(client(), { signal: controller.signal }));
        while (callsTo(emu, s.first.operation).length === 0) await sleep(2);
        const abortedAt = performance.now();
        controller.abort();
        const out = await pending;
        expectNamed(out.error, AbortError, s);
        expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
        expect(callsTo(emu, s.operation)).toEqual([]);
        expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
      });

      it(titles.notBound, async () => {
        const controller = new AbortController();
        const job = await s.run(client(), {
          signal: controller.signal,
          timeoutMs: START_TIMEOUT_MS,
        });
        controller.abort();
        emu.fault({
          service: s.service,
          operation: s.status,
          kind: 'delay',
          delayMs: STATUS_DELAY_MS,
          times: 1,
        });
        const status = await settle(() => job.status());
        expect(status.error, inspect(status.error)).toBeUndefined();
        expect(typeof status.value?.state).toBe('string');
        expect(status.value?.id).toBe(job.id);
        expect(callsTo(emu, s.status)).toHaveLength(s.statusRequests ?? 1);
      });
    });
  }
}
