/**
 * What the Transcribe streams of every module share before any request: the audio and pacing
 * options, their checks, and the stream object that keeps the finals for `transcript()`. The code
 * that talks to Transcribe is in `transcribe-stream-session.ts`, loaded on the first read.
 */
import type { RequestOptions } from '../config';
import { ValidationError } from '../errors';
import { checkRequestOptions } from './call-scope';
import type { ModuleContext } from './context';
import type { ErrorSite } from './error-mapping';
import { abortErrorFrom } from './internal/abort';
import { withSite } from './internal/name-failure';
import { AwsAIStream } from './stream';
import {
  STREAM_CHUNK_MS,
  STREAM_ENCODINGS,
  type StreamAudioEncoding,
} from './transcribe-stream-limits';
import type { TranscriptWord } from './transcript-types';

export type { StreamAudioEncoding };

/** Audio, pacing and session options every Transcribe stream takes (speech, medical, Call Analytics). */
export interface TranscribeStreamAudioOptions extends RequestOptions {
  /** Sample rate of the audio in Hz (8,000–48,000; medical 16,000–48,000). Required. */
  sampleRate: number;
  /** `pcm` is signed 16-bit little-endian without a WAV header. */
  encoding: StreamAudioEncoding;
  /** Emit partial results as well as finals. @default true */
  partials?: boolean | undefined;
  /** Audio per AudioEvent for PCM, 50–200 ms (AWS's recommendation). @default 100 */
  chunkMs?: number | undefined;
  /**
   * How fast audio is sent: `'realtime'` or 1 = no faster than the audio's own duration (what AWS
   * expects; pre-recorded audio from a file or buffer is held back), 2 = twice as fast, 0 = as fast
   * as the source yields. A live source is never delayed. Compressed audio is cut into chunks of up
   * to 32 KB and not paced (its duration is unknown).
   * @default 1 (real time)
   */
  pace?: number | 'realtime' | undefined;
  /**
   * Keep the session open while the source pauses (PCM only): after `afterMs` without audio,
   * frames of silence go out at real time until the source yields again, so Transcribe does not end
   * the stream after its 15 s without audio; `idleTimeoutMs` then does not apply (end the source to
   * finish). `true` uses the defaults.
   * @default off
   */
  keepAlive?: boolean | { afterMs?: number | undefined } | undefined;
  /**
   * The longest one Transcribe session runs (PCM, counted in audio time): past it the stream ends
   * and the rest of the audio continues on a new one, with result times re-based so that events and
   * the transcript stay one timeline. @default 14,400,000 (AWS's 4 hours)
   */
  maxSessionMs?: number | undefined;
  /** Waits between chunks; inject a fake to test or simulate without real time. @default setTimeout */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** End with a `StreamError` (code `AudioIdleTimeout`) when the source yields nothing for this long, in ms. @default 15000 (AWS's own limit) */
  idleTimeoutMs?: number | undefined;
}

/** A value named by kind, never with String() (which throws on some objects). @internal */
export function kindOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `a ${value.length}-character string`;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Transcribe's language codes (`en-US`, `zh-CN`). @internal */
export const STREAM_LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;
/** Vocabulary, filter and language model names (the model's `VocabularyName` pattern). */
const RESOURCE_NAME = /^[0-9a-zA-Z._-]{1,200}$/;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Refuses a flag that is set but not a boolean. @internal */
export function checkFlag(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValidationError(`${name} must be true or false, got ${kindOf(value)}`);
  }
}

/** Refuses a vocabulary (or language model) name Transcribe's model does not allow. @internal */
export function checkResourceName(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || !RESOURCE_NAME.test(value))) {
    throw new ValidationError(
      `${name} must be a name of 1–200 letters, digits, . _ -, got ${kindOf(value)}`,
    );
  }
}

/** Refuses a `vocabularyFilter` that is not `{ name, method? }`. @internal */
export function checkVocabularyFilter(vocabularyFilter: unknown): void {
  if (vocabularyFilter === undefined) return;
  const { name, method } = (vocabularyFilter ?? {}) as { name?: unknown; method?: unknown };
  if (
    typeof vocabularyFilter !== 'object' ||
    vocabularyFilter === null ||
    typeof name !== 'string' ||
    !RESOURCE_NAME.test(name) ||
    (method !== undefined && method !== 'mask' && method !== 'remove' && method !== 'tag')
  ) {
    throw new ValidationError(
      "vocabularyFilter must be { name, method? } with a filter name (1–200 letters, digits, . _ -) and method 'mask', 'remove' or 'tag'",
    );
  }
}

/** Refuses audio that is not an `AsyncIterable`. @internal */
export function checkStreamAudio(audio: unknown): void {
  if (audio === null || typeof audio !== 'object' || !(Symbol.asyncIterator in audio)) {
    throw new ValidationError(
      'audio must be an AsyncIterable<Uint8Array> (a Node stream, a generator, …)',
    );
  }
}

/**
 * Checks the audio, pacing and session options every Transcribe stream shares: `sampleRate` in
 * `rate` (the operation's range), the encoding, `chunkMs`, `pace`, `keepAlive`, `maxSessionMs`,
 * `idleTimeoutMs` (a timer above 2^31 - 1 ms fires after 1 ms in Node: refused, not shortened),
 * `sleep`, `partials`, and the request options. @internal
 */
export function checkStreamOptions(
  method: string,
  options: TranscribeStreamAudioOptions,
  rate: { readonly min: number; readonly max: number },
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      `${method} needs options such as { sampleRate: 16000, encoding: 'pcm' }`,
    );
  }
  checkRequestOptions(options);
  const { sampleRate, encoding, chunkMs, pace, keepAlive, maxSessionMs, idleTimeoutMs, sleep } =
    options;
  if (
    typeof sampleRate !== 'number' ||
    !Number.isInteger(sampleRate) ||
    sampleRate < rate.min ||
    sampleRate > rate.max
  ) {
    throw new ValidationError(
      `sampleRate must be an integer from ${rate.min} to ${rate.max} Hz matching the audio; got ${kindOf(sampleRate)}`,
    );
  }
  if (!(STREAM_ENCODINGS as readonly unknown[]).includes(encoding)) {
    throw new ValidationError(`encoding must be pcm, ogg-opus or flac; got ${kindOf(encoding)}`);
  }
  if (
    chunkMs !== undefined &&
    !(
      typeof chunkMs === 'number' &&
      chunkMs >= STREAM_CHUNK_MS.min &&
      chunkMs <= STREAM_CHUNK_MS.max
    )
  ) {
    throw new ValidationError(
      `chunkMs must be from ${STREAM_CHUNK_MS.min} to ${STREAM_CHUNK_MS.max}; got ${kindOf(chunkMs)}`,
    );
  }
  if (
    pace !== undefined &&
    pace !== 'realtime' &&
    !(typeof pace === 'number' && pace >= 0 && Number.isFinite(pace))
  )
    throw new ValidationError(`pace must be 'realtime' or a number >= 0; got ${kindOf(pace)}`);
  if (keepAlive !== undefined && typeof keepAlive !== 'boolean') {
    const after =
      typeof keepAlive === 'object' && keepAlive !== null ? keepAlive.afterMs : Number.NaN;
    if (after !== undefined && !(typeof after === 'number' && after > 0 && after < 15_000)) {
      throw new ValidationError(
        `keepAlive.afterMs must be a number of ms above 0 and below Transcribe's 15,000 ms without audio; got ${kindOf(after)}`,
      );
    }
  }
  if (keepAlive && encoding !== 'pcm') {
    throw new ValidationError(
      'keepAlive sends silence frames, which only PCM can carry: use encoding pcm, or keep the source flowing',
    );
  }
  if (
    maxSessionMs !== undefined &&
    !(typeof maxSessionMs === 'number' && maxSessionMs >= 1_000 && maxSessionMs <= MAX_TIMER_MS)
  ) {
    throw new ValidationError(
      `maxSessionMs must be from 1000 to ${MAX_TIMER_MS} ms; got ${kindOf(maxSessionMs)}`,
    );
  }
  if (
    idleTimeoutMs !== undefined &&
    !(typeof idleTimeoutMs === 'number' && idleTimeoutMs > 0 && idleTimeoutMs <= MAX_TIMER_MS)
  ) {
    throw new ValidationError(
      `idleTimeoutMs must be a number of ms above 0, at most ${MAX_TIMER_MS}; got ${kindOf(idleTimeoutMs)}`,
    );
  }
  if (sleep !== undefined && typeof sleep !== 'function') {
    throw new ValidationError(`sleep must be a function, got ${kindOf(sleep)}`);
  }
  checkFlag('partials', options.partials);
}

/** Where a stream's session code puts the finals and the language it learned. @internal */
export interface StreamFinals {
  readonly words: TranscriptWord[];
  readonly language: { code: string | undefined };
}

/** An event stream that also builds the transcript of its final results. */
export interface TranscriptStream<E, T> extends AwsAIStream<E> {
  /**
   * The transcript of every final result, once the stream ends (reads the stream if nobody does);
   * after a `break` or `return()`, of the finals read. A cut stream (deadline, idle source, signal,
   * `abort()`, a service failure) rejects with the error the read ended with;
   * {@link transcriptSoFar} still has the finals received.
   */
  transcript(): Promise<T>;
  /** The transcript of the finals received so far (after an error: what was already final). */
  transcriptSoFar(): T;
}

/** How {@link transcriptStream} makes one module's stream. @internal */
export interface TranscriptStreamSpec<E, T> {
  /** The public method, naming the stream's span (e.g. `medical.transcribeStream`). */
  readonly method: string;
  /** The language known before any result (`undefined` while Transcribe identifies it). */
  readonly language: string | undefined;
  /** Builds the module's transcript from the finals. */
  transcript(words: TranscriptWord[], languageCode: string | undefined): T;
  /** Loads the session code and runs the sessions, adding finals to `finals`. */
  run(signal: AbortSignal, finals: StreamFinals): AsyncIterable<E>;
}

/**
 * The stream a module returns at once: `check` refuses bad input (named after `site`) and gives the
 * module's spec; the sessions start on the first read. `timeoutMs` bounds the whole stream when given: live audio has no natural end to wait for.
 *
 * `transcript()` settles as the reading did, whoever reads (for-await, `collect`, web and Node
 * streams, `tee`): with the transcript of the finals when the service's stream ended, or when the
 * reader stopped early (`break`, `return()`); with the very error the read ended with otherwise
 * (deadline, idle source, the caller's signal, `abort()`, a service failure), even when it came
 * before the sessions started; and with the stream's abort reason when the stream is cut while
 * nobody is reading. A cut never resolves it: it never looks like a complete transcript.
 * @internal
 */
export function transcriptStream<E, T>(
  ctx: ModuleContext,
  options: RequestOptions,
  site: ErrorSite,
  check: () => TranscriptStreamSpec<E, T>,
): TranscriptStream<E, T> {
  // The module's checks run here, so what they refuse names the stream like its other failures.
  return withSite(site, () => openTranscriptStream(ctx, options, site, check()));
}

function openTranscriptStream<E, T>(
  ctx: ModuleContext,
  options: RequestOptions,
  site: ErrorSite,
  spec: TranscriptStreamSpec<E, T>,
): TranscriptStream<E, T> {
  const finals: StreamFinals = { words: [], language: { code: spec.language } };
  const snapshot = (): T => spec.transcript([...finals.words], finals.language.code);
  let settled = false;
  let settle!: { resolve: (t: T) => void; reject: (e: unknown) => void };
  const done = new Promise<T>((resolve, reject) => {
    settle = {
      resolve: (t) => {
        settled = true;
        resolve(t);
      },
      reject: (e) => {
        settled = true;
        reject(e);
      },
    };
  });
  done.catch(() => {});
  const stream = AwsAIStream.from<E>((signal) => spec.run(signal, finals), {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
    site,
    telemetry: { enabled: ctx.config.telemetry, method: spec.method },
  }) as TranscriptStream<E, T>;

  // Every reader goes through the stream's iterator: wrapped, it tells how the reading ended.
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  let consumed = false;
  stream[Symbol.asyncIterator] = () => {
    // A second read throws here (StreamConsumed) and settles nothing.
    const iterator = iterate();
    consumed = true;
    const { signal } = stream.controller;
    let reading = 0;
    let stopping = false;
    // A cut while nobody reads (a reader that stopped calling next() without return()).
    const onAbort = (): void => {
      if (reading === 0 && !stopping && !settled) settle.reject(abortErrorFrom(signal.reason));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => signal.removeEventListener('abort', onAbort);
    return {
      next: async () => {
        reading += 1;
        try {
          const result = await iterator.next();
          if (result.done && !settled) {
            finish();
            settle.resolve(snapshot());
          }
          return result;
        } catch (err) {
          finish();
          // A read pending when the reader stopped ends with the stop's AbortError: not a cut.
          if (stopping) settle.resolve(snapshot());
          else settle.reject(err);
          throw err;
        } finally {
          reading -= 1;
        }
      },
      return: async () => {
        if (!settled) stopping = true;
        finish();
        try {
          return (await iterator.return?.()) ?? { done: true, value: undefined };
        } finally {
          // The reader stopped early: it gets the finals it saw.
          settle.resolve(snapshot());
        }
      },
    };
  };
  stream.transcriptSoFar = snapshot;
  stream.transcript = async () => {
    if (!consumed) await stream.collect();
    return done;
  };
  return stream;
}
