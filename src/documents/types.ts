import type { RequestOptions } from '../config';
import type { DeprecatedPollBlock, Job, JobStatus } from '../core/job';
import type { JobNotificationChannel } from '../core/job-notification';

/** A box in page-relative coordinates (0–1 of the page's width and height), as Textract gives it. */
export interface BoundingBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A point in page-relative coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** Where an element sits on its page. */
export interface DocumentGeometry {
  boundingBox: BoundingBox | undefined;
  polygon: Point[];
}

/** One recognized word. */
export interface DocumentWord {
  id: string;
  text: string;
  /** 0–100, as Textract gives it. */
  confidence: number;
  /** `printed` or `handwriting`, when Textract says. */
  textType: 'printed' | 'handwriting' | undefined;
  pageNumber: number;
  geometry: DocumentGeometry;
}

/** One line of text and its words. */
export interface DocumentLine {
  id: string;
  text: string;
  confidence: number;
  pageNumber: number;
  geometry: DocumentGeometry;
  words: DocumentWord[];
}

/** A checkbox or radio button: a `SELECTION_ELEMENT` block. */
export interface DocumentSelection {
  id: string;
  selected: boolean;
  confidence: number;
  pageNumber: number;
  geometry: DocumentGeometry;
}

/** One cell of a table. A merged cell replaces the sub-cells it covers. */
export interface DocumentTableCell {
  id: string;
  /** 1-based row of the top-left corner. */
  rowIndex: number;
  /** 1-based column of the top-left corner. */
  columnIndex: number;
  rowSpan: number;
  columnSpan: number;
  /** Words and selection states (`SELECTED`/`NOT_SELECTED`) joined by spaces. */
  text: string;
  confidence: number;
  /** Textract entity types: `COLUMN_HEADER`, `TABLE_TITLE`, `TABLE_FOOTER`, `TABLE_SECTION_TITLE`, `TABLE_SUMMARY`. */
  entityTypes: string[];
  /** True for a column header cell. */
  isHeader: boolean;
  /** True for a `MERGED_CELL` spanning several sub-cells. */
  isMerged: boolean;
  /** State of the one checkbox inside the cell, if it holds exactly one. */
  selected: boolean | undefined;
  geometry: DocumentGeometry;
}

/** Table kind, when Textract classifies it. */
export type DocumentTableType = 'structured' | 'semiStructured';

/** A title, footer or other text attached to a table. */
export interface DocumentTableCaption {
  id: string;
  text: string;
  confidence: number;
  geometry: DocumentGeometry;
}

/** One form field: a key and its value; a checkbox value is `selected`. */
export interface DocumentFormField {
  /** The key's words joined by spaces, as printed (often with a trailing `:`). */
  key: string;
  /** The value's words and selection states joined by spaces; `''` for an empty value. */
  value: string;
  /** Confidence (0–100) that this key/value pair is one, from the KEY block. */
  confidence: number;
  /** Confidence of the VALUE block; `undefined` when the field has no value. */
  valueConfidence: number | undefined;
  /** True when the value is exactly one checkbox. */
  isCheckbox: boolean;
  /** The checkbox state for checkbox fields; `undefined` otherwise. */
  selected: boolean | undefined;
  pageNumber: number;
  keyGeometry: DocumentGeometry;
  valueGeometry: DocumentGeometry | undefined;
}

/** What {@link DocumentForms.toObject} makes of a field: text, a checkbox state, or all values of a repeated key. */
export type DocumentFormValue = string | boolean | Array<string | boolean>;

/** One answer to a query. */
export interface DocumentQueryAnswer {
  text: string;
  confidence: number;
  pageNumber: number;
  geometry: DocumentGeometry;
}

/** A query asked through `analyze(…, { queries })` and its answers (best first). */
export interface DocumentQuery {
  question: string;
  alias: string | undefined;
  pageNumber: number;
  /** Text of the best answer, `undefined` when Textract found none. */
  answer: string | undefined;
  /** Confidence of the best answer. */
  confidence: number | undefined;
  /** Every answer, highest confidence first. */
  answers: DocumentQueryAnswer[];
}

/** A detected signature. */
export interface DocumentSignature {
  id: string;
  confidence: number;
  pageNumber: number;
  geometry: DocumentGeometry;
}

/** Kinds of layout element, from the `LAYOUT_*` block types. */
export type DocumentLayoutType =
  | 'text'
  | 'title'
  | 'header'
  | 'footer'
  | 'sectionHeader'
  | 'pageNumber'
  | 'list'
  | 'figure'
  | 'table'
  | 'keyValue';

/** One layout element, in reading order; a list holds its items as `children`. */
export interface DocumentLayoutItem {
  id: string;
  type: DocumentLayoutType;
  /** Lines of the element joined by newlines (a list: its items joined by newlines). */
  text: string;
  confidence: number;
  pageNumber: number;
  geometry: DocumentGeometry;
  children: DocumentLayoutItem[];
}

/** A page that an async job could not process (`PARTIAL_SUCCESS`). */
export interface DocumentWarning {
  /** Textract's `ErrorCode`. */
  code: string;
  /** 1-based pages it applies to. */
  pages: number[];
}

/** Common options of the operations that may run as a Textract job. */
export interface DocumentsJobOptions extends RequestOptions {
  /**
   * `auto` picks the sync API for a single-page image or PDF/TIFF within the sync limit and a
   * `Start*` job otherwise; `sync` and `async` force one (a multi-page file cannot go `sync`).
   * @default 'auto'
   */
  mode?: 'auto' | 'sync' | 'async' | undefined;
  /**
   * Largest inline document for the sync APIs; larger ones go async.
   * @default 10485760 (10 MB)
   */
  syncMaxBytes?: number | undefined;
  /**
   * First wait between two checks of a job (`Get*` with the first page), growing 1.5× up to
   * `maxPollIntervalMs`; also the wait between tries while Textract runs too many jobs.
   * @default 1000 (5000 while waiting for a job slot)
   */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two checks. @default 10000 (30000 while waiting for a job slot) */
  maxPollIntervalMs?: number | undefined;
  /** Called after each check that found the job still running, with its {@link JobStatus}. */
  onProgress?: ((status: JobStatus) => void) | undefined;
  /**
   * How a job is polled.
   * @deprecated Use the top-level `pollIntervalMs`, `maxPollIntervalMs` and `onProgress` (the
   * options of every job's `wait`); `poll.timeoutMs` still bounds the polling alone (the call's
   * `timeoutMs` bounds the whole call). `poll.onPoll` still gets `attempt`, `status` (Textract's
   * word, `IN_PROGRESS`) and `elapsedMs`.
   */
  poll?: DeprecatedPollBlock | undefined;
  /** `JobTag` of a `Start*` job (1–64 chars of `[a-zA-Z0-9_.\-:]`), also in the SNS message. */
  jobTag?: string | undefined;
  /**
   * SNS topic Textract tells when the job ends, for systems other than this call (the call still
   * polls). Needs a job: `mode: 'auto'` then runs one; `mode: 'sync'` is refused.
   */
  notificationChannel?: JobNotificationChannel | undefined;
  /**
   * Where Textract also writes the job's results, as `s3://bucket/prefix` (Textract's `OutputConfig`;
   * objects `<prefix>/<JobId>/1`, `/2`, …). Without a prefix Textract uses `textract_output`. Needs a
   * job, like `notificationChannel`.
   */
  output?: string | undefined;
  /** KMS key (id, ARN or alias) that encrypts the results written to `output`. Needs `output`. */
  kmsKeyId?: string | undefined;
  /**
   * Idempotency token of the `Start*` call (1–64 chars of `[a-zA-Z0-9-_]`): the same token and request
   * start one job. Bytes are staged under a new key each call, so with bytes a repeated token is
   * `IdempotentParameterMismatchException`; pass an `s3://` URI for repeatable starts.
   */
  clientRequestToken?: string | undefined;
}

/** A query for {@link DocumentsAnalyzeParams.queries}: the question, or the question with an alias and pages. */
export type DocumentsQueryInput =
  | string
  | {
      text: string;
      alias?: string | undefined;
      /** Pages to ask on, e.g. `['1', '3-*']`. @default ['1'] */
      pages?: string[] | undefined;
    };

/** Features of {@link Documents.analyze}; at least one must be asked for. */
export interface DocumentsAnalyzeParams extends DocumentsJobOptions {
  tables?: boolean | undefined;
  forms?: boolean | undefined;
  /**
   * Questions to answer (≤15 per page sync, ≤30 async; 1–200 characters each, padding included,
   * printable ASCII and ASCII whitespace only, as Textract's `QueryInput`; aliases alike).
   */
  queries?: DocumentsQueryInput[] | undefined;
  signatures?: boolean | undefined;
  layout?: boolean | undefined;
  /**
   * Custom adapters (trained in the Textract console) that answer the `queries` on their pages
   * (1–100; `AdaptersConfig`). Needs `queries`.
   */
  adapters?: DocumentsAdapter[] | undefined;
}

/** A Textract custom adapter for {@link DocumentsAnalyzeParams.adapters}. */
export interface DocumentsAdapter {
  /** The adapter id (12–1,011 characters). */
  id: string;
  /** The adapter version to use (1–128 characters), e.g. `'1'`. */
  version: string;
  /** Pages it applies to, e.g. `['1', '3-*']` (1–9 characters of digits, `-` and `*`). @default every page */
  pages?: string[] | undefined;
}

/** Options of {@link Documents.text}. */
export type DocumentsTextParams = DocumentsJobOptions;

/** Options of {@link Documents.expense}. */
export type DocumentsExpenseParams = DocumentsJobOptions;

/** How a result was obtained. */
export interface DocumentsRunInfo {
  /** The sync API, or a `Start*` job. */
  mode: 'sync' | 'async';
  /** Id of the Textract job, for async runs. */
  jobId: string | undefined;
}

/**
 * A Textract job started by `documents.startText` / `startAnalysis` / `startExpense` /
 * `startLending`: the one {@link Job} type of aws-ai (`ref` for `ai.jobs.resume`, `status`, `wait`,
 * `result()` with the one model the run-to-end method returns). Textract has no stop operation.
 */
export interface DocumentsJob<T> extends Job<T> {
  /** `s3://` URI of the uploaded document when bytes were staged (not deleted: yours to delete). */
  readonly stagedUri: string | undefined;
}
