import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { createJobHandlers } from './comprehend-jobs';
import { detectLanguage } from './comprehend-language';
import { constraintViolation, missingMember } from './constraint';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { cannedTranslation } from './translate-canned';
import { requireDocument, translateDocumentContent } from './translate-document';
import { EMULATED_ACCOUNT, writeTranslationOutput } from './translate-job-output';
import { createTerminologies } from './translate-terminology';

/** TranslateText's limit on `Text` (aws-limits.md §2), in UTF-8 bytes. */
const MAX_TEXT_BYTES = 10_000;
/** Below this many letters, `auto` cannot tell the language (DetectedLanguageLowConfidence). */
const MIN_LETTERS_FOR_AUTO = 4;

type Terminologies = ReturnType<typeof createTerminologies>;

/** The source language of a request (`auto`: detected, refused when the text is too short to tell). */
function sourceOf(source: string, text: string, strict = true): string {
  if (source !== 'auto') return source;
  const from = detectLanguage(text);
  // TranslateDocument's model has no DetectedLanguageLowConfidenceException: it keeps its guess.
  if (strict && (text.match(/\p{L}/gu) ?? []).length < MIN_LETTERS_FOR_AUTO) {
    throw new EmulatorError(
      'DetectedLanguageLowConfidenceException',
      'The confidence that Amazon Comprehend accurately detected the source language is low.',
      400,
      { DetectedLanguageCode: from },
    );
  }
  return from;
}

/**
 * TranslateDocument: plain text, HTML and .docx with their text runs translated by the canned
 * translator (custom terms applied), at most 102,400 bytes (the model's limit).
 */
function translateDocument(terminologies: Terminologies): Handler {
  return (input) => {
    const { content, type } = requireDocument(input);
    const source = input.SourceLanguageCode;
    const target = input.TargetLanguageCode;
    if (typeof source !== 'string') throw missingMember('sourceLanguageCode');
    if (typeof target !== 'string') throw missingMember('targetLanguageCode');
    const from = sourceOf(
      source,
      Buffer.from(content)
        .toString('utf8')
        .replace(/<[^>]*>/g, ' '),
    );
    // TranslateDocument needs English on one side (aws-limits.md §2).
    if (from === target || (from !== 'en' && target !== 'en')) {
      throw new EmulatorError(
        'UnsupportedLanguagePairException',
        `Unsupported language pair: ${from} to ${target}`,
        400,
        { SourceLanguageCode: from, TargetLanguageCode: target },
      );
    }
    const applied = new Map<string, { Name: string; Terms: unknown[] }>();
    const translated = translateDocumentContent(content, type, (run) => {
      const out = terminologies.apply(
        input.TerminologyNames,
        from,
        target,
        cannedTranslation(run, target),
      );
      for (const a of out.applied) {
        const seen = applied.get(a.Name) ?? { Name: a.Name, Terms: [] };
        seen.Terms.push(...a.Terms);
        applied.set(a.Name, seen);
      }
      return out.text;
    });
    const settings = input.Settings as Record<string, unknown> | undefined;
    return {
      TranslatedDocument: { Content: translated },
      SourceLanguageCode: from,
      TargetLanguageCode: target,
      ...(applied.size > 0 ? { AppliedTerminologies: [...applied.values()] } : {}),
      ...(settings && Object.keys(settings).length > 0 ? { AppliedSettings: settings } : {}),
    };
  };
}

const translateText =
  (terminologies: Terminologies): Handler =>
  (input) => {
    const text = input.Text;
    const source = input.SourceLanguageCode;
    const target = input.TargetLanguageCode;
    // Text has @length(min: 1) and is sensitive: AWS's validation leaves its value out.
    if (typeof text !== 'string') throw missingMember('text');
    if (text.length === 0) {
      throw constraintViolation(
        'text',
        undefined,
        'Member must have length greater than or equal to 1',
      );
    }
    if (Buffer.byteLength(text) > MAX_TEXT_BYTES) {
      throw new EmulatorError(
        'TextSizeLimitExceededException',
        `Input text size exceeds limit. Max length of request text allowed is ${MAX_TEXT_BYTES} bytes`,
      );
    }
    if (typeof source !== 'string') throw missingMember('sourceLanguageCode');
    if (typeof target !== 'string') throw missingMember('targetLanguageCode');
    const from = sourceOf(source, text);
    if (from === target) {
      throw new EmulatorError(
        'UnsupportedLanguagePairException',
        `Unsupported language pair: ${from} to ${target}`,
        400,
        { SourceLanguageCode: from, TargetLanguageCode: target },
      );
    }
    const settings = input.Settings as Record<string, unknown> | undefined;
    const terms = terminologies.apply(
      input.TerminologyNames,
      from,
      target,
      cannedTranslation(text, target),
    );
    return {
      TranslatedText: terms.text,
      SourceLanguageCode: from,
      TargetLanguageCode: target,
      ...(settings && Object.keys(settings).length > 0 ? { AppliedSettings: settings } : {}),
      ...(terms.applied.length > 0 ? { AppliedTerminologies: terms.applied } : {}),
    };
  };

/** Amazon Translate: awsJson1_1, target prefix `AWSShineFrontendService_20170701`. */
export function createTranslateService(store?: S3Store): ServiceDefinition {
  const terminologies = createTerminologies();
  const jobs = createJobHandlers(['TextTranslation'], {
    start: () => 'StartTextTranslationJob',
    describe: () => 'DescribeTextTranslationJob',
    // translate.json, StopTextTranslationJob documentation: an IN_PROGRESS job is put into
    // STOP_REQUESTED, then STOPPED (the model is silent on SUBMITTED: stopped alike); "if the
    // job completes before it can be stopped, it is put into the COMPLETED state". The
    // operation's errors are ResourceNotFoundException, TooManyRequestsException and
    // InternalServerException only, so a COMPLETED job is no error: Stop answers its status
    // (StopTextTranslationJobResponse.JobStatus) and leaves it COMPLETED (no `stopCompleted`).
    stop: () => 'StopTextTranslationJob',
    properties: () => 'TextTranslationJobProperties',
    idPrefix: 'emu-translate-',
    notFound: 'ResourceNotFoundException',
    outputUri: (prefix, jobId) => `${prefix}${EMULATED_ACCOUNT}-TranslateText-${jobId}/`,
    ...(store ? { complete: (job, uri) => writeTranslationOutput(store, job, uri) } : {}),
  });
  return {
    name: 'translate',
    protocol: 'aws-json',
    signingName: 'translate',
    targetPrefix: 'AWSShineFrontendService_20170701',
    routes: [],
    handlers: {
      TranslateText: translateText(terminologies),
      TranslateDocument: translateDocument(terminologies),
      ...terminologies.handlers,
      ...jobs.handlers,
    },
    reset: () => {
      jobs.clear();
      terminologies.clear();
    },
    errors: {
      TranslateText: [
        'ValidationException',
        'TextSizeLimitExceededException',
        'DetectedLanguageLowConfidenceException',
        'UnsupportedLanguagePairException',
        'ResourceNotFoundException',
      ],
      TranslateDocument: [
        'ValidationException',
        'InvalidRequestException',
        'UnsupportedLanguagePairException',
        'ResourceNotFoundException',
      ],
      ImportTerminology: [
        'ValidationException',
        'InvalidParameterValueException',
        'LimitExceededException',
      ],
      ListTerminologies: ['ValidationException', 'InvalidParameterValueException'],
      StartTextTranslationJob: ['InvalidRequestException'],
      DescribeTextTranslationJob: ['ResourceNotFoundException'],
      StopTextTranslationJob: ['ResourceNotFoundException'],
    },
    // The largest member is ImportTerminology's TerminologyFile (@length max 10,485,760): base64.
    maxRequestBody: bodyLimit(Math.ceil((10 * MIB * 4) / 3) + MIB),
    throttle: { code: 'TooManyRequestsException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    errorStatus: { ResourceNotFoundException: 404, ServiceUnavailableException: 503 },
    // Document.Content and TerminologyData.File are blobs.
    blobKeys: ['Content', 'File'],
  };
}
