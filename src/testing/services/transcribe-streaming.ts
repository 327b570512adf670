import type { Handler } from '../types';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';
import { startCallAnalyticsStreamTranscription } from './transcribe-streaming-call-analytics';
import { startMedicalStreamTranscription } from './transcribe-streaming-medical';
import {
  audioFormatOf,
  checkStreamMembers,
  emulatedStream,
  sessionIdOf,
  streamBadRequest,
} from './transcribe-streaming-utterances';
import { transcriptEvent } from './transcribe-transcript';

/**
 * Refuses what StartStreamTranscription refuses (transcribe-streaming.smithy.json): the members it
 * shares with the other streaming operations (checkStreamMembers), a language or language
 * identification, and one dialect per language in LanguageOptions.
 */
function checkStreamInput(input: Record<string, unknown>): void {
  checkStreamMembers(input);
  const identify = input.IdentifyLanguage === true || input.IdentifyMultipleLanguages === true;
  if (input.LanguageCode === undefined && !identify) {
    throw streamBadRequest(
      'You must include either LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages.',
    );
  }
  if (input.LanguageOptions !== undefined) {
    if (!identify) {
      throw streamBadRequest(
        'LanguageOptions needs IdentifyLanguage or IdentifyMultipleLanguages.',
      );
    }
    const languages = String(input.LanguageOptions)
      .split(',')
      .map((code) => code.split('-')[0]);
    if (new Set(languages).size !== languages.length) {
      throw streamBadRequest('You can only include one language dialect per language per stream.');
    }
  }
}

/**
 * What the session's settings add to each result, as Transcribe does: with language
 * identification the identified language (`LanguageCode`, the first of `LanguageOptions`, and
 * `LanguageIdentification` scores), with `ShowSpeakerLabel` each item's `Speaker` (utterances
 * alternate between speakers `0` and `1`).
 */
function withSessionLabels(
  event: ReturnType<typeof transcriptEvent>,
  index: number,
  input: Record<string, unknown>,
): ReturnType<typeof transcriptEvent> {
  const identify = input.IdentifyLanguage === true || input.IdentifyMultipleLanguages === true;
  const options = typeof input.LanguageOptions === 'string' ? input.LanguageOptions.split(',') : [];
  const language = identify ? (options[0] ?? 'en-US') : undefined;
  const speaker = input.ShowSpeakerLabel === true ? String((index - 1) % 2) : undefined;
  if (!language && !speaker) return event;
  const results = event.TranscriptEvent.Transcript.Results.map((result) => ({
    ...result,
    ...(language
      ? {
          LanguageCode: language,
          LanguageIdentification: options.map((code, i) => ({
            LanguageCode: code,
            Score: i === 0 ? 0.9 : 0.1 / Math.max(1, options.length - 1),
          })),
        }
      : {}),
    Alternatives: result.Alternatives.map((alternative) => ({
      ...alternative,
      Items: alternative.Items.map((item) => ({
        ...item,
        ...(speaker ? { Speaker: speaker } : {}),
      })),
    })),
  }));
  return { TranscriptEvent: { Transcript: { Results: results } } };
}

/** Answers a partial then a final result per 100 ms of audio, read while it arrives. */
const startStreamTranscription: Handler = (input, ctx) => {
  checkStreamInput(input);
  const { sampleRate, channels } = audioFormatOf(input);
  return {
    RequestId: ctx.requestId,
    SessionId: typeof input.SessionId === 'string' ? input.SessionId : sessionIdOf(ctx.requestId),
    TranscriptResultStream: emulatedStream(input.AudioStream, sampleRate, channels, (u) =>
      withSessionLabels(
        transcriptEvent(u.index, u.from, u.to, sampleRate, u.partial, channels),
        u.index,
        input,
      ),
    ),
  };
};

const HEADERS = {
  MediaSampleRateHertz: 'x-amzn-transcribe-sample-rate',
  MediaEncoding: 'x-amzn-transcribe-media-encoding',
  LanguageCode: 'x-amzn-transcribe-language-code',
  VocabularyName: 'x-amzn-transcribe-vocabulary-name',
  SessionId: 'x-amzn-transcribe-session-id',
  VocabularyFilterName: 'x-amzn-transcribe-vocabulary-filter-name',
  VocabularyFilterMethod: 'x-amzn-transcribe-vocabulary-filter-method',
  ShowSpeakerLabel: 'x-amzn-transcribe-show-speaker-label',
  EnableChannelIdentification: 'x-amzn-transcribe-enable-channel-identification',
  NumberOfChannels: 'x-amzn-transcribe-number-of-channels',
  EnablePartialResultsStabilization: 'x-amzn-transcribe-enable-partial-results-stabilization',
  PartialResultsStability: 'x-amzn-transcribe-partial-results-stability',
  ContentIdentificationType: 'x-amzn-transcribe-content-identification-type',
  ContentRedactionType: 'x-amzn-transcribe-content-redaction-type',
  PiiEntityTypes: 'x-amzn-transcribe-pii-entity-types',
  LanguageModelName: 'x-amzn-transcribe-language-model-name',
  IdentifyLanguage: 'x-amzn-transcribe-identify-language',
  LanguageOptions: 'x-amzn-transcribe-language-options',
  PreferredLanguage: 'x-amzn-transcribe-preferred-language',
  IdentifyMultipleLanguages: 'x-amzn-transcribe-identify-multiple-languages',
  VocabularyNames: 'x-amzn-transcribe-vocabulary-names',
  VocabularyFilterNames: 'x-amzn-transcribe-vocabulary-filter-names',
  Specialty: 'x-amzn-transcribe-specialty',
  Type: 'x-amzn-transcribe-type',
} as const;

const HEADER_TYPES = {
  MediaSampleRateHertz: 'number',
  NumberOfChannels: 'number',
  ShowSpeakerLabel: 'boolean',
  EnableChannelIdentification: 'boolean',
  EnablePartialResultsStabilization: 'boolean',
  IdentifyLanguage: 'boolean',
  IdentifyMultipleLanguages: 'boolean',
} as const;

/** A POST whose request and answer are event streams, with the session settings in headers. */
function streamRoute(operation: string, path: string, resultMember: string): RestRoute {
  return {
    operation,
    method: 'POST',
    path,
    request: {
      headers: HEADERS,
      headerTypes: HEADER_TYPES,
      body: {
        kind: 'event-stream',
        member: 'AudioStream',
        payloads: { AudioEvent: 'AudioChunk' },
      },
    },
    response: {
      headers: { ...HEADERS, RequestId: 'x-amzn-request-id' },
      echoHeaders: true,
      body: { kind: 'event-stream', member: resultMember },
    },
  };
}

/** Amazon Transcribe Streaming: bidirectional event streams over HTTP/2. */
export function createTranscribeStreamingService(): ServiceDefinition {
  return {
    name: 'transcribe-streaming',
    protocol: 'rest-json',
    signingName: 'transcribe',
    routes: [
      streamRoute('StartStreamTranscription', '/stream-transcription', 'TranscriptResultStream'),
      streamRoute(
        'StartMedicalStreamTranscription',
        '/medical-stream-transcription',
        'TranscriptResultStream',
      ),
      streamRoute(
        'StartCallAnalyticsStreamTranscription',
        '/call-analytics-stream-transcription',
        'CallAnalyticsTranscriptResultStream',
      ),
    ],
    handlers: {
      StartStreamTranscription: startStreamTranscription,
      StartMedicalStreamTranscription: startMedicalStreamTranscription,
      StartCallAnalyticsStreamTranscription: startCallAnalyticsStreamTranscription,
    },
    errors: {
      StartStreamTranscription: ['BadRequestException'],
      StartMedicalStreamTranscription: ['BadRequestException'],
      StartCallAnalyticsStreamTranscription: ['BadRequestException'],
    },
    // The audio arrives as an event stream, read as it comes and never buffered.
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'LimitExceededException', status: 429 },
    serverError: { code: 'InternalFailureException', status: 500 },
    streamError: { code: 'InternalFailureException', status: 500 },
    errorStatus: {
      BadRequestException: 400,
      ConflictException: 409,
      ServiceUnavailableException: 503,
    },
    streamExceptionCase: 'pascal',
  };
}
