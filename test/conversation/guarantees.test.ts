/**
 * The guarantees of docs/errors-and-retries.md ("Credentials and your data in errors", "Retries",
 * "Deadlines and cancellation") and docs/conversation.md, checked for every public method of the
 * conversation module: send, say, sayStream (its turn and its audio), converse, state, put, end.
 *
 * - the deadline (the call's or the client's `timeoutMs`) settles the call with a TimeoutError
 *   naming Lex and the operation, and nothing is sent after it settles;
 * - the caller's signal rejects at once with an AbortError naming them, nothing sent after;
 * - throttling and 5xx are retried within one budget (`retries + 1` requests), then fail typed;
 *   refusals are not retried;
 * - a cut stream (deadline, idle, dropped connection, exception) never ends normally, from every
 *   way of reading it, and what arrived before stays delivered;
 * - every failure is an AwsAIError holding no credential and no input text (only `serviceMessage`);
 * - bad input is a ValidationError before any request;
 * - a failed or timed-out turn leaves the session usable for the next one.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  AwsAI,
  type AwsAIConfig,
  AwsAIError,
  type AwsAIStream,
  NotFoundError,
  type RequestOptions,
  ServiceError,
  StreamError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type {
  BotConversation,
  BotConverseEvent,
  BotConverseOptions,
  BotSession,
  ConverseInput,
} from 'aws-ai/conversation';
import { type BotScript, type Emulator, type FaultRule, startEmulator } from 'aws-ai/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu } = await useEmulator();

const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline: timers, event loop and the HTTP/2 teardown. */
const MARGIN_MS = 150;
const DEADLINE_MS = 100;

/** The user's words: what must never be quoted by an error (outside `serviceMessage`). */
const PAYLOAD = 'PAYLOADMARKER my card is 4111 1111 1111 1111';
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER', '4111 1111'];

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;
const ORDER = 'I want to order a pizza';
const SCRIPT: BotScript = {
  intents: [
    {
      name: 'OrderPizza',
      utterances: [ORDER],
      slots: [
        { name: 'size', prompt: 'What size?', values: ['small', 'large'] },
        { name: 'name', prompt: 'What name?' },
      ],
      fulfilled: 'Thanks {name}.',
    },
  ],
  fallback: 'Sorry?',
  hear: () => ORDER,
  heartbeatMs: 0,
};

function client(extra: AwsAIConfig = {}): AwsAI {
  return new AwsAI({ ...emu.config, credentials: CREDENTIALS, retry: RETRY, ...extra });
}

let sessions = 0;
/** A bot session of its own for each use (Lex keeps state per session). */
function botOf(ai: AwsAI = client()): BotSession {
  sessions += 1;
  return ai.conversation.bot(PIZZA, { sessionId: `guarantee-${sessions}` });
}

/** 16 kHz 16-bit mono PCM of `ms` milliseconds. */
const pcm = (ms: number) => new Uint8Array(32 * ms);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How {@link requestsAfterSettle} watches for requests after a call settled: a request that left
 * just before is logged a moment later, so counting starts after a 30 ms grace, then 70 ms. (A retry
 * would come within a few ms: the retry delays are 1–5 ms.)
 */
const AFTER_SETTLE = { graceMs: 30, ms: 70 } as const;

/** The error is an AwsAIError and none of its renderings holds a credential or the input. */
function expectClean(err: unknown): AwsAIError {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  expect(secretsIn(renderings(err), FORBIDDEN)).toEqual([]);
  return err as AwsAIError;
}

function expectNamed(err: unknown, Class: typeof AwsAIError, operation: string): void {
  expect(Class.isInstance(err), inspect(err)).toBe(true);
  expect((err as AwsAIError).service).toBe('lex-runtime');
  expect((err as AwsAIError).operation).toBe(operation);
  expectClean(err);
}

// ---------------------------------------------------------------------------------------------
// The request/response methods (sayStream read to its end counts as one call).
// ---------------------------------------------------------------------------------------------

interface Method {
  name: string;
  operation: string;
  /** Needs a session Lex already holds (GetSession, DeleteSession). */
  needsSession?: boolean;
  run: (bot: BotSession, options: RequestOptions) => Promise<unknown>;
}

const METHODS: Method[] = [
  {
    name: 'send',
    operation: 'RecognizeText',
    run: (bot, o) => bot.send(PAYLOAD, { requestAttributes: { note: PAYLOAD }, ...o }),
  },
  {
    name: 'say',
    operation: 'RecognizeUtterance',
    run: (bot, o) =>
      bot.say(pcm(200), {
        responseContentType: 'pcm',
        requestAttributes: { note: PAYLOAD },
        ...o,
      }),
  },
  {
    name: 'sayStream (audio read to the end)',
    operation: 'RecognizeUtterance',
    run: async (bot, o) => {
      const turn = await bot.sayStream(pcm(200), {
        responseContentType: 'pcm',
        requestAttributes: { note: PAYLOAD },
        ...o,
      });
      return { ...turn, audio: await turn.audio.collect() };
    },
  },
  { name: 'state', operation: 'GetSession', needsSession: true, run: (bot, o) => bot.state(o) },
  {
    name: 'put',
    operation: 'PutSession',
    run: (bot, o) =>
      bot.put(
        { dialogAction: { type: 'ElicitIntent' }, sessionAttributes: { note: PAYLOAD } },
        { messages: [{ type: 'text', text: PAYLOAD }], requestAttributes: { note: PAYLOAD }, ...o },
      ),
  },
  { name: 'end', operation: 'DeleteSession', needsSession: true, run: (bot, o) => bot.end(o) },
];

describe.each(METHODS)('conversation.bot $name ($operation)', (m) => {
  let bot: BotSession;
  const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
    service: 'lex-runtime',
    operation: m.operation,
    ...extra,
  });
  const calls = () => callsTo(emu, m.operation).length;
  /** The bot, and for GetSession/DeleteSession a session Lex holds (made before any fault). */
  async function ready(ai: AwsAI = client()): Promise<BotSession> {
    emu.bot(PIZZA.botId, SCRIPT);
    const made = botOf(ai);
    if (m.needsSession) await made.send(ORDER);
    return made;
  }
  beforeEach(async () => {
    bot = await ready();
  });

  it('works without faults, in one request', async () => {
    await m.run(bot, {});
    expect(calls()).toBe(1);
  });

  it("every request slower than the deadline: the call's and the client's timeoutMs (TimeoutError) and the caller's signal (AbortError) settle it in time, naming the operation; nothing sent after", async () => {
    // Three calls at once, each on its own session: the call's deadline, the client's, an abort.
    const timed = await ready(client({ timeoutMs: DEADLINE_MS }));
    const aborted = await ready();
    // Each client connected before the clock starts (a busy machine makes a first connection slow),
    // by a turn that the client's short deadline does not bound.
    await Promise.all([bot, timed, aborted].map((b) => b.send(ORDER, { timeoutMs: 30_000 })));
    const before = calls();
    emu.fault(rule({ kind: 'delay', delayMs: 400 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const [byCall, byClient, bySignal] = await Promise.all([
      settle(() => m.run(bot, { timeoutMs: DEADLINE_MS })),
      settle(() => m.run(timed, {})),
      settle(() => m.run(aborted, { signal: controller.signal })),
    ]);
    expect(byCall.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byCall.error, TimeoutError, m.operation);
    expect(byClient.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byClient.error, TimeoutError, m.operation);
    expect(bySignal.ms).toBeLessThan(50 + MARGIN_MS);
    expectNamed(bySignal.error, AbortError, m.operation);
    // Never retried after the deadline or the abort: at most the one request each, cut.
    expect(calls() - before).toBeLessThanOrEqual(3);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('a deadline that passes during the retries: settles by it, with the last real error or a TimeoutError', async () => {
    emu.fault(rule({ kind: 'delay', delayMs: 30 }));
    emu.fault(rule({ kind: 'throttle' }));
    const out = await settle(() =>
      m.run(bot, { timeoutMs: 100, retry: { retries: 50, minDelayMs: 10, maxDelayMs: 20 } }),
    );
    expect(out.ms).toBeLessThan(100 + MARGIN_MS);
    const err = expectClean(out.error);
    expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err)).toBe(true);
    expect(err.service).toBe('lex-runtime');
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('an already aborted signal: AbortError, no request', async () => {
    const before = emu.calls.length;
    const out = await settle(() => m.run(bot, { signal: AbortSignal.abort() }));
    expectNamed(out.error, AbortError, m.operation);
    expect(emu.calls.length).toBe(before);
  });

  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError],
    ['5xx always', { kind: 'server-error' }, ServiceError],
  ] as const)('%s: retries + 1 requests, then a typed error', async (_, f, Class) => {
    emu.fault(rule(f));
    const out = await settle(() => m.run(bot, {}));
    expectNamed(out.error, Class, m.operation);
    expect((out.error as AwsAIError).retryable).toBe(true);
    expect(calls()).toBe(RETRIES + 1);
  });

  it.each([
    ['throttled twice', { kind: 'throttle', times: 2 }],
    ['5xx twice', { kind: 'server-error', times: 2 }],
    ['connection reset twice', { kind: 'reset', times: 2 }],
    ['malformed twice', { kind: 'malformed', times: 2 }],
  ] as const)('%s: recovers within the budget', async (_, f) => {
    emu.fault(rule(f));
    const out = await settle(() => m.run(bot, {}));
    expect(out.error).toBeUndefined();
    expect(calls()).toBe(3);
  });

  it("the client's retry options set the budget; retry: false is one request", async () => {
    emu.fault(rule({ kind: 'throttle' }));
    const once = await ready(client({ retry: { retries: 0 } }));
    expectNamed((await settle(() => m.run(once, {}))).error, ThrottlingError, m.operation);
    expect(calls()).toBe(1);
    expectNamed(
      (await settle(() => m.run(bot, { retry: false }))).error,
      ThrottlingError,
      m.operation,
    );
    expect(calls()).toBe(2);
  });

  it('a refusal is not retried: AccessDeniedError after one request', async () => {
    emu.fault(rule({ kind: 'server-error', code: 'AccessDeniedException', status: 403 }));
    const out = await settle(() => m.run(bot, {}));
    expectNamed(out.error, AccessDeniedError, m.operation);
    expect(calls()).toBe(1);
  });

  it('an unknown bot is a NotFoundError after one request', async () => {
    const unknown = client().conversation.bot({ ...PIZZA, botId: 'NOSUCHBOT1' });
    const out = await settle(() => m.run(unknown, {}));
    expectNamed(out.error, NotFoundError, m.operation);
    expect(calls()).toBe(1);
  });

  it('an error echoing the input keeps it behind serviceMessage only', async () => {
    emu.handle('lex-runtime', m.operation, () => {
      throw emu.error(
        'ValidationException',
        `1 validation error detected: Value '${PAYLOAD}' at 'text' failed to satisfy constraint`,
        400,
      );
    });
    const out = await settle(() => m.run(bot, {}));
    const err = expectClean(out.error);
    expect(ValidationError.isInstance(err)).toBe(true);
    expect(err.serviceMessage).toContain(PAYLOAD);
    expect(calls()).toBe(1);
  });

  it('a timed-out or aborted call leaves the session usable for the next turn', async () => {
    // Lex may still carry out a request whose caller gave up (the emulator does, after the delay):
    // the next turn waits for that, so that it is the only thing that changes the session.
    emu.fault(rule({ kind: 'delay', delayMs: 100, times: 2 }));
    expectNamed(
      (await settle(() => m.run(bot, { timeoutMs: 50 }))).error,
      TimeoutError,
      m.operation,
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expectNamed(
      (await settle(() => m.run(bot, { signal: controller.signal }))).error,
      AbortError,
      m.operation,
    );
    await sleep(120);
    const next = await settle(() => bot.send(ORDER));
    expect(next.error).toBeUndefined();
    if (m.needsSession) await bot.send(ORDER);
    const again = await settle(() => m.run(bot, {}));
    expect(again.error).toBeUndefined();
  });
});

describe('say and put: a connection dropped mid-answer', () => {
  it.each([
    ['say', 'RecognizeUtterance'],
    ['put', 'PutSession'],
  ] as const)(
    '%s: retried, then a ServiceError; never the cut audio returned as the answer',
    async (method, operation) => {
      // The emulator's cut: the answer's headers and 1,000 bytes of its audio, then the connection
      // drops (deterministic, where closing an emulator mid-answer raced the answer's end).
      emu.bot(PIZZA.botId, SCRIPT);
      const audio = new Uint8Array(200_000);
      emu.handle('lex-runtime', operation, (input) => ({
        contentType: 'audio/pcm',
        sessionId: input.sessionId,
        audioStream: audio,
      }));
      emu.fault({ service: 'lex-runtime', operation, kind: 'reset', afterBytes: 1_000 });
      const ai = new AwsAI({ ...emu.config, credentials: CREDENTIALS, retry: RETRY });
      const bot = ai.conversation.bot(PIZZA, { sessionId: `dropped-${method}` });
      const out = await settle(() =>
        method === 'say'
          ? bot.say(pcm(200), { responseContentType: 'pcm' })
          : bot.put({ dialogAction: { type: 'ElicitIntent' } }, { responseContentType: 'pcm' }),
      );
      const err = expectClean(out.error);
      expect(ServiceError.isInstance(err), inspect(err)).toBe(true);
      expect(err).toMatchObject({ service: 'lex-runtime', operation, retryable: true });
      // Every attempt was cut: retried within the budget, never the cut audio as the answer.
      expect(callsTo(emu, operation)).toHaveLength(RETRIES + 1);
    },
  );
});

describe('bad input is a ValidationError before any request', () => {
  it('a sessionId Lex refuses is named by its length, never quoted (it is often a user id)', () => {
    let caught: unknown;
    try {
      client().conversation.bot(PIZZA, { sessionId: 'jane.roe@example.com' });
    } catch (err) {
      caught = err;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain('a string of 20 characters');
    expect((caught as Error).message).not.toContain('jane');
  });

  it('text passed as a bot id or an option value is named by its length, never quoted; an id-shaped one is quoted', async () => {
    const words = 'my card is 4111 1111'; // 20 characters, spaces: not shaped like an id
    const long = `${'x'.repeat(41)} PAYLOADMARKER`;
    const ai = client();
    const refusal = (call: () => unknown): string => {
      try {
        call();
      } catch (err) {
        expect(ValidationError.isInstance(err), inspect(err)).toBe(true);
        return (err as Error).message;
      }
      throw new Error('not refused');
    };
    // (The model sets no pattern for an alias or a locale: any non-empty string is sent.)
    const message = refusal(() => ai.conversation.bot({ ...PIZZA, botId: words }));
    expect(message).toContain('a string of 20 characters');
    expect(message).not.toContain('4111');
    // An id-shaped mistake stays quoted: the caller needs to see which id.
    expect(refusal(() => ai.conversation.bot({ ...PIZZA, botId: 'PIZZABOT0' }))).toContain(
      "'PIZZABOT0'",
    );
    const bot = botOf(ai);
    const options: Array<() => Promise<unknown>> = [
      () => bot.say(pcm(200), { contentType: long }),
      () => bot.say(pcm(200), { responseContentType: long }),
      () => bot.put({ dialogAction: { type: 'ElicitIntent' } }, { responseContentType: long }),
      () => bot.converse([{ text: ORDER }], { mode: long as never }).collect(),
      () => bot.converse([{ text: ORDER }], { contentType: long as never }).collect(),
      () => bot.converse([{ text: ORDER }], { playback: long as never }).collect(),
    ];
    for (const call of options) {
      const out = await settle(call);
      expect(ValidationError.isInstance(out.error), inspect(out.error)).toBe(true);
      expect((out.error as Error).message).toContain(`a string of ${long.length} characters`);
      expectClean(out.error);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('bot(), send, say, sayStream, put, state, end', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const ai = client();
    const bot = botOf(ai);
    const sync: Array<() => unknown> = [
      () => ai.conversation.bot({ ...PIZZA, botId: 'short' }),
      () => ai.conversation.bot({ ...PIZZA, localeId: '' }),
      () => ai.conversation.bot(PIZZA, { sessionId: 'x' }),
      () => ai.conversation.bot(null as never),
    ];
    for (const call of sync) expect(call).toThrow(ValidationError);
    const calls: Array<() => Promise<unknown>> = [
      () => bot.send(''),
      () => bot.send('   '),
      () => bot.send('x'.repeat(1_025)),
      () => bot.send('a\uD800'),
      () => bot.send(42 as never),
      () => bot.send(ORDER, { sessionState: { dialogAction: {} } as never }),
      () => bot.send(ORDER, { requestAttributes: { n: 1 } as never }),
      () => bot.send(ORDER, { timeoutMs: -1 }),
      () => bot.send(ORDER, { signal: 1 as never }),
      () => bot.send(ORDER, { retry: true as never }),
      () => bot.say(new Uint8Array()),
      () => bot.say(pcm(16_000)),
      () => bot.say(pcm(200), { contentType: 'audio/mp3' }),
      () => bot.say(new Uint8Array(3)),
      () => bot.say(pcm(200), { responseContentType: 'video/mp4' }),
      () =>
        bot.say(pcm(200), {
          sessionState: { sessionAttributes: { a: randomBytes(12_000).toString('hex') } },
        }),
      () => bot.sayStream(pcm(200), { responseContentType: 'text' }),
      () => bot.sayStream(new Uint8Array()),
      () => bot.sayStream(pcm(200), { timeoutMs: Number.NaN }),
      () => bot.put({} as never),
      () =>
        bot.put(
          { dialogAction: { type: 'ElicitIntent' } },
          { messages: new Array(11).fill({ type: 'text', text: 'hi' }) },
        ),
      () => bot.put({ dialogAction: { type: 'ElicitIntent' } }, { responseContentType: 'video' }),
      () => bot.state({ timeoutMs: -5 }),
      () => bot.state({ signal: 'now' as never }),
      () => bot.end({ timeoutMs: Number.POSITIVE_INFINITY }),
      () => bot.end({ retry: { retries: -1 } }),
    ];
    for (const call of calls) {
      const out = await settle(call);
      expect(ValidationError.isInstance(out.error), `${call}: ${inspect(out.error)}`).toBe(true);
      expectClean(out.error);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('converse: options and array items at the call, an iterable item when read; never sent', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = botOf();
    const bad: Array<() => unknown> = [
      () => bot.converse(PAYLOAD as never),
      () => bot.converse([], { timeoutMs: 0 }),
      () => bot.converse([], { retry: 'yes' as never }),
      () => bot.converse([], { signal: {} as never }),
      () => bot.converse([], { idleTimeoutMs: -1 }),
      () => bot.converse([PAYLOAD as never]),
      () => bot.converse([{ dtmf: PAYLOAD }]),
      () => bot.converse([{ text: `${PAYLOAD}${'x'.repeat(1_024)}` }]),
    ];
    for (const call of bad) {
      let thrown: unknown;
      try {
        call();
      } catch (err) {
        thrown = err;
      }
      expect(ValidationError.isInstance(thrown), inspect(thrown)).toBe(true);
      expectClean(thrown);
    }
    expect(emu.calls).toHaveLength(0);
    for (const item of [PAYLOAD, { dtmf: PAYLOAD }, { text: `${PAYLOAD}\uD800` }]) {
      async function* input() {
        yield item as ConverseInput;
      }
      const out = await settle(() => bot.converse(input()).collect());
      expect(ValidationError.isInstance(out.error), inspect(out.error)).toBe(true);
      expectClean(out.error);
    }
    for (const call of callsTo(emu, 'StartConversation')) {
      expect((call.input.received as string[]).filter((n) => n !== 'ConfigurationEvent')).toEqual(
        [],
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Streams: every way of reading one.
// ---------------------------------------------------------------------------------------------

/**
 * Reads `stream` one way into `into`, awaiting `pause(n)` after the n-th item (collect() pauses
 * once, before it starts).
 */
type Reader = <T>(
  stream: AwsAIStream<T>,
  into: unknown[],
  pause: (n: number) => Promise<void>,
) => Promise<void>;

/** collect() rejects without the items read before: only the other readers show those. */
const collect: Reader = async (stream, into, pause) => {
  await pause(0);
  into.push(...(await stream.collect()));
};

const READERS: Array<[string, Reader]> = [
  [
    'for await',
    async (stream, into, pause) => {
      for await (const item of stream) {
        into.push(item);
        await pause(into.length);
      }
    },
  ],
  ['collect()', collect],
  [
    'toReadableStream()',
    async (stream, into, pause) => {
      const reader = stream.toReadableStream().getReader();
      for (;;) {
        const next = await reader.read();
        if (next.done) return;
        into.push(next.value);
        await pause(into.length);
      }
    },
  ],
  [
    'toNodeReadable()',
    async (stream, into, pause) => {
      for await (const item of stream.toNodeReadable()) {
        into.push(item);
        await pause(into.length);
      }
    },
  ],
];

/** A bot whose answer is long: ~400 KB of 16 kHz PCM, more than HTTP/2 buffers unread. */
const TALKER = { ...PIZZA, botId: 'TALKERBOT1' } as const;
const TALKER_SCRIPT: BotScript = {
  intents: [
    {
      name: 'OrderPizza',
      utterances: [ORDER],
      slots: [{ name: 'size', prompt: 'What size would you like? '.repeat(8) }],
    },
  ],
  hear: () => ORDER,
};

describe('conversation.bot sayStream: the answer audio, cut', () => {
  const pauseAt =
    (n: number, ms: number) =>
    async (i: number): Promise<void> => {
      if (i === n) await sleep(ms);
    };

  it.each(READERS)(
    'timeoutMs passes while the audio is read (%s): TimeoutError naming RecognizeUtterance, chunks before kept',
    async (_, read) => {
      emu.bot(TALKER.botId, TALKER_SCRIPT);
      const timeoutMs = 150;
      const start = performance.now();
      const turn = await client()
        .conversation.bot(TALKER)
        .sayStream(pcm(200), { responseContentType: 'pcm', timeoutMs });
      const chunks: unknown[] = [];
      // The first chunk is read, then the reader is still busy when the deadline passes.
      const collecting = read === collect;
      const out = await settle(() =>
        read(turn.audio, chunks, pauseAt(collecting ? 0 : 1, timeoutMs + 50)),
      );
      expect(performance.now() - start).toBeLessThan(timeoutMs + 50 + MARGIN_MS);
      expectNamed(out.error, TimeoutError, 'RecognizeUtterance');
      if (!collecting) expect(chunks.length).toBeGreaterThanOrEqual(1);
      expect(callsTo(emu, 'RecognizeUtterance')).toHaveLength(1);
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );

  it.each(READERS)(
    'the connection drops mid-audio (%s): StreamError, never a normal end; chunks before kept',
    async (_, read) => {
      // An emulator of its own, closed (its connections destroyed) while the answer streams.
      const own: Emulator = await startEmulator();
      try {
        own.bot(TALKER.botId, TALKER_SCRIPT);
        const ai = new AwsAI({ ...own.config, credentials: CREDENTIALS, retry: RETRY });
        const turn = await ai.conversation
          .bot(TALKER)
          .sayStream(pcm(200), { responseContentType: 'pcm' });
        const chunks: unknown[] = [];
        const out = await settle(() =>
          read(turn.audio, chunks, async (n) => {
            if (n <= 1) await own.close();
          }),
        );
        const err = expectClean(out.error);
        expect(StreamError.isInstance(err), inspect(err)).toBe(true);
        expect(err).toMatchObject({ service: 'lex-runtime', operation: 'RecognizeUtterance' });
        if (read !== collect) expect(chunks.length).toBeGreaterThanOrEqual(1);
      } finally {
        await own.close();
      }
    },
  );

  it.each(READERS)(
    "the caller's signal mid-audio (%s): AbortError naming RecognizeUtterance at once",
    async (_, read) => {
      emu.bot(TALKER.botId, TALKER_SCRIPT);
      const controller = new AbortController();
      const turn = await client()
        .conversation.bot(TALKER)
        .sayStream(pcm(200), { responseContentType: 'pcm', signal: controller.signal });
      const chunks: unknown[] = [];
      const out = await settle(() =>
        read(turn.audio, chunks, async (n) => {
          if (n <= 1) controller.abort();
        }),
      );
      expectNamed(out.error, AbortError, 'RecognizeUtterance');
      expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
    },
  );

  it('audio.abort() before reading: AbortError; after it and a reader that stops early, the next turns work', async () => {
    emu.bot(TALKER.botId, TALKER_SCRIPT);
    const bot = client().conversation.bot(TALKER);
    const turn = await bot.sayStream(pcm(200), { responseContentType: 'pcm' });
    turn.audio.abort();
    const aborted = await settle(() => turn.audio.collect());
    expect(AbortError.isInstance(aborted.error)).toBe(true);
    expectClean(aborted.error);
    const second = await bot.sayStream(pcm(200), { responseContentType: 'pcm' });
    for await (const _ of second.audio) break;
    const third = await bot.sayStream(pcm(200), { responseContentType: 'pcm' });
    expect((await third.audio.collect()).length).toBeGreaterThan(1);
    expect(callsTo(emu, 'RecognizeUtterance')).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------
// converse (StartConversation).
// ---------------------------------------------------------------------------------------------

/** An input fed by the test: `next(item)` queues one, `end()` ends it; `pulled` counts reads. */
function feed() {
  const items: Array<ConverseInput | null> = [];
  let wake: (() => void) | undefined;
  const state = { pulled: 0 };
  return {
    state,
    next(item: ConverseInput) {
      items.push(item);
      wake?.();
    },
    end() {
      items.push(null);
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (items.length === 0) await new Promise<void>((r) => (wake = r));
        const item = items.shift();
        if (item === null || item === undefined) return;
        state.pulled += 1;
        yield item;
      }
    },
  };
}

/** The names of the events the emulator received on the `index`-th StartConversation. */
const received = (index = 0): string[] =>
  (callsTo(emu, 'StartConversation')[index]?.input.received as string[] | undefined) ?? [];

/** After a conversation settled: more input is never sent, and no new request goes out. */
async function expectNothingSentAfter(input: ReturnType<typeof feed>): Promise<void> {
  await sleep(20);
  const events = received().length;
  const requests = emu.calls.length;
  input.next({ text: 'large' });
  input.next({ text: 'Ada' });
  await sleep(40);
  expect(received().length).toBe(events);
  expect(emu.calls.length).toBe(requests);
}

const startRule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
  service: 'lex-runtime',
  operation: 'StartConversation',
  ...extra,
});

describe('conversation.bot converse: the start (StartConversation refused or slow)', () => {
  /** A conversation of one text turn with the user's words. */
  function chat(bot: BotSession, options: BotConverseOptions = {}): BotConversation {
    return bot.converse([{ text: PAYLOAD }], options);
  }
  beforeEach(() => emu.bot(PIZZA.botId, SCRIPT));

  it('works without faults, in one request', async () => {
    const events = await chat(botOf()).collect();
    expect(events.map((e) => e.type)).toEqual(['intent', 'text']);
    expect(callsTo(emu, 'StartConversation')).toHaveLength(1);
  });

  it("Lex slower than the deadline: the call's and the client's timeoutMs (TimeoutError) and the caller's signal (AbortError) settle it in time, naming StartConversation; nothing sent after", async () => {
    const bots = [botOf(), botOf(client({ timeoutMs: DEADLINE_MS })), botOf()] as const;
    // Each client connected before the clock starts (a busy machine makes a first connection slow),
    // by a turn that the client's short deadline does not bound.
    await Promise.all(bots.map((b) => b.send(ORDER, { timeoutMs: 30_000 })));
    emu.fault(startRule({ kind: 'delay', delayMs: 400 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const [byCall, byClient, bySignal] = await Promise.all([
      settle(() => chat(bots[0], { timeoutMs: DEADLINE_MS }).collect()),
      settle(() => chat(bots[1]).collect()),
      settle(() => chat(bots[2], { signal: controller.signal }).collect()),
    ]);
    expect(byCall.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byCall.error, TimeoutError, 'StartConversation');
    expect(byClient.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byClient.error, TimeoutError, 'StartConversation');
    expect(bySignal.ms).toBeLessThan(50 + MARGIN_MS);
    expectNamed(bySignal.error, AbortError, 'StartConversation');
    expect(callsTo(emu, 'StartConversation').length).toBeLessThanOrEqual(3);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('an already aborted signal: AbortError, no request', async () => {
    const early = await settle(() => chat(botOf(), { signal: AbortSignal.abort() }).collect());
    expectNamed(early.error, AbortError, 'StartConversation');
    expect(emu.calls).toHaveLength(0);
  });

  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError],
    ['5xx always', { kind: 'server-error' }, ServiceError],
  ] as const)('%s: retries + 1 requests, then a typed error', async (_, f, Class) => {
    emu.fault(startRule(f));
    const out = await settle(() => chat(botOf()).collect());
    expectNamed(out.error, Class, 'StartConversation');
    expect(callsTo(emu, 'StartConversation')).toHaveLength(RETRIES + 1);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it.each([
    ['throttled twice', { kind: 'throttle', times: 2 }],
    ['5xx twice', { kind: 'server-error', times: 2 }],
    ['connection reset twice', { kind: 'reset', times: 2 }],
    ['malformed twice', { kind: 'malformed', times: 2 }],
  ] as const)('%s: recovers within the budget, the turn answered once', async (_, f) => {
    emu.fault(startRule(f));
    const events = await chat(botOf()).collect();
    expect(events.map((e) => e.type)).toEqual(['intent', 'text']);
    expect(callsTo(emu, 'StartConversation')).toHaveLength(3);
  });

  it('a deadline that passes during the retries: settles by it, typed, nothing sent after', async () => {
    emu.fault(startRule({ kind: 'delay', delayMs: 30 }));
    emu.fault(startRule({ kind: 'throttle' }));
    const out = await settle(() =>
      chat(botOf(), {
        timeoutMs: 100,
        retry: { retries: 50, minDelayMs: 10, maxDelayMs: 20 },
      }).collect(),
    );
    expect(out.ms).toBeLessThan(100 + MARGIN_MS);
    const err = expectClean(out.error);
    expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ service: 'lex-runtime', operation: 'StartConversation' });
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it("the client's retry options set the budget; retry: false is one request", async () => {
    emu.fault(startRule({ kind: 'throttle' }));
    const once = await settle(() => chat(botOf(client({ retry: { retries: 0 } }))).collect());
    expectNamed(once.error, ThrottlingError, 'StartConversation');
    expect(callsTo(emu, 'StartConversation')).toHaveLength(1);
    const off = await settle(() => chat(botOf(), { retry: false }).collect());
    expectNamed(off.error, ThrottlingError, 'StartConversation');
    expect(callsTo(emu, 'StartConversation')).toHaveLength(2);
  });

  it('refusals are not retried: an unknown bot, a session already in a conversation', async () => {
    const unknown = client().conversation.bot({ ...PIZZA, botId: 'NOSUCHBOT1' });
    expectNamed(
      (await settle(() => chat(unknown).collect())).error,
      NotFoundError,
      'StartConversation',
    );
    expect(callsTo(emu, 'StartConversation')).toHaveLength(1);
    emu.fault(startRule({ kind: 'server-error', code: 'AccessDeniedException', status: 403 }));
    const denied = await settle(() => chat(botOf()).collect());
    expectNamed(denied.error, AccessDeniedError, 'StartConversation');
    expect(callsTo(emu, 'StartConversation')).toHaveLength(2);
  });
});

describe('conversation.bot converse: a conversation cut mid-stream', () => {
  interface Cut {
    name: string;
    Class: typeof AwsAIError;
    code?: string;
    /** Event types delivered before the cut (read one at a time). */
    before: string[];
    setup?: () => void;
    script?: BotScript;
    options?: (controller: AbortController) => BotConverseOptions;
    /**
     * Called with the number of events read so far; with 0 when collect() starts (it reads
     * them all at once, so a cut meant for after the first event is timed instead).
     */
    onEvent?: (n: number, controller: AbortController, chat: BotConversation) => void;
    /** The conversation gets no input at all (the deadline case: only heartbeats come). */
    noInput?: boolean;
    /** Upper bound of the time from the first read to the error. */
    withinMs?: number;
  }
  const CUTS: Cut[] = [
    {
      name: 'timeoutMs (TimeoutError)',
      Class: TimeoutError,
      before: ['heartbeat'],
      script: { ...SCRIPT, heartbeatMs: 20 },
      options: () => ({ timeoutMs: 150 }),
      withinMs: 150 + MARGIN_MS,
      noInput: true,
    },
    {
      name: 'a dropped connection (StreamError)',
      Class: StreamError,
      before: ['intent'],
      setup: () => emu.fault(startRule({ kind: 'reset', afterEvents: 1, times: 1 })),
    },
    {
      name: "an exception event (StreamError with Lex's code)",
      Class: StreamError,
      code: 'DependencyFailedException',
      before: ['intent'],
      setup: () => emu.fault(startRule({ kind: 'stream-error', afterEvents: 1, times: 1 })),
    },

    {
      name: 'idleTimeoutMs (StreamError IdleTimeout)',
      Class: StreamError,
      code: 'IdleTimeout',
      before: ['intent', 'text'],
      options: () => ({ idleTimeoutMs: 60 }),
      withinMs: 60 + MARGIN_MS,
    },
    {
      name: "the caller's signal (AbortError)",
      Class: AbortError,
      before: ['intent'],
      options: (controller) => ({ signal: controller.signal }),
      onEvent: (n, controller) => {
        if (n === 1) controller.abort();
        if (n === 0) setTimeout(() => controller.abort(), 60);
      },
    },
    {
      name: 'chat.abort() (AbortError)',
      Class: AbortError,
      before: ['intent'],
      onEvent: (n, _, chat) => {
        if (n === 1) chat.abort();
        if (n === 0) setTimeout(() => chat.abort(), 60);
      },
    },
  ];

  describe.each(CUTS)('$name', (cut) => {
    it.each(READERS)(
      '%s: rejects typed, events before kept, nothing sent after; the session is not left busy',
      async (_, read) => {
        emu.bot(PIZZA.botId, cut.script ?? SCRIPT);
        cut.setup?.();
        const controller = new AbortController();
        const input = feed();
        const bot = botOf();
        const chat = bot.converse(input, {
          requestAttributes: { note: PAYLOAD },
          ...cut.options?.(controller),
        });
        // The user's words (the bot's fallback answers them: an intent, then a text).
        if (!cut.noInput) input.next({ text: PAYLOAD });
        const events: unknown[] = [];
        const collecting = read === collect;
        const start = performance.now();
        const out = await settle(() =>
          read(chat, events, async (n) => cut.onEvent?.(n, controller, chat)),
        );
        if (cut.withinMs !== undefined) {
          expect(performance.now() - start).toBeLessThan(cut.withinMs);
        }
        expectNamed(out.error, cut.Class, 'StartConversation');
        if (cut.code) expect((out.error as AwsAIError).code).toBe(cut.code);
        if (!collecting) {
          const types = (events as BotConverseEvent[]).map((e) => e.type);
          expect(types.slice(0, cut.before.length)).toEqual(cut.before);
        }
        expect(callsTo(emu, 'StartConversation')).toHaveLength(1);
        expect(received()).not.toContain('DisconnectionEvent');
        await expectNothingSentAfter(input);
        // The next conversation on the session starts (not refused as already in one), and so
        // does a text turn (how the cut stream was read does not matter here).
        if (read !== READERS[0]?.[1]) return;
        emu.bot(PIZZA.botId, SCRIPT);
        const next = await settle(() => bot.converse([{ text: ORDER }]).collect());
        expect(next.error).toBeUndefined();
        expect((await bot.send('large')).dialogAction).toMatchObject({ type: 'ElicitSlot' });
      },
    );
  });

  it('close(): DisconnectionEvent last, then nothing more is sent or read from the input', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const input = feed();
    const chat = botOf().converse(input);
    input.next({ text: ORDER });
    const types: string[] = [];
    for await (const event of chat) {
      types.push(event.type);
      if (event.type === 'intent') chat.close();
    }
    expect(types).toEqual(['intent', 'text']);
    expect(received()).toEqual(['ConfigurationEvent', 'TextInputEvent', 'DisconnectionEvent']);
    await expectNothingSentAfter(input);
  });

  it("an exception quoting the user's words keeps them behind serviceMessage only", async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    emu.handle('lex-runtime', 'StartConversation', () => ({
      responseEventStream: (async function* () {
        yield { HeartbeatEvent: { eventId: 'RESPONSE-1' } };
        throw emu.error(
          'ValidationException',
          `1 validation error detected: Value '${PAYLOAD}' at 'text' failed to satisfy constraint`,
        );
      })(),
    }));
    const events: BotConverseEvent[] = [];
    const out = await settle(async () => {
      for await (const e of botOf().converse([{ text: PAYLOAD }])) events.push(e);
    });
    expect(events.map((e) => e.type)).toEqual(['heartbeat']);
    const err = expectClean(out.error);
    expect(StreamError.isInstance(err)).toBe(true);
    expect(err.code).toBe('ValidationException');
    expect(err.serviceMessage).toContain(PAYLOAD);
  });
});
