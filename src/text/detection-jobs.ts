import type * as ComprehendPackage from '@aws-sdk/client-comprehend';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type BuiltJob, createJob, type JobRef } from '../core/job';
import { ServiceError, ValidationError } from '../errors';
import { COMPREHEND } from './comprehend';
import {
  assertLocation,
  asTextJob,
  checkRef,
  type JobProperties,
  jobContext,
  toStatus,
} from './job-common';
import { readJobRecords, redactionHasNoRecords } from './job-results';
import { assertLanguage } from './language';
import { COMPREHEND_LANGUAGES, PII_LANGUAGES, TARGETED_SENTIMENT_LANGUAGES } from './limits';
import type {
  TextDetectionJob,
  TextDetectionJobParams,
  TextJobRecord,
  TextJobStatus,
  TextPiiJobParams,
} from './types';

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

/** The kind of a Comprehend detection job's ref. */
export const DETECTION_KIND = 'comprehend.detection';

const DETECTION_KINDS: readonly DetectionJobKind[] = [
  'Sentiment',
  'Entities',
  'KeyPhrases',
  'PiiEntities',
  'TargetedSentiment',
];

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
  const ctx = jobContext(base, ref);
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
    service: 'comprehend',
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
