/**
 * The guarantees of docs/errors-and-retries.md for the speech module's calls that are not fan-outs
 * (those: test/faults/fan-out-suite.ts) and not the Transcribe streams (their own suites):
 * single-piece `synthesize` and `synthesizeStream`, `voices`, `synthesizeToS3` and its job,
 * `transcribe`, `startTranscription` and its job, `analyzeCall`, `startCallAnalysis` and its job,
 * each also through its per-operation function of `aws-ai/speech` where it has one. The Transcribe
 * jobs' tests are registered by test/helpers/transcribe-guarantees.ts (shared with medical).
 *
 * 1. `timeoutMs` (per call or the client's) bounds the whole call: a `TimeoutError` naming service
 *    and operation within timeoutMs + a margin, and nothing sent after (`start*` and
 *    `synthesizeToS3`: timeoutMs bounds the whole start, not the live job it returns; ADR 0006,
 *    amendment; the start's two requests under one deadline: test/speech/start-scope.test.ts).
 * 2. An aborted signal rejects at once with an `AbortError` naming service and operation.
 * 3. Throttling, 5xx, dropped connections and malformed answers are retried within one budget
 *    (retries + 1 requests), then fail typed; the model's other errors are not retried.
 * 4. A body cut mid-way never ends normally.
 * 5. Every failure is an `AwsAIError` with no credential and no input text in any rendering.
 * 6. Bad input is a `ValidationError` before any request, quoting none of the caller's text.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  NotFoundError,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import * as speech from 'aws-ai/speech';
import type { FaultRule } from 'aws-ai/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';
import {
  FAST,
  STAGING,
  transcribeJobGuarantees,
  waysToWait,
} from '../helpers/transcribe-guarantees';

const { emu, client: makeClient } = await useEmulator();

const RETRIES = 3;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline (timers, event loop, HTTP/2 teardown). */
const MARGIN_MS = 150;
/** Requests logged late on a busy machine are waited for before counting (see the helper). */
const AFTER_SETTLE = { quietWithinMs: 400 } as const;

/** The caller's text: never in an error, except behind `serviceMessage`. */
const SECRET_TEXT = 'TEXTMARKER Jane Roe';
const TEXT = `Hello ${SECRET_TEXT}, your parcel arrives today.`;
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'TEXTMARKER', 'Jane Roe'];

/** What the clients' logger wrote in the current test. */
const logLines: string[] = [];
const log =
  (level: string) =>
  (message: string, ...meta: unknown[]): void => {
    logLines.push(
      `${level} ${message} ${inspect(meta, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
    );
  };
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

const client = (extra: AwsAIConfig = {}): AwsAI =>
  makeClient({ credentials: CREDENTIALS, retry: RETRY, logger, adaptiveRate: false, ...extra });

afterEach(() => {
  const lines = Object.fromEntries(logLines.map((line, i) => [`log${i}`, line]));
  logLines.length = 0;
  expect(secretsIn(lines, FORBIDDEN)).toEqual([]);
});

interface ErrorClass {
  isInstance(e: unknown): boolean;
  readonly name: string;
}

/** An AwsAIError (of `Class`), naming `site`, with no credential and no input text anywhere. */
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
  expect(secretsIn(renderings(err), FORBIDDEN)).toEqual([]);
  return e;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // Load the SDKs and module code before any deadline is measured.
  const ai = makeClient();
  await ai.speech.synthesize('Warm up.', { voice: 'Joanna' });
  await ai.speech.voices();
  await ai.speech.transcribe('s3://media/warm.mp3', { pollIntervalMs: 1, maxPollIntervalMs: 2 });
  await ai.speech.analyzeCall('s3://calls/warm.wav', {
    output: 's3://calls/out/',
    pollIntervalMs: 1,
    maxPollIntervalMs: 2,
  });
  const job = await ai.speech.synthesizeToS3('Warm up.', { output: 's3://audio/warm/' });
  await job.result({ pollIntervalMs: 1, maxPollIntervalMs: 2 });
  emu.reset();
});

// ---------------------------------------------------------------------------------------------
// Polly: synthesize (one piece), synthesizeStream, voices
// ---------------------------------------------------------------------------------------------

const POLLY = 'polly';
const SYNTH = 'SynthesizeSpeech';

type Call = (ai: AwsAI, options: Record<string, unknown>) => Promise<unknown>;

/** Reads a stream to its end, for what it threw. */
async function readAll(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.byteLength;
  return bytes;
}

/** The one-request Polly calls: method and function, audio and a stream read whole. */
/**
 * The one-request Polly calls: the method, and its per-operation function where it has one (run
 * beside it in the deadline and abort tests; the retry tests count the method's requests).
 */
const POLLY_CALLS: Array<[string, string, Call, Call | undefined]> = [
  [
    'synthesize',
    SYNTH,
    (ai, o) => ai.speech.synthesize(TEXT, { voice: 'Joanna', ...o }),
    (ai, o) => speech.synthesize(ai.speech, TEXT, { voice: 'Joanna', ...o }),
  ],
  [
    'synthesize with marks',
    SYNTH,
    (ai, o) => ai.speech.synthesize(TEXT, { voice: 'Joanna', marks: ['word'], ...o }),
    undefined,
  ],
  [
    'speechMarks',
    SYNTH,
    (ai, o) => ai.speech.speechMarks(TEXT, { voice: 'Joanna', ...o }),
    (ai, o) => speech.speechMarks(ai.speech, TEXT, { voice: 'Joanna', ...o }),
  ],
  [
    'synthesizeStream',
    SYNTH,
    (ai, o) => readAll(ai.speech.synthesizeStream(TEXT, { voice: 'Joanna', ...o })),
    (ai, o) => readAll(speech.synthesizeStream(ai.speech, TEXT, { voice: 'Joanna', ...o })),
  ],
  [
    'voices',
    'DescribeVoices',
    (ai, o) => ai.speech.voices(o),
    (ai, o) => speech.voices(ai.speech, o),
  ],
];

describe.each(POLLY_CALLS)('speech.%s', (_name, operation, call, fn) => {
  const ways = fn ? [call, fn] : [call];

  it('slower than timeoutMs (the call’s or the client’s): TimeoutError at the deadline, nothing after (method and function)', async () => {
    emu.fault({ service: POLLY, operation, kind: 'delay', delayMs: 500 });
    const outs = await Promise.all(
      ways.flatMap((way) => [
        settle(() => way(client(), { timeoutMs: 120 })),
        settle(() => way(client({ timeoutMs: 120 }), {})),
      ]),
    );
    for (const out of outs) {
      expect(out.ms).toBeLessThan(120 + MARGIN_MS);
      expectTyped(out.error, TimeoutError, { service: POLLY, operation });
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('aborted before: AbortError, nothing sent; aborted mid-request: AbortError at once, nothing after (method and function)', async () => {
    for (const way of ways) {
      const before = await settle(() => way(client(), { signal: AbortSignal.abort() }));
      expectTyped(before.error, AbortError, { service: POLLY, operation });
    }
    expect(emu.calls).toHaveLength(0);
    emu.fault({ service: POLLY, operation, kind: 'delay', delayMs: 500 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 80);
    const outs = await Promise.all(
      ways.map((way) => settle(() => way(client(), { signal: controller.signal }))),
    );
    clearTimeout(timer);
    for (const out of outs) {
      expect(out.ms).toBeLessThan(80 + MARGIN_MS);
      expectTyped(out.error, AbortError, { service: POLLY, operation });
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });
});

describe('Polly calls under faults (all at once, each with its own text)', () => {
  /** The text of call `i`: its requests are told apart by it. */
  const textOf = (i: number): string => `${TEXT} Call ${i}.`;
  const calls: Array<[string, (ai: AwsAI, text: string) => Promise<unknown>]> = [
    ['synthesize', (ai, t) => ai.speech.synthesize(t, { voice: 'Joanna' })],
    [
      'synthesize with marks',
      (ai, t) => ai.speech.synthesize(t, { voice: 'Joanna', marks: ['word'] }),
    ],
    ['speechMarks', (ai, t) => ai.speech.speechMarks(t, { voice: 'Joanna' })],
    ['synthesizeStream', (ai, t) => readAll(ai.speech.synthesizeStream(t, { voice: 'Joanna' }))],
  ];
  /** SynthesizeSpeech requests that carried call `i`'s text. */
  const requestsOf = (i: number): number =>
    callsTo(emu, SYNTH).filter((c) => String(c.input.Text).includes(`Call ${i}.`)).length;

  // A relayed stream has sent bytes before a malformed (cut) body fails: that is a StreamError
  // (test/faults/cut-body.test.ts), not a retry; the stream is left out of that case.
  it.each([
    ['throttled', { kind: 'throttle' }, ThrottlingError],
    ['5xx', { kind: 'server-error' }, ServiceError],
    ['reset', { kind: 'reset' }, ServiceError],
    ['malformed', { kind: 'malformed' }, ServiceError],
  ] as const)(
    '%s once: each call recovers; always: each fails typed after retries + 1 requests per request, none after',
    async (kind, f, Class) => {
      const these = kind === 'malformed' ? calls.filter(([n]) => n !== 'synthesizeStream') : calls;
      // Once for each call: every call meets the fault once (concurrency 1 keeps the order).
      emu.fault({ service: POLLY, operation: SYNTH, ...f, times: these.length });
      emu.fault({ service: POLLY, operation: 'DescribeVoices', ...f, times: 1 });
      const ai = client({ concurrency: { polly: 1 } });
      const once = await Promise.all([
        ...these.map(([, run], i) => settle(() => run(ai, textOf(i)))),
        settle(() => ai.speech.voices()),
      ]);
      for (const out of once) expect(out.error).toBeUndefined();
      // Each call's requests, counted without the faults.
      const requests = these.map((_, i) => requestsOf(i));
      const real = requests.reduce((a, b) => a + b, 0) - these.length;
      emu.reset();
      emu.fault({ service: POLLY, operation: SYNTH, ...f });
      emu.fault({ service: POLLY, operation: 'DescribeVoices', ...f });
      const always = await Promise.all([
        ...these.map(([, run], i) => settle(() => run(client(), textOf(i)))),
        settle(() => client().speech.voices()),
      ]);
      these.forEach(([name], i) => {
        const err = expectTyped(always[i]?.error, Class, { service: POLLY, operation: SYNTH });
        expect(err.retryable, name).toBe(true);
        expect(requestsOf(i), name).toBeGreaterThanOrEqual(RETRIES + 1);
      });
      const voices = expectTyped(always.at(-1)?.error, Class, {
        service: POLLY,
        operation: 'DescribeVoices',
      });
      expect(voices.retryable).toBe(true);
      expect(callsTo(emu, 'DescribeVoices')).toHaveLength(RETRIES + 1);
      // The most requests a call makes: its requests, each retried `retries` times.
      expect(callsTo(emu, SYNTH).length).toBeLessThanOrEqual(real * (RETRIES + 1));
      these.forEach((_, i) => {
        expect(requestsOf(i)).toBeLessThanOrEqual((requests[i] ?? 0) * (RETRIES + 1));
      });
      expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
    },
  );
});

describe('Polly errors of the model', () => {
  it.each([
    ['InvalidSsmlException', 400, ValidationError],
    ['TextLengthExceededException', 400, ValidationError],
    // core/error-mapping.ts lists it among input faults: the lexicon name is the caller's input.
    ['LexiconNotFoundException', 404, ValidationError],
    ['EngineNotSupportedException', 400, ValidationError],
    ['MarksNotSupportedForFormatException', 400, ValidationError],
  ] as const)('%s (%i): %o, not retried', async (code, status, Class) => {
    emu.fault({ service: POLLY, operation: SYNTH, kind: 'server-error', code, status });
    const outs = await Promise.all([
      settle(() => client().speech.synthesize(TEXT, { voice: 'Joanna' })),
      settle(() => readAll(client().speech.synthesizeStream(TEXT, { voice: 'Joanna' }))),
    ]);
    for (const out of outs) expectTyped(out.error, Class, { service: POLLY, operation: SYNTH });
    expect(callsTo(emu, SYNTH)).toHaveLength(2);
  });

  it('ServiceFailureException (500) is retried, then a retryable ServiceError', async () => {
    emu.fault({
      service: POLLY,
      operation: SYNTH,
      kind: 'server-error',
      code: 'ServiceFailureException',
      status: 500,
    });
    const out = await settle(() => client().speech.synthesize(TEXT, { voice: 'Joanna' }));
    expect(expectTyped(out.error, ServiceError).retryable).toBe(true);
    expect(callsTo(emu, SYNTH)).toHaveLength(RETRIES + 1);
  });

  it('a refusal echoing the text keeps it behind serviceMessage; one quoting the Authorization header leaks no credential', async () => {
    emu.handle(POLLY, SYNTH, (input) => {
      throw emu.error(
        'InvalidSsmlException',
        `Value '${String(input.Text)}' at 'text' failed to satisfy constraint`,
      );
    });
    const out = await settle(() => client().speech.synthesize(TEXT, { voice: 'Joanna' }));
    const err = expectTyped(out.error, ValidationError, { service: POLLY, operation: SYNTH });
    expect(err.serviceMessage).toContain(SECRET_TEXT);

    emu.handle(POLLY, SYNTH, (_input, ctx) => {
      throw emu.error(
        'AccessDeniedException',
        `Not authorized: Authorization=${ctx.headers.authorization} token=${ctx.headers['x-amz-security-token']}`,
        403,
      );
    });
    const denied = await settle(() => client().speech.synthesize(TEXT, { voice: 'Joanna' }));
    expectTyped(denied.error, AccessDeniedError, { service: POLLY, operation: SYNTH });
  });
});

describe('voices and the voice list behind synthesize({ language })', () => {
  it('one caller’s deadline does not fail another caller sharing the cached lookup', async () => {
    emu.fault({
      service: POLLY,
      operation: 'DescribeVoices',
      kind: 'delay',
      delayMs: 200,
      times: 1,
    });
    const ai = client();
    const [short, patient] = await Promise.all([
      settle(() => ai.speech.voices({ timeoutMs: 60 })),
      settle(async () => {
        await sleep(10);
        return ai.speech.voices({});
      }),
    ]);
    expectTyped(short.error, TimeoutError, { service: POLLY, operation: 'DescribeVoices' });
    expect(patient.error).toBeUndefined();
    expect((patient.value as unknown[]).length).toBeGreaterThan(0);
  });

  it('one caller’s abort does not fail another caller sharing the cached lookup; the last one leaving cancels it', async () => {
    emu.fault({
      service: POLLY,
      operation: 'DescribeVoices',
      kind: 'delay',
      delayMs: 200,
      times: 1,
    });
    const ai = client();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    const [aborted, other] = await Promise.all([
      settle(() => ai.speech.voices({ signal: controller.signal })),
      settle(async () => {
        await sleep(10);
        return ai.speech.synthesize(TEXT, { language: 'en-US' });
      }),
    ]);
    clearTimeout(timer);
    expect(aborted.ms).toBeLessThan(50 + MARGIN_MS);
    expectTyped(aborted.error, AbortError, { service: POLLY, operation: 'DescribeVoices' });
    expect(other.error).toBeUndefined();

    // Alone, an abort cancels the lookup: nothing sent after.
    emu.reset();
    emu.fault({ service: POLLY, operation: 'DescribeVoices', kind: 'delay', delayMs: 300 });
    const alone = new AbortController();
    const timer2 = setTimeout(() => alone.abort(), 50);
    const out = await settle(() => client().speech.voices({ signal: alone.signal }));
    clearTimeout(timer2);
    expectTyped(out.error, AbortError, { service: POLLY, operation: 'DescribeVoices' });
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('synthesize({ language }) slower voice list than timeoutMs: TimeoutError naming SynthesizeSpeech, nothing after', async () => {
    emu.fault({ service: POLLY, operation: 'DescribeVoices', kind: 'delay', delayMs: 500 });
    const out = await settle(() =>
      client().speech.synthesize(TEXT, { language: 'en-GB', timeoutMs: 120 }),
    );
    expect(out.ms).toBeLessThan(120 + MARGIN_MS);
    expectTyped(out.error, TimeoutError, { service: POLLY, operation: SYNTH });
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    expect(callsTo(emu, SYNTH)).toHaveLength(0);
  });
});

describe('Polly input checks: ValidationError before any request, quoting no text', () => {
  const options: Array<[string, Record<string, unknown>]> = [
    ['an unknown format', { format: SECRET_TEXT }],
    ['a sample rate the format lacks', { format: 'pcm', sampleRate: 44_100 }],
    ['an unknown engine', { engine: SECRET_TEXT }],
    ['six lexicons', { lexicons: ['a', 'b', 'c', 'd', 'e', 'f'] }],
    ['a lexicon name that is text', { lexicons: [SECRET_TEXT] }],
    ['marks with the generative engine', { marks: ['word'], engine: 'generative' }],
    ['ssml marks on plain text', { marks: ['ssml'] }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['a signal that is no AbortSignal', { signal: 1 }],
  ];
  it.each(options)('%s', async (_, o) => {
    const ai = client();
    for (const run of <Array<() => Promise<unknown>>>[
      () => ai.speech.synthesize(TEXT, { voice: 'Joanna', ...o }),
      () => speech.synthesize(ai.speech, TEXT, { voice: 'Joanna', ...o }),
      () => ai.speech.synthesizeToS3(TEXT, { output: 's3://audio/out/', ...o }),
      () => speech.synthesizeToS3(ai.speech, TEXT, { output: 's3://audio/out/', ...o }),
    ]) {
      const err = expectTyped((await settle(run)).error, ValidationError);
      expect(err.service).toBe(POLLY);
    }
    if (!('marks' in o)) {
      for (const stream of [
        () => readAll(ai.speech.synthesizeStream(TEXT, { voice: 'Joanna', ...o })),
        () => readAll(speech.synthesizeStream(ai.speech, TEXT, { voice: 'Joanna', ...o })),
      ]) {
        expectTyped((await settle(stream)).error, ValidationError);
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it.each([
    ['empty text', ''],
    ['whitespace', '   '],
    ['unbalanced SSML', `<speak>${SECRET_TEXT}`],
    ['a number', 42],
  ] as const)('%s', async (_, text) => {
    const ai = client();
    for (const run of <Array<() => Promise<unknown>>>[
      () => ai.speech.synthesize(text as string),
      () => ai.speech.speechMarks(text as string),
      () => ai.speech.synthesizeToS3(text as string, { output: 's3://audio/out/' }),
      () => readAll(ai.speech.synthesizeStream(text as string)),
    ]) {
      expectTyped((await settle(run)).error, ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it.each([
    ['not s3://', `https://${SECRET_TEXT}/x`],
    ['a bucket name Polly refuses', 's3://TEXTMARKER_Jane_Roe/audio/'],
    ['a key prefix Polly refuses', 's3://audio/TEXTMARKER Jane Roe/'],
  ])('synthesizeToS3 with output %s', async (_, output) => {
    const out = await settle(() => client().speech.synthesizeToS3(TEXT, { output }));
    expectTyped(out.error, ValidationError, { service: POLLY });
    expect(emu.calls).toHaveLength(0);
  });

  it('voices with a bad language or engine', async () => {
    for (const o of [{ language: SECRET_TEXT }, { engine: SECRET_TEXT }, { timeoutMs: -1 }]) {
      const out = await settle(() => client().speech.voices(o as never));
      expectTyped(out.error, ValidationError, { service: POLLY, operation: 'DescribeVoices' });
    }
    expect(emu.calls).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// synthesizeToS3 and its job
// ---------------------------------------------------------------------------------------------

const START_TASK = 'StartSpeechSynthesisTask';
const GET_TASK = 'GetSpeechSynthesisTask';
const TASK_OUT = { output: 's3://audio/out/' } as const;

describe('speech.synthesizeToS3 and its job', () => {
  it('the start slower than timeoutMs (call or client): TimeoutError naming it, nothing after', async () => {
    emu.fault({ service: POLLY, operation: START_TASK, kind: 'delay', delayMs: 500 });
    const outs = await Promise.all([
      settle(() => client().speech.synthesizeToS3(TEXT, { ...TASK_OUT, timeoutMs: 120 })),
      settle(() => speech.synthesizeToS3(client({ timeoutMs: 120 }).speech, TEXT, TASK_OUT)),
    ]);
    for (const out of outs) {
      expect(out.ms).toBeLessThan(120 + MARGIN_MS);
      expectTyped(out.error, TimeoutError, { service: POLLY, operation: START_TASK });
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('aborted before: AbortError, nothing sent; mid-start: AbortError at once, nothing after', async () => {
    for (const run of [
      () => client().speech.synthesizeToS3(TEXT, { ...TASK_OUT, signal: AbortSignal.abort() }),
      () =>
        speech.synthesizeToS3(client().speech, TEXT, {
          ...TASK_OUT,
          language: 'en-US',
          signal: AbortSignal.abort(),
        }),
    ]) {
      expectTyped((await settle(run)).error, AbortError, { service: POLLY, operation: START_TASK });
    }
    expect(emu.calls).toHaveLength(0);
    emu.fault({ service: POLLY, operation: START_TASK, kind: 'delay', delayMs: 500 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 80);
    const out = await settle(() =>
      client().speech.synthesizeToS3(TEXT, { ...TASK_OUT, signal: controller.signal }),
    );
    clearTimeout(timer);
    expect(out.ms).toBeLessThan(80 + MARGIN_MS);
    expectTyped(out.error, AbortError, { service: POLLY, operation: START_TASK });
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it.each([
    ['throttled', { kind: 'throttle' }, ThrottlingError, RETRIES + 1],
    ['5xx', { kind: 'server-error' }, ServiceError, RETRIES + 1],
    ['reset', { kind: 'reset' }, ServiceError, RETRIES + 1],
    ['malformed', { kind: 'malformed' }, ServiceError, RETRIES + 1],
    [
      'refused (InvalidSsmlException)',
      { kind: 'server-error', code: 'InvalidSsmlException', status: 400 },
      ValidationError,
      1,
    ],
  ] as const)(
    'the start %s always: typed after the expected requests',
    async (_, f, Class, sent) => {
      emu.fault({ service: POLLY, operation: START_TASK, ...(f as Omit<FaultRule, 'service'>) });
      const out = await settle(() => client().speech.synthesizeToS3(TEXT, TASK_OUT));
      expectTyped(out.error, Class, { service: POLLY, operation: START_TASK });
      expect(callsTo(emu, START_TASK)).toHaveLength(sent);
      expect(await requestsAfterSettle(emu, { ...AFTER_SETTLE, ms: 50 })).toHaveLength(0);
    },
  );

  /** A started job, and the same job rebuilt by ai.jobs.resume and by resumeJob. */
  async function jobs() {
    const job = await client().speech.synthesizeToS3(TEXT, TASK_OUT);
    const resumed = client().jobs.resume(JSON.stringify(job.ref));
    const viaFunction = speech.resumeJob(client().speech, job.ref);
    return [job, resumed, viaFunction] as const;
  }

  it('status(): bounded by timeoutMs, an abort at once; throttled always: typed after retries + 1', async () => {
    const all = await jobs();
    emu.fault({ service: POLLY, operation: GET_TASK, kind: 'delay', delayMs: 500 });
    const outs = await Promise.all(all.map((job) => settle(() => job.status({ timeoutMs: 100 }))));
    for (const out of outs) {
      expect(out.ms).toBeLessThan(100 + MARGIN_MS);
      expectTyped(out.error, TimeoutError, { service: POLLY, operation: GET_TASK });
    }
    const aborted = await settle(() => all[0].status({ signal: AbortSignal.abort() }));
    expectTyped(aborted.error, AbortError, { service: POLLY, operation: GET_TASK });
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    emu.reset();
    emu.fault({ service: POLLY, operation: GET_TASK, kind: 'throttle' });
    const out = await settle(() => all[0].status());
    expectTyped(out.error, ThrottlingError, { service: POLLY, operation: GET_TASK });
    expect(callsTo(emu, GET_TASK)).toHaveLength(RETRIES + 1);
  });

  it('wait() / result() / results(): the deadline and an abort end waiting typed, nothing after', async () => {
    const all = await jobs();
    emu.fault({ service: POLLY, operation: GET_TASK, kind: 'delay', delayMs: 500 });
    const outs = await Promise.all(
      all.flatMap((job) => waysToWait(job, { ...FAST, timeoutMs: 120 })),
    );
    for (const out of outs) {
      expect(out.ms).toBeLessThan(120 + MARGIN_MS);
      expectTyped(out.error, TimeoutError, { service: POLLY, operation: GET_TASK });
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 80);
    const aborted = await Promise.all(
      all.flatMap((job) => waysToWait(job, { ...FAST, signal: controller.signal })),
    );
    clearTimeout(timer);
    for (const out of aborted) {
      expect(out.ms).toBeLessThan(80 + MARGIN_MS);
      expectTyped(out.error, AbortError, { service: POLLY, operation: GET_TASK });
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('a failed task: SynthesisTaskFailed with the reason', async () => {
    const [job] = await jobs();
    emu.handle(POLLY, GET_TASK, (input) => ({
      SynthesisTask: {
        TaskId: input.TaskId,
        TaskStatus: 'failed',
        TaskStatusReason: 'Lexicon not found',
      },
    }));
    const failed = await settle(() => job.result(FAST));
    const err = expectTyped(failed.error, ServiceError, { service: POLLY, operation: GET_TASK });
    expect(err.code).toBe('SynthesisTaskFailed');
    expect(err.message).toContain('Lexicon not found');
  });

  // Polly's own task codes (polly.json) are classified in core/error-mapping.ts.
  it('Polly refusals of a task are typed by the model: a bad bucket a ValidationError, a task that is gone a NotFoundError; neither retried', async () => {
    emu.fault({
      service: POLLY,
      operation: START_TASK,
      kind: 'server-error',
      code: 'InvalidS3BucketException',
      status: 400,
    });
    const refused = await settle(() => client().speech.synthesizeToS3(TEXT, TASK_OUT));
    expect(callsTo(emu, START_TASK)).toHaveLength(1);
    emu.reset();
    const [job] = await jobs();
    emu.reset();
    emu.fault({
      service: POLLY,
      operation: GET_TASK,
      kind: 'server-error',
      code: 'SynthesisTaskNotFoundException',
      status: 400,
    });
    const gone = await settle(() => job.status());
    expect(callsTo(emu, GET_TASK)).toHaveLength(1);
    expectTyped(refused.error, ValidationError, { service: POLLY, operation: START_TASK });
    expectTyped(gone.error, NotFoundError, { service: POLLY, operation: GET_TASK });
  });
});

// ---------------------------------------------------------------------------------------------
// Transcribe jobs: transcribe, startTranscription and its job; Call Analytics jobs: analyzeCall,
// startCallAnalysis and its job (the guarantees they share: test/helpers/transcribe-guarantees.ts)
// ---------------------------------------------------------------------------------------------

const TR = 'transcribe';
const AUDIO = 's3://media/interview.mp3';
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
const START_CALL = 'StartCallAnalyticsJob';
const CALL = 's3://calls/1234.wav';
const CALL_OUT = { output: 's3://calls/analytics/' } as const;
const WAV = new Uint8Array([
  ...new TextEncoder().encode('RIFF'),
  36,
  0,
  0,
  0,
  ...new TextEncoder().encode('WAVE'),
]);

transcribeJobGuarantees({
  emu,
  client,
  expectTyped,
  retries: RETRIES,
  kinds: [
    {
      callTitle: 'speech.transcribe',
      starterTitle: 'speech.startTranscription and its job',
      start: 'StartTranscriptionJob',
      get: 'GetTranscriptionJob',
      jobName: 'TranscriptionJobName',
      readLabel: 'the transcript read',
      input: AUDIO,
      bytes: MP3,
      call: {
        method: (ai, input, o) => ai.speech.transcribe(input, o as never),
        fn: (ai, input, o) => speech.transcribe(ai.speech, input, o as never),
      },
      starter: {
        method: (ai, input, o) => ai.speech.startTranscription(input, o as never),
        fn: (ai, input, o) => speech.startTranscription(ai.speech, input, o as never),
      },
      resumed: (ref) => [
        client().jobs.resume(JSON.stringify(ref)),
        speech.resumeJob(client().speech, ref as never),
      ],
      failed: (input, reason) => ({
        TranscriptionJob: {
          TranscriptionJobName: input.TranscriptionJobName,
          TranscriptionJobStatus: 'FAILED',
          FailureReason: reason,
        },
      }),
      failedCode: 'TranscriptionJobFailed',
      malformed: {
        bodies: [
          `{"results": {"transcripts": [${JSON.stringify(SECRET_TEXT)}], "items": {}}}`,
          `${SECRET_TEXT} not json`,
          '{"jobName": "x"}',
        ],
      },
      invalid: [
        ['a language that is text', { language: SECRET_TEXT }],
        ['speakers out of range', { speakers: 1 }],
        ['speakers and channels', { speakers: 2, channels: true }],
        ['language and identifyLanguage', { language: 'en-US', identifyLanguage: true }],
        ['a vocabulary name that is text', { vocabulary: SECRET_TEXT }],
        ['an unknown subtitle format', { subtitles: { formats: [SECRET_TEXT] } }],
        ['subtitle formats that are text', { subtitles: { formats: SECRET_TEXT } }],
        ['a subtitle start index', { subtitles: { startIndex: SECRET_TEXT } }],
        ['a sample rate out of range', { sampleRate: 4000 }],
        ['an unknown format', { format: SECRET_TEXT }],
        ['pollIntervalMs 0', { pollIntervalMs: 0 }],
        ['timeoutMs NaN', { timeoutMs: Number.NaN }],
      ],
      // Text where a file is expected.
      unstaged: [(ai) => ai.speech.transcribe(`${SECRET_TEXT}, please transcribe this`)],
      moreCall: () => {
        it('a transcript body cut mid-way (S3 read) is retried and read whole, never parsed cut', async () => {
          emu.fault({
            service: 's3',
            operation: 'GetObject',
            kind: 'reset',
            afterBytes: 40,
            times: 1,
          });
          const out = await settle(() => client(STAGING).speech.transcribe(AUDIO, FAST));
          expect(out.error).toBeUndefined();
          expect(callsTo(emu, 'GetObject')).toHaveLength(2);
          emu.reset();
          emu.fault({ service: 's3', operation: 'GetObject', kind: 'reset', afterBytes: 40 });
          const always = await settle(() => client(STAGING).speech.transcribe(AUDIO, FAST));
          expect(expectTyped(always.error, ServiceError).retryable).toBe(true);
          expect(callsTo(emu, 'GetObject')).toHaveLength(RETRIES + 1);
        });
      },
    },
    {
      callTitle: 'speech.analyzeCall',
      starterTitle: 'speech.startCallAnalysis and its job',
      start: START_CALL,
      get: 'GetCallAnalyticsJob',
      jobName: 'CallAnalyticsJobName',
      readLabel: 'the output read',
      polls: 2,
      input: CALL,
      bytes: WAV,
      options: CALL_OUT,
      call: {
        method: (ai, input, o) => ai.speech.analyzeCall(input, o as never),
        fn: (ai, input, o) => speech.analyzeCall(ai.speech, input, o as never),
      },
      starter: {
        method: (ai, input, o) => ai.speech.startCallAnalysis(input, o as never),
        fn: (ai, input, o) => speech.startCallAnalysis(ai.speech, input, o as never),
      },
      resumed: (ref) => [
        client().jobs.resume(ref as never),
        speech.resumeJob(client().speech, ref as never),
      ],
      failed: (input, reason) => ({
        CallAnalyticsJob: {
          CallAnalyticsJobName: input.CallAnalyticsJobName,
          CallAnalyticsJobStatus: 'FAILED',
          FailureReason: reason,
        },
      }),
      failedCode: 'JobFailed',
      malformed: {
        bodies: [`${SECRET_TEXT} not json`, `{"Transcript": [${JSON.stringify(SECRET_TEXT)}]}`],
      },
      invalid: [
        ['an output that is no s3:// URI', { output: `https://${SECRET_TEXT}` }],
        ['channels on the same side', { ...CALL_OUT, channels: { agent: 0, customer: 0 } }],
        ['languages that are text', { ...CALL_OUT, languages: [SECRET_TEXT] }],
        ['a role that is no ARN', { ...CALL_OUT, roleArn: SECRET_TEXT }],
        ['a name that is text', { ...CALL_OUT, name: SECRET_TEXT }],
        ['pollIntervalMs 0', { ...CALL_OUT, pollIntervalMs: 0 }],
        ['timeoutMs -1', { ...CALL_OUT, timeoutMs: -1 }],
      ],
      // A start takes no polling options.
      starterIgnores: ['pollIntervalMs'],
      moreCall: () => {
        it('the start throttled once and the read reset once: recovers', async () => {
          emu.fault({ service: TR, operation: START_CALL, kind: 'throttle', times: 1 });
          emu.fault({ service: 's3', operation: 'GetObject', kind: 'reset', times: 1 });
          const out = await settle(() =>
            client().speech.analyzeCall(CALL, { ...CALL_OUT, ...FAST }),
          );
          expect(out.error).toBeUndefined();
          expect(callsTo(emu, START_CALL)).toHaveLength(2);
        });
      },
    },
  ],
});
