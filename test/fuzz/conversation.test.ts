import type { AwsAI } from 'aws-ai';
import type { ConverseInput } from 'aws-ai/conversation';
import type { BotScript } from 'aws-ai/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badFields,
  badNumbers,
  blankStrings,
  Case,
  defined,
  expectRefused,
  expectTyped,
  hugeStrings,
  loneSurrogates,
  oddStrings,
  QUICK,
  RUNS,
  refusesAll,
  requestOptionProperties,
  settle,
  settlesTyped,
  trickyObjects,
  utf16String,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const BOT = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;

const SCRIPT: BotScript = {
  intents: [
    {
      name: 'OrderPizza',
      utterances: ['I want to order a pizza'],
      slots: [{ name: 'size', prompt: 'What size?', values: ['small', 'large'] }],
    },
  ],
  hear: () => 'I want to order a pizza',
  heartbeatMs: 0,
};

/** Half a second of 16 kHz PCM (say) and of 8 kHz PCM (converse). */
const PCM16 = () => new Uint8Array(16_000);
const PCM8 = () => new Uint8Array(8_000);

const bot = (ai: AwsAI = client()) => ai.conversation.bot(BOT);

const notAString = defined(fc.oneof(wrongTypes, badArrays));
const notAnObject = defined(wrongTypes).filter(
  (c) => c.value === null || (typeof c.value !== 'object' && typeof c.value !== 'function'),
);

/** Each public call with valid input, options last. */
const CALLS: Record<string, (o: Record<string, unknown>) => unknown> = {
  send: (o) => bot().send('I want to order a pizza', o),
  say: (o) => bot().say(PCM16(), o),
  sayStream: (o) => bot().sayStream(PCM16(), o),
  state: (o) => bot().state(o),
  put: (o) => bot().put({ dialogAction: { type: 'ElicitIntent' } }, o),
  end: (o) => bot().end(o),
  converse: (o) => bot().converse([{ text: 'hi there' }], o),
};

describe('conversation.bot: bot refs and session ids', () => {
  it(
    'refs that are not an object, or whose botId, alias or locale are wrong, are refused',
    refusesAll(
      emu,
      'conversation.bot',
      fc.oneof(
        notAnObject,
        trickyObjects,
        badFields({
          botId: fc.oneof(
            notAString,
            blankStrings,
            hugeStrings,
            oddStrings,
            value('"PIZZABOT0"', () => 'PIZZABOT0'),
            value('"PIZZA BOT1"', () => 'PIZZA BOT1'),
            value('"PIZZABOT012"', () => 'PIZZABOT012'),
          ),
          botAliasId: fc.oneof(
            notAString,
            value('""', () => ''),
          ),
          localeId: fc.oneof(
            notAString,
            value('""', () => ''),
          ),
        }).map((c) => new Case(c.name, () => ({ ...BOT, ...c.value }), c as Case)),
      ),
      (ref) => client().conversation.bot(ref as never),
      RUNS,
      // Building a bot session is no call to AWS: its error names no service.
      false,
    ),
  );

  it(
    'session ids outside 2-100 of [0-9a-zA-Z._:-] are refused',
    refusesAll(
      emu,
      'conversation.bot(ref, { sessionId })',
      fc.oneof(
        defined(wrongTypes),
        blankStrings,
        hugeStrings,
        oddStrings.filter((c) => !/^[0-9a-zA-Z._:-]{2,100}$/.test(String(c.value))),
        value('"a"', () => 'a'),
        value('101 chars', () => 'a'.repeat(101)),
        value('"user/42"', () => 'user/42'),
        value('"user 42"', () => 'user 42'),
      ),
      (sessionId) => client().conversation.bot(BOT, { sessionId: sessionId as never }),
      RUNS,
      // Building a bot session is no call to AWS: its error names no service.
      false,
    ),
  );

  it(
    'odd session options settle typed',
    settlesTyped('conversation.bot', fc.oneof(wrongTypes, trickyObjects), (o) =>
      client().conversation.bot(BOT, o as never),
    ),
  );
});

describe('conversation: text, audio and options refused before any request', () => {
  it(
    'send: text of the wrong type, blank, over 1,024 characters or ill-formed is refused',
    refusesAll(
      emu,
      'conversation.send',
      fc.oneof(
        notAString,
        blankStrings,
        hugeStrings,
        loneSurrogates,
        value('1,025 chars', () => 'a'.repeat(1_025)),
      ),
      (text) => {
        emu.bot(BOT.botId, SCRIPT);
        return bot().send(text as string, QUICK);
      },
    ),
  );

  it('send: odd and random strings settle typed', async () => {
    emu.bot(BOT.botId, SCRIPT);
    await settlesTyped('conversation.send', fc.oneof(oddStrings, utf16String(60)), (text) =>
      bot().send(text as string, QUICK),
    )();
  });

  const badAudio = fc.oneof(
    defined(wrongTypes),
    badArrays,
    blankStrings,
    value('empty bytes', () => new Uint8Array()),
    value('odd byte count', () => new Uint8Array(3_001)),
    value('16 s of 16 kHz PCM', () => new Uint8Array(32 * 16_000)),
    value('ArrayBuffer', () => new ArrayBuffer(320)),
    value('number[]', () => [1, 2, 3, 4]),
    value('WAV of 44.1 kHz stereo', () => {
      const h = Buffer.alloc(44);
      h.write('RIFF', 0);
      h.writeUInt32LE(36 + 400, 4);
      h.write('WAVEfmt ', 8);
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20);
      h.writeUInt16LE(2, 22);
      h.writeUInt32LE(44_100, 24);
      h.writeUInt32LE(44_100 * 4, 28);
      h.writeUInt16LE(4, 32);
      h.writeUInt16LE(16, 34);
      h.write('data', 36);
      h.writeUInt32LE(400, 40);
      return new Uint8Array(Buffer.concat([h, Buffer.alloc(400)]));
    }),
  );

  for (const name of ['say', 'sayStream'] as const) {
    it(
      `${name}: audio that is not PCM bytes of at most 15 s is refused`,
      refusesAll(emu, `conversation.${name}`, badAudio, (audio) =>
        bot()[name](audio as Uint8Array, { ...QUICK }),
      ),
    );

    it(`${name}: options of the wrong type or value are refused`, async () => {
      const options = badFields({
        contentType: fc.oneof(
          notAString,
          blankStrings,
          value('"mulaw"', () => 'mulaw'),
          value('"audio/mpeg"', () => 'audio/mpeg'),
        ),
        responseContentType: fc.oneof(
          notAString,
          blankStrings,
          value('"wav"', () => 'wav'),
          value('"video/mp4"', () => 'video/mp4'),
        ),
        sessionState: fc.oneof(
          notAnObject,
          badArrays,
          value('{ intent: {} }', () => ({ intent: {} })),
          value('{ dialogAction: { type: 1 } }', () => ({ dialogAction: { type: 1 } })),
          value('{ sessionAttributes: { n: 1 } }', () => ({ sessionAttributes: { n: 1 } })),
          value('13 KB of attributes', () => ({
            sessionAttributes: Object.fromEntries(
              Array.from({ length: 400 }, (_, i) => [`k${i}`, globalThis.crypto.randomUUID()]),
            ),
          })),
        ),
        requestAttributes: fc.oneof(
          notAnObject,
          badArrays,
          value('{ n: 1 }', () => ({ n: 1 })),
        ),
      });
      await fc.assert(
        fc.asyncProperty(options, async (bad) => {
          const before = emu.calls.length;
          const outcome = await settle(() => bot()[name](PCM16(), { ...QUICK, ...bad.value }));
          expectRefused(outcome, `conversation.${name}(audio, ${bad.name})`, emu, before);
        }),
        { numRuns: 40 },
      );
    });
  }

  it(
    'put: session states without a dialog action type, or bad messages, are refused',
    refusesAll(
      emu,
      'conversation.put',
      fc.oneof(
        notAnObject,
        value('{}', () => [{}, {}]),
        value('{ dialogAction: {} }', () => [{ dialogAction: {} }, {}]),
        value('11 messages', () => [
          { dialogAction: { type: 'ElicitIntent' } },
          { messages: Array.from({ length: 11 }, () => ({ type: 'text', text: 'hi' })) },
        ]),
        value('a message of type "html"', () => [
          { dialogAction: { type: 'ElicitIntent' } },
          { messages: [{ type: 'html', text: 'hi' }] },
        ]),
      ),
      (args) => {
        const [state, options] = Array.isArray(args) ? args : [args, {}];
        return bot().put(state as never, { ...QUICK, ...(options as object) });
      },
    ),
  );

  it(
    'converse: input that is not an iterable is refused at once',
    refusesAll(
      emu,
      'conversation.converse',
      fc.oneof(
        defined(wrongTypes).filter(
          (c) => !(typeof c.value === 'object' && c.value !== null && Symbol.iterator in c.value),
        ),
        blankStrings,
        value('"hello" (a string)', () => 'hello'),
        value('{ text }', () => ({ text: 'hi' })),
      ),
      (input) => bot().converse(input as never, QUICK),
    ),
  );

  it('converse: options of the wrong type or value are refused at once', async () => {
    const options = badFields({
      mode: fc.oneof(
        notAString,
        blankStrings,
        value('"AUDIO"', () => 'AUDIO'),
      ),
      contentType: fc.oneof(
        notAString,
        blankStrings,
        value('"pcm" (16 kHz)', () => 'pcm'),
        value('"opus"', () => 'opus'),
        value('16 kHz lpcm', () => 'audio/lpcm; sample-rate=16000; sample-size-bits=16'),
      ),
      responseContentType: fc.oneof(
        notAString,
        blankStrings,
        value('"wav"', () => 'wav'),
      ),
      playback: fc.oneof(
        notAString,
        value('"never"', () => 'never'),
      ),
      idleTimeoutMs: fc.oneof(
        badNumbers,
        notAString.filter((c) => typeof c.value !== 'number'),
        value('0', () => 0),
        value('2^31', () => 2 ** 31),
      ),
      welcomeMessages: fc.oneof(
        notAnObject,
        value('11 messages', () =>
          Array.from({ length: 11 }, () => ({ type: 'text', text: 'hi' })),
        ),
        value('without a dialog action', () => [{ type: 'text', text: 'Welcome' }]),
      ),
      sessionState: fc.oneof(
        notAnObject,
        value('{ dialogAction: {} }', () => ({ dialogAction: {} })),
      ),
      requestAttributes: fc.oneof(
        notAnObject,
        value('{ n: 1 }', () => ({ n: 1 })),
      ),
    }).filter((c) => c.inner.value !== null || !c.name.startsWith('{ idleTimeoutMs'));
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          bot().converse([{ text: 'hi there' }], { ...QUICK, ...bad.value }),
        );
        expectRefused(outcome, `conversation.converse(input, ${bad.name})`, emu, before);
      }),
      { numRuns: 60 },
    );
  });

  requestOptionProperties(it, 'conversation', CALLS, emu);
});

describe('conversation.converse: input items checked as they come', () => {
  const badItems = fc.oneof(
    defined(wrongTypes).filter((c) => !(c.value instanceof Uint8Array)),
    value('{ text: "" }', () => ({ text: '' })),
    value('{ text: "   " }', () => ({ text: '   ' })),
    value('{ text: 1,025 chars }', () => ({ text: 'a'.repeat(1_025) })),
    value('{ text: 3 MB }', () => ({ text: 'a'.repeat(3 * 1024 * 1024) })),
    value('{ text: lone surrogate }', () => ({ text: 'a\uD800' })),
    value('{ text: 42 }', () => ({ text: 42 })),
    value('{ dtmf: "" }', () => ({ dtmf: '' })),
    value('{ dtmf: "12x" }', () => ({ dtmf: '12x' })),
    value('{ dtmf: "a" } (lower case)', () => ({ dtmf: 'a' })),
    value('{ dtmf: "E" }', () => ({ dtmf: 'E' })),
    value('{ dtmf: 5 }', () => ({ dtmf: 5 })),
    value('{ text, dtmf }', () => ({ text: 'hi', dtmf: '1' })),
    value('{ audio: bytes }', () => ({ audio: PCM8() })),
    value('ArrayBuffer', () => new ArrayBuffer(16)),
  );

  it('a bad item ends the conversation with a ValidationError and is never sent', async () => {
    await fc.assert(
      fc.asyncProperty(badItems, fc.boolean(), fc.boolean(), async (bad, first, asArray) => {
        emu.reset();
        emu.bot(BOT.botId, SCRIPT);
        const items = first ? [bad.value] : [{ text: 'I want to order a pizza' }, bad.value];
        // An array is checked at the call; an async iterable item by item as it is read.
        const input = asArray
          ? items
          : (async function* () {
              yield* items;
            })();
        const outcome = await settle(() => bot().converse(input as never, QUICK));
        const label = `converse(${asArray ? 'array' : 'async'} [${first ? '' : 'text, '}${bad.name}])`;
        expectTyped(outcome, label);
        if (asArray) expect(callsTo(emu, 'StartConversation')).toHaveLength(0);
        if (outcome.ok) throw new Error(`converse accepted ${bad.name}`);
        expect(outcome.error).toMatchObject({ name: 'ValidationError' });
        // Only the valid text before it may have gone out (or not yet, when the refusal was first).
        const sent = (callsTo(emu, 'StartConversation')[0]?.input.received as string[]) ?? [];
        const inputs = sent.filter((n) => n !== 'ConfigurationEvent');
        expect(inputs.length).toBeLessThanOrEqual(first ? 0 : 1);
        expect(inputs.every((n) => n === 'TextInputEvent')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('audio or keys in text mode are refused, never sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<unknown>(PCM8(), { dtmf: '1#' }), async (item) => {
        emu.reset();
        emu.bot(BOT.botId, SCRIPT);
        const outcome = await settle(() =>
          bot().converse([item] as never, { ...QUICK, mode: 'text' }),
        );
        expectTyped(outcome, 'converse in text mode');
        expect(outcome.ok).toBe(false);
        const sent = (callsTo(emu, 'StartConversation')[0]?.input.received as string[]) ?? [];
        expect(sent.filter((n) => n !== 'ConfigurationEvent')).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });

  it('odd text, keys and audio settle typed', async () => {
    const oddItems = fc.oneof(
      fc
        .oneof(oddStrings, utf16String(30))
        .map((c) => new Case(`{ text: ${c.name} }`, () => ({ text: c.value }))),
      fc
        .stringMatching(/^[0-9A-D#*]{1,12}$/)
        .map((keys) => new Case(`{ dtmf: ${keys} }`, () => ({ dtmf: keys }))),
      fc
        .uint8Array({ minLength: 0, maxLength: 4_000 })
        .map((bytes) => new Case(`${bytes.length} audio bytes`, () => bytes)),
    );
    emu.bot(BOT.botId, SCRIPT);
    await fc.assert(
      fc.asyncProperty(fc.array(oddItems, { minLength: 0, maxLength: 4 }), async (items) => {
        const outcome = await settle(() =>
          bot().converse(items.map((i) => i.value) as ConverseInput[], QUICK),
        );
        expectTyped(outcome, `converse([${items.map((i) => i.name).join(', ')}])`);
      }),
      { numRuns: 30 },
    );
  });
});
