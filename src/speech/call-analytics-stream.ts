import { describe } from '../config';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import {
  checkResourceName,
  checkStreamAudio,
  checkStreamOptions,
  checkVocabularyFilter,
  transcriptStream,
} from '../core/transcribe-stream-input';
import { ValidationError } from '../errors';
import type { CallStreamRequest } from './call-analytics-stream-events';
import type { AnalyzeCallStreamOptions, CallAnalyticsStream } from './call-analytics-stream-types';
import {
  CALL_ANALYTICS_PII_TYPES,
  CALL_ANALYTICS_STREAM_LANGUAGES,
  TRANSCRIBE_SAMPLE_RATE,
} from './limits';
import { finalsTranscript } from './transcribe-stream';

/** The session code, loaded on the first read. */
const events = /* @__PURE__ */ loadOnce(() => import('./call-analytics-stream-events'));

/** `PiiEntityTypes` is 1–300 characters (transcribe-streaming model). */
const MAX_PII_TYPES_CHARS = 300;

function checkOptions(options: AnalyzeCallStreamOptions): void {
  checkStreamOptions('analyzeCallStream', options, TRANSCRIBE_SAMPLE_RATE);
  const { channels, language, pii, piiTypes, postCall } = options;
  if (
    channels !== undefined &&
    (typeof channels !== 'object' ||
      channels === null ||
      ![0, 1].includes(channels.agent) ||
      ![0, 1].includes(channels.customer) ||
      channels.agent === channels.customer)
  ) {
    throw new ValidationError(
      'channels must put agent and customer on channels 0 and 1 of the two-channel audio, one each',
    );
  }
  if (
    language !== undefined &&
    !(CALL_ANALYTICS_STREAM_LANGUAGES as readonly unknown[]).includes(language)
  ) {
    throw new ValidationError(
      `Call Analytics streaming supports ${CALL_ANALYTICS_STREAM_LANGUAGES.join(', ')}; got language ${describe(language)}`,
      { code: 'UnsupportedLanguage' },
    );
  }
  checkResourceName('vocabulary', options.vocabulary);
  checkResourceName('languageModel', options.languageModel);
  checkVocabularyFilter(options.vocabularyFilter);
  if (pii !== undefined && pii !== 'identify' && pii !== 'redact') {
    throw new ValidationError(`pii must be 'identify' or 'redact'; got ${describe(pii)}`);
  }
  if (piiTypes !== undefined) {
    if (pii === undefined) {
      throw new ValidationError("piiTypes needs pii: 'identify' or 'redact'");
    }
    if (
      !Array.isArray(piiTypes) ||
      piiTypes.length === 0 ||
      !piiTypes.every((t) => (CALL_ANALYTICS_PII_TYPES as readonly unknown[]).includes(t)) ||
      piiTypes.join(',').length > MAX_PII_TYPES_CHARS
    ) {
      throw new ValidationError(
        `piiTypes must be a non-empty list of ${CALL_ANALYTICS_PII_TYPES.join(', ')}`,
      );
    }
  }
  if (postCall !== undefined) {
    const { output, roleArn } = (postCall ?? {}) as { output?: unknown; roleArn?: unknown };
    if (
      typeof output !== 'string' ||
      !/^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/.test(output)
    ) {
      throw new ValidationError(
        `postCall.output must be an s3:// URI of your bucket, e.g. 's3://calls/analytics/'; got ${describe(output)}`,
      );
    }
    if (typeof roleArn !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(roleArn)) {
      throw new ValidationError(
        `postCall.roleArn must be an IAM role ARN (arn:aws:iam::123456789012:role/Name); got ${describe(roleArn)}`,
      );
    }
  }
}

function request(options: AnalyzeCallStreamOptions): CallStreamRequest {
  const { channels = { agent: 0, customer: 1 }, vocabularyFilter, pii, postCall } = options;
  return {
    input: {
      LanguageCode: options.language ?? 'en-US',
      MediaSampleRateHertz: options.sampleRate,
      MediaEncoding: options.encoding,
      ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
      ...(vocabularyFilter
        ? {
            VocabularyFilterName: vocabularyFilter.name,
            VocabularyFilterMethod: vocabularyFilter.method ?? 'mask',
          }
        : {}),
      ...(options.languageModel ? { LanguageModelName: options.languageModel } : {}),
      ...(pii === 'identify' ? { ContentIdentificationType: 'PII' } : {}),
      ...(pii === 'redact' ? { ContentRedactionType: 'PII' } : {}),
      ...(pii ? { PiiEntityTypes: (options.piiTypes ?? ['ALL']).join(',') } : {}),
    },
    configuration: {
      ConfigurationEvent: {
        ChannelDefinitions: [
          { ChannelId: channels.agent, ParticipantRole: 'AGENT' },
          { ChannelId: channels.customer, ParticipantRole: 'CUSTOMER' },
        ],
        ...(postCall
          ? {
              PostCallAnalyticsSettings: {
                OutputLocation: postCall.output,
                DataAccessRoleArn: postCall.roleArn,
              },
            }
          : {}),
      },
    },
  };
}

const STREAM_SITE = {
  service: 'transcribe-streaming',
  operation: 'StartCallAnalyticsStreamTranscription',
} as const;

/**
 * Checks the options at once (so bad input throws before a stream exists); the code that talks to
 * Transcribe loads on the first read. @internal
 */
export function analyzeCallStream(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: AnalyzeCallStreamOptions,
): CallAnalyticsStream {
  return transcriptStream(ctx, options, STREAM_SITE, () => {
    checkStreamAudio(audio);
    checkOptions(options);
    const call = request(options);
    return {
      method: 'speech.analyzeCallStream',
      language: options.language ?? 'en-US',
      transcript: finalsTranscript,
      run: async function* (signal, finals) {
        const { callAnalyticsEvents } = await events();
        yield* callAnalyticsEvents(ctx, audio, options, call, finals, signal);
      },
    };
  });
}
