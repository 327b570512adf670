/**
 * The guarantees of docs/errors-and-retries.md and docs/knowledge.md for every public method of the
 * knowledge module: `retrieve` (one query, nextToken pages, an array of queries), `ask` (a knowledge
 * base, an inline document), `askStream` (every way of reading it) and `rerank` (one call, groups of
 * 1,000). The whole call's deadline, aborts, one retry budget, cut streams that never end normally,
 * no credential or input text in any error, bad input refused before any request.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { AwsAI, AwsAIConfig } from 'aws-ai';
import {
  AbortError,
  AccessDeniedError,
  type AskStream,
  AwsAIError,
  BatchError,
  BatchItemError,
  NotFoundError,
  ServiceError,
  StreamError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai/knowledge';
import type { FaultRule } from 'aws-ai/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AfterSettleOptions,
  callsTo,
  requestsAfterSettle,
  type Settled,
  settle,
  useEmulator,
} from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client: emulatorClient } = await useEmulator();

const SERVICE = 'bedrock-agent-runtime';
const KB = 'KB12345678';
/** A knowledge base answering one chunk per Retrieve page. */
const PAGED_KB = 'KBPAGED123';
const MODEL = 'amazon.nova-lite-v1:0';
const RERANKER = 'amazon.rerank-v1:0';
const RETRIES = 3;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline (the fault suite's margin). */
const MARGIN_MS = 150;

// The credentials are marked (test/helpers/leaks.ts), and so is the input: a leak is a substring hit.
/** The caller's text: every method's query, question or document holds it. */
const PAYLOAD = 'PAYLOADMARKER Patient record of Jane Roe vacation days';
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER', 'Patient record'];
/** Signatures the emulator saw in Authorization headers: none may come back in an error. */
const signatures = new Set<string>();

const DOCS = [
  {
    id: 'vacation',
    text: 'Employees get 25 vacation days per year. Unused vacation days expire in March. Vacation requests go through the HR portal.',
    metadata: { department: 'hr' },
  },
  {
    id: 'parental',
    text: 'Parental leave lasts 16 weeks. Parents may split parental leave.',
    metadata: { department: 'hr' },
  },
  {
    id: 'laptops',
    text: 'Laptops are replaced every three years. Request a laptop through the IT portal.',
    metadata: { department: 'it' },
  },
];

/** Everything the clients logged: it may hold no secret either. */
const logLines: string[] = [];
const log =
  (level: string) =>
  (message: string, ...meta: unknown[]): void => {
    logLines.push(`${level} ${message} ${inspect(meta, { showHidden: true, depth: Infinity })}`);
  };
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

/** A client with the marked credentials, the capturing logger and fast retries. */
function client(extra: AwsAIConfig = {}): AwsAI {
  return emulatorClient({
    credentials: CREDENTIALS,
    logger,
    retry: RETRY,
    ...extra,
  });
}

function knowledgeBases(): void {
  emu.knowledgeBase(KB, DOCS);
  emu.knowledgeBase(PAGED_KB, DOCS, { chunkWords: 1, pageSize: 1 });
}

// Loads the SDK once, so no deadline below is spent importing it.
beforeAll(async () => {
  knowledgeBases();
  await client().knowledge.askStream('vacation', { knowledgeBaseId: KB, model: MODEL }).text;
});

interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: typeof RETRY | false;
}

/** A public method (or a way of calling one), as one scenario. */
interface Method {
  name: string;
  operation: string;
  /** Requests it makes when nothing goes wrong. */
  requests: number;
  /** Separate items, each with its own retry budget (the queries of an array). */
  items: number;
  /** The body marker of each item's requests, to count them when methods run side by side. */
  marker: string;
  run: (ai: AwsAI, options: CallOptions) => Promise<unknown>;
}

const q = (marker: string): string => `${PAYLOAD} ${marker}`;
const manyDocs = (marker: string): string[] =>
  Array.from({ length: 2_100 }, (_, i) =>
    i === 1_700 ? `${q(marker)} policy` : `unrelated note number ${i}`,
  );

const METHODS: Method[] = [
  {
    name: 'retrieve (one query)',
    operation: 'Retrieve',
    requests: 1,
    items: 1,
    marker: 'mone',
    run: (ai, o) => ai.knowledge.retrieve(KB, q('mone'), o),
  },
  {
    name: 'retrieve (3 nextToken pages)',
    operation: 'Retrieve',
    requests: 3,
    items: 1,
    marker: 'mpages',
    run: (ai, o) => ai.knowledge.retrieve(PAGED_KB, q('mpages'), { topK: 3, ...o }),
  },
  {
    name: 'retrieve (array of 3 queries)',
    operation: 'Retrieve',
    requests: 3,
    items: 3,
    marker: 'marray',
    run: (ai, o) =>
      ai.knowledge.retrieve(KB, [q('marray 1'), q('marray 2'), q('marray 3')], { topK: 1, ...o }),
  },
  {
    name: 'ask (knowledge base)',
    operation: 'RetrieveAndGenerate',
    requests: 1,
    items: 1,
    marker: 'mask',
    run: (ai, o) => ai.knowledge.ask(q('mask'), { knowledgeBaseId: KB, model: MODEL, ...o }),
  },
  {
    name: 'ask (inline document)',
    operation: 'RetrieveAndGenerate',
    requests: 1,
    items: 1,
    marker: 'minline',
    run: (ai, o) =>
      ai.knowledge.ask(q('minline'), {
        sources: { document: new TextEncoder().encode(`${PAYLOAD}. Vacation days: 25.`) },
        model: MODEL,
        ...o,
      }),
  },
  {
    name: 'askStream (finalMessage)',
    operation: 'RetrieveAndGenerateStream',
    requests: 1,
    items: 1,
    marker: 'mstream',
    // async: askStream throws bad request options at once (tested on its own below).
    run: async (ai, o) =>
      ai.knowledge
        .askStream(q('mstream'), { knowledgeBaseId: KB, model: MODEL, ...o })
        .finalMessage(),
  },
  {
    name: 'rerank (one call)',
    operation: 'Rerank',
    requests: 1,
    items: 1,
    marker: 'mrerank',
    run: (ai, o) =>
      ai.knowledge.rerank(q('mrerank'), [PAYLOAD, 'vacation days', 'laptops'], {
        model: RERANKER,
        ...o,
      }),
  },
  {
    name: 'rerank (2,100 documents: 3 calls)',
    operation: 'Rerank',
    requests: 3,
    items: 1,
    marker: 'mgroups',
    run: (ai, o) =>
      ai.knowledge.rerank(q('mgroups'), manyDocs('mgroups'), { model: RERANKER, topN: 3, ...o }),
  },
];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Settles `call` and says how long after its deadline it settled, counted from when a timer of the
 * deadline's length, started with the call, actually fired: on a loaded machine every timer fires
 * late, and that lateness is the machine's, not the call's (as test/agents/guarantees.test.ts).
 */
function settleAfter(
  call: Promise<unknown>,
  deadlineMs: number,
): Promise<Settled & { late: number }> {
  const start = performance.now();
  let firedAt: number | undefined;
  const timer = setTimeout(() => {
    firedAt = performance.now();
  }, deadlineMs);
  return settle(call).then((out) => {
    clearTimeout(timer);
    return { ...out, late: performance.now() - (firedAt ?? start + deadlineMs) };
  });
}

/**
 * What each of the requests the emulator receives after the calls settled was (the operation and
 * the marker), to say which method sent it.
 */
async function lateRequests(options: AfterSettleOptions): Promise<string[]> {
  return (await requestsAfterSettle(emu, options)).map(
    (c) => `${c.operation} ${/ (m[a-z]+)/.exec(JSON.stringify(c.input))?.[1] ?? ''}`,
  );
}

function rule(operation: string | undefined, extra: Omit<FaultRule, 'service'>): FaultRule {
  return { service: SERVICE, ...(operation ? { operation } : {}), ...extra };
}

/** Requests whose body carried `marker` (so methods sharing an operation are told apart). */
function requestsOf(marker: string): number {
  return emu.calls.filter((c) => JSON.stringify(c.input).includes(` ${marker}`)).length;
}

/** The error a call settled with; for an array of queries, each query's error (the cause). */
function errorsOf(out: Settled, label: string): AwsAIError[] {
  expect(AwsAIError.isInstance(out.error), `${label}: ${inspect(out)}`).toBe(true);
  const err = out.error as AwsAIError;
  if (!(err instanceof BatchError)) return [err];
  return err.results.map((r) => {
    expect(r, label).toBeInstanceOf(BatchItemError);
    return (r as BatchItemError).cause as AwsAIError;
  });
}

/** Where a credential or the caller's text shows in `err` or in the log lines from `fromLine`. */
function leaks(err: unknown, fromLine = logLines.length): string[] {
  const texts = renderings(err);
  logLines.slice(fromLine).forEach((line, i) => {
    texts[`log${i}`] = line;
  });
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

it('baseline: every method succeeds with the requests the fault cases count against', async () => {
  knowledgeBases();
  for (const m of METHODS) {
    const out = await settle(m.run(client(), {}));
    expect(out.error, m.name).toBeUndefined();
    expect(requestsOf(m.marker), m.name).toBe(m.requests);
  }
});

describe.each(METHODS)('knowledge guarantees: deadline and abort of $name', (m) => {
  it('every request slower than the deadline: timeoutMs (per call or the client) settles with a TimeoutError, an abort at once with an AbortError, both naming service and operation, nothing sent after', async () => {
    knowledgeBases();
    emu.fault(rule(undefined, { kind: 'delay', delayMs: 200 }));
    const from = logLines.length;
    const controller = new AbortController();
    // Three calls side by side, each with its own client.
    const runs = [
      { how: 'options.timeoutMs', out: settleAfter(m.run(client(), { timeoutMs: 100 }), 100) },
      { how: 'client timeoutMs', out: settleAfter(m.run(client({ timeoutMs: 100 }), {}), 100) },
      { how: 'signal', out: settleAfter(m.run(client(), { signal: controller.signal }), 50) },
    ];
    setTimeout(() => controller.abort(), 50);
    for (const { how, out } of runs) {
      const settled = await out;
      const aborted = how === 'signal';
      expect(settled.late, how).toBeLessThan(MARGIN_MS);
      const Class = aborted ? AbortError : TimeoutError;
      expect(Class.isInstance(settled.error), `${how}: ${inspect(settled)}`).toBe(true);
      expect(settled.error, how).toMatchObject({ service: SERVICE, operation: m.operation });
      expect(leaks(settled.error, from), how).toEqual([]);
    }
    // A page, group or retry sent once the first answers came (at 200 ms) would land in here. A
    // busy machine logs the first requests late (nine go out at once): wait for a quiet log first.
    expect(await lateRequests({ quietWithinMs: 150, ms: 100 })).toEqual([]);
  });

  it('throttled always, each answer taking 30 ms, 50 retries allowed: settles at the deadline (never sleeps past it)', async () => {
    knowledgeBases();
    emu.fault(rule(undefined, { kind: 'delay', delayMs: 30 }));
    emu.fault(rule(undefined, { kind: 'throttle' }));
    const ai = client({ retry: { retries: 50, minDelayMs: 1, maxDelayMs: 5 } });
    const out = await settleAfter(m.run(ai, { timeoutMs: 100 }), 100);
    expect(out.late).toBeLessThan(MARGIN_MS);
    // The deadline, or the last real error when retrying gave up before it.
    for (const err of errorsOf(out, m.name)) {
      expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err), inspect(err)).toBe(
        true,
      );
      expect(err).toMatchObject({ service: SERVICE, operation: m.operation });
    }
    expect(await lateRequests({ ms: 50 })).toEqual([]);
  });

  it('an already aborted signal: an AbortError naming service and operation, no request', async () => {
    knowledgeBases();
    const out = await settle(m.run(client(), { signal: AbortSignal.abort() }));
    expect(AbortError.isInstance(out.error), inspect(out)).toBe(true);
    expect(out.error).toMatchObject({ service: SERVICE, operation: m.operation });
    expect(emu.calls).toHaveLength(0);
  });
});

it('pages and groups each faster than the deadline but slower together: a TimeoutError at the deadline', async () => {
  knowledgeBases();
  emu.fault(rule(undefined, { kind: 'delay', delayMs: 70 }));
  const sequential = METHODS.filter((m) => m.requests > 1 && m.items === 1);
  expect(sequential.map((m) => m.name)).toEqual([
    'retrieve (3 nextToken pages)',
    'rerank (2,100 documents: 3 calls)',
  ]);
  const runs = sequential.map((m) => ({ m, out: settle(m.run(client(), { timeoutMs: 170 })) }));
  for (const { m, out } of runs) {
    const settled = await out;
    expect(settled.ms, m.name).toBeLessThan(170 + MARGIN_MS);
    expect(TimeoutError.isInstance(settled.error), `${m.name}: ${inspect(settled)}`).toBe(true);
    expect(settled.error, m.name).toMatchObject({ service: SERVICE, operation: m.operation });
  }
  expect(await lateRequests({ ms: 100 })).toEqual([]);
});

describe.each(METHODS)('knowledge guarantees: retries of $name', (m) => {
  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError],
    ['5xx always', { kind: 'server-error' }, ServiceError],
    ['a dropped connection always', { kind: 'reset' }, ServiceError],
    ['a malformed answer always', { kind: 'malformed' }, ServiceError],
  ] as const)(
    '%s: retries + 1 requests per item, then a typed error without secrets',
    async (_, fault, Class) => {
      knowledgeBases();
      emu.fault(rule(m.operation, fault));
      const from = logLines.length;
      const out = await settle(m.run(client(), {}));
      for (const err of errorsOf(out, m.name)) {
        expect(err, inspect(err)).toBeInstanceOf(Class);
        expect(err).toMatchObject({ service: SERVICE, operation: m.operation, retryable: true });
      }
      expect(leaks(out.error, from)).toEqual([]);
      // The first request (or page, or group) fails for good: what comes after it is never sent.
      expect(callsTo(emu, m.operation)).toHaveLength((RETRIES + 1) * m.items);
    },
  );

  it("the client's retry options set the budget; retry: false makes one attempt", async () => {
    knowledgeBases();
    emu.fault(rule(m.operation, { kind: 'throttle' }));
    const one = await settle(
      m.run(client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }), {}),
    );
    for (const err of errorsOf(one, m.name)) expect(err).toBeInstanceOf(ThrottlingError);
    expect(callsTo(emu, m.operation)).toHaveLength(2 * m.items);
    const none = await settle(m.run(client(), { retry: false }));
    for (const err of errorsOf(none, m.name)) expect(err).toBeInstanceOf(ThrottlingError);
    expect(callsTo(emu, m.operation)).toHaveLength(3 * m.items);
  });

  it('throttled twice, then 5xx once: recovers within the budget', async () => {
    knowledgeBases();
    emu.fault(rule(m.operation, { kind: 'throttle', times: 2 }));
    emu.fault(rule(m.operation, { kind: 'server-error', times: 1 }));
    const out = await settle(m.run(client(), {}));
    expect(out.error).toBeUndefined();
    expect(callsTo(emu, m.operation)).toHaveLength(m.requests + 3);
  });

  it.each([
    ['ServiceQuotaExceededException', 400, ServiceError],
    ['AccessDeniedException', 403, AccessDeniedError],
    ['ValidationException', 400, ValidationError],
    ['ResourceNotFoundException', 404, NotFoundError],
  ] as const)(
    '%s is not retried; its echo of the input stays behind serviceMessage',
    async (code, status, Class) => {
      knowledgeBases();
      emu.handle(SERVICE, m.operation, (input, ctx) => {
        const signature = /Signature=([0-9a-f]{64})/.exec(ctx.headers.authorization ?? '')?.[1];
        if (signature) signatures.add(signature);
        throw emu.error(
          code,
          `Value '${JSON.stringify(input).slice(0, 300)}' failed to satisfy constraint. Authorization=${ctx.headers.authorization}`,
          status,
        );
      });
      const from = logLines.length;
      const out = await settle(m.run(client(), {}));
      for (const err of errorsOf(out, m.name)) {
        expect(err, inspect(err)).toBeInstanceOf(Class);
        expect(err).toMatchObject({ service: SERVICE, operation: m.operation, code });
        expect(err.retryable).toBe(false);
        expect(err.serviceMessage).toContain('PAYLOADMARKER');
      }
      expect(signatures.size).toBeGreaterThan(0);
      expect(leaks(out.error, from)).toEqual([]);
      expect(callsTo(emu, m.operation)).toHaveLength(m.items);
    },
  );
});

/** The ways of reading an askStream; each pushes what it saw to `seen`. */
const READERS: Record<string, (s: AskStream, seen: unknown[]) => Promise<unknown>> = {
  'for await': async (s, seen) => {
    for await (const e of s) seen.push(e);
  },
  textStream: async (s, seen) => {
    for await (const t of s.textStream) seen.push(t);
  },
  'finalMessage()': (s) => s.finalMessage(),
  text: (s) => s.text,
  'collect()': (s) => s.collect(),
  toReadableStream: async (s, seen) => {
    const reader = s.toReadableStream().getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen.push(r.value);
  },
  toNodeReadable: async (s, seen) => {
    for await (const e of s.toNodeReadable()) seen.push(e);
  },
};
/** Readers that hand out the events one by one (the others only the end result). */
const EVENT_READERS = new Set(['for await', 'textStream', 'toReadableStream', 'toNodeReadable']);

/** RetrieveAndGenerateStream answers 3 text events, then stalls `stallMs`, then ends. */
function stallingStream(stallMs: number): void {
  emu.handle(SERVICE, 'RetrieveAndGenerateStream', () => ({
    sessionId: 'stalled-session',
    stream: (async function* () {
      for (let i = 0; i < 3; i++) yield { output: { text: `part ${i}. ` } };
      await sleep(stallMs);
      yield { output: { text: 'late part.' } };
    })(),
  }));
}

interface Cut {
  name: string;
  arrange: () => void;
  options: { timeoutMs?: number; idleTimeoutMs?: number; signal?: AbortSignal };
  /** After the reads started (the caller's abort). */
  during?: () => void;
  /** The read settles within this of its start (a deadline). */
  settlesWithinMs?: number;
  check: (err: AwsAIError, label: string) => void;
}

const controllerFor: { current?: AbortController } = {};

const CUTS: Cut[] = [
  {
    name: 'its timeoutMs',
    arrange: () => stallingStream(500),
    options: { timeoutMs: 250 },
    settlesWithinMs: 250,
    check: (err, label) => expect(TimeoutError.isInstance(err), label).toBe(true),
  },
  {
    name: "the client's timeoutMs",
    arrange: () => stallingStream(500),
    options: {},
    settlesWithinMs: 250,
    check: (err, label) => expect(TimeoutError.isInstance(err), label).toBe(true),
  },
  {
    name: 'idleTimeoutMs',
    arrange: () => stallingStream(500),
    options: { idleTimeoutMs: 200 },
    settlesWithinMs: 200 + 200,
    check: (err, label) => {
      expect(err, label).toBeInstanceOf(StreamError);
      expect(err.code, label).toBe('IdleTimeout');
    },
  },
  {
    name: "the caller's signal",
    arrange: () => stallingStream(500),
    options: {},
    during: () => setTimeout(() => controllerFor.current?.abort(), 200),
    settlesWithinMs: 200,
    check: (err, label) => expect(AbortError.isInstance(err), label).toBe(true),
  },
  {
    name: 'a dropped connection after 3 events',
    arrange: () => emu.fault(rule('RetrieveAndGenerateStream', { kind: 'reset', afterEvents: 3 })),
    options: {},
    check: (err, label) => expect(err, label).toBeInstanceOf(StreamError),
  },
  {
    name: 'an exception event after 3 events',
    arrange: () =>
      emu.fault(
        rule('RetrieveAndGenerateStream', {
          kind: 'stream-error',
          afterEvents: 3,
          code: 'ThrottlingException',
        }),
      ),
    options: {},
    check: (err, label) => {
      expect(err, label).toBeInstanceOf(StreamError);
      expect(err.code, label).toBe('ThrottlingException');
      expect(err.cause, label).toBeInstanceOf(ThrottlingError);
    },
  },
];

describe.each(CUTS)('knowledge guarantees: askStream cut by $name', (cut) => {
  it('rejects typed from every way of reading it, keeps what arrived, never ends normally, sends nothing after', async () => {
    knowledgeBases();
    cut.arrange();
    const controller = new AbortController();
    controllerFor.current = controller;
    const ai = client(cut.name.startsWith("the client's") ? { timeoutMs: 250 } : {});
    const from = logLines.length;
    // Every reader on its own stream (its own request), side by side.
    const runs = Object.entries(READERS).map(([name, read]) => {
      const stream = ai.knowledge.askStream(PAYLOAD, {
        knowledgeBaseId: KB,
        model: MODEL,
        signal: controller.signal,
        ...cut.options,
      });
      const seen: unknown[] = [];
      return { name, stream, seen, out: settle(read(stream, seen)) };
    });
    cut.during?.();
    for (const { name, stream, seen, out } of runs) {
      const settled = await out;
      const label = `${cut.name}, read by ${name}`;
      if (cut.settlesWithinMs !== undefined) {
        expect(settled.ms, label).toBeLessThan(cut.settlesWithinMs + MARGIN_MS);
      }
      const err = settled.error as AwsAIError;
      expect(AwsAIError.isInstance(err), `${label}: ${inspect(settled)}`).toBe(true);
      cut.check(err, label);
      expect(err, label).toMatchObject({
        service: SERVICE,
        operation: 'RetrieveAndGenerateStream',
      });
      // What arrived before the cut stays delivered.
      if (EVENT_READERS.has(name)) expect(seen, label).toHaveLength(3);
      // The result settles with that same error, whichever way the stream was read.
      const final = await settle(stream.finalMessage());
      expect(final.error, label).toBe(err);
      expect(leaks(err, from), label).toEqual([]);
    }
    expect(callsTo(emu, 'RetrieveAndGenerateStream')).toHaveLength(runs.length);
    expect(await lateRequests({ ms: 100 })).toEqual([]);
  });
});

describe('knowledge guarantees: askStream errors', () => {
  it('an exception event that echoes the question: a StreamError whose text is behind serviceMessage only', async () => {
    emu.handle(SERVICE, 'RetrieveAndGenerateStream', (input) => ({
      sessionId: 'echo-session',
      stream: (async function* () {
        yield { output: { text: 'Partial answer. ' } };
        throw emu.error(
          'ValidationException',
          `Value '${JSON.stringify(input).slice(0, 200)}' at 'input.text' failed to satisfy constraint`,
        );
      })(),
    }));
    const from = logLines.length;
    const stream = client().knowledge.askStream(PAYLOAD, { knowledgeBaseId: KB, model: MODEL });
    const seen: unknown[] = [];
    const out = await settle((READERS['for await'] as (typeof READERS)[string])(stream, seen));
    expect(seen).toEqual([{ type: 'text-delta', text: 'Partial answer. ' }]);
    const err = out.error as AwsAIError;
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ code: 'ValidationException', service: SERVICE });
    expect(err.serviceMessage).toContain('PAYLOADMARKER');
    expect(leaks(err, from)).toEqual([]);
    await expect(stream.text).rejects.toBe(err);
  });

  it('a request that never answers within idleTimeoutMs: StreamError IdleTimeout, nothing sent after', async () => {
    knowledgeBases();
    emu.fault(rule('RetrieveAndGenerateStream', { kind: 'delay', delayMs: 300 }));
    const stream = client().knowledge.askStream(PAYLOAD, {
      knowledgeBaseId: KB,
      model: MODEL,
      idleTimeoutMs: 80,
    });
    const out = await settle(stream.finalMessage());
    expect(out.ms).toBeLessThan(80 + MARGIN_MS);
    expect(out.error).toBeInstanceOf(StreamError);
    expect(out.error).toMatchObject({
      code: 'IdleTimeout',
      operation: 'RetrieveAndGenerateStream',
    });
    expect(await lateRequests({ ms: 250 })).toEqual([]);
    expect(callsTo(emu, 'RetrieveAndGenerateStream')).toHaveLength(1);
  });
});

describe('knowledge guarantees: askStream cut before its request left', () => {
  const docPath = join(tmpdir(), `aws-ai-kb-cut-${process.pid}.txt`);
  const SOURCES = [
    { name: 'a knowledge base', options: { knowledgeBaseId: KB } },
    { name: 'a document read from a file', options: { sources: { document: docPath } } },
  ];
  it.each(SOURCES)(
    '$name: aborted (signal or stream.abort()) right after the first read started: AbortError, nothing is sent',
    async ({ options }) => {
      knowledgeBases();
      writeFileSync(docPath, DOCS.map((d) => d.text).join(' '));
      const controller = new AbortController();
      const open = (signal?: AbortSignal) =>
        client().knowledge.askStream(PAYLOAD, { model: MODEL, ...options, signal });
      const bySignal = open(controller.signal);
      const byAbort = open();
      const firsts = [bySignal, byAbort].map((stream) => stream[Symbol.asyncIterator]().next());
      // Synchronously after the first reads: each source is still before its request.
      controller.abort();
      byAbort.abort();
      for (const [i, stream] of [bySignal, byAbort].entries()) {
        const out = await settle(firsts[i] as Promise<unknown>);
        expect(out.error).toBeInstanceOf(AbortError);
        expect(out.error).toMatchObject({
          service: SERVICE,
          operation: 'RetrieveAndGenerateStream',
        });
        await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
      }
      expect(await lateRequests({ ms: 100 })).toEqual([]);
      expect(emu.calls).toHaveLength(0);
    },
  );
});

describe('knowledge guarantees: bad input is a ValidationError before any request', () => {
  const kb = () => client().knowledge;
  const ask = { knowledgeBaseId: KB, model: MODEL };

  it('bad request options, for every method', async () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      ['timeoutMs -1', { timeoutMs: -1 }],
      ['timeoutMs NaN', { timeoutMs: Number.NaN }],
      ["timeoutMs '100'", { timeoutMs: '100' }],
      ['signal 1', { signal: 1 }],
      ['retry true', { retry: true }],
      ['retry.retries -1', { retry: { retries: -1 } }],
    ];
    for (const m of METHODS) {
      for (const [what, options] of bad) {
        const out = await settle(m.run(client(), options as CallOptions));
        expect(out.error, `${m.name}, ${what}`).toBeInstanceOf(ValidationError);
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it("askStream: bad timeoutMs, idleTimeoutMs or signal throw at once; bad input rejects every reader's first read", async () => {
    for (const options of [
      { timeoutMs: 0 },
      { idleTimeoutMs: -5 },
      { idleTimeoutMs: '5' },
      { signal: {} },
    ]) {
      expect(
        () => kb().askStream('q', { ...ask, ...(options as object) }),
        inspect(options),
      ).toThrow(ValidationError);
    }
    for (const [name, read] of Object.entries(READERS)) {
      const stream = kb().askStream('x'.repeat(1_001), ask);
      const out = await settle(read(stream, []));
      expect(out.error, name).toBeInstanceOf(ValidationError);
      await expect(stream.finalMessage(), name).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('an implicit filter attribute that is not { key, type, description } as AWS takes it', async () => {
    const model = MODEL;
    const cases: Array<[unknown, RegExp]> = [
      [null, /attributes\[0\] must be \{ key, type, description \}/],
      [{ key: '', type: 'STRING', description: 'd' }, /attributes\[0\]\.key must be/],
      [{ key: 'k'.repeat(257), type: 'STRING', description: 'd' }, /\.key must be .*1-256/],
      [{ key: 'year', type: 'DATE', description: 'd' }, /\.type must be one of STRING/],
      [{ key: 'year', type: 'NUMBER' }, /\.description must be/],
      [{ key: 'year', type: 'NUMBER', description: 'd'.repeat(1_025) }, /\.description must be/],
    ];
    for (const [attribute, message] of cases) {
      const implicitFilter = { model, attributes: [attribute] } as never;
      for (const call of [
        kb().retrieve(KB, 'q', { implicitFilter }),
        kb().ask('q', { ...ask, implicitFilter }),
      ]) {
        const out = await settle(call);
        expect(out.error, inspect(attribute)).toBeInstanceOf(ValidationError);
        expect((out.error as Error).message).toMatch(message);
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('a filter operator named like an Object.prototype member (toString, constructor, __proto__) is an unknown operator', async () => {
    for (const filter of [
      { toString: { key: 'a', value: [1] } },
      { constructor: { key: 'a', value: [1] } },
      { valueOf: { key: 'a', value: 1 } },
      JSON.parse('{"__proto__": {"key": "a", "value": 1}}'),
      {
        andAll: [{ equals: { key: 'a', value: 1 } }, { hasOwnProperty: { key: 'b', value: [2] } }],
      },
    ]) {
      const out = await settle(kb().retrieve(KB, 'q', { filter }));
      expect(out.error, inspect(filter)).toBeInstanceOf(ValidationError);
      expect((out.error as Error).message).toMatch(/unknown operator/);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('retrieval options with sources (which have no retrieval to configure) are refused, not dropped', async () => {
    const sources = { document: new TextEncoder().encode('Vacation days: 25.') };
    for (const option of [
      { topK: 1_000 },
      { filter: { equals: { key: 'department', value: 'hr' } } },
      { searchType: 'hybrid' },
      { rerank: { model: RERANKER } },
    ]) {
      const out = await settle(kb().ask('q', { sources, model: MODEL, ...option } as never));
      expect(out.error, inspect(option)).toBeInstanceOf(ValidationError);
      expect((out.error as Error).message).toMatch(/not to sources/);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('an array of queries is checked whole before any request: a hole or a bad query is a ValidationError naming its index', async () => {
    knowledgeBases();
    const holes = new Array<string>(3);
    holes[0] = 'vacation';
    holes[2] = 'laptops';
    for (const [queries, index] of [
      [holes, 1],
      [['vacation', '   ', 'laptops'], 1],
      [['vacation', 'laptops', 42], 2],
      [['vacation', 'x'.repeat(20_001)], 1],
      [new Array<string>(2), 0],
    ] as const) {
      const out = await settle(kb().retrieve(KB, queries as never, { topK: 1 }));
      expect(out.error).toBeInstanceOf(ValidationError);
      expect((out.error as ValidationError).message).toContain(`query[${index}]`);
      expect((out.error as ValidationError).message).not.toContain('vacation');
    }
    expect(callsTo(emu, 'Retrieve')).toHaveLength(0);
    const results = await kb().retrieve(KB, ['vacation', 'laptops'], { topK: 1 });
    expect(results.map((r) => r.pages)).toEqual([1, 1]);
    expect(callsTo(emu, 'Retrieve')).toHaveLength(2);
  });

  it("the caller's text in the wrong place (a query as the knowledge base id, a question as the model) is not quoted", async () => {
    const from = logLines.length;
    const calls = [
      kb().retrieve(PAYLOAD, KB),
      kb().retrieve(PAYLOAD, [KB]),
      kb().ask('q', { knowledgeBaseId: PAYLOAD, model: MODEL }),
      kb().ask('q', { knowledgeBaseId: KB, model: PAYLOAD }),
      kb().rerank('q', ['a'], { model: PAYLOAD }),
      kb().retrieve(KB, 'q', { rerank: { model: PAYLOAD } }),
      kb().retrieve(KB, 'q', { searchType: PAYLOAD as never }),
      kb().askStream('q', { knowledgeBaseId: KB, model: PAYLOAD }).finalMessage(),
      kb().ask('q', { sources: { document: PAYLOAD }, model: MODEL }),
    ];
    for (const [i, call] of calls.entries()) {
      const out = await settle(call);
      expect(out.error, `call ${i}`).toBeInstanceOf(ValidationError);
      expect(leaks(out.error, from), `call ${i}`).toEqual([]);
    }
    // An identifier-like value is still quoted: it says what was wrong with it.
    const typo = await settle(kb().ask('q', { knowledgeBaseId: KB, model: 'Amazon.Nova' }));
    expect((typo.error as Error).message).toContain("'Amazon.Nova'");
    expect(emu.calls).toHaveLength(0);
  });
});
