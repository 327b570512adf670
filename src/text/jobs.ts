import type * as ComprehendPackage from '@aws-sdk/client-comprehend';
import type * as TranslatePackage from '@aws-sdk/client-translate';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { createContext, type ModuleContext } from '../core/context';
import {
  awaitableResults,
  type BuiltJob,
  createJob,
  type JobRef,
  type JobState,
  type JobWaitInput,
} from '../core/job';
import { ServiceError, ValidationError } from '../errors';
import { COMPREHEND } from './comprehend';
import { readJobRecords, readTranslations, redactionHasNoRecords } from './job-results';
import { assertLanguage } from './language';
import { COMPREHEND_LANGUAGES, PII_LANGUAGES, TARGETED_SENTIMENT_LANGUAGES } from './limits';
import { TRANSLATE } from './translate-service';
import type {
  TextDetectionJob,
  TextDetectionJobParams,
  TextJobRecord,
  TextJobStatus,
  TextPiiJobParams,
  TextTranslationFile,
  TextTranslationJob,
  TextTranslationJobParams,
} from './types';

const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const MAX_TARGETS = 10;

/** Languages each job kind takes (targeted sentiment is English only). */
const JOB_LANGUAGES: Record<DetectionJobKind, readonly string[]> = {
  Sentiment: COMPREHEND_LANGUAGES,
  Entities: COMPREHEND_LANGUAGES,
  KeyPhrases: COMPREHEND_LANGUAGES,
  PiiEntities: PII_LANGUAGES,
  TargetedSentiment: TARGETED_SENTIMENT_LANGUAGES,
};

/** Comprehend detection jobs the module starts, by kind. */
export type DetectionJobKind =
  | 'Sentiment'
  | 'Entities'
  | 'KeyPhrases'
  | 'PiiEntities'
  | 'TargetedSentiment';

function assertLocation(params: TextDetectionJobParams | TextTranslationJobParams): void {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('Pass job parameters: { input, output, roleArn, … }');
  }
  for (const key of ['input', 'output'] as const) {
    if (typeof params[key] !== 'string' || !S3_PREFIX.test(params[key])) {
      throw new ValidationError(`params.${key} must be an S3 URI such as s3://my-bucket/prefix/`);
    }
  }
  if (typeof params.roleArn !== 'string' || !ROLE_ARN.test(params.roleArn)) {
    throw new ValidationError(
      'params.roleArn must be an IAM role ARN (arn:aws:iam::123456789012:role/Name) that can read input and write output',
    );
  }
  const { name } = params as { name?: unknown };
  if (name !== undefined && (typeof name !== 'string' || !JOB_NAME.test(name))) {
    throw new ValidationError(
      'params.name must be 1–256 letters, digits, spaces and _ . : / = + - % @ (the JobName of Comprehend and Translate)',
    );
  }
}

/** `InputDataConfig.ContentType` values of `StartTextTranslationJob` (Translate's API reference). */
const TRANSLATION_CONTENT_TYPES: ReadonlySet<unknown> = new Set([
  'text/plain',
  'text/html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-xliff+xml',
]);

/** Translate's terminology names (ResourceName): letters, digits, hyphens, single underscores. */
const TERMINOLOGY_NAME = /^([A-Za-z0-9-]_?)+$/;

/** `JobName` of Comprehend and Translate jobs (their service models): 1–256 characters. */
const JOB_NAME = /^[\p{L}\p{Z}\p{N}_.:/=+\-%@]{1,256}$/u;

/** Comprehend's and Translate's `JobStatus` words as the one {@link JobState}. */
const STATES: Record<string, JobState> = {
  SUBMITTED: 'submitted',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  COMPLETED_WITH_ERROR: 'partially-completed',
  FAILED: 'failed',
  STOP_REQUESTED: 'stopping',
  STOPPED: 'stopped',
};

/** Shared shape of Describe*Job answers. */
interface JobProperties {
  JobId?: string | undefined;
  JobStatus?: string | undefined;
  Message?: string | undefined;
  OutputDataConfig?: { S3Uri?: string | undefined } | undefined;
}

function toStatus(id: string, p: JobProperties | undefined): TextJobStatus {
  const aws = p?.JobStatus ?? 'SUBMITTED';
  return {
    id,
    state: STATES[aws] ?? 'in-progress',
    awsStatus: aws,
    ...(p?.OutputDataConfig?.S3Uri ? { outputUri: p.OutputDataConfig.S3Uri } : {}),
    ...(p?.Message ? { message: p.Message } : {}),
  };
}

/** The kind of a Comprehend detection job's ref. */
export const DETECTION_KIND = 'comprehend.detection';
/** The kind of a Translate batch job's ref. */
export const TRANSLATION_KIND = 'translate.text';

const DETECTION_KINDS: readonly DetectionJobKind[] = [
  'Sentiment',
  'Entities',
  'KeyPhrases',
  'PiiEntities',
  'TargetedSentiment',
];

/** Comprehend's and Translate's JobId pattern (their service models): 1–32 of `[a-zA-Z0-9-]`. */
const JOB_ID = /^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$/u;

function checkRef(ref: JobRef, kind: string): void {
  if (typeof ref !== 'object' || ref === null || ref.kind !== kind) {
    throw new ValidationError(`Not the ref of a ${kind} job`);
  }
  if (
    typeof ref.id !== 'string' ||
    ref.id.length === 0 ||
    ref.id.length > 32 ||
    !JOB_ID.test(ref.id)
  ) {
    throw new ValidationError(
      `A ${kind} job's id is its JobId (1–32 characters); got ${JSON.stringify(ref.id)}`,
    );
  }
  if (ref.region !== undefined && typeof ref.region !== 'string') {
    throw new ValidationError('ref.region must be a string');
  }
}

function contextOf(base: ModuleContext, ref: JobRef): ModuleContext {
  return typeof ref.region === 'string' && ref.region !== base.config.region
    ? createContext({ region: ref.region }, base)
    : base;
}

/** The Stop* commands: not in the module's small command set (one use each, cancel). */
type StopComprehend = Pick<
  typeof ComprehendPackage,
  | 'StopSentimentDetectionJobCommand'
  | 'StopEntitiesDetectionJobCommand'
  | 'StopKeyPhrasesDetectionJobCommand'
  | 'StopPiiEntitiesDetectionJobCommand'
  | 'StopTargetedSentimentDetectionJobCommand'
>;

/**
 * Rebuilds a Comprehend detection job from its ref
 * (`{ kind: 'comprehend.detection', id, api: 'Sentiment' | 'Entities' | …, mode? }`): `status()` is
 * one `Describe<Kind>DetectionJob`, `results()` yields one {@link TextJobRecord} per document in
 * input order, `cancel()` is `Stop<Kind>DetectionJob`.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function detectionJob<R>(
  base: ModuleContext,
  ref: JobRef,
  options: RequestOptions = {},
): BuiltJob<TextJobRecord<R>, TextJobStatus> {
  checkRef(ref, DETECTION_KIND);
  const kind = ref.api as DetectionJobKind;
  if (!DETECTION_KINDS.includes(kind)) {
    throw new ValidationError(
      `A ${DETECTION_KIND} job's ref needs api: one of ${DETECTION_KINDS.join(', ')}; got ${JSON.stringify(ref.api)}`,
    );
  }
  if (ref.mode !== undefined && ref.mode !== 'offsets' && ref.mode !== 'redaction') {
    throw new ValidationError("ref.mode must be 'offsets' or 'redaction'");
  }
  const ctx = contextOf(base, ref);
  const id = ref.id;
  const describeOp = `Describe${kind}DetectionJob`;
  const describe = async (opts: RequestOptions): Promise<TextJobStatus> => {
    const described = await callAws(
      ctx,
      COMPREHEND,
      describeOp,
      async ({ client, sdk, signal }): Promise<JobProperties | undefined> => {
        const req = { JobId: id };
        const abortSignal = { abortSignal: signal };
        switch (kind) {
          case 'Sentiment':
            return (
              await client.send(new sdk.DescribeSentimentDetectionJobCommand(req), abortSignal)
            ).SentimentDetectionJobProperties;
          case 'Entities':
            return (
              await client.send(new sdk.DescribeEntitiesDetectionJobCommand(req), abortSignal)
            ).EntitiesDetectionJobProperties;
          case 'KeyPhrases':
            return (
              await client.send(new sdk.DescribeKeyPhrasesDetectionJobCommand(req), abortSignal)
            ).KeyPhrasesDetectionJobProperties;
          case 'TargetedSentiment':
            return (
              await client.send(
                new sdk.DescribeTargetedSentimentDetectionJobCommand(req),
                abortSignal,
              )
            ).TargetedSentimentDetectionJobProperties;
          default:
            return (
              await client.send(new sdk.DescribePiiEntitiesDetectionJobCommand(req), abortSignal)
            ).PiiEntitiesDetectionJobProperties;
        }
      },
      { ...options, ...opts },
    );
    return toStatus(id, described);
  };
  const stopOp = `Stop${kind}DetectionJob`;
  return createJob<TextJobRecord<R>, TextJobStatus>({
    ref,
    operation: describeOp,
    describe,
    // Checked before any call: a redaction job writes files, not records.
    checkResults: () => {
      if (ref.mode === 'redaction') throw redactionHasNoRecords(id);
    },
    read: async function* (status, wait) {
      yield* await readJobRecords<R>(ctx, kind, status, {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
    },
    cancel: async (opts) => {
      await callAws(
        ctx,
        COMPREHEND,
        stopOp,
        ({ client, sdk, signal }) => {
          const stop = sdk as unknown as StopComprehend;
          const req = { JobId: id };
          const abortSignal = { abortSignal: signal };
          switch (kind) {
            case 'Sentiment':
              return client.send(new stop.StopSentimentDetectionJobCommand(req), abortSignal);
            case 'Entities':
              return client.send(new stop.StopEntitiesDetectionJobCommand(req), abortSignal);
            case 'KeyPhrases':
              return client.send(new stop.StopKeyPhrasesDetectionJobCommand(req), abortSignal);
            case 'TargetedSentiment':
              return client.send(
                new stop.StopTargetedSentimentDetectionJobCommand(req),
                abortSignal,
              );
            default:
              return client.send(new stop.StopPiiEntitiesDetectionJobCommand(req), abortSignal);
          }
        },
        { ...options, ...opts },
      );
    },
  });
}

/**
 * Rebuilds a Translate batch job from its ref (`{ kind: 'translate.text', id, to, contentType? }`):
 * `status()` is one DescribeTextTranslationJob, `results()` yields one {@link TextTranslationFile}
 * per input file and target language, `cancel()` is StopTextTranslationJob.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function translationJob(
  base: ModuleContext,
  ref: JobRef,
  options: RequestOptions = {},
): BuiltJob<TextTranslationFile, TextJobStatus> {
  checkRef(ref, TRANSLATION_KIND);
  const to = ref.to;
  if (
    !Array.isArray(to) ||
    to.length === 0 ||
    to.length > MAX_TARGETS ||
    !to.every((t) => typeof t === 'string')
  ) {
    throw new ValidationError(
      `A ${TRANSLATION_KIND} job's ref needs to: the target language codes (1 to ${MAX_TARGETS})`,
    );
  }
  const targets = to as string[];
  const contentType = ref.contentType ?? 'text/plain';
  if (!TRANSLATION_CONTENT_TYPES.has(contentType)) {
    throw new ValidationError(
      `ref.contentType must be one of ${[...TRANSLATION_CONTENT_TYPES].join(', ')}`,
    );
  }
  const ctx = contextOf(base, ref);
  const id = ref.id;
  return createJob<TextTranslationFile, TextJobStatus>({
    ref,
    operation: 'DescribeTextTranslationJob',
    describe: async (opts) => {
      const described = await callAws(
        ctx,
        TRANSLATE,
        'DescribeTextTranslationJob',
        ({ client, sdk, signal }) =>
          client.send(new sdk.DescribeTextTranslationJobCommand({ JobId: id }), {
            abortSignal: signal,
          }),
        { ...options, ...opts },
      );
      return toStatus(id, described.TextTranslationJobProperties);
    },
    read: async function* (status, wait) {
      yield* await readTranslations(ctx, status, targets, contentType as string, {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
    },
    cancel: async (opts) => {
      await callAws(
        ctx,
        TRANSLATE,
        'StopTextTranslationJob',
        ({ client, sdk, signal }) => {
          const stop = sdk as unknown as Pick<
            typeof TranslatePackage,
            'StopTextTranslationJobCommand'
          >;
          return client.send(new stop.StopTextTranslationJobCommand({ JobId: id }), {
            abortSignal: signal,
          });
        },
        { ...options, ...opts },
      );
    },
  });
}

/** A built job in the shape the text module shipped: plus `kind` and an awaitable `results()`. */
function asTextJob<T>(
  job: BuiltJob<T, TextJobStatus>,
  describeOp: string,
): BuiltJob<T, TextJobStatus> & {
  kind: string;
  cancel(options?: RequestOptions): Promise<void>;
  results(options?: JobWaitInput<TextJobStatus>): ReturnType<typeof awaitableResults<T>>;
} {
  const { results, result, cancel } = job;
  if (!cancel) throw new Error('unreachable: text jobs have a stop operation');
  return Object.assign(job, {
    cancel,
    kind: describeOp,
    results: (options?: JobWaitInput<TextJobStatus>) =>
      awaitableResults(results(options), () => result(options)),
  });
}

/**
 * Starts a Comprehend `Start<Kind>DetectionJob` and returns a handle whose `wait()` polls
 * `Describe<Kind>DetectionJob`.
 * @internal
 */
export async function startDetectionJob<R>(
  ctx: ModuleContext,
  kind: DetectionJobKind,
  params: TextDetectionJobParams | TextPiiJobParams,
  options: RequestOptions = {},
): Promise<TextDetectionJob<R>> {
  assertLocation(params);
  const what = kind === 'PiiEntities' ? 'startPiiJob' : `start${kind}Job`;
  assertLanguage(params.language, JOB_LANGUAGES[kind], what);
  const format = params.format ?? 'one-doc-per-line';
  if (format !== 'one-doc-per-line' && format !== 'one-doc-per-file') {
    throw new ValidationError("params.format must be 'one-doc-per-line' or 'one-doc-per-file'");
  }
  const mode = 'mode' in params ? (params.mode ?? 'offsets') : 'offsets';
  if (mode !== 'offsets' && mode !== 'redaction') {
    throw new ValidationError("params.mode must be 'offsets' or 'redaction'");
  }
  const input = {
    InputDataConfig: {
      S3Uri: params.input,
      InputFormat: format === 'one-doc-per-line' ? 'ONE_DOC_PER_LINE' : 'ONE_DOC_PER_FILE',
    },
    OutputDataConfig: { S3Uri: params.output },
    DataAccessRoleArn: params.roleArn,
    LanguageCode: params.language,
    ...(params.name ? { JobName: params.name } : {}),
  } as const;
  const start = `Start${kind}DetectionJob`;
  const out = await callAws(
    ctx,
    COMPREHEND,
    start,
    ({ client, sdk, signal }) => {
      const abortSignal = { abortSignal: signal };
      switch (kind) {
        case 'Sentiment':
          return client.send(
            new sdk.StartSentimentDetectionJobCommand(input as never),
            abortSignal,
          );
        case 'Entities':
          return client.send(new sdk.StartEntitiesDetectionJobCommand(input as never), abortSignal);
        case 'KeyPhrases':
          return client.send(
            new sdk.StartKeyPhrasesDetectionJobCommand(input as never),
            abortSignal,
          );
        case 'TargetedSentiment':
          return client.send(
            new sdk.StartTargetedSentimentDetectionJobCommand(input as never),
            abortSignal,
          );
        default:
          return client.send(
            new sdk.StartPiiEntitiesDetectionJobCommand({
              ...input,
              Mode: mode === 'offsets' ? 'ONLY_OFFSETS' : 'ONLY_REDACTION',
            } as never),
            abortSignal,
          );
      }
    },
    options,
  );
  const id = out.JobId;
  if (!id) throw new ServiceError(`comprehend ${start} returned no JobId`, { operation: start });
  const ref: JobRef = {
    kind: DETECTION_KIND,
    id,
    api: kind,
    ...(mode === 'redaction' ? { mode } : {}),
  };
  return asTextJob(detectionJob<R>(ctx, ref, options), `Describe${kind}DetectionJob`);
}

/**
 * Starts a Translate `StartTextTranslationJob` and returns a handle whose `wait()` polls
 * `DescribeTextTranslationJob`.
 * @internal
 */
export async function startTranslationJob(
  ctx: ModuleContext,
  params: TextTranslationJobParams,
  options: RequestOptions = {},
): Promise<TextTranslationJob> {
  assertLocation(params);
  const targets = typeof params.to === 'string' ? [params.to] : [...(params.to ?? [])];
  if (targets.length === 0 || targets.length > MAX_TARGETS) {
    throw new ValidationError(`params.to must name 1 to ${MAX_TARGETS} target languages`);
  }
  const code = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
  const from: unknown = params.from;
  if (from !== undefined && from !== 'auto' && (typeof from !== 'string' || !code.test(from))) {
    throw new ValidationError(
      `params.from must be 'auto' or a language code such as 'en' or 'zh-TW', got ${typeof from === 'string' ? `a ${from.length}-character string` : typeof from}`,
    );
  }
  for (const t of targets as unknown[]) {
    if (typeof t !== 'string' || !code.test(t)) {
      throw new ValidationError(
        `params.to must hold language codes such as 'fr' or 'zh-TW', got ${typeof t === 'string' ? `a ${t.length}-character string` : typeof t}`,
      );
    }
  }
  const { contentType: type, terminology } = params as {
    contentType?: unknown;
    terminology?: unknown;
  };
  if (type !== undefined && !TRANSLATION_CONTENT_TYPES.has(type)) {
    throw new ValidationError(
      `params.contentType must be one of ${[...TRANSLATION_CONTENT_TYPES].join(', ')}`,
    );
  }
  if (
    terminology !== undefined &&
    (typeof terminology !== 'string' ||
      terminology.length > 256 ||
      !TERMINOLOGY_NAME.test(terminology))
  ) {
    throw new ValidationError(
      'params.terminology must be the name of one custom terminology (letters, digits, hyphens and single underscores, at most 256)',
    );
  }
  const out = await callAws(
    ctx,
    TRANSLATE,
    'StartTextTranslationJob',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.StartTextTranslationJobCommand({
          InputDataConfig: { S3Uri: params.input, ContentType: params.contentType ?? 'text/plain' },
          OutputDataConfig: { S3Uri: params.output },
          DataAccessRoleArn: params.roleArn,
          SourceLanguageCode: params.from ?? 'auto',
          TargetLanguageCodes: targets,
          ...(params.name ? { JobName: params.name } : {}),
          ...(params.terminology ? { TerminologyNames: [params.terminology] } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  );
  const id = out.JobId;
  if (!id) {
    throw new ServiceError('translate StartTextTranslationJob returned no JobId', {
      service: 'translate',
      operation: 'StartTextTranslationJob',
    });
  }
  const ref: JobRef = {
    kind: TRANSLATION_KIND,
    id,
    to: targets,
    ...(params.contentType ? { contentType: params.contentType } : {}),
  };
  return asTextJob(translationJob(ctx, ref, options), 'DescribeTextTranslationJob');
}
