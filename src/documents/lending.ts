import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import type { BinaryInput } from '../core/inputs';
import { pages, poll } from '../core/polling';
import { withStaged } from '../core/staging';
import { contentTypeOf, planDocument } from './document-input';
import { jobStartOptions } from './job-options';
import { buildLending, type LendingModel, type LendingResponse } from './lending-model';
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
          if (page.JobStatus === 'IN_PROGRESS') return { done: false, status: page.JobStatus };
          if (page.JobStatus === 'FAILED') {
            throw new ServiceError(
              `Textract Lending job ${jobId} failed: ${page.StatusMessage ?? 'no status message'}`,
              { ...SITE, code: 'JobFailed' },
            );
          }
          return { done: true, value: page };
        },
        { ...options.poll, signal },
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
