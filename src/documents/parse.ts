import { ValidationError } from '../errors';
import { buildDocument, type DocumentModel } from './document-model';
import { buildExpense, type ExpenseModel } from './expense-model';
import { buildIdentity, type IdentityModel } from './identity-model';
import {
  buildLending,
  isLendingResponse,
  type LendingModel,
  type LendingResponse,
} from './lending-model';
import type { RawBlock, TextractResponse } from './raw';
import type { DocumentsRunInfo } from './types';

/** What {@link parseTextract} makes of a response: the model matching its API. */
export type TextractModel = DocumentModel | ExpenseModel | IdentityModel | LendingModel;

function isResponse(value: unknown): value is TextractResponse {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The blocks of every response, in order (`flatMap` over a thousand blocks was a measurable cost). */
function allBlocks(responses: readonly TextractResponse[]): readonly RawBlock[] {
  if (responses.length === 1) return responses[0]?.Blocks ?? [];
  const blocks: RawBlock[] = [];
  for (const response of responses) {
    for (const block of response.Blocks ?? []) blocks.push(block);
  }
  return blocks;
}

/** @internal */
export function buildModel(
  responses: readonly TextractResponse[],
  run: DocumentsRunInfo | undefined,
): TextractModel {
  if (responses.some((r) => r.ExpenseDocuments !== undefined)) return buildExpense(responses, run);
  if (responses.some((r) => r.IdentityDocuments !== undefined))
    return buildIdentity(responses, run);
  return buildDocument(responses, allBlocks(responses), run);
}

/**
 * Builds the document model from raw Textract JSON, with no AWS call: a DetectDocumentText or
 * AnalyzeDocument response → {@link DocumentModel}; AnalyzeExpense → {@link ExpenseModel}; AnalyzeID
 * → {@link IdentityModel}; GetLendingAnalysis pages and/or GetLendingAnalysisSummary →
 * {@link LendingModel} (classified pages with their fields and signatures, the summary). An array is several `Get*` pages of one job, merged in order (their
 * `Warnings` too), so blocks that reference blocks of another page resolve.
 *
 * @throws ValidationError when the input is not a Textract response (or an empty array)
 * @example
 * ```ts
 * import { parseTextract } from 'aws-ai/documents';
 * const doc = parseTextract(JSON.parse(await readFile('analyze.json', 'utf8')));
 * if (doc.kind === 'document') console.log(doc.tables[0]?.toMarkdown());
 * ```
 */
export function parseTextract(
  input:
    | TextractResponse
    | LendingResponse
    | readonly TextractResponse[]
    | readonly LendingResponse[],
): TextractModel {
  const responses: readonly unknown[] = Array.isArray(input) ? input : [input];
  if (responses.length === 0) {
    throw new ValidationError('parse needs a Textract response or a non-empty array of Get* pages');
  }
  // A hole or a non-object is no response (`every` and `forEach` below skip holes).
  for (let i = 0; i < responses.length; i++) {
    if (!isResponse(responses[i])) {
      throw new ValidationError(
        `parse input${Array.isArray(input) ? ` [${i}]` : ''} is not a Textract response: expected an object`,
      );
    }
  }
  // Lending output (GetLendingAnalysis pages, GetLendingAnalysisSummary) has no Blocks of its own.
  if (responses.every(isLendingResponse)) {
    return buildLending(responses as readonly LendingResponse[], undefined);
  }
  responses.forEach((response, i) => {
    const known =
      isResponse(response) &&
      (Array.isArray(response.Blocks) ||
        Array.isArray(response.ExpenseDocuments) ||
        Array.isArray(response.IdentityDocuments));
    if (!known) {
      throw new ValidationError(
        `parse input${Array.isArray(input) ? ` [${i}]` : ''} is not a Textract response: expected an object with Blocks, ExpenseDocuments, IdentityDocuments, or Lending Results / Summary (not mixed with other responses)`,
      );
    }
    for (const key of ['Blocks', 'ExpenseDocuments', 'IdentityDocuments'] as const) {
      const items: unknown = response[key];
      if (Array.isArray(items) && !items.every((item) => isResponse(item))) {
        throw new ValidationError(
          `parse input${Array.isArray(input) ? ` [${i}]` : ''} is not a Textract response: every entry of ${key} must be an object`,
        );
      }
    }
  });
  checkOneKind(responses as readonly TextractResponse[], Array.isArray(input));
  return buildModel(responses as readonly TextractResponse[], undefined);
}

/** The operation a response comes from, as {@link buildModel} reads it. */
function kindOf(response: TextractResponse): string {
  if (response.ExpenseDocuments !== undefined) return 'AnalyzeExpense';
  if (response.IdentityDocuments !== undefined) return 'AnalyzeID';
  return 'AnalyzeDocument/DetectDocumentText';
}

/**
 * An array is the pages of one job: responses of another operation would be dropped (the model is
 * built from the first kind found), so they are refused.
 */
function checkOneKind(responses: readonly TextractResponse[], array: boolean): void {
  if (!array || responses.length < 2) return;
  const first = kindOf(responses[0] as TextractResponse);
  responses.forEach((response, i) => {
    const kind = kindOf(response);
    if (kind !== first) {
      throw new ValidationError(
        `parse input [${i}] is an ${kind} response; [0] is ${first}: pass the responses of one operation (one job's Get* pages) at a time`,
      );
    }
  });
}
