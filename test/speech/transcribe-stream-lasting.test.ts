import { ValidationError } from 'aws-ai';
import type { TranscribeStreamEvent } from 'aws-ai/speech';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameAudio } from '../../src/core/transcribe-stream-frames';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const RATE = 16_000;
const BYTES_PER_MS = (RATE * 2) / 1000;

function tone(seconds: number): Buffer {
  const bytes = Buffer.alloc(seconds * RATE * 2);
  for (let i = 0; i < bytes.length / 2; i++) {
    bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * 3000) || 1, i * 2);
  }
  return bytes;
}

/** Pre-recorded audio: every byte available at once, in big chunks. */
async function* file(seconds: number): AsyncGenerator<Uint8Array> {
  const bytes = tone(seconds);
  for (let at = 0; at < bytes.length; at += 64_000) yield bytes.subarray(at, at + 64_000);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("transcribeStream pace: 'realtime'", () => {
  it('sends a file no faster than its own duration (measured where the audio arrives)', async () => {
    const arrivals: Array<{ at: number; bytes: number }> = [];
    emu.handle('transcribe-streaming', 'StartStreamTranscription', (input) => ({
      TranscriptResultStream: (async function* () {
        for await (const event of input.AudioStream as AsyncIterable<
          Record<string, { AudioChunk: Uint8Array }>
        >) {
          const chunk = event.AudioEvent?.AudioChunk;
          if (chunk) arrivals.push({ at: performance.now(), bytes: chunk.byteLength });
        }
        yield { TranscriptEvent: { Transcript: { Results: [] } } };
      })(),
    }));
    const stream = client().speech.transcribeStream(file(1.5), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 'realtime',
    });
    await stream.collect();
    // By each arrival, no more audio than has played since the first one, give or take one 100 ms
    // frame (the first frame may be held up by the connection's setup). The schedule is the
    // stream's, not each gap's: frames held up by a busy event loop go out together once it frees,
    // as documented ("no earlier than the audio before it has played"), so gaps are not compared.
    const frame = 100 * BYTES_PER_MS;
    const t0 = arrivals[0]?.at ?? 0;
    let total = 0;
    for (const arrival of arrivals) {
      total += arrival.bytes;
      expect(total).toBeLessThanOrEqual((arrival.at - t0) * BYTES_PER_MS + 2 * frame);
    }
    expect(total).toBe(1.5 * RATE * 2);
    expect((arrivals.at(-1)?.at ?? 0) - t0).toBeGreaterThanOrEqual(1_300);
  });

  it('refuses an unknown pace before any call', () => {
    expect(() =>
      client().speech.transcribeStream(file(1), {
        sampleRate: RATE,
        encoding: 'pcm',
        pace: 'fast' as never,
      }),
    ).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('transcribeStream keepAlive', () => {
  it('sends silence through a 20 s gap instead of failing (fake timers)', async () => {
    vi.useFakeTimers();
    const frame = new Uint8Array(3_200).fill(7);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield frame;
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      yield frame;
    }
    const out: Uint8Array[] = [];
    let silences = 0;
    const done = (async () => {
      for await (const f of frameAudio(
        source(),
        {
          frameBytes: 3_200,
          frameMs: 100,
          pace: 0,
          idleTimeoutMs: 15_000,
          sleep: async () => {},
          keepAliveAfterMs: 2_000,
          onSilence: () => {
            silences += 1;
          },
        },
        new AbortController().signal,
      ))
        out.push(f);
    })();
    await vi.advanceTimersByTimeAsync(21_000);
    await done;
    // 2 s of waiting, then one 100 ms frame of silence per 100 ms until the source spoke again.
    expect(silences).toBeGreaterThanOrEqual(179);
    expect(silences).toBeLessThanOrEqual(181);
    expect(out[0]).toEqual(frame);
    expect(out.at(-1)).toEqual(frame);
    expect(out.slice(1, -1).every((f) => f.every((b) => b === 0))).toBe(true);
  });

  it('keeps a live session open through a pause longer than idleTimeoutMs', async () => {
    async function* live(): AsyncGenerator<Uint8Array> {
      yield tone(0.5);
      await new Promise((resolve) => setTimeout(resolve, 900));
      yield tone(0.5);
    }
    const stream = client().speech.transcribeStream(live(), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
      idleTimeoutMs: 300,
      keepAlive: { afterMs: 100 },
    });
    const events: TranscribeStreamEvent[] = await stream.collect();
    const finals = events.filter((e) => !e.isPartial);
    // 1 s of speech plus the silence sent during the pause, one timeline.
    expect(finals.at(-1)?.end ?? 0).toBeGreaterThan(1.5);
    expect(callsTo(emu, 'StartStreamTranscription')).toHaveLength(1);
  });

  it('is refused for compressed audio, which cannot carry silence frames', () => {
    expect(() =>
      client().speech.transcribeStream(file(1), {
        sampleRate: RATE,
        encoding: 'flac',
        keepAlive: true,
      }),
    ).toThrow(/only PCM/);
  });
});

describe('transcribeStream past the maximum session', () => {
  it('continues on new streams with result times re-based into one timeline', async () => {
    const stream = client().speech.transcribeStream(file(3.5), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
      maxSessionMs: 1_000,
    });
    const events: TranscribeStreamEvent[] = await stream.collect();
    expect(callsTo(emu, 'StartStreamTranscription')).toHaveLength(4);
    const finals = events.filter((e) => !e.isPartial);
    expect(finals).toHaveLength(35);
    for (let i = 1; i < finals.length; i++) {
      expect(finals[i]?.start).toBeCloseTo(finals[i - 1]?.end ?? -1, 6);
    }
    expect(finals.at(-1)?.end).toBeCloseTo(3.5, 6);
    const { words } = await stream.transcript();
    const spoken = words.filter((w) => w.type === 'pronunciation');
    for (let i = 1; i < spoken.length; i++) {
      expect(spoken[i]?.start ?? 0).toBeGreaterThanOrEqual(spoken[i - 1]?.start ?? 0);
    }
    expect(spoken.at(-1)?.end).toBeCloseTo(3.5, 6);
  });

  it('refuses a maximum under a second', () => {
    expect(() =>
      client().speech.transcribeStream(file(1), {
        sampleRate: RATE,
        encoding: 'pcm',
        maxSessionMs: 10,
      }),
    ).toThrow(/maxSessionMs/);
  });
});
