/**
 * docs/conversation.md, "A turn (`BotTurn`)": one Lex answer in AWS's shapes (the model's
 * `Message`, `Interpretation` with sentiment, `SessionState` with scalar, list and composite slots)
 * mapped the same way by send (RecognizeText JSON), say (RecognizeUtterance gzip+base64 headers),
 * state (GetSession) and converse (IntentResultEvent + TextResponseEvent): one mapper for all.
 */
import { encodeLexHeader } from 'aws-ai/conversation';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;

const value = (original: string, interpreted: string) => ({
  value: { originalValue: original, interpretedValue: interpreted, resolvedValues: [interpreted] },
  shape: 'Scalar',
});

/** What Lex answers, in the model's shapes. */
const MESSAGES = [
  { contentType: 'PlainText', content: 'Your order:' },
  { contentType: 'SSML', content: '<speak>A <emphasis>large</emphasis> pizza.</speak>' },
  { contentType: 'CustomPayload', content: '{"kind":"receipt"}' },
  {
    contentType: 'ImageResponseCard',
    imageResponseCard: {
      title: 'Confirm?',
      buttons: [
        { text: 'Yes', value: 'yes' },
        { text: 'No', value: 'no' },
      ],
    },
  },
];
const INTENT = {
  name: 'OrderPizza',
  state: 'InProgress',
  confirmationState: 'None',
  slots: {
    size: value('big', 'large'),
    toppings: {
      shape: 'List',
      value: { originalValue: 'olives and cheese', interpretedValue: 'olives and cheese' },
      values: [value('olives', 'olives'), value('cheese', 'cheese')],
    },
    address: {
      shape: 'Composite',
      value: { originalValue: '1 Main St', interpretedValue: '1 Main St' },
      subSlots: { street: value('Main St', 'Main Street'), city: null },
    },
    name: null,
  },
};
const SESSION_STATE = {
  dialogAction: { type: 'ConfirmIntent' },
  intent: INTENT,
  sessionAttributes: { tier: 'gold' },
};
const INTERPRETATIONS = [
  {
    intent: INTENT,
    nluConfidence: { score: 0.91 },
    sentimentResponse: {
      sentiment: 'POSITIVE',
      sentimentScore: { positive: 0.8, negative: 0.05, neutral: 0.1, mixed: 0.05 },
    },
    interpretationSource: 'Lex',
  },
  { intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress' } },
];

/** What the turn must hold, whatever the operation it came from. */
const EXPECTED = {
  messages: [
    { type: 'text', text: 'Your order:' },
    { type: 'ssml', ssml: '<speak>A <emphasis>large</emphasis> pizza.</speak>' },
    { type: 'custom', payload: '{"kind":"receipt"}' },
    {
      type: 'card',
      title: 'Confirm?',
      buttons: [
        { text: 'Yes', value: 'yes' },
        { text: 'No', value: 'no' },
      ],
    },
  ],
  // Text and SSML joined, SSML tags removed; the payload and the card left out.
  text: 'Your order: A large pizza.',
  intent: {
    name: 'OrderPizza',
    state: 'InProgress',
    confirmationState: 'None',
    slots: {
      size: { value: 'large', original: 'big', resolved: ['large'], shape: 'Scalar' },
      toppings: {
        value: 'olives and cheese',
        original: 'olives and cheese',
        resolved: [],
        shape: 'List',
        values: [
          { value: 'olives', original: 'olives', resolved: ['olives'], shape: 'Scalar' },
          { value: 'cheese', original: 'cheese', resolved: ['cheese'], shape: 'Scalar' },
        ],
      },
      address: {
        value: '1 Main St',
        original: '1 Main St',
        resolved: [],
        shape: 'Composite',
        subSlots: {
          street: {
            value: 'Main Street',
            original: 'Main St',
            resolved: ['Main Street'],
            shape: 'Scalar',
          },
          city: undefined,
        },
      },
      name: undefined,
    },
  },
  dialogAction: { type: 'ConfirmIntent' },
  sessionState: SESSION_STATE,
};

describe('one Lex answer, the same typed turn from every operation', () => {
  it('send, say, state and converse map messages, slots, interpretations and the state alike', async () => {
    emu.handle('lex-runtime', 'RecognizeText', (input) => ({
      sessionId: input.sessionId,
      messages: MESSAGES,
      interpretations: INTERPRETATIONS,
      sessionState: SESSION_STATE,
    }));
    emu.handle('lex-runtime', 'RecognizeUtterance', (input) => ({
      sessionId: input.sessionId,
      contentType: 'text/plain; charset=utf-8',
      inputMode: 'Speech',
      messages: encodeLexHeader(MESSAGES),
      interpretations: encodeLexHeader(INTERPRETATIONS),
      sessionState: encodeLexHeader(SESSION_STATE),
      inputTranscript: encodeLexHeader('a big one with olives and cheese'),
      audioStream: new Uint8Array(),
    }));
    emu.handle('lex-runtime', 'GetSession', (input) => ({
      sessionId: input.sessionId,
      messages: MESSAGES,
      interpretations: INTERPRETATIONS,
      sessionState: SESSION_STATE,
    }));
    emu.handle('lex-runtime', 'StartConversation', (input) => ({
      responseEventStream: (async function* () {
        yield {
          IntentResultEvent: {
            inputMode: 'Text',
            interpretations: INTERPRETATIONS,
            sessionState: SESSION_STATE,
            sessionId: input.sessionId,
            eventId: 'RESPONSE-1',
          },
        };
        yield { TextResponseEvent: { messages: MESSAGES, eventId: 'RESPONSE-2' } };
      })(),
    }));
    const bot = client().conversation.bot(PIZZA, { sessionId: 'map-1' });

    const sent = await bot.send('a big one with olives and cheese');
    expect(sent).toMatchObject({ ...EXPECTED, sessionId: 'map-1', inputMode: 'Text' });
    expect(sent.interpretations).toEqual([
      {
        intent: EXPECTED.intent,
        confidence: 0.91,
        sentiment: {
          sentiment: 'POSITIVE',
          scores: { positive: 0.8, negative: 0.05, neutral: 0.1, mixed: 0.05 },
        },
        source: 'Lex',
      },
      // No score for FallbackIntent: undefined, never 0.
      {
        intent: {
          name: 'FallbackIntent',
          state: 'InProgress',
          confirmationState: undefined,
          slots: {},
        },
        confidence: undefined,
      },
    ]);

    const said = await bot.say(new Uint8Array(3_200));
    expect(said).toMatchObject({
      ...EXPECTED,
      inputTranscript: 'a big one with olives and cheese',
      inputMode: 'Speech',
    });
    expect(said.interpretations).toEqual(sent.interpretations);
    expect(said.audio).toBeUndefined();

    const state = await bot.state();
    expect(state).toMatchObject({
      messages: EXPECTED.messages,
      intent: EXPECTED.intent,
      dialogAction: EXPECTED.dialogAction,
      sessionState: SESSION_STATE,
    });
    expect(state.interpretations).toEqual(sent.interpretations);

    const events = await bot.converse([{ text: 'a big one with olives and cheese' }]).collect();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'intent',
      intent: EXPECTED.intent,
      dialogAction: EXPECTED.dialogAction,
      sessionState: SESSION_STATE,
      sessionId: 'map-1',
      inputMode: 'Text',
      eventId: 'RESPONSE-1',
    });
    expect(events[0]?.type === 'intent' && events[0].interpretations).toEqual(sent.interpretations);
    expect(events[1]).toEqual({
      type: 'text',
      messages: EXPECTED.messages,
      text: EXPECTED.text,
      eventId: 'RESPONSE-2',
    });
  });
});
