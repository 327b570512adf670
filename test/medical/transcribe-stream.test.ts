import { StartMedicalStreamTranscriptionCommand } from '@aws-sdk/client-transcribe-streaming';
import { AbortError, StreamError, TimeoutError, ValidationError } from 'aws-ai';
import { type MedicalTranscribeStreamEvent, MedicalTranscript } from 'aws-ai/medical';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import {
  type Arrivals,
  chunkFinal,
  countArrivals,
  drain,
  refusalOf,
  stopsSending,
} from '../helpers/transcribe-streams';

const { emu, client } = await useEmulator();

const RATE = 16_000;
const noWait = async () => {};

/** `seconds` of 16 kHz 16-bit PCM (a tone) in uneven chunks, as a file read would give. */
async function* pcm(seconds: number, chunkBytes = 7_777): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.alloc(seconds * RATE * 2);
  for (let i = 0; i < bytes.length / 2; i++) {
    bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * 3000), i * 2);
  }
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

/** Replaces the emulator's handler by one that counts the audio bytes that arrive, one final per chunk. */
const countAudio = (): Arrivals =>
  countArrivals(emu, 'StartMedicalStreamTranscription', 'TranscriptResultStream', (n) =>
    chunkFinal(n, { words: ['chunk', String(n)] }),
  );

describe('medical.transcribeStream', () => {
  it('streams PCM into partial and final events with speakers, PHI entities and a medical transcript', async () => {
    const waits: number[] = [];
    const stream = client().medical.transcribeStream(pcm(3), {
      sampleRate: RATE,
      encoding: 'pcm',
      specialty: 'CARDIOLOGY',
      type: 'conversation',
      speakers: true,
      identifyPhi: true,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const events: MedicalTranscribeStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const finals = events.filter((e) => !e.isPartial);
    // The emulator answers one utterance per 100 ms of audio, a partial then its final.
    expect(finals).toHaveLength(30);
    expect(events.filter((e) => e.isPartial)).toHaveLength(30);
    expect(finals[0]).toEqual({
      resultId: 'emulated-result-1',
      text: 'emulated words 1 2 3',
      isPartial: false,
      start: 0,
      end: 0.1,
      speaker: '0',
      entities: [{ text: '3', category: 'PHI', start: 0.08, end: 0.1, confidence: 0.95 }],
    });
    expect(finals[1]?.speaker).toBe('1');
    expect(finals.at(-1)?.end).toBe(3);
    for (let i = 1; i < finals.length; i++) expect(finals[i]?.start).toBe(finals[i - 1]?.end);
    // Partials carry no PHI: Transcribe Medical labels a segment once it is complete.
    expect(events.filter((e) => e.isPartial).every((e) => e.entities.length === 0)).toBe(true);
    // Paced at real time: chunk k is due k × 100 ms in.
    expect(waits.length).toBeGreaterThanOrEqual(25);
    expect(waits.at(-1)).toBeGreaterThan(2_500);

    const transcript = await stream.transcript();
    expect(transcript).toBeInstanceOf(MedicalTranscript);
    expect(transcript.languageCode).toBe('en-US');
    expect(transcript.words.filter((w) => w.type === 'pronunciation')).toHaveLength(150);
    expect(transcript.speakers).toEqual(['0', '1']);
    expect(transcript.segments[0]).toMatchObject({ speaker: '0', text: 'emulated words 1 2 3' });
    expect(transcript.toVtt()).toContain('<v 1>emulated words 4 5 6');

    const call = callsTo(emu, 'StartMedicalStreamTranscription')[0];
    expect(call?.httpVersion).toBe('2.0');
    expect(call?.input).toMatchObject({
      LanguageCode: 'en-US',
      MediaSampleRateHertz: RATE,
      MediaEncoding: 'pcm',
      Specialty: 'CARDIOLOGY',
      Type: 'CONVERSATION',
      ShowSpeakerLabel: true,
      ContentIdentificationType: 'PHI',
    });
  });

  it('transcribes a 2-channel dictation by channel, without partials, and reads without iterating', async () => {
    async function* stereo() {
      for (let i = 0; i < 4; i++) yield new Uint8Array(RATE); // 4 × 250 ms of 2-channel PCM
    }
    const stream = client().medical.transcribeStream(stereo(), {
      sampleRate: RATE,
      encoding: 'pcm',
      type: 'dictation',
      channels: 2,
      partials: false,
      pace: 0,
    });
    const transcript = await stream.transcript();
    expect(transcript.channels.map((c) => c.channel)).toEqual(['ch_0', 'ch_1']);
    expect(transcript.channels[0]?.text).toBe(
      'emulated words 1 2 3 emulated words 7 8 9 emulated words 13 14 15 emulated words 19 20 21 emulated words 25 26 27',
    );
    expect(transcript.words.at(-1)?.end).toBe(1);
    expect(callsTo(emu, 'StartMedicalStreamTranscription')[0]?.input).toMatchObject({
      Specialty: 'PRIMARYCARE',
      Type: 'DICTATION',
      EnableChannelIdentification: true,
      NumberOfChannels: 2,
    });
  });

  it('continues past maxSessionMs on new sessions with one timeline', async () => {
    const stream = client().medical.transcribeStream(pcm(2.5), {
      sampleRate: RATE,
      encoding: 'pcm',
      partials: false,
      pace: 0,
      maxSessionMs: 1_000,
    });
    const events = await stream.collect();
    expect(callsTo(emu, 'StartMedicalStreamTranscription')).toHaveLength(3);
    expect(events).toHaveLength(25);
    expect(events.map((e) => e.start)).toEqual(
      Array.from({ length: 25 }, (_, i) => Math.round(i * 100) / 1000),
    );
    expect(events.at(-1)?.end).toBe(2.5);
    // Each session counts from 0; the stream re-bases: the 11th result starts at 1 s, not 0.
    expect(events[10]).toMatchObject({ resultId: 'emulated-result-1', start: 1, end: 1.1 });
  });

  it('re-bases the PHI entities of later sessions with their events', async () => {
    const events = await client()
      .medical.transcribeStream(pcm(2.5), {
        sampleRate: RATE,
        encoding: 'pcm',
        partials: false,
        pace: 0,
        maxSessionMs: 1_000,
        identifyPhi: true,
      })
      .collect();
    expect(callsTo(emu, 'StartMedicalStreamTranscription')).toHaveLength(3);
    expect(events).toHaveLength(25);
    for (const e of events) {
      expect(e.entities).toHaveLength(1);
      const [phi] = e.entities;
      // Each session's times count from 0: a PHI span left in its session's time would fall
      // outside the re-based result that holds it.
      expect(phi?.start).toBeGreaterThanOrEqual(e.start);
      expect(phi?.end).toBeLessThanOrEqual(e.end);
    }
    expect(events[24]?.entities[0]?.end).toBe(2.5);
  });

  it('opens no empty session when the audio ends exactly on a session boundary', async () => {
    const events = await client()
      .medical.transcribeStream(pcm(2), {
        sampleRate: RATE,
        encoding: 'pcm',
        partials: false,
        pace: 0,
        maxSessionMs: 1_000,
      })
      .collect();
    expect(callsTo(emu, 'StartMedicalStreamTranscription')).toHaveLength(2);
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.end).toBe(2);
  });

  it('aborts mid-stream: AbortError, the finals kept, no audio reaches the emulator after', async () => {
    const seen = countAudio();
    const controller = new AbortController();
    const stream = client().medical.transcribeStream(pcm(5), {
      sampleRate: RATE,
      encoding: 'pcm',
      signal: controller.signal,
    });
    let atAbort = -1;
    const error = await drain(stream, (event) => {
      if (event.text === 'chunk 3') {
        controller.abort();
        atAbort = seen.bytes;
      }
    });
    expect(error).toBeInstanceOf(AbortError);
    expect(stream.transcriptSoFar().text).toBe('chunk 1 chunk 2 chunk 3');
    // Chunks already on the wire when the abort came may still land; then nothing more.
    const settled = await stopsSending(seen, 100);
    expect(settled - atAbort).toBeLessThanOrEqual(2 * 3_200);
    expect(seen.bytes).toBeLessThan(5 * RATE * 2);
    // A cut stream never ends normally: transcript() rejects with the read's AbortError (the
    // finals stay in transcriptSoFar()); only a reader's own break resolves it.
    await expect(stream.transcript()).rejects.toBe(error);
  });

  it('ends with a TimeoutError at timeoutMs and sends nothing after', async () => {
    const seen = countAudio();
    const start = performance.now();
    const stream = client().medical.transcribeStream(pcm(10), {
      sampleRate: RATE,
      encoding: 'pcm',
      timeoutMs: 300,
    });
    const error = await drain(stream);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).service).toBe('transcribe-streaming');
    expect((error as TimeoutError).operation).toBe('StartMedicalStreamTranscription');
    expect(performance.now() - start).toBeLessThan(1_000);
    const after = await stopsSending(seen, 50);
    expect(after).toBeLessThan(RATE * 2);
  });

  it('ends with a StreamError after the finals delivered when the service fails mid-stream', async () => {
    emu.fault({ service: 'transcribe-streaming', kind: 'stream-error', afterEvents: 6 });
    const stream = client().medical.transcribeStream(pcm(2), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
    });
    const events: MedicalTranscribeStreamEvent[] = [];
    const error = await drain(stream, (e) => events.push(e));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).code).toBe('InternalFailureException');
    expect((error as StreamError).operation).toBe('StartMedicalStreamTranscription');
    expect(events).toHaveLength(6);
    expect(stream.transcriptSoFar().text).toBe(
      'emulated words 1 2 3 emulated words 4 5 6 emulated words 7 8 9',
    );
  });

  it('ends with AudioIdleTimeout when the source goes silent', async () => {
    const stop = new AbortController();
    async function* stalls() {
      yield* pcm(0.5);
      await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
    }
    const stream = client().medical.transcribeStream(stalls(), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
      idleTimeoutMs: 200,
      sleep: noWait,
    });
    const error = await drain(stream);
    stop.abort();
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).code).toBe('AudioIdleTimeout');
    expect(stream.transcriptSoFar().words.length).toBeGreaterThan(0);
  });

  it('refuses a language other than US English, naming en-US, before any request', () => {
    const call = () =>
      client().medical.transcribeStream(pcm(1), {
        sampleRate: RATE,
        encoding: 'pcm',
        language: 'es-US' as 'en-US',
      });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/US English \(en-US\)/);
    try {
      call();
    } catch (err) {
      expect((err as ValidationError).code).toBe('UnsupportedLanguage');
    }
    expect(emu.calls).toHaveLength(0);
  });

  it.each([
    [{ sampleRate: 8000, encoding: 'pcm' }, /sampleRate must be an integer from 16000 to 48000/],
    [{ sampleRate: RATE, encoding: 'wav' }, /encoding/],
    [{ sampleRate: RATE, encoding: 'pcm', specialty: 'DERMATOLOGY' }, /specialty must be one of/],
    [{ sampleRate: RATE, encoding: 'pcm', type: 'note' }, /type must be/],
    [{ sampleRate: RATE, encoding: 'pcm', type: 'dictation', speakers: true }, /dictation/],
    [{ sampleRate: RATE, encoding: 'pcm', channels: 3 }, /channels/],
    [{ sampleRate: RATE, encoding: 'pcm', identifyPhi: 'yes' }, /identifyPhi/],
    [{ sampleRate: RATE, encoding: 'pcm', chunkMs: 500 }, /chunkMs/],
    [{ sampleRate: RATE, encoding: 'flac', keepAlive: true }, /keepAlive/],
    [{ sampleRate: RATE, encoding: 'pcm', timeoutMs: -1 }, /timeoutMs/],
  ] as const)('refuses %o at once, before any request', (options, message) => {
    expect(() => client().medical.transcribeStream(pcm(1), options as never)).toThrow(message);
    expect(() => client().medical.transcribeStream(pcm(1), options as never)).toThrow(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('refuses audio that is not an AsyncIterable', () => {
    expect(() =>
      client().medical.transcribeStream(new Uint8Array(10) as never, {
        sampleRate: RATE,
        encoding: 'pcm',
      }),
    ).toThrow(/AsyncIterable/);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('emulator: StartMedicalStreamTranscription refuses what the model refuses', () => {
  it.each([
    [{ LanguageCode: 'es-US' }, /US English/],
    [{ MediaSampleRateHertz: 8000 }, /16,000 Hz to 48,000 Hz/],
    [{ Specialty: 'DERMATOLOGY' }, /specialty/],
    // MediaEncoding: pcm, ogg-opus, flac.
    [{ MediaEncoding: 'mp3' }, /mediaEncoding/],
    // VocabularyName: 1-200 of ^[0-9a-zA-Z._-]+$.
    [{ VocabularyName: 'my vocab' }, /vocabularyName/],
    // NumberOfChannels: at least 2, "Up to two channels are supported".
    [{ EnableChannelIdentification: true, NumberOfChannels: 3 }, /channels/i],
    // SessionId: a 36-character UUID.
    [{ SessionId: 'not-a-uuid' }, /sessionId/],
  ] as const)('answers %o with BadRequestException', async (override, message) => {
    const error = await refusalOf(emu, StartMedicalStreamTranscriptionCommand, {
      LanguageCode: 'en-US',
      MediaSampleRateHertz: RATE,
      MediaEncoding: 'pcm',
      Specialty: 'PRIMARYCARE',
      Type: 'CONVERSATION',
      ...override,
    });
    expect(error?.name).toBe('BadRequestException');
    expect(error?.message).toMatch(message);
  });
});
