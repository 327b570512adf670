/**
 * `medical.startTranscription` is one call (ADR 0006, amendment "the start of a job is one call"),
 * as the method and as the per-operation function of `aws-ai/medical`:
 *
 * 1. One deadline spans the upload of staged bytes and StartMedicalTranscriptionJob: two requests
 *    that each fit in `timeoutMs` but not together end in a `TimeoutError` naming the Start
 *    operation, and nothing is sent after the call settled (the cleanup of staged bytes included).
 * 2. An already aborted signal: an `AbortError` naming the Start operation, no request. Aborted
 *    during the upload: an `AbortError` at once naming the Start operation too (was: s3
 *    PutObject), nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import { inspect } from 'node:util';
import { AbortError, type AwsAI, type AwsAIConfig, AwsAIError, TimeoutError } from 'aws-ai';
import * as medical from 'aws-ai/medical';
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

const TR = 'transcribe';
const START = 'StartMedicalTranscriptionJob';
const GET = 'GetMedicalTranscriptionJob';
const OUT = { output: 's3://clinic-out/visits/' } as const;
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const client = (extra: AwsAIConfig = {}): AwsAI =>
  makeClient({ retry: RETRY, adaptiveRate: false, ...STAGING, ...extra });

type Options = { signal?: AbortSignal; timeoutMs?: number };
const forms: Array<[string, (ai: AwsAI, o: Options) => Promise<medical.MedicalTranscriptionJob>]> =
  [
    ['medical.startTranscription', (ai, o) => ai.medical.startTranscription(MP3, { ...OUT, ...o })],
    [
      'startTranscription (aws-ai/medical)',
      (ai, o) => medical.startTranscription(ai.medical, MP3, { ...OUT, ...o }),
    ],
  ];

beforeAll(async () => {
  // Load the SDKs and the module code before any deadline is measured.
  for (const [, run] of forms) await run(client(), {});
  emu.reset();
});

function expectNamed(error: unknown, Class: { isInstance(e: unknown): boolean; name: string }) {
  expect(AwsAIError.isInstance(error), inspect(error)).toBe(true);
  expect(Class.isInstance(error), `${inspect(error)} is not a ${Class.name}`).toBe(true);
  expect(error).toMatchObject({ service: TR, operation: START });
}

const slowStart = (): void => {
  emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: STEP_MS, times: 1 });
  emu.fault({ service: TR, operation: START, kind: 'delay', delayMs: STEP_MS, times: 1 });
};

describe.each(forms)('%s', (_, run) => {
  it('one deadline for the upload and the start request: each fits in timeoutMs, not both; a TimeoutError naming the Start operation, nothing sent after', async () => {
    slowStart();
    const out = await settle(() => run(client(), { timeoutMs: TIMEOUT_MS }));
    // Every request of the call was logged by the time it settled (the emulator logs a request
    // once read): the staged object's cleanup is part of the call, not sent after it.
    const atSettle = emu.calls.length;
    expectNamed(out.error, TimeoutError);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, START)).toHaveLength(1);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
    expect(emu.calls.slice(atSettle)).toEqual([]);
  });

  it("the client's timeoutMs bounds the whole start the same way", async () => {
    slowStart();
    const out = await settle(() => run(client({ timeoutMs: TIMEOUT_MS }), {}));
    expectNamed(out.error, TimeoutError);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
  });

  it('an already aborted signal: AbortError naming the Start operation, no request', async () => {
    const out = await settle(() => run(client(), { signal: AbortSignal.abort() }));
    expectNamed(out.error, AbortError);
    expect(emu.calls).toEqual([]);
  });

  it('aborted during the upload: AbortError at once naming the Start operation, nothing after', async () => {
    emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: 400, times: 1 });
    const controller = new AbortController();
    const pending = settle(() => run(client(), { signal: controller.signal }));
    while (callsTo(emu, 'PutObject').length === 0) await sleep(2);
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expectNamed(out.error, AbortError);
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(callsTo(emu, START)).toEqual([]);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
  });

  it("the job is not bound to the start: status() works after the start's signal fired, slower than its timeoutMs", async () => {
    const controller = new AbortController();
    const job = await run(client(), { signal: controller.signal, timeoutMs: 150 });
    controller.abort();
    emu.fault({ service: TR, operation: GET, kind: 'delay', delayMs: 200, times: 1 });
    const status = await settle(() => job.status());
    expect(status.error, inspect(status.error)).toBeUndefined();
    expect(status.value?.id).toBe(job.id);
    expect(callsTo(emu, GET)).toHaveLength(1);
  });
});
