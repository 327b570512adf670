import type { AdaptersConfig, FeatureType, QueriesConfig } from '@aws-sdk/client-textract';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { ValidationError } from '../errors';
import { buildDocumentFrom, type DocumentModel } from './document-model';
import {
  TEXTRACT_ADAPTER_ID_CHARS,
  TEXTRACT_ADAPTER_VERSION_MAX_CHARS,
  TEXTRACT_ASYNC_MAX_QUERIES,
  TEXTRACT_MAX_ADAPTERS,
  TEXTRACT_QUERY_MAX_CHARS,
  TEXTRACT_SYNC_MAX_QUERIES,
} from './limits';
import { runOperation, type TextractOperation } from './run-operation';
import type { DocumentsAdapter, DocumentsAnalyzeParams } from './types';

/** `AdapterPage` / `QueryPage` of Textract's model: 1–9 characters of digits, `-` and `*`. */
const ADAPTER_PAGE = /^[0-9*-]{1,9}$/;

/**
 * A short description of a bad option value for a message (never throws). Strings are named by
 * length, never quoted: a question passed where an array goes is the caller's text (ADR 0005).
 */
function describe(value: unknown): string {
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value;
}

/**
 * Textract's `QueryInput` pattern (textract.json, for `Query.Text` and `Query.Alias`):
 * `^[a-zA-Z0-9\s!"#$%'&()*+,\-./:;=?@[\\\]^_`{|}~><]+$`, i.e. printable ASCII and ASCII whitespace
 * (`\s` of the service's Java patterns). Typographic quotes and accented letters are refused by AWS.
 */
const QUERY_CHARACTER = /[\x20-\x7e\t\n\v\f\r]/;

/** Names the first character Textract refuses by its code point: the question is the user's text. */
function checkQueryCharacters(name: string, value: string): void {
  let position = 0;
  for (const char of value) {
    if (!QUERY_CHARACTER.test(char)) {
      const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new ValidationError(
        `${name} has U+${code} at position ${position}; Textract reads questions in ASCII (printable characters and spaces): replace it, e.g. typographic quotes with ' or "`,
      );
    }
    position += char.length;
  }
}

function featureTypes(params: DocumentsAnalyzeParams): FeatureType[] {
  for (const flag of ['tables', 'forms', 'signatures', 'layout'] as const) {
    const value: unknown = params[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ValidationError(`${flag} must be true or false, got ${describe(value)}`);
    }
  }
  if (params.queries !== undefined && !Array.isArray(params.queries)) {
    throw new ValidationError(
      `queries must be an array of questions (strings or { text, alias?, pages? }), got ${describe(params.queries)}`,
    );
  }
  const features: FeatureType[] = [];
  if (params.tables) features.push('TABLES');
  if (params.forms) features.push('FORMS');
  if (params.queries?.length) features.push('QUERIES');
  if (params.signatures) features.push('SIGNATURES');
  if (params.layout) features.push('LAYOUT');
  if (features.length === 0) {
    throw new ValidationError(
      'analyze needs at least one feature: tables, forms, queries, signatures or layout (use text() for plain text)',
    );
  }
  return features;
}

function queriesConfig(params: DocumentsAnalyzeParams): QueriesConfig | undefined {
  if (!params.queries?.length) return undefined;
  const queries = params.queries.map((query, i) => {
    const q = typeof query === 'string' ? { text: query } : query;
    if (typeof q !== 'object' || q === null) {
      throw new ValidationError(
        `queries[${i}] must be a question or { text, alias?, pages? }, got ${describe(q)}`,
      );
    }
    if (q.alias !== undefined && typeof q.alias !== 'string') {
      throw new ValidationError(`queries[${i}].alias must be a string, got ${describe(q.alias)}`);
    }
    if (
      q.pages !== undefined &&
      (!Array.isArray(q.pages) ||
        !q.pages.every((page) => typeof page === 'string' && ADAPTER_PAGE.test(page)))
    ) {
      throw new ValidationError(
        `queries[${i}].pages must be page ranges such as ['1', '3-*'], got ${describe(q.pages)}`,
      );
    }
    // The text is sent as given, padding included, so its whole length is what Textract measures.
    const blank = typeof q.text !== 'string' || q.text.trim() === '';
    const length = blank ? 0 : q.text.length;
    if (length === 0 || length > TEXTRACT_QUERY_MAX_CHARS) {
      throw new ValidationError(
        `queries[${i}] must be a question of 1–${TEXTRACT_QUERY_MAX_CHARS} characters; it has ${length}`,
      );
    }
    checkQueryCharacters(`queries[${i}]`, q.text);
    if (q.alias !== undefined && q.alias !== '') {
      if (q.alias.length > TEXTRACT_QUERY_MAX_CHARS) {
        throw new ValidationError(
          `queries[${i}].alias must be 1–${TEXTRACT_QUERY_MAX_CHARS} characters; it has ${q.alias.length}`,
        );
      }
      checkQueryCharacters(`queries[${i}].alias`, q.alias);
    }
    return {
      Text: q.text,
      ...(q.alias ? { Alias: q.alias } : {}),
      ...(q.pages?.length ? { Pages: q.pages } : {}),
    };
  });
  return { Queries: queries };
}

function adaptersConfig(params: DocumentsAnalyzeParams): AdaptersConfig | undefined {
  const { adapters } = params;
  if (adapters === undefined) return undefined;
  if (
    !Array.isArray(adapters) ||
    adapters.length === 0 ||
    adapters.length > TEXTRACT_MAX_ADAPTERS ||
    // Holes and non-objects: `map` below skips holes, and the request went out without them.
    Array.from(adapters as unknown[]).some((a) => typeof a !== 'object' || a === null)
  ) {
    throw new ValidationError(
      `adapters must list 1–${TEXTRACT_MAX_ADAPTERS} Textract adapters ({ id, version, pages? })`,
    );
  }
  if (!params.queries?.length) {
    throw new ValidationError(
      'adapters answer queries: pass queries too (Textract applies adapters to the QUERIES feature)',
    );
  }
  return {
    Adapters: adapters.map((adapter, i) => {
      const { id, version, pages } = (adapter ?? {}) as Partial<DocumentsAdapter>;
      const { min, max } = TEXTRACT_ADAPTER_ID_CHARS;
      if (typeof id !== 'string' || id.length < min || id.length > max) {
        throw new ValidationError(
          `adapters[${i}].id must be a Textract adapter id (${min}–${max} characters)`,
        );
      }
      if (
        typeof version !== 'string' ||
        version.length === 0 ||
        version.length > TEXTRACT_ADAPTER_VERSION_MAX_CHARS
      ) {
        throw new ValidationError(
          `adapters[${i}].version must be a version of 1–${TEXTRACT_ADAPTER_VERSION_MAX_CHARS} characters, e.g. '1'`,
        );
      }
      if (
        pages !== undefined &&
        (!Array.isArray(pages) ||
          pages.length === 0 ||
          pages.some((p) => typeof p !== 'string' || !ADAPTER_PAGE.test(p)))
      ) {
        throw new ValidationError(
          `adapters[${i}].pages must list pages such as '1', '2-4' or '3-*' (1–9 characters of digits, - and *)`,
        );
      }
      return { AdapterId: id, Version: version, ...(pages ? { Pages: [...pages] } : {}) };
    }),
  };
}

function checkQueryCount(count: number, mode: 'sync' | 'async'): void {
  const max = mode === 'sync' ? TEXTRACT_SYNC_MAX_QUERIES : TEXTRACT_ASYNC_MAX_QUERIES;
  if (count > max) {
    throw new ValidationError(
      `${count} queries; Textract takes up to ${max} per page (${TEXTRACT_SYNC_MAX_QUERIES} sync, ${TEXTRACT_ASYNC_MAX_QUERIES} in a job)`,
    );
  }
}

/** @internal */
export async function analyzeDocument(
  ctx: ModuleContext,
  input: BinaryInput,
  params: DocumentsAnalyzeParams,
): Promise<DocumentModel> {
  return runOperation(ctx, input, params, analysisOperation(params));
}

/** AnalyzeDocument / StartDocumentAnalysis with the features asked for (checked here). @internal */
export function analysisOperation(
  params: DocumentsAnalyzeParams,
): TextractOperation<DocumentModel> {
  const FeatureTypes = featureTypes(params);
  const QueriesConfig = queriesConfig(params);
  const AdaptersConfig = adaptersConfig(params);
  const features = {
    FeatureTypes,
    ...(QueriesConfig ? { QueriesConfig } : {}),
    ...(AdaptersConfig ? { AdaptersConfig } : {}),
  };
  return {
    checkMode: (mode) => checkQueryCount(QueriesConfig?.Queries?.length ?? 0, mode),
    syncOperation: 'AnalyzeDocument',
    sync: ({ client, sdk, signal }, sync) =>
      client.send(new sdk.AnalyzeDocumentCommand({ ...sync, ...features }), {
        abortSignal: signal,
      }),
    startOperation: 'StartDocumentAnalysis',
    start: ({ client, sdk, signal }, start) =>
      client.send(new sdk.StartDocumentAnalysisCommand({ ...start, ...features }), {
        abortSignal: signal,
      }),
    getOperation: 'GetDocumentAnalysis',
    get: ({ client, sdk, signal }, get) =>
      client.send(new sdk.GetDocumentAnalysisCommand(get), { abortSignal: signal }),
    build: buildDocumentFrom,
  };
}
