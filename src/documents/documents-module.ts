import type { RequestOptions } from '../config';
import type { BinaryInput } from '../core/inputs';
import type { Job } from '../core/job';
import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import type { DocumentModel } from './document-model';
import type { ExpenseModel } from './expense-model';
import type { IdentityModel } from './identity-model';
import type { LendingModel, LendingResponse } from './lending-model';
import { parseTextract, type TextractModel } from './parse';
import type { TextractResponse } from './raw';
import type {
  DocumentsAnalyzeParams,
  DocumentsExpenseParams,
  DocumentsJob,
  DocumentsJobOptions,
  DocumentsTextParams,
} from './types';

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));
type Impl = Awaited<ReturnType<typeof impl>>;

/**
 * Amazon Textract: text, tables, forms, queries, signatures, layout, invoices and IDs, as one
 * document model. Available as `ai.documents`, or alone from `aws-ai/documents`.
 *
 * Input is bytes, a Buffer, a file path or an `s3://` URI. A single-page image or PDF/TIFF within the
 * sync limit (10 MB) goes to the sync API; a multi-page PDF/TIFF or a larger file goes to a
 * `Start*` job on S3 (bytes are uploaded to `staging` first), polled to the end with every
 * `NextToken` page merged.
 *
 * @example
 * ```ts
 * import { Documents } from 'aws-ai/documents';
 * const documents = new Documents({ region: 'us-east-1', staging: { bucket: 'my-bucket' } });
 * const doc = await documents.analyze('./statement.pdf', { tables: true, forms: true });
 * console.log(doc.tables[0]?.toCSV(), doc.forms.toObject());
 * ```
 */
export class Documents extends ServiceModule {
  /**
   * Reads the text of a document: pages, lines and words in reading order (DetectDocumentText, or
   * StartDocumentTextDetection + GetDocumentTextDetection for a multi-page PDF/TIFF or a file over
   * the sync limit).
   *
   * Limits: JPEG/PNG up to 10 MB; PDF/TIFF up to 500 MB and 3,000 pages (a job); 10 MB inline for
   * the sync API (`syncMaxBytes` lowers it).
   *
   * @returns the {@link DocumentModel}; `doc.text` is the whole text, `doc.run` says sync or job
   * @throws ValidationError for an empty file, a format other than JPEG/PNG/PDF/TIFF, a file over
   *   the limits, or bytes that need a job without `staging` configured (all before any call)
   * @throws ServiceError (code `JobFailed`) when the Textract job fails
   * @throws TimeoutError when `poll.timeoutMs` passes before the job ends
   * @example
   * ```ts
   * const doc = await ai.documents.text('./scan.png');
   * console.log(doc.text);
   * ```
   */
  async text(input: BinaryInput, options?: DocumentsTextParams): Promise<DocumentModel> {
    return this.call(
      { service: 'textract', operation: 'DetectDocumentText', method: 'documents.text' },
      options,
      async (scoped) => (await impl()).detectText(this.ctx, input, scoped),
    );
  }

  /**
   * Analyzes a document for tables (merged cells, headers, titles, footers), forms (key → value,
   * checkboxes), queries, signatures and layout (AnalyzeDocument, or StartDocumentAnalysis +
   * GetDocumentAnalysis for multi-page or large files). At least one feature must be asked for.
   *
   * Limits: those of {@link Documents.text}; queries 1–200 characters, at most 15 per page sync and
   * 30 in a job. `adapters` (1–100 custom adapters trained in the Textract console, each with its
   * `id`, `version` and optional `pages`) answer the queries with your adapter (AdaptersConfig).
   *
   * @returns the {@link DocumentModel} with `tables`, `forms`, `queries`, `signatures`, `layout`
   *   and the `warnings` of a `PARTIAL_SUCCESS` job
   * @throws ValidationError when no feature is asked for, a query is empty or too long, an adapter
   *   is malformed or given without queries, or the document is refused as in {@link Documents.text} (all before any call)
   * @throws ServiceError (code `JobFailed`) when the Textract job fails
   * @example
   * ```ts
   * const doc = await ai.documents.analyze('s3://bucket/claim.pdf', {
   *   tables: true,
   *   forms: true,
   *   queries: [{ text: 'What is the patient name?', alias: 'name' }],
   * });
   * doc.query('name')?.answer;
   * doc.tables[0]?.toMarkdown();
   * const policy = await ai.documents.analyze('./policy.pdf', {
   *   queries: [{ text: 'What is the policy number?', alias: 'policy' }],
   *   adapters: [{ id: '2e9bf1c4a1b2', version: '3', pages: ['1'] }],
   * });
   * ```
   */
  async analyze(input: BinaryInput, options: DocumentsAnalyzeParams): Promise<DocumentModel> {
    return this.call(
      { service: 'textract', operation: 'AnalyzeDocument', method: 'documents.analyze' },
      options,
      async (scoped) => (await impl()).analyzeDocument(this.ctx, input, scoped),
    );
  }

  /**
   * Reads invoices and receipts: summary fields (vendor, total, dates, invoice ID, …) and line items
   * (AnalyzeExpense, or StartExpenseAnalysis + GetExpenseAnalysis for multi-page or large files).
   *
   * @returns an {@link ExpenseModel}: one `documents[]` entry per invoice/receipt, with `summary`
   *   values by camelCase type and `lineItems`
   * @throws ValidationError for a document refused as in {@link Documents.text} (before any call)
   * @throws ServiceError (code `JobFailed`) when the Textract job fails
   * @example
   * ```ts
   * const { documents } = await ai.documents.expense('./invoice.pdf');
   * console.log(documents[0]?.summary.total, documents[0]?.lineItems.length);
   * ```
   */
  async expense(input: BinaryInput, options?: DocumentsExpenseParams): Promise<ExpenseModel> {
    return this.call(
      { service: 'textract', operation: 'AnalyzeExpense', method: 'documents.expense' },
      options,
      async (scoped) => (await impl()).analyzeExpense(this.ctx, input, scoped),
    );
  }

  /**
   * Reads an identity document (US passport, driver's license) with AnalyzeID: one image, or the
   * front and back as `[front, back]`. Sync only: each side is a single page of at most 10 MB.
   *
   * @returns an {@link IdentityModel}; `documents[0].values` holds names, dates (`YYYY-MM-DD` when
   *   normalized) and the document number
   * @throws ValidationError for more than 2 sides, a multi-page file, or a document refused as in
   *   {@link Documents.text} (before any call)
   * @example
   * ```ts
   * const id = await ai.documents.identity([front, back]);
   * const { firstName, lastName, dateOfBirth } = id.documents[0]?.values ?? {};
   * ```
   */
  async identity(
    input: BinaryInput | readonly [BinaryInput, BinaryInput?],
    options?: RequestOptions,
  ): Promise<IdentityModel> {
    return this.call(
      { service: 'textract', operation: 'AnalyzeID', method: 'documents.identity' },
      options,
      async (scoped) =>
        (await impl()).analyzeId(this.ctx, input as BinaryInput | readonly BinaryInput[], scoped),
    );
  }

  /**
   * Analyzes a mortgage or loan package with Textract Lending (StartLendingAnalysis, always a job):
   * every page classified by document type (payslips, bank statements, W-2s, IDs, …), each page's
   * fields and signatures, invoices and IDs through the expense and identity models, and the
   * summary (document groups, signed pages, missing document types). Bytes are staged to S3
   * (`config.staging`), an `s3://` URI is read in place; GetLendingAnalysis is polled (`poll`) and
   * read page after page, then GetLendingAnalysisSummary.
   *
   * @returns the `kind: 'lending'` model (as {@link Documents.parse} makes of saved output)
   * @throws ValidationError for a document Textract cannot read, bytes without staging, or
   *   `mode: 'sync'`, before any call
   * @throws ServiceError (code `JobFailed`) when the job fails
   * @example
   * ```ts
   * const loan = await ai.documents.lending('s3://loans/application-123.pdf');
   * for (const page of loan.pages) console.log(page.pageNumber, page.type);
   * console.log(loan.summary?.missingTypes); // e.g. ['W2']
   * ```
   */
  async lending(input: BinaryInput, options?: DocumentsJobOptions): Promise<LendingModel> {
    return this.call(
      { service: 'textract', operation: 'StartLendingAnalysis', method: 'documents.lending' },
      options,
      async (scoped) => (await impl()).lending(this.ctx, input, scoped),
    );
  }

  /**
   * Starts a text detection job (StartDocumentTextDetection) without waiting, and returns it as the
   * one job type of aws-ai (docs/jobs.md): `ref` (`{ kind: 'textract', id, api }`, plain JSON for
   * `ai.jobs.resume(ref)` in another process), `status()`, `wait()`, `result()` (the one
   * {@link DocumentModel} {@link Documents.text} returns for a job). Always a job, any size of
   * document; bytes are staged and NOT deleted (`stagedUri`). Textract has no stop operation.
   * Not a scoped call (it returns a live job): `timeoutMs` bounds each request of the start.
   *
   * @throws ValidationError as {@link Documents.text}, and for `mode: 'sync'`, before any call
   * @example
   * ```ts
   * const job = await ai.documents.startText('s3://scans/contract.pdf', { jobTag: 'contracts' });
   * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
   * const [doc] = await job.result();
   * ```
   */
  async startText(
    input: BinaryInput,
    options?: DocumentsTextParams,
  ): Promise<DocumentsJob<DocumentModel>> {
    return this.#start(input, options ?? {}, 'StartDocumentTextDetection', async (i) =>
      i.textOperation(),
    );
  }

  /**
   * Starts a document analysis job (StartDocumentAnalysis) without waiting; the job's `result()`
   * gives the {@link DocumentModel} {@link Documents.analyze} returns. See {@link Documents.startText}.
   *
   * @throws ValidationError as {@link Documents.analyze}, before any call
   * @example
   * ```ts
   * const job = await ai.documents.startAnalysis(pdfBytes, { tables: true, forms: true });
   * const [doc] = await ai.jobs.resume<DocumentModel>(job.ref).result();
   * ```
   */
  async startAnalysis(
    input: BinaryInput,
    options: DocumentsAnalyzeParams,
  ): Promise<DocumentsJob<DocumentModel>> {
    return this.#start(input, options, 'StartDocumentAnalysis', async (i) =>
      i.analysisOperation(options),
    );
  }

  /**
   * Starts an expense analysis job (StartExpenseAnalysis) without waiting; the job's `result()`
   * gives the {@link ExpenseModel} {@link Documents.expense} returns. See {@link Documents.startText}.
   *
   * @throws ValidationError as {@link Documents.expense}, before any call
   * @example
   * ```ts
   * const job = await ai.documents.startExpense('s3://invoices/march.pdf');
   * ```
   */
  async startExpense(
    input: BinaryInput,
    options?: DocumentsExpenseParams,
  ): Promise<DocumentsJob<ExpenseModel>> {
    return this.#start(input, options ?? {}, 'StartExpenseAnalysis', async (i) =>
      i.expenseOperation(),
    );
  }

  /**
   * Starts a Textract Lending job (StartLendingAnalysis) without waiting: `ref` is `{ kind:
   * 'textract.lending', id }`, `result()` gives the {@link LendingModel} {@link Documents.lending}
   * returns. Bytes are staged and NOT deleted (`stagedUri`).
   *
   * @throws ValidationError as {@link Documents.lending}, before any call
   * @example
   * ```ts
   * const job = await ai.documents.startLending('s3://loans/application-123.pdf');
   * const [loan] = await job.result();
   * ```
   */
  async startLending(
    input: BinaryInput,
    options?: DocumentsJobOptions,
  ): Promise<DocumentsJob<LendingModel>> {
    // One call scope (as the run-to-end methods): `timeoutMs` and `signal` bound the upload and the
    // start together, and what they throw names textract StartLendingAnalysis (was: each request on
    // its own, an abort during the upload named s3 PutObject, a deadline no service at all).
    return this.call(
      { service: 'textract', operation: 'StartLendingAnalysis' },
      options,
      async (scoped) => {
        const i = await impl();
        const { jobId, stagedUri } = await i.startLending(this.ctx, input, scoped);
        const job = i.lendingJob(this.ctx, { kind: i.LENDING_KIND, id: jobId });
        return Object.assign(job, { stagedUri });
      },
    );
  }

  /** A `Start*` job of text, analysis or expense, as the Textract `Job<T>` (ref kind `textract`). */
  async #start<T>(
    input: BinaryInput,
    options: DocumentsJobOptions,
    operation: 'StartDocumentTextDetection' | 'StartDocumentAnalysis' | 'StartExpenseAnalysis',
    op: (i: Awaited<ReturnType<typeof impl>>) => Promise<Parameters<Impl['startOperation']>[3]>,
  ): Promise<DocumentsJob<T>> {
    // One call scope: see startLending.
    return this.call({ service: 'textract', operation }, options, async (scoped) => {
      const i = await impl();
      const { jobId, stagedUri } = await i.startOperation(this.ctx, input, scoped, await op(i));
      const job = i.textractJob(
        this.ctx,
        i.textractRef(jobId, operation),
      ) as Job<unknown> as Job<T>;
      return Object.assign(job, { stagedUri });
    });
  }

  /**
   * Builds the model from raw Textract JSON without calling AWS (see {@link parseTextract}): a
   * DetectDocumentText/AnalyzeDocument response, an AnalyzeExpense or AnalyzeID response, an
   * array of `Get*` pages of one job (merged in order), or Textract Lending output
   * (GetLendingAnalysis pages and/or GetLendingAnalysisSummary → `kind: 'lending'`: classified
   * pages with their fields, signatures and embedded expense/ID documents, and the summary).
   *
   * @throws ValidationError when the input is not a Textract response
   * @example
   * ```ts
   * const doc = ai.documents.parse(JSON.parse(saved));
   * if (doc.kind === 'document') console.log(doc.text);
   * if (doc.kind === 'lending') console.log(doc.pages.map((p) => p.type), doc.summary?.missingTypes);
   * ```
   */
  parse(
    input:
      | TextractResponse
      | LendingResponse
      | readonly TextractResponse[]
      | readonly LendingResponse[],
  ): TextractModel {
    return parseTextract(input);
  }
}
