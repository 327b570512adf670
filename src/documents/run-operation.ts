import type { TextractClient } from '@aws-sdk/client-textract';
import { type Attempt, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { whenJobSlotFree } from '../core/job-slot';
import { attachStagedObjects, stagedObjectsOf, stageForJob } from '../core/staging';
import { ServiceError, ValidationError } from '../errors';
import { contentTypeOf, planDocument, type SyncDocument } from './document-input';
import { type JobStartOptions, jobStartOptions, slotOptionsOf, waitOptionsOf } from './job-options';
import type { TextractResponse } from './raw';
import { runJob } from './run-job';
import type { TextractSdk } from './sdk';
import { TEXTRACT } from './textract';
import type { DocumentsJobOptions, DocumentsRunInfo } from './types';

/** One attempt's SDK and client; pass `signal` as the command's `abortSignal`. @internal */
export type TextractAttempt = Attempt<TextractSdk, TextractClient>;

/** The input of a sync command (features are added by the operation). @internal */
export interface SyncInput {
  Document: SyncDocument;
}

/**
 * The members every `Start*` input shares: where the staged document is, the job tag, SNS, S3
 * output, KMS key and idempotency token. @internal
 */
export interface JobStartInput extends JobStartOptions {
  DocumentLocation: {
    S3Object: { Bucket: string; Name: string; Version: string | undefined };
  };
}

/** The input of one `Get*` call: the job, and the page after the first. @internal */
export interface JobGetInput {
  JobId: string;
  NextToken?: string;
}

/**
 * The pieces that make one Textract operation: a sync command, a `Start*`/`Get*` pair for jobs and
 * the builder of the result. The commands are sent by {@link runOperation}, which owns the flow.
 * @internal
 */
export interface TextractOperation<R> {
  /** `DetectDocumentText`, for the call site of errors. */
  syncOperation: string;
  sync(attempt: TextractAttempt, input: SyncInput): Promise<object>;
  /** `StartDocumentTextDetection`. */
  startOperation: string;
  start(attempt: TextractAttempt, input: JobStartInput): Promise<{ JobId?: string | undefined }>;
  /** `GetDocumentTextDetection`. */
  getOperation: string;
  get(attempt: TextractAttempt, input: JobGetInput): Promise<object>;
  /** Checks what depends on the chosen API (query limits differ), before any call. */
  checkMode?(mode: 'sync' | 'async'): void;
  build(responses: TextractResponse[], run: DocumentsRunInfo): R;
}

/**
 * Runs one Textract operation on a document: checks and plans the input, then either one sync call
 * or a job (staged, started, polled, every `NextToken` page read), and builds the result.
 * @internal
 */
export async function runOperation<R>(
  ctx: ModuleContext,
  input: BinaryInput,
  params: DocumentsJobOptions,
  op: TextractOperation<R>,
): Promise<R> {
  // Job calls take the signal runJob hands them (the poll's while polling); the sync call the caller's.
  const send = <O>(
    operation: string,
    fn: (attempt: TextractAttempt) => Promise<O>,
    signal: AbortSignal | undefined,
  ): Promise<O> => callAws(ctx, TEXTRACT, operation, fn, { ...params, signal });
  const job = jobStartOptions(params);
  if (job.needsJob && params.mode === 'sync') {
    throw new ValidationError(
      "notificationChannel and output take effect only in a Textract job: use mode 'auto' or 'async', not 'sync'",
    );
  }
  // SNS and S3 output only exist for jobs: asking for them asks for a job.
  const plan = await planDocument(
    ctx,
    input,
    job.needsJob ? { ...params, mode: 'async' } : params,
    { label: 'document' },
  );
  op.checkMode?.(plan.mode);
  if (plan.mode === 'sync') {
    const out = await send(
      op.syncOperation,
      (a) => op.sync(a, { Document: plan.document }),
      params.signal,
    );
    return op.build([out as TextractResponse], { mode: 'sync', jobId: undefined });
  }
  const ran = await runJob(
    ctx,
    plan.media,
    plan.format,
    {
      startOperation: op.startOperation,
      start: async (location, signal) => {
        const start: JobStartInput = {
          DocumentLocation: {
            S3Object: { Bucket: location.bucket, Name: location.key, Version: location.versionId },
          },
          ...job.start,
        };
        return (await send(op.startOperation, (a) => op.start(a, start), signal)).JobId;
      },
      get: async (JobId, NextToken, signal) => {
        const get: JobGetInput = { JobId, ...(NextToken ? { NextToken } : {}) };
        return (await send(op.getOperation, (a) => op.get(a, get), signal)) as TextractResponse;
      },
    },
    params,
  );
  const result = op.build(ran.pages, { mode: 'async', jobId: ran.jobId });
  // A staged document whose cleanup delete failed is reported on the result (see docs/documents.md).
  attachStagedObjects(result, stagedObjectsOf(ran));
  return result;
}

/**
 * Starts one Textract operation as a job without waiting (the `documents.start*` methods): checks
 * and plans the input as {@link runOperation} does, stages bytes (NOT deleted: Textract reads them
 * while the job runs), waits for a job slot while Textract runs too many jobs, and starts it.
 *
 * @returns the job id, and the staged object's URI when bytes were uploaded
 * @throws ValidationError for `mode: 'sync'` and whatever {@link runOperation} refuses, before any call
 * @internal
 */
export async function startOperation(
  ctx: ModuleContext,
  input: BinaryInput,
  params: DocumentsJobOptions,
  op: Pick<TextractOperation<unknown>, 'startOperation' | 'start' | 'checkMode'>,
): Promise<{ jobId: string; stagedUri: string | undefined }> {
  if (params.mode === 'sync') {
    throw new ValidationError(`${op.startOperation} starts a Textract job: leave mode out`);
  }
  const job = jobStartOptions(params);
  const plan = await planDocument(ctx, input, { ...params, mode: 'async' }, { label: 'document' });
  op.checkMode?.('async');
  if (plan.mode !== 'async') {
    throw new ValidationError(`${op.startOperation} runs on a document in S3`);
  }
  const wait = { ...waitOptionsOf(params), signal: params.signal };
  // The job reads the staged document: kept when the start succeeds, deleted when it fails, and
  // the starter's call settles only after that delete (stageForJob).
  const { value: jobId, object: staged } = await stageForJob(
    ctx,
    plan.media,
    {
      ...params,
      purpose: `Textract ${op.startOperation}`,
      extension: plan.format === 'jpeg' ? 'jpg' : plan.format,
      contentType: contentTypeOf(plan.format),
    },
    async (staged) => {
      const start: JobStartInput = {
        DocumentLocation: {
          S3Object: { Bucket: staged.bucket, Name: staged.key, Version: staged.versionId },
        },
        ...job.start,
      };
      const started = await whenJobSlotFree(
        () =>
          callAws(ctx, TEXTRACT, op.startOperation, (a) => op.start(a, start), {
            ...params,
            signal: params.signal,
          }),
        slotOptionsOf(wait),
      );
      if (!started.JobId) {
        throw new ServiceError(`textract ${op.startOperation} returned no JobId`, {
          service: 'textract',
          operation: op.startOperation,
        });
      }
      return started.JobId;
    },
  );
  return { jobId, stagedUri: staged.uploaded ? staged.uri : undefined };
}
