import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import { createContext, type ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import {
  type BuiltJob,
  createJob,
  type JobRef,
  type JobState,
  type JobStatus,
  pollOptionsOf,
} from '../core/job';
import { pages, poll } from '../core/polling';
import { withStaged } from '../core/staging';
import { ServiceError, ValidationError } from '../errors';
import { contentTypeOf, planDocument } from './document-input';
import { jobStartOptions, waitOptionsOf } from './job-options';
import { buildLending, type LendingModel, type LendingResponse } from './lending-model';
import { startOperation } from './run-operation';
import { TEXTRACT } from './textract';
import type { DocumentsJobOptions } from './types';

const SITE = { service: 'textract', operation: 'StartLendingAnalysis' } as const;

/**
 * A mortgage package through Textract Lending: StartLendingAnalysis on the S3 object (bytes staged
 * first), GetLendingAnalysis polled until the job ends and read page after page, then
 * GetLendingAnalysisSummary; both merged into the Lending model.
 * @internal
 */
export async function lending(
  ctx: ModuleContext,
  input: BinaryInput,
  options: DocumentsJobOptions = {},
): Promise<LendingModel> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('lending options must be an object');
  }
  if (options.mode === 'sync') {
    throw new ValidationError('Textract Lending runs only as a job; leave options.mode out');
  }
  // jobTag, clientRequestToken, output, kmsKeyId, notificationChannel and poll: checked before any upload.
  const job = jobStartOptions(options);
  const plan = await planDocument(ctx, input, { ...options, mode: 'async' }, { label: 'document' });
  if (plan.mode !== 'async') {
    throw new ValidationError('Textract Lending runs only as a job on S3');
  }
  const request = requestOptionsOf(options);
  const { signal } = request;
  const wait = waitOptionsOf(options);
  return withStaged(
    ctx,
    plan.media,
    {
      ...request,
      purpose: 'Textract StartLendingAnalysis',
      extension: plan.format === 'jpeg' ? 'jpg' : plan.format,
      contentType: contentTypeOf(plan.format),
    },
    async (staged) => {
      const started = await callAws(
        ctx,
        TEXTRACT,
        'StartLendingAnalysis',
        ({ client, sdk, signal: s }) =>
          client.send(
            new sdk.StartLendingAnalysisCommand({
              DocumentLocation: { S3Object: { Bucket: staged.bucket, Name: staged.key } },
              ...job.start,
            }),
            { abortSignal: s },
          ),
        request,
      );
      const jobId = started.JobId;
      if (!jobId) throw new ServiceError('textract StartLendingAnalysis returned no JobId', SITE);
      const get = (token: string | undefined, s: AbortSignal | undefined) =>
        callAws(
          ctx,
          TEXTRACT,
          'GetLendingAnalysis',
          ({ client, sdk, signal: inner }) =>
            client.send(
              new sdk.GetLendingAnalysisCommand({
                JobId: jobId,
                ...(token ? { NextToken: token } : {}),
              }),
              { abortSignal: inner },
            ),
          { ...request, signal: s ?? signal },
        );
      const first = await poll(
        async (s) => {
          const page = await get(undefined, s);
          if (page.JobStatus === 'IN_PROGRESS') {
            wait.onProgress?.({ id: jobId, state: 'in-progress', awsStatus: page.JobStatus });
            return { done: false, status: page.JobStatus };
          }
          if (page.JobStatus === 'FAILED') {
            throw new ServiceError(
              `Textract Lending job ${jobId} failed: ${page.StatusMessage ?? 'no status message'}`,
              { ...SITE, code: 'JobFailed' },
            );
          }
          return { done: true, value: page };
        },
        pollOptionsOf({ ...wait, signal }, { intervalMs: 1_000, maxIntervalMs: 10_000 }),
      );
      const all: LendingResponse[] = [];
      for await (const page of pages(
        async (token, s) => {
          const next = token === undefined ? first : await get(token, s);
          return { page: next, nextToken: next.NextToken };
        },
        { signal },
      )) {
        all.push(page as LendingResponse);
      }
      const summary = await callAws(
        ctx,
        TEXTRACT,
        'GetLendingAnalysisSummary',
        ({ client, sdk, signal: s }) =>
          client.send(new sdk.GetLendingAnalysisSummaryCommand({ JobId: jobId }), {
            abortSignal: s,
          }),
        request,
      );
      return buildLending([...all, summary as LendingResponse], { mode: 'async', jobId });
    },
  );
}

/** The kind of a Textract Lending job's ref. */
export const LENDING_KIND = 'textract.lending';

const STATES: Record<string, JobState> = {
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'completed',
  PARTIAL_SUCCESS: 'partially-completed',
  FAILED: 'failed',
};

// Textract's JobId: 1–64 characters of letters, digits, - and _.
const JOB_ID = /^[a-zA-Z0-9-_]{1,64}$/;

/**
 * Starts a Lending job without waiting (`documents.startLending`): bytes staged and kept.
 * @internal
 */
export async function startLending(
  ctx: ModuleContext,
  input: BinaryInput,
  options: DocumentsJobOptions = {},
): Promise<{ jobId: string; stagedUri: string | undefined }> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('lending options must be an object');
  }
  return startOperation(ctx, input, options, {
    startOperation: 'StartLendingAnalysis',
    start: ({ client, sdk, signal }, start) =>
      client.send(new sdk.StartLendingAnalysisCommand(start), { abortSignal: signal }),
  });
}

/**
 * Rebuilds a Textract Lending job from its ref (`{ kind: 'textract.lending', id: JobId }`):
 * `status()` is one GetLendingAnalysis (one result asked for), `results()` reads every page and the
 * summary into the one {@link LendingModel} `documents.lending` returns. No stop operation.
 *
 * @throws ValidationError when the ref is not one, before any request
 * @internal
 */
export function lendingJob(
  base: ModuleContext,
  ref: JobRef,
  options: RequestOptions = {},
): BuiltJob<LendingModel> {
  if (typeof ref !== 'object' || ref === null || ref.kind !== LENDING_KIND) {
    throw new ValidationError(`Not the ref of a Textract Lending job (kind ${LENDING_KIND})`);
  }
  const jobId = ref.id;
  if (typeof jobId !== 'string' || !JOB_ID.test(jobId)) {
    throw new ValidationError(
      `A Textract Lending job's id is its JobId (1–64 letters, digits, - and _); got ${JSON.stringify(jobId)}`,
    );
  }
  if (ref.region !== undefined && typeof ref.region !== 'string') {
    throw new ValidationError('ref.region must be a string');
  }
  const ctx =
    typeof ref.region === 'string' && ref.region !== base.config.region
      ? createContext({ region: ref.region }, base)
      : base;
  const get = (
    input: { NextToken?: string; MaxResults?: number },
    signal: AbortSignal | undefined,
  ) =>
    callAws(
      ctx,
      TEXTRACT,
      'GetLendingAnalysis',
      ({ client, sdk, signal: inner }) =>
        client.send(new sdk.GetLendingAnalysisCommand({ JobId: jobId, ...input }), {
          abortSignal: inner,
        }),
      { ...options, ...(signal ? { signal } : {}) },
    );
  return createJob<LendingModel>({
    ref,
    operation: 'GetLendingAnalysis',
    intervalMs: 1_000,
    maxIntervalMs: 10_000,
    describe: async (opts): Promise<JobStatus> => {
      const page = await get({ MaxResults: 1 }, opts.signal);
      const aws = page.JobStatus ?? 'IN_PROGRESS';
      return {
        id: jobId,
        state: STATES[aws] ?? 'in-progress',
        awsStatus: aws,
        ...(page.StatusMessage ? { message: page.StatusMessage } : {}),
      };
    },
    failure: (status) =>
      new ServiceError(
        `Textract Lending job ${jobId} failed: ${status.message ?? 'no status message'}`,
        { ...SITE, code: 'JobFailed' },
      ),
    read: async function* (_status, wait) {
      const all: LendingResponse[] = [];
      for await (const page of pages(
        async (token, s) => {
          const next = await get(token ? { NextToken: token } : {}, s);
          return { page: next, nextToken: next.NextToken };
        },
        { signal: wait.signal },
      )) {
        all.push(page as LendingResponse);
      }
      const summary = await callAws(
        ctx,
        TEXTRACT,
        'GetLendingAnalysisSummary',
        ({ client, sdk, signal: s }) =>
          client.send(new sdk.GetLendingAnalysisSummaryCommand({ JobId: jobId }), {
            abortSignal: s,
          }),
        { ...options, ...(wait.signal ? { signal: wait.signal } : {}) },
      );
      yield buildLending([...all, summary as LendingResponse], { mode: 'async', jobId });
    },
  });
}
