/**
 * The properties every Transcribe stream keeps (`medical.transcribeStream`, `speech.transcribeStream`,
 * `speech.analyzeCallStream`), parameterised by the method under test: bad audio and bad options are
 * refused before any request, odd audio chunks and odd but valid settings settle typed.
 */

import type { Emulator } from 'aws-ai/testing';
import fc from 'fast-check';
import {
  badArrays,
  blankStrings,
  type Case,
  expectTyped,
  type ItLike,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settle,
  value,
  wrongTypes,
} from './harness';

/** `chunks` chunks of 3,200 bytes: 100 ms of 16-bit PCM at 16 kHz (two channels at 8 kHz). */
export async function* pcm(chunks = 3): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks; i++) yield new Uint8Array(3200);
}

/** One Transcribe stream method, as the properties below call it. */
export interface TranscribeStream {
  /** `module.method`, as failures print it. */
  label: string;
  emu: Emulator;
  /** Opens the stream with a fresh client of the emulator. */
  open: (audio: unknown, options: unknown) => unknown;
  /** Options the method accepts; each bad value is set over them. */
  valid: Record<string, unknown>;
}

/** A {@link TranscribeStream} of 16-bit PCM at `sampleRate`, paced without waiting. */
export const transcribeStream = (
  label: string,
  emu: Emulator,
  open: TranscribeStream['open'],
  sampleRate: number,
): TranscribeStream => ({
  label,
  emu,
  open,
  valid: { sampleRate, encoding: 'pcm', sleep: async () => {} },
});

/** Values of `numbers` that are not a number > 0 (a huge or infinite duration is allowed). */
export const notPositive = (numbers: fc.Arbitrary<Case>): fc.Arbitrary<Case> =>
  numbers.filter((c) => !(typeof c.value === 'number' && c.value > 0));

/** Audio that is not an async iterable of bytes is refused; a chunk of the wrong type fails typed. */
export function streamAudioProperties(it: ItLike, s: TranscribeStream): void {
  it(
    'audio that is not an async iterable of bytes is refused',
    refusesAll(
      s.emu,
      s.label,
      fc.oneof(
        wrongTypes,
        blankStrings,
        value('[new Uint8Array(3200)] (sync array)', () => [new Uint8Array(3200)]),
      ),
      (audio) => s.open(audio, { ...QUICK, ...s.valid }),
      30,
    ),
  );

  it('audio chunks of the wrong type fail typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(wrongTypes, oddStrings, badArrays), async (chunk) => {
        async function* audio() {
          yield new Uint8Array(3200);
          yield chunk.value;
        }
        const outcome = await settle(() => s.open(audio(), { ...QUICK, ...s.valid }));
        expectTyped(outcome, `${s.label}([bytes, ${chunk.name}])`);
      }),
      { numRuns: 30 },
    );
  });
}

/** Valid settings (and 0 to 4 audio chunks) make the stream settle with events or a typed error. */
export const streamSettingsSettleTyped =
  (
    s: TranscribeStream,
    settings: fc.Arbitrary<{ chunks: number } & Record<string, unknown>>,
    numRuns = 20,
  ) =>
  async (): Promise<void> => {
    await fc.assert(
      fc.asyncProperty(settings, async ({ chunks, ...rest }) => {
        const outcome = await settle(() => s.open(pcm(chunks), { ...QUICK, ...s.valid, ...rest }));
        expectTyped(outcome, `${s.label}(${chunks} chunks, ${JSON.stringify(rest)})`);
      }),
      { numRuns },
    );
  };

/** Each of `options` (one field broken at a time) is refused before any request. */
export const streamOptionsRefused = (
  s: TranscribeStream,
  options: fc.Arbitrary<Case<Record<string, unknown>>>,
  numRuns: number,
): (() => Promise<void>) =>
  refusesAll(
    s.emu,
    s.label,
    options,
    (o) => s.open(pcm(), { ...QUICK, ...s.valid, ...(o as object) }),
    numRuns,
  );

/** Options that are not an object are refused before any request. */
export function streamOptionsNotAnObject(it: ItLike, s: TranscribeStream): void {
  it(
    'options that are not an object are refused',
    refusesAll(
      s.emu,
      `${s.label}(audio, options)`,
      fc.oneof(wrongTypes, blankStrings),
      (o) => s.open(pcm(), o),
      20,
    ),
  );
}

/** {@link requestOptionProperties} for a stream, as `label.method`. */
export function streamRequestOptionProperties(
  it: ItLike,
  s: TranscribeStream,
  method: string,
): void {
  requestOptionProperties(
    it,
    s.label,
    { [method]: (o) => s.open(pcm(), { ...s.valid, ...o }) },
    s.emu,
  );
}

/**
 * The pacing options every Transcribe stream takes, bad: `durations` for chunkMs, maxSessionMs and
 * idleTimeoutMs (each also 0), `pace` for pace (also "fast"), and a sleep that is not a function.
 */
export const streamPacingFields = (
  durations: fc.Arbitrary<Case>,
  pace: fc.Arbitrary<Case>,
): Record<string, fc.Arbitrary<Case>> => ({
  chunkMs: fc.oneof(
    durations,
    value('0', () => 0),
  ),
  pace: fc.oneof(
    pace,
    value('"fast"', () => 'fast'),
  ),
  maxSessionMs: fc.oneof(
    durations,
    value('0', () => 0),
  ),
  idleTimeoutMs: fc.oneof(
    durations,
    value('0', () => 0),
  ),
  sleep: fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'function'),
    blankStrings,
  ),
});

/**
 * The audio format every Transcribe stream requires, bad: a sample rate that is `notANumber`,
 * missing, `belowRange` or above 48 kHz, and an encoding that is not one the service takes.
 */
export const streamFormatFields = (
  notANumber: fc.Arbitrary<Case>,
  belowRange: fc.Arbitrary<Case>,
): Record<string, fc.Arbitrary<Case>> => ({
  sampleRate: fc.oneof(
    notANumber,
    value('undefined', () => undefined),
    belowRange,
    value('48001', () => 48001),
  ),
  encoding: fc.oneof(
    wrongTypes,
    blankStrings,
    value('"mp3"', () => 'mp3'),
  ),
});
