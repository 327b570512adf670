import type { StartStreamTranscriptionCommandInput } from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import {
  checkFlag,
  checkResourceName,
  checkStreamAudio,
  checkStreamOptions,
  checkVocabularyFilter,
  kindOf,
  STREAM_LANGUAGE,
  type TranscriptStream,
  transcriptStream,
} from '../core/transcribe-stream-input';
import { ValidationError } from '../errors';
import { TRANSCRIBE_SAMPLE_RATE } from './limits';
import { segmentRuns } from './parse-transcript';
import type { StreamRequest } from './transcribe-stream-events';
import { joinWords, Transcript } from './transcript';
import type { TranscriptWord } from './transcript-types';
import type { TranscribeStreamEvent, TranscribeStreamOptions } from './types';

// The session code only, not the module's whole `impl`: a bundle of the `transcribeStream`
// function then carries neither Polly, batch Transcribe nor S3 code (decision 0701).
const events = /* @__PURE__ */ loadOnce(() => import('./transcribe-stream-events'));

/** What {@link Speech.transcribeStream} returns: the events, plus the transcript of the finals. */
export interface TranscribeStream extends TranscriptStream<TranscribeStreamEvent, Transcript> {}

/** The {@link Transcript} of a stream's final words (speaker or channel turns, captions). @internal */
export function finalsTranscript(
  words: TranscriptWord[],
  languageCode: string | undefined,
): Transcript {
  return new Transcript({
    text: joinWords(words),
    languageCode,
    words,
    segments: segmentRuns(words),
    channels: [],
    alternatives: [],
  });
}

function checkOptions(options: TranscribeStreamOptions): void {
  checkStreamOptions('transcribeStream', options, TRANSCRIBE_SAMPLE_RATE);
  const { channels, identifyLanguage, language } = options;
  if (channels !== undefined && channels !== 1 && channels !== 2) {
    throw new ValidationError(
      `channels must be 1 or 2 (Transcribe identifies 2 channels); got ${kindOf(channels)}`,
    );
  }
  checkFlag('speakers', options.speakers);
  if (language !== undefined && (typeof language !== 'string' || !STREAM_LANGUAGE.test(language))) {
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
    // LanguageOptions: "You can only include one language dialect per language per stream. For
    // example, you cannot include en-US and en-AU in the same request" (transcribe-streaming model).
    const dialects = new Map<string, string>();
    for (let i = 0; i < identifyLanguage.length; i++) {
      const code: unknown = identifyLanguage[i];
      if (typeof code !== 'string' || !STREAM_LANGUAGE.test(code)) {
        throw new ValidationError(
          `identifyLanguage[${i}] must be a code such as en-US, got ${kindOf(code)}`,
        );
      }
      const base = code.slice(0, code.indexOf('-'));
      const other = dialects.get(base);
      if (other !== undefined) {
        throw new ValidationError(
          `identifyLanguage lists ${other} and ${code}: Transcribe takes one dialect per language in a stream; keep one of them`,
        );
      }
      dialects.set(base, code);
    }
  }
  checkResourceName('vocabulary', options.vocabulary);
  checkVocabularyFilter(options.vocabularyFilter);
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

const STREAM_SITE = {
  service: 'transcribe-streaming',
  operation: 'StartStreamTranscription',
} as const;

/**
 * Checks the options at once (so bad input throws before a stream exists) and keeps the finals for
 * `transcript()`; the code that talks to Transcribe loads on the first read. @internal
 */
export function transcribeStream(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
): TranscribeStream {
  return transcriptStream(ctx, options, STREAM_SITE, () => {
    checkStreamAudio(audio);
    checkOptions(options);
    const input = request(options);
    return {
      method: 'speech.transcribeStream',
      language: options.language ?? (options.identifyLanguage ? undefined : 'en-US'),
      transcript: finalsTranscript,
      run: async function* (signal, finals) {
        const { transcriptionEvents } = await events();
        yield* transcriptionEvents(ctx, audio, options, input, finals, signal);
      },
    };
  });
}
