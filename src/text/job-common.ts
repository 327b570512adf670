// What Comprehend's detection jobs and Translate's batch jobs share: location and ref checks,
// status mapping and the text module's job shape. Kept apart from both so that a bundle of one kind
// of job (startSentimentJob, startTranslationJob) holds its own service's client only.

import type { RequestOptions } from '../config';
import { createContext, type ModuleContext } from '../core/context';
import {
  awaitableResults,
  type BuiltJob,
  type JobRef,
  type JobState,
  type JobWaitInput,
} from '../core/job';
import { ValidationError } from '../errors';
import type { TextDetectionJobParams, TextJobStatus, TextTranslationJobParams } from './types';

const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** @internal */
export function assertLocation(params: TextDetectionJobParams | TextTranslationJobParams): void {
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

/** Shared shape of Describe*Job answers. @internal */
export interface JobProperties {
  JobId?: string | undefined;
  JobStatus?: string | undefined;
  Message?: string | undefined;
  OutputDataConfig?: { S3Uri?: string | undefined } | undefined;
}

/** @internal */
export function toStatus(id: string, p: JobProperties | undefined): TextJobStatus {
  const aws = p?.JobStatus ?? 'SUBMITTED';
  return {
    id,
    state: STATES[aws] ?? 'in-progress',
    awsStatus: aws,
    ...(p?.OutputDataConfig?.S3Uri ? { outputUri: p.OutputDataConfig.S3Uri } : {}),
    ...(p?.Message ? { message: p.Message } : {}),
  };
}

/** Comprehend's and Translate's JobId pattern (their service models): 1–32 of `[a-zA-Z0-9-]`. */
const JOB_ID = /^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$/u;

/** @internal */
export function checkRef(ref: JobRef, kind: string): void {
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

/** The context a job of `ref` runs in: its own region's when the ref names another. @internal */
export function jobContext(base: ModuleContext, ref: JobRef): ModuleContext {
  return typeof ref.region === 'string' && ref.region !== base.config.region
    ? createContext({ region: ref.region }, base)
    : base;
}

/** A built job in the shape the text module shipped: plus `kind` and an awaitable `results()`. @internal */
export function asTextJob<T>(
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
