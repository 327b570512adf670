import {
  AbortError,
  NotFoundError,
  StreamError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import type { BotConverseEvent, BotConverseOptions, ConverseInput } from 'aws-ai/conversation';
import type { BotScript } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;

const HEARD = ['large please'];

const SCRIPT: BotScript = {
  intents: [
    {
      name: 'OrderPizza',
      utterances: ['I want to order a pizza', 'order a {size} pizza'],
      slots: [
        {
          name: 'size',
          prompt: 'What size would you like?',
          values: ['small', 'medium', { value: 'large', synonyms: ['big'] }],
        },
        { name: 'count', prompt: 'How many pizzas? Key in the number and press pound.' },
        { name: 'name', prompt: 'What name is the order under?' },
      ],
      fulfilled: 'Thanks {name}, {count} {size} pizzas are on the way.',
    },
  ],
  // What the emulated bot "hears" in the n-th audio turn of a session.
  hear: (_audio, _type, turn) => HEARD[turn - 1] ?? '',
  heartbeatMs: 0,
};

/** 8 kHz 16-bit PCM: `ms` of a loud tone, then 600 ms of silence (the end of an utterance). */
function utterance(ms = 300): Uint8Array {
  const speech = Buffer.alloc((8_000 * ms * 2) / 1000);
  for (let i = 0; i < speech.length; i += 2) speech.writeInt16LE(i % 4 === 0 ? 8_000 : -8_000, i);
  return new Uint8Array(Buffer.concat([speech, Buffer.alloc(9_600)]));
}

/**
 * An input the test feeds turn by turn: `next(item)` queues an item, `end()` ends the input;
 * `pulled` counts items handed to the library.
 */
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

const received = (index = 0): string[] =>
  (callsTo(emu, 'StartConversation')[index]?.input.received as string[] | undefined) ?? [];

const ORDER = { text: 'I want to order a pizza' } as const;

/** The pizza bot on `script`; a conversation over a fed input, its first turn already queued. */
function ordering(options?: BotConverseOptions, script: BotScript = SCRIPT) {
  emu.bot(PIZZA.botId, script);
  const input = feed();
  const chat = client().conversation.bot(PIZZA).converse(input, options);
  input.next(ORDER);
  return { input, chat };
}

/** What `stream` threw once read to the end (undefined if it ended), each event into `into`. */
async function readAll<T>(stream: AsyncIterable<T>, into: T[] = []): Promise<unknown> {
  try {
    for await (const event of stream) into.push(event);
    return undefined;
  } catch (err) {
    return err;
  }
}

/** Makes Lex refuse the next `times` StartConversation calls as throttled. */
const throttleStarts = (times = 1) =>
  emu.fault({ service: 'lex-runtime', operation: 'StartConversation', kind: 'throttle', times });

describe('conversation.bot converse (StartConversation)', () => {
  it('elicits slots over text, speech and DTMF turns in one conversation, typed like send()', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA, { sessionId: 'caller-1' });
    const input = feed();
    const chat = bot.converse(input, { responseContentType: 'pcm' });
    input.next(ORDER);
    const events: BotConverseEvent[] = [];
    let turns = 0;
    for await (const event of chat) {
      events.push(event);
      if (event.type !== 'audio-end') continue;
      turns += 1;
      // Each answer's end: the next user turn.
      if (turns === 1) input.next(utterance());
      if (turns === 2) input.next({ dtmf: '2#' });
      if (turns === 3) input.next({ text: 'Ada' });
      if (turns === 4) input.end();
    }
    const intents = events.filter((e) => e.type === 'intent');
    expect(intents.map((e) => e.dialogAction)).toEqual([
      { type: 'ElicitSlot', slotToElicit: 'size' },
      { type: 'ElicitSlot', slotToElicit: 'count' },
      { type: 'ElicitSlot', slotToElicit: 'name' },
      { type: 'Close' },
    ]);
    expect(intents.map((e) => e.inputMode)).toEqual(['Text', 'Speech', 'DTMF', 'Text']);
    const last = intents[3];
    expect(last?.intent).toMatchObject({ name: 'OrderPizza', state: 'Fulfilled' });
    expect(last?.intent?.slots.size).toMatchObject({ value: 'large', original: 'large' });
    expect(last?.intent?.slots.count?.value).toBe('2');
    expect(last?.intent?.slots.name?.value).toBe('Ada');
    expect(intents[0]?.interpretations[0]).toMatchObject({
      intent: { name: 'OrderPizza' },
      confidence: expect.any(Number),
    });
    expect(last?.sessionId).toBe('caller-1');
    expect(events.filter((e) => e.type === 'transcript')).toEqual([
      { type: 'transcript', transcript: 'large please', eventId: expect.any(String) },
    ]);
    expect(events.filter((e) => e.type === 'text').map((e) => e.type === 'text' && e.text)).toEqual(
      [
        'What size would you like?',
        'How many pizzas? Key in the number and press pound.',
        'What name is the order under?',
        'Thanks Ada, 2 large pizzas are on the way.',
      ],
    );
    const audio = events.filter((e) => e.type === 'audio');
    expect(audio.length).toBeGreaterThan(3);
    expect(audio.every((e) => e.type === 'audio' && e.audio.byteLength > 0)).toBe(true);
    expect(audio[0]).toMatchObject({ contentType: 'audio/pcm' });
    // The protocol: configuration first, a playback completion after each answer, disconnection last.
    const sent = received();
    expect(sent[0]).toBe('ConfigurationEvent');
    expect(sent.filter((n) => n === 'PlaybackCompletionEvent')).toHaveLength(4);
    expect(sent.filter((n) => n === 'DTMFInputEvent')).toHaveLength(2);
    expect(sent.at(-1)).toBe('DisconnectionEvent');
    expect(callsTo(emu, 'StartConversation')[0]?.httpVersion).toBe('2.0');
    // The session continues outside the stream.
    expect((await bot.state()).intent?.state).toBe('Fulfilled');
  });

  it('takes an array of text turns, a session state and welcome messages; answers in text', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    const events = await bot
      .converse([{ text: 'order a big pizza' }], {
        mode: 'text',
        sessionState: {
          dialogAction: { type: 'ElicitIntent' },
          sessionAttributes: { tier: 'gold' },
        },
        welcomeMessages: [{ type: 'text', text: 'Welcome to Pizza!' }],
        requestAttributes: { channel: 'web' },
      })
      .collect();
    expect(events.map((e) => e.type)).toEqual(['text', 'intent', 'text']);
    expect(events[0]).toMatchObject({ type: 'text', text: 'Welcome to Pizza!' });
    expect(events[1]).toMatchObject({
      type: 'intent',
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'count' },
      requestAttributes: { channel: 'web' },
      sessionState: { sessionAttributes: { tier: 'gold' } },
    });
    expect(callsTo(emu, 'StartConversation')[0]?.input.conversationMode).toBe('TEXT');
    expect(received()).toEqual(['ConfigurationEvent', 'TextInputEvent', 'DisconnectionEvent']);
  });

  it('sends heartbeats through as events', async () => {
    emu.bot(PIZZA.botId, { ...SCRIPT, heartbeatMs: 20 });
    const input = feed();
    const chat = client().conversation.bot(PIZZA).converse(input);
    const seen: string[] = [];
    for await (const event of chat) {
      seen.push(event.type);
      if (seen.filter((t) => t === 'heartbeat').length === 2) input.end();
    }
    expect(seen.slice(0, 2)).toEqual(['heartbeat', 'heartbeat']);
  });

  it('abort from the caller mid-stream: AbortError, and the emulator sees nothing after', async () => {
    const controller = new AbortController();
    const { input, chat } = ordering({ signal: controller.signal });
    const reading = (async () => {
      for await (const event of chat) if (event.type === 'text') controller.abort();
    })();
    await expect(reading).rejects.toBeInstanceOf(AbortError);
    const before = received().length;
    input.next({ text: 'large' });
    input.next({ dtmf: '1#' });
    await new Promise((r) => setTimeout(r, 100));
    expect(received()).toEqual(['ConfigurationEvent', 'TextInputEvent']);
    expect(received().length).toBe(before);
    // The input's later items were never pulled into a request.
    expect(input.state.pulled).toBeLessThanOrEqual(2);
  });

  it("playback 'manual': Lex waits for playbackComplete(); input over an answer interrupts it", async () => {
    const { input, chat } = ordering({ responseContentType: 'pcm', playback: 'manual' });
    const events: BotConverseEvent[] = [];
    let answers = 0;
    for await (const event of chat) {
      events.push(event);
      if (event.type !== 'audio-end') continue;
      answers += 1;
      // Not played to the end: the user talks over the first answer.
      if (answers === 1) input.next({ text: 'large' });
      if (answers === 2) {
        chat.playbackComplete();
        input.end();
      }
    }
    const interrupted = events.filter((e) => e.type === 'interrupted');
    expect(interrupted).toEqual([
      {
        type: 'interrupted',
        reason: 'TEXT_DETECTED',
        causedByEventId: 'CLIENT-3',
        eventId: expect.stringMatching(/^RESPONSE-\d+$/),
      },
    ]);
    // The interruption comes before the answer to what interrupted it.
    const at = events.findIndex((e) => e.type === 'interrupted');
    expect(events.slice(at + 1).find((e) => e.type === 'intent')).toMatchObject({
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'count' },
    });
    expect(received()).toEqual([
      'ConfigurationEvent',
      'TextInputEvent',
      'TextInputEvent',
      'PlaybackCompletionEvent',
      'DisconnectionEvent',
    ]);
  });

  it('close() ends politely: DisconnectionEvent, remaining events delivered, then the end', async () => {
    const { chat } = ordering();
    const types: string[] = [];
    for await (const event of chat) {
      types.push(event.type);
      if (event.type === 'intent') chat.close();
    }
    expect(types).toEqual(['intent', 'text']);
    expect(received()).toEqual(['ConfigurationEvent', 'TextInputEvent', 'DisconnectionEvent']);
  });

  it('idleTimeoutMs without any event from Lex: StreamError (IdleTimeout) as every stream, at the start or later', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    // Nothing at all: the stream never answers.
    const silent = client().conversation.bot(PIZZA).converse(feed(), { idleTimeoutMs: 150 });
    const started = Date.now();
    const error = await readAll(silent);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 'IdleTimeout', operation: 'StartConversation' });
    expect(Date.now() - started).toBeLessThan(3_000);

    // One answer, then silence (the bot sends no heartbeats): cut after the answer.
    const seen: BotConverseEvent[] = [];
    const later = await readAll(ordering({ idleTimeoutMs: 150 }).chat, seen);
    expect(seen.map((e) => e.type)).toEqual(['intent', 'text']);
    expect(later).toBeInstanceOf(StreamError);
    expect(later).toMatchObject({ code: 'IdleTimeout' });
  });

  it('heartbeats keep an idle conversation alive past idleTimeoutMs', async () => {
    emu.bot(PIZZA.botId, { ...SCRIPT, heartbeatMs: 30 });
    const input = feed();
    const chat = client().conversation.bot(PIZZA).converse(input, { idleTimeoutMs: 120 });
    let beats = 0;
    for await (const event of chat) {
      if (event.type === 'heartbeat' && ++beats === 8) input.end();
    }
    expect(beats).toBeGreaterThanOrEqual(8);
  });

  it('timeoutMs bounds the whole conversation: TimeoutError', async () => {
    emu.bot(PIZZA.botId, { ...SCRIPT, heartbeatMs: 20 });
    const chat = client().conversation.bot(PIZZA).converse(feed(), { timeoutMs: 150 });
    await expect(chat.collect()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("a mid-stream exception is a StreamError with Lex's code and the request id; nothing sent after", async () => {
    emu.fault({
      service: 'lex-runtime',
      operation: 'StartConversation',
      kind: 'stream-error',
      code: 'DependencyFailedException',
      afterEvents: 1,
    });
    const { input, chat } = ordering();
    const events: BotConverseEvent[] = [];
    const error = await readAll(chat, events);
    expect(events.map((e) => e.type)).toEqual(['intent']);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      code: 'DependencyFailedException',
      operation: 'StartConversation',
      requestId: callsTo(emu, 'StartConversation')[0]?.requestId,
    });
    const before = received().length;
    input.next({ text: 'large' });
    await new Promise((r) => setTimeout(r, 100));
    expect(received().length).toBe(before);
    expect(received()).not.toContain('DisconnectionEvent');
  });

  it('a second conversation on a session already in one: ConflictException', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA, { sessionId: 'busy-1' });
    const first = feed();
    const open = bot.converse(first);
    first.next({ text: 'I want to order a pizza' });
    const it1 = open[Symbol.asyncIterator]();
    await it1.next();
    const second = await readAll(bot.converse([{ text: 'hello' }], { retry: false }));
    expect(second).toMatchObject({ code: 'ConflictException' });
    first.end();
    await it1.return?.();
  });

  it('a refused start is retried with the events already sent sent again; answered once', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    throttleStarts();
    const events = await client()
      .conversation.bot(PIZZA, { sessionId: 'retried-1' })
      .converse([{ text: 'I want to order a pizza' }, { text: 'large' }])
      .collect();
    expect(callsTo(emu, 'StartConversation')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'intent').map((e) => e.dialogAction)).toEqual([
      { type: 'ElicitSlot', slotToElicit: 'size' },
      { type: 'ElicitSlot', slotToElicit: 'count' },
    ]);
    expect(received(1)).toEqual([
      'ConfigurationEvent',
      'TextInputEvent',
      'TextInputEvent',
      'DisconnectionEvent',
    ]);
  });

  it('a refused start with retry: false is a typed error', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    throttleStarts();
    const chat = client()
      .conversation.bot(PIZZA)
      .converse([{ text: 'hi there' }], { retry: false });
    await expect(chat.collect()).rejects.toBeInstanceOf(ThrottlingError);
    expect(callsTo(emu, 'StartConversation')).toHaveLength(1);
  });

  it('refuses bad input before any request (no call reaches the emulator)', () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    const bad: Array<() => unknown> = [
      () => bot.converse('hello' as never),
      () => bot.converse(42 as never),
      () => bot.converse([], { contentType: 'pcm' }),
      () => bot.converse([], { contentType: 'audio/l16; rate=16000; channels=1' }),
      () => bot.converse([], { mode: 'video' as never }),
      () => bot.converse([], { responseContentType: 'video/mp4' }),
      () => bot.converse([], { playback: 'later' as never }),
      () => bot.converse([], { idleTimeoutMs: 0 }),
      () => bot.converse([], { timeoutMs: -1 }),
      () => bot.converse([], { welcomeMessages: [{ type: 'text', text: 'hi' }] }),
      () =>
        bot.converse([], {
          sessionState: { dialogAction: { type: 'ElicitIntent' } },
          welcomeMessages: Array.from({ length: 11 }, () => ({
            type: 'text' as const,
            text: 'hi',
          })),
        }),
      () => bot.converse([], { sessionState: { dialogAction: {} } as never }),
      () => bot.converse([], { requestAttributes: { n: 1 } as never }),
    ];
    for (const call of bad) expect(call).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('refuses a bad input item: an array at the call, an async iterable when read; never sent', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    const cases: Array<[unknown, Parameters<typeof bot.converse>[1]]> = [
      [{ dtmf: '12x' }, {}],
      [{ dtmf: 'a' }, {}],
      [{ text: 'x'.repeat(1_025) }, {}],
      [{ text: '   ' }, {}],
      [{ text: 'a\uD800' }, {}],
      [{ text: 'hi', dtmf: '1' }, {}],
      [new Uint8Array(320), { mode: 'text' }],
      [{ dtmf: '1' }, { mode: 'text' }],
      [{ voice: 'hi' }, {}],
      [new ArrayBuffer(8), {}],
    ];
    for (const [item, options] of cases) {
      expect(() => bot.converse([{ text: 'fine' }, item] as ConverseInput[], options)).toThrow(
        ValidationError,
      );
    }
    expect(emu.calls).toHaveLength(0);
    for (const [item, options] of cases) {
      emu.reset();
      emu.bot(PIZZA.botId, SCRIPT);
      async function* input() {
        yield item as ConverseInput;
      }
      await expect(bot.converse(input(), options).collect()).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(received().filter((n) => n !== 'ConfigurationEvent')).toEqual([]);
    }
  });

  it('an unknown bot is a NotFoundError', async () => {
    const chat = client()
      .conversation.bot({ ...PIZZA, botId: 'NOSUCHBOT1' })
      .converse([{ text: 'hi' }]);
    await expect(chat.collect()).rejects.toBeInstanceOf(NotFoundError);
  });
});
