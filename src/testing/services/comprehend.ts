import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import {
  detectEntities,
  detectKeyPhrases,
  detectPii,
  detectSentiment,
  detectSyntax,
  detectTargetedSentiment,
  detectToxicity,
} from './comprehend-analysis';
import { classifyDocument, withCustomEntities } from './comprehend-custom';
import { writeDetectionOutput } from './comprehend-job-output';
import { createJobHandlers } from './comprehend-jobs';
import { detectLanguage } from './comprehend-language';
import { requireText } from './comprehend-text';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';

/** Comprehend's limits (aws-limits.md §1), checked so tests of the facade see the real errors. */
const MAX_BATCH = 25;
const MAX_TEXT_BYTES = 100_000;
const MAX_SMALL_TEXT_BYTES = 5_000;
const MAX_SEGMENTS = 10;
const MAX_SEGMENT_BYTES = 1_000;
const MAX_SEGMENTS_BYTES = 10_000;

const ALL_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'ko', 'pt', 'zh', 'zh-TW'];
const SYNTAX_LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'pt'];
const PII_LANGUAGES = ['en', 'es'];

function languages(text: string) {
  return [{ LanguageCode: detectLanguage(text), Score: 0.99 }];
}

function requireLanguage(input: EmulatorInput, supported: readonly string[]): void {
  const code = input.LanguageCode;
  if (typeof code !== 'string' || !supported.includes(code)) {
    throw new EmulatorError(
      'UnsupportedLanguageException',
      `Language ${String(code)} is not supported for this operation`,
    );
  }
}

function requireList(input: EmulatorInput): unknown[] {
  const list = input.TextList;
  if (!Array.isArray(list) || list.length === 0) {
    throw new EmulatorError('InvalidRequestException', 'TextList must be a non-empty list');
  }
  if (list.length > MAX_BATCH) {
    throw new EmulatorError(
      'BatchSizeLimitExceededException',
      `TextList has ${list.length} items; the limit is ${MAX_BATCH}`,
    );
  }
  return list;
}

/** A single-document Detect* handler. */
function single(
  maxBytes: number,
  supported: readonly string[],
  analyse: (text: string) => Record<string, unknown>,
): Handler {
  return (input) => {
    const text = requireText(input, maxBytes);
    requireLanguage(input, supported);
    return analyse(text);
  };
}

/** A BatchDetect* handler: the whole call fails when one document is over 5,000 bytes. */
function batch(
  supported: readonly string[],
  analyse: (text: string) => Record<string, unknown>,
): Handler {
  return (input) => {
    const list = requireList(input);
    requireLanguage(input, supported);
    const ResultList: unknown[] = [];
    const ErrorList: unknown[] = [];
    list.forEach((text: unknown, Index) => {
      if (typeof text === 'string' && Buffer.byteLength(text) > MAX_SMALL_TEXT_BYTES) {
        throw new EmulatorError(
          'TextSizeLimitExceededException',
          `TextList[${Index}] is longer than ${MAX_SMALL_TEXT_BYTES} bytes`,
        );
      }
      if (typeof text !== 'string' || text.trim().length === 0) {
        ErrorList.push({ Index, ErrorCode: 'INVALID_REQUEST', ErrorMessage: 'Text is empty' });
      } else ResultList.push({ Index, ...analyse(text) });
    });
    return { ResultList, ErrorList };
  };
}

const detectDominantLanguage: Handler = (input) => ({
  Languages: languages(requireText(input, MAX_TEXT_BYTES)),
});

const batchDetectDominantLanguage: Handler = (input) => {
  const list = requireList(input);
  const ResultList: unknown[] = [];
  const ErrorList: unknown[] = [];
  list.forEach((text: unknown, Index) => {
    if (typeof text !== 'string' || text.trim().length === 0) {
      ErrorList.push({
        Index,
        ErrorCode: 'InvalidRequestException',
        ErrorMessage: 'Text is empty',
      });
    } else if (Buffer.byteLength(text) > MAX_TEXT_BYTES) {
      ErrorList.push({
        Index,
        ErrorCode: 'TEXT_SIZE_LIMIT_EXCEEDED',
        ErrorMessage: 'Text is too long',
      });
    } else {
      ResultList.push({ Index, Languages: languages(text) });
    }
  });
  return { ResultList, ErrorList };
};

const detectToxicContent: Handler = (input) => {
  const segments = input.TextSegments;
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new EmulatorError('InvalidRequestException', 'TextSegments must be a non-empty list');
  }
  if (segments.length > MAX_SEGMENTS) {
    // Not a batch operation: the model gives DetectToxicContent no BatchSizeLimitExceededException;
    // AWS answers the 10-segment limit like its byte limits.
    throw new EmulatorError(
      'TextSizeLimitExceededException',
      `TextSegments has ${segments.length} items; the limit is ${MAX_SEGMENTS}`,
    );
  }
  requireLanguage(input, ['en']);
  const texts = segments.map((s: unknown) => String((s as { Text?: unknown }).Text ?? ''));
  const sizes = texts.map((t) => Buffer.byteLength(t));
  if (sizes.some((n) => n > MAX_SEGMENT_BYTES)) {
    throw new EmulatorError(
      'TextSizeLimitExceededException',
      `A segment is longer than ${MAX_SEGMENT_BYTES} bytes`,
    );
  }
  if (sizes.reduce((a, b) => a + b, 0) > MAX_SEGMENTS_BYTES) {
    throw new EmulatorError(
      'TextSizeLimitExceededException',
      `The segments are longer than ${MAX_SEGMENTS_BYTES} bytes together`,
    );
  }
  return { ResultList: texts.map(detectToxicity) };
};

const JOB_KINDS = ['Sentiment', 'Entities', 'KeyPhrases', 'PiiEntities', 'TargetedSentiment'];

const SINGLE = [
  'DetectSentiment',
  'DetectEntities',
  'DetectKeyPhrases',
  'DetectSyntax',
  'DetectTargetedSentiment',
  'DetectPiiEntities',
];

/** What each default handler may throw (see `ServiceDefinition.errors`). */
function comprehendErrors(): Record<string, readonly string[]> {
  const text = ['InvalidRequestException', 'TextSizeLimitExceededException'];
  const errors: Record<string, readonly string[]> = {
    DetectDominantLanguage: text,
    BatchDetectDominantLanguage: ['InvalidRequestException', 'BatchSizeLimitExceededException'],
    DetectToxicContent: [...text, 'UnsupportedLanguageException'],
    ClassifyDocument: [...text, 'ResourceUnavailableException'],
  };
  for (const op of SINGLE) {
    errors[op] = [...text, 'UnsupportedLanguageException'];
    if (op !== 'DetectPiiEntities') {
      errors[`Batch${op}`] = [
        ...text,
        'UnsupportedLanguageException',
        'BatchSizeLimitExceededException',
      ];
    }
  }
  // Custom recognizer endpoints (comprehend-custom.ts) answer while being created with this.
  errors.DetectEntities = [...(errors.DetectEntities ?? []), 'ResourceUnavailableException'];
  for (const kind of JOB_KINDS) {
    errors[`Start${kind}DetectionJob`] = ['InvalidRequestException'];
    errors[`Describe${kind}DetectionJob`] = ['JobNotFoundException'];
    errors[`Stop${kind}DetectionJob`] = ['InvalidRequestException', 'JobNotFoundException'];
  }
  return errors;
}

/**
 * Amazon Comprehend: awsJson1_1, target prefix `Comprehend_20171127`. With `store`, a finished
 * detection job writes its `output.tar.gz` there, analysing the input objects it finds.
 */
export function createComprehendService(store?: S3Store): ServiceDefinition {
  const sentiment = (t: string) => detectSentiment(t);
  const entities = (t: string) => ({ Entities: detectEntities(t) });
  const keyPhrases = (t: string) => ({ KeyPhrases: detectKeyPhrases(t) });
  const syntax = (t: string) => ({ SyntaxTokens: detectSyntax(t) });
  const targeted = (t: string) => ({ Entities: detectTargetedSentiment(t) });
  const jobs = createJobHandlers(JOB_KINDS, {
    start: (kind) => `Start${kind}DetectionJob`,
    describe: (kind) => `Describe${kind}DetectionJob`,
    // comprehend.json, Stop{Sentiment,Entities,KeyPhrases,TargetedSentiment}DetectionJob
    // documentation (StopPiiEntitiesDetectionJob's says only "Stops a PII entities detection
    // job in progress"): an IN_PROGRESS job is put into STOP_REQUESTED, then STOPPED; the
    // response's JobStatus (Stop<Kind>DetectionJobResponse) is STOP_REQUESTED, or STOPPED for a
    // job stopped before. The model is silent on SUBMITTED: the emulator stops it like an
    // IN_PROGRESS one, as it has not ended.
    stop: (kind) => `Stop${kind}DetectionJob`,
    // Same documentation: "If the job is in the COMPLETED or FAILED state [...] the operation
    // returns a 400 Internal Request Exception": the operation's one 400 error in the model is
    // InvalidRequestException (InternalServerException is its 500).
    stopCompleted: (jobId) =>
      new EmulatorError(
        'InvalidRequestException',
        `Job ${jobId} is COMPLETED and cannot be stopped`,
      ),
    properties: (kind) => `${kind}DetectionJobProperties`,
    idPrefix: 'emu-comprehend-',
    notFound: 'JobNotFoundException',
    ...(store
      ? {
          complete: (job, uri) => {
            writeDetectionOutput(store, job, uri);
            return undefined;
          },
        }
      : {}),
  });
  return {
    name: 'comprehend',
    protocol: 'aws-json',
    signingName: 'comprehend',
    targetPrefix: 'Comprehend_20171127',
    routes: [],
    handlers: {
      DetectDominantLanguage: detectDominantLanguage,
      BatchDetectDominantLanguage: batchDetectDominantLanguage,
      DetectSentiment: single(MAX_SMALL_TEXT_BYTES, ALL_LANGUAGES, sentiment),
      BatchDetectSentiment: batch(ALL_LANGUAGES, sentiment),
      DetectEntities: withCustomEntities(single(MAX_TEXT_BYTES, ALL_LANGUAGES, entities)),
      ClassifyDocument: classifyDocument,
      BatchDetectEntities: batch(ALL_LANGUAGES, entities),
      DetectKeyPhrases: single(MAX_TEXT_BYTES, ALL_LANGUAGES, keyPhrases),
      BatchDetectKeyPhrases: batch(ALL_LANGUAGES, keyPhrases),
      DetectSyntax: single(MAX_SMALL_TEXT_BYTES, SYNTAX_LANGUAGES, syntax),
      BatchDetectSyntax: batch(SYNTAX_LANGUAGES, syntax),
      DetectTargetedSentiment: single(MAX_SMALL_TEXT_BYTES, ['en'], targeted),
      BatchDetectTargetedSentiment: batch(['en'], targeted),
      DetectPiiEntities: single(MAX_TEXT_BYTES, PII_LANGUAGES, (t) => ({ Entities: detectPii(t) })),
      DetectToxicContent: detectToxicContent,
      ...jobs.handlers,
    },
    reset: jobs.clear,
    errors: comprehendErrors(),
    // Text is at most 100 KB, but Detect* also take a document as Bytes (up to 10 MB, base64).
    maxRequestBody: bodyLimit(Math.ceil((10 * MIB * 4) / 3) + MIB),
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServerException', status: 500 },
    errorStatus: { TooManyRequestsException: 429, ResourceNotFoundException: 404 },
    blobKeys: ['Bytes'],
  };
}
