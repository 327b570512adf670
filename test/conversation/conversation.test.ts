import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { NotFoundError, ThrottlingError, ValidationError } from 'aws-ai';
import { decodeLexHeader, encodeLexHeader } from 'aws-ai/conversation';
import type { BotScript } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;

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
          buttons: ['small', 'medium', 'large'],
        },
        {
          name: 'toppings',
          prompt: 'Which toppings?',
          values: ['cheese', 'mushrooms', 'olives'],
          list: true,
        },
        { name: 'name', prompt: 'What name is the order under?' },
      ],
      confirm: 'A {size} pizza for {name}, right?',
      fulfilled: 'Thanks {name}, your {size} pizza is on its way.',
    },
    { name: 'CheckOrder', utterances: ['where is my order'], fulfilled: 'It is in the oven.' },
  ],
};

/** 16 kHz 16-bit mono PCM of `ms` milliseconds. */
function pcm(ms: number, rate = 16_000): Uint8Array {
  return new Uint8Array(((rate * ms) / 1000) * 2);
}

function wav(samples: Uint8Array, rate: number, channels = 1, bits = 16): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE((rate * channels * bits) / 8, 28);
  header.writeUInt16LE((channels * bits) / 8, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  return new Uint8Array(Buffer.concat([header, samples]));
}

describe('conversation.bot send (RecognizeText)', () => {
  it('elicits slots in order, fills several from one answer, confirms and fulfils', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA, { sessionId: 'user-42' });
    expect(bot.sessionId).toBe('user-42');

    const first = await bot.send('I want to order a pizza');
    expect(first.intent).toMatchObject({ name: 'OrderPizza', state: 'InProgress' });
    expect(first.intent?.slots).toEqual({ size: undefined, toppings: undefined, name: undefined });
    expect(first.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'size' });
    expect(first.text).toBe('What size would you like?');
    expect(first.messages[1]).toEqual({
      type: 'card',
      title: 'What size would you like?',
      buttons: [
        { text: 'small', value: 'small' },
        { text: 'medium', value: 'medium' },
        { text: 'large', value: 'large' },
      ],
    });
    expect(first.interpretations[0]?.intent.name).toBe('OrderPizza');
    expect(first.interpretations[0]?.confidence).toBeGreaterThan(0.5);
    expect(first.interpretations.at(-1)).toMatchObject({
      intent: { name: 'FallbackIntent' },
      confidence: undefined,
    });

    // A synonym resolves to the slot value; the list slot takes every value mentioned.
    const second = await bot.send('a big one with cheese and olives');
    expect(second.intent?.slots.size).toEqual({
      value: 'large',
      original: 'big',
      resolved: ['large'],
      shape: 'Scalar',
    });
    expect(second.intent?.slots.toppings?.shape).toBe('List');
    expect(second.intent?.slots.toppings?.values?.map((v) => v.value)).toEqual([
      'cheese',
      'olives',
    ]);
    expect(second.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'name' });

    const third = await bot.send('Ada');
    expect(third.dialogAction?.type).toBe('ConfirmIntent');
    expect(third.text).toBe('A large pizza for Ada, right?');

    const done = await bot.send('yes please');
    expect(done.intent).toMatchObject({
      name: 'OrderPizza',
      state: 'Fulfilled',
      confirmationState: 'Confirmed',
    });
    expect(done.dialogAction).toEqual({ type: 'Close' });
    expect(done.text).toBe('Thanks Ada, your large pizza is on its way.');
    // sessionState is Lex's own shape, ready for put().
    expect(done.sessionState.intent?.slots?.name?.value?.interpretedValue).toBe('Ada');

    const calls = callsTo(emu, 'RecognizeText');
    expect(calls).toHaveLength(4);
    expect(calls[0]?.httpVersion).toBe('2.0');
    expect(calls[0]?.input).toMatchObject({
      ...PIZZA,
      sessionId: 'user-42',
      text: 'I want to order a pizza',
    });
  });

  it('sends session state and request attributes; unknown text goes to the fallback', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    expect(bot.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const turn = await bot.send('tell me a joke', {
      sessionState: { sessionAttributes: { tier: 'gold' } },
      requestAttributes: { channel: 'web' },
    });
    expect(turn.intent?.name).toBe('FallbackIntent');
    expect(turn.dialogAction?.type).toBe('ElicitIntent');
    expect(turn.sessionState.sessionAttributes).toEqual({ tier: 'gold' });
    expect(turn.requestAttributes).toEqual({ channel: 'web' });
    expect(callsTo(emu, 'RecognizeText')[0]?.input).toMatchObject({
      sessionState: { sessionAttributes: { tier: 'gold' } },
      requestAttributes: { channel: 'web' },
    });
  });

  it('refuses bad input before any call, saying what to change', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const ai = client();
    expect(() => ai.conversation.bot({ ...PIZZA, botId: 'short' })).toThrow(/10-character id/);
    expect(() => ai.conversation.bot(PIZZA, { sessionId: 'has space' })).toThrow(ValidationError);
    expect(() => ai.conversation.bot({ ...PIZZA, localeId: '' })).toThrow(/localeId/);
    const bot = ai.conversation.bot(PIZZA);
    await expect(bot.send('x'.repeat(1025))).rejects.toThrow(/at most 1024 characters/);
    await expect(bot.send('   ')).rejects.toBeInstanceOf(ValidationError);
    await expect(
      bot.send('hi', { requestAttributes: { n: 1 as unknown as string } }),
    ).rejects.toThrow(/requestAttributes.n must be a string/);
    await expect(
      bot.put(
        {
          intent: { name: 'OrderPizza' },
          dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' },
        },
        { messages: new Array(11).fill({ type: 'text', text: 'x' }) },
      ),
    ).rejects.toThrow(/at most 10 messages/);
    // PutSession tells Lex what to do next: a state without a dialog action type is refused.
    await expect(bot.put({ intent: { name: 'OrderPizza' } })).rejects.toThrow(/dialogAction/);
    expect(emu.calls).toHaveLength(0);
  });

  it('maps errors: unknown bot → NotFoundError, throttling retried then typed', async () => {
    const bot = client().conversation.bot({ ...PIZZA, botId: 'NOSUCHBOT1' });
    const err = await bot.send('hello').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      service: 'lex-runtime',
      operation: 'RecognizeText',
      code: 'ResourceNotFoundException',
    });

    emu.bot(PIZZA.botId, SCRIPT);
    emu.fault({ service: 'lex-runtime', kind: 'throttle', times: 1 });
    const turn = await client().conversation.bot(PIZZA).send('where is my order');
    expect(turn.text).toBe('It is in the oven.');

    emu.fault({ service: 'lex-runtime', kind: 'throttle' });
    await expect(
      client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } })
        .conversation.bot(PIZZA)
        .send('hi'),
    ).rejects.toBeInstanceOf(ThrottlingError);
  });

  it('aborts and times out as AwsAIErrors', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    emu.fault({ service: 'lex-runtime', kind: 'delay', delayMs: 500 });
    const bot = client().conversation.bot(PIZZA);
    await expect(bot.send('hi', { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'TimeoutError',
      service: 'lex-runtime',
    });
    const controller = new AbortController();
    const pending = bot.send('hi', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', operation: 'RecognizeText' });
  });
});

describe('conversation.bot say (RecognizeUtterance)', () => {
  it('encodes session state and attributes as gzip+base64 headers and decodes the answer', async () => {
    emu.bot(PIZZA.botId, { ...SCRIPT, hear: () => 'order a small pizza' });
    const bot = client().conversation.bot(PIZZA, { sessionId: 'voice-1' });
    const turn = await bot.say(pcm(500), {
      sessionState: { sessionAttributes: { caller: '+15550100' } },
      requestAttributes: { device: 'phone' },
    });
    expect(turn.inputTranscript).toBe('order a small pizza');
    expect(turn.inputMode).toBe('Speech');
    expect(turn.intent?.slots.size?.value).toBe('small');
    expect(turn.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'toppings' });
    expect(turn.text).toBe('Which toppings?');
    expect(turn.sessionState.sessionAttributes).toEqual({ caller: '+15550100' });
    expect(turn.requestAttributes).toEqual({ device: 'phone' });
    expect(turn.audio).toBeUndefined();

    // On the wire: the headers are base64 of gzip of JSON, exactly what Lex documents.
    const input = callsTo(emu, 'RecognizeUtterance')[0]?.input ?? {};
    const raw = (name: string) =>
      JSON.parse(gunzipSync(Buffer.from(String(input[name]), 'base64')).toString('utf8'));
    expect(raw('sessionState')).toEqual({ sessionAttributes: { caller: '+15550100' } });
    expect(raw('requestAttributes')).toEqual({ device: 'phone' });
    expect(input.requestContentType).toBe('audio/l16; rate=16000; channels=1');
    expect(input.responseContentType).toBe('text/plain; charset=utf-8');
    expect((input.inputStream as Uint8Array).byteLength).toBe(16_000);
  });

  it('unwraps a WAV file and returns the spoken answer as audio', async () => {
    emu.bot(PIZZA.botId, { ...SCRIPT, hear: () => 'where is my order' });
    const bot = client().conversation.bot(PIZZA);
    const samples = pcm(250, 8_000);
    const turn = await bot.say(wav(samples, 8_000), { responseContentType: 'pcm' });
    expect(turn.text).toBe('It is in the oven.');
    expect(turn.contentType).toBe('audio/pcm');
    expect(turn.audio?.byteLength).toBeGreaterThan(0);
    const input = callsTo(emu, 'RecognizeUtterance')[0]?.input ?? {};
    expect(String(input.requestContentType)).toMatch(/^audio\/lpcm; sample-rate=8000/);
    expect((input.inputStream as Uint8Array).byteLength).toBe(samples.byteLength);
  });

  it('checks formats, duration and header size before any call', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    await expect(bot.say(new Uint8Array())).rejects.toThrow(/non-empty bytes/);
    await expect(bot.say(pcm(100), { contentType: 'audio/mulaw' })).rejects.toThrow(/no mu-law/);
    await expect(bot.say(pcm(15_100))).rejects.toThrow(/at most 15 s/);
    await expect(bot.say(new Uint8Array(3))).rejects.toThrow(/whole 16-bit samples/);
    await expect(bot.say(wav(pcm(100), 44_100))).rejects.toThrow(
      /16-bit PCM, mono, at 8000 or 16000 Hz/,
    );
    await expect(bot.say(pcm(100), { responseContentType: 'video/mp4' })).rejects.toThrow(
      /responseContentType/,
    );
    // Random attribute values do not compress: far over 12 KB of headers.
    const noise = randomBytes(12_000).toString('base64');
    await expect(
      bot.say(pcm(100), { sessionState: { sessionAttributes: { noise } } }),
    ).rejects.toThrow(/12 KB/);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('conversation.bot state / put / end (Get/Put/DeleteSession)', () => {
  it('reads, sets and deletes the session', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA, { sessionId: 'sess.1' });
    await expect(bot.state()).rejects.toBeInstanceOf(NotFoundError);
    await bot.send('order a medium pizza');
    const snapshot = await bot.state();
    expect(snapshot.intent?.slots.size?.value).toBe('medium');
    expect(snapshot.dialogAction?.slotToElicit).toBe('toppings');

    const put = await bot.put(
      {
        dialogAction: { type: 'ElicitSlot', slotToElicit: 'name' },
        intent: {
          ...snapshot.sessionState.intent!,
          slots: {
            ...snapshot.sessionState.intent?.slots,
            toppings: {
              value: {
                originalValue: 'olives',
                interpretedValue: 'olives',
                resolvedValues: ['olives'],
              },
              shape: 'Scalar',
            },
          },
        },
        sessionAttributes: { coupon: 'HALF' },
      },
      {
        messages: [{ type: 'text', text: 'Olives it is. Your name?' }],
        responseContentType: 'mpeg',
      },
    );
    expect(put.messages).toEqual([{ type: 'text', text: 'Olives it is. Your name?' }]);
    expect(put.sessionState.sessionAttributes).toEqual({ coupon: 'HALF' });
    expect(put.contentType).toBe('audio/mpeg');
    expect(put.audio?.byteLength).toBeGreaterThan(0);
    expect(callsTo(emu, 'PutSession')[0]?.input).toMatchObject({
      messages: [{ contentType: 'PlainText', content: 'Olives it is. Your name?' }],
      responseContentType: 'audio/mpeg',
    });

    const next = await bot.send('Grace');
    expect(next.dialogAction?.type).toBe('ConfirmIntent');
    expect(next.sessionState.sessionAttributes).toEqual({ coupon: 'HALF' });

    expect(await bot.end()).toEqual({ sessionId: 'sess.1' });
    await expect(bot.end()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Lex header codec', () => {
  it('round-trips through gzip+base64 and matches the emulator encoding', () => {
    const value = { messages: [{ contentType: 'PlainText', content: 'Grüße 👋' }] };
    const header = encodeLexHeader(value);
    expect(header).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(gunzipSync(Buffer.from(header, 'base64')).toString('utf8'))).toEqual(value);
    expect(decodeLexHeader(header)).toEqual(value);
    expect(() => decodeLexHeader('not gzip')).toThrow(/gzip/);
  });
});
