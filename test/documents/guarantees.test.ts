/**
 * The guarantees of docs/errors-and-retries.md ("Credentials and your data in errors", "Retries",
 * "Deadlines and cancellation", "Guarantees") and docs/documents.md, checked for every public method
 * of ai.documents: text, analyze (sync, queries, adapters), expense, identity, lending and the
 * jobs (start*, Get* polls). The NextToken pages of an analyze job are in test/faults/.
 *
 * - the deadline (the call's or the client's `timeoutMs`) settles the call with a TimeoutError
 *   naming Textract and the operation, and nothing is sent after it settles;
 * - the caller's signal rejects at once with an AbortError naming them, nothing sent after;
 * - throttling, 5xx, dropped connections, answers cut mid-body and malformed answers are retried
 *   within one budget (`retries + 1` requests), then fail typed; refusals are not retried;
 * - every failure is an AwsAIError holding no credential and no input (only `serviceMessage`);
 * - bad input is a ValidationError before any request, not quoting the caller's text.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  NotFoundError,
  type RequestOptions,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type { FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';
import { pdf, png } from './helpers';

const { emu, client: base } = await useEmulator();

const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline: timers, event loop and the HTTP/2 teardown. */
const MARGIN_MS = 150;
const DEADLINE_MS = 100;
const AFTER_SETTLE = { graceMs: 30, ms: 70 } as const;
/** Jobs poll fast in these tests. */
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;
const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } } as const;

/** The caller's data: never quoted by an error outside `serviceMessage`. */
const PAYLOAD = 'PAYLOADMARKER-jane.roe';
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER'];

function client(extra: AwsAIConfig = {}): AwsAI {
  return base({ credentials: CREDENTIALS, retry: RETRY, ...STAGING, ...extra });
}

function expectClean(err: unknown): AwsAIError {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  expect(secretsIn(renderings(err), FORBIDDEN)).toEqual([]);
  return err as AwsAIError;
}

function expectNamed(
  err: unknown,
  Class: typeof AwsAIError,
  operation?: string | string[],
): AwsAIError {
  expect(Class.isInstance(err), inspect(err)).toBe(true);
  expect((err as AwsAIError).service).toBe('textract');
  if (operation) expect([operation].flat()).toContain((err as AwsAIError).operation);
  return expectClean(err);
}

interface Method {
  name: string;
  /** The operation the faults hit. */
  operation: string;
  /** Other operations a deadline or abort may name (a job call names its Start* while it polls). */
  alsoNamed?: string[];
  /** False when the method takes no `retry` option (a job's `result()` takes the wait options only). */
  retryOption?: boolean;
  prepare?: (ai: AwsAI) => Promise<string>;
  run: (ai: AwsAI, options: RequestOptions, prepared: string) => Promise<unknown>;
}

const QUERY = [{ text: 'What is the patient name?', alias: 'name' }];

const METHODS: Method[] = [
  { name: 'text', operation: 'DetectDocumentText', run: (ai, o) => ai.documents.text(png(), o) },
  {
    name: 'analyze',
    operation: 'AnalyzeDocument',
    run: (ai, o) =>
      ai.documents.analyze(png(), { tables: true, forms: true, queries: QUERY, ...o }),
  },
  {
    name: 'analyze with adapters',
    operation: 'AnalyzeDocument',
    run: (ai, o) =>
      ai.documents.analyze(png(), {
        queries: QUERY,
        adapters: [{ id: '2e9bf1c4a1b2', version: '3', pages: ['1'] }],
        ...o,
      }),
  },
  { name: 'expense', operation: 'AnalyzeExpense', run: (ai, o) => ai.documents.expense(png(), o) },
  {
    name: 'identity',
    operation: 'AnalyzeID',
    run: (ai, o) => ai.documents.identity([png(), png(80)], o),
  },
  {
    name: 'text of a 2-page PDF (the start)',
    operation: 'StartDocumentTextDetection',
    alsoNamed: ['DetectDocumentText'],
    run: (ai, o) => ai.documents.text(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'text of a 2-page PDF (the polls and pages)',
    operation: 'GetDocumentTextDetection',
    alsoNamed: ['DetectDocumentText', 'StartDocumentTextDetection'],
    run: (ai, o) => ai.documents.text(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'analyze of a 2-page PDF (the start)',
    operation: 'StartDocumentAnalysis',
    alsoNamed: ['AnalyzeDocument'],
    run: (ai, o) => ai.documents.analyze(pdf(2), { tables: true, ...FAST, ...o }),
  },
  {
    name: 'expense of a 2-page PDF (the start)',
    operation: 'StartExpenseAnalysis',
    alsoNamed: ['AnalyzeExpense'],
    run: (ai, o) => ai.documents.expense(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'expense of a 2-page PDF (the polls and pages)',
    operation: 'GetExpenseAnalysis',
    alsoNamed: ['AnalyzeExpense', 'StartExpenseAnalysis'],
    run: (ai, o) => ai.documents.expense(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the start)',
    operation: 'StartLendingAnalysis',
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the polls and pages)',
    operation: 'GetLendingAnalysis',
    alsoNamed: ['StartLendingAnalysis'],
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the summary)',
    operation: 'GetLendingAnalysisSummary',
    alsoNamed: ['StartLendingAnalysis'],
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'startText',
    operation: 'StartDocumentTextDetection',
    run: (ai, o) => ai.documents.startText(pdf(2), o),
  },
  {
    name: 'startAnalysis',
    operation: 'StartDocumentAnalysis',
    run: (ai, o) => ai.documents.startAnalysis(pdf(2), { forms: true, ...o }),
  },
  {
    name: 'startExpense',
    operation: 'StartExpenseAnalysis',
    run: (ai, o) => ai.documents.startExpense(pdf(2), o),
  },
  {
    name: 'startLending',
    operation: 'StartLendingAnalysis',
    run: (ai, o) => ai.documents.startLending(pdf(2), o),
  },
  {
    name: 'a started job: result()',
    operation: 'GetDocumentTextDetection',
    retryOption: false,
    prepare: async (ai) => JSON.stringify((await ai.documents.startText(pdf(2))).ref),
    run: (ai, o, ref) => ai.jobs.resume(JSON.parse(ref)).result({ ...FAST, ...o }),
  },
];

describe.each(METHODS)('documents.$name ($operation)', (m) => {
  const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
    service: 'textract',
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
    expect(err.service).toBe('textract');
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

  it('retry: false (or a client without retries) is one request', async () => {
    // A job's result() takes wait options, no `retry`: the client's setting governs it.
    const perCall = m.retryOption !== false;
    const ai = perCall ? client() : client({ retry: { retries: 0 } });
    const p = await prepare(ai);
    emu.fault(rule({ kind: 'throttle' }));
    const out = await settle(() => m.run(ai, perCall ? { retry: false } : {}, p));
    expectNamed(out.error, ThrottlingError, m.operation);
    expect(calls()).toBe(1);
  });

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
    emu.handle('textract', m.operation, () => {
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

describe('non-retryable codes of the model map to their class', () => {
  // Textract answers InvalidJobIdException for a job id it does not know (core/error-mapping.ts).
  it('an unknown job is a NotFoundError (InvalidJobIdException), one request', async () => {
    const ai = client();
    const out = await settle(() =>
      ai.jobs
        .resume({ kind: 'textract', id: 'nosuchjob', api: 'StartDocumentTextDetection' } as never)
        .result(FAST),
    );
    const err = expectNamed(out.error, NotFoundError);
    expect(err.code).toBe('InvalidJobIdException');
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });

  it('a failed job is a ServiceError (JobFailed), not retried', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'the document could not be read',
    }));
    const out = await settle(() => client().documents.text(pdf(2), FAST));
    const err = expectNamed(out.error, ServiceError);
    expect(err.code).toBe('JobFailed');
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });

  it.each([
    ['UnsupportedDocumentException', ValidationError],
    ['BadDocumentException', ValidationError],
    ['DocumentTooLargeException', ValidationError],
    ['InvalidS3ObjectException', ValidationError],
    ['AccessDeniedException', AccessDeniedError],
  ] as const)('%s on AnalyzeDocument: %o after one request', async (code, Class) => {
    emu.fault({
      service: 'textract',
      operation: 'AnalyzeDocument',
      kind: 'server-error',
      code,
      status: 400,
    });
    const out = await settle(() => client().documents.analyze(png(), { forms: true }));
    expectNamed(out.error, Class, 'AnalyzeDocument');
    expect(callsTo(emu, 'AnalyzeDocument')).toHaveLength(1);
  });

  it('LimitExceededException on a Start* is a non-retryable ServiceError once the wait is over', async () => {
    emu.fault({
      service: 'textract',
      operation: 'StartDocumentTextDetection',
      kind: 'server-error',
      code: 'LimitExceededException',
      status: 400,
    });
    const out = await settle(() =>
      client().documents.text(pdf(2), { ...FAST, poll: { timeoutMs: 50 } }),
    );
    const err = expectNamed(out.error, ServiceError, 'StartDocumentTextDetection');
    expect(err.retryable).toBe(false);
    expect(err.code).toBe('LimitExceededException');
  });
});

describe('bad input is a ValidationError before any request, never quoting it', () => {
  it('every method', async () => {
    const ai = client();
    const d = ai.documents;
    const text = `Customer note: ${PAYLOAD} asked for a refund`;
    const calls: Array<() => Promise<unknown>> = [
      () => d.text(new Uint8Array()),
      () => d.text(Buffer.from(`GIF89a ${PAYLOAD}`)),
      () => d.text(text),
      () => d.text(png(), { mode: 'sideways' as never }),
      () => d.text(pdf(2), { mode: 'sync' }),
      () => d.text(png(), { timeoutMs: -1 }),
      () => d.text(png(), { signal: 1 as never }),
      () => d.text(png(), { retry: true as never }),
      () => d.analyze(png(), {}),
      () => d.analyze(text, { forms: true }),
      () => d.analyze(png(), { queries: [{ text: '' }] }),
      () => d.analyze(png(), { queries: [{ text: `${PAYLOAD} ${'x'.repeat(200)}` }] }),
      () =>
        d.analyze(png(), { queries: Array.from({ length: 16 }, (_, i) => ({ text: `q${i}` })) }),
      () => d.analyze(png(), { queries: QUERY, adapters: [{ id: 'short', version: '1' }] }),
      () => d.analyze(png(), { forms: true, adapters: [{ id: '2e9bf1c4a1b2', version: '1' }] }),
      () => d.analyze(png(), { forms: true, jobTag: `${PAYLOAD} !` }),
      () => d.analyze(png(), { forms: true, clientRequestToken: `${PAYLOAD} !` }),
      () =>
        d.analyze(png(), { forms: true, output: `s3://${PAYLOAD.toLowerCase()}/x`, mode: 'sync' }),
      () => d.analyze(png(), { forms: true, kmsKeyId: 'alias/k' }),
      () =>
        d.analyze(png(), {
          forms: true,
          notificationChannel: { snsTopicArn: 'not-an-arn', roleArn: 'not-an-arn' },
        }),
      () => d.expense(text),
      () => d.expense(pdf(2), { pollIntervalMs: 0 }),
      () => d.identity([png(), png(), png()] as never),
      () => d.identity(pdf(2)),
      () => d.identity(text),
      () => d.lending(text),
      () => d.lending(pdf(2), { pollIntervalMs: Number.NaN }),
      () => d.startText(png(), { mode: 'sync' } as never),
      () => d.startAnalysis(pdf(2), {}),
      () => d.startExpense(text),
      () => d.startLending(pdf(2), { clientRequestToken: `${PAYLOAD} !` }),
    ];
    for (const [i, call] of calls.entries()) {
      const out = await settle(call);
      expect(ValidationError.isInstance(out.error), `#${i}: ${inspect(out.error)}`).toBe(true);
      expect(secretsIn(renderings(out.error), FORBIDDEN), `#${i}`).toEqual([]);
      expect((out.error as Error).message.length, `#${i}`).toBeGreaterThan(20);
    }
    expect(emu.calls).toEqual([]);
  });
});
