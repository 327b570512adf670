import type { StartStreamTranscriptionCommandInput } from '@aws-sdk/client-transcribe-streaming';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { AwsAIStream } from '../core/stream';
import { STREAM_CHUNK_MS, TRANSCRIBE_SAMPLE_RATE } from './limits';
import { loadImpl } from './load-impl';
import { segmentRuns } from './parse-transcript';
import type { StreamRequest } from './transcribe-stream-events';
import { joinWords, Transcript } from './transcript';
import type { TranscriptWord } from './transcript-types';
import type { TranscribeStreamEvent, TranscribeStreamOptions } from './types';

/** What {@link Speech.transcribeStream} returns: the events, plus the transcript of the finals. */
export interface TranscribeStream extends AwsAIStream<TranscribeStreamEvent> {
  /**
   * The transcript of every final result, once the stream ends (reads the stream if nobody does).
   * Rejects with the stream's error; {@link transcriptSoFar} still has the finals received.
   */
  transcript(): Promise<Transcript>;
  /** The transcript of the finals received so far (after an error: what was already final). */
  transcriptSoFar(): Transcript;
}

/** A value named by kind, never with String() (which throws on some objects). */
function kindOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `a ${value.length}-character string`;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Transcribe's language codes (`en-US`, `zh-CN`) and vocabulary / filter names (its model). */
const LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;
const MAX_TIMER_MS = 2 ** 31 - 1;
const RESOURCE_NAME = /^[0-9a-zA-Z._-]{1,200}$/;

function checkFlag(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValidationError(`${name} must be true or false, got ${kindOf(value)}`);
  }
}

function checkOptions(options: TranscribeStreamOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      "transcribeStream needs options such as { sampleRate: 16000, encoding: 'pcm' }",
    );
  }
  checkRequestOptions(options);
  const { sampleRate, encoding, chunkMs, channels, pace, identifyLanguage } = options;
  if (
    typeof sampleRate !== 'number' ||
    !Number.isInteger(sampleRate) ||
    sampleRate < TRANSCRIBE_SAMPLE_RATE.min ||
    sampleRate > TRANSCRIBE_SAMPLE_RATE.max
  ) {
    throw new ValidationError(
      `sampleRate must be an integer from ${TRANSCRIBE_SAMPLE_RATE.min} to ${TRANSCRIBE_SAMPLE_RATE.max} Hz matching the audio; got ${kindOf(sampleRate)}`,
    );
  }
  if (!(['pcm', 'ogg-opus', 'flac'] as unknown[]).includes(encoding)) {
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
  if (channels !== undefined && channels !== 1 && channels !== 2) {
    throw new ValidationError(
      `channels must be 1 or 2 (Transcribe identifies 2 channels); got ${kindOf(channels)}`,
    );
  }
  if (
    pace !== undefined &&
    pace !== 'realtime' &&
    !(typeof pace === 'number' && pace >= 0 && Number.isFinite(pace))
  )
    throw new ValidationError(`pace must be 'realtime' or a number >= 0; got ${kindOf(pace)}`);
  const { keepAlive, maxSessionMs, idleTimeoutMs, sleep, language } = options;
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
  // A timer above 2^31 - 1 ms fires after 1 ms in Node: refused, not shortened.
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
  checkFlag('speakers', options.speakers);
  checkFlag('partials', options.partials);
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE.test(language))) {
    throw new ValidationError(`language must be a code such as en-US, got ${kindOf(language)}`);
  }
  if (identifyLanguage !== undefined) {
    if (
      !Array.isArray(identifyLanguage) ||
      identifyLanguage.length < 2 ||
      identifyLanguage.length > 5 ||
      options.language !== undefined
    ) {
      throw new ValidationError('identifyLanguage needs 2 to 5 language codes and no `language`');
    }
    for (let i = 0; i < identifyLanguage.length; i++) {
      const code: unknown = identifyLanguage[i];
      if (typeof code !== 'string' || !LANGUAGE.test(code)) {
        throw new ValidationError(
          `identifyLanguage[${i}] must be a code such as en-US, got ${kindOf(code)}`,
        );
      }
    }
  }
  const { vocabulary, vocabularyFilter } = options as {
    vocabulary?: unknown;
    vocabularyFilter?: unknown;
  };
  if (
    vocabulary !== undefined &&
    (typeof vocabulary !== 'string' || !RESOURCE_NAME.test(vocabulary))
  ) {
    throw new ValidationError(
      `vocabulary must be a custom vocabulary name (1–200 letters, digits, . _ -), got ${kindOf(vocabulary)}`,
    );
  }
  if (vocabularyFilter !== undefined) {
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
}

function request(options: TranscribeStreamOptions): StreamRequest {
  const { identifyLanguage, vocabularyFilter } = options;
  return {
    MediaSampleRateHertz: options.sampleRate,
    MediaEncoding: options.encoding,
    ...(identifyLanguage
      ? { IdentifyLanguage: true, LanguageOptions: identifyLanguage.join(',') }
      : {
          LanguageCode: (options.language ??
            'en-US') as StartStreamTranscriptionCommandInput['LanguageCode'],
        }),
    ...(options.speakers ? { ShowSpeakerLabel: true } : {}),
    ...(options.channels === 2 ? { EnableChannelIdentification: true, NumberOfChannels: 2 } : {}),
    ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
    ...(vocabularyFilter
      ? {
          VocabularyFilterName: vocabularyFilter.name,
          VocabularyFilterMethod: vocabularyFilter.method ?? 'mask',
        }
      : {}),
  };
}

/**
 * Checks the options at once (so bad input throws before a stream exists) and keeps the finals for
 * `transcript()`; the code that talks to Transcribe loads on the first read. @internal
 */
export function transcribeStream(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
): TranscribeStream {
  if (audio === null || typeof audio !== 'object' || !(Symbol.asyncIterator in audio)) {
    throw new ValidationError(
      'audio must be an AsyncIterable<Uint8Array> (a Node stream, a generator, …)',
    );
  }
  checkOptions(options);
  const finals: TranscriptWord[] = [];
  const language = {
    code: options.language ?? (options.identifyLanguage ? undefined : 'en-US'),
  };
  const snapshot = (): Transcript =>
    new Transcript({
      text: joinWords(finals),
      languageCode: language.code,
      words: [...finals],
      segments: segmentRuns(finals),
      channels: [],
      alternatives: [],
    });
  let settle: { resolve: (t: Transcript) => void; reject: (e: unknown) => void } | undefined;
  const done = new Promise<Transcript>((resolve, reject) => {
    settle = { resolve, reject };
  });
  done.catch(() => {});
  let started = false;
  const session = { input: request(options), partials: options.partials ?? true, finals, language };

  const stream = AwsAIStream.from<TranscribeStreamEvent>(
    async function* (signal) {
      started = true;
      try {
        const { transcriptionEvents } = await loadImpl();
        yield* transcriptionEvents(ctx, audio, options, session, signal);
        settle?.resolve(snapshot());
      } catch (err) {
        settle?.reject(err);
        throw err;
      } finally {
        // A consumer that stopped early gets the finals it saw.
        settle?.resolve(snapshot());
      }
    },
    {
      signal: options.signal,
      // timeoutMs bounds the whole session when given; live audio has no natural end to wait for.
      timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
      site: { service: 'transcribe-streaming', operation: 'StartStreamTranscription' },
    },
  ) as TranscribeStream;

  stream.transcriptSoFar = snapshot;
  stream.transcript = async () => {
    if (!started) await stream.collect();
    return done;
  };
  return stream;
}
