/**
 * The guarantees of docs/errors-and-retries.md for the Transcribe batch jobs, registered for a table
 * of job kinds (test/speech/guarantees.test.ts: transcription and Call Analytics;
 * test/medical/guarantees.test.ts: medical transcription). Each kind has a one-call method that
 * starts, polls and reads (`transcribe`, `analyzeCall`) and a starter returning its job
 * (`startTranscription`, `startCallAnalysis`); each is run as a method and as the per-operation
 * function of its module.
 *
 * The one-call method:
 * 1. `timeoutMs` (the call's or the client's) bounds start, polls and read together: a
 *    `TimeoutError` within timeoutMs + a margin, nothing sent after; staged bytes are deleted.
 * 2. An aborted signal: before, an `AbortError` naming the Start operation and no request; while
 *    polling, an `AbortError` at once, nothing after.
 * 3. Faults are retried within the budget (retries + 1 requests), a start retried is one job; then
 *    typed errors; refusals are not retried. A failed job and a broken output file are typed.
 * 4. Bad input is a `ValidationError` before any request or upload.
 *
 * The starter and its job (also rebuilt from its ref): `timeoutMs` and the signal bound the start,
 * not the job; `status()`, `wait()`, `result()`, `results()` are bounded by their own deadline and
 * signal, each a `TimeoutError` or `AbortError` naming the status operation, nothing after.
 *
 * The suite passes its file's client and error check, so the leak searches and the logger rule of
 * the file hold here too.
 */
import {
  AbortError,
  type AwsAI,
  type AwsAIConfig,
  type AwsAIError,
  NotFoundError,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type { Emulator, FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, type Settled, settle } from './emulator';
import { MARGIN_MS } from './method-guarantees';
import { AFTER_SETTLE, STAGING } from './start-scope';

export { STAGING };

/** Poll at once: the emulator's jobs answer IN_PROGRESS twice, then COMPLETED. */
export const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;

const SERVICE = 'transcribe';
const READ = { service: 's3', operation: 'GetObject' } as const;

interface ErrorClass {
  isInstance(e: unknown): boolean;
  readonly name: string;
}

type Options = Record<string, unknown>;
type Input = string | Uint8Array;

/** What the suite reads of a job (started, or rebuilt from its ref). */
export interface WaitableJob {
  status(options?: never): Promise<unknown>;
  wait(options?: never): Promise<unknown>;
  result(options?: never): Promise<unknown>;
  results(options?: never): AsyncIterable<unknown>;
}

/** A started job: what the suite reads, and its ref. */
export interface StartedJob extends WaitableJob {
  ref: unknown;
}

/** One Transcribe job kind of a module, as a row of the suite. */
export interface TranscribeJobKind {
  /** The describe titles of the one-call method and of the starter and its job. */
  callTitle: string;
  starterTitle: string;
  /** The Start and status operations (on transcribe). */
  start: string;
  get: string;
  /** The field of the Start request that names the job (one job: one name, however retried). */
  jobName: string;
  /** The title word of what the one-call method reads at the end ("the transcript read"). */
  readLabel: string;
  /**
   * The status requests of a job without faults: the emulator answers IN_PROGRESS, then COMPLETED
   * (3 for a transcription, IN_PROGRESS twice; 2 for Call Analytics). Default 3.
   */
  polls?: number;
  /** The media as an S3 URI, and as bytes (staged). */
  input: string;
  bytes: Uint8Array;
  /** Options every call is given (an output location), under each test's own. */
  options?: Options;
  /**
   * Instead of `options`, those of a call with staged bytes (medical: none, the output then goes to
   * the staging bucket).
   */
  stagedOptions?: Options;
  /**
   * The operation a deadline or an abort while polling of the one-call method names (medical: its
   * Start operation); when not given, only the service is checked.
   */
  named?: string;
  /** The one-call method and its function. */
  call: {
    method: (ai: AwsAI, input: Input, options: Options) => Promise<unknown>;
    fn: (ai: AwsAI, input: Input, options: Options) => Promise<unknown>;
  };
  /** The starter and its function. */
  starter: {
    method: (ai: AwsAI, input: Input, options: Options) => Promise<StartedJob>;
    fn: (ai: AwsAI, input: Input, options: Options) => Promise<StartedJob>;
  };
  /** The job of `ref` rebuilt by `ai.jobs.resume` and by the module's `resumeJob`. */
  resumed: (ref: unknown) => WaitableJob[];
  /** The status answer of a job that failed with `reason`, for the job named in `input`. */
  failed: (input: Record<string, unknown>, reason: string) => unknown;
  /** The code of the one-call method's failed-job error. */
  failedCode: string;
  /** Output files that are not output of this kind: a MalformedResponse quoting none of them. */
  malformed: {
    bodies: string[];
    /** A status answer pointing at the broken file, where the emulator's own one would not. */
    completed?: (input: Record<string, unknown>) => unknown;
    /** The operation the error names, when checked. */
    operation?: string;
  };
  /** Options that are a ValidationError before any request, as [title, options]. */
  invalid: ReadonlyArray<readonly [string, Options]>;
  /** Options the starter does not take (left out of its validation runs). */
  starterIgnores?: string[];
  /** Other calls refused before any request besides bytes without staging (no output, …). */
  unstaged?: Array<(ai: AwsAI) => Promise<unknown>>;
  /** The module's own tests, registered inside the describe of the one-call method / the starter. */
  moreCall?: () => void;
  moreStarter?: () => void;
}

export interface TranscribeJobSuite {
  /** The test file's emulator (useEmulator: reset before each test). */
  emu: Emulator;
  /** The file's client: its credentials, logger and retry budget, then `extra`. */
  client: (extra?: AwsAIConfig) => AwsAI;
  /** The file's error check: an AwsAIError (of `Class`) naming `site`, leaking nothing. */
  expectTyped: (
    err: unknown,
    Class?: ErrorClass,
    site?: { service?: string; operation?: string },
  ) => AwsAIError;
  /** The retry budget of `client`: `retries + 1` requests per call. */
  retries: number;
  kinds: TranscribeJobKind[];
}

/** wait(), result() and reading results() of `job`, each settled. */
export function waysToWait(job: WaitableJob, options: Options): Array<Promise<Settled>> {
  return [
    settle(() => job.wait(options as never)),
    settle(() => job.result(options as never)),
    settle(async () => {
      for await (const item of job.results(options as never)) void item;
    }),
  ];
}

/** The service, and the operation when given. */
const site = (operation: string | undefined): { service: string; operation?: string } =>
  operation === undefined ? { service: SERVICE } : { service: SERVICE, operation };

/** Registers, for each kind, a describe for the one-call method and one for the starter. */
export function transcribeJobGuarantees(suite: TranscribeJobSuite): void {
  for (const k of suite.kinds) {
    oneCall(suite, k);
    starter(suite, k);
  }
}

function oneCall(suite: TranscribeJobSuite, k: TranscribeJobKind): void {
  const { emu, client, expectTyped, retries } = suite;
  const TR = SERVICE;
  const opts = (o: Options): Options => ({ ...k.options, ...FAST, ...o });
  /** The method and the function, and the method with staging (its read through S3). */
  const all = (extra: AwsAIConfig, o: Options) =>
    Promise.all([
      settle(() => k.call.method(client(extra), k.input, opts(o))),
      settle(() => k.call.fn(client(extra), k.input, opts(o))),
      settle(() => k.call.method(client({ ...STAGING, ...extra }), k.input, opts(o))),
    ]);
  const named = site(k.named);
  const stagedOpts = (o: Options): Options => ({
    ...(k.stagedOptions ?? k.options),
    ...FAST,
    ...o,
  });
  const run = (extra: AwsAIConfig = {}) => k.call.method(client(extra), k.input, opts({}));
  const start = (extra: AwsAIConfig = {}) =>
    k.starter.method(client(extra), k.input, { ...k.options });

  describe(k.callTitle, () => {
    it.each([
      ['the start', { service: TR, operation: k.start }],
      ['each status poll', { service: TR, operation: k.get }],
      [k.readLabel, READ],
    ] as const)(
      "%s slower than timeoutMs (the call's or the client's): TimeoutError at the deadline naming the call, nothing sent after",
      async (_, where) => {
        emu.fault({ ...where, kind: 'delay', delayMs: 500 });
        const outs = (
          await Promise.all([all({}, { timeoutMs: 150 }), all({ timeoutMs: 150 }, {})])
        ).flat();
        for (const out of outs) {
          expect(out.ms).toBeLessThan(150 + MARGIN_MS);
          expectTyped(out.error, TimeoutError, named);
        }
        expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      },
    );

    it("the client's timeoutMs bounds start, polls and read together, each request under it", async () => {
      emu.fault({ service: TR, kind: 'delay', delayMs: 70 });
      for (const out of await all({ timeoutMs: 180 }, {})) {
        expect(out.ms).toBeLessThan(180 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, named);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('staged bytes, the upload slower than timeoutMs: TimeoutError, an uploaded object deleted before it settles, no job started, nothing after', async () => {
      // No tight bound here: the call waits for the cleanup DeleteObject (docs: staged objects are
      // deleted whatever the outcome; ADR 0006's one exception to the deadline).
      emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: 500 });
      const out = await settle(() =>
        k.call.method(client(STAGING), k.bytes, stagedOpts({ timeoutMs: 150 })),
      );
      expectTyped(out.error, TimeoutError, { service: TR, operation: k.start });
      // An upload that reached S3 was deleted before the call settled.
      if (callsTo(emu, 'PutObject').length > 0) {
        expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, k.start)).toHaveLength(0);
    });

    it('aborted before: AbortError naming the call, nothing sent; aborted while polling: AbortError at once, nothing after', async () => {
      for (const out of await all({}, { signal: AbortSignal.abort() })) {
        expectTyped(out.error, AbortError, { service: TR, operation: k.start });
      }
      const staged = await settle(() =>
        k.call.method(client(STAGING), k.bytes, stagedOpts({ signal: AbortSignal.abort() })),
      );
      expectTyped(staged.error, AbortError, { service: TR, operation: k.start });
      expect(emu.calls).toHaveLength(0);

      emu.fault({ service: TR, operation: k.get, kind: 'delay', delayMs: 500 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 80);
      const outs = await all({}, { signal: controller.signal });
      clearTimeout(timer);
      for (const out of outs) {
        expect(out.ms).toBeLessThan(80 + MARGIN_MS);
        expectTyped(out.error, AbortError, named);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    // Without faults: one start, `polls` polls, one read; each fault twice adds two requests.
    const polls = k.polls ?? 3;
    it.each([
      ['the start throttled twice', { service: TR, operation: k.start, kind: 'throttle' }, 3],
      ['the start reset twice', { service: TR, operation: k.start, kind: 'reset' }, 3],
      ['a poll 5xx twice', { service: TR, operation: k.get, kind: 'server-error' }, polls + 2],
      ['a poll malformed twice', { service: TR, operation: k.get, kind: 'malformed' }, polls + 2],
      [`${k.readLabel} reset twice`, { ...READ, kind: 'reset' }, 3],
    ] as const)(
      '%s: recovers, the failed requests sent again, one job (without and with staging)',
      async (_, f, sent) => {
        emu.fault({ ...f, times: 2 });
        const names = () => new Set(callsTo(emu, k.start).map((c) => c.input[k.jobName])).size;
        const first = await settle(() => run());
        expect(first.error).toBeUndefined();
        // The first call took both faults; a start retried after a lost answer is one job.
        expect(callsTo(emu, f.operation)).toHaveLength(sent);
        expect(names()).toBe(1);
        const second = await settle(() => run(STAGING));
        expect(second.error).toBeUndefined();
        expect(callsTo(emu, f.operation)).toHaveLength(sent + sent - 2);
        expect(names()).toBe(2);
      },
    );

    it.each([
      ['the start throttled always', k.start, { kind: 'throttle' }, ThrottlingError, retries + 1],
      ['the polls 5xx always', k.get, { kind: 'server-error' }, ServiceError, retries + 1],
      ['the polls reset always', k.get, { kind: 'reset' }, ServiceError, retries + 1],
      [
        'the start refused (BadRequestException)',
        k.start,
        { kind: 'server-error', code: 'BadRequestException', status: 400 },
        ValidationError,
        1,
      ],
      [
        'the job gone (NotFoundException)',
        k.get,
        { kind: 'server-error', code: 'NotFoundException', status: 404 },
        NotFoundError,
        1,
      ],
    ] as const)(
      '%s: fails typed after the expected requests of %s, nothing after',
      async (_, operation, f, Class, sent) => {
        emu.fault({ service: TR, operation, ...(f as Omit<FaultRule, 'service'>) });
        const out = await settle(() => run());
        expectTyped(out.error, Class, { service: TR, operation });
        expect(callsTo(emu, operation)).toHaveLength(sent);
        expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
      },
    );

    it('a failed job is a ServiceError naming the status poll, with the reason', async () => {
      emu.handle(TR, k.get, (input) => k.failed(input, 'Unsupported media format'));
      const out = await settle(() => run());
      const err = expectTyped(out.error, ServiceError, { service: TR, operation: k.get });
      expect(err.code).toBe(k.failedCode);
      expect(err.message).toContain('Unsupported media format');
    });

    it('an output file that is not one is a ServiceError (MalformedResponse) quoting none of it, not a ValidationError (the call, and the started job)', async () => {
      const { completed, operation } = k.malformed;
      for (const body of k.malformed.bodies) {
        if (completed) emu.handle(TR, k.get, completed);
        emu.handle('s3', 'GetObject', () => ({ Body: new TextEncoder().encode(body) }));
        // Without and with staging (the read through S3 or a pre-signed download), and the job.
        for (const call of <Array<() => Promise<unknown>>>[
          () => run(),
          () => run(STAGING),
          async () => (await start()).result(FAST as never),
          async () => (await start(STAGING)).result(FAST as never),
        ]) {
          const err = expectTyped((await settle(call)).error, ServiceError, site(operation));
          expect(err.code).toBe('MalformedResponse');
        }
      }
    });

    it.each(k.invalid)(
      '%s: ValidationError before any request or upload (the call and the starter, method and function)',
      async (_, options) => {
        const ai = client(STAGING);
        const runs: Array<() => Promise<unknown>> = [
          () => k.call.method(ai, k.bytes, options),
          () => k.call.fn(ai, k.input, options),
        ];
        if (!k.starterIgnores?.some((name) => name in options)) {
          runs.push(
            () => k.starter.method(ai, k.input, options),
            () => k.starter.fn(ai, k.bytes, options),
          );
        }
        for (const call of runs) {
          expectTyped((await settle(call)).error, ValidationError, { service: TR });
        }
        expect(emu.calls).toHaveLength(0);
      },
    );

    it('bytes without staging, and input missing what the call needs: ValidationError before any request, quoting none of it', async () => {
      const ai = client();
      for (const call of [
        () => k.call.method(ai, k.bytes, { ...k.options }),
        () => k.starter.method(ai, k.bytes, { ...k.options }),
        ...(k.unstaged ?? []).map((refused) => () => refused(ai)),
      ]) {
        expectTyped((await settle(call)).error, ValidationError, { service: TR });
      }
      expect(emu.calls).toHaveLength(0);
    });

    k.moreCall?.();
  });
}

function starter(suite: TranscribeJobSuite, k: TranscribeJobKind): void {
  const { emu, client, expectTyped, retries } = suite;
  const TR = SERVICE;
  const atStart = { service: TR, operation: k.start };
  const atStatus = { service: TR, operation: k.get };
  const start = (extra: AwsAIConfig = {}, o: Options = {}) =>
    k.starter.method(client(extra), k.input, { ...k.options, ...o });
  const startStaged = (o: Options = {}) =>
    k.starter.method(client(STAGING), k.bytes, { ...(k.stagedOptions ?? k.options), ...o });

  /** A started job, and the same job rebuilt by ai.jobs.resume and by resumeJob. */
  async function jobs(): Promise<WaitableJob[]> {
    const job = await start();
    return [job, ...k.resumed(job.ref)];
  }

  describe(k.starterTitle, () => {
    it("the start slower than timeoutMs (the call's or the client's; ADR 0006, amendment; upload + start: start-scope.test.ts): a TimeoutError naming it, nothing after", async () => {
      emu.fault({ service: TR, operation: k.start, kind: 'delay', delayMs: 500 });
      const outs = await Promise.all(
        [k.starter.method, k.starter.fn].flatMap((way) => [
          settle(() => way(client(), k.input, { ...k.options, timeoutMs: 120 })),
          settle(() => way(client({ timeoutMs: 120 }), k.input, { ...k.options })),
        ]),
      );
      for (const out of outs) {
        expect(out.ms).toBeLessThan(120 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, atStart);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('aborted before (S3 input and staged bytes): AbortError naming the start, nothing sent; aborted mid-request: AbortError at once naming it, nothing after', async () => {
      const before = await settle(() => start({}, { signal: AbortSignal.abort() }));
      expectTyped(before.error, AbortError, atStart);
      // Staged bytes: named after the call too, not after the upload it would have started.
      const staged = await settle(() => startStaged({ signal: AbortSignal.abort() }));
      expectTyped(staged.error, AbortError, atStart);
      expect(emu.calls).toHaveLength(0);

      emu.fault({ service: TR, operation: k.start, kind: 'delay', delayMs: 500 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 80);
      const outs = await Promise.all(
        [k.starter.method, k.starter.fn].map((way) =>
          settle(() => way(client(), k.input, { ...k.options, signal: controller.signal })),
        ),
      );
      clearTimeout(timer);
      for (const out of outs) {
        expect(out.ms).toBeLessThan(80 + MARGIN_MS);
        expectTyped(out.error, AbortError, atStart);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('throttled always: typed after retries + 1 starts of one job name (S3 input; staged bytes, then deleted)', async () => {
      emu.fault({ service: TR, operation: k.start, kind: 'throttle' });
      const names = () => new Set(callsTo(emu, k.start).map((c) => c.input[k.jobName])).size;
      const out = await settle(() => start());
      expectTyped(out.error, ThrottlingError, atStart);
      expect(callsTo(emu, k.start)).toHaveLength(retries + 1);
      expect(names()).toBe(1);

      emu.reset();
      emu.fault({ service: TR, operation: k.start, kind: 'throttle' });
      const staged = await settle(() => startStaged());
      expectTyped(staged.error, ThrottlingError, atStart);
      expect(callsTo(emu, k.start)).toHaveLength(retries + 1);
      expect(names()).toBe(1);
      expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
    });

    it("the job outlives the start: the start's signal and timeoutMs do not bind its later requests", async () => {
      const controller = new AbortController();
      const job = await start({}, { signal: controller.signal, timeoutMs: 100 });
      controller.abort();
      // A poll slower than the start's timeoutMs, under the client's (none).
      emu.fault({ service: TR, operation: k.get, kind: 'delay', delayMs: 150, times: 1 });
      const status = await settle(() => job.status());
      expect(status.error).toBeUndefined();
      const out = await settle(() => job.result(FAST as never));
      expect(out.error).toBeUndefined();
    });

    it('status(), wait(), result(), results() of the job and its resumed copies: polls slower than timeoutMs end at the deadline with a TimeoutError naming the status operation, nothing after', async () => {
      const all = await jobs();
      emu.fault({ service: TR, operation: k.get, kind: 'delay', delayMs: 500 });
      const [statuses, waits] = await Promise.all([
        Promise.all(all.map((job) => settle(() => job.status({ timeoutMs: 100 } as never)))),
        Promise.all(all.flatMap((job) => waysToWait(job, { ...FAST, timeoutMs: 120 }))),
      ]);
      for (const out of statuses) {
        expect(out.ms).toBeLessThan(100 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, atStatus);
      }
      for (const out of waits) {
        expect(out.ms).toBeLessThan(120 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, atStatus);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    // core/job.ts names an abort of waiting after the job's status operation (was: none).
    it('status(), wait(), result(), results() of the job and its resumed copies: an abort, before or mid-poll, rejects at once with an AbortError naming the status operation, nothing after', async () => {
      const all = await jobs();
      const since = emu.calls.length;
      for (const job of all) {
        const out = await settle(() => job.status({ signal: AbortSignal.abort() } as never));
        expectTyped(out.error, AbortError, atStatus);
        for (const wait of waysToWait(job, { ...FAST, signal: AbortSignal.abort() })) {
          expectTyped((await wait).error, AbortError, atStatus);
        }
      }
      expect(emu.calls.length).toBe(since);

      emu.fault({ service: TR, operation: k.get, kind: 'delay', delayMs: 500 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 80);
      const outs = await Promise.all(
        all.flatMap((job) => waysToWait(job, { ...FAST, signal: controller.signal })),
      );
      clearTimeout(timer);
      for (const out of outs) {
        expect(out.ms).toBeLessThan(80 + MARGIN_MS);
        expectTyped(out.error, AbortError, atStatus);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    // One deadline for waiting and reading (core/job.ts; was: a slow GetObject held result() past it).
    it('result() / results(): the output read is bounded by the same timeoutMs', async () => {
      const all = await jobs();
      emu.fault({ ...READ, kind: 'delay', delayMs: 500 });
      const outs = await Promise.all(
        all.flatMap((job) => waysToWait(job, { ...FAST, timeoutMs: 150 }).slice(1)),
      );
      for (const out of outs) {
        expect(out.ms).toBeLessThan(150 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, { service: TR });
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    });

    it('status(): throttled always, typed after retries + 1 requests, nothing after', async () => {
      const job = await start();
      emu.reset();
      emu.fault({ service: TR, operation: k.get, kind: 'throttle' });
      const status = await settle(() => job.status());
      expectTyped(status.error, ThrottlingError, atStatus);
      expect(callsTo(emu, k.get)).toHaveLength(retries + 1);
      expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
    });

    it('result(): polls 5xx always fail typed after retries + 1 requests, nothing after', async () => {
      const job = await start();
      emu.reset();
      emu.fault({ service: TR, operation: k.get, kind: 'server-error' });
      const out = await settle(() => job.result(FAST as never));
      expectTyped(out.error, ServiceError, atStatus);
      expect(callsTo(emu, k.get)).toHaveLength(retries + 1);
      expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
    });

    it('a failed job rejects with JobFailed and the reason', async () => {
      const job = await start();
      emu.handle(TR, k.get, (input) => k.failed(input, 'Unsupported media format'));
      const out = await settle(() => job.result(FAST as never));
      const err = expectTyped(out.error, ServiceError, atStatus);
      expect(err.code).toBe('JobFailed');
      expect(err.message).toContain('Unsupported media format');
    });

    k.moreStarter?.();
  });
}
