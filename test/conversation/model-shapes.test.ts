/**
 * What Lex V2's model (reference/aws-models/lexv2-runtime.json) bounds in the messages a caller
 * hands the bot to say (PutSession `messages`, ConfigurationEvent `welcomeMessages`), in session
 * states and in WAV input: the library refuses it with a ValidationError before any request, and
 * the emulator refuses it as Lex does when a raw SDK client sends it.
 */
import {
  GetSessionCommand,
  LexRuntimeV2Client,
  type Message,
  PutSessionCommand,
  RecognizeTextCommand,
  StartConversationCommand,
  type StartConversationRequestEventStream,
} from '@aws-sdk/client-lex-runtime-v2';
import { type AwsAIError, ValidationError } from 'aws-ai';
import type { BotMessage } from 'aws-ai/conversation';
import type { BotScript } from 'aws-ai/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, settle, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const sdk = new LexRuntimeV2Client({ ...emu.config, maxAttempts: 1 });
afterAll(() => sdk.destroy());

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;
const SCRIPT: BotScript = {
  intents: [{ name: 'OrderPizza', utterances: ['I want to order a pizza'], fulfilled: 'Done.' }],
  heartbeatMs: 0,
};
const ELICIT = { dialogAction: { type: 'ElicitIntent' } } as const;
/** The user's words: a refusal names their length, never quotes them. */
const MARK = 'PAYLOADMARKER';
const words = (n: number) => MARK + 'x'.repeat(Math.max(0, n - MARK.length));
const button = (text = 'Large', value = 'large') => ({ text, value });
const card = (extra: Record<string, unknown> = {}) =>
  ({ type: 'card', title: 'Pick a size', buttons: [button()], ...extra }) as BotMessage;

/** Messages the model refuses (M-LEX `Text`, `AttachmentTitle`/`Url`, `ButtonsList`, `Button*`). */
const REFUSED: Array<[string, unknown]> = [
  ['text over 1,024 characters', { type: 'text', text: words(1_025) }],
  ['empty text', { type: 'text', text: '' }],
  ['text that is not a string', { type: 'text', text: 42 }],
  ['text left out', { type: 'text' }],
  ['SSML over 1,024 characters', { type: 'ssml', ssml: `<speak>${words(1_020)}</speak>` }],
  ['an empty custom payload', { type: 'custom', payload: '' }],
  ['a card title over 250 characters', card({ title: words(251) })],
  ['an empty card title', card({ title: '' })],
  ['a card subtitle over 250 characters', card({ subtitle: words(251) })],
  ['an image URL over 250 characters', card({ imageUrl: `https://x.test/${'a'.repeat(240)}` })],
  ['six buttons', card({ buttons: Array.from({ length: 6 }, () => button()) })],
  ['a button text over 50 characters', card({ buttons: [button(words(51))] })],
  ['an empty button value', card({ buttons: [button('Large', '')] })],
  ['buttons that are not an array', card({ buttons: 'large' })],
];

describe('messages for the bot to say: the model bounds, before any request', () => {
  it.each(REFUSED)('put() refuses %s: ValidationError, no request', async (_, message) => {
    emu.bot(PIZZA.botId, SCRIPT);
    const out = await settle(() =>
      client()
        .conversation.bot(PIZZA)
        .put(ELICIT, { messages: [{ type: 'text', text: 'Hi' }, message as BotMessage] }),
    );
    expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
    const err = out.error as AwsAIError;
    expect(err).toMatchObject({ service: 'lex-runtime', operation: 'PutSession' });
    expect(err.message).toMatch(/messages\[1\]/);
    expect(err.message).not.toContain(MARK);
    expect(emu.calls).toHaveLength(0);
  });

  it.each(REFUSED)('converse() refuses %s in welcomeMessages at the call', (_, message) => {
    emu.bot(PIZZA.botId, SCRIPT);
    let thrown: unknown;
    try {
      client()
        .conversation.bot(PIZZA)
        .converse([{ text: 'hi there' }], {
          sessionState: ELICIT,
          welcomeMessages: [message as BotMessage],
        });
    } catch (err) {
      thrown = err;
    }
    expect(ValidationError.isInstance(thrown), String(thrown)).toBe(true);
    expect(thrown).toMatchObject({ service: 'lex-runtime', operation: 'StartConversation' });
    expect((thrown as Error).message).toMatch(/welcomeMessages\[0\]/);
    expect((thrown as Error).message).not.toContain(MARK);
    expect(emu.calls).toHaveLength(0);
  });

  it("messages at the model's bounds are sent; a card without buttons too (the model leaves them optional)", async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const full = card({
      title: 't'.repeat(250),
      subtitle: 's'.repeat(250),
      imageUrl: `https://x.test/${'a'.repeat(235)}`,
      buttons: Array.from({ length: 5 }, () => button('b'.repeat(50), 'v'.repeat(50))),
    });
    const bare = { type: 'card', title: 'No buttons' } as BotMessage;
    const messages: BotMessage[] = [{ type: 'text', text: 'a'.repeat(1_024) }, full, bare];
    const bot = client().conversation.bot(PIZZA);
    const out = await bot.put(ELICIT, { messages });
    expect(out.messages).toEqual([
      messages[0],
      full,
      { type: 'card', title: 'No buttons', buttons: [] },
    ]);
    const sent = callsTo(emu, 'PutSession')[0]?.input.messages as Message[];
    expect(sent[2]).toEqual({
      contentType: 'ImageResponseCard',
      imageResponseCard: { title: 'No buttons' },
    });

    const events = await client()
      .conversation.bot(PIZZA)
      .converse([{ text: 'I want to order a pizza' }], {
        sessionState: ELICIT,
        welcomeMessages: messages,
      })
      .collect();
    expect(events[0]).toMatchObject({
      type: 'text',
      messages: [messages[0], full, { type: 'card' }],
    });
  });
});

describe('a WAV file whose header is cut', () => {
  /** RIFF/WAVE with a `fmt ` chunk that claims 16 bytes and holds `held` of them. */
  const cutWav = (held: number) => {
    const header = Buffer.alloc(20 + held);
    header.write('RIFF', 0);
    header.writeUInt32LE(12 + held, 4);
    header.write('WAVE', 8);
    header.write('fmt ', 12);
    header.writeUInt32LE(16, 16);
    if (held >= 2) header.writeUInt16LE(1, 20);
    return new Uint8Array(header);
  };

  it.each([0, 2, 10, 14])(
    'with %i of 16 fmt bytes: say and sayStream refuse it with a ValidationError, no request',
    async (held) => {
      emu.bot(PIZZA.botId, SCRIPT);
      const bot = client().conversation.bot(PIZZA);
      const runs: Array<() => Promise<unknown>> = [
        () => bot.say(cutWav(held)),
        () => bot.sayStream(cutWav(held)),
      ];
      for (const run of runs) {
        const out = await settle(run);
        expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
        expect(out.error).toMatchObject({
          service: 'lex-runtime',
          operation: 'RecognizeUtterance',
          message: expect.stringMatching(/fmt chunk is cut/),
        });
      }
      expect(emu.calls).toHaveLength(0);
    },
  );
});

describe('the emulator refuses what the model refuses (a raw SDK client)', () => {
  const session = () => `s-${globalThis.crypto.randomUUID()}`;
  const address = () => ({ ...PIZZA, sessionId: session() });
  const errorOf = async (run: () => Promise<unknown>) => {
    const out = await settle(run);
    return (out.error as Error | undefined)?.name ?? 'no error';
  };
  const lexCard = (imageResponseCard: Record<string, unknown>): Message => ({
    contentType: 'ImageResponseCard',
    imageResponseCard: imageResponseCard as never,
  });
  const MESSAGES: Array<[string, Message[]]> = [
    ['content over 1,024 characters', [{ contentType: 'PlainText', content: 'a'.repeat(1_025) }]],
    ['empty content', [{ contentType: 'PlainText', content: '' }]],
    ['an unknown content type', [{ contentType: 'Html' as never, content: 'hi' }]],
    ['a card without a title', [lexCard({ buttons: [] })]],
    ['a card title over 250 characters', [lexCard({ title: 't'.repeat(251) })]],
    ['six buttons', [lexCard({ title: 't', buttons: Array(6).fill(button()) })]],
    [
      'a button text over 50 characters',
      [lexCard({ title: 't', buttons: [button('b'.repeat(51))] })],
    ],
    ['eleven messages', Array(11).fill({ contentType: 'PlainText', content: 'hi' })],
  ];

  it.each(MESSAGES)('PutSession with %s: ValidationException', async (_, messages) => {
    emu.bot(PIZZA.botId, SCRIPT);
    const put = () =>
      sdk.send(new PutSessionCommand({ ...address(), sessionState: ELICIT, messages }));
    expect(await errorOf(put)).toBe('ValidationException');
  });

  it.each(MESSAGES)(
    'StartConversation welcomeMessages with %s: ValidationException',
    async (_, messages) => {
      emu.bot(PIZZA.botId, SCRIPT);
      const configuration: StartConversationRequestEventStream = {
        ConfigurationEvent: {
          responseContentType: 'text/plain; charset=utf-8',
          disablePlayback: true,
          sessionState: ELICIT,
          welcomeMessages: messages,
        },
      };
      const run = async () => {
        const out = await sdk.send(
          new StartConversationCommand({
            ...address(),
            conversationMode: 'TEXT',
            requestEventStream: (async function* () {
              yield configuration;
            })(),
          }),
        );
        for await (const _event of out.responseEventStream ?? []);
      };
      expect(await errorOf(run)).toBe('ValidationException');
    },
  );

  it('a session state without the members the model requires: ValidationException', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const states = [{ dialogAction: {} }, { intent: {} }, { intent: { name: '' } }];
    for (const sessionState of states) {
      const text = (): Promise<unknown> =>
        sdk.send(
          new RecognizeTextCommand({
            ...address(),
            text: 'hi',
            sessionState: sessionState as never,
          }),
        );
      const put = () =>
        sdk.send(new PutSessionCommand({ ...address(), sessionState: sessionState as never }));
      expect(await errorOf(text)).toBe('ValidationException');
      expect(await errorOf(put)).toBe('ValidationException');
    }
    // What the model allows still works: a valid put, then the session it made.
    const ok = address();
    await sdk.send(
      new PutSessionCommand({ ...ok, sessionState: { ...ELICIT, intent: { name: 'OrderPizza' } } }),
    );
    const got = await sdk.send(new GetSessionCommand(ok));
    expect(got.sessionState?.intent?.name).toBe('OrderPizza');
  });
});

/** A context the model takes: its bounds are 1–100 name characters, 5–86,400 s, 1–20 turns. */
const CONTEXT = {
  name: 'order_placed',
  timeToLive: { timeToLiveInSeconds: 600, turnsToLive: 5 },
  contextAttributes: { orderId: '42' },
};
const withContext = (extra: Record<string, unknown>) => ({
  ...ELICIT,
  activeContexts: [{ ...CONTEXT, ...extra }],
});

const withSlots = (slots: unknown) => ({ ...ELICIT, intent: { name: 'OrderPizza', slots } });
/** Slots in every shape the model takes: unfilled, scalar, list, composite. */
const GOOD_SLOTS = {
  name: null,
  size: { shape: 'Scalar', value: { originalValue: 'big', interpretedValue: 'large' } },
  toppings: {
    shape: 'List',
    value: { interpretedValue: 'olives cheese' },
    values: [{ value: { interpretedValue: 'olives' } }, { value: { interpretedValue: 'cheese' } }],
  },
  address: {
    shape: 'Composite',
    value: { interpretedValue: '1 Main St' },
    subSlots: { street: { value: { interpretedValue: 'Main St' } }, city: null },
  },
};

/** Session states the model refuses (M-LEX `ActiveContext*`, `StringMap`, `Intent`, `Slot`). */
const BAD_STATES: Array<[string, unknown]> = [
  ['21 active contexts', { ...ELICIT, activeContexts: Array(21).fill(CONTEXT) }],
  ['a context name with a space', withContext({ name: 'order placed' })],
  ['a context name of 101 characters', withContext({ name: 'a'.repeat(101) })],
  ['a context name with "__"', withContext({ name: 'order__placed' })],
  ['a context without timeToLive', withContext({ timeToLive: undefined })],
  ['4 seconds to live', withContext({ timeToLive: { timeToLiveInSeconds: 4, turnsToLive: 5 } })],
  ['21 turns to live', withContext({ timeToLive: { timeToLiveInSeconds: 60, turnsToLive: 21 } })],
  ['1.5 turns to live', withContext({ timeToLive: { timeToLiveInSeconds: 60, turnsToLive: 1.5 } })],
  ['a context without contextAttributes', withContext({ contextAttributes: undefined })],
  [
    '11 context attributes',
    withContext({
      contextAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
    }),
  ],
  ['an empty context attribute', withContext({ contextAttributes: { orderId: '' } })],
  [
    'a context attribute over 1,024 characters',
    withContext({ contextAttributes: { note: 'a'.repeat(1_025) } }),
  ],
  ['a session attribute with an empty name', { ...ELICIT, sessionAttributes: { '': 'x' } }],
  ['an empty intent name', { ...ELICIT, intent: { name: '' } }],
  ['slots that are not an object', withSlots(5)],
  // The user's words as a slot: named by their length, never quoted.
  ['a slot given as a bare string', withSlots({ size: `${MARK} large` })],
  [
    'a slot value without interpretedValue',
    withSlots({ size: { value: { originalValue: 'big' } } }),
  ],
  [
    'list values that are not an array',
    withSlots({ toppings: { shape: 'List', values: 'olives' } }),
  ],
  ['a list value without interpretedValue', withSlots({ toppings: { values: [{ value: {} }] } })],
  ['a bare string as a sub-slot', withSlots({ address: { subSlots: { city: 'Paris' } } })],
];

describe('session states: the model bounds, before any request', () => {
  it.each(BAD_STATES)(
    'send, say, put and converse refuse %s: ValidationError, no request',
    async (_, state) => {
      emu.bot(PIZZA.botId, SCRIPT);
      const bot = client().conversation.bot(PIZZA);
      const sessionState = state as never;
      const calls: Array<() => Promise<unknown>> = [
        () => bot.send('I want to order a pizza', { sessionState }),
        () => bot.say(new Uint8Array(3_200), { sessionState }),
        () => bot.put(sessionState),
        () => bot.converse([{ text: 'I want to order a pizza' }], { sessionState }).collect(),
      ];
      for (const call of calls) {
        const out = await settle(call);
        expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
        expect((out.error as Error).message).toMatch(
          /sessionState\.(activeContexts|sessionAttributes|intent)/,
        );
        expect((out.error as Error).message).not.toContain(MARK);
      }
      expect(emu.calls).toHaveLength(0);
    },
  );

  it('request attributes with an empty name are refused; a context at the bounds is sent', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    const out = await settle(() => bot.send('hi', { requestAttributes: { '': 'x' } }));
    expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
    expect(emu.calls).toHaveLength(0);
    const edge = {
      ...ELICIT,
      activeContexts: Array(20).fill({
        name: `a_${'b'.repeat(98)}`,
        timeToLive: { timeToLiveInSeconds: 86_400, turnsToLive: 20 },
        contextAttributes: Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`${i}`.padEnd(100, 'k'), 'v'.repeat(1_024)]),
        ),
      }),
    };
    const put = await bot.put(edge);
    expect(put.sessionState.activeContexts).toHaveLength(20);
    const slotted = withSlots(GOOD_SLOTS) as never;
    await bot.put(slotted);
    await bot.send('I want to order a pizza', { sessionState: slotted });
    await bot.send('I want to order a pizza', { sessionState: edge });
    expect(callsTo(emu, 'RecognizeText')).toHaveLength(2);
  });

  it.each(BAD_STATES)(
    'the emulator answers RecognizeText and PutSession with %s: ValidationException',
    async (_, state) => {
      emu.bot(PIZZA.botId, SCRIPT);
      const sessionState = state as never;
      const text = (): Promise<unknown> =>
        sdk.send(
          new RecognizeTextCommand({ ...PIZZA, sessionId: 's-1', text: 'hi', sessionState }),
        );
      const put = (): Promise<unknown> =>
        sdk.send(new PutSessionCommand({ ...PIZZA, sessionId: 's-1', sessionState }));
      for (const run of [text, put]) {
        const out = await settle(run);
        expect((out.error as Error | undefined)?.name).toBe('ValidationException');
      }
    },
  );
});

describe('the emulator refuses enum and content-type values the model refuses', () => {
  it('StartConversation with a conversation mode other than AUDIO or TEXT: ValidationException (TEXT taken)', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const start = (conversationMode: string) => async () => {
      const out = await sdk.send(
        new StartConversationCommand({
          ...PIZZA,
          sessionId: `s-${globalThis.crypto.randomUUID()}`,
          conversationMode: conversationMode as never,
          requestEventStream: (async function* () {
            yield {
              ConfigurationEvent: {
                responseContentType: 'text/plain; charset=utf-8',
                disablePlayback: true,
              },
            };
          })(),
        }),
      );
      for await (const _ of out.responseEventStream ?? []);
    };
    expect((await settle(start('VIDEO'))).error).toMatchObject({ name: 'ValidationException' });
    expect((await settle(start('TEXT'))).error).toBeUndefined();
  });

  it('PutSession with a response content type that is neither text/plain nor audio/…: ValidationException, the session unchanged', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const ref = { ...PIZZA, sessionId: 's-put-type' };
    await sdk.send(new PutSessionCommand({ ...ref, sessionState: ELICIT }));
    const refused = await settle(() =>
      sdk.send(
        new PutSessionCommand({
          ...ref,
          sessionState: { ...ELICIT, sessionAttributes: { changed: 'yes' } },
          responseContentType: 'video/mp4',
        }),
      ),
    );
    expect(refused.error).toMatchObject({ name: 'ValidationException' });
    const got = await sdk.send(new GetSessionCommand(ref));
    expect(got.sessionState?.sessionAttributes?.changed).toBeUndefined();
  });
});
