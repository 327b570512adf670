import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import { poll } from '../core/polling';
import { COMPREHEND } from './comprehend';
import { readJobRecords, readTranslations, redactionHasNoRecords } from './job-results';
import { assertLanguage } from './language';
import { COMPREHEND_LANGUAGES, PII_LANGUAGES, TARGETED_SENTIMENT_LANGUAGES } from './limits';
import { TRANSLATE } from './translate-service';
import type {
  TextDetectionJob,
  TextDetectionJobParams,
  TextJob,
  TextJobState,
  TextJobStatus,
  TextPiiJobParams,
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

function toState(value: string | undefined): TextJobState {
  return (value ?? 'SUBMITTED').toLowerCase().replace(/_/g, '-') as TextJobState;
}

/** Shared shape of Describe*Job answers. */
interface JobProperties {
  JobId?: string | undefined;
  JobStatus?: string | undefined;
  Message?: string | undefined;
  OutputDataConfig?: { S3Uri?: string | undefined } | undefined;
}

function toStatus(id: string, p: JobProperties | undefined): TextJobStatus {
  return {
    id,
    state: toState(p?.JobStatus),
    ...(p?.OutputDataConfig?.S3Uri ? { outputUri: p.OutputDataConfig.S3Uri } : {}),
    ...(p?.Message ? { message: p.Message } : {}),
  };
}

const DONE: ReadonlySet<TextJobState> = new Set(['completed', 'completed-with-error']);
const ENDED: ReadonlySet<TextJobState> = new Set(['failed', 'stopped']);

function handle(
  id: string,
  kind: string,
  describe: (options: RequestOptions) => Promise<TextJobStatus>,
): TextJob {
  return {
    id,
    kind,
    status: (options = {}) => describe(options),
    wait: (options = {}) => {
      const { intervalMs = 5_000, maxIntervalMs = 60_000, timeoutMs, signal, onPoll } = options;
      return poll(
        async (checkSignal) => {
          const status = await describe({ signal: checkSignal });
          if (DONE.has(status.state)) return { done: true, value: status };
          if (ENDED.has(status.state)) {
            throw new ServiceError(
              `Job ${id} ended ${status.state}${status.message ? `: ${status.message}` : ''}`,
              { operation: kind, code: 'JobFailed' },
            );
          }
          onPoll?.(status);
          return { done: false, status: status.state };
        },
        { intervalMs, maxIntervalMs, timeoutMs, signal },
      );
    },
  };
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
  const describeOp = `Describe${kind}DetectionJob`;
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
  const job = handle(id, describeOp, async (opts) => {
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
  });
  return {
    ...job,
    results: async (wait = {}) => {
      // Checked before any call: a redaction job writes files, not records.
      if (mode === 'redaction') throw redactionHasNoRecords(id);
      const status = await job.wait(wait);
      return readJobRecords<R>(ctx, kind, status, {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
    },
  };
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
  const job = handle(id, 'DescribeTextTranslationJob', async (opts) => {
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
  });
  const contentType = params.contentType ?? 'text/plain';
  return {
    ...job,
    results: async (wait = {}) => {
      const status = await job.wait(wait);
      return readTranslations(ctx, status, targets, contentType, {
        ...options,
        ...(wait.signal ? { signal: wait.signal } : {}),
      });
    },
  };
}
