import { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import type { Emulator } from 'aws-ai/testing';
import { expect } from 'vitest';

/** Reads `stream` to its end, `each` on every event; resolves to what it threw (undefined if none). */
export async function drain<T>(
  stream: AsyncIterable<T>,
  each?: (event: T) => void,
): Promise<unknown> {
  try {
    for await (const event of stream) each?.(event);
    return undefined;
  } catch (err) {
    return err;
  }
}

/** What {@link countArrivals} saw reach the emulator. */
export interface Arrivals {
  /** Audio bytes, in all. */
  bytes: number;
  /** The size of each audio chunk, in order. */
  sizes: number[];
  /** Each ConfigurationEvent (Call Analytics sends one first in every session). */
  configurations: unknown[];
}

/**
 * Replaces the emulator's handler of a Transcribe streaming operation by one that records the audio
 * that arrives and answers `answer(n)` for the n-th chunk, on the result stream named `resultStream`.
 */
export function countArrivals(
  emu: Emulator,
  operation: string,
  resultStream: string,
  answer: (n: number) => unknown,
): Arrivals {
  const seen: Arrivals = { bytes: 0, sizes: [], configurations: [] };
  emu.handle('transcribe-streaming', operation, (input) => ({
    [resultStream]: (async function* () {
      let n = 0;
      type Event = { AudioEvent?: { AudioChunk?: Uint8Array }; ConfigurationEvent?: unknown };
      for await (const event of input.AudioStream as AsyncIterable<Event>) {
        if (event.ConfigurationEvent) seen.configurations.push(event.ConfigurationEvent);
        const chunk = event.AudioEvent?.AudioChunk;
        if (!chunk) continue;
        seen.bytes += chunk.byteLength;
        seen.sizes.push(chunk.byteLength);
        n += 1;
        yield answer(n);
      }
    })(),
  }));
  return seen;
}

/**
 * The Transcribe (speech or medical) result event {@link countArrivals} tests answer for the n-th
 * chunk, taken as 100 ms of audio: one final, `chunk n`, whose words are `words` (by default the one
 * word `chunk<n>`), each timed as the whole chunk when `timedWords`.
 */
export function chunkFinal(
  n: number,
  { words = [`chunk${n}`], timedWords = false }: { words?: string[]; timedWords?: boolean } = {},
) {
  const times = { StartTime: (n - 1) / 10, EndTime: n / 10 };
  return {
    TranscriptEvent: {
      Transcript: {
        Results: [
          {
            ResultId: `r${n}`,
            IsPartial: false,
            ...times,
            Alternatives: [
              {
                Transcript: `chunk ${n}`,
                Items: words.map((Content) => ({
                  Content,
                  Type: 'pronunciation',
                  ...(timedWords ? times : {}),
                })),
              },
            ],
          },
        ],
      },
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a stream ended early: waits `settleMs` for chunks already on the wire, then checks that no
 * more audio arrives for 400 ms (4 chunks at real-time pace). Resolves to the bytes that arrived.
 */
export async function stopsSending(seen: Arrivals, settleMs: number): Promise<number> {
  await sleep(settleMs);
  const settled = seen.bytes;
  await sleep(400);
  expect(seen.bytes).toBe(settled);
  return settled;
}

/** One Transcribe streaming command of the raw SDK, as {@link refusalOf} sends it. */
type StreamingCommand = new (input: never) => unknown;

/**
 * What the emulator answers a Transcribe streaming request the model refuses, through the raw SDK
 * (one attempt): `input` plus one 3,200-byte audio chunk (or `events`), the result stream read to
 * its end (named by `resultStream`, for a refusal sent in the stream after a 200). Resolves to the
 * error the request or its stream threw, `undefined` if none.
 */
export async function refusalOf(
  emu: Emulator,
  Command: StreamingCommand,
  input: Record<string, unknown>,
  options: { resultStream?: string; events?: unknown[] } = {},
): Promise<Error | undefined> {
  const sdk = new TranscribeStreamingClient({ ...emu.config, maxAttempts: 1 });
  async function* audio() {
    for (const event of options.events ?? []) yield event;
    yield { AudioEvent: { AudioChunk: new Uint8Array(3200) } };
  }
  try {
    const command = new Command({ ...input, AudioStream: audio() } as never);
    const out = (await sdk.send(command as never)) as unknown as Record<string, unknown>;
    const results = options.resultStream ? out[options.resultStream] : undefined;
    return (await drain((results ?? []) as AsyncIterable<unknown>)) as Error | undefined;
  } catch (err) {
    return err as Error;
  } finally {
    sdk.destroy();
  }
}
