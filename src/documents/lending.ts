import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { type BuiltJob, createJob, type JobRef, type JobStatus, pollOptionsOf } from '../core/job';
import { checkRefKind, jobStatusOf, refContext } from '../core/job-ref';
import { pages, poll } from '../core/polling';
import { withStaged } from '../core/staging';
import { ServiceError, ValidationError } from '../errors';
import { contentTypeOf, planDocument } from './document-input';
import { jobStartOptions, waitOptionsOf } from './job-options';
import { buildLending, type LendingModel, type LendingResponse } from './lending-model';
import { startOperation } from './run-operation';
import { TEXTRACT } from './textract';
import { TEXTRACT_JOB_ID, TEXTRACT_JOB_STATES } from './textract-job';
import type { DocumentsJobOptions } from './types';

const SITE = { service: 'textract', operation: 'StartLendingAnalysis' } as const;

/**
 * Every GetLendingAnalysis page (`page(token)` reads one) and then GetLendingAnalysisSummary
 * (with `summaryOptions`), merged into the Lending model.
 */
async function readLending(
  ctx: ModuleContext,
  jobId: string,
  page: (
    token: string | undefined,
    signal: AbortSignal | undefined,
  ) => Promise<{ NextToken?: string | undefined }>,
  summaryOptions: RequestOptions,
  signal: AbortSignal | undefined,
): Promise<LendingModel> {
  const all: LendingResponse[] = [];
  for await (const next of pages(
    async (token, s) => {
      const read = await page(token, s);
      return { page: read, nextToken: read.NextToken };
    },
    { signal },
  )) {
    all.push(next as LendingResponse);
  }
  const summary = await callAws(
    ctx,
    TEXTRACT,
    'GetLendingAnalysisSummary',
    ({ client, sdk, signal: s }) =>
      client.send(new sdk.GetLendingAnalysisSummaryCommand({ JobId: jobId }), {
        abortSignal: s,
      }),
    summaryOptions,
  );
  return buildLending([...all, summary as LendingResponse], { mode: 'async', jobId });
}

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
      return readLending(
        ctx,
        jobId,
        async (token, s) => (token === undefined ? first : await get(token, s)),
        request,
        signal,
      );
    },
  );
}

/** The kind of a Textract Lending job's ref. */
export const LENDING_KIND = 'textract.lending';

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
  checkRefKind(ref, LENDING_KIND, 'Textract Lending');
  const jobId = ref.id;
  if (typeof jobId !== 'string' || !TEXTRACT_JOB_ID.test(jobId)) {
    throw new ValidationError(
      `A Textract Lending job's id is its JobId (1–64 letters, digits, - and _); got ${JSON.stringify(jobId)}`,
    );
  }
  const ctx = refContext(base, ref);
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
    service: 'textract',
    operation: 'GetLendingAnalysis',
    intervalMs: 1_000,
    maxIntervalMs: 10_000,
    describe: async (opts): Promise<JobStatus> => {
      const page = await get({ MaxResults: 1 }, opts.signal);
      return jobStatusOf(
        jobId,
        TEXTRACT_JOB_STATES,
        page.JobStatus ?? 'IN_PROGRESS',
        page.StatusMessage,
      );
    },
    failure: (status) =>
      new ServiceError(
        `Textract Lending job ${jobId} failed: ${status.message ?? 'no status message'}`,
        { ...SITE, code: 'JobFailed' },
      ),
    read: async function* (_status, wait) {
      yield await readLending(
        ctx,
        jobId,
        (token, s) => get(token ? { NextToken: token } : {}, s),
        { ...options, ...(wait.signal ? { signal: wait.signal } : {}) },
        wait.signal,
      );
    },
  });
}
