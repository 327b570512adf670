/**
 * The document operations as standalone functions, for Lambda bundles: `import { identity } from
 * 'aws-ai/documents'` puts only AnalyzeID's code and the Textract client in a bundle, where the
 * `Documents` class (whose methods a bundler cannot drop) also carries every operation, Lending,
 * the `start*` jobs and S3 staging (decision 0701).
 *
 * Each function takes a {@link DocumentsClient} first (or a `Documents` module, or `ai.documents`,
 * sharing their SDK clients), then the same input and options as the method of the same name, and
 * behaves exactly like it: same checks, the same choice between the sync API and a job, retries,
 * deadline, telemetry and errors. `text`, `analyze` and `expense` run a multi-page PDF/TIFF (or a
 * file over the sync limit) as a Textract job on S3, as the methods do, so their bundles also hold
 * the staging code and the S3 client; `identity` is sync only and holds the Textract client alone.
 *
 * @example
 * ```ts
 * import { analyze, createDocumentsClient } from 'aws-ai/documents';
 * const documents = createDocumentsClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { uri: string }) =>
 *   (await analyze(documents, event.uri, { tables: true })).tables[0]?.toCSV();
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig, RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { BinaryInput } from '../core/inputs';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { DocumentModel } from './document-model';
import type { Documents } from './documents-module';
import type { ExpenseModel } from './expense-model';
import type { IdentityModel } from './identity-model';
import { DOCUMENTS_JOB_KINDS } from './job-kinds';
import type { DocumentsAnalyzeParams, DocumentsExpenseParams, DocumentsTextParams } from './types';

declare const documentsClientBrand: unique symbol;

/**
 * What the document functions take first: the config and the SDK-client cache, without methods (so
 * a bundle keeps only the functions you import). Make one with {@link createDocumentsClient}
 * outside the handler; a `Documents` module or `ai.documents` works too.
 *
 * @example
 * ```ts
 * const documents: DocumentsClient = createDocumentsClient({ region: 'us-east-1' });
 * ```
 */
export interface DocumentsClient {
  readonly [documentsClientBrand]: true;
}

/**
 * What the per-operation functions take: a {@link createDocumentsClient} client or a `Documents`
 * module (`new Documents()`, `ai.documents`).
 *
 * @example
 * ```ts
 * const readAll = (client: AnyDocumentsClient, file: string) => text(client, file);
 * ```
 */
export type AnyDocumentsClient = DocumentsClient | Documents;

// One operation's code each, loaded on its first call: a bundle inlines only the files reached.
const loadDetectText = /* @__PURE__ */ loadOnce(() => import('./detect-text'));
const loadAnalyzeDocument = /* @__PURE__ */ loadOnce(() => import('./analyze-document'));
const loadAnalyzeExpense = /* @__PURE__ */ loadOnce(() => import('./analyze-expense'));
const loadAnalyzeId = /* @__PURE__ */ loadOnce(() => import('./analyze-id'));

/**
 * Makes a {@link DocumentsClient}: cheap, nothing is loaded or sent until the first call. Keep it
 * outside the handler so warm invocations reuse its SDK clients.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout, `staging` (for the
 *   jobs of multi-page documents)… as for `new Documents(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 * @example
 * ```ts
 * const documents = createDocumentsClient({ region: 'us-east-1', staging: { bucket: 'my-bucket' } });
 * ```
 */
export function createDocumentsClient(config?: AwsAIConfig): DocumentsClient {
  return functionClient(config) as unknown as DocumentsClient;
}

function contextOf(client: AnyDocumentsClient): ModuleContext {
  return contextOfClient(client, 'a DocumentsClient (createDocumentsClient) or a Documents module');
}

/**
 * Reads the text of a document: pages, lines and words in reading order (DetectDocumentText, or a
 * StartDocumentTextDetection job for a multi-page PDF/TIFF or a file over the sync limit, which
 * stages bytes in S3: that path, and so this function's bundle, reaches the S3 client). See
 * `Documents.text` for the limits and the result.
 *
 * @throws ValidationError for a first argument that is not a client, an empty file, a format other
 *   than JPEG/PNG/PDF/TIFF, a file over the limits, or bytes that need a job without `staging`
 *   configured (all before any call)
 * @throws ServiceError (code `JobFailed`) when the Textract job fails
 * @throws TimeoutError when `timeoutMs` or `poll.timeoutMs` passes first; AbortError when `signal` aborts
 * @example
 * ```ts
 * const doc = await text(documents, './scan.png');
 * console.log(doc.text);
 * ```
 */
export async function text(
  client: AnyDocumentsClient,
  input: BinaryInput,
  options?: DocumentsTextParams,
): Promise<DocumentModel> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'textract', operation: 'DetectDocumentText', method: 'documents.text' },
    async (scoped) => (await loadDetectText()).detectText(ctx, input, scoped),
  );
}

/**
 * Analyzes a document for tables, forms, queries, signatures and layout (AnalyzeDocument, or a
 * StartDocumentAnalysis job for multi-page or large files, staged in S3: that path, and so this
 * function's bundle, reaches the S3 client). At least one feature must be asked for. See
 * `Documents.analyze` for the features, adapters and limits.
 *
 * @throws ValidationError for a first argument that is not a client, when no feature is asked for,
 *   a query or adapter is malformed, or the document is refused as by {@link text} (all before any call)
 * @throws ServiceError (code `JobFailed`) when the Textract job fails
 * @throws TimeoutError when `timeoutMs` or `poll.timeoutMs` passes first; AbortError when `signal` aborts
 * @example
 * ```ts
 * const doc = await analyze(documents, 's3://bucket/claim.png', {
 *   tables: true,
 *   queries: [{ text: 'What is the patient name?', alias: 'name' }],
 * });
 * doc.query('name')?.answer;
 * ```
 */
export async function analyze(
  client: AnyDocumentsClient,
  input: BinaryInput,
  options: DocumentsAnalyzeParams,
): Promise<DocumentModel> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'textract', operation: 'AnalyzeDocument', method: 'documents.analyze' },
    async (scoped) => (await loadAnalyzeDocument()).analyzeDocument(ctx, input, scoped),
  );
}

/**
 * Reads invoices and receipts: summary fields and line items (AnalyzeExpense, or a
 * StartExpenseAnalysis job for multi-page or large files, staged in S3: that path, and so this
 * function's bundle, reaches the S3 client). See `Documents.expense`.
 *
 * @throws ValidationError for a first argument that is not a client, or a document refused as by
 *   {@link text} (before any call)
 * @throws ServiceError (code `JobFailed`) when the Textract job fails
 * @throws TimeoutError when `timeoutMs` or `poll.timeoutMs` passes first; AbortError when `signal` aborts
 * @example
 * ```ts
 * const { documents: [invoice] } = await expense(documents, './invoice.png');
 * console.log(invoice?.summary.total, invoice?.lineItems.length);
 * ```
 */
export async function expense(
  client: AnyDocumentsClient,
  input: BinaryInput,
  options?: DocumentsExpenseParams,
): Promise<ExpenseModel> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'textract', operation: 'AnalyzeExpense', method: 'documents.expense' },
    async (scoped) => (await loadAnalyzeExpense()).analyzeExpense(ctx, input, scoped),
  );
}

/**
 * Reads an identity document (US passport, driver's license) with AnalyzeID: one image, or the
 * front and back as `[front, back]`. Sync only, so its bundle holds the Textract client alone. See
 * `Documents.identity`.
 *
 * @throws ValidationError for a first argument that is not a client, more than 2 sides, a
 *   multi-page file, or a document refused as by {@link text} (before any call)
 * @throws TimeoutError when `timeoutMs` passes first; AbortError when `signal` aborts
 * @example
 * ```ts
 * const id = await identity(documents, [front, back]);
 * const { firstName, lastName, dateOfBirth } = id.documents[0]?.values ?? {};
 * ```
 */
export async function identity(
  client: AnyDocumentsClient,
  input: BinaryInput | readonly [BinaryInput, BinaryInput?],
  options?: RequestOptions,
): Promise<IdentityModel> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'textract', operation: 'AnalyzeID', method: 'documents.identity' },
    async (scoped) =>
      (await loadAnalyzeId()).analyzeId(ctx, input as BinaryInput | readonly BinaryInput[], scoped),
  );
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/documents');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Textract (text, analysis, expense, lending) jobs only.
 * A handler that imports `aws-ai/documents` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const textract = createDocumentsClient();
 * const job = resumeJob(textract, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyDocumentsClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), DOCUMENTS_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The job a completion event is about (EventBridge, SNS, or SQS carrying one of them), rebuilt
 * as {@link resumeJob} does; for an event of several jobs use `jobEvents(event)` and `resumeJob`.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const textract = createDocumentsClient();
 * export const handler = async (event: unknown) => {
 *   const [document] = await jobFromEvent(textract, event).result(); // Textract's SNS message
 *   console.log(document?.text);
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnyDocumentsClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), DOCUMENTS_JOB_KINDS, event, JOBS_OWNER);
}
