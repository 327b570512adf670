import type { ModuleContext } from '../core/context';
import type { MediaFormat, S3Location } from '../core/inputs';
import { pollOptionsOf } from '../core/job';
import { whenJobSlotFree } from '../core/job-slot';
import { pages, poll } from '../core/polling';
import { withStaged } from '../core/staging';
import { ServiceError } from '../errors';
import { contentTypeOf } from './document-input';
import { slotOptionsOf, waitOptionsOf } from './job-options';
import type { DocumentsJobOptions } from './types';

/** What every `Get*` page has. */
export interface JobPage {
  JobStatus?: string | undefined;
  StatusMessage?: string | undefined;
  NextToken?: string | undefined;
}

/** How one kind of job is started and read. @internal */
export interface JobSpec<P extends JobPage> {
  /** `StartDocumentAnalysis`, for messages. */
  startOperation: string;
  start(location: S3Location, signal: AbortSignal | undefined): Promise<string | undefined>;
  get(jobId: string, nextToken: string | undefined, signal: AbortSignal | undefined): Promise<P>;
}

/**
 * Runs a Textract job to the end: stages bytes in S3 (or uses the caller's object), starts the job
 * (waiting for a free slot while Textract answers `LimitExceededException`, too many jobs),
 * polls the first `Get*` page until the job leaves IN_PROGRESS, then follows every `NextToken`. The
 * staged object is deleted once the job is over, also when it failed.
 *
 * @returns the job id and every page in order (SUCCEEDED or PARTIAL_SUCCESS)
 * @throws ServiceError (code `JobFailed`) when the job FAILED, with Textract's status message
 * @internal
 */
export async function runJob<P extends JobPage>(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  format: MediaFormat | undefined,
  spec: JobSpec<P>,
  options: DocumentsJobOptions,
): Promise<{ jobId: string; pages: P[] }> {
  return withStaged(
    ctx,
    media,
    {
      ...options,
      purpose: `Textract ${spec.startOperation}`,
      extension: format === 'jpeg' ? 'jpg' : format,
      contentType: contentTypeOf(format),
    },
    async (staged) => {
      const wait = { ...waitOptionsOf(options), signal: options.signal };
      // "Too many concurrent jobs" clears as running jobs end: wait for a slot at the poll interval.
      const jobId = await whenJobSlotFree(
        () => spec.start(staged, options.signal),
        slotOptionsOf(wait),
      );
      if (!jobId) {
        throw new ServiceError(`textract ${spec.startOperation} returned no JobId`, {
          service: 'textract',
          operation: spec.startOperation,
        });
      }
      const first = await poll(
        async (signal) => {
          const page = await spec.get(jobId, undefined, signal);
          if (page.JobStatus === 'IN_PROGRESS') {
            wait.onProgress?.({ id: jobId, state: 'in-progress', awsStatus: page.JobStatus });
            return { done: false, status: page.JobStatus };
          }
          if (page.JobStatus === 'FAILED') {
            throw new ServiceError(
              `Textract job ${jobId} failed: ${page.StatusMessage ?? 'no status message'}`,
              { service: 'textract', operation: spec.startOperation, code: 'JobFailed' },
            );
          }
          return { done: true, value: page };
        },
        pollOptionsOf(wait, { intervalMs: 1_000, maxIntervalMs: 10_000 }),
      );
      const all: P[] = [];
      for await (const page of pages<P>(
        async (token, signal) => {
          const next = token === undefined ? first : await spec.get(jobId, token, signal);
          return { page: next, nextToken: next.NextToken };
        },
        { signal: options.signal },
      )) {
        all.push(page);
      }
      return { jobId, pages: all };
    },
  );
}
