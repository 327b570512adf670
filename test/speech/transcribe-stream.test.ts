import { StartStreamTranscriptionCommand } from '@aws-sdk/client-transcribe-streaming';
import { AbortError, StreamError, ValidationError } from 'aws-ai';
import type { TranscribeStreamEvent } from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { refusalOf } from '../helpers/transcribe-streams';

const { emu, client } = await useEmulator();

const RATE = 16_000;

/** `seconds` of 16 kHz 16-bit PCM (a 440 Hz tone) in uneven chunks, as a file read would give. */
async function* pcm(seconds: number, chunkBytes = 7_777): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.alloc(seconds * RATE * 2);
  for (let i = 0; i < bytes.length / 2; i++) {
    bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * 3000), i * 2);
  }
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

const noWait = async () => {};

describe('speech.transcribeStream', () => {
  it('streams 30 s of PCM into partial and final events and a final transcript', async () => {
    const waits: number[] = [];
    const stream = client().speech.transcribeStream(pcm(30), {
      sampleRate: RATE,
      encoding: 'pcm',
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const events: TranscribeStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const finals = events.filter((e) => !e.isPartial);
    const partials = events.filter((e) => e.isPartial);
    // The emulator answers one utterance per 100 ms of audio it received.
    expect(finals).toHaveLength(300);
    expect(partials).toHaveLength(300);
    expect(finals.at(-1)?.end).toBe(30);
    for (let i = 1; i < finals.length; i++) {
      expect(finals[i]?.start).toBe(finals[i - 1]?.end);
    }
    // Re-framed into 100 ms chunks released on a real-time schedule: chunk k is due k × 100 ms in.
    expect(waits.length).toBeGreaterThanOrEqual(290);
    expect(waits.at(-1)).toBeGreaterThan(25_000);
    expect(waits.at(-1)).toBeLessThanOrEqual(29_900);
    const transcript = await stream.transcript();
    expect(transcript.words.filter((w) => w.type === 'pronunciation')).toHaveLength(1500);
    expect(transcript.text.startsWith('emulated words 1 2 3 emulated words 4 5 6')).toBe(true);
    expect(transcript.languageCode).toBe('en-US');
    const call = callsTo(emu, 'StartStreamTranscription')[0];
    expect(call?.httpVersion).toBe('2.0');
    expect(call?.input).toMatchObject({
      MediaSampleRateHertz: RATE,
      MediaEncoding: 'pcm',
      LanguageCode: 'en-US',
    });
  });

  it('can leave partials out and read the transcript without iterating', async () => {
    const stream = client().speech.transcribeStream(pcm(2), {
      sampleRate: RATE,
      encoding: 'pcm',
      partials: false,
      pace: 0,
      sleep: noWait,
    });
    const transcript = await stream.transcript();
    expect(transcript.words.filter((w) => w.type === 'pronunciation')).toHaveLength(100);
    expect(transcript.segments.length).toBeGreaterThan(0);
  });

  it('ends with a StreamError after the finals already delivered when the service fails mid-stream', async () => {
    emu.fault({ service: 'transcribe-streaming', kind: 'stream-error', afterEvents: 10 });
    const stream = client().speech.transcribeStream(pcm(5), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
    });
    const events: TranscribeStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) events.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).code).toBe('InternalFailureException');
    expect(events).toHaveLength(10);
    const finals = events.filter((e) => !e.isPartial);
    expect(finals).toHaveLength(5);
    expect(stream.transcriptSoFar().text).toBe(finals.map((e) => e.text).join(' '));
    await expect(stream.transcript()).rejects.toBe(error);
  });

  it('ends with AudioIdleTimeout when the source goes silent, keeping the finals', async () => {
    async function* stalls(signal: AbortSignal) {
      yield* pcm(1);
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    }
    const stop = new AbortController();
    const stream = client().speech.transcribeStream(stalls(stop.signal), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
      idleTimeoutMs: 300,
    });
    const events: TranscribeStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) events.push(event);
    })().catch((e: unknown) => e);
    stop.abort();
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).code).toBe('AudioIdleTimeout');
    const finals = events.filter((e) => !e.isPartial);
    expect(stream.transcriptSoFar().text).toBe(finals.map((e) => e.text).join(' '));
  });

  it('aborts with AbortError and keeps the finals', async () => {
    const controller = new AbortController();
    const stream = client().speech.transcribeStream(pcm(5), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
      signal: controller.signal,
    });
    const events: TranscribeStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) {
        events.push(event);
        if (!event.isPartial) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(stream.transcriptSoFar().words.length).toBeGreaterThan(0);
  });

  it('frames 2-channel PCM into whole interleaved sample frames of chunkMs', async () => {
    const rate = 8000;
    // 1 s of stereo: left sample i is i, right is -i, so any misaligned cut would show.
    const stereo = Buffer.alloc(rate * 2 * 2);
    for (let i = 0; i < rate; i++) {
      stereo.writeInt16LE(i, i * 4);
      stereo.writeInt16LE(-i, i * 4 + 2);
    }
    async function* source() {
      for (let at = 0; at < stereo.length; at += 777) yield stereo.subarray(at, at + 777);
    }
    const received: Uint8Array[] = [];
    emu.handle('transcribe-streaming', 'StartStreamTranscription', (input) => ({
      TranscriptResultStream: (async function* () {
        type Event = { AudioEvent?: { AudioChunk?: Uint8Array } };
        for await (const event of input.AudioStream as AsyncIterable<Event>) {
          const chunk = event.AudioEvent?.AudioChunk;
          if (chunk) received.push(chunk);
        }
        const text = `${received.length} chunks`;
        const result = { ResultId: 'r', IsPartial: false, Alternatives: [{ Transcript: text }] };
        yield { TranscriptEvent: { Transcript: { Results: [result] } } };
      })(),
    }));
    const stream = client().speech.transcribeStream(source(), {
      sampleRate: rate,
      encoding: 'pcm',
      channels: 2,
      chunkMs: 50,
      pace: 0,
    });
    const events = await stream.collect();
    expect(events.map((e) => e.text)).toEqual(['20 chunks']);
    // 50 ms × 8,000 Hz × 2 bytes × 2 channels.
    expect(received.map((chunk) => chunk.byteLength)).toEqual(new Array(20).fill(1600));
    const joined = Buffer.concat(received);
    expect(joined.equals(stereo)).toBe(true);
    for (const chunk of received) {
      // Each chunk starts on a left sample whose right partner is its negation.
      const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      expect(view.readInt16LE(0) + view.readInt16LE(2)).toBe(0);
    }
    expect(callsTo(emu, 'StartStreamTranscription')[0]?.input).toMatchObject({
      EnableChannelIdentification: true,
      NumberOfChannels: 2,
    });
  });

  it('times 2-channel audio by sample frames and keeps the channel of each result', async () => {
    const rate = 16_000;
    async function* stereo() {
      for (let i = 0; i < 4; i++) yield new Uint8Array(rate); // 4 × 250 ms of 2-channel PCM
    }
    const stream = client().speech.transcribeStream(stereo(), {
      sampleRate: rate,
      encoding: 'pcm',
      channels: 2,
      partials: false,
      pace: 0,
    });
    const events = await stream.collect();
    expect(events).toHaveLength(10);
    expect(events.at(-1)?.end).toBe(1);
    expect(events.map((e) => e.channel)).toEqual(
      Array.from({ length: 10 }, (_, i) => `ch_${i % 2}`),
    );
    const transcript = await stream.transcript();
    expect(new Set(transcript.words.map((w) => w.channel))).toEqual(new Set(['ch_0', 'ch_1']));
  });

  it.each([
    [{ sampleRate: 7000, encoding: 'pcm' }, /sampleRate/],
    [{ sampleRate: 16000, encoding: 'wav' }, /encoding/],
    [{ sampleRate: 16000, encoding: 'pcm', chunkMs: 500 }, /chunkMs/],
  ] as const)('rejects %o at once', (options, message) => {
    expect(() => client().speech.transcribeStream(pcm(1), options as never)).toThrow(
      ValidationError,
    );
    expect(() => client().speech.transcribeStream(pcm(1), options as never)).toThrow(message);
  });
});

describe('transcribeStream identifyLanguage', () => {
  it('refuses two dialects of one language (en-US with en-AU) at once, before any request', async () => {
    // LanguageOptions: "You can only include one language dialect per language per stream".
    const options = { sampleRate: RATE, encoding: 'pcm', pace: 0 } as const;
    const call = () =>
      client().speech.transcribeStream(pcm(1), {
        ...options,
        identifyLanguage: ['en-US', 'es-US', 'en-AU'],
      });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/en-US and en-AU/);
    expect(emu.calls).toHaveLength(0);
    const stream = client().speech.transcribeStream(pcm(1), {
      ...options,
      identifyLanguage: ['en-US', 'es-US'],
    });
    expect((await stream.transcript()).words.length).toBeGreaterThan(0);
    expect(callsTo(emu, 'StartStreamTranscription')[0]?.input).toMatchObject({
      IdentifyLanguage: true,
      LanguageOptions: 'en-US,es-US',
    });
  });
});

describe('transcribeStream labels from the session settings', () => {
  const options = { sampleRate: RATE, encoding: 'pcm', pace: 0, sleep: noWait } as const;

  it('gives each result the language Transcribe identified among identifyLanguage', async () => {
    const stream = client().speech.transcribeStream(pcm(1), {
      ...options,
      identifyLanguage: ['es-US', 'en-US'],
    });
    const events: TranscribeStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.languageCode))).toEqual(new Set(['es-US']));
    expect((await stream.transcript()).languageCode).toBe('es-US');
  });

  it('labels speakers with speakers: true, and leaves them out without it', async () => {
    const labelled = client().speech.transcribeStream(pcm(1), { ...options, speakers: true });
    const finals: TranscribeStreamEvent[] = [];
    for await (const event of labelled) if (!event.isPartial) finals.push(event);
    expect(new Set(finals.map((e) => e.speaker))).toEqual(new Set(['0', '1']));
    const transcript = await labelled.transcript();
    expect(transcript.speakers).toEqual(['0', '1']);
    expect(transcript.words.every((w) => w.speaker !== undefined)).toBe(true);
    const plain = await client().speech.transcribeStream(pcm(1), options).transcript();
    expect(plain.speakers).toEqual([]);
  });
});

describe('emulator: StartStreamTranscription refuses what the model refuses', () => {
  it.each([
    // MediaSampleRateHertz: range 8000-48000.
    [{ MediaSampleRateHertz: 4000 }, /mediaSampleRateHertz/],
    [{ MediaSampleRateHertz: 96_000 }, /mediaSampleRateHertz/],
    // MediaEncoding: pcm, ogg-opus, flac.
    [{ MediaEncoding: 'mp3' }, /mediaEncoding/],
    // LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages is required.
    [{ LanguageCode: undefined }, /LanguageCode/],
    // LanguageOptions: one dialect per language per stream.
    [
      { LanguageCode: undefined, IdentifyLanguage: true, LanguageOptions: 'en-US,en-AU' },
      /one language dialect/,
    ],
    // VocabularyName: 1-200 of ^[0-9a-zA-Z._-]+$.
    [{ VocabularyName: 'my vocab' }, /vocabularyName/],
    // NumberOfChannels: at least 2, "Up to two channels are supported".
    [{ EnableChannelIdentification: true, NumberOfChannels: 3 }, /channels/i],
    // SessionId: a 36-character UUID.
    [{ SessionId: 'not-a-uuid' }, /sessionId/],
    // "You can't set ContentIdentificationType and ContentRedactionType in the same request."
    [{ ContentIdentificationType: 'PII', ContentRedactionType: 'PII' }, /same request/],
  ] as const)('answers %o with BadRequestException', async (override, message) => {
    const error = await refusalOf(emu, StartStreamTranscriptionCommand, {
      LanguageCode: 'en-US',
      MediaSampleRateHertz: RATE,
      MediaEncoding: 'pcm',
      ...override,
    });
    expect(error?.name).toBe('BadRequestException');
    expect(error?.message).toMatch(message);
  });
});
