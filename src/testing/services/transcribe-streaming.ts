import { isRecord } from '../protocols/wire-json';
import type { Handler } from '../types';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import { segmentBytes, transcriptEvent } from './transcribe-transcript';

async function* audioChunks(stream: unknown): AsyncGenerator<Uint8Array> {
  if (typeof stream !== 'object' || stream === null || !(Symbol.asyncIterator in stream)) return;
  for await (const event of stream as AsyncIterable<unknown>) {
    const chunk =
      isRecord(event) && isRecord(event.AudioEvent) ? event.AudioEvent.AudioChunk : undefined;
    if (chunk instanceof Uint8Array) yield chunk;
  }
}

/**
 * Reads audio while it arrives and answers a partial then a final result per 100 ms of audio
 * (all channels counted: with channel identification 2 channels take twice the bytes).
 */
const startStreamTranscription: Handler = (input, ctx) => {
  const sampleRate = Number(input.MediaSampleRateHertz ?? 16000) || 16000;
  const channels =
    input.EnableChannelIdentification === true ? Number(input.NumberOfChannels ?? 2) || 2 : 1;
  const segment = segmentBytes(sampleRate, channels);
  async function* transcripts() {
    let received = 0;
    let emitted = 0;
    let index = 0;
    for await (const chunk of audioChunks(input.AudioStream)) {
      received += chunk.byteLength;
      while (received - emitted >= segment) {
        index += 1;
        yield transcriptEvent(index, emitted, emitted + segment, sampleRate, true, channels);
        yield transcriptEvent(index, emitted, emitted + segment, sampleRate, false, channels);
        emitted += segment;
      }
    }
    if (received > emitted) {
      index += 1;
      yield transcriptEvent(index, emitted, received, sampleRate, true, channels);
      yield transcriptEvent(index, emitted, received, sampleRate, false, channels);
    }
  }
  return {
    RequestId: ctx.requestId,
    SessionId: typeof input.SessionId === 'string' ? input.SessionId : sessionIdOf(ctx.requestId),
    TranscriptResultStream: transcripts(),
  };
};

/**
 * A session id the way AWS makes one when the client sends none: a 36-character UUID (the model's
 * pattern `[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-…-[a-fA-F0-9]{12}`), derived from the request id (itself a
 * UUID) so that runs are deterministic.
 */
export function sessionIdOf(requestId: string): string {
  return `5e551011${requestId.slice(8)}`;
}

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

/** Amazon Transcribe Streaming: bidirectional event streams over HTTP/2. */
export function createTranscribeStreamingService(): ServiceDefinition {
  return {
    name: 'transcribe-streaming',
    protocol: 'rest-json',
    signingName: 'transcribe',
    routes: [
      {
        operation: 'StartStreamTranscription',
        method: 'POST',
        path: '/stream-transcription',
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
          body: { kind: 'event-stream', member: 'TranscriptResultStream' },
        },
      },
    ],
    handlers: { StartStreamTranscription: startStreamTranscription },
    errors: { StartStreamTranscription: [] },
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
