/**
 * The guarantees of docs/errors-and-retries.md for every public method of the medical module: the
 * six Comprehend Medical text methods (each as a method and as a per-operation function),
 * `transcribe`, `startTranscription` and its job (`status`, `wait`, `result`, `results`, also resumed
 * by `ai.jobs.resume` and `resumeJob`), and `transcribeStream` read in every way (for-await,
 * `collect`, web and Node streams, `tee`, `transcript()`). The Transcribe Medical jobs' tests are
 * registered by test/helpers/transcribe-guarantees.ts (shared with speech).
 *
 * 1. `timeoutMs` (per call or the client's) bounds the whole call: a `TimeoutError` naming service
 *    and operation within timeoutMs + a margin, and nothing sent after.
 * 2. An aborted signal rejects at once with an `AbortError` naming service and operation.
 * 3. Throttling, 5xx and dropped connections are retried within one budget (at most retries + 1
 *    requests carry any piece), then fail typed; other errors are not retried; every index of an
 *    array call ends as one result or one typed error, in input order.
 * 4. A cut stream never ends normally, however it is read; what arrived before stays delivered.
 * 5. Every failure is an `AwsAIError` with no credential and no patient text in any rendering
 *    (deep inspect, JSON, cause chain, stack); the service's echo only behind `serviceMessage`.
 * 6. Bad input is a `ValidationError` before any request.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  BatchError,
  BatchItemError,
  ServiceError,
  StreamError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import * as medical from 'aws-ai/medical';
import type { FaultRule } from 'aws-ai/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callsTo,
  requestsAfterSettle,
  type Settled,
  settle,
  useEmulator,
} from '../helpers/emulator';
import { renderings, secretsIn } from '../helpers/leaks';
import { transcribeJobGuarantees } from '../helpers/transcribe-guarantees';
import { type Arrivals, chunkFinal, countArrivals, drain } from '../helpers/transcribe-streams';

const { emu, client: makeClient } = await useEmulator();

// Load the SDK and module code once, before any deadline is measured: a module loading inside a
// call's first 150 ms would be counted against it (and the emulator shares this process).
beforeAll(async () => {
  const ai = makeClient();
  await ai.medical.entities('Patient takes aspirin.');
  await ai.medical.transcribe('s3://clinic/warm.mp3', {
    output: 's3://clinic-out/warm/',
    pollIntervalMs: 1,
    maxPollIntervalMs: 2,
  });
  await ai.medical
    .transcribeStream(
      (async function* () {
        yield new Uint8Array(3200);
      })(),
      { sampleRate: 16_000, encoding: 'pcm', pace: 0 },
    )
    .collect();
});

/** Retries of every call here: the default count, tiny delays. */
const RETRIES = 3;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline (timers, event loop, HTTP/2 teardown). */
const MARGIN_MS = 150;

// Credentials with a marker in each, so that a leak is found by substring search (as in
// test/core/secrets.test.ts). The key id and a signature made with the secret go on the wire.
const CREDENTIALS = {
  accessKeyId: 'ASIAMEDMARKERKEYID42',
  secretAccessKey: 'SECRETMEDMARKERwJalrXUtnFEMI/K7MDENG/bPxRfiCY',
  sessionToken: `TOKENMEDMARKER${'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD'.repeat(4)}`,
};

/** Patient text (PHI): never in an error, except behind `serviceMessage`. */
const PATIENT = 'PHIMARKER Jane Roe';
const NOTE = `${PATIENT} takes 40 mg lisinopril daily for hypertension and has chest pain.`;

const FORBIDDEN = [
  'MEDMARKERKEYID',
  'SECRETMEDMARKER',
  'TOKENMEDMARKER',
  'IQoJb3JpZ2lu',
  'PHIMARKER',
  'Jane Roe',
  'Signature=',
  'AWS4-HMAC-SHA256 Credential',
];
/** Signatures the emulator saw in Authorization headers (recorded by the handlers that can). */
const signatures = new Set<string>();
const recordSignature = (headers: Readonly<Record<string, string>>): void => {
  const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? '')?.[1];
  if (signature) signatures.add(signature);
};

/** What the clients' logger wrote in the current test (deep renderings of its arguments). */
const logLines: string[] = [];
const log =
  (level: string) =>
  (message: string, ...meta: unknown[]): void => {
    logLines.push(
      `${level} ${message} ${inspect(meta, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
    );
  };
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

/** A client of the emulator with the marked credentials, the fast retries and the logger. */
const client = (extra: AwsAIConfig = {}): AwsAI =>
  makeClient({ credentials: CREDENTIALS, retry: RETRY, logger, ...extra });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The logger (retries at debug level, failed cleanups at warn) is held to the same rule as errors.
afterEach(() => {
  const lines = Object.fromEntries(logLines.map((line, i) => [`log${i}`, line]));
  logLines.length = 0;
  expect(leaks(undefined, lines)).toEqual([]);
});

/** Where a credential, a signature or the patient text shows in an error (or in `texts`). */
function leaks(err: unknown, texts: Record<string, string> = renderings(err)): string[] {
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

interface ErrorClass {
  isInstance(e: unknown): boolean;
  readonly name: string;
}

/**
 * Checks a failure: an AwsAIError (of `Class` when given) naming `site` (when given), with no
 * credential and no patient text in any rendering.
 */
function expectTyped(
  err: unknown,
  Class?: ErrorClass,
  site?: { service?: string; operation?: string },
): AwsAIError {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  if (Class) expect(Class.isInstance(err), `${inspect(err)} is not a ${Class.name}`).toBe(true);
  const e = err as AwsAIError;
  if (site?.service !== undefined) expect(e.service, inspect(err)).toBe(site.service);
  if (site?.operation !== undefined) expect(e.operation, inspect(err)).toBe(site.operation);
  expect(leaks(err)).toEqual([]);
  return e;
}

/**
 * How {@link requestsAfterSettle} watches after a call settled. The emulator logs a request when its
 * headers arrive, in this process: requests that left before the call settled may be logged later
 * on a busy machine. So counting starts once the log was quiet for 50 ms (at most 400 ms after
 * settling: a call that keeps sending is still seen), then watches for 100 ms (or `ms`).
 */
const AFTER_SETTLE = { quietWithinMs: 400 } as const;

// ---------------------------------------------------------------------------------------------
// Comprehend Medical: entities, phi, redactPhi, icd10cm, rxnorm, snomedct
// ---------------------------------------------------------------------------------------------

const CM = 'comprehendmedical';
const marker = (i: number): string => `item${String(i).padStart(3, '0')}q`;
const sentence = (i: number): string =>
  `The patient ${marker(i)} takes 40 mg lisinopril daily for hypertension.`;
/** 24,479 bytes: 2 pieces of DetectEntitiesV2 / DetectPHI, 3 of InferICD10CM / InferRxNorm, 5 of InferSNOMEDCT. */
const LONG_ITEMS = 360;
const LONG = Array.from({ length: LONG_ITEMS }, (_, i) => sentence(i)).join(' ');
/** Three short texts, one request each. */
const TEXTS = [0, 1, 2].map((i) => sentence(i));

type TextCall = (
  ai: AwsAI,
  input: string | readonly string[],
  options: Record<string, unknown>,
) => Promise<unknown>;

interface TextMethod {
  name: string;
  operation: string;
  /** Requests one {@link LONG} text takes. */
  pieces: number;
  method: TextCall;
  fn: TextCall;
}

const TEXT_METHODS: TextMethod[] = [
  {
    name: 'entities',
    operation: 'DetectEntitiesV2',
    pieces: 2,
    method: (ai, t, o) => ai.medical.entities(t as string, o),
    fn: (ai, t, o) => medical.entities(ai.medical, t as string, o),
  },
  {
    name: 'phi',
    operation: 'DetectPHI',
    pieces: 2,
    method: (ai, t, o) => ai.medical.phi(t as string, o),
    fn: (ai, t, o) => medical.phi(ai.medical, t as string, o),
  },
  {
    name: 'redactPhi',
    operation: 'DetectPHI',
    pieces: 2,
    method: (ai, t, o) => ai.medical.redactPhi(t as string, o),
    fn: (ai, t, o) => medical.redactPhi(ai.medical, t as string, o),
  },
  {
    name: 'icd10cm',
    operation: 'InferICD10CM',
    pieces: 3,
    method: (ai, t, o) => ai.medical.icd10cm(t as string, o),
    fn: (ai, t, o) => medical.icd10cm(ai.medical, t as string, o),
  },
  {
    name: 'rxnorm',
    operation: 'InferRxNorm',
    pieces: 3,
    method: (ai, t, o) => ai.medical.rxnorm(t as string, o),
    fn: (ai, t, o) => medical.rxnorm(ai.medical, t as string, o),
  },
  {
    name: 'snomedct',
    operation: 'InferSNOMEDCT',
    pieces: 5,
    method: (ai, t, o) => ai.medical.snomedct(t as string, o),
    fn: (ai, t, o) => medical.snomedct(ai.medical, t as string, o),
  },
];

/** How many requests of `operation` carried each item marker: requests per item. */
function requestsPerItem(operation: string, items: number): number[] {
  const counts = new Array<number>(items).fill(0);
  for (const call of callsTo(emu, operation)) {
    const text = String(call.input.Text ?? '');
    for (const i of new Set(Array.from(text.matchAll(/item(\d{3})q/g), (m) => Number(m[1])))) {
      counts[i] = (counts[i] ?? 0) + 1;
    }
  }
  return counts;
}

/** Each index of `results` is a BatchItemError at that index whose cause is a `Class` naming the call. */
function expectEveryIndexFailed(
  results: unknown,
  length: number,
  Class: ErrorClass,
  operation: string,
): void {
  expect(Array.isArray(results)).toBe(true);
  const list = results as unknown[];
  expect(list).toHaveLength(length);
  list.forEach((r, i) => {
    expect(r).toBeInstanceOf(BatchItemError);
    expect((r as BatchItemError).index).toBe(i);
    expectTyped(r);
    expectTyped((r as BatchItemError).cause, Class, { service: CM, operation });
  });
}

/** An array call cut by its deadline or an abort: one error for the call, or one per index. */
function expectArrayStopped(out: Settled, Class: ErrorClass, m: TextMethod): void {
  if (out.error !== undefined) {
    expectTyped(out.error, Class, { service: CM, operation: m.operation });
  } else {
    expectEveryIndexFailed(out.value, TEXTS.length, Class, m.operation);
  }
}

/** Every text method, as a method and as a function, each with its own client. */
const bothWays = TEXT_METHODS.flatMap((m) => [
  { m, via: 'method', call: m.method },
  { m, via: 'function', call: m.fn },
]);

/**
 * Answers without the emulator's lexicon work: the emulator runs in this process, and dozens of
 * 25 KB texts would hold the event loop (and the deadline timers) for nothing these tests need.
 */
function plainAnswers(): void {
  for (const operation of new Set(TEXT_METHODS.map((m) => m.operation))) {
    emu.handle(CM, operation, () => ({ Entities: [], ModelVersion: 'x' }));
  }
}

describe('medical text methods: deadline and abort (all six, method and function, at once)', () => {
  beforeEach(plainAnswers);

  it('every request slower than timeoutMs: a long text and an array end with a TimeoutError at the deadline, nothing sent after', async () => {
    emu.fault({ service: CM, kind: 'delay', delayMs: 500 });
    const timeoutMs = 120;
    // One client for all: its 8 request slots are taken, later pieces wait for one; the
    // deadline ends the waiting ones too.
    const ai = client();
    const outs = await Promise.all(
      TEXT_METHODS.map(async (m) => {
        const [long, many] = await Promise.all([
          settle(() => m.method(ai, LONG, { timeoutMs })),
          settle(() => m.fn(ai, TEXTS, { timeoutMs, throwOnItemError: false })),
        ]);
        return { m, long, many };
      }),
    );
    for (const { m, long, many } of outs) {
      expect(long.ms).toBeLessThan(timeoutMs + MARGIN_MS);
      expect(many.ms).toBeLessThan(timeoutMs + MARGIN_MS);
      const err = expectTyped(long.error, TimeoutError, { service: CM, operation: m.operation });
      expect(err.message).toContain(m.operation);
      expectArrayStopped(many, TimeoutError, m);
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it("the client's timeoutMs bounds the whole call, not each piece: every request under it, their sum over it", async () => {
    // One piece at a time: each request (120 ms) fits the deadline (200 ms), the pieces do not.
    emu.fault({ service: CM, kind: 'delay', delayMs: 120 });
    const outs = await Promise.all(
      TEXT_METHODS.map(async (m) => {
        const ai = client({ timeoutMs: 200, concurrency: { comprehendmedical: 1 } });
        const both = await Promise.all([
          settle(() => m.method(ai, LONG, {})),
          settle(() => m.fn(ai, LONG, {})),
        ]);
        return { m, both };
      }),
    );
    for (const { m, both } of outs) {
      for (const out of both) {
        expect(out.ms).toBeLessThan(200 + MARGIN_MS);
        expectTyped(out.error, TimeoutError, { service: CM, operation: m.operation });
      }
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('a signal aborted before the call: AbortError naming the call, nothing sent', async () => {
    const ai = client();
    for (const { m, call } of bothWays) {
      for (const input of [NOTE, [NOTE, NOTE]]) {
        const out = await settle(() => call(ai, input, { signal: AbortSignal.abort() }));
        expectTyped(out.error, AbortError, { service: CM, operation: m.operation });
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('aborted mid-call: every call rejects at once with an AbortError naming it, nothing sent after', async () => {
    emu.fault({ service: CM, kind: 'delay', delayMs: 500 });
    const controller = new AbortController();
    const abortAt = 80;
    // Armed before the calls start, so that the time to start them counts against the margin.
    const timer = setTimeout(() => controller.abort(), abortAt);
    const ai = client();
    const signal = controller.signal;
    const outs = await Promise.all(
      TEXT_METHODS.map(async (m) => {
        const [long, many] = await Promise.all([
          settle(() => m.fn(ai, LONG, { signal })),
          settle(() => m.method(ai, TEXTS, { signal, throwOnItemError: false })),
        ]);
        return { m, long, many };
      }),
    );
    clearTimeout(timer);
    for (const { m, long, many } of outs) {
      expect(long.ms).toBeLessThan(abortAt + MARGIN_MS);
      expect(many.ms).toBeLessThan(abortAt + MARGIN_MS);
      expectTyped(long.error, AbortError, { service: CM, operation: m.operation });
      expectArrayStopped(many, AbortError, m);
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });
});

describe.each(TEXT_METHODS)('medical.$name ($operation): retries, errors, validation', (m) => {
  const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
    service: CM,
    operation: m.operation,
    ...extra,
  });
  // The learned send rate (ADR 0009) would pace these throttled calls; it is tested on its own.
  const quick = (extra: AwsAIConfig = {}) => client({ adaptiveRate: false, ...extra });
  beforeEach(plainAnswers);

  it.each([
    [
      'throttled, a 500 and a 503 (ServiceUnavailableException)',
      [
        { kind: 'throttle' },
        { kind: 'server-error' },
        { kind: 'server-error', code: 'ServiceUnavailableException', status: 503 },
      ],
    ],
    ['a dropped connection and a malformed body', [{ kind: 'reset' }, { kind: 'malformed' }]],
  ] as const)(
    '%s, once each: recovers, every piece carried by at most retries + 1 requests',
    async (_, faults) => {
      for (const f of faults) emu.fault(rule({ ...f, times: 1 }));
      const out = await settle(() => m.method(quick(), LONG, {}));
      expect(out.error).toBeUndefined();
      const counts = requestsPerItem(m.operation, LONG_ITEMS);
      expect(counts.every((n) => n >= 1)).toBe(true);
      expect(Math.max(...counts)).toBeLessThanOrEqual(RETRIES + 1);
      // Each piece once, plus one more request for each fault.
      const calls = callsTo(emu, m.operation);
      expect(new Set(calls.map((c) => c.input.Text)).size).toBe(m.pieces);
      expect(calls).toHaveLength(m.pieces + faults.length);
    },
  );

  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError],
    ['5xx always', { kind: 'server-error' }, ServiceError],
    ['connection reset always', { kind: 'reset' }, ServiceError],
  ] as const)(
    '%s: a long text fails typed, each piece carried by retries + 1 requests, none after',
    async (_, f, Class) => {
      emu.fault(rule(f));
      const long = await settle(() => m.method(quick(), LONG, {}));
      const err = expectTyped(long.error, Class, { service: CM, operation: m.operation });
      expect(err.retryable).toBe(true);
      expect(Math.max(...requestsPerItem(m.operation, LONG_ITEMS))).toBe(RETRIES + 1);
      // The first piece that failed for good settles the call: no piece is sent after it.
      const settledAt = emu.calls.length;
      await sleep(30);
      expect(emu.calls.length).toBe(settledAt);
    },
  );

  it("throttled always, an array: every index a typed error in order, within the call's or the client's budget", async () => {
    emu.fault(rule({ kind: 'throttle' }));
    const kept = await settle(() => m.fn(quick(), TEXTS, { throwOnItemError: false }));
    expect(kept.error).toBeUndefined();
    expectEveryIndexFailed(kept.value, TEXTS.length, ThrottlingError, m.operation);
    expect(requestsPerItem(m.operation, TEXTS.length)).toEqual(TEXTS.map(() => RETRIES + 1));

    // Thrown as a BatchError holding every index; the client's retry: { retries: 1 }.
    emu.reset();
    emu.fault(rule({ kind: 'throttle' }));
    const fewer = quick({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } });
    const thrown = await settle(() => m.method(fewer, TEXTS, {}));
    const batch = expectTyped(thrown.error, BatchError) as BatchError;
    expect(batch.results).toHaveLength(TEXTS.length);
    batch.results.forEach((r, i) => {
      expect((r as BatchItemError).index).toBe(i);
    });
    expect(requestsPerItem(m.operation, TEXTS.length)).toEqual([2, 2, 2]);

    // The call's retry: false, one request per text.
    emu.reset();
    emu.fault(rule({ kind: 'throttle' }));
    const once = await settle(() =>
      m.fn(quick(), TEXTS, { retry: false, throwOnItemError: false }),
    );
    expectEveryIndexFailed(once.value, TEXTS.length, ThrottlingError, m.operation);
    expect(requestsPerItem(m.operation, TEXTS.length)).toEqual([1, 1, 1]);
  });

  it('one text refused for good is not retried, the others answered, in order; the echo of the text only in serviceMessage', async () => {
    emu.handle(CM, m.operation, (input, ctx) => {
      recordSignature(ctx.headers);
      const text = String((input as { Text?: unknown }).Text);
      if (text.includes(marker(1)) || text.includes(PATIENT)) {
        throw emu.error(
          'InvalidRequestException',
          `Value '${text}' at 'text' failed to satisfy constraint`,
        );
      }
      return { Entities: [], ModelVersion: 'x' };
    });
    const out = await settle(() => m.fn(quick(), TEXTS, { throwOnItemError: false }));
    expect(out.error).toBeUndefined();
    const results = out.value as unknown[];
    expect(results).toHaveLength(3);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[2]).not.toBeInstanceOf(Error);
    const failed = results[1] as BatchItemError;
    expect(failed).toBeInstanceOf(BatchItemError);
    expect(failed.index).toBe(1);
    const cause = expectTyped(failed.cause, ValidationError, {
      service: CM,
      operation: m.operation,
    });
    expect(cause.code).toBe('InvalidRequestException');
    expect(cause.serviceMessage).toContain(marker(1));
    expect(requestsPerItem(m.operation, 3)).toEqual([1, 1, 1]);

    // A BatchError with the patient's note among its items, and one note alone.
    const batch = await settle(() => m.method(quick(), [TEXTS[0] as string, NOTE], {}));
    expectTyped(batch.error, BatchError);
    const one = await settle(() => m.method(quick(), NOTE, {}));
    const err = expectTyped(one.error, ValidationError, { service: CM, operation: m.operation });
    expect(err.serviceMessage).toContain(PATIENT);
    expect(err.message).toContain("at 'text' failed to satisfy constraint");
    expect(signatures.size).toBeGreaterThan(0);
  });

  it('access denied quoting the Authorization header: not retried, no credential in the error', async () => {
    emu.handle(CM, m.operation, (_input, ctx) => {
      recordSignature(ctx.headers);
      throw emu.error(
        'AccessDeniedException',
        `User is not authorized; Authorization=${ctx.headers.authorization}, x-amz-security-token=${ctx.headers['x-amz-security-token']}`,
        400,
      );
    });
    const out = await settle(() => m.method(quick(), NOTE, {}));
    expectTyped(out.error, AccessDeniedError, { service: CM, operation: m.operation });
    expect(callsTo(emu, m.operation)).toHaveLength(1);
  });

  it.each([
    ['an empty text', ''],
    ['an empty array', []],
    ['a number', 42],
    ['an array holding an empty text', [NOTE, '']],
    [
      'a Spanish note',
      `${PATIENT}: el paciente toma lisinopril todos los días para la hipertensión y no tiene dolor de pecho.`,
    ],
  ] as const)(
    '%s is a ValidationError before any request (method and function)',
    async (_, input) => {
      for (const call of [m.method, m.fn]) {
        const out = await settle(() => call(quick(), input as never, {}));
        expectTyped(out.error, ValidationError);
      }
      expect(emu.calls).toHaveLength(0);
    },
  );

  it.each([
    ['language other than en', { language: 'es' }],
    ['timeoutMs below 0', { timeoutMs: -1 }],
    ['a signal that is no AbortSignal', { signal: 1 }],
    ['retry: true', { retry: true }],
    ['throwOnItemError: "no"', { throwOnItemError: 'no' }],
  ] as const)(
    '%s is a ValidationError before any request (method and function)',
    async (_, options) => {
      for (const call of [m.method, m.fn]) {
        const out = await settle(() => call(quick(), NOTE, options));
        expectTyped(out.error, ValidationError);
      }
      expect(emu.calls).toHaveLength(0);
    },
  );
});

describe('medical.phi / redactPhi options', () => {
  it.each([
    ['phi with types: []', (ai: AwsAI) => ai.medical.phi(NOTE, { types: [] })],
    ['phi with types: "NAME"', (ai: AwsAI) => ai.medical.phi(NOTE, { types: 'NAME' as never })],
    ['redactPhi with mask: 1', (ai: AwsAI) => ai.medical.redactPhi(NOTE, { mask: 1 as never })],
    [
      'redactPhi (function) with types: [""]',
      (ai: AwsAI) => medical.redactPhi(ai.medical, NOTE, { types: [''] }),
    ],
  ] as const)('%s is a ValidationError before any request', async (_, run) => {
    const out = await settle((): Promise<unknown> => run(client()));
    expectTyped(out.error, ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  // A type DetectPHI never answers keeps nothing: redactPhi would hand the text back with its PHI
  // in place, as if there were none. The types are the Developer Guide's ("Detect PHI").
  it.each([
    ['a type in lower case', ['name']],
    ['a type DetectPHI does not answer (PHONE for PHONE_OR_FAX)', ['NAME', 'PHONE']],
    ['a category instead of a type', ['PROTECTED_HEALTH_INFORMATION']],
  ])(
    'redactPhi and phi with %s: a ValidationError naming the PHI types, before any request',
    async (_, types) => {
      const ai = client();
      for (const run of [
        () => ai.medical.redactPhi('Call Mr. John Smith at 555-010-1234.', { types }),
        () => ai.medical.phi(['Call Mr. John Smith at 555-010-1234.'], { types }),
        () => medical.redactPhi(ai.medical, 'Call Mr. John Smith at 555-010-1234.', { types }),
      ]) {
        const out = await settle((): Promise<unknown> => run());
        expectTyped(out.error, ValidationError);
        expect((out.error as Error).message).toMatch(/PHONE_OR_FAX/);
      }
      expect(emu.calls).toHaveLength(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Transcribe Medical jobs: transcribe, startTranscription and its job (the guarantees shared with
// the speech module's jobs: test/helpers/transcribe-guarantees.ts)
// ---------------------------------------------------------------------------------------------

const OUT = { output: 's3://clinic-out/visits/' } as const;
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
const AUDIO = 's3://clinic/visit.mp3';

transcribeJobGuarantees({
  emu,
  client,
  expectTyped,
  retries: RETRIES,
  kinds: [
    {
      callTitle: 'medical.transcribe (start, polls, transcript read)',
      starterTitle: 'medical.startTranscription and its job',
      start: 'StartMedicalTranscriptionJob',
      get: 'GetMedicalTranscriptionJob',
      jobName: 'MedicalTranscriptionJobName',
      readLabel: 'the transcript read',
      input: AUDIO,
      bytes: MP3,
      options: OUT,
      stagedOptions: {},
      // The one call is named after its start, whichever request the deadline or abort cut.
      named: 'StartMedicalTranscriptionJob',
      call: {
        method: (ai, input, o) => ai.medical.transcribe(input, o as never),
        fn: (ai, input, o) => medical.transcribe(ai.medical, input, o as never),
      },
      starter: {
        method: (ai, input, o) => ai.medical.startTranscription(input, o as never),
        fn: (ai, input, o) => medical.startTranscription(ai.medical, input, o as never),
      },
      resumed: (ref) => [
        client().jobs.resume<medical.MedicalTranscript>(JSON.stringify(ref)),
        medical.resumeJob<medical.MedicalTranscript>(
          medical.createMedicalClient({
            ...emu.config,
            credentials: CREDENTIALS,
            retry: RETRY,
            logger,
          }),
          ref as never,
        ),
      ],
      failed: (input, reason) => ({
        MedicalTranscriptionJob: {
          MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
          TranscriptionJobStatus: 'FAILED',
          FailureReason: reason,
        },
      }),
      failedCode: 'TranscriptionJobFailed',
      // The job's output holds the patient's words: the file is broken, its text must not show.
      malformed: {
        bodies: [
          `{"results": {"transcripts": [${JSON.stringify(PATIENT)}], "items": {}}}`,
          `${PATIENT} not json`,
        ],
        completed: (input) => ({
          MedicalTranscriptionJob: {
            MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
            TranscriptionJobStatus: 'COMPLETED',
            Transcript: { TranscriptFileUri: 's3://clinic-out/visits/broken.json' },
          },
        }),
        operation: 'GetMedicalTranscriptionJob',
      },
      invalid: [
        ['an output that is no s3:// URI', { output: 'https://x/y' }],
        ['speakers out of range', { ...OUT, speakers: 1 }],
        ['a specialty the batch API refuses', { ...OUT, specialty: 'CARDIOLOGY' }],
        ['a language other than en-US', { ...OUT, language: 'es-US' }],
        ['speakers and channels', { ...OUT, speakers: 2, channels: true }],
        ['timeoutMs NaN', { ...OUT, timeoutMs: Number.NaN }],
        ['pollIntervalMs 0', { ...OUT, pollIntervalMs: 0 }],
      ],
      // No output and no staging.
      unstaged: [
        (ai) => ai.medical.transcribe(AUDIO, {}),
        (ai) => medical.startTranscription(ai.medical, AUDIO),
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Transcribe Medical streaming
// ---------------------------------------------------------------------------------------------

const TS = 'transcribe-streaming';
const STREAM_OP = 'StartMedicalStreamTranscription';
const RATE = 16_000;
const STREAM = { sampleRate: RATE, encoding: 'pcm' } as const;

/** `seconds` of 16 kHz 16-bit PCM (silence) in 100 ms chunks. */
async function* pcm(seconds: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < Math.round(seconds * 10); i++) yield new Uint8Array(RATE / 5);
}

type Stream = medical.MedicalTranscribeStream;
type Event = medical.MedicalTranscribeStreamEvent;
type Reader = (s: Stream) => Promise<{ events: Event[]; error: unknown }>;

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Every way of reading a stream to its end: each gives the events it saw and what it threw. */
const READERS: Array<[string, Reader]> = [
  [
    'for await',
    async (s) => {
      const events: Event[] = [];
      const error = await drain(s, (e) => events.push(e));
      return { events, error };
    },
  ],
  ['collect()', async (s) => ({ events: [], error: await rejection(s.collect()) })],
  [
    'toReadableStream()',
    async (s) => {
      const events: Event[] = [];
      const reader = s.toReadableStream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return { events, error: undefined };
          events.push(value);
        }
      } catch (error) {
        return { events, error };
      }
    },
  ],
  [
    'toNodeReadable()',
    async (s) => {
      const events: Event[] = [];
      const error = await drain(s.toNodeReadable() as AsyncIterable<Event>, (e) => events.push(e));
      return { events, error };
    },
  ],
  [
    'tee(), both branches',
    async (s) => {
      const [a, b] = s.tee();
      const events: Event[] = [];
      const [ea, eb] = await Promise.all([drain(a, (e) => events.push(e)), drain(b)]);
      expect(eb).toBe(ea);
      return { events, error: ea };
    },
  ],
  ['transcript() alone', async (s) => ({ events: [], error: await rejection(s.transcript()) })],
  [
    'for await, then transcript()',
    async (s) => {
      const events: Event[] = [];
      const read = await drain(s, (e) => events.push(e));
      const error = await rejection(s.transcript());
      // The transcript settles as the reading did (both must be errors: checked by the caller).
      expect(read === undefined).toBe(error === undefined);
      return { events, error };
    },
  ],
];

/** How a stream is cut, and the error every reader must see. */
interface Cut {
  name: string;
  open: () => Stream;
  check: (err: unknown) => void;
  /** The deadline, for the cuts that have one. */
  timeoutMs?: number;
  /** Events sent before the cut, when known. */
  before?: number;
}

const STREAM_DEADLINE_MS = 150;

const CUTS: Cut[] = [
  {
    name: 'timeoutMs',
    open: () =>
      client().medical.transcribeStream(pcm(10), { ...STREAM, timeoutMs: STREAM_DEADLINE_MS }),
    check: (err) => expectTyped(err, TimeoutError, { service: TS, operation: STREAM_OP }),
    timeoutMs: STREAM_DEADLINE_MS,
  },
  {
    name: "the client's timeoutMs (function)",
    open: () =>
      medical.transcribeStream(client({ timeoutMs: STREAM_DEADLINE_MS }).medical, pcm(10), STREAM),
    check: (err) => expectTyped(err, TimeoutError, { service: TS, operation: STREAM_OP }),
    timeoutMs: STREAM_DEADLINE_MS,
  },
  {
    name: 'idleTimeoutMs (the source goes silent)',
    open: () => {
      async function* stalls() {
        yield* pcm(0.5);
        await sleep(300);
      }
      return client().medical.transcribeStream(stalls(), {
        ...STREAM,
        pace: 0,
        idleTimeoutMs: 100,
      });
    },
    check: (err) => {
      const e = expectTyped(err, StreamError, { service: TS, operation: STREAM_OP });
      expect(e.code).toBe('AudioIdleTimeout');
    },
  },
  {
    name: 'a connection dropped after 4 events',
    open: () => {
      emu.fault({ service: TS, operation: STREAM_OP, kind: 'reset', afterEvents: 4 });
      return client().medical.transcribeStream(pcm(2), { ...STREAM, pace: 0 });
    },
    check: (err) => expectTyped(err, StreamError, { service: TS, operation: STREAM_OP }),
    before: 4,
  },
  {
    name: 'an exception event after 6 events',
    open: () => {
      emu.fault({ service: TS, operation: STREAM_OP, kind: 'stream-error', afterEvents: 6 });
      return client().medical.transcribeStream(pcm(2), { ...STREAM, pace: 0 });
    },
    check: (err) => {
      const e = expectTyped(err, StreamError, { service: TS, operation: STREAM_OP });
      expect(e.code).toBe('InternalFailureException');
    },
    before: 6,
  },
];

describe('medical.transcribeStream: a cut stream never ends normally, however it is read', () => {
  for (const cut of CUTS) {
    for (const [reader, read] of READERS) {
      // The client's deadline takes the same path as the call's: two readers suffice.
      if (
        cut.name.startsWith("the client's") &&
        !['for await', 'transcript() alone'].includes(reader)
      )
        continue;
      it(`cut by ${cut.name}, read by ${reader}: rejects typed; what arrived stays delivered`, async () => {
        const stream = cut.open();
        const start = performance.now();
        const { events, error } = await read(stream);
        const ms = performance.now() - start;
        expect(error, 'the stream ended normally').toBeDefined();
        cut.check(error);
        if (cut.timeoutMs !== undefined) expect(ms).toBeLessThan(cut.timeoutMs + MARGIN_MS);
        if (cut.before !== undefined && events.length > 0) expect(events).toHaveLength(cut.before);
        // The finals that arrived before the cut are kept.
        expect(stream.transcriptSoFar().words.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('medical.transcribeStream: deadline, abort, retries, validation', () => {
  /** Replaces the emulator's handler by one that counts the audio, one final per chunk. */
  const countAudio = (): Arrivals =>
    countArrivals(emu, STREAM_OP, 'TranscriptResultStream', (n) => chunkFinal(n));

  it('timeoutMs: no audio and no new session reach the emulator after the stream settled', async () => {
    const seen = countAudio();
    const stream = client().medical.transcribeStream(pcm(10), { ...STREAM, timeoutMs: 150 });
    expectTyped(await drain(stream), TimeoutError, { service: TS, operation: STREAM_OP });
    // Chunks already on the wire may still land; then nothing more.
    await sleep(50);
    const settled = seen.bytes;
    expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 200 })).toHaveLength(0);
    expect(seen.bytes).toBe(settled);
    expect(settled).toBeLessThan(10 * RATE * 2);
  });

  it('a signal aborted before the first read: AbortError naming the stream from every reader, nothing sent', async () => {
    for (const [name, read] of READERS) {
      if (name === 'for await, then transcript()') continue; // below

      const open = [
        () => client().medical.transcribeStream(pcm(1), { ...STREAM, signal: AbortSignal.abort() }),
        () =>
          medical.transcribeStream(client().medical, pcm(1), {
            ...STREAM,
            signal: AbortSignal.abort(),
          }),
      ];
      for (const make of open) {
        const { error } = await read(make());
        expectTyped(error, AbortError, { service: TS, operation: STREAM_OP });
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  // transcript() settles with the error the read ended with (core/transcribe-stream-input.ts).
  it('a signal aborted before the first read: transcript() after the read rejects with the same AbortError', async () => {
    const stream = client().medical.transcribeStream(pcm(1), {
      ...STREAM,
      signal: AbortSignal.abort(),
    });
    const read = await drain(stream);
    expectTyped(read, AbortError, { service: TS, operation: STREAM_OP });
    const later = await rejection(stream.transcript());
    expectTyped(later, AbortError, { service: TS, operation: STREAM_OP });
    expect(emu.calls).toHaveLength(0);
  });

  it('stream.abort() mid-stream: AbortError naming the stream, no audio after', async () => {
    const seen = countAudio();
    const stream = client().medical.transcribeStream(pcm(10), STREAM);
    const timer = setTimeout(() => stream.abort(), 150);
    const error = await drain(stream);
    clearTimeout(timer);
    expectTyped(error, AbortError, { service: TS, operation: STREAM_OP });
    await sleep(50);
    const settled = seen.bytes;
    await sleep(200);
    expect(seen.bytes).toBe(settled);
    expect(settled).toBeLessThan(10 * RATE * 2);
  });

  it.each([
    ['throttled', 'throttle'],
    ['5xx', 'server-error'],
  ] as const)(
    'the start %s always: typed, at most retries + 1 sessions, nothing after',
    async (_, kind) => {
      emu.fault({ service: TS, operation: STREAM_OP, kind });
      const stream = client().medical.transcribeStream(pcm(1), { ...STREAM, pace: 0 });
      expectTyped(await drain(stream), undefined, { service: TS, operation: STREAM_OP });
      const sessions = callsTo(emu, STREAM_OP).length;
      expect(sessions).toBeGreaterThanOrEqual(1);
      expect(sessions).toBeLessThanOrEqual(RETRIES + 1);
      expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
    },
  );

  // A refused start is retried with the audio it consumed replayed (core/transcribe-stream-replay.ts).
  it.each([
    ['throttled twice', 'throttle'],
    ['5xx twice', 'server-error'],
  ] as const)('the start %s: retried, the stream recovers with every event', async (_, kind) => {
    emu.fault({ service: TS, operation: STREAM_OP, kind, times: 2 });
    const events = await client()
      .medical.transcribeStream(pcm(1), { ...STREAM, pace: 0, partials: false })
      .collect();
    expect(events).toHaveLength(10);
    expect(callsTo(emu, STREAM_OP)).toHaveLength(3);
  });

  it.each([
    ['sample rate 8000', { ...STREAM, sampleRate: 8000 }],
    ['a language other than en-US', { ...STREAM, language: 'en-GB' }],
    ['an unknown specialty', { ...STREAM, specialty: 'DERMATOLOGY' }],
    ['speakers on a dictation', { ...STREAM, type: 'dictation', speakers: true }],
    ['channels: 3', { ...STREAM, channels: 3 }],
    ['timeoutMs: "100"', { ...STREAM, timeoutMs: '100' }],
    ['idleTimeoutMs: 0', { ...STREAM, idleTimeoutMs: 0 }],
    ['a signal that is no AbortSignal', { ...STREAM, signal: {} }],
  ] as const)('%s: ValidationError at once (method and function), nothing sent', (_, options) => {
    for (const open of [
      () => client().medical.transcribeStream(pcm(1), options as never),
      () => medical.transcribeStream(client().medical, pcm(1), options as never),
    ]) {
      let caught: unknown;
      try {
        open();
      } catch (err) {
        caught = err;
      }
      expectTyped(caught, ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('medical: what sends nothing', () => {
  it.each([
    ['text that is not JSON', `${PATIENT} not json`],
    ['no results', '{}'],
    ['results that is a number', '{"results": 1}'],
    ['null', null],
    ['items that is a number', '{"results": {"items": 5}}'],
    ['segments that is an object', '{"results": {"speaker_labels": {"segments": {}}}}'],
    ['a segment that is null', '{"results": {"speaker_labels": {"segments": [null]}}}'],
    ['a channel that is null', '{"results": {"channel_labels": {"channels": [null]}}}'],
    ['transcripts holding null', '{"results": {"transcripts": [null]}}'],
  ] as const)('parseMedicalTranscript of %s: a ValidationError, never a TypeError', (_, input) => {
    let caught: unknown;
    try {
      medical.parseMedicalTranscript(input);
    } catch (err) {
      caught = err;
    }
    expectTyped(caught, ValidationError);
  });

  it('resumeJob and ai.jobs.resume refuse a bad ref before any request', async () => {
    const ai = client();
    for (const ref of [
      { kind: 'transcribe.medical', id: 'has space' },
      { kind: 'transcribe.transcription', id: 'a' },
      'not json',
    ]) {
      const viaFunction = await settle(async () => medical.resumeJob(ai.medical, ref).status());
      expectTyped(viaFunction.error, ValidationError);
    }
    const resumed = await settle(async () =>
      ai.jobs.resume({ kind: 'transcribe.medical', id: '' }).status(),
    );
    expectTyped(resumed.error, ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('createMedicalClient refuses a bad timeoutMs; a function refuses what is not a client', async () => {
    let caught: unknown;
    try {
      medical.createMedicalClient({ timeoutMs: -5 });
    } catch (err) {
      caught = err;
    }
    expectTyped(caught, ValidationError);
    const out = await settle(() => medical.entities({} as never, NOTE));
    expectTyped(out.error, ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});
