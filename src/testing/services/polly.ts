import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { missingMember } from './constraint';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';
import {
  AUDIO_CONTENT_TYPES,
  speechMarks,
  spokenText,
  spokenWithIndex,
  synthesizeAudio,
} from './polly-audio';
import { checkSynthesisRequest } from './polly-checks';
import { createSynthesisTasks } from './polly-tasks';
import { VOICES } from './polly-voices';
import type { S3Store } from './s3-store';

const MAX_BILLED = 3000;
const MAX_TOTAL = 6000;
const DEFAULT_RATES: Readonly<Record<string, number>> = {
  pcm: 16000,
  mulaw: 8000,
  alaw: 8000,
  ogg_opus: 48000,
};

const synthesizeSpeech: Handler = (input) => {
  const { Text, OutputFormat, TextType, SampleRate, SpeechMarkTypes } = input;
  // Text is required but has no length constraint in Polly's model.
  if (typeof Text !== 'string') throw missingMember('text');
  // Polly bills text without SSML tags (3,000 max) and caps the whole input at 6,000.
  if (spokenText(Text, TextType).length > MAX_BILLED || Text.length > MAX_TOTAL) {
    throw new EmulatorError(
      'TextLengthExceededException',
      `Text is longer than ${MAX_BILLED} billed or ${MAX_TOTAL} total characters`,
    );
  }
  if (TextType === 'ssml' && !/^\s*<speak\b[\s\S]*<\/speak>\s*$/.test(Text)) {
    throw new EmulatorError('InvalidSsmlException', 'Invalid SSML request');
  }
  checkSynthesisRequest(input, false);
  const format = typeof OutputFormat === 'string' ? OutputFormat : 'mp3';
  const audio =
    format === 'json'
      ? speechMarks(
          Text,
          TextType,
          Array.isArray(SpeechMarkTypes) ? SpeechMarkTypes.map(String) : ['word'],
        )
      : synthesizeAudio(
          // Tags count as a pause, as in the marks' times, so marks fall inside the audio.
          spokenWithIndex(Text, TextType).spoken,
          format,
          Number(SampleRate ?? DEFAULT_RATES[format] ?? 22050),
        );
  return {
    AudioStream: audio,
    ContentType: AUDIO_CONTENT_TYPES[format] ?? 'application/octet-stream',
    RequestCharacters: spokenText(Text, TextType).length,
  };
};

/** The query flag arrives as the string `true` (REST query) or a boolean. */
function includesAdditional(flag: unknown): boolean {
  return flag === true || flag === 'true';
}

function additionalLanguages(voice: (typeof VOICES)[number]): readonly string[] {
  return 'AdditionalLanguageCodes' in voice ? voice.AdditionalLanguageCodes : [];
}

const describeVoices: Handler = (input) => ({
  Voices: VOICES.filter(
    (v) =>
      (input.Engine === undefined ||
        (v.SupportedEngines as readonly unknown[]).includes(input.Engine)) &&
      (input.LanguageCode === undefined ||
        v.LanguageCode === input.LanguageCode ||
        // Bilingual voices speak it as an additional language (IncludeAdditionalLanguageCodes).
        (includesAdditional(input.IncludeAdditionalLanguageCodes) &&
          additionalLanguages(v).includes(String(input.LanguageCode)))),
  ),
});

function jsonRoute(operation: string, method: string, path: string, query = {}): RestRoute {
  return {
    operation,
    method,
    path,
    request: { query, body: { kind: 'json' } },
    response: { body: { kind: 'json' } },
  };
}

/** Amazon Polly: restJson1 under `/v1`; synthesis tasks write their files into `store`. */
export function createPollyService(store?: S3Store): ServiceDefinition {
  const tasks = createSynthesisTasks(store);
  return {
    name: 'polly',
    protocol: 'rest-json',
    signingName: 'polly',
    routes: [
      {
        operation: 'SynthesizeSpeech',
        method: 'POST',
        path: '/v1/speech',
        request: { body: { kind: 'json' } },
        response: {
          headers: { ContentType: 'Content-Type', RequestCharacters: 'x-amzn-RequestCharacters' },
          body: { kind: 'payload', member: 'AudioStream' },
        },
      },
      jsonRoute('DescribeVoices', 'GET', '/v1/voices', {
        Engine: 'Engine',
        LanguageCode: 'LanguageCode',
        IncludeAdditionalLanguageCodes: 'IncludeAdditionalLanguageCodes',
        NextToken: 'NextToken',
      }),
      jsonRoute('GetLexicon', 'GET', '/v1/lexicons/{Name}'),
      jsonRoute('PutLexicon', 'PUT', '/v1/lexicons/{Name}'),
      jsonRoute('DeleteLexicon', 'DELETE', '/v1/lexicons/{Name}'),
      jsonRoute('ListLexicons', 'GET', '/v1/lexicons', { NextToken: 'NextToken' }),
      jsonRoute('StartSpeechSynthesisTask', 'POST', '/v1/synthesisTasks'),
      jsonRoute('GetSpeechSynthesisTask', 'GET', '/v1/synthesisTasks/{TaskId}'),
      jsonRoute('ListSpeechSynthesisTasks', 'GET', '/v1/synthesisTasks', {
        MaxResults: 'MaxResults',
        NextToken: 'NextToken',
        Status: 'Status',
      }),
    ],
    handlers: {
      SynthesizeSpeech: synthesizeSpeech,
      DescribeVoices: describeVoices,
      ...tasks.handlers,
    },
    reset: tasks.clear,
    errors: {
      SynthesizeSpeech: [
        'ValidationException',
        'TextLengthExceededException',
        'InvalidSsmlException',
        'InvalidSampleRateException',
        'EngineNotSupportedException',
        'MarksNotSupportedForFormatException',
        'SsmlMarksNotSupportedForTextTypeException',
      ],
      DescribeVoices: [],
      StartSpeechSynthesisTask: [
        'ValidationException',
        'TextLengthExceededException',
        'InvalidSsmlException',
        'MarksNotSupportedForFormatException',
        'InvalidSampleRateException',
        'EngineNotSupportedException',
        'SsmlMarksNotSupportedForTextTypeException',
      ],
      GetSpeechSynthesisTask: ['SynthesisTaskNotFoundException', 'InvalidTaskIdException'],
    },
    // Text is at most 6,000 characters (JSON-escaped, 6 bytes each at worst), lexicons 4,000.
    maxRequestBody: bodyLimit(MIB),
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'ServiceFailureException', status: 500 },
    errorStatus: {
      LexiconNotFoundException: 404,
      SynthesisTaskNotFoundException: 400,
      InvalidTaskIdException: 400,
    },
  };
}
