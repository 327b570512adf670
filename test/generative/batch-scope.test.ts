/**
 * The start of a Bedrock batch inference job is one call (ADR 0006, amendment "the start of a job
 * is one call"): `generative.batch` and `generative.embedMany(texts, { batch: true })`.
 *
 * 1. One deadline spans the upload of the JSONL input and CreateModelInvocationJob: two requests
 *    that each fit in `timeoutMs` but not together end in a `TimeoutError` naming bedrock
 *    CreateModelInvocationJob, and nothing is sent after the call settled.
 * 2. An already aborted signal: an `AbortError` naming CreateModelInvocationJob, no request (was:
 *    s3 PutObject). Aborted during the upload: the same, at once, nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import { inspect } from 'node:util';
import { AbortError, type AwsAI, type AwsAIConfig, AwsAIError, TimeoutError } from 'aws-ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';

const { emu, client: makeClient } = await useEmulator();

const RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5 } as const;
/** Each delayed request alone fits in the deadline; the two of them do not. */
const STEP_MS = 200;
const TIMEOUT_MS = 300;
/** How late a call may settle after its deadline (timers, event loop, the abort of a request). */
const MARGIN_MS = 150;
const AFTER_SETTLE = { quietWithinMs: 400 } as const;

const SERVICE = 'bedrock';
const CREATE = 'CreateModelInvocationJob';
const GET = 'GetModelInvocationJob';
const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatch';
const OUTPUT = 's3://batch-bucket/out/';
/** Over the 100-record minimum, in one input file: one upload, one job. */
const COUNT = 120;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const client = (extra: AwsAIConfig = {}): AwsAI =>
  makeClient({ retry: RETRY, adaptiveRate: false, ...extra });

type Options = { signal?: AbortSignal; timeoutMs?: number };
type Run = (ai: AwsAI, o: Options) => Promise<{ status: () => Promise<{ state: string }> }>;

const forms: Array<[string, Run]> = [
  [
    'generative.batch',
    (ai, o) =>
      ai.generative.batch(
        Array.from({ length: COUNT }, (_, i) => ({ body: { inputText: `record ${i}` } })),
        { model: 'amazon.titan-text-express-v1', role: ROLE, output: OUTPUT, ...o },
      ),
  ],
  [
    'generative.embedMany({ batch: true })',
    (ai, o) =>
      ai.generative.embedMany(
        Array.from({ length: COUNT }, (_, i) => `text ${i}`),
        { batch: true, model: 'amazon.titan-embed-text-v2:0', role: ROLE, output: OUTPUT, ...o },
      ),
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
  expect(error).toMatchObject({ service: SERVICE, operation: CREATE });
}

const slowStart = (): void => {
  emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: STEP_MS, times: 1 });
  emu.fault({ service: SERVICE, operation: CREATE, kind: 'delay', delayMs: STEP_MS, times: 1 });
};

describe.each(forms)('%s', (_, run) => {
  it('one deadline for the upload and CreateModelInvocationJob: each fits in timeoutMs, not both; a TimeoutError naming the Create operation, nothing sent after', async () => {
    slowStart();
    const out = await settle(() => run(client(), { timeoutMs: TIMEOUT_MS }));
    const atSettle = emu.calls.length;
    expectNamed(out.error, TimeoutError);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, CREATE)).toHaveLength(1);
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

  it('an already aborted signal: AbortError naming the Create operation, no request', async () => {
    const out = await settle(() => run(client(), { signal: AbortSignal.abort() }));
    expectNamed(out.error, AbortError);
    expect(emu.calls).toEqual([]);
  });

  it('aborted during the upload: AbortError at once naming the Create operation, nothing after', async () => {
    emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: 400, times: 1 });
    const controller = new AbortController();
    const pending = settle(() => run(client(), { signal: controller.signal }));
    while (callsTo(emu, 'PutObject').length === 0) await sleep(2);
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expectNamed(out.error, AbortError);
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(callsTo(emu, CREATE)).toEqual([]);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toEqual([]);
  });

  it("the job is not bound to the start: status() works after the start's signal fired, slower than its timeoutMs", async () => {
    const controller = new AbortController();
    const job = await run(client(), { signal: controller.signal, timeoutMs: 150 });
    controller.abort();
    emu.fault({ service: SERVICE, operation: GET, kind: 'delay', delayMs: 200, times: 1 });
    const status = await settle(() => job.status());
    expect(status.error, inspect(status.error)).toBeUndefined();
    expect(typeof status.value?.state).toBe('string');
    expect(callsTo(emu, GET)).toHaveLength(1);
  });
});
