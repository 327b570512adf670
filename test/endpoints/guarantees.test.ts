/**
 * The documented guarantees (docs/errors-and-retries.md) for `ai.endpoints` other than `batcher`
 * (test/faults/fan-out-suite.ts): invoke, invokeAsync, startAsync, transform, and what
 * test/endpoints/invoke-stream.test.ts leaves out of invokeStream (retries of the start, refusals,
 * an aborted signal before the call, leaks, bad input). Each call, under each fault the emulator
 * injects, settles within its deadline, sends nothing after settling, keeps to one retry budget,
 * fails typed, and leaks neither credentials nor the caller's payload.
 */
import { AbortError, type AwsAI, AwsAIError, TimeoutError, ValidationError } from 'aws-ai';
import { EndpointModelError } from 'aws-ai/endpoints';
import type { EmulatorCall, FaultRule } from 'aws-ai/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { useAsyncEndpoint } from '../helpers/async-endpoint';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client } = await useEmulator();
const { asyncEndpoint } = useAsyncEndpoint(emu);

const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline on a loaded machine. */
const MARGIN_MS = 150;
const TIMEOUT_MS = 100;
/** Watch briefly for requests after settling: the calls here send one request at a time. */
const AFTER = { graceMs: 30, ms: 50 } as const;
const STAGING = { staging: { bucket: 'stage', prefix: 'in/' } };
const POLL = { pollIntervalMs: 5, maxPollIntervalMs: 10 };

/** A payload with a marker, so a leak of it is found by substring search. */
const SECRET = 'zqxSECRETPAYLOADq';
const PAYLOAD = { inputs: `Patient ${SECRET} lives at 12 Elm Street.` };

/** Stalled async endpoints wait on this; released after each test so their writes can land. */
let release: () => void = () => {};
let gate = new Promise<void>((resolve) => {
  release = resolve;
});
afterEach(() => {
  release();
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
});

/**
 * Requests of the client, not of the fake async endpoint: it reads the staged input from S3 when
 * its (delayed) InvokeEndpointAsync handler runs, which may be after the call settled.
 */
function fromClient(calls: EmulatorCall[]): EmulatorCall[] {
  return calls.filter((call) => !(call.operation === 'GetObject' && call.input.Bucket === 'stage'));
}

type Options = { signal?: AbortSignal; timeoutMs?: number };

async function drain(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

interface Case {
  name: string;
  service: NonNullable<FaultRule['service']>;
  operation: string;
  setup?: () => void;
  run: (ai: AwsAI, o: Options) => Promise<unknown>;
  /** A call with bad input, naming SECRET somewhere; its message must not quote it. */
  invalid?: (ai: AwsAI) => Promise<unknown>;
  /** A modeled error of the operation that is never retried, and the class it maps to. */
  refusal: { code: string; status: number; is: (e: unknown) => boolean };
  /** Uploads the payload to S3 before its first request to the service. */
  staged?: boolean;
}

const jsonEndpoint = () =>
  emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
    Body: Buffer.from(JSON.stringify({ score: 0.5 })),
    ContentType: 'application/json',
  }));

const cases: Case[] = [
  {
    name: 'endpoints.invoke',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    setup: jsonEndpoint,
    run: (ai, o) => ai.endpoints.invoke('churn', PAYLOAD, { retry: RETRY, ...o }),
    invalid: (ai) => ai.endpoints.invoke(`bad name ${SECRET}`, PAYLOAD),
    refusal: { code: 'ValidationError', status: 400, is: (e) => ValidationError.isInstance(e) },
  },
  {
    name: 'endpoints.invokeStream',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointWithResponseStream',
    run: (ai, o) => drain(ai.endpoints.invokeStream('llm', PAYLOAD, { retry: RETRY, ...o })),
    invalid: (ai) => drain(ai.endpoints.invokeStream(`bad name ${SECRET}`, PAYLOAD)),
    refusal: { code: 'ValidationError', status: 400, is: (e) => ValidationError.isInstance(e) },
  },
  {
    name: 'endpoints.invokeAsync',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointAsync',
    staged: true,
    setup: () => asyncEndpoint(() => Buffer.from('{"ok":true}')),
    run: (ai, o) =>
      ai.endpoints.invokeAsync('async-model', PAYLOAD, { ...POLL, retry: RETRY, ...o }),
    invalid: (ai) => ai.endpoints.invokeAsync(`bad name ${SECRET}`, PAYLOAD),
    refusal: { code: 'ValidationError', status: 400, is: (e) => ValidationError.isInstance(e) },
  },
  {
    name: 'endpoints.startAsync',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointAsync',
    staged: true,
    setup: () => asyncEndpoint(() => Buffer.from('{"ok":true}')),
    run: (ai, o) => ai.endpoints.startAsync('async-model', PAYLOAD, { retry: RETRY, ...o }),
    invalid: (ai) => ai.endpoints.startAsync(`bad name ${SECRET}`, PAYLOAD),
    refusal: { code: 'ValidationError', status: 400, is: (e) => ValidationError.isInstance(e) },
  },
  {
    name: 'endpoints.transform',
    service: 'sagemaker',
    operation: 'CreateTransformJob',
    staged: true,
    run: (ai, o) =>
      ai.endpoints.transform(
        {
          model: 'echo-model',
          output: 's3://transform-bucket/out/',
          instanceType: 'ml.m5.xlarge',
          input: [PAYLOAD, PAYLOAD],
          contentType: 'application/jsonlines',
        },
        { retry: RETRY, ...o },
      ),
    invalid: (ai) =>
      ai.endpoints.transform({
        model: 'echo-model',
        output: `s3://transform-bucket/${SECRET}`,
        instanceType: `ml.${SECRET}`,
        input: [PAYLOAD],
        contentType: 'application/jsonlines',
      }),
    refusal: {
      code: 'ResourceLimitExceeded',
      status: 400,
      is: (e) => AwsAIError.isInstance(e) && !ValidationError.isInstance(e),
    },
  },
];

function expectTyped(error: unknown, c: Case): void {
  expect(AwsAIError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({ service: c.service, operation: c.operation });
}

describe.each(cases)('$name', (c) => {
  const ai = (extra = {}) => client({ ...STAGING, ...extra });

  it('succeeds against the emulator (the baseline every fault below departs from)', async () => {
    c.setup?.();
    const out = await settle(() => c.run(ai(), {}));
    expect(out.error).toBeUndefined();
    expect(callsTo(emu, c.operation)).toHaveLength(1);
  });

  it('a call timeoutMs bounds a slow answer: TimeoutError, nothing sent after', async () => {
    c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const out = await settle(() => c.run(ai(), { timeoutMs: TIMEOUT_MS }));
    expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(fromClient(await requestsAfterSettle(emu, AFTER))).toEqual([]);
  });

  it("the client's timeoutMs bounds the call the same way", async () => {
    c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const out = await settle(() => c.run(ai({ timeoutMs: TIMEOUT_MS }), {}));
    expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  if (c.staged) {
    it('one deadline spans the upload and the request after it', async () => {
      c.setup?.();
      emu.fault({ service: 's3', operation: 'PutObject', kind: 'delay', delayMs: 150, times: 1 });
      emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
      const out = await settle(() => c.run(ai(), { timeoutMs: 250 }));
      expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
      expectTyped(out.error, c);
      expect(out.ms).toBeLessThan(250 + MARGIN_MS);
      expect(fromClient(await requestsAfterSettle(emu, AFTER))).toEqual([]);
    });
  }

  it('an abort mid-request rejects at once with AbortError, nothing sent after', async () => {
    c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const controller = new AbortController();
    const pending = settle(() => c.run(ai(), { signal: controller.signal }));
    // Abort while the delayed request is in flight (after any upload before it).
    while (callsTo(emu, c.operation).length === 0) await new Promise((r) => setTimeout(r, 5));
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expect(AbortError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(fromClient(await requestsAfterSettle(emu, AFTER))).toEqual([]);
  });

  it('an already aborted signal sends nothing', async () => {
    c.setup?.();
    const out = await settle(() => c.run(ai(), { signal: AbortSignal.abort() }));
    expect(AbortError.isInstance(out.error), String(out.error)).toBe(true);
    // A call that uploads first names the upload it was stopped at.
    if (!c.staged || (out.error as AwsAIError).service === c.service) expectTyped(out.error, c);
    else expect(out.error).toMatchObject({ service: 's3', operation: 'PutObject' });
    expect(emu.calls).toEqual([]);
  });

  it.each(['throttle', 'server-error', 'reset', 'malformed'] as const)(
    '%s always: retries + 1 requests, then a typed retryable error',
    async (kind) => {
      c.setup?.();
      emu.fault({ service: c.service, operation: c.operation, kind });
      const out = await settle(() => c.run(ai(), {}));
      expectTyped(out.error, c);
      expect(out.error).toMatchObject({ retryable: true });
      expect(callsTo(emu, c.operation)).toHaveLength(RETRIES + 1);
    },
  );

  it('throttled once: retried, succeeds', async () => {
    c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'throttle', times: 1 });
    const out = await settle(() => c.run(ai(), {}));
    expect(out.error).toBeUndefined();
    expect(callsTo(emu, c.operation)).toHaveLength(2);
  });

  it('a modeled refusal is not retried: one request, the class the code maps to', async () => {
    c.setup?.();
    const { code, status, is } = c.refusal;
    emu.fault({ service: c.service, operation: c.operation, kind: 'server-error', code, status });
    const out = await settle(() => c.run(ai(), {}));
    expect(is(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.error).toMatchObject({ retryable: false, code });
    expect(callsTo(emu, c.operation)).toHaveLength(1);
  });

  it('neither the credentials nor the payload are reachable from an error quoting it', async () => {
    c.setup?.();
    emu.handle(c.service, c.operation, () => {
      throw emu.error(
        'ValidationError',
        `1 validation error detected: Value '${PAYLOAD.inputs}' at 'body' failed to satisfy constraint`,
      );
    });
    const logged: unknown[] = [];
    const log = (...args: unknown[]) => logged.push(args);
    const out = await settle(() =>
      c.run(
        ai({ credentials: CREDENTIALS, logger: { debug: log, info: log, warn: log, error: log } }),
        {},
      ),
    );
    expectTyped(out.error, c);
    const texts = { ...renderings(out.error), logger: JSON.stringify(logged) };
    expect(secretsIn(texts, [...CREDENTIAL_MARKERS, SECRET])).toEqual([]);
    expect((out.error as AwsAIError).serviceMessage).toContain(SECRET);
  });

  if (c.invalid) {
    const invalid = c.invalid;
    it('bad input: ValidationError before any request, not quoting it', async () => {
      const out = await settle(() => invalid(ai()));
      expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
      expect(emu.calls).toEqual([]);
      expect(secretsIn(renderings(out.error), [SECRET])).toEqual([]);
    });
  }
});

describe('endpoints.invoke: a container failure (424 ModelError)', () => {
  it('is an EndpointModelError, not retried, its message behind originalMessage only', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => {
      throw emu.error(
        'ModelError',
        `Received client error (400) from primary with message "bad input ${SECRET}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/churn in account 123456789012 for more information.`,
        424,
      );
    });
    const out = await settle(() =>
      client({ credentials: CREDENTIALS }).endpoints.invoke('churn', PAYLOAD, { retry: RETRY }),
    );
    expect(EndpointModelError.isInstance(out.error), String(out.error)).toBe(true);
    expect(out.error).toMatchObject({ retryable: false, originalStatusCode: 400 });
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
    expect(secretsIn(renderings(out.error), [...CREDENTIAL_MARKERS, SECRET])).toEqual([]);
    expect((out.error as EndpointModelError).originalMessage).toContain(SECRET);
  });
});

describe('endpoints.invoke: a body cut mid-way', () => {
  it('never returns the cut answer: retried within the budget, then a typed error', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
      Body: Buffer.from(JSON.stringify({ scores: Array.from({ length: 500 }, (_, i) => i) })),
      ContentType: 'application/json',
    }));
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      kind: 'reset',
      afterBytes: 20,
    });
    const out = await settle(() => client().endpoints.invoke('churn', PAYLOAD, { retry: RETRY }));
    expect(out.value).toBeUndefined();
    expect(AwsAIError.isInstance(out.error)).toBe(true);
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(RETRIES + 1);
  });
});

describe('endpoints.invokeAsync: the deadline bounds the polls', () => {
  it('an output that never appears: TimeoutError by timeoutMs, no poll after', async () => {
    asyncEndpoint(() => Buffer.from('{"ok":true}'), gate);
    const out = await settle(() =>
      client(STAGING).endpoints.invokeAsync('async-model', PAYLOAD, {
        ...POLL,
        timeoutMs: 200,
      }),
    );
    expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
    expect(AwsAIError.isInstance(out.error)).toBe(true);
    expect(out.error).toMatchObject({ service: 'sagemaker-runtime' });
    expect(out.ms).toBeLessThan(200 + MARGIN_MS);
    expect(callsTo(emu, 'GetObject').length).toBeGreaterThan(1);
    expect(fromClient(await requestsAfterSettle(emu, AFTER))).toEqual([]);
  });

  it('an abort while polling: AbortError at once, no poll after', async () => {
    asyncEndpoint(() => Buffer.from('{"ok":true}'), gate);
    const controller = new AbortController();
    const pending = settle(() =>
      client(STAGING).endpoints.invokeAsync('async-model', PAYLOAD, {
        ...POLL,
        signal: controller.signal,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expect(AbortError.isInstance(out.error), String(out.error)).toBe(true);
    expect(out.error).toMatchObject({ service: 'sagemaker-runtime' });
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(fromClient(await requestsAfterSettle(emu, AFTER))).toEqual([]);
  });
});
