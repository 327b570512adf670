import type { StartStreamTranscriptionCommandInput } from '@aws-sdk/client-transcribe-streaming';
import { validateTimeout } from '../config';
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

function checkOptions(options: TranscribeStreamOptions): void {
  const { sampleRate, encoding, chunkMs, channels, pace, identifyLanguage } = options;
  if (
    !Number.isInteger(sampleRate) ||
    sampleRate < TRANSCRIBE_SAMPLE_RATE.min ||
    sampleRate > TRANSCRIBE_SAMPLE_RATE.max
  ) {
    throw new ValidationError(
      `sampleRate must be an integer from ${TRANSCRIBE_SAMPLE_RATE.min} to ${TRANSCRIBE_SAMPLE_RATE.max} Hz matching the audio; got ${String(sampleRate)}`,
    );
  }
  if (!['pcm', 'ogg-opus', 'flac'].includes(encoding)) {
    throw new ValidationError(`encoding must be pcm, ogg-opus or flac; got ${String(encoding)}`);
  }
  if (
    chunkMs !== undefined &&
    !(chunkMs >= STREAM_CHUNK_MS.min && chunkMs <= STREAM_CHUNK_MS.max)
  ) {
    throw new ValidationError(
      `chunkMs must be from ${STREAM_CHUNK_MS.min} to ${STREAM_CHUNK_MS.max}; got ${String(chunkMs)}`,
    );
  }
  if (channels !== undefined && channels !== 1 && channels !== 2) {
    throw new ValidationError(
      `channels must be 1 or 2 (Transcribe identifies 2 channels); got ${String(channels)}`,
    );
  }
  if (pace !== undefined && pace !== 'realtime' && !(typeof pace === 'number' && pace >= 0))
    throw new ValidationError(`pace must be 'realtime' or a number >= 0; got ${String(pace)}`);
  const { keepAlive, maxSessionMs } = options;
  if (keepAlive !== undefined && typeof keepAlive !== 'boolean') {
    const after =
      typeof keepAlive === 'object' && keepAlive !== null ? keepAlive.afterMs : Number.NaN;
    if (after !== undefined && !(typeof after === 'number' && after > 0 && after < 15_000)) {
      throw new ValidationError(
        `keepAlive.afterMs must be a number of ms above 0 and below Transcribe's 15,000 ms without audio; got ${String(after)}`,
      );
    }
  }
  if (keepAlive && encoding !== 'pcm') {
    throw new ValidationError(
      'keepAlive sends silence frames, which only PCM can carry: use encoding pcm, or keep the source flowing',
    );
  }
  if (maxSessionMs !== undefined && !(Number.isFinite(maxSessionMs) && maxSessionMs >= 1_000)) {
    throw new ValidationError(`maxSessionMs must be at least 1000 ms; got ${String(maxSessionMs)}`);
  }
  if (identifyLanguage && (identifyLanguage.length < 2 || options.language)) {
    throw new ValidationError('identifyLanguage needs 2 to 5 language codes and no `language`');
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
  if (options?.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
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
