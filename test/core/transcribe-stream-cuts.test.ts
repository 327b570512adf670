/**
 * The Transcribe streams' shared core (src/core/transcribe-stream-input.ts and
 * transcribe-stream-session.ts), through `speech.transcribeStream` and `medical.transcribeStream`:
 *
 * - `transcript()` settles as the read did: a stream cut by its deadline (the call's or the
 *   client's), the caller's signal, `abort()`, a silent source or an exception event rejects with
 *   the very error the read ended with (was: a cut by a deadline, the signal or `abort()` resolved
 *   normally, a read that failed before the stream started made `transcript()` reject with
 *   `StreamConsumed`, and a stream cut while its reader paused left `transcript()` pending); a
 *   `break` resolves with the finals seen.
 * - A start refused with throttling or a 5xx is retried within one budget (`retries + 1` sessions):
 *   the audio frames the refused attempt read are sent first on the retry, each source chunk read
 *   once (was: `AudioConsumed` on the second attempt, the refusal dropped); out of retries, the
 *   error is the refusal's class; a refusal after more audio than is kept is a `StreamError` whose
 *   cause is the refusal.
 */
import {
  AbortError,
  type AwsAI,
  type AwsAIError,
  ServiceError,
  StreamError,
  ThrottlingError,
  TimeoutError,
} from 'aws-ai';
import { EmulatorError } from 'aws-ai/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { chunkFinal, drain } from '../helpers/transcribe-streams';

const { emu, client: makeClient } = await useEmulator();

const TS = 'transcribe-streaming';
const RETRIES = 3;
const client = (): AwsAI =>
  makeClient({ retry: { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } });

const RATE = 16_000;
/** 100 ms of 16 kHz 16-bit mono PCM: one frame of the default `chunkMs`, so chunks map to frames. */
const CHUNK = RATE / 5;
const PCM = { sampleRate: RATE, encoding: 'pcm', partials: false } as const;
/** What the core keeps of a refused attempt's audio (src/core/transcribe-stream-replay.ts). */
const KEPT_BYTES = 1024 * 1024;
/** The deadline of the cut streams (real-time pace: two or three chunks go out before it). */
const DEADLINE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

interface Event {
  text: string;
  end: number;
  isPartial: boolean;
}
/** What both modules' streams have in common here. */
interface Stream extends AsyncIterable<Event> {
  transcript(): Promise<{ text: string; words: readonly unknown[] }>;
  transcriptSoFar(): { text: string; words: readonly unknown[] };
  abort(reason?: unknown): void;
  collect(): Promise<Event[]>;
}
interface Module {
  name: string;
  operation: string;
  open(ai: AwsAI, audio: AsyncIterable<Uint8Array>, options: Record<string, unknown>): Stream;
}

const MODULES: Module[] = [
  {
    name: 'speech.transcribeStream',
    operation: 'StartStreamTranscription',
    open: (ai, audio, options) =>
      ai.speech.transcribeStream(audio, { ...PCM, ...options }) as unknown as Stream,
  },
  {
    name: 'medical.transcribeStream',
    operation: 'StartMedicalStreamTranscription',
    open: (ai, audio, options) =>
      ai.medical.transcribeStream(audio, { ...PCM, ...options }) as unknown as Stream,
  },
];

/** How often a source was read, and whether it was closed. */
interface Source {
  audio: AsyncGenerator<Uint8Array>;
  reads: number;
  closed: boolean;
}

/** `chunks` × 100 ms of PCM, chunk i filled with the byte (i % 250) + 1, so order shows. */
function source(chunks: number): Source {
  const out: Source = { audio: undefined as never, reads: 0, closed: false };
  out.audio = (async function* () {
    try {
      for (let i = 0; i < chunks; i++) {
        out.reads += 1;
        yield new Uint8Array(CHUNK).fill((i % 250) + 1);
      }
    } finally {
      out.closed = true;
    }
  })();
  return out;
}

// Load the SDK and module code before any deadline is measured (the emulator shares this process).
beforeAll(async () => {
  for (const m of MODULES) await m.open(client(), source(1).audio, { pace: 0 }).collect();
});

/** The fill byte of each chunk the emulator received, in order. */
const marks = (chunks: readonly Uint8Array[]): number[] => chunks.map((c) => c[0] ?? -1);
const expected = (chunks: number, from = 0): number[] =>
  Array.from({ length: chunks }, (_, i) => ((from + i) % 250) + 1);

/** One final per chunk, timed within its session (the core shifts renewed sessions). */
const final = (n: number) => chunkFinal(n, { timedWords: true });

type AudioEvent = { AudioEvent?: { AudioChunk?: Uint8Array } };

/**
 * Replaces the operation's handler: each session (a request that reached the handler) records the
 * audio it received and answers one final per chunk. `refuse(session)` gives the chunks a session
 * reads before it refuses with LimitExceededException (429), or undefined to accept it.
 */
function sessions(
  operation: string,
  refuse: (session: number) => number | undefined = () => undefined,
) {
  const received: Uint8Array[][] = [];
  emu.handle(TS, operation, async (input) => {
    const mine: Uint8Array[] = [];
    received.push(mine);
    const audio = (input.AudioStream as AsyncIterable<AudioEvent>)[Symbol.asyncIterator]();
    const readBefore = refuse(received.length);
    if (readBefore !== undefined) {
      while (mine.length < readBefore) {
        const { done, value } = await audio.next();
        if (done) break;
        if (value.AudioEvent?.AudioChunk) mine.push(value.AudioEvent.AudioChunk.slice());
      }
      throw new EmulatorError('LimitExceededException', 'Rate exceeded (test)', 429);
    }
    return {
      TranscriptResultStream: (async function* () {
        for (;;) {
          const { done, value } = await audio.next();
          if (done) return;
          const chunk = value.AudioEvent?.AudioChunk;
          if (!chunk) continue;
          mine.push(chunk.slice());
          yield final(mine.length);
        }
      })(),
    };
  });
  return {
    received,
    bytes: () => received.reduce((n, s) => n + s.reduce((m, c) => m + c.byteLength, 0), 0),
  };
}

/** After a stream settled: no request and no audio reaches the emulator any more. */
async function nothingAfter(audioBytes: () => number): Promise<void> {
  // Chunks already on the wire may still land.
  await sleep(50);
  const calls = emu.calls.length;
  const bytes = audioBytes();
  await sleep(150);
  expect(emu.calls.length).toBe(calls);
  expect(audioBytes()).toBe(bytes);
}

function expectNamed(err: unknown, Class: typeof AwsAIError, operation: string): AwsAIError {
  expect(Class.isInstance(err), `${String(err)} is no ${Class.name}`).toBe(true);
  const e = err as AwsAIError;
  expect(e.service).toBe(TS);
  expect(e.operation).toBe(operation);
  return e;
}

describe.each(MODULES)('$name: transcript() settles as the read did', (m) => {
  it('cut by timeoutMs while read with for await: transcript() rejects with the same TimeoutError (a break still resolves)', async () => {
    const seen = sessions(m.operation);
    const stream = m.open(client(), source(100).audio, { timeoutMs: DEADLINE_MS });
    const events: Event[] = [];
    const start = performance.now();
    const error = await drain(stream, (e) => events.push(e));
    expect(performance.now() - start).toBeLessThan(DEADLINE_MS + 150);
    expectNamed(error, TimeoutError, m.operation);
    // Real-time pace: the chunks of the first ~250 ms arrived and stay delivered.
    expect(events.length).toBeGreaterThan(0);
    expect(stream.transcriptSoFar().words).toHaveLength(events.length);
    expect(await rejection(stream.transcript())).toBe(error);
    await nothingAfter(seen.bytes);

    // A reader that stops on its own gets the finals it saw.
    const stopped = m.open(client(), source(100).audio, { pace: 0 });
    let read = 0;
    for await (const _ of stopped) if (++read === 3) break;
    const transcript = await stopped.transcript();
    expect(transcript.words).toHaveLength(3);
    expect(transcript.text).toBe('chunk1 chunk2 chunk3');
  });

  it("cut mid-stream by the caller's signal, abort() or the client's timeoutMs, read with for await: transcript() rejects with the read's own error; so do the cuts that already did", async () => {
    const seen = sessions(m.operation);
    const cuts: Array<[string, () => Stream, typeof AwsAIError, string?]> = [
      [
        "the caller's signal",
        () => {
          const caller = new AbortController();
          setTimeout(() => caller.abort(), 150);
          return m.open(client(), source(100).audio, { signal: caller.signal });
        },
        AbortError,
      ],
      [
        'abort()',
        () => {
          const stream = m.open(client(), source(100).audio, {});
          setTimeout(() => stream.abort(), 150);
          return stream;
        },
        AbortError,
      ],
      [
        "the client's timeoutMs",
        () => m.open(makeClient({ timeoutMs: DEADLINE_MS }), source(100).audio, {}),
        TimeoutError,
      ],
      [
        'a silent source (idleTimeoutMs)',
        () => {
          async function* stalls() {
            yield* source(5).audio;
            await sleep(300);
          }
          return m.open(client(), stalls(), { pace: 0, idleTimeoutMs: 100 });
        },
        StreamError,
        'AudioIdleTimeout',
      ],
      [
        'an exception event',
        () => {
          emu.fault({ service: TS, operation: m.operation, kind: 'stream-error', afterEvents: 4 });
          return m.open(client(), source(20).audio, { pace: 0 });
        },
        StreamError,
        'InternalFailureException',
      ],
    ];
    for (const [name, open, Class, code] of cuts) {
      const stream = open();
      const events: Event[] = [];
      const error = await drain(stream, (e) => events.push(e));
      const e = expectNamed(error, Class, m.operation);
      if (code) expect(e.code, name).toBe(code);
      expect(events.length, name).toBeGreaterThan(0);
      expect(stream.transcriptSoFar().words, name).toHaveLength(events.length);
      expect(await rejection(stream.transcript()), name).toBe(error);
    }
    await nothingAfter(seen.bytes);
  });

  it('a signal aborted (or abort()) before the first read: transcript() after the read rejects with the same AbortError, nothing sent', async () => {
    const aborted = m.open(client(), source(10).audio, { signal: AbortSignal.abort() });
    const viaAbort = m.open(client(), source(10).audio, {});
    viaAbort.abort();
    for (const stream of [aborted, viaAbort]) {
      const error = await drain(stream);
      expectNamed(error, AbortError, m.operation);
      expect(await rejection(stream.transcript())).toBe(error);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('a reader that stops calling next() without return(): the deadline rejects transcript() with TimeoutError instead of leaving it pending', async () => {
    sessions(m.operation);
    const stream = m.open(client(), source(100).audio, { timeoutMs: DEADLINE_MS });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const outcome = await Promise.race([
      rejection(stream.transcript()),
      sleep(600).then(() => 'still pending'),
    ]);
    expectNamed(outcome, TimeoutError, m.operation);
    // The reader then sees the same error.
    expect(await rejection(iterator.next())).toBe(outcome);
  });
});

describe.each(MODULES)('$name: a refused start is retried within one budget', (m) => {
  it.each([
    ['throttled', 'throttle'],
    ['5xx', 'server-error'],
  ] as const)(
    'the start %s twice: 3 sessions, the third gets every chunk once, in order; every event',
    async (_, kind) => {
      const seen = sessions(m.operation);
      emu.fault({ service: TS, operation: m.operation, kind, times: 2 });
      const audio = source(20);
      const events = await m.open(client(), audio.audio, { pace: 0 }).collect();
      expect(callsTo(emu, m.operation)).toHaveLength(3);
      // Faults answer before the handler: the one session it saw is the accepted one.
      expect(marks(seen.received[0] ?? [])).toEqual(expected(20));
      expect(audio.reads).toBe(20);
      expect(events.map((e) => e.text)).toEqual(
        Array.from({ length: 20 }, (_, i) => `chunk ${i + 1}`),
      );
      expect(events.at(-1)?.end).toBe(2);
    },
  );

  it.each([
    ['throttled', 'throttle', ThrottlingError],
    ['5xx', 'server-error', ServiceError],
  ] as const)(
    'the start %s always: the refusal (%s, typed, named) after retries + 1 sessions, nothing after',
    async (_, kind, Class) => {
      const seen = sessions(m.operation);
      emu.fault({ service: TS, operation: m.operation, kind });
      const audio = source(20);
      const events: Event[] = [];
      const error = await drain(m.open(client(), audio.audio, { pace: 0 }), (e) => events.push(e));
      const e = expectNamed(error, Class, m.operation);
      expect(e).not.toBeInstanceOf(StreamError);
      expect(e.retryable).toBe(true);
      expect(callsTo(emu, m.operation)).toHaveLength(RETRIES + 1);
      expect(events).toHaveLength(0);
      await nothingAfter(seen.bytes);
    },
  );

  it('refused after the service read 5 chunks, then accepted: the retry carries every chunk once, in order', async () => {
    const seen = sessions(m.operation, (session) => (session === 1 ? 5 : undefined));
    const audio = source(30);
    const events = await m.open(client(), audio.audio, { pace: 0 }).collect();
    expect(seen.received).toHaveLength(2);
    expect(marks(seen.received[0] ?? [])).toEqual(expected(5));
    expect(marks(seen.received[1] ?? [])).toEqual(expected(30));
    expect(audio.reads).toBe(30);
    expect(events).toHaveLength(30);
  });

  it("a renewed session's start throttled: retried, one timeline of events", async () => {
    // Session 1 takes 1 s of audio (maxSessionMs); the start of session 2 is refused at once.
    const seen = sessions(m.operation, (session) => (session === 2 ? 0 : undefined));
    const audio = source(20);
    const events = await m.open(client(), audio.audio, { pace: 0, maxSessionMs: 1000 }).collect();
    expect(seen.received.map((s) => s.length)).toEqual([10, 0, 10]);
    expect(marks(seen.received[2] ?? [])).toEqual(expected(10, 10));
    expect(events).toHaveLength(20);
    expect(events.map((e) => e.end)).toEqual(
      Array.from({ length: 20 }, (_, i) => Math.round(i + 1) / 10),
    );
  });

  it('refused after more audio than is kept: StreamError AudioConsumed caused by the ThrottlingError, one session, source closed', async () => {
    const over = Math.ceil(KEPT_BYTES / CHUNK) + 10;
    const seen = sessions(m.operation, (session) => (session === 1 ? over : undefined));
    const audio = source(over + 100);
    const error = await drain(m.open(client(), audio.audio, { pace: 0 }));
    const e = expectNamed(error, StreamError, m.operation);
    expect(e.code).toBe('AudioConsumed');
    expect(e.retryable).toBe(false);
    expectNamed(e.cause, ThrottlingError, m.operation);
    expect(callsTo(emu, m.operation)).toHaveLength(1);
    await nothingAfter(seen.bytes);
    expect(audio.closed).toBe(true);
  });
});
