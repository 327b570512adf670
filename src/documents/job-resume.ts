/**
 * Textract jobs as the one {@link Job} type: `ai.jobs.resume(ref)` and `ai.jobs.fromEvent(event)`
 * rebuild a text detection, document analysis or expense analysis job from
 * `{ kind: 'textract', id: JobId, api: 'StartDocumentAnalysis' }` (what Textract's SNS message
 * says) and read it into the same model `documents.text` / `analyze` / `expense` return.
 *
 * @packageDocumentation
 */

import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { createJob, type Job, type JobRef, type JobStatus } from '../core/job';
import { checkRefKind, jobStatusOf, refContext } from '../core/job-ref';
import { pages } from '../core/polling';
import { ValidationError } from '../errors';
import { buildDocumentFrom, type DocumentModel } from './document-model';
import { buildExpense, type ExpenseModel } from './expense-model';
import type { TextractResponse } from './raw';
import type { TextractAttempt } from './run-operation';
import { TEXTRACT } from './textract';
import { TEXTRACT_JOB_ID, TEXTRACT_JOB_STATES } from './textract-job';

/** The kind of a Textract job's ref. */
export const TEXTRACT_KIND = 'textract';

/** The `Start*` operations whose jobs can be resumed (the `API` of Textract's SNS message). */
export type TextractJobApi =
  | 'StartDocumentTextDetection'
  | 'StartDocumentAnalysis'
  | 'StartExpenseAnalysis';

interface GetInput {
  JobId: string;
  NextToken?: string;
  MaxResults?: number;
}

interface Reader {
  get: string;
  send(a: TextractAttempt, input: GetInput): Promise<object>;
  build(responses: TextractResponse[], jobId: string): DocumentModel | ExpenseModel;
}

const READERS: Record<TextractJobApi, Reader> = {
  StartDocumentTextDetection: {
    get: 'GetDocumentTextDetection',
    send: ({ client, sdk, signal }, input) =>
      client.send(new sdk.GetDocumentTextDetectionCommand(input), { abortSignal: signal }),
    build: (responses, jobId) => buildDocumentFrom(responses, { mode: 'async', jobId }),
  },
  StartDocumentAnalysis: {
    get: 'GetDocumentAnalysis',
    send: ({ client, sdk, signal }, input) =>
      client.send(new sdk.GetDocumentAnalysisCommand(input), { abortSignal: signal }),
    build: (responses, jobId) => buildDocumentFrom(responses, { mode: 'async', jobId }),
  },
  StartExpenseAnalysis: {
    get: 'GetExpenseAnalysis',
    send: ({ client, sdk, signal }, input) =>
      client.send(new sdk.GetExpenseAnalysisCommand(input), { abortSignal: signal }),
    build: (responses, jobId) => buildExpense(responses, { mode: 'async', jobId }),
  },
};

/**
 * The ref of a Textract job, as `ai.jobs.resume` takes it (`jobId` is `result.run.jobId` of an
 * async run, or the `JobId` of Textract's SNS message).
 *
 * @throws ValidationError when the id or the API is not one aws-ai reads
 * @example
 * ```ts
 * const ref = textractRef(doc.run.jobId, 'StartDocumentAnalysis');
 * const [again] = await ai.jobs.resume<DocumentModel>(ref).result();
 * ```
 * @internal
 */
export function textractRef(jobId: string, api: TextractJobApi, region?: string): JobRef {
  checkId(jobId);
  checkApi(api);
  return { kind: TEXTRACT_KIND, id: jobId, api, ...(region ? { region } : {}) };
}

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !TEXTRACT_JOB_ID.test(id)) {
    throw new ValidationError(
      `A Textract job's id is its JobId (1–64 letters, digits, - and _); got ${JSON.stringify(id)}`,
    );
  }
}

function checkApi(api: unknown): asserts api is TextractJobApi {
  if (typeof api !== 'string' || !Object.hasOwn(READERS, api)) {
    throw new ValidationError(
      `A Textract job's ref needs api: one of ${Object.keys(READERS).join(', ')} (the Start* operation that made it); got ${JSON.stringify(api)}`,
    );
  }
}

/**
 * Rebuilds a Textract job from its ref: `status()` is one `Get*` call (one block asked for),
 * `results()` waits, reads every `NextToken` page and yields the one {@link DocumentModel} (text,
 * analysis) or {@link ExpenseModel} (expense) it makes. Textract has no stop operation, so the job
 * has no `cancel`.
 *
 * @throws ValidationError when the ref's id or api is wrong, before any request
 * @example
 * ```ts
 * const job = ai.jobs.fromEvent<DocumentModel>(sqsEvent); // Textract's SNS message through SQS
 * const [doc] = await job.result();
 * ```
 * @internal
 */
export function textractJob(base: ModuleContext, ref: JobRef): Job<DocumentModel | ExpenseModel> {
  checkRefKind(ref, TEXTRACT_KIND, 'Textract');
  checkId(ref.id);
  checkApi(ref.api);
  const ctx = refContext(base, ref);
  const jobId = ref.id;
  const reader = READERS[ref.api];
  const get = (input: GetInput, options: RequestOptions) =>
    callAws(ctx, TEXTRACT, reader.get, (a) => reader.send(a, input), options) as Promise<
      TextractResponse & { JobStatus?: string; StatusMessage?: string; NextToken?: string }
    >;

  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const page = await get({ JobId: jobId, MaxResults: 1 }, options);
    return jobStatusOf(
      jobId,
      TEXTRACT_JOB_STATES,
      page.JobStatus ?? 'IN_PROGRESS',
      page.StatusMessage,
    );
  };

  async function* read(
    signal: AbortSignal | undefined,
  ): AsyncGenerator<DocumentModel | ExpenseModel> {
    const all: TextractResponse[] = [];
    for await (const page of pages(
      async (token, pageSignal) => {
        const next = await get(
          { JobId: jobId, ...(token ? { NextToken: token } : {}) },
          pageSignal ? { signal: pageSignal } : {},
        );
        return { page: next, nextToken: next.NextToken };
      },
      { signal },
    )) {
      all.push(page);
    }
    yield reader.build(all, jobId);
  }

  return createJob<DocumentModel | ExpenseModel>({
    ref,
    service: 'textract',
    operation: reader.get,
    describe,
    read: (_status, options) => read(options.signal),
  });
}
