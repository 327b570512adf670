/**
 * The per-method guarantees of docs/errors-and-retries.md ("Credentials and your data in errors",
 * "Retries", "Deadlines and cancellation", "Guarantees"), registered for a table of methods of one
 * service (test/documents/guarantees.test.ts, test/vision/guarantees.test.ts):
 *
 * - the deadline (the call's or the client's `timeoutMs`) settles the call with a TimeoutError
 *   naming the service and the operation, and nothing is sent after it settles;
 * - the caller's signal rejects at once with an AbortError naming them, nothing sent after;
 * - throttling, 5xx, dropped connections, answers cut mid-body and malformed answers are retried
 *   within one budget (`retries + 1` requests), then fail typed; refusals are not retried;
 * - every failure is an AwsAIError holding no credential and no input (only `serviceMessage`);
 * - bad input is a ValidationError before any request, not quoting the caller's text.
 *
 * The suite owns the client's credentials and retry budget, so the counts and leak searches it
 * checks match what the clients were made with.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  type RequestOptions,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type { Emulator, FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle } from './emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from './leaks';

/** The retry budget of every client the suite makes: `RETRIES + 1` requests per call. */
export const RETRIES = 2;
export const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline: timers, event loop and the HTTP/2 teardown. */
export const MARGIN_MS = 150;
export const DEADLINE_MS = 100;
export const AFTER_SETTLE = { graceMs: 30, ms: 70 } as const;

/** The caller's data: never quoted by an error outside `serviceMessage`. */
export const PAYLOAD = 'PAYLOADMARKER-jane.roe';
export const FORBIDDEN: readonly string[] = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER'];

type Service = NonNullable<FaultRule['service']>;

/** One public method (or one operation a method reaches) as a row of the suite. */
export interface GuaranteeMethod {
  name: string;
  /** The operation the faults hit (the one every request of a one-request call goes to). */
  operation: string;
  /** Other operations a deadline or abort may name (a job call names its Start* while it polls). */
  alsoNamed?: string[];
  /** False when the method takes no `retry` option (a job's `result()` takes the wait options only). */
  retryOption?: boolean;
  /**
   * False for a create or delete: an answer cut after AWS acted makes the retry meet what the first
   * request did (ResourceAlreadyExists / ResourceNotFound), as with AWS itself.
   */
  idempotent?: boolean;
  /** Prepares what the call needs (a collection, a face, a session, a job) before any fault. */
  prepare?: (ai: AwsAI) => Promise<string>;
  /** Calls the method with `options` in its option object, and what `prepare` made. */
  run: (ai: AwsAI, options: RequestOptions, prepared: string) => Promise<unknown>;
}

export interface MethodGuaranteesSuite {
  /** The module's name in the describe titles: `${module}.$name ($operation)`. */
  module: string;
  /** The service every error names and every fault targets. */
  service: Service;
  /** The test file's emulator (useEmulator: reset before each test). */
  emu: Emulator;
  /** useEmulator's client maker. */
  base: (extra?: AwsAIConfig) => AwsAI;
  /** Client settings the module needs (a staging bucket, …), under each test's own. */
  config?: AwsAIConfig;
  methods: GuaranteeMethod[];
  /**
   * Calls with bad input, for every method (each a ValidationError before any request, quoting no
   * PAYLOAD), made with the suite's client.
   */
  badInput: (ai: AwsAI) => Array<() => Promise<unknown>>;
}

export interface GuaranteeChecks {
  /** A client with the marked credentials, the suite's retry budget and `config`, then `extra`. */
  client: (extra?: AwsAIConfig) => AwsAI;
  /** `err` is an AwsAIError holding no credential and no PAYLOAD in any rendering. */
  expectClean: (err: unknown) => AwsAIError;
  /** `err` is a clean `Class` naming the service (and one of `operation`, when given). */
  expectNamed: (
    err: unknown,
    Class: typeof AwsAIError,
    operation?: string | string[],
  ) => AwsAIError;
}

/** The client and error checks of a suite, without registering its tests. */
export function guaranteeChecks(
  suite: Pick<MethodGuaranteesSuite, 'service' | 'base' | 'config'>,
): GuaranteeChecks {
  const client = (extra: AwsAIConfig = {}): AwsAI =>
    suite.base({ credentials: CREDENTIALS, retry: RETRY, ...suite.config, ...extra });
  const expectClean = (err: unknown): AwsAIError => {
    expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
    expect(secretsIn(renderings(err), FORBIDDEN)).toEqual([]);
    return err as AwsAIError;
  };
  const expectNamed = (
    err: unknown,
    Class: typeof AwsAIError,
    operation?: string | string[],
  ): AwsAIError => {
    expect(Class.isInstance(err), inspect(err)).toBe(true);
    expect((err as AwsAIError).service).toBe(suite.service);
    if (operation) expect([operation].flat()).toContain((err as AwsAIError).operation);
    return expectClean(err);
  };
  return { client, expectClean, expectNamed };
}

/**
 * Registers, for each method of `suite.methods`, a describe `${module}.$name ($operation)` with the
 * guarantees above, then the bad-input describe over `suite.badInput`; returns the suite's client
 * and error checks for the file's other tests.
 */
export function methodGuarantees(suite: MethodGuaranteesSuite): GuaranteeChecks {
  const checks = guaranteeChecks(suite);
  const { client, expectClean, expectNamed } = checks;
  const { emu, service } = suite;

  describe.each(suite.methods)(`${suite.module}.$name ($operation)`, (m) => {
    const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
      service,
      operation: m.operation,
      ...extra,
    });
    const calls = () => callsTo(emu, m.operation).length;
    const named = [m.operation, ...(m.alsoNamed ?? [])];
    const prepare = async (ai: AwsAI) => (m.prepare ? m.prepare(ai) : '');

    it('works without faults', async () => {
      const ai = client();
      const p = await prepare(ai);
      const out = await settle(() => m.run(ai, {}, p));
      expect(out.error).toBeUndefined();
      expect(calls()).toBeGreaterThanOrEqual(1);
    });

    it("every request slower than the deadline: the call's and the client's timeoutMs and the caller's signal settle it in time, naming the operation; nothing sent after", async () => {
      const ai = client();
      const timed = client({ timeoutMs: DEADLINE_MS });
      // Each client has run the method once (connected, its code and SDK clients loaded) and what
      // the call needs is made before the clock starts: a busy machine makes a first call slow.
      for (const c of [ai, timed]) {
        const warm = await settle(async () => m.run(c, {}, await prepare(c)));
        expect(warm.error, inspect(warm.error)).toBeUndefined();
      }
      const [p1, p2, p3] = [await prepare(ai), await prepare(timed), await prepare(ai)];
      const before = calls();
      emu.fault(rule({ kind: 'delay', delayMs: 400 }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const [byCall, byClient, bySignal] = await Promise.all([
        settle(() => m.run(ai, { timeoutMs: DEADLINE_MS }, p1)),
        settle(() => m.run(timed, {}, p2)),
        settle(() => m.run(ai, { signal: controller.signal }, p3)),
      ]);
      expect(byCall.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expectNamed(byCall.error, TimeoutError, named);
      expect(byClient.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expectNamed(byClient.error, TimeoutError, named);
      expect(bySignal.ms).toBeLessThan(50 + MARGIN_MS);
      expectNamed(bySignal.error, AbortError, named);
      expect(calls() - before).toBeLessThanOrEqual(3);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('a deadline that passes during the retries: settles by it, typed, nothing sent after', async () => {
      const ai = client();
      await m.run(ai, {}, await prepare(ai));
      const p = await prepare(ai);
      emu.fault(rule({ kind: 'delay', delayMs: 30 }));
      emu.fault(rule({ kind: 'throttle' }));
      const out = await settle(() =>
        m.run(ai, { timeoutMs: 100, retry: { retries: 50, minDelayMs: 10, maxDelayMs: 20 } }, p),
      );
      expect(out.ms).toBeLessThan(100 + MARGIN_MS);
      const err = expectClean(out.error);
      expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err), inspect(err)).toBe(
        true,
      );
      expect(err.service).toBe(service);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('an already aborted signal: AbortError, no request', async () => {
      const ai = client();
      const p = await prepare(ai);
      const before = emu.calls.length;
      const out = await settle(() => m.run(ai, { signal: AbortSignal.abort() }, p));
      expectNamed(out.error, AbortError);
      expect(emu.calls.length).toBe(before);
    });

    it('throttled, 5xx, connection reset, malformed, every time: retries + 1 requests each, then a typed, retryable error', async () => {
      const ai = client();
      const cases = [
        [{ kind: 'throttle' }, ThrottlingError],
        [{ kind: 'server-error' }, ServiceError],
        [{ kind: 'reset' }, ServiceError],
        [{ kind: 'malformed' }, ServiceError],
      ] as const;
      for (const [f, Class] of cases) {
        const p = await prepare(ai);
        const before = calls();
        // As many faults as the budget has requests: "always" for this call, and none left after.
        emu.fault(rule({ ...f, times: RETRIES + 1 }));
        const out = await settle(() => m.run(ai, {}, p));
        const err = expectNamed(out.error, Class, m.operation);
        expect(err.retryable, f.kind).toBe(true);
        expect(calls() - before, f.kind).toBe(RETRIES + 1);
      }
    });

    it('throttled, 5xx, connection reset, malformed twice: each recovers within the budget', async () => {
      const ai = client();
      for (const kind of ['throttle', 'server-error', 'reset', 'malformed'] as const) {
        const p = await prepare(ai);
        const before = calls();
        emu.fault(rule({ kind, times: 2 }));
        const out = await settle(() => m.run(ai, {}, p));
        expect(out.error, `${kind}: ${inspect(out.error)}`).toBeUndefined();
        expect(calls() - before, kind).toBeGreaterThanOrEqual(3);
      }
    });

    if (m.idempotent === false) {
      // A create or delete is not repeatable: the cut request already did its work, so the retry
      // meets it (ResourceAlreadyExists / ResourceNotFound). Still never the cut answer as a success.
      it('an answer cut mid-body is never a success: the retry meets what the cut request did, typed', async () => {
        const ai = client();
        const p = await prepare(ai);
        emu.fault(rule({ kind: 'reset', afterBytes: 10, times: 1 }));
        const out = await settle(() => m.run(ai, {}, p));
        expect(AwsAIError.isInstance(out.error), inspect(out.error)).toBe(true);
        expect(calls()).toBe(2);
      });
    } else {
      it('an answer cut mid-body is never a success: retried, a ServiceError once the budget is spent; recovers when the cut stops within it', async () => {
        const ai = client();
        let p = await prepare(ai);
        let before = calls();
        emu.fault(rule({ kind: 'reset', afterBytes: 10, times: RETRIES + 1 }));
        const out = await settle(() => m.run(ai, {}, p));
        const err = expectNamed(out.error, ServiceError, m.operation);
        expect(err.retryable).toBe(true);
        expect(calls() - before).toBe(RETRIES + 1);
        p = await prepare(ai);
        before = calls();
        emu.fault(rule({ kind: 'reset', afterBytes: 10, times: 2 }));
        const again = await settle(() => m.run(ai, {}, p));
        expect(again.error, inspect(again.error)).toBeUndefined();
        expect(calls() - before).toBeGreaterThanOrEqual(3);
      });
    }

    // A method without a per-call `retry` (a job's result() takes wait options): the client's
    // setting governs it.
    const perCall = m.retryOption !== false;
    it(
      perCall ? 'retry: false is one request' : 'a client without retries is one request',
      async () => {
        const ai = perCall ? client() : client({ retry: { retries: 0 } });
        const p = await prepare(ai);
        emu.fault(rule({ kind: 'throttle' }));
        const out = await settle(() => m.run(ai, perCall ? { retry: false } : {}, p));
        expectNamed(out.error, ThrottlingError, m.operation);
        expect(calls()).toBe(1);
      },
    );

    it('a refusal is not retried: AccessDeniedError after one request', async () => {
      const ai = client();
      const p = await prepare(ai);
      emu.fault(rule({ kind: 'server-error', code: 'AccessDeniedException', status: 400 }));
      const out = await settle(() => m.run(ai, {}, p));
      expectNamed(out.error, AccessDeniedError, m.operation);
      expect(calls()).toBe(1);
    });

    it('an error echoing the input keeps it behind serviceMessage only, not retried', async () => {
      const ai = client();
      const p = await prepare(ai);
      emu.handle(service, m.operation, () => {
        throw emu.error(
          'InvalidParameterException',
          `1 validation error detected: Value '${PAYLOAD}' at 'image' failed to satisfy constraint`,
          400,
        );
      });
      const out = await settle(() => m.run(ai, {}, p));
      const err = expectNamed(out.error, ValidationError, m.operation);
      expect(err.serviceMessage).toContain(PAYLOAD);
      expect(calls()).toBe(1);
    });
  });

  describe('bad input is a ValidationError before any request, never quoting it', () => {
    it('every method', async () => {
      const calls = suite.badInput(client());
      for (const [i, call] of calls.entries()) {
        const out = await settle(call);
        expect(ValidationError.isInstance(out.error), `#${i}: ${inspect(out.error)}`).toBe(true);
        expect(secretsIn(renderings(out.error), FORBIDDEN), `#${i}`).toEqual([]);
        expect((out.error as Error).message.length, `#${i}`).toBeGreaterThan(20);
      }
      expect(emu.calls).toEqual([]);
    });
  });

  return checks;
}
