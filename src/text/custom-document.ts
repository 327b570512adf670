import type {
  ClassifyDocumentResponse,
  DetectEntitiesResponse,
  DocumentReaderConfig,
} from '@aws-sdk/client-comprehend';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { resolveBinary } from '../core/inputs';
import { countPages } from '../core/page-count';
import { ValidationError } from '../errors';
import { COMPREHEND } from './comprehend';
import { assertEndpoint, CLASSIFIER_ARN, checkOptions, RECOGNIZER_ARN } from './custom';
import type {
  TextClassifyDocumentResult,
  TextDocumentEntitiesResult,
  TextDocumentInfo,
  TextDocumentInput,
  TextDocumentIssue,
  TextDocumentOptions,
} from './custom-document-types';
import {
  COMPREHEND_DOCUMENT_FEATURES,
  COMPREHEND_DOCUMENT_FORMATS,
  COMPREHEND_DOCUMENT_MAX_BYTES,
  COMPREHEND_DOCUMENT_MAX_PAGES,
} from './limits';
import type { TextClassScore } from './types';

/** The `DocumentReaderConfig` of `options.reader`, checked against the model. */
function readerConfig(reader: unknown): { DocumentReaderConfig?: DocumentReaderConfig } {
  if (reader === undefined) return {};
  const { action, forcePdf, features } = (reader ?? {}) as {
    action?: unknown;
    forcePdf?: unknown;
    features?: unknown;
  };
  if (typeof reader !== 'object' || reader === null) {
    throw new ValidationError(
      "options.reader must be { action: 'detect-text' | 'analyze-document', forcePdf?, features? }",
    );
  }
  if (action !== 'detect-text' && action !== 'analyze-document') {
    throw new ValidationError(
      "options.reader.action must be 'detect-text' or 'analyze-document' (Textract's DetectDocumentText or AnalyzeDocument)",
    );
  }
  if (forcePdf !== undefined && typeof forcePdf !== 'boolean') {
    throw new ValidationError('options.reader.forcePdf must be true or false');
  }
  const analyze = action === 'analyze-document';
  const valid =
    Array.isArray(features) &&
    features.length >= 1 &&
    features.length <= COMPREHEND_DOCUMENT_FEATURES.length &&
    new Set(features).size === features.length &&
    features.every((f) => (COMPREHEND_DOCUMENT_FEATURES as readonly unknown[]).includes(f));
  if (analyze ? !valid : features !== undefined) {
    throw new ValidationError(
      "options.reader.features (1–2 of 'tables', 'forms') goes with action 'analyze-document', which needs it",
    );
  }
  return {
    DocumentReaderConfig: {
      DocumentReadAction: analyze ? 'TEXTRACT_ANALYZE_DOCUMENT' : 'TEXTRACT_DETECT_DOCUMENT_TEXT',
      ...(forcePdf ? { DocumentReadMode: 'FORCE_DOCUMENT_READ_ACTION' } : {}),
      ...(analyze
        ? {
            FeatureTypes: (features as string[]).map((f) =>
              f === 'tables' ? ('TABLES' as const) : ('FORMS' as const),
            ),
          }
        : {}),
    },
  };
}

/** Checks everything about a document request before any call, and reads the document. */
async function prepare(
  input: TextDocumentInput,
  options: TextDocumentOptions,
  method: string,
  arnPattern: RegExp,
  kind: string,
): Promise<{
  arn: string;
  bytes: Uint8Array;
  reader: { DocumentReaderConfig?: DocumentReaderConfig };
}> {
  checkOptions(options, method);
  const arn = assertEndpoint(options.endpoint, arnPattern, kind);
  const reader = readerConfig(options.reader);
  const source =
    input instanceof Uint8Array || input instanceof ArrayBuffer || input instanceof Blob
      ? input
      : input.path;
  if (typeof source === 'string' && /^s3:\/\//i.test(source)) {
    throw new ValidationError(
      `${method} sends the document in the request: pass its bytes or a local path, not an S3 URI`,
    );
  }
  const document = await resolveBinary(source, {
    maxBytes: COMPREHEND_DOCUMENT_MAX_BYTES,
    label: 'document',
  });
  if (document.kind !== 'bytes') {
    throw new ValidationError(`${method} takes the document's bytes or a local path`);
  }
  const { bytes, format } = document;
  if (!format || !(COMPREHEND_DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    throw new ValidationError(
      `the document must be a PDF, PNG, JPEG or TIFF file (recognised by its first bytes); got ${format ?? 'an unknown format'}. For text, pass a string`,
    );
  }
  const pages = countPages(bytes, format);
  if (pages !== undefined && pages > COMPREHEND_DOCUMENT_MAX_PAGES) {
    throw new ValidationError(
      `the document has ${pages} pages; real-time custom analysis reads ${COMPREHEND_DOCUMENT_MAX_PAGES} page: split it, or use an analysis job`,
    );
  }
  return { arn, bytes, reader };
}

function issues(
  list: ReadonlyArray<{
    Page?: number | undefined;
    Code?: string | undefined;
    Message?: string | undefined;
  }>,
): TextDocumentIssue[] {
  return list.map((i) => ({ page: i.Page, code: i.Code ?? 'UNKNOWN', message: i.Message }));
}

function infoOf(out: ClassifyDocumentResponse | DetectEntitiesResponse): TextDocumentInfo {
  const warnings = 'Warnings' in out ? (out.Warnings ?? []) : [];
  return {
    type: out.DocumentType?.[0]?.Type,
    pages: out.DocumentMetadata?.Pages,
    characters: (out.DocumentMetadata?.ExtractedCharacters ?? []).map((c) => c.Count ?? 0),
    errors: issues(
      (out.Errors ?? []).map((e) => ({ Page: e.Page, Code: e.ErrorCode, Message: e.ErrorMessage })),
    ),
    warnings: issues(
      warnings.map((w) => ({ Page: w.Page, Code: w.WarnCode, Message: w.WarnMessage })),
    ),
  };
}

function scores(
  list: ReadonlyArray<{ Name?: string | undefined; Score?: number | undefined }> | undefined,
): TextClassScore[] {
  return (list ?? [])
    .flatMap((c) => (c.Name === undefined ? [] : [{ name: c.Name, score: c.Score ?? 0 }]))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

/** UTF-16 index of code point `codePoints` of `text` (Comprehend counts code points). */
function utf16Offset(text: string, codePoints: number): number {
  let index = 0;
  for (let n = 0; n < codePoints && index < text.length; n++) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index;
}

/**
 * ClassifyDocument with the document in `Bytes` (one page of PDF, PNG, JPEG or TIFF, at most
 * 10 MB, checked first). @internal
 */
export async function classifyDocument(
  ctx: ModuleContext,
  input: TextDocumentInput,
  options: TextDocumentOptions,
): Promise<TextClassifyDocumentResult> {
  const { arn, bytes, reader } = await prepare(
    input,
    options,
    'classify',
    CLASSIFIER_ARN,
    'document-classifier',
  );
  const out = await callAws(
    ctx,
    COMPREHEND,
    'ClassifyDocument',
    ({ client, sdk, signal }) =>
      client.send(new sdk.ClassifyDocumentCommand({ EndpointArn: arn, Bytes: bytes, ...reader }), {
        abortSignal: signal,
      }),
    options,
  );
  return { classes: scores(out.Classes), labels: scores(out.Labels), document: infoOf(out) };
}

/**
 * DetectEntities on a custom recognizer endpoint with the document in `Bytes` (a model trained
 * with PDF annotations). @internal
 */
export async function documentEntities(
  ctx: ModuleContext,
  input: TextDocumentInput,
  options: TextDocumentOptions & { types?: readonly string[] | undefined },
): Promise<TextDocumentEntitiesResult> {
  const { types } = options;
  if (
    types !== undefined &&
    (!Array.isArray(types) || types.length === 0 || types.some((t) => typeof t !== 'string'))
  ) {
    throw new ValidationError('options.types must be a non-empty array of entity type names');
  }
  const { arn, bytes, reader } = await prepare(
    input,
    options,
    'entities',
    RECOGNIZER_ARN,
    'entity-recognizer',
  );
  const out = await callAws(
    ctx,
    COMPREHEND,
    'DetectEntities',
    ({ client, sdk, signal }) =>
      client.send(new sdk.DetectEntitiesCommand({ EndpointArn: arn, Bytes: bytes, ...reader }), {
        abortSignal: signal,
      }),
    options,
  );
  const blocks = (out.Blocks ?? []).map((b) => ({
    id: b.Id ?? '',
    type: b.BlockType ?? 'LINE',
    text: b.Text ?? '',
    page: b.Page,
  }));
  const textOf = new Map(blocks.map((b) => [b.id, b.text]));
  const entities = (out.Entities ?? [])
    .filter((e) => types === undefined || types.includes(e.Type ?? ''))
    .map((e) => ({
      text: e.Text ?? '',
      type: e.Type ?? 'OTHER',
      score: e.Score ?? 0,
      at: (e.BlockReferences ?? []).map((ref) => {
        const text = textOf.get(ref.BlockId ?? '') ?? '';
        return {
          blockId: ref.BlockId ?? '',
          start: utf16Offset(text, ref.BeginOffset ?? 0),
          end: utf16Offset(text, ref.EndOffset ?? 0),
        };
      }),
    }));
  return { entities, blocks, document: infoOf(out) };
}
