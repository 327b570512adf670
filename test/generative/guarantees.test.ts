/**
 * The guarantees of docs/errors-and-retries.md and docs/generative.md for the public methods of
 * `ai.generative` that are not streams nor fan-outs (those have their own suites): `generate` (one
 * turn, a tool loop), `generateObject`, `chat().send`, `countTokens`, `guard`, `check`, `embed`,
 * `generateImage`, `invoke`, `generateVideo` + `result`, a video job's polling, `videoJobs`, `batch`,
 * and the per-operation functions. The whole call's deadline, aborts, one retry budget, cut bodies
 * that never end as a success, no credential or input text in any error, bad input refused before
 * any request.
 */
import { inspect } from 'node:util';
import type { AwsAI, AwsAIConfig } from 'aws-ai';
import {
  AbortError,
  AccessDeniedError,
  AwsAIError,
  createGenerativeClient,
  embed as embedFn,
  generate as generateFn,
  NotFoundError,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  tool,
  ValidationError,
} from 'aws-ai/generative';
import type { FaultRule } from 'aws-ai/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callsTo,
  requestsAfterSettle,
  type Settled,
  settle,
  useEmulator,
} from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client: emulatorClient } = await useEmulator();

const SERVICE = 'bedrock-runtime';
const MODEL = 'amazon.nova-lite-v1:0';
const RETRIES = 3;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline (the fault suite's margin). */
const MARGIN_MS = 150;
const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatch';

/** The caller's text: every method's prompt or content holds it. */
const PAYLOAD = 'PAYLOADMARKER Patient record of Jane Roe';
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER', 'Patient record'];
const signatures = new Set<string>();

const logLines: string[] = [];
const log =
  (level: string) =>
  (message: string, ...meta: unknown[]): void => {
    logLines.push(`${level} ${message} ${inspect(meta, { showHidden: true, depth: Infinity })}`);
  };
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

/** The config each client was made with, for the functions' own clients. */
const configs = new WeakMap<AwsAI, AwsAIConfig>();

function client(extra: AwsAIConfig = {}): AwsAI {
  const config = { credentials: CREDENTIALS, logger, retry: RETRY, ...extra };
  const ai = emulatorClient(config);
  configs.set(ai, { ...emu.config, ...config });
  return ai;
}

interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: typeof RETRY | false;
}

interface Method {
  name: string;
  operation: string;
  /** Requests of `operation` it makes when nothing goes wrong. */
  requests: number;
  /** Its options take no `retry` (a job's wait: the client's retry settings apply). */
  noCallRetry?: boolean;
  /** Runs before the faults are set (a job to poll). */
  setup?: () => Promise<void>;
  run: (ai: AwsAI, options: CallOptions) => Promise<unknown>;
}

const weather = tool({
  description: 'Temperature',
  input: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  execute: async () => ({ celsius: 21 }),
});

let videoArn = '';
/** Requests a test's setup made (the job it polls), before the calls under test. */
let setupCalls = 0;
beforeEach(() => {
  setupCalls = 0;
});
/** The requests of `operation` since the test's setup. */
const sentTo = (operation: string) =>
  emu.calls.slice(setupCalls).filter((c) => c.operation === operation);
const VIDEO_OUT = 's3://videos-bucket/reel';

const METHODS: Method[] = [
  {
    name: 'generate',
    operation: 'Converse',
    requests: 1,
    run: (ai, o) => ai.generative.generate({ model: MODEL, prompt: PAYLOAD }, o),
  },
  {
    name: 'generate (tool loop: 2 steps)',
    operation: 'Converse',
    requests: 2,
    run: (ai, o) =>
      ai.generative.generate(
        { model: MODEL, prompt: `${PAYLOAD} use get_weather`, tools: { get_weather: weather } },
        o,
      ),
  },
  {
    name: 'generateObject',
    operation: 'Converse',
    requests: 1,
    run: (ai, o) =>
      ai.generative.generateObject(
        {
          model: MODEL,
          prompt: PAYLOAD,
          schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
        o,
      ),
  },
  {
    name: 'chat().send',
    operation: 'Converse',
    requests: 1,
    run: (ai, o) => ai.generative.chat({ model: MODEL }).send(PAYLOAD, o),
  },
  {
    name: 'countTokens',
    operation: 'CountTokens',
    requests: 1,
    run: (ai, o) =>
      ai.generative.countTokens(
        { model: 'anthropic.claude-3-5-haiku-20241022-v1:0', prompt: PAYLOAD },
        o,
      ),
  },
  {
    name: 'guard',
    operation: 'ApplyGuardrail',
    requests: 1,
    run: (ai, o) => ai.generative.guard(PAYLOAD, { id: 'gr1abc', version: '1', ...o }),
  },
  {
    name: 'check',
    operation: 'InvokeGuardrailChecks',
    requests: 1,
    run: (ai, o) =>
      ai.generative.check(PAYLOAD, { checks: { sensitiveInformation: ['EMAIL'] }, ...o }),
  },
  {
    name: 'embed',
    operation: 'InvokeModel',
    requests: 1,
    run: (ai, o) => ai.generative.embed(PAYLOAD, { model: 'amazon.titan-embed-text-v2:0', ...o }),
  },
  {
    name: 'generateImage',
    operation: 'InvokeModel',
    requests: 1,
    run: (ai, o) =>
      ai.generative.generateImage(
        { model: 'amazon.nova-canvas-v1:0', prompt: PAYLOAD, size: '320x320' },
        o,
      ),
  },
  {
    name: 'invoke',
    operation: 'InvokeModel',
    requests: 1,
    run: (ai, o) => ai.generative.invoke('amazon.titan-text-express-v1', { inputText: PAYLOAD }, o),
  },
  {
    name: 'generateVideo',
    operation: 'StartAsyncInvoke',
    requests: 1,
    run: (ai, o) => ai.generative.generateVideo({ prompt: PAYLOAD, output: VIDEO_OUT }, o),
  },
  {
    name: 'videoJob(arn).result (polling)',
    operation: 'GetAsyncInvoke',
    requests: 2,
    noCallRetry: true,
    setup: async () => {
      const job = await client().generative.generateVideo({ prompt: PAYLOAD, output: VIDEO_OUT });
      videoArn = job.id;
      setupCalls = emu.calls.length;
    },
    run: async (ai, o) =>
      (await ai.generative.videoJob(videoArn)).result({ pollIntervalMs: 1, ...o }),
  },
  {
    name: 'videoJobs',
    operation: 'ListAsyncInvokes',
    requests: 1,
    run: (ai, o) => ai.generative.videoJobs({}, o),
  },
  {
    name: 'function generate(createGenerativeClient(config), …)',
    operation: 'Converse',
    requests: 1,
    run: (ai, o) =>
      generateFn(createGenerativeClient(configs.get(ai)), { model: MODEL, prompt: PAYLOAD }, o),
  },
  {
    name: 'function embed(ai.generative, …)',
    operation: 'InvokeModel',
    requests: 1,
    run: (ai, o) =>
      embedFn(ai.generative, PAYLOAD, { model: 'amazon.titan-embed-text-v2:0', ...o }),
  },
];

// Load the code of every operation once, so no deadline below is spent importing it.
beforeAll(async () => {
  for (const m of METHODS) {
    await m.setup?.();
    await m.run(client(), {});
  }
  await client().generative.batch(
    Array.from({ length: 100 }, (_, i) => ({ body: { inputText: `warm ${i}` } })),
    { model: 'amazon.titan-text-express-v1', role: ROLE, output: 's3://batch-bucket/out/' },
  );
  emu.reset();
});

/**
 * Non-retryable errors the bedrock-runtime model declares per operation (AccessDenied and
 * Validation for all), with the class each maps to.
 */
const REFUSALS = [
  ['AccessDeniedException', 403, AccessDeniedError],
  ['ValidationException', 400, ValidationError],
  ['ResourceNotFoundException', 404, NotFoundError],
  ['ModelErrorException', 424, ServiceError],
  ['ServiceQuotaExceededException', 400, ServiceError],
  ['ConflictException', 400, ServiceError],
] as const;
const DECLARED: Record<string, string[]> = {
  Converse: ['ResourceNotFoundException', 'ModelErrorException'],
  InvokeModel: [
    'ResourceNotFoundException',
    'ModelErrorException',
    'ServiceQuotaExceededException',
  ],
  CountTokens: ['ResourceNotFoundException'],
  ApplyGuardrail: ['ResourceNotFoundException', 'ServiceQuotaExceededException'],
  StartAsyncInvoke: [
    'ResourceNotFoundException',
    'ServiceQuotaExceededException',
    'ConflictException',
  ],
};
const declares = (operation: string, code: string): boolean =>
  code === 'AccessDeniedException' ||
  code === 'ValidationException' ||
  (DECLARED[operation] ?? []).includes(code);

function rule(operation: string | undefined, extra: Omit<FaultRule, 'service'>): FaultRule {
  return { service: SERVICE, ...(operation ? { operation } : {}), ...extra };
}

function errorOf(out: Settled, label: string): AwsAIError {
  expect(AwsAIError.isInstance(out.error), `${label}: ${inspect(out)}`).toBe(true);
  return out.error as AwsAIError;
}

function leaks(err: unknown, fromLine: number): string[] {
  const texts = renderings(err);
  logLines.slice(fromLine).forEach((line, i) => {
    texts[`log${i}`] = line;
  });
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

it('baseline: every method succeeds with the requests the fault cases count against', async () => {
  for (const m of METHODS) {
    emu.reset();
    setupCalls = 0;
    await m.setup?.();
    const out = await settle(m.run(client(), {}));
    expect(out.error, `${m.name}: ${inspect(out.error)}`).toBeUndefined();
    expect(sentTo(m.operation), m.name).toHaveLength(m.requests);
  }
});

describe.each(METHODS)('generative guarantees: deadline and abort of $name', (m) => {
  it('every request slower than the deadline: timeoutMs (call or client) settles with a TimeoutError, an abort at once with an AbortError, naming service and operation, nothing sent after', async () => {
    await m.setup?.();
    emu.fault(rule(undefined, { kind: 'delay', delayMs: 250 }));
    const from = logLines.length;
    const controller = new AbortController();
    const runs = [
      { how: 'options.timeoutMs', out: settle(m.run(client(), { timeoutMs: 100 })) },
      { how: 'client timeoutMs', out: settle(m.run(client({ timeoutMs: 100 }), {})) },
      { how: 'signal', out: settle(m.run(client(), { signal: controller.signal })) },
    ];
    setTimeout(() => controller.abort(), 50);
    for (const { how, out } of runs) {
      const settled = await out;
      const aborted = how === 'signal';
      expect(settled.ms, how).toBeLessThan((aborted ? 50 : 100) + MARGIN_MS);
      const Class = aborted ? AbortError : TimeoutError;
      expect(Class.isInstance(settled.error), `${how}: ${inspect(settled)}`).toBe(true);
      expect(settled.error, how).toMatchObject({ service: SERVICE, operation: m.operation });
      expect(leaks(settled.error, from), how).toEqual([]);
    }
    expect(await requestsAfterSettle(emu, { ms: 120 })).toEqual([]);
  });

  it('throttled always, each answer taking 30 ms, 50 retries allowed: settles at the deadline', async () => {
    await m.setup?.();
    emu.fault(rule(undefined, { kind: 'delay', delayMs: 30 }));
    emu.fault(rule(m.operation, { kind: 'throttle' }));
    const ai = client({ retry: { retries: 50, minDelayMs: 1, maxDelayMs: 5 } });
    const out = await settle(m.run(ai, { timeoutMs: 100 }));
    expect(out.ms).toBeLessThan(100 + MARGIN_MS);
    const err = errorOf(out, m.name);
    expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err), inspect(err)).toBe(
      true,
    );
    expect(err).toMatchObject({ service: SERVICE, operation: m.operation });
    expect(await requestsAfterSettle(emu, { ms: 40 })).toEqual([]);
  });

  it('an already aborted signal: an AbortError naming service and operation, no request', async () => {
    await m.setup?.();
    const out = await settle(m.run(client(), { signal: AbortSignal.abort() }));
    expect(AbortError.isInstance(out.error), inspect(out)).toBe(true);
    expect(out.error).toMatchObject({ service: SERVICE, operation: m.operation });
    expect(emu.calls.slice(setupCalls)).toHaveLength(0);
  });
});

describe.each(METHODS)('generative guarantees: retries of $name', (m) => {
  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError],
    ['5xx always', { kind: 'server-error' }, ServiceError],
    ['a dropped connection always', { kind: 'reset' }, ServiceError],
    ['a malformed answer always', { kind: 'malformed' }, ServiceError],
    ['a body cut after 12 bytes always', { kind: 'reset', afterBytes: 12 }, ServiceError],
  ] as const)(
    '%s: retries + 1 requests, then a typed retryable error without secrets',
    async (_, fault, Class) => {
      await m.setup?.();
      emu.fault(rule(m.operation, fault));
      const from = logLines.length;
      const out = await settle(m.run(client(), {}));
      const err = errorOf(out, m.name);
      expect(err, inspect(err)).toBeInstanceOf(Class);
      expect(err).toMatchObject({ service: SERVICE, operation: m.operation, retryable: true });
      expect(leaks(err, from)).toEqual([]);
      // The first failing request fails for good: nothing after it is sent.
      expect(sentTo(m.operation).length).toBe(RETRIES + 1);
    },
  );

  it('a body cut once, throttled once, 5xx once: recovers within the budget', async () => {
    await m.setup?.();
    emu.fault(rule(m.operation, { kind: 'reset', afterBytes: 12, times: 1 }));
    emu.fault(rule(m.operation, { kind: 'throttle', times: 1 }));
    emu.fault(rule(m.operation, { kind: 'server-error', times: 1 }));
    const out = await settle(m.run(client(), {}));
    expect(out.error, inspect(out.error)).toBeUndefined();
    const sent = sentTo(m.operation).length;
    // A video job's poll that failed still counts as the emulator's one poll before completion.
    if (m.noCallRetry) expect(sent).toBeGreaterThanOrEqual(4);
    else expect(sent).toBe(m.requests + 3);
  });

  it("the client's retry options set the budget; retry: false per call makes one attempt", async () => {
    await m.setup?.();
    emu.fault(rule(m.operation, { kind: 'throttle' }));
    const one = await settle(
      m.run(client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }), {}),
    );
    expect(errorOf(one, m.name)).toBeInstanceOf(ThrottlingError);
    expect(sentTo(m.operation).length).toBe(2);
    if (m.noCallRetry) return;
    const none = await settle(m.run(client(), { retry: false }));
    expect(errorOf(none, m.name)).toBeInstanceOf(ThrottlingError);
    expect(sentTo(m.operation).length).toBe(3);
  });

  const modelCall = m.operation === 'Converse' || m.operation === 'InvokeModel';
  it.each(
    modelCall
      ? ([
          ['ModelNotReadyException', 429],
          ['ModelTimeoutException', 408],
        ] as const)
      : [],
  )(
    '%s (a model call) is retried: retries + 1 requests, then a retryable ServiceError',
    async (code, status) => {
      emu.fault(rule(m.operation, { kind: 'server-error', code, status }));
      const out = await settle(m.run(client(), {}));
      const err = errorOf(out, m.name);
      expect(err, inspect(err)).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({
        service: SERVICE,
        operation: m.operation,
        code,
        retryable: true,
      });
      expect(sentTo(m.operation)).toHaveLength(RETRIES + 1);
    },
  );

  const refusals = REFUSALS.filter(([code]) => declares(m.operation, code));
  it.each(refusals)(
    '%s is not retried; its echo of the input stays behind serviceMessage',
    async (code, status, Class) => {
      await m.setup?.();
      emu.handle(SERVICE, m.operation, (input, ctx) => {
        const signature = /Signature=([0-9a-f]{64})/.exec(ctx.headers.authorization ?? '')?.[1];
        if (signature) signatures.add(signature);
        const body = (input as { body?: unknown }).body;
        const echoed =
          body instanceof Uint8Array ? new TextDecoder().decode(body) : JSON.stringify(input);
        throw emu.error(
          code,
          `Value '${echoed.slice(0, 300)}' failed to satisfy constraint. Authorization=${ctx.headers.authorization}`,
          status,
        );
      });
      const from = logLines.length;
      const out = await settle(m.run(client(), {}));
      const err = errorOf(out, m.name);
      expect(err, inspect(err)).toBeInstanceOf(Class);
      expect(err).toMatchObject({ service: SERVICE, operation: m.operation, code });
      expect(err.retryable).toBe(false);
      if (m.operation !== 'GetAsyncInvoke' && m.operation !== 'ListAsyncInvokes') {
        expect(err.serviceMessage).toContain('PAYLOADMARKER');
      }
      expect(signatures.size).toBeGreaterThan(0);
      expect(leaks(err, from)).toEqual([]);
      expect(sentTo(m.operation).length).toBe(1);
    },
  );
});

describe('generative guarantees: chat().send', () => {
  it('a failed turn (throttled past its budget, or cut by its deadline) leaves the history as it was', async () => {
    const chat = client().generative.chat({ model: MODEL });
    await chat.send('first turn');
    const history = structuredClone(chat.history);
    expect(history).toHaveLength(2);
    emu.fault(rule('Converse', { kind: 'throttle', times: RETRIES + 1 }));
    expect(errorOf(await settle(chat.send(PAYLOAD)), 'throttled')).toBeInstanceOf(ThrottlingError);
    expect(chat.history).toEqual(history);
    emu.fault(rule('Converse', { kind: 'delay', delayMs: 250, times: 1 }));
    const timed = await settle(chat.send(PAYLOAD, { timeoutMs: 100 }));
    expect(TimeoutError.isInstance(timed.error), inspect(timed)).toBe(true);
    expect(chat.history).toEqual(history);
    expect(await requestsAfterSettle(emu, { ms: 40 })).toEqual([]);
    await chat.send('third turn');
    expect(chat.history).toHaveLength(4);
  });
});

describe('generative guarantees: batch (S3 upload, then CreateModelInvocationJob)', () => {
  const records = () =>
    Array.from({ length: 120 }, (_, i) => ({ body: { inputText: `${PAYLOAD} ${i}` } }));
  const run = (ai: AwsAI, o: CallOptions) =>
    ai.generative.batch(records(), {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: 's3://batch-bucket/out/',
      ...o,
    });

  it('timeoutMs and a signal bound the uploads too; nothing sent after', async () => {
    emu.fault({ kind: 'delay', delayMs: 400 });
    const controller = new AbortController();
    const timed = settle(run(client(), { timeoutMs: 150 }));
    const aborted = settle(run(client(), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 80);
    const t = await timed;
    expect(TimeoutError.isInstance(t.error), inspect(t)).toBe(true);
    expect(t.ms).toBeLessThan(150 + MARGIN_MS);
    const a = await aborted;
    expect(AbortError.isInstance(a.error), inspect(a)).toBe(true);
    expect(a.ms).toBeLessThan(80 + MARGIN_MS);
    for (const e of [t.error, a.error]) {
      // They come during the upload of the records, and name the call (ADR 0006: the start is one call).
      expect(e).toMatchObject({ service: 'bedrock', operation: 'CreateModelInvocationJob' });
      expect(leaks(e, logLines.length)).toEqual([]);
    }
    expect(await requestsAfterSettle(emu, { ms: 400 })).toEqual([]);
  });

  it('CreateModelInvocationJob throttled always: retries + 1 requests, a ThrottlingError', async () => {
    emu.fault({ service: 'bedrock', operation: 'CreateModelInvocationJob', kind: 'throttle' });
    const out = await settle(run(client(), {}));
    expect(errorOf(out, 'batch')).toBeInstanceOf(ThrottlingError);
    expect(callsTo(emu, 'CreateModelInvocationJob')).toHaveLength(RETRIES + 1);
  });
});

describe('generative guarantees: bad input is a ValidationError before any request, without quoting it', () => {
  const secret = 'PAYLOADMARKER\uD800 lone surrogate';
  const cases: Array<[string, (ai: AwsAI) => Promise<unknown>]> = [
    [
      'generate: a lone surrogate',
      (ai) => ai.generative.generate({ model: MODEL, prompt: secret }),
    ],
    [
      'generate: temperature 2',
      (ai) => ai.generative.generate({ model: MODEL, prompt: PAYLOAD, temperature: 2 }),
    ],
    [
      'generate: a model that is no model id',
      (ai) => ai.generative.generate({ model: `${PAYLOAD}!`, prompt: PAYLOAD }),
    ],
    [
      'generateObject: schema {}',
      (ai) => ai.generative.generateObject({ model: MODEL, prompt: PAYLOAD, schema: {} as never }),
    ],
    ['chat().send: a lone surrogate', (ai) => ai.generative.chat({ model: MODEL }).send(secret)],
    [
      'countTokens: maxTokens 0',
      (ai) => ai.generative.countTokens({ model: MODEL, prompt: PAYLOAD, maxTokens: 0 }),
    ],
    ['guard: bad id', (ai) => ai.generative.guard(PAYLOAD, { id: 'Bad Id!', version: '1' })],
    ['check: no checks', (ai) => ai.generative.check(PAYLOAD, { checks: {} })],
    [
      'embed: Titan v2 dimensions 300',
      (ai) =>
        ai.generative.embed(PAYLOAD, { model: 'amazon.titan-embed-text-v2:0', dimensions: 300 }),
    ],
    [
      'embed: blank text',
      (ai) => ai.generative.embed('  ', { model: 'amazon.titan-embed-text-v2:0' }),
    ],
    [
      'generateImage: a prompt over 1,024 characters',
      (ai) =>
        ai.generative.generateImage({
          model: 'amazon.nova-canvas-v1:0',
          prompt: PAYLOAD.repeat(40),
        }),
    ],
    [
      'generateVideo: output not s3://',
      (ai) => ai.generative.generateVideo({ prompt: PAYLOAD, output: 'https://example.com/x' }),
    ],
    ['videoJob: not an ARN', (ai) => ai.generative.videoJob(PAYLOAD)],
    [
      'invoke: a model that is no model id',
      (ai) => ai.generative.invoke(`${PAYLOAD}!`, { inputText: 'x' }),
    ],
    [
      'batch: no role',
      (ai) =>
        ai.generative.batch([{ body: { inputText: PAYLOAD } }], {
          model: 'amazon.titan-text-express-v1',
          role: '',
          output: 's3://b/o/',
        }),
    ],
    [
      'generate: timeoutMs "100"',
      (ai) =>
        ai.generative.generate({ model: MODEL, prompt: PAYLOAD }, { timeoutMs: '100' as never }),
    ],
  ];
  it.each(cases)('%s', async (name, call) => {
    const out = await settle(call(client()));
    expect(ValidationError.isInstance(out.error), `${name}: ${inspect(out)}`).toBe(true);
    expect((out.error as Error).message.length).toBeGreaterThan(10);
    expect(leaks(out.error, logLines.length)).toEqual([]);
    expect(emu.calls).toHaveLength(0);
  });
});
