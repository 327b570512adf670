/**
 * The job starters of aws-ai/speech are one call (ADR 0006, amendment "the start of a job is one
 * call"): `startTranscription`, `startCallAnalysis` and `synthesizeToS3`, as methods and as the
 * per-operation functions of `aws-ai/speech`.
 *
 * 1. One deadline spans every request of the start (the upload of staged bytes and the Start*
 *    request; for `synthesizeToS3`, its audio and speech-marks tasks): two requests that each fit
 *    in `timeoutMs` but not together end in a `TimeoutError` naming the Start operation, and
 *    nothing is sent after the call settled (the cleanup of staged bytes included).
 * 2. An already aborted signal: an `AbortError` naming the Start operation, no request. Aborted
 *    during the start's first request (the upload; for `synthesizeToS3` the voice lookup): an
 *    `AbortError` at once naming the Start operation too (was: the request it cut), nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import { inspect } from 'node:util';
import { AbortError, type AwsAI, type AwsAIConfig, AwsAIError, TimeoutError } from 'aws-ai';
import * as speech from 'aws-ai/speech';
import type { FaultRule } from 'aws-ai/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';

const { emu, client: makeClient } = await useEmulator();

const RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5 } as const;
const STAGING = { staging: { bucket: 'staging-bucket', prefix: 'tmp/' } } as const;
/** Each delayed request alone fits in the deadline; the two of them do not. */
const STEP_MS = 200;
const TIMEOUT_MS = 300;
/** How late a call may settle after its deadline (timers, event loop, the abort of a request). */
const MARGIN_MS = 150;
const AFTER_SETTLE = { quietWithinMs: 400 } as const;

const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
const WAV = new Uint8Array([
  ...new TextEncoder().encode('RIFF'),
  36,
  0,
  0,
  0,
  ...new TextEncoder().encode('WAVE'),
]);
const CALL_OUT = { output: 's3://calls/analytics/' } as const;
const TASK_OUT = { output: 's3://audio/out/', marks: ['sentence'], language: 'en-US' } as const;
const TEXT = 'Hello there. Your parcel arrives today.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const client = (extra: AwsAIConfig = {}): AwsAI =>
  makeClient({ retry: RETRY, adaptiveRate: false, ...STAGING, ...extra });

type Options = { signal?: AbortSignal; timeoutMs?: number };
interface Started {
  status: (options?: Options) => Promise<{ state: string }>;
}

interface Case {
  name: string;
  service: 'transcribe' | 'polly';
  /** The Start operation the call is named after. */
  operation: string;
  /** The job's status request. */
  get: string;
  /** The start's first request (what an abort mid-start cuts). */
  first: { service: NonNullable<FaultRule['service']>; operation: string };
  /** The two requests of the start that are made slow, in order. */
  slow: [FaultRule, FaultRule] | [FaultRule & { times: 2 }];
  run: (ai: AwsAI, o: Options) => Promise<Started>;
}

const delay = (
  service: NonNullable<FaultRule['service']>,
  operation: string,
  times = 1,
): FaultRule => ({
  service,
  operation,
  kind: 'delay',
  delayMs: STEP_MS,
  times,
});

const forms = (
  name: string,
  base: Omit<Case, 'name' | 'run'>,
  method: Case['run'],
  fn: Case['run'],
): Case[] => [
  { name: `speech.${name}`, ...base, run: method },
  { name: `${name} (aws-ai/speech)`, ...base, run: fn },
];

const cases: Case[] = [
  ...forms(
    'startTranscription',
    {
      service: 'transcribe',
      operation: 'StartTranscriptionJob',
      get: 'GetTranscriptionJob',
      first: { service: 's3', operation: 'PutObject' },
      slow: [delay('s3', 'PutObject'), delay('transcribe', 'StartTranscriptionJob')],
    },
    (ai, o) => ai.speech.startTranscription(MP3, o),
    (ai, o) => speech.startTranscription(ai.speech, MP3, o),
  ),
  ...forms(
    'startCallAnalysis',
    {
      service: 'transcribe',
      operation: 'StartCallAnalyticsJob',
      get: 'GetCallAnalyticsJob',
      first: { service: 's3', operation: 'PutObject' },
      slow: [delay('s3', 'PutObject'), delay('transcribe', 'StartCallAnalyticsJob')],
    },
    (ai, o) => ai.speech.startCallAnalysis(WAV, { ...CALL_OUT, ...o }),
    (ai, o) => speech.startCallAnalysis(ai.speech, WAV, { ...CALL_OUT, ...o }),
  ),
  // No upload: the voice lookup (a fresh client has no voice list), then the audio task and the
  // speech-marks task; the two tasks are the slow requests.
  ...forms(
    'synthesizeToS3',
    {
      service: 'polly',
      operation: 'StartSpeechSynthesisTask',
      get: 'GetSpeechSynthesisTask',
      first: { service: 'polly', operation: 'DescribeVoices' },
      slow: [delay('polly', 'StartSpeechSynthesisTask', 2) as FaultRule & { times: 2 }],
    },
    (ai, o) => ai.speech.synthesizeToS3(TEXT, { ...TASK_OUT, ...o }),
    (ai, o) => speech.synthesizeToS3(ai.speech, TEXT, { ...TASK_OUT, ...o }),
  ),
];

beforeAll(async () => {
  // Load the SDKs and the module code before any deadline is measured.
  const ai = client();
  for (const c of cases) await c.run(ai, {});
  emu.reset();
});

function expectNamed(
  error: unknown,
  Class: { isInstance(e: unknown): boolean; name: string },
  c: Case,
): void {
  expect(AwsAIError.isInstance(error), inspect(error)).toBe(true);
  expect(Class.isInstance(error), `${inspect(error)} is not a ${Class.name}`).toBe(true);
  expect(error).toMatchObject({ service: c.service, operation: c.operation });
}

describe.each(cases)('$name', (c) => {
  it('one deadline for the whole start: requests that each fit in timeoutMs but not together end in a TimeoutError naming the Start operation; nothing sent after', async () => {
    for (const rule of c.slow) emu.fault(rule);
    const out = await settle(() => c.run(client(), { timeoutMs: TIMEOUT_MS }));
    // Every request of the call was logged by the time it settled (the emulator logs a request
    // once read): a staged object's cleanup is part of the call, not sent after it.
    const atSettle = emu.calls.length;
    expectNamed(out.error, TimeoutError, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    // Both slow requests were reached: the deadline spans them, not each one.
    for (const rule of c.slow) {
      expect(callsTo(emu, rule.operation as string)).toHaveLength(rule.times ?? 1);
    }
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
    expect(emu.calls.slice(atSettle)).toEqual([]);
  });

  it("the client's timeoutMs bounds the whole start the same way", async () => {
    for (const rule of c.slow) emu.fault(rule);
    const out = await settle(() => c.run(client({ timeoutMs: TIMEOUT_MS }), {}));
    expectNamed(out.error, TimeoutError, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
  });

  it('an already aborted signal: AbortError naming the Start operation, no request', async () => {
    const out = await settle(() => c.run(client(), { signal: AbortSignal.abort() }));
    expectNamed(out.error, AbortError, c);
    expect(emu.calls).toEqual([]);
  });

  it('aborted during its first request: AbortError at once naming the Start operation, nothing after', async () => {
    emu.fault({ ...c.first, kind: 'delay', delayMs: 400, times: 1 });
    const controller = new AbortController();
    const pending = settle(() => c.run(client(), { signal: controller.signal }));
    while (callsTo(emu, c.first.operation).length === 0) await sleep(2);
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expectNamed(out.error, AbortError, c);
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(callsTo(emu, c.operation)).toEqual([]);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
  });

  it("the job is not bound to the start: status() works after the start's signal fired, slower than its timeoutMs", async () => {
    const controller = new AbortController();
    const job = await c.run(client(), { signal: controller.signal, timeoutMs: 150 });
    controller.abort();
    emu.fault({ service: c.service, operation: c.get, kind: 'delay', delayMs: 200, times: 1 });
    const status = await settle(() => job.status());
    expect(status.error, inspect(status.error)).toBeUndefined();
    expect(typeof status.value?.state).toBe('string');
    expect(callsTo(emu, c.get).length).toBeGreaterThanOrEqual(1);
  });
});
