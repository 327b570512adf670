import { AbortError, AwsAI, StreamError, ValidationError } from 'aws-ai';
import type { VoiceEvent } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const MODEL = 'amazon.nova-sonic-v1:0';

/** 16-bit PCM at 16 kHz: a loud tone (speech) or zeros (silence). */
function pcm(ms: number, loud: boolean): Uint8Array {
  const samples = Math.round((16000 * ms) / 1000);
  const buf = Buffer.alloc(samples * 2);
  if (loud) for (let i = 0; i < samples; i++) buf.writeInt16LE(i % 2 ? 4000 : -4000, i * 2);
  return new Uint8Array(buf);
}

async function* question(): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < 10; i++) yield pcm(100, true);
  for (let i = 0; i < 6; i++) yield pcm(100, false);
}

/** The protocol events the client sent on each connection, by name. */
function sentEvents(index = 0): Array<[string, Record<string, unknown>]> {
  const call = callsTo(emu, 'InvokeModelWithBidirectionalStream')[index];
  const received = (call?.input.received ?? []) as Array<Record<string, Record<string, unknown>>>;
  return received.map((e) => Object.entries(e)[0] as [string, Record<string, unknown>]);
}

describe('generative.voice (Nova Sonic)', () => {
  it('answers typed text: transcripts, audio, turn end, usage, then end after close()', async () => {
    const session = client().generative.voice({
      model: MODEL,
      system: 'Be brief.',
      voice: 'tiffany',
    });
    session.sendText('Hello there');
    const events: VoiceEvent[] = [];
    for await (const event of session) {
      events.push(event);
      if (event.type === 'turn-end') session.close();
    }
    const transcripts = events.filter((e) => e.type === 'transcript');
    expect(transcripts).toEqual([
      { type: 'transcript', role: 'user', text: 'Hello there', stage: 'final' },
      {
        type: 'transcript',
        role: 'assistant',
        text: 'You said: Hello there',
        stage: 'speculative',
      },
      { type: 'transcript', role: 'assistant', text: 'You said: Hello there', stage: 'final' },
    ]);
    const audio = events.filter((e) => e.type === 'audio');
    expect(audio.length).toBeGreaterThan(1);
    expect(audio.every((e) => e.type === 'audio' && e.sampleRate === 24000)).toBe(true);
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'end', connections: 1 });
    expect(end?.type === 'end' && end.usage.outputTokens).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'usage')).toBe(true);

    // The protocol's order: session, prompt, system content, the text turn, then the closing events.
    const sent = sentEvents();
    expect(sent.map(([name]) => name)).toEqual([
      'sessionStart',
      'promptStart',
      'contentStart',
      'textInput',
      'contentEnd',
      'contentStart',
      'textInput',
      'contentEnd',
      'promptEnd',
      'sessionEnd',
    ]);
    expect(sent[1]?.[1]).toMatchObject({
      audioOutputConfiguration: { voiceId: 'tiffany', sampleRateHertz: 24000, encoding: 'base64' },
    });
    expect(sent[2]?.[1]).toMatchObject({ role: 'SYSTEM', type: 'TEXT' });
    expect(sent[5]?.[1]).toMatchObject({ role: 'USER', type: 'TEXT', interactive: true });
  });

  it('answers a recorded question with a local tool, sending the result back', async () => {
    const session = client().generative.voice({
      model: MODEL,
      tools: {
        get_weather: {
          description: 'Weather of a city',
          input: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
          execute: (input) => ({ forecast: 'sunny', for: (input as { city: string }).city }),
        },
      },
    });
    const piped = session.pipe(question());
    const events: VoiceEvent[] = [];
    for await (const event of session) {
      events.push(event);
      if (event.type === 'turn-end') {
        await piped;
        session.close();
      }
    }
    const call = events.find((e) => e.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather' });
    expect(events.find((e) => e.type === 'tool-result')).toMatchObject({
      type: 'tool-result',
      name: 'get_weather',
      isError: false,
      output: { forecast: 'sunny' },
    });
    expect(events.find((e) => e.type === 'transcript' && e.role === 'user')).toMatchObject({
      text: 'emulated transcript of 1.0 s of speech',
    });
    const final = events.filter(
      (e) => e.type === 'transcript' && e.role === 'assistant' && e.stage === 'final',
    );
    expect(final[0]).toMatchObject({ text: expect.stringContaining('get_weather says') });

    const sent = sentEvents();
    // Audio in frames of at most 32 ms (1,024 bytes at 16 kHz), base64, in one AUDIO content.
    const frames = sent
      .filter(([name]) => name === 'audioInput')
      .map(([, v]) => Buffer.from(String(v.content), 'base64').byteLength);
    expect(frames.every((bytes) => bytes <= 1024)).toBe(true);
    expect(frames.reduce((a, b) => a + b, 0)).toBe(16 * 3200);
    expect(sent.filter(([name, v]) => name === 'contentStart' && v.type === 'AUDIO')).toHaveLength(
      1,
    );
    const tool = sent.find(([name, v]) => name === 'contentStart' && v.type === 'TOOL');
    expect(tool?.[1]).toMatchObject({
      role: 'TOOL',
      toolResultInputConfiguration: { toolUseId: (call as { id: string }).id },
    });
    expect(sent.slice(-3).map(([name]) => name)).toEqual(['contentEnd', 'promptEnd', 'sessionEnd']);
  });

  it('reports barge-in as one interrupted event', async () => {
    const session = client().generative.voice({ model: MODEL });
    void session.pipe(question());
    const events: VoiceEvent[] = [];
    let bargedIn = false;
    for await (const event of session) {
      events.push(event);
      if (event.type === 'audio' && !bargedIn) {
        bargedIn = true;
        session.send(pcm(100, true));
      }
      if (event.type === 'interrupted') session.close();
    }
    expect(events.filter((e) => e.type === 'interrupted')).toHaveLength(1);
    // The interrupted marker is not a transcript.
    expect(events.some((e) => e.type === 'transcript' && e.text.includes('interrupted'))).toBe(
      false,
    );
  });

  it('renews the connection before the limit and carries the text history', async () => {
    const short = await startEmulator({ sonicConnectionLimitMs: 1_500 });
    try {
      const ai = new AwsAI({ ...short.config, retry: FAST_RETRY });
      const session = ai.generative.voice(
        { model: MODEL, system: 'Remember names.' },
        { renewAfterMs: 800 },
      );
      session.sendText('My name is Ada');
      const events: VoiceEvent[] = [];
      let turns = 0;
      for await (const event of session) {
        events.push(event);
        if (event.type === 'turn-end') {
          turns += 1;
          if (turns === 1) setTimeout(() => session.sendText('What is my name'), 900);
          else session.close();
        }
      }
      const calls = short.calls.filter((c) => c.operation === 'InvokeModelWithBidirectionalStream');
      expect(calls).toHaveLength(2);
      expect(events.at(-1)).toMatchObject({ type: 'end', connections: 2 });
      const second = (calls[1]?.input.received ?? []) as Array<
        Record<string, Record<string, unknown>>
      >;
      const texts = second.filter((e) => e.textInput).map((e) => e.textInput?.content);
      expect(texts).toEqual([
        'Remember names.',
        'My name is Ada',
        'You said: My name is Ada',
        'What is my name',
      ]);
      // The first connection was closed the protocol's way.
      const first = (calls[0]?.input.received ?? []) as Array<Record<string, unknown>>;
      expect(Object.keys(first.at(-1) ?? {})).toEqual(['sessionEnd']);
      const answers = events.filter(
        (e) => e.type === 'transcript' && e.role === 'assistant' && e.stage === 'final',
      );
      expect(answers.map((e) => (e as { text: string }).text)).toEqual([
        'You said: My name is Ada',
        'You said: What is my name',
      ]);
    } finally {
      await short.close();
    }
  });

  it('ends with a StreamError carrying Bedrock code when a connection outlives the limit', async () => {
    const short = await startEmulator({ sonicConnectionLimitMs: 200 });
    try {
      const ai = new AwsAI({ ...short.config, retry: FAST_RETRY });
      const session = ai.generative.voice({ model: MODEL }, { renewAfterMs: 60_000 });
      session.sendText('Hi');
      setTimeout(() => session.sendText('Still there?'), 400);
      const error = await (async () => {
        for await (const _ of session) {
          // read until it fails
        }
      })().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StreamError);
      expect(error).toMatchObject({
        code: 'ValidationException',
        service: 'bedrock-runtime',
        operation: 'InvokeModelWithBidirectionalStream',
      });
    } finally {
      await short.close();
    }
  });

  it('abort() ends both directions with an AbortError', async () => {
    const session = client().generative.voice({ model: MODEL });
    session.sendText('Hello');
    const error = await (async () => {
      for await (const event of session) if (event.type === 'audio') session.abort();
    })().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AbortError);
    expect(() => session.sendText('after')).not.toThrow(TypeError);
  });

  it('rejects bad input before any network call', () => {
    const ai = client();
    expect(() => ai.generative.voice({ model: 'amazon.nova-lite-v1:0' })).toThrow(ValidationError);
    expect(() => ai.generative.voice({ model: MODEL, audio: { inputRate: 44100 } })).toThrow(
      /inputRate/,
    );
    expect(() =>
      ai.generative.voice({ model: MODEL, history: [{ role: 'bot' as 'user', text: 'x' }] }),
    ).toThrow(ValidationError);
    expect(() =>
      ai.generative.voice({ model: MODEL, tools: { 'bad name': { input: {} } } }),
    ).toThrow(ValidationError);
    const session = ai.generative.voice({ model: MODEL });
    expect(() => session.send(new Uint8Array(3))).toThrow(/whole 16-bit samples/);
    expect(() => session.sendText('  ')).toThrow(ValidationError);
    session.close();
    expect(() => session.sendText('late')).toThrow(/closed/);
    expect(callsTo(emu, 'InvokeModelWithBidirectionalStream')).toHaveLength(0);
  });
});
