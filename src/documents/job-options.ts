import { describeInput } from '../config';
import { type JobWaitOptions, jobWaitOptions } from '../core/job';
import { notificationChannelInput } from '../core/job-notification';
import type { JobSlotOptions } from '../core/job-slot';
import { ValidationError } from '../errors';
import type { DocumentsJobOptions } from './types';

/** The optional members of a Textract `Start*` input that come from the caller's options. @internal */
export interface JobStartOptions {
  JobTag?: string;
  NotificationChannel?: { SNSTopicArn: string; RoleArn: string };
  OutputConfig?: { S3Bucket: string; S3Prefix?: string };
  KMSKeyId?: string;
  ClientRequestToken?: string;
}

// Textract's API reference: JobTag, ClientRequestToken, OutputConfig and KMSKeyId constraints.
const JOB_TAG = /^[a-zA-Z0-9_.\-:]{1,64}$/;
const REQUEST_TOKEN = /^[a-zA-Z0-9\-_]{1,64}$/;
const OUTPUT_URI = /^s3:\/\/([0-9A-Za-z.\-_]{3,255})(?:\/(.*))?$/;
const KMS_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2047}$/;

/** A bad option value for a message: strings quoted, anything else by type (JSON.stringify throws on a bigint). */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

function outputConfig(uri: string): NonNullable<JobStartOptions['OutputConfig']> {
  const match = typeof uri === 'string' ? OUTPUT_URI.exec(uri) : null;
  // Textract adds `/<JobId>/<n>` itself: a trailing slash would double it.
  const prefix = (match?.[2] ?? '').replace(/\/+$/, '');
  if (!match || prefix.length > 1024 || (prefix !== '' && !/\S/.test(prefix))) {
    throw new ValidationError(
      `output must be s3://bucket or s3://bucket/prefix (a bucket of 3–255 characters, a prefix up to 1,024); got ${shown(uri)}`,
    );
  }
  return { S3Bucket: match[1] as string, ...(prefix ? { S3Prefix: prefix } : {}) };
}

/**
 * Checks the job-only options (polling included) before any call or upload and returns them as `Start*` input members, with
 * `needsJob` set when one of them only means something for a job (SNS, S3 output, KMS).
 * @internal
 */
export function jobStartOptions(params: DocumentsJobOptions): {
  start: JobStartOptions;
  needsJob: boolean;
} {
  const { jobTag, output, kmsKeyId, clientRequestToken } = params;
  // Read only once a job runs, after the upload: checked here, before any call or upload (new
  // names and the deprecated `poll: {}` alike).
  jobWaitOptions(params);
  const mode: unknown = params.mode;
  if (mode !== undefined && mode !== 'auto' && mode !== 'sync' && mode !== 'async') {
    throw new ValidationError(`mode must be 'auto', 'sync' or 'async'; got ${shown(mode)}`);
  }
  if (jobTag !== undefined && (typeof jobTag !== 'string' || !JOB_TAG.test(jobTag))) {
    throw new ValidationError(
      `jobTag must be 1–64 characters of letters, digits and _ . - :; got ${describeInput(jobTag)}`,
    );
  }
  if (
    clientRequestToken !== undefined &&
    (typeof clientRequestToken !== 'string' || !REQUEST_TOKEN.test(clientRequestToken))
  ) {
    throw new ValidationError(
      `clientRequestToken must be 1–64 characters of letters, digits, - and _; got ${describeInput(clientRequestToken)}`,
    );
  }
  if (kmsKeyId !== undefined) {
    if (output === undefined) {
      throw new ValidationError(
        'kmsKeyId encrypts the results written to output: pass output (s3://bucket/prefix) too',
      );
    }
    if (typeof kmsKeyId !== 'string' || !KMS_KEY_ID.test(kmsKeyId)) {
      throw new ValidationError(
        `kmsKeyId must be a KMS key id, key ARN or alias (1–2,048 characters); got ${shown(kmsKeyId)}`,
      );
    }
  }
  const channel = notificationChannelInput(params.notificationChannel);
  const start: JobStartOptions = {
    ...(jobTag ? { JobTag: jobTag } : {}),
    ...(channel ? { NotificationChannel: channel } : {}),
    ...(output !== undefined ? { OutputConfig: outputConfig(output) } : {}),
    ...(kmsKeyId ? { KMSKeyId: kmsKeyId } : {}),
    ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
  };
  return { start, needsJob: channel !== undefined || output !== undefined };
}

/**
 * How a job of a run-to-end method is waited for: the top-level poll options, or the deprecated
 * `poll: {}` block (whose `timeoutMs` bounds the polling; the call's own `timeoutMs` bounds the call).
 * @internal
 */
export function waitOptionsOf(params: DocumentsJobOptions): JobWaitOptions {
  return jobWaitOptions({ ...params, timeoutMs: params.poll?.timeoutMs });
}

/** Options of `whenJobSlotFree` from wait options (its own defaults: 5 s growing to 30 s). @internal */
export function slotOptionsOf(wait: JobWaitOptions): JobSlotOptions {
  return {
    ...(wait.pollIntervalMs !== undefined ? { intervalMs: wait.pollIntervalMs } : {}),
    ...(wait.maxPollIntervalMs !== undefined ? { maxIntervalMs: wait.maxPollIntervalMs } : {}),
    ...(wait.timeoutMs !== undefined ? { timeoutMs: wait.timeoutMs } : {}),
    ...(wait.signal !== undefined ? { signal: wait.signal } : {}),
  };
}
