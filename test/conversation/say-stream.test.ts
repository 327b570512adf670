import { AbortError, ValidationError } from 'aws-ai';
import type { BotScript } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const PIZZA = { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' } as const;

const SCRIPT: BotScript = {
  intents: [
    {
      name: 'OrderPizza',
      utterances: ['I want to order a pizza'],
      slots: [{ name: 'size', prompt: 'What size would you like? Small, medium or large?' }],
    },
  ],
  hear: () => 'I want to order a pizza',
};

/** 16 kHz 16-bit mono PCM of `ms` milliseconds. */
const pcm = (ms: number) => new Uint8Array(32 * ms);

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('conversation.bot sayStream (RecognizeUtterance, audio streamed)', () => {
  it('resolves with the typed turn and streams the same audio say() returns', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const ai = client();
    const streamed = await ai.conversation
      .bot(PIZZA, { sessionId: 'stream-1' })
      .sayStream(pcm(500), { responseContentType: 'mpeg' });
    expect(streamed.inputTranscript).toBe('I want to order a pizza');
    expect(streamed.text).toBe('What size would you like? Small, medium or large?');
    expect(streamed.intent).toMatchObject({ name: 'OrderPizza', state: 'InProgress' });
    expect(streamed.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'size' });
    expect(streamed.contentType).toBe('audio/mpeg');
    const audio = await bytesOf(streamed.audio);

    const whole = await ai.conversation
      .bot(PIZZA, { sessionId: 'whole-1' })
      .say(pcm(500), { responseContentType: 'mpeg' });
    expect(audio.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(audio).equals(Buffer.from(whole.audio ?? []))).toBe(true);
    expect(callsTo(emu, 'RecognizeUtterance')).toHaveLength(2);
  });

  it('defaults to mpeg; converts to a Node Readable', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const turn = await client().conversation.bot(PIZZA).sayStream(pcm(200));
    expect(turn.contentType).toBe('audio/mpeg');
    expect(callsTo(emu, 'RecognizeUtterance')[0]?.input.responseContentType).toBe('audio/mpeg');
    const bytes = await bytesOf(turn.audio.toNodeReadable());
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('aborting the audio stream ends reading with an AbortError', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const turn = await client().conversation.bot(PIZZA).sayStream(pcm(200), {
      responseContentType: 'pcm',
    });
    turn.audio.abort();
    await expect(bytesOf(turn.audio)).rejects.toBeInstanceOf(AbortError);
  });

  it("the caller's signal after the turn cuts the audio: AbortError", async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const controller = new AbortController();
    const turn = await client().conversation.bot(PIZZA).sayStream(pcm(200), {
      responseContentType: 'pcm',
      signal: controller.signal,
    });
    controller.abort();
    await expect(bytesOf(turn.audio)).rejects.toBeInstanceOf(AbortError);
  });

  it('refuses a text answer and bad audio before any request', async () => {
    emu.bot(PIZZA.botId, SCRIPT);
    const bot = client().conversation.bot(PIZZA);
    await expect(bot.sayStream(pcm(200), { responseContentType: 'text' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(bot.sayStream(new Uint8Array())).rejects.toBeInstanceOf(ValidationError);
    await expect(bot.sayStream(pcm(16_000))).rejects.toBeInstanceOf(ValidationError);
    await expect(bot.sayStream(pcm(200), { contentType: 'audio/mp3' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(bot.sayStream(pcm(200), { timeoutMs: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
