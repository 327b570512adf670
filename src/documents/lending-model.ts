import { toGeometry } from './block-index';
import { buildExpense, type ExpenseModel } from './expense-model';
import { buildIdentity, type IdentityModel } from './identity-model';
import type { RawExpenseDocument, RawGeometry, RawIdentityDocument, RawWarning } from './raw';
import type { DocumentGeometry, DocumentsRunInfo, DocumentWarning } from './types';

/** A value of a Textract Lending field (`LendingDetection`). */
export interface LendingValue {
  text: string;
  /** For checkboxes: whether it is ticked. */
  selected?: boolean | undefined;
  confidence: number;
  geometry?: DocumentGeometry | undefined;
}

/** One field of a Lending page, e.g. `PAYSTUB_PERIOD_START_DATE` and its value(s). */
export interface LendingField {
  /** Textract's field type. */
  type: string;
  /** The key text on the page, when Textract found one. */
  key?: string | undefined;
  /** The first value's text (empty when none). */
  value: string;
  values: LendingValue[];
}

/** One classified page of a Lending analysis. */
export interface LendingPage {
  /** 1-based page of the input file. */
  pageNumber: number;
  /** The best page type (`PAYSLIPS`, `BANK_STATEMENTS`, `W2`, `IDENTITY_DOCUMENT`, `UNCLASSIFIED`, …). */
  type: string;
  typeConfidence: number;
  /** The page's number within its own document, as printed (e.g. `'2'`), when Textract read one. */
  documentPageNumber?: string | undefined;
  fields: LendingField[];
  signatures: Array<{ confidence: number; geometry?: DocumentGeometry | undefined }>;
  /** Invoices and receipts among the page's extractions (AnalyzeExpense's model). */
  expense?: ExpenseModel | undefined;
  /** Identity documents among the page's extractions (AnalyzeID's model). */
  identity?: IdentityModel | undefined;
}

/** One document type of a Lending summary and where its documents are. */
export interface LendingDocumentGroup {
  type: string;
  /** Each document of that type: its index and 1-based pages. */
  documents: Array<{ index: number; pages: number[] }>;
  /** Pages with a signature, and pages where one was expected but not found. */
  signedPages: number[];
  unsignedPages: number[];
}

/** A GetLendingAnalysisSummary result. */
export interface LendingSummary {
  groups: LendingDocumentGroup[];
  /** Document types the package was expected to hold but does not. */
  missingTypes: string[];
}

/** What `parse` makes of Textract Lending output (GetLendingAnalysis pages and/or the summary). */
export interface LendingModel {
  kind: 'lending';
  /** Pages in page order. */
  pages: LendingPage[];
  pageCount: number;
  summary?: LendingSummary | undefined;
  warnings: DocumentWarning[];
  modelVersion: string | undefined;
  run: DocumentsRunInfo | undefined;
}

/** Textract Lending response members (GetLendingAnalysis, GetLendingAnalysisSummary). */
interface RawLendingDetection {
  Text?: string | undefined;
  SelectionStatus?: string | undefined;
  Geometry?: RawGeometry | undefined;
  Confidence?: number | undefined;
}
interface RawPrediction {
  Value?: string | undefined;
  Confidence?: number | undefined;
}
interface RawLendingResult {
  Page?: number | undefined;
  PageClassification?: { PageType?: RawPrediction[]; PageNumber?: RawPrediction[] } | undefined;
  Extractions?:
    | Array<{
        LendingDocument?:
          | {
              LendingFields?: Array<{
                Type?: string;
                KeyDetection?: RawLendingDetection;
                ValueDetections?: RawLendingDetection[];
              }>;
              SignatureDetections?: Array<{ Confidence?: number; Geometry?: RawGeometry }>;
            }
          | undefined;
        ExpenseDocument?: RawExpenseDocument | undefined;
        IdentityDocument?: RawIdentityDocument | undefined;
      }>
    | undefined;
}
interface RawLendingSummary {
  DocumentGroups?: Array<{
    Type?: string;
    SplitDocuments?: Array<{ Index?: number; Pages?: number[] }>;
    DetectedSignatures?: Array<{ Page?: number }>;
    UndetectedSignatures?: Array<{ Page?: number }>;
  }>;
  UndetectedDocumentTypes?: string[];
}

/** A Lending response as `parse` reads it. @internal */
export interface LendingResponse {
  Results?: RawLendingResult[] | undefined;
  Summary?: RawLendingSummary | undefined;
  DocumentMetadata?: { Pages?: number | undefined } | undefined;
  Warnings?: RawWarning[] | undefined;
  AnalyzeLendingModelVersion?: string | undefined;
}

/** Whether a response is Lending output: `Results` of classified pages, or a `Summary`. @internal */
export function isLendingResponse(value: unknown): value is LendingResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  return (
    Array.isArray(r.Results) ||
    (typeof r.Summary === 'object' && r.Summary !== null && !Array.isArray(r.Summary))
  );
}

function best(predictions: RawPrediction[] | undefined): RawPrediction | undefined {
  return [...(predictions ?? [])].sort((a, b) => (b.Confidence ?? 0) - (a.Confidence ?? 0))[0];
}

function toValue(d: RawLendingDetection): LendingValue {
  return {
    text: d.Text ?? '',
    ...(d.SelectionStatus ? { selected: d.SelectionStatus === 'SELECTED' } : {}),
    confidence: d.Confidence ?? 0,
    ...(d.Geometry ? { geometry: toGeometry(d.Geometry) } : {}),
  };
}

function toPage(result: RawLendingResult): LendingPage {
  const type = best(result.PageClassification?.PageType);
  const number = best(result.PageClassification?.PageNumber);
  const fields: LendingField[] = [];
  const signatures: LendingPage['signatures'] = [];
  const expenses: RawExpenseDocument[] = [];
  const identities: RawIdentityDocument[] = [];
  for (const extraction of result.Extractions ?? []) {
    for (const f of extraction.LendingDocument?.LendingFields ?? []) {
      const values = (f.ValueDetections ?? []).map(toValue);
      fields.push({
        type: f.Type ?? 'OTHER',
        ...(f.KeyDetection?.Text ? { key: f.KeyDetection.Text } : {}),
        value: values[0]?.text ?? '',
        values,
      });
    }
    for (const s of extraction.LendingDocument?.SignatureDetections ?? []) {
      signatures.push({
        confidence: s.Confidence ?? 0,
        ...(s.Geometry ? { geometry: toGeometry(s.Geometry) } : {}),
      });
    }
    if (extraction.ExpenseDocument) expenses.push(extraction.ExpenseDocument);
    if (extraction.IdentityDocument) identities.push(extraction.IdentityDocument);
  }
  return {
    pageNumber: result.Page ?? 0,
    type: type?.Value ?? 'UNCLASSIFIED',
    typeConfidence: type?.Confidence ?? 0,
    ...(number?.Value !== undefined ? { documentPageNumber: number.Value } : {}),
    fields,
    signatures,
    ...(expenses.length > 0
      ? { expense: buildExpense([{ ExpenseDocuments: expenses }], undefined) }
      : {}),
    ...(identities.length > 0
      ? { identity: buildIdentity([{ IdentityDocuments: identities }], undefined) }
      : {}),
  };
}

function toSummary(summary: RawLendingSummary): LendingSummary {
  const pages = (list: Array<{ Page?: number }> | undefined) =>
    (list ?? []).flatMap((s) => (s.Page === undefined ? [] : [s.Page]));
  return {
    groups: (summary.DocumentGroups ?? []).map((g) => ({
      type: g.Type ?? 'UNCLASSIFIED',
      documents: (g.SplitDocuments ?? []).map((d) => ({
        index: d.Index ?? 0,
        pages: d.Pages ?? [],
      })),
      signedPages: pages(g.DetectedSignatures),
      unsignedPages: pages(g.UndetectedSignatures),
    })),
    missingTypes: summary.UndetectedDocumentTypes ?? [],
  };
}

/**
 * The Lending model of GetLendingAnalysis pages (merged in order, pages sorted) and/or a
 * GetLendingAnalysisSummary response.
 * @internal
 */
export function buildLending(
  responses: readonly LendingResponse[],
  run: DocumentsRunInfo | undefined,
): LendingModel {
  const pages = responses
    .flatMap((r) => r.Results ?? [])
    .map(toPage)
    .sort((a, b) => a.pageNumber - b.pageNumber);
  const summary = responses.find((r) => r.Summary !== undefined)?.Summary;
  const byCode = new Map<string, Set<number>>();
  for (const response of responses) {
    for (const warning of response.Warnings ?? []) {
      const code = warning.ErrorCode ?? 'UnknownError';
      const set = byCode.get(code) ?? new Set<number>();
      for (const page of warning.Pages ?? []) set.add(page);
      byCode.set(code, set);
    }
  }
  return {
    kind: 'lending',
    pages,
    pageCount: Math.max(pages.length, ...responses.map((r) => r.DocumentMetadata?.Pages ?? 0)),
    ...(summary ? { summary: toSummary(summary) } : {}),
    warnings: [...byCode].map(([code, set]) => ({
      code,
      pages: [...set].sort((a, b) => a - b),
    })),
    modelVersion: responses.find((r) => r.AnalyzeLendingModelVersion)?.AnalyzeLendingModelVersion,
    run,
  };
}
