import { BlockIndex, toGeometry } from './block-index';
import { buildFields, DocumentForms } from './forms';
import {
  buildLayout,
  buildLine,
  buildQuery,
  buildSelection,
  buildSignature,
  buildWord,
  isLayout,
} from './page-parts';
import type { RawBlock, TextractResponse } from './raw';
import { buildTable, type DocumentTable } from './table';
import type {
  DocumentFormField,
  DocumentGeometry,
  DocumentLayoutItem,
  DocumentLine,
  DocumentQuery,
  DocumentSelection,
  DocumentSignature,
  DocumentsRunInfo,
  DocumentWarning,
  DocumentWord,
} from './types';

/** One page of a {@link DocumentModel}. */
export interface DocumentPage {
  /** 1-based. */
  pageNumber: number;
  /** The page's text in reading order (layout order when the layout was analyzed, else line order). */
  text: string;
  lines: DocumentLine[];
  words: DocumentWord[];
  tables: DocumentTable[];
  forms: DocumentForms;
  /** Every checkbox on the page, also those inside tables and forms. */
  selections: DocumentSelection[];
  queries: DocumentQuery[];
  signatures: DocumentSignature[];
  /** Layout elements in reading order (only with `layout: true`). */
  layout: DocumentLayoutItem[];
  geometry: DocumentGeometry;
}

/**
 * A document read by Textract (DetectDocumentText, AnalyzeDocument, or every page of a job merged):
 * pages with their lines, words, tables, form fields, checkboxes, query answers, signatures and layout.
 */
export class DocumentModel {
  readonly kind = 'document' as const;
  readonly pages: readonly DocumentPage[];
  /** The document's form fields, all pages. */
  readonly forms: DocumentForms;

  constructor(
    pages: DocumentPage[],
    /** Pages Textract reports (`DocumentMetadata.Pages`). */
    readonly pageCount: number,
    /** Pages a `PARTIAL_SUCCESS` job could not process. Empty when every page was read. */
    readonly warnings: readonly DocumentWarning[],
    readonly modelVersion: string | undefined,
    /** How it was obtained; `undefined` for {@link parseTextract} results. */
    readonly run: DocumentsRunInfo | undefined,
  ) {
    this.pages = pages;
    const fields: DocumentFormField[] = [];
    for (const page of pages) fields.push(...page.forms.fields);
    this.forms = new DocumentForms(fields);
  }

  /** The whole text in reading order, pages separated by a blank line. */
  get text(): string {
    return this.pages.map((p) => p.text).join('\n\n');
  }

  /** Every line of text, page after page, in reading order. */
  get lines(): DocumentLine[] {
    return this.pages.flatMap((p) => p.lines);
  }

  /** Every word, page after page. */
  get words(): DocumentWord[] {
    return this.pages.flatMap((p) => p.words);
  }

  /** Every table (with `analyze` and `features: ['TABLES']`), page after page. */
  get tables(): DocumentTable[] {
    return this.pages.flatMap((p) => p.tables);
  }

  /** Answers to the queries asked (`features: ['QUERIES']`), page after page. */
  get queries(): DocumentQuery[] {
    return this.pages.flatMap((p) => p.queries);
  }

  /** Signatures found (`features: ['SIGNATURES']`), page after page. */
  get signatures(): DocumentSignature[] {
    return this.pages.flatMap((p) => p.signatures);
  }

  /** Layout elements (titles, headers, paragraphs, lists…; `features: ['LAYOUT']`), page after page. */
  get layout(): DocumentLayoutItem[] {
    return this.pages.flatMap((p) => p.layout);
  }

  /**
   * The query asked with this alias (or, failing that, this question), on the first page that
   * answered it.
   * @example
   * ```ts
   * doc.query('name')?.answer; // 'Mary Major'
   * ```
   */
  query(aliasOrQuestion: string): DocumentQuery | undefined {
    const queries = this.queries;
    const matches =
      queries.filter((q) => q.alias === aliasOrQuestion).length > 0
        ? queries.filter((q) => q.alias === aliasOrQuestion)
        : queries.filter((q) => q.question === aliasOrQuestion);
    return matches.find((q) => q.answer !== undefined) ?? matches[0];
  }
}

function pageText(layout: DocumentLayoutItem[], lines: DocumentLine[]): string {
  return layout.length
    ? layout
        .map((item) => item.text)
        .filter((t) => t)
        .join('\n')
    : lines.map((l) => l.text).join('\n');
}

function buildPage(
  index: BlockIndex,
  page: RawBlock | undefined,
  pageNumber: number,
  ordinals: readonly number[],
): DocumentPage {
  // One pass sorts the page's blocks by type; each list keeps block order. Every block listed
  // here is on this page, so the builders are told the page number.
  const lineBlocks: RawBlock[] = [];
  const tableBlocks: RawBlock[] = [];
  const keyBlocks: RawBlock[] = [];
  const selectionBlocks: RawBlock[] = [];
  const queryBlocks: RawBlock[] = [];
  const signatureBlocks: RawBlock[] = [];
  const layoutBlocks: RawBlock[] = [];
  // Each word once, at its block's ordinal (from the page's first): lines take their words here.
  const first = ordinals[0] ?? 0;
  const built = new Array<DocumentWord | undefined>((ordinals.at(-1) ?? first) - first + 1);
  const words: DocumentWord[] = [];
  for (const ordinal of ordinals) {
    const block = index.blocks[ordinal] as RawBlock;
    switch (block.BlockType) {
      case 'LINE':
        lineBlocks.push(block);
        break;
      case 'WORD': {
        const word = buildWord(index, block, pageNumber);
        built[ordinal - first] = word;
        words.push(word);
        break;
      }
      case 'TABLE':
        tableBlocks.push(block);
        break;
      case 'KEY':
      case 'KEY_VALUE_SET':
        keyBlocks.push(block);
        break;
      case 'SELECTION_ELEMENT':
        selectionBlocks.push(block);
        break;
      case 'QUERY':
        queryBlocks.push(block);
        break;
      case 'SIGNATURE':
        signatureBlocks.push(block);
        break;
      // Read through their parents; listed only to skip the layout check.
      case 'PAGE':
      case 'CELL':
      case 'MERGED_CELL':
      case 'QUERY_RESULT':
      case 'VALUE':
      case 'TABLE_TITLE':
      case 'TABLE_FOOTER':
        break;
      default:
        if (isLayout(block)) layoutBlocks.push(block);
    }
  }
  const lines = lineBlocks.map((b) => buildLine(index, b, { words: built, first }, pageNumber));
  const layout = buildLayout(index, page, layoutBlocks);
  return {
    pageNumber,
    text: pageText(layout, lines),
    lines,
    words,
    tables: tableBlocks.map((b) => buildTable(index, b)),
    forms: new DocumentForms(buildFields(index, keyBlocks)),
    selections: selectionBlocks.map((b) => buildSelection(index, b)),
    queries: queryBlocks.map((b) => buildQuery(index, b)),
    signatures: signatureBlocks.map((b) => buildSignature(index, b)),
    layout,
    geometry: toGeometry(page?.Geometry),
  };
}

function mergeWarnings(responses: readonly TextractResponse[]): DocumentWarning[] {
  const byCode = new Map<string, Set<number>>();
  for (const response of responses) {
    for (const warning of response.Warnings ?? []) {
      const code = warning.ErrorCode ?? 'UnknownError';
      const pages = byCode.get(code) ?? new Set<number>();
      for (const page of warning.Pages ?? []) pages.add(page);
      byCode.set(code, pages);
    }
  }
  return [...byCode].map(([code, pages]) => ({ code, pages: [...pages].sort((a, b) => a - b) }));
}

/**
 * Builds the document model from blocks (of one response, or of several `Get*` pages in order).
 * @internal
 */
export function buildDocument(
  responses: readonly TextractResponse[],
  blocks: readonly RawBlock[],
  run: DocumentsRunInfo | undefined,
): DocumentModel {
  const index = new BlockIndex(blocks);
  const byPage = index.byPage;
  const pageBlocks = new Map(index.pages.map((p) => [index.pageOf(p), p]));
  const numbers = [...new Set([...pageBlocks.keys(), ...byPage.keys()])].sort((a, b) => a - b);
  const pages = numbers.map((n) => buildPage(index, pageBlocks.get(n), n, byPage.get(n) ?? []));
  const first = responses[0];
  const modelVersion =
    first?.AnalyzeDocumentModelVersion ??
    first?.DetectDocumentTextModelVersion ??
    first?.AnalyzeExpenseModelVersion ??
    first?.AnalyzeIDModelVersion;
  const reported = responses.reduce((max, r) => Math.max(max, r.DocumentMetadata?.Pages ?? 0), 0);
  return new DocumentModel(
    pages,
    Math.max(reported, pages.length),
    mergeWarnings(responses),
    modelVersion,
    run,
  );
}

/** Builds the document model from whole responses: one sync response or every `Get*` page. @internal */
export function buildDocumentFrom(
  responses: readonly TextractResponse[],
  run: DocumentsRunInfo | undefined,
): DocumentModel {
  return buildDocument(
    responses,
    responses.flatMap((r) => r.Blocks ?? []),
    run,
  );
}
