/**
 * The documented guarantees (docs/errors-and-retries.md "Credentials and your data in errors",
 * "Retries", "Deadlines and cancellation", "Guarantees"; docs/agents.md) for every public method of
 * the agents module: invoke, invokeInline, flow (streams, read every way), getMemory, deleteMemory,
 * endSession; and for the later turns of an agent's return-of-control loop.
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
  StreamError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type { AgentTools } from 'aws-ai/agents';
import { EmulatorError, type FaultRule } from 'aws-ai/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client } = await useEmulator();

const SERVICE = 'bedrock-agent-runtime';
/** How late a call may settle after its deadline (as in test/faults/fan-out-suite.ts). */
const MARGIN_MS = 150;
const TIMEOUT_MS = 120;
/** Slower than every deadline here. */
const SLOW_MS = 400;
const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;

const AGENT = { id: 'AGENT12345', aliasId: 'TSTALIASID' };
const FLOW = { id: 'FLOW123456', aliasId: 'ALIAS12345' };
const INSTRUCTION = 'You answer questions about orders. Use the tools to look orders up.';
const INLINE = { model: 'amazon.nova-pro-v1:0', instruction: INSTRUCTION };
const SESSION_UUID = '3f0a9c2e-1b6d-4f3a-9d3e-2c1b0a9f8e7d';

// The payload is marked like the credentials (test/helpers/leaks.ts): a leak is a substring hit.
const PAYLOAD = 'PAYLOADMARKER Patient record of Jane Roe, MRN 4471, diagnosis F32.1';
const FORBIDDEN = [
  ...CREDENTIAL_MARKERS,
  // The session-token header in any form, not only with its value.
  'x-amz-security-token',
  'PAYLOADMARKER',
  'Patient record',
];

// ---------------------------------------------------------------------------------------------
// Helpers

interface Settled {
  value?: unknown;
  error?: unknown;
  /**
   * How long after its deadline the call settled, counted from when a timer of the deadline's
   * length, started with the call, actually fired: on a loaded machine every timer fires late, and
   * that lateness is the machine's, not the call's (negative: settled before the deadline).
   */
  late: number;
}

async function settle(run: () => Promise<unknown>, deadlineMs = 0): Promise<Settled> {
  const start = performance.now();
  let firedAt: number | undefined;
  const sentinel = setTimeout(() => {
    firedAt = performance.now();
  }, deadlineMs);
  const late = (): number => {
    clearTimeout(sentinel);
    return performance.now() - (firedAt ?? start + deadlineMs);
  };
  try {
    const value = await run();
    return { value, late: late() };
  } catch (error) {
    return { error, late: late() };
  }
}

/** Resolves once `condition()` holds (checked every 2 ms, for at most 2 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 2_000; waited += 2) {
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Aborts `controller` once `condition()` holds; the returned promise resolves to when. */
function abortWhen(controller: AbortController, condition: () => boolean): Promise<number> {
  return until(condition).then(() => {
    controller.abort();
    return performance.now();
  });
}

/** How {@link requestsAfterSettle} watches after a call settled: a 50 ms grace, then 50 ms. */
const AFTER_SETTLE = { ms: 50 } as const;

const rule = (operation: string, extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
  service: SERVICE,
  operation,
  ...extra,
});

function expectNamed(err: unknown, Class: { isInstance(e: unknown): boolean }, operation: string) {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  expect(Class.isInstance(err), inspect(err)).toBe(true);
  expect(err).toMatchObject({ service: SERVICE, operation });
}

/** One public method, run to its end (a stream read through finalMessage()). */
interface Method {
  name: string;
  operation: string;
  /** `payload`: the input text of a stream (the memory calls take ids, which errors may quote). */
  run: (ai: AwsAI, options: Record<string, unknown>, payload?: string) => Promise<unknown>;
}

const METHODS: Method[] = [
  {
    name: 'invoke',
    operation: 'InvokeAgent',
    run: (ai, o, payload = 'Where is order 42?') =>
      ai.agents.invoke(AGENT, payload, o).finalMessage(),
  },
  {
    name: 'invokeInline',
    operation: 'InvokeInlineAgent',
    run: (ai, o, payload = 'Where is order 42?') =>
      ai.agents.invokeInline(INLINE, payload, o).finalMessage(),
  },
  {
    name: 'flow',
    operation: 'InvokeFlow',
    run: (ai, o, payload = 'Summarize: x') => ai.agents.flow(FLOW, payload, o).finalMessage(),
  },
  {
    name: 'getMemory',
    operation: 'GetAgentMemory',
    run: (ai, o) => ai.agents.getMemory(AGENT, 'user-42', o),
  },
  {
    name: 'deleteMemory',
    operation: 'DeleteAgentMemory',
    run: (ai, o) => ai.agents.deleteMemory(AGENT, { memoryId: 'user-42' }, o),
  },
  {
    name: 'endSession',
    operation: 'EndSession',
    run: (ai, o) => ai.agents.endSession(SESSION_UUID, o),
  },
];

const STREAM_OPS = new Set(['InvokeAgent', 'InvokeInlineAgent', 'InvokeFlow']);

// Load the operation code, the SDK and the telemetry API once: module loading is CPU-bound (it
// delays every timer), and the deadlines below measure calls, not the loader.
beforeAll(async () => {
  const ai = client();
  for (const m of METHODS) await m.run(ai, {});
  // And the code of a deadline's way out (TimeoutError, redaction, the cancelled HTTP/2 stream).
  const stop = emu.fault({ service: SERVICE, kind: 'delay', delayMs: 100 });
  await Promise.all(METHODS.map((m) => settle(() => m.run(ai, { timeoutMs: 20 }))));
  stop();
});

// ---------------------------------------------------------------------------------------------
// 1. Deadlines

describe('deadline of the whole call (timeoutMs)', () => {
  it.each(METHODS)(
    '$name: every request slower than the deadline settles at timeoutMs (call or client) with a TimeoutError naming the operation, sends nothing after',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'delay', delayMs: SLOW_MS }));
      const [perCall, fromClient] = await Promise.all([
        settle(() => m.run(client(), { timeoutMs: TIMEOUT_MS }), TIMEOUT_MS),
        settle(() => m.run(client({ timeoutMs: TIMEOUT_MS }), {}), TIMEOUT_MS),
      ]);
      for (const out of [perCall, fromClient]) {
        expect(out.late).toBeLessThan(MARGIN_MS);
        expectNamed(out.error, TimeoutError, m.operation);
      }
      expect(callsTo(emu, m.operation).length).toBeLessThanOrEqual(2);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );

  it('getMemory: the deadline bounds every page together, not each page', async () => {
    emu.agent(AGENT.id, { steps: [{ text: 'ok' }] });
    for (const sessionId of ['s-1', 's-2', 's-3', 's-4', 's-5', 's-6']) {
      await client()
        .agents.invoke(AGENT, 'hi', { sessionId, memoryId: 'user-42', endSession: true })
        .finalMessage();
    }
    emu.fault(rule('GetAgentMemory', { kind: 'delay', delayMs: 60 }));
    const out = await settle(
      () => client().agents.getMemory(AGENT, 'user-42', { pageSize: 1, timeoutMs: TIMEOUT_MS }),
      TIMEOUT_MS,
    );
    expect(out.late).toBeLessThan(MARGIN_MS);
    expectNamed(out.error, TimeoutError, 'GetAgentMemory');
    expect(callsTo(emu, 'GetAgentMemory').length).toBeLessThan(6);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Abort

describe('abort (signal)', () => {
  it.each(METHODS)(
    '$name: an aborted signal rejects at once with an AbortError naming the operation, nothing sent',
    async (m) => {
      const out = await settle(() => m.run(client(), { signal: AbortSignal.abort() }));
      expect(out.late).toBeLessThan(MARGIN_MS);
      expectNamed(out.error, AbortError, m.operation);
      expect(emu.calls).toHaveLength(0);
    },
  );

  it.each(METHODS)(
    '$name: aborted mid-request rejects at once with an AbortError, sends nothing after',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'delay', delayMs: SLOW_MS }));
      const controller = new AbortController();
      // Aborted once the request is at the emulator (which holds it SLOW_MS).
      const abortedAt = abortWhen(controller, () => callsTo(emu, m.operation).length > 0);
      const out = await settle(() => m.run(client(), { signal: controller.signal }));
      expect(performance.now() - (await abortedAt)).toBeLessThan(MARGIN_MS);
      expectNamed(out.error, AbortError, m.operation);
      expect(callsTo(emu, m.operation)).toHaveLength(1);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 3. Retries

describe('retries: one budget per call, typed when it runs out', () => {
  it.each(METHODS)(
    '$name: throttled always: retries + 1 requests with the client retry options, then a ThrottlingError',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'throttle' }));
      const out = await settle(() => m.run(client({ retry: RETRY }), {}));
      expectNamed(out.error, ThrottlingError, m.operation);
      expect(callsTo(emu, m.operation)).toHaveLength(RETRIES + 1);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );

  it.each(METHODS)(
    '$name: a dropped connection always: retries + 1 requests, then a retryable ServiceError',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'reset' }));
      const out = await settle(() => m.run(client({ retry: RETRY }), {}));
      expectNamed(out.error, ServiceError, m.operation);
      expect((out.error as AwsAIError).retryable).toBe(true);
      expect(callsTo(emu, m.operation)).toHaveLength(RETRIES + 1);
    },
  );

  // DeleteAgentMemory answers without a body (its output has no members): nothing to parse.
  it.each(METHODS.filter((m) => m.operation !== 'DeleteAgentMemory'))(
    '$name: a malformed answer always (the event stream broken before its first event): retries + 1 requests, then a retryable ServiceError',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'malformed' }));
      const out = await settle(() => m.run(client({ retry: RETRY }), {}));
      expectNamed(out.error, ServiceError, m.operation);
      expect((out.error as AwsAIError).retryable).toBe(true);
      expect(callsTo(emu, m.operation)).toHaveLength(RETRIES + 1);
    },
  );

  it.each(METHODS)(
    '$name: 5xx always: retries + 1 requests with the call retry options, then a retryable ServiceError',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'server-error' }));
      const out = await settle(() =>
        m.run(client(), { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }),
      );
      expectNamed(out.error, ServiceError, m.operation);
      expect((out.error as AwsAIError).retryable).toBe(true);
      expect(callsTo(emu, m.operation)).toHaveLength(2);
    },
  );

  it.each(METHODS)(
    '$name: throttled twice, then a 502 BadGateway: recovers within the default budget',
    async (m) => {
      emu.fault(rule(m.operation, { kind: 'throttle', times: 2 }));
      emu.fault(rule(m.operation, { kind: 'server-error', code: 'BadGatewayException', times: 1 }));
      const out = await settle(() => m.run(client(), {}));
      expect(out.error).toBeUndefined();
      expect(callsTo(emu, m.operation)).toHaveLength(4);
    },
  );

  it.each(METHODS)('$name: retry: false makes exactly one attempt', async (m) => {
    emu.fault(rule(m.operation, { kind: 'throttle' }));
    const out = await settle(() => m.run(client(), { retry: false }));
    expectNamed(out.error, ThrottlingError, m.operation);
    expect(callsTo(emu, m.operation)).toHaveLength(1);
  });

  it.each(
    METHODS.flatMap((m) =>
      (
        [
          ['ValidationException', 400, ValidationError],
          ['AccessDeniedException', 403, AccessDeniedError],
          ['ResourceNotFoundException', 404, NotFoundError],
          ['DependencyFailedException', 424, ServiceError],
        ] as const
      ).map(([code, status, Class]) => ({ ...m, code, status, Class })),
    ),
  )('$name: $code is not retried', async (m) => {
    emu.handle(SERVICE, m.operation, () => {
      throw new EmulatorError(m.code, 'refused', m.status);
    });
    const out = await settle(() => m.run(client(), {}));
    expectNamed(out.error, m.Class, m.operation);
    expect((out.error as AwsAIError).code).toBe(m.code);
    expect(callsTo(emu, m.operation)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Streams: every way of reading them, cut mid-way

type Readable = AsyncIterable<{ type: string }> & {
  textStream: AsyncIterable<string>;
  finalMessage(): Promise<{ text: string }>;
  readonly text: Promise<string>;
  collect(): Promise<Array<{ type: string }>>;
  toReadableStream(): ReadableStream<{ type: string }>;
  toNodeReadable(): NodeJS.ReadableStream & AsyncIterable<{ type: string }>;
};

/** What a reader saw of an event, compactly. */
function seen(e: { type: string }): string {
  const event = e as { type: string; text?: string; content?: unknown };
  if (event.type === 'text-delta') return `text:${event.text}`;
  if (event.type === 'output') return `output:${String(event.content)}`;
  return event.type;
}

const WAYS = [
  'for-await',
  'textStream',
  'finalMessage',
  'text',
  'collect',
  'toReadableStream',
  'toNodeReadable',
] as const;
type Way = (typeof WAYS)[number];
/** The ways that hand events over one by one (the others show only the end). */
const INCREMENTAL: readonly Way[] = [
  'for-await',
  'textStream',
  'toReadableStream',
  'toNodeReadable',
];

/** Reads `stream` one way: the events it handed over, and how the reading ended. */
async function readVia(
  stream: Readable,
  way: Way,
): Promise<{ delivered: string[]; error?: unknown }> {
  const delivered: string[] = [];
  try {
    switch (way) {
      case 'for-await':
        for await (const e of stream) delivered.push(seen(e));
        break;
      case 'textStream':
        for await (const t of stream.textStream) delivered.push(`text:${t}`);
        break;
      case 'finalMessage':
        await stream.finalMessage();
        break;
      case 'text':
        await stream.text;
        break;
      case 'collect':
        delivered.push(...(await stream.collect()).map(seen));
        break;
      case 'toReadableStream': {
        const reader = stream.toReadableStream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          delivered.push(seen(value));
        }
        break;
      }
      case 'toNodeReadable':
        for await (const e of stream.toNodeReadable()) delivered.push(seen(e));
        break;
    }
    return { delivered };
  } catch (error) {
    return { delivered, error };
  }
}

interface StreamMethod {
  name: string;
  operation: string;
  /** Scripts the emulator so that the stream sends `before` events, then stalls for `stallMs`. */
  script: (stallMs: number) => void;
  open: (ai: AwsAI, options: Record<string, unknown>) => Readable;
  /** What the incremental readers see before the cut. */
  before: { events: string[]; text: string[] };
}

const AGENT_SCRIPT = (stallMs: number) => ({
  steps: [{ text: 'a b' }, { waitMs: stallMs }, { text: ' c' }],
});

const STREAMS: StreamMethod[] = [
  {
    name: 'invoke',
    operation: 'InvokeAgent',
    script: (ms) => emu.agent(AGENT.id, AGENT_SCRIPT(ms)),
    open: (ai, o) =>
      ai.agents.invoke(AGENT, 'x', { streamFinalResponse: true, ...o }) as unknown as Readable,
    before: { events: ['text:a ', 'text:b'], text: ['text:a ', 'text:b'] },
  },
  {
    name: 'invokeInline',
    operation: 'InvokeInlineAgent',
    script: (ms) => emu.agent('inline', AGENT_SCRIPT(ms)),
    open: (ai, o) =>
      ai.agents.invokeInline(INLINE, 'x', {
        streamFinalResponse: true,
        ...o,
      }) as unknown as Readable,
    before: { events: ['text:a ', 'text:b'], text: ['text:a ', 'text:b'] },
  },
  {
    name: 'flow',
    operation: 'InvokeFlow',
    script: (ms) =>
      emu.flow(FLOW.id, { steps: [{ output: 'one' }, { waitMs: ms }, { output: 'two' }] }),
    open: (ai, o) => ai.agents.flow(FLOW, 'x', o) as unknown as Readable,
    before: { events: ['output:one'], text: [] },
  },
];

/** How the stream is set up for one reader, and how that reader must end. */
interface Variant {
  options?: Record<string, unknown>;
  config?: AwsAIConfig;
  expectError: (err: unknown, s: StreamMethod) => void;
  /** The cut ends the stream by a deadline: it settles within it. */
  deadlineMs?: number;
}

interface Cut {
  name: string;
  /** Sets the cut up; reader `i` of WAYS uses `variants[i % variants.length]`. */
  arrange: (s: StreamMethod) => Variant[];
}

/**
 * A deadline long enough for the first events to arrive first on a loaded machine (the readers
 * check that they stay delivered), and a stall well past it.
 */
const CUT_MS = 200;
const STALL_MS = 700;

const timedOut = (err: unknown, s: StreamMethod) => expectNamed(err, TimeoutError, s.operation);
const streamError = (check: (err: AwsAIError) => void) => (err: unknown, s: StreamMethod) => {
  expectNamed(err, StreamError, s.operation);
  check(err as AwsAIError);
};

const CUTS: Cut[] = [
  {
    // Three deadlines, spread over the readers: each reader meets one of them.
    name: 'timeoutMs of the call, timeoutMs of the client, idleTimeoutMs',
    arrange: (s) => {
      s.script(STALL_MS);
      return [
        { options: { timeoutMs: CUT_MS }, expectError: timedOut, deadlineMs: CUT_MS },
        { config: { timeoutMs: CUT_MS }, expectError: timedOut, deadlineMs: CUT_MS },
        {
          options: { idleTimeoutMs: CUT_MS },
          expectError: streamError((err) => expect(err.code).toBe('IdleTimeout')),
          deadlineMs: CUT_MS,
        },
      ];
    },
  },
  {
    name: "the caller's signal",
    arrange: (s) => {
      s.script(STALL_MS);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), CUT_MS);
      return [
        {
          options: { signal: controller.signal },
          expectError: (err) => expectNamed(err, AbortError, s.operation),
        },
      ];
    },
  },
  {
    name: 'a dropped connection',
    arrange: (s) => {
      s.script(0);
      emu.fault(rule(s.operation, { kind: 'reset', afterEvents: s.before.events.length }));
      return [{ expectError: streamError((err) => expect(err.retryable).toBe(true)) }];
    },
  },
  {
    name: 'an exception event',
    arrange: (s) => {
      s.script(0);
      emu.fault(
        rule(s.operation, {
          kind: 'stream-error',
          code: 'ThrottlingException',
          afterEvents: s.before.events.length,
        }),
      );
      return [
        {
          expectError: streamError((err) => {
            expect(err.code).toBe('ThrottlingException');
            expect(ThrottlingError.isInstance(err.cause)).toBe(true);
          }),
        },
      ];
    },
  },
];

describe('a cut stream never ends normally, read any way', () => {
  it.each(
    STREAMS.flatMap((s) =>
      CUTS.map(
        (cut) =>
          [
            `${s.name}: ${cut.name}: every reader rejects typed, what arrived before stays delivered, nothing is retried or sent after`,
            s,
            cut,
          ] as const,
      ),
    ),
  )('%s', async (_title, s, cut) => {
    const variants = cut.arrange(s);
    const clients = variants.map((v) => client(v.config));
    // Connected before the clock starts (their first request opens the HTTP/2 session).
    for (const ai of clients) await ai.agents.endSession(SESSION_UUID);
    const results = await Promise.all(
      WAYS.map(async (way, i) => {
        const variant = variants[i % variants.length] as Variant;
        const stream = s.open(clients[i % clients.length] as AwsAI, variant.options ?? {});
        const out = await settle(() => readVia(stream, way), variant.deadlineMs);
        const read = out.value as Awaited<ReturnType<typeof readVia>>;
        const final = await settle(() => stream.finalMessage());
        return { way, variant, late: out.late, ...read, final };
      }),
    );
    for (const r of results) {
      r.variant.expectError(r.error, s);
      // The result rejects too, with the same kind of error, whichever way the stream was read.
      expect(r.final.error?.constructor).toBe((r.error as Error).constructor);
      if (r.variant.deadlineMs !== undefined) {
        expect(r.late).toBeLessThan(MARGIN_MS);
      }
      if (INCREMENTAL.includes(r.way)) {
        expect(r.delivered, r.way).toEqual(
          r.way === 'textStream' ? s.before.text : s.before.events,
        );
      }
    }
    // One request per stream: a failure mid-stream is not retried.
    expect(callsTo(emu, s.operation)).toHaveLength(WAYS.length);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it.each(STREAMS)(
    '$name: aborted (signal or stream.abort()) right after the first read started, while the operation code loads: AbortError, nothing is sent',
    async (s) => {
      s.script(0);
      const ai = client();
      const controller = new AbortController();
      const bySignal = s.open(ai, { signal: controller.signal });
      const byAbort = s.open(ai, {});
      const firsts = [bySignal, byAbort].map((stream) => stream[Symbol.asyncIterator]().next());
      // Synchronously after the first reads: each source is waiting for the operation code.
      controller.abort();
      (byAbort as unknown as { abort(): void }).abort();
      for (const [i, stream] of [bySignal, byAbort].entries()) {
        const out = await settle(() => firsts[i] as Promise<unknown>);
        expectNamed(out.error, AbortError, s.operation);
        await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
      }
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(emu.calls).toHaveLength(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Later turns: the return-of-control loop (a local tool runs, its result goes back)

interface Turn {
  name: string;
  operation: string;
  /** Scripts a call of orders.status, then an answer. */
  script: () => void;
  open: (ai: AwsAI, execute: AgentToolExecute, options: Record<string, unknown>) => Readable;
}

type AgentToolExecute = NonNullable<AgentTools[string][string]['execute']>;

const TOOL_SCRIPT = {
  steps: [
    { call: { actionGroup: 'orders', function: 'status', parameters: { orderId: '42' } } },
    { text: 'a b' },
    { text: ' c' },
  ],
};

const TURNS: Turn[] = [
  {
    name: 'invoke',
    operation: 'InvokeAgent',
    script: () => emu.agent(AGENT.id, TOOL_SCRIPT),
    open: (ai, execute, o) =>
      ai.agents.invoke(AGENT, 'Where is order 42?', {
        tools: { orders: { status: { execute } } },
        streamFinalResponse: true,
        ...o,
      }) as unknown as Readable,
  },
  {
    name: 'invokeInline',
    operation: 'InvokeInlineAgent',
    script: () => emu.agent('inline', TOOL_SCRIPT),
    open: (ai, execute, o) =>
      ai.agents.invokeInline(
        {
          ...INLINE,
          actionGroups: [{ name: 'orders', functions: { status: { execute } } }],
        },
        'Where is order 42?',
        { streamFinalResponse: true, ...o },
      ) as unknown as Readable,
  },
];

/**
 * A tool that keeps running `lingerMs` after its signal fired (the worst case: it does not stop at
 * once), then returns a result; `onCall` runs when the agent calls it.
 */
function lingeringTool(lingerMs: number, onCall: () => void = () => {}) {
  const seen: { signal?: AbortSignal; done?: Promise<void> } = {};
  const execute: AgentToolExecute = (_params, ctx) => {
    seen.signal = ctx.signal;
    seen.done = new Promise((resolve) => {
      ctx.signal.addEventListener('abort', () => setTimeout(resolve, lingerMs), { once: true });
    });
    onCall();
    return seen.done.then(() => 'shipped');
  };
  return { execute, seen };
}

/** Deadline of the multi-turn tests: the first turn fits in it on a loaded machine. */
const TURN_MS = 250;

/** A tool that answers at once, after adding a fault for the request that carries its result. */
function faultingTool(f: (operation: string) => FaultRule, operation: string): AgentToolExecute {
  return () => {
    emu.fault(f(operation));
    return 'shipped';
  };
}

describe('later turns of the return-of-control loop', () => {
  it.each(TURNS)(
    '$name: the deadline passes while a local tool runs: TimeoutError at timeoutMs, the tool is told, no tool result is sent',
    async (t) => {
      t.script();
      const tool = lingeringTool(30);
      const out = await settle(
        () => t.open(client(), tool.execute, { timeoutMs: TURN_MS }).finalMessage(),
        TURN_MS,
      );
      expect(out.late).toBeLessThan(MARGIN_MS);
      expectNamed(out.error, TimeoutError, t.operation);
      expect(tool.seen.signal?.aborted).toBe(true);
      // The tool returns a result after the turn settled: it goes nowhere.
      await tool.seen.done;
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, t.operation)).toHaveLength(1);
    },
  );

  it.each(TURNS)(
    '$name: the signal aborts while a local tool runs: AbortError at once, no tool result is sent',
    async (t) => {
      t.script();
      const controller = new AbortController();
      let abortedAt = 0;
      const tool = lingeringTool(30, () => {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, 20);
      });
      const stream = t.open(client(), tool.execute, { signal: controller.signal });
      const read = await readVia(stream, 'for-await');
      const settledAt = performance.now();
      expect(settledAt - abortedAt).toBeLessThan(MARGIN_MS);
      expectNamed(read.error, AbortError, t.operation);
      expect(read.delivered).toEqual(['return-control']);
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
      expect(tool.seen.signal?.aborted).toBe(true);
      await tool.seen.done;
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, t.operation)).toHaveLength(1);
    },
  );

  it.each(TURNS)(
    '$name: breaking out of the loop at the return of control runs no tool and sends nothing',
    async (t) => {
      t.script();
      let toolRan = false;
      const stream = t.open(
        client(),
        () => {
          toolRan = true;
          return 'shipped';
        },
        {},
      );
      for await (const e of stream) if (e.type === 'return-control') break;
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
      expect(toolRan).toBe(false);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, t.operation)).toHaveLength(1);
    },
  );

  it.each(
    TURNS.map((t, i) => {
      // invoke with the call's timeoutMs, invokeInline with the client's.
      const variant: { options?: Record<string, unknown>; config?: AwsAIConfig } =
        i % 2 === 0 ? { options: { timeoutMs: TURN_MS } } : { config: { timeoutMs: TURN_MS } };
      return [t.name, t, variant] as const;
    }),
  )(
    '%s: the request carrying the tool result is slower than the deadline (of the call, of the client): TimeoutError at timeoutMs of the whole turn',
    async (_name, t, variant) => {
      t.script();
      let toolRan = false;
      const execute: AgentToolExecute = () => {
        toolRan = true;
        emu.fault(rule(t.operation, { kind: 'delay', delayMs: 3 * TURN_MS }));
        return 'shipped';
      };
      const out = await settle(
        () => t.open(client(variant.config), execute, variant.options ?? {}).finalMessage(),
        TURN_MS,
      );
      expect(toolRan).toBe(true);
      expect(out.late).toBeLessThan(MARGIN_MS);
      expectNamed(out.error, TimeoutError, t.operation);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, t.operation).length).toBeLessThanOrEqual(2);
    },
  );

  it.each(TURNS)(
    '$name: aborted while the tool result is on its way: AbortError at once, nothing sent after',
    async (t) => {
      t.script();
      const controller = new AbortController();
      let abortedAt: Promise<number> | undefined;
      const execute: AgentToolExecute = () => {
        emu.fault(rule(t.operation, { kind: 'delay', delayMs: SLOW_MS }));
        // Aborted once the request with the result is at the emulator (which holds it).
        abortedAt = abortWhen(controller, () => callsTo(emu, t.operation).length === 2);
        return 'shipped';
      };
      const out = await settle(() =>
        t.open(client(), execute, { signal: controller.signal }).finalMessage(),
      );
      expect(performance.now() - ((await abortedAt) ?? 0)).toBeLessThan(MARGIN_MS);
      expectNamed(out.error, AbortError, t.operation);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
      expect(callsTo(emu, t.operation)).toHaveLength(2);
    },
  );

  it.each(TURNS)(
    '$name: the tool-result request throttled always: retries + 1 requests for it, then a ThrottlingError',
    async (t) => {
      t.script();
      const throttled = (operation: string) => rule(operation, { kind: 'throttle' });
      const out = await settle(() =>
        t.open(client({ retry: RETRY }), faultingTool(throttled, t.operation), {}).finalMessage(),
      );
      expectNamed(out.error, ThrottlingError, t.operation);
      expect(callsTo(emu, t.operation)).toHaveLength(1 + RETRIES + 1);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );

  it.each(TURNS)(
    '$name: the answer after the tool result is cut: StreamError from every reader, the earlier events stay delivered',
    async (t) => {
      t.script();
      const cut = (operation: string) =>
        rule(operation, {
          kind: 'stream-error',
          code: 'DependencyFailedException',
          afterEvents: 1,
          times: 1,
        });
      // One at a time: each tool's fault is for the request carrying its own result.
      const ai = client();
      for (const way of WAYS) {
        const stream = t.open(ai, faultingTool(cut, t.operation), {});
        const r = { way, ...(await readVia(stream, way)) };
        const final = await settle(() => stream.finalMessage());
        expectNamed(r.error, StreamError, t.operation);
        expect((r.error as AwsAIError).code).toBe('DependencyFailedException');
        expect(StreamError.isInstance(final.error)).toBe(true);
        if (r.way === 'textStream') expect(r.delivered).toEqual(['text:a ']);
        else if (INCREMENTAL.includes(r.way)) {
          expect(r.delivered, r.way).toEqual(['return-control', 'tool-result', 'text:a ']);
        }
      }
      expect(callsTo(emu, t.operation)).toHaveLength(2 * WAYS.length);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 5. No credential and no input text in any error

/** Signatures the emulator saw in Authorization headers: none may come back in an error. */
const signatures = new Set<string>();

function recordSignature(headers: Readonly<Record<string, string>>): void {
  const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? '')?.[1];
  if (signature) signatures.add(signature);
}

function leaks(texts: Record<string, string>): string[] {
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

/** Checks an error (and what the logger wrote) for every credential and the payload. */
function expectClean(err: unknown, log: string[] = []): void {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  const texts = renderings(err);
  log.forEach((line, i) => {
    texts[`log${i}`] = line;
  });
  expect(leaks(texts)).toEqual([]);
}

function capturingLogger(lines: string[]) {
  const log =
    (level: string) =>
    (message: string, ...meta: unknown[]) =>
      lines.push(`${level} ${message} ${inspect(meta, { showHidden: true, depth: 8 })}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** What a service quoting the request back would hold: the input text, or the ids of the memory calls. */
function echoOf(input: Record<string, unknown>): string {
  return String(input.inputText ?? input.memoryId ?? JSON.stringify(input.inputs ?? ''));
}

/** An event stream answer that sends one event, then an exception event quoting the input. */
function echoingStream(operation: string, input: Record<string, unknown>) {
  const events = (async function* () {
    yield operation === 'InvokeFlow'
      ? {
          flowOutputEvent: {
            nodeName: 'Out',
            nodeType: 'FlowOutputNode',
            content: { document: 'x' },
          },
        }
      : { chunk: { bytes: new TextEncoder().encode('partial ') } };
    throw new EmulatorError(
      'ValidationException',
      `Value '${echoOf(input)}' at 'inputText' failed to satisfy constraint: unsafe content`,
    );
  })();
  return operation === 'InvokeFlow'
    ? { executionId: 'exec-1', responseStream: events }
    : { contentType: 'application/json', sessionId: String(input.sessionId), completion: events };
}

interface Source {
  name: string;
  streamsOnly?: boolean;
  arrange: (m: Method) => { options?: Record<string, unknown>; abortAfterMs?: number };
  /** The service's message holds the payload: only behind serviceMessage. */
  echoes?: boolean;
}

const SOURCES: Source[] = [
  {
    name: 'an error answer quoting the input, the Authorization header and the session token',
    echoes: true,
    arrange: (m) => {
      emu.handle(SERVICE, m.operation, (input, ctx) => {
        recordSignature(ctx.headers);
        throw new EmulatorError(
          'ValidationException',
          `Value '${echoOf(input)}' at 'inputText' failed to satisfy constraint. Authorization=${ctx.headers.authorization}, x-amz-security-token=${ctx.headers['x-amz-security-token']}`,
          400,
        );
      });
      return {};
    },
  },
  {
    name: 'an exception event quoting the input',
    streamsOnly: true,
    echoes: true,
    arrange: (m) => {
      emu.handle(SERVICE, m.operation, (input) => echoingStream(m.operation, input));
      return {};
    },
  },
  {
    name: 'throttled on every attempt',
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'throttle' }));
      return {};
    },
  },
  {
    name: 'a dropped connection on every attempt',
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'reset' }));
      return {};
    },
  },
  {
    name: 'a stream-error fault',
    streamsOnly: true,
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'stream-error', afterEvents: 1 }));
      return {};
    },
  },
  {
    name: 'the deadline',
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'delay', delayMs: SLOW_MS }));
      return { options: { timeoutMs: 50 } };
    },
  },
  {
    name: 'an abort',
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'delay', delayMs: SLOW_MS }));
      return { abortAfterMs: 30 };
    },
  },
  {
    name: 'the idle timeout',
    streamsOnly: true,
    arrange: (m) => {
      emu.fault(rule(m.operation, { kind: 'delay', delayMs: SLOW_MS }));
      return { options: { idleTimeoutMs: 50 } };
    },
  },
];

describe('no credential and no input text in any error', () => {
  it.each(
    METHODS.flatMap((m) =>
      SOURCES.filter((src) => !src.streamsOnly || STREAM_OPS.has(m.operation)).map(
        (src) => [`${m.name}: ${src.name}`, m, src] as const,
      ),
    ),
  )('%s', async (_title, m, src) => {
    const log: string[] = [];
    const { options = {}, abortAfterMs } = src.arrange(m);
    const controller = new AbortController();
    const timer =
      abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
    const out = await settle(() =>
      m.run(
        client({ credentials: CREDENTIALS, logger: capturingLogger(log), retry: RETRY }),
        { ...options, ...(abortAfterMs === undefined ? {} : { signal: controller.signal }) },
        PAYLOAD,
      ),
    );
    clearTimeout(timer);
    expectClean(out.error, log);
    expect((out.error as AwsAIError).service).toBe(SERVICE);
    if (src.echoes && STREAM_OPS.has(m.operation)) {
      // The service's wording is kept, verbatim, only behind the accessor.
      expect((out.error as AwsAIError).serviceMessage).toContain('PAYLOADMARKER');
    }
  });

  it.each(TURNS)('$name: a tool result holding the input, then a failing later turn', async (t) => {
    t.script();
    const log: string[] = [];
    emu.handle(SERVICE, t.operation, (input) => {
      const state = (input.sessionState ?? input.inlineSessionState) as object | undefined;
      if (state) {
        throw new EmulatorError(
          'ValidationException',
          `Invalid returnControlInvocationResults: ${JSON.stringify(state)}`,
        );
      }
      return {
        contentType: 'application/json',
        sessionId: String(input.sessionId),
        completion: (async function* () {
          yield {
            returnControl: {
              invocationId: 'inv-1',
              invocationInputs: [
                { functionInvocationInput: { actionGroup: 'orders', function: 'status' } },
              ],
            },
          };
        })(),
      };
    });
    const out = await settle(() =>
      t
        .open(
          client({ credentials: CREDENTIALS, logger: capturingLogger(log) }),
          () => `status of ${PAYLOAD}`,
          {},
        )
        .finalMessage(),
    );
    expectNamed(out.error, ValidationError, t.operation);
    expectClean(out.error, log);
    expect((out.error as AwsAIError).serviceMessage).toContain('PAYLOADMARKER');
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Bad input: a ValidationError before any request

/** A value whose String() throws. */
const unprintable = {
  toString(): string {
    throw new Error(`cannot print ${PAYLOAD}`);
  },
};
const cyclic = (): unknown => {
  const node: Record<string, unknown> = { text: PAYLOAD };
  node.self = node;
  return node;
};
const nested = (depth: number): unknown => {
  let node: unknown = PAYLOAD;
  for (let i = 0; i < depth; i++) node = [node];
  return node;
};
const inlineWith = (extra: Record<string, unknown>) => ({ ...INLINE, ...extra }) as never;
const group = (extra: Record<string, unknown>) => inlineWith({ actionGroups: [extra] });

const BAD_INPUT: Array<[string, (ai: AwsAI) => Promise<unknown>]> = [
  // invoke
  [
    'invoke: agent id with a space',
    (ai) => ai.agents.invoke({ id: 'bad id', aliasId: 'TSTALIASID' }, PAYLOAD).text,
  ],
  ['invoke: agent not an object', (ai) => ai.agents.invoke(42 as never, PAYLOAD).text],
  ['invoke: blank input', (ai) => ai.agents.invoke(AGENT, ' \n ').text],
  [
    'invoke: input over 25,000,000 characters',
    (ai) => ai.agents.invoke(AGENT, 'x'.repeat(25_000_001)).text,
  ],
  ['invoke: input with a lone surrogate', (ai) => ai.agents.invoke(AGENT, `${PAYLOAD}\uD800`).text],
  [
    'invoke: sessionId of one character',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { sessionId: 'a' }).text,
  ],
  [
    'invoke: memoryId with a space',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { memoryId: 'a b' }).text,
  ],
  ['invoke: maxSteps 0', (ai) => ai.agents.invoke(AGENT, PAYLOAD, { maxSteps: 0 }).text],
  ['invoke: trace "yes"', (ai) => ai.agents.invoke(AGENT, PAYLOAD, { trace: 'yes' as never }).text],
  [
    'invoke: a tool execute that is no function',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { tools: { g: { f: { execute: 1 as never } } } }).text,
  ],
  [
    'invoke: sessionAttributes of numbers',
    (ai) =>
      ai.agents.invoke(AGENT, PAYLOAD, { sessionState: { sessionAttributes: { a: 1 as never } } })
        .text,
  ],
  [
    'invoke: tools whose getter throws',
    (ai) =>
      ai.agents.invoke(AGENT, PAYLOAD, {
        tools: {
          get g(): never {
            throw new TypeError(PAYLOAD);
          },
        },
      }).text,
  ],
  [
    'invoke: sessionState whose getter throws',
    (ai) =>
      ai.agents.invoke(AGENT, PAYLOAD, {
        sessionState: {
          get sessionAttributes(): never {
            throw new TypeError(PAYLOAD);
          },
        },
      }).text,
  ],
  [
    'invoke: idleTimeoutMs -1',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { idleTimeoutMs: -1 }).text,
  ],
  [
    'invoke: timeoutMs NaN',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { timeoutMs: Number.NaN }).text,
  ],
  [
    'invoke: signal that is no AbortSignal',
    (ai) => ai.agents.invoke(AGENT, PAYLOAD, { signal: 1 as never }).text,
  ],
  // invokeInline
  [
    'invokeInline: instruction under 40 characters',
    (ai) => ai.agents.invokeInline(inlineWith({ instruction: 'too short' }), PAYLOAD).text,
  ],
  [
    'invokeInline: model with a space',
    (ai) => ai.agents.invokeInline(inlineWith({ model: 'Claude Haiku' }), PAYLOAD).text,
  ],
  [
    'invokeInline: idleSessionTtlSeconds 59',
    (ai) => ai.agents.invokeInline(inlineWith({ idleSessionTtlSeconds: 59 }), PAYLOAD).text,
  ],
  [
    'invokeInline: knowledge base id of 11 characters',
    (ai) =>
      ai.agents.invokeInline(
        inlineWith({ knowledgeBases: [{ id: 'KB123456789', description: 'd' }] }),
        PAYLOAD,
      ).text,
  ],
  // AWS's ModelIdentifier and GuardrailIdentifierWithArn patterns: both were sent.
  [
    'invokeInline: a model id with a slash and upper case',
    (ai) => ai.agents.invokeInline(inlineWith({ model: 'Not/A:Model' }), PAYLOAD).text,
  ],
  [
    'invokeInline: a guardrail ARN without account and guardrail id',
    (ai) =>
      ai.agents.invokeInline(
        inlineWith({ guardrail: { id: 'arn:aws:bedrock:us-east-1', version: '1' } }),
        PAYLOAD,
      ).text,
  ],
  [
    'invokeInline: guardrail without a version',
    (ai) => ai.agents.invokeInline(inlineWith({ guardrail: { id: 'gr1' } }), PAYLOAD).text,
  ],
  [
    'invokeInline: a function that is null',
    (ai) => ai.agents.invokeInline(group({ name: 'g', functions: { f: null } }), PAYLOAD).text,
  ],
  [
    'invokeInline: functions that are a string',
    (ai) => ai.agents.invokeInline(group({ name: 'g', functions: 'abc' }), PAYLOAD).text,
  ],
  [
    'invokeInline: an action group description that is null',
    (ai) =>
      ai.agents.invokeInline(group({ name: 'g', description: null, functions: { f: {} } }), PAYLOAD)
        .text,
  ],
  [
    'invokeInline: an action group description that is a number',
    (ai) =>
      ai.agents.invokeInline(group({ name: 'g', description: 5, functions: { f: {} } }), PAYLOAD)
        .text,
  ],
  [
    'invokeInline: a function description that is a number',
    (ai) =>
      ai.agents.invokeInline(group({ name: 'g', functions: { f: { description: 5 } } }), PAYLOAD)
        .text,
  ],
  [
    'invokeInline: parameters that are a string',
    (ai) =>
      ai.agents.invokeInline(group({ name: 'g', functions: { f: { parameters: 'p' } } }), PAYLOAD)
        .text,
  ],
  [
    'invokeInline: a parameter description that is a number',
    (ai) =>
      ai.agents.invokeInline(
        group({
          name: 'g',
          functions: { f: { parameters: { p: { type: 'string', description: 5 } } } },
        }),
        PAYLOAD,
      ).text,
  ],
  [
    'invokeInline: a parameter required "yes"',
    (ai) =>
      ai.agents.invokeInline(
        group({
          name: 'g',
          functions: { f: { parameters: { p: { type: 'string', required: 'yes' } } } },
        }),
        PAYLOAD,
      ).text,
  ],
  [
    'invokeInline: a function execute that is no function',
    (ai) =>
      ai.agents.invokeInline(group({ name: 'g', functions: { f: { execute: 'run' } } }), PAYLOAD)
        .text,
  ],
  [
    'invokeInline: an action group name whose String() throws',
    (ai) =>
      ai.agents.invokeInline(group({ name: unprintable, functions: { f: {} } }), PAYLOAD).text,
  ],
  [
    'invokeInline: a knowledge base id whose String() throws',
    (ai) =>
      ai.agents.invokeInline(
        inlineWith({ knowledgeBases: [{ id: unprintable, description: 'd' }] }),
        PAYLOAD,
      ).text,
  ],
  // flow
  [
    'flow: flow id of 9 characters',
    (ai) => ai.agents.flow({ id: 'FLOW12345', aliasId: 'ALIAS12345' }, PAYLOAD).text,
  ],
  ['flow: undefined input', (ai) => ai.agents.flow(FLOW, undefined).text],
  [
    'flow: nodeName starting with a digit',
    (ai) => ai.agents.flow(FLOW, PAYLOAD, { nodeName: '1node' }).text,
  ],
  [
    'flow: executionId with a space',
    (ai) => ai.agents.flow(FLOW, PAYLOAD, { executionId: 'a b' }).text,
  ],
  // FlowExecutionId is 2-100 characters.
  [
    'flow: executionId of one character',
    (ai) => ai.agents.flow(FLOW, PAYLOAD, { executionId: 'a' }).text,
  ],
  ['flow: input that is a function', (ai) => ai.agents.flow(FLOW, () => PAYLOAD).text],
  ['flow: input that is a symbol', (ai) => ai.agents.flow(FLOW, Symbol(PAYLOAD)).text],
  ['flow: input NaN', (ai) => ai.agents.flow(FLOW, Number.NaN).text],
  [
    'flow: input holding Infinity',
    (ai) => ai.agents.flow(FLOW, { text: PAYLOAD, score: [1, Number.POSITIVE_INFINITY] }).text,
  ],
  [
    'flow: input holding a function',
    (ai) => ai.agents.flow(FLOW, { text: PAYLOAD, run: () => 1 }).text,
  ],
  ['flow: input holding a cycle', (ai) => ai.agents.flow(FLOW, cyclic()).text],
  ['flow: input nested 20,000 levels deep', (ai) => ai.agents.flow(FLOW, nested(20_000)).text],
  [
    'flow: input holding a Map',
    (ai) => ai.agents.flow(FLOW, { text: PAYLOAD, tags: new Map([['a', 1]]) }).text,
  ],
  [
    'flow: input holding a Date',
    (ai) => ai.agents.flow(FLOW, { text: PAYLOAD, at: new Date(0) }).text,
  ],
  [
    'flow: a bigint beyond 2^53',
    (ai) => ai.agents.flow(FLOW, { text: PAYLOAD, n: 2n ** 80n }).text,
  ],
  // memory and sessions
  ['getMemory: memoryId of one character', (ai) => ai.agents.getMemory(AGENT, 'a')],
  ['getMemory: pageSize 1001', (ai) => ai.agents.getMemory(AGENT, 'user-42', { pageSize: 1001 })],
  ['getMemory: agent not an object', (ai) => ai.agents.getMemory(true as never, 'user-42')],
  [
    'deleteMemory: which that is a string',
    (ai) => ai.agents.deleteMemory(AGENT, 'user-42' as never),
  ],
  [
    'deleteMemory: sessionId with a space',
    (ai) => ai.agents.deleteMemory(AGENT, { sessionId: 'a b' }),
  ],
  ['deleteMemory: timeoutMs -1', (ai) => ai.agents.deleteMemory(AGENT, {}, { timeoutMs: -1 })],
  ['endSession: not a UUID', (ai) => ai.agents.endSession('not-a-uuid')],
  ['endSession: a number', (ai) => ai.agents.endSession(42 as never)],
  // AWS matches SessionIdentifier whole; a JS reading of its `^(arn)|(uuid)$` took these and sent
  // the caller's text in the request path.
  [
    "endSession: the caller's text ending in a session UUID",
    (ai) => ai.agents.endSession(`${PAYLOAD} ${SESSION_UUID}`),
  ],
  [
    "endSession: a session ARN followed by the caller's text",
    (ai) =>
      ai.agents.endSession(
        `arn:aws:bedrock:us-east-1:123456789012:session/${SESSION_UUID} ${PAYLOAD}`,
      ),
  ],
];

describe('bad input is a ValidationError before any request', () => {
  it.each(BAD_INPUT)('%s', async (_title, run) => {
    const log: string[] = [];
    // A synchronous throw (bad options of a stream method) counts like a rejection.
    const out = await settle(async () =>
      run(client({ credentials: CREDENTIALS, logger: capturingLogger(log) })),
    );
    expect(ValidationError.isInstance(out.error), inspect(out.error)).toBe(true);
    expectClean(out.error, log);
    expect(emu.calls).toHaveLength(0);
  });

  it('invoke: whatever else goes wrong inside the stream is an AwsAIError naming the operation', async () => {
    emu.agent(AGENT.id, TOOL_SCRIPT);
    // A tool whose `execute` reads fine while the input is checked, then throws.
    let reads = 0;
    const status = {
      get execute() {
        reads += 1;
        if (reads > 1) throw new TypeError(`unreadable ${PAYLOAD}`);
        return () => 'shipped';
      },
    };
    const log: string[] = [];
    const out = await settle(() =>
      client({ credentials: CREDENTIALS, logger: capturingLogger(log) })
        .agents.invoke(AGENT, PAYLOAD, { tools: { orders: { status } } })
        .finalMessage(),
    );
    expectNamed(out.error, AwsAIError, 'InvokeAgent');
    expect((out.error as AwsAIError).code).toBe('InternalError');
    expectClean(out.error, log);
  });

  it('flow: JSON values of every kind are accepted as they are', async () => {
    const input = {
      text: PAYLOAD,
      n: 1.5,
      big: 2n ** 40n,
      yes: true,
      none: null,
      list: [1, 'two', { three: 3 }],
      bare: Object.assign(Object.create(null), { a: 1 }),
    };
    const result = await client().agents.flow(FLOW, input).finalMessage();
    expect(result.outputs[0]?.content).toEqual({ ...input, big: 2 ** 40, bare: { a: 1 } });
  });
});
