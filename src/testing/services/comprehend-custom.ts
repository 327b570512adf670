import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import { requireText } from './comprehend-text';

/** ClassifyDocument's text limit (aws-limits.md §1: 10 KB for plain-text custom models). */
const MAX_CLASSIFY_BYTES = 10_000;
/** DetectEntities with a custom recognizer endpoint: 5 KB of text (aws-limits.md §1). */
const MAX_CUSTOM_ENTITIES_BYTES = 5_000;
/** `Bytes` of a PDF, Word or image document: 10 MB (aws-limits.md §1, "Inputs for real-time custom analysis"). */
const MAX_DOCUMENT_BYTES = 10_000_000;
/** Pages of one real-time document (aws-limits.md §1). */
const MAX_DOCUMENT_PAGES = 1;
/** Characters read from one page (aws-limits.md §1: ≤ 10,000). */
const MAX_PAGE_CHARACTERS = 10_000;

/**
 * The emulated classifier's classes and the words that vote for them. Every endpoint answers with
 * these; an endpoint whose name contains `labels` is a multi-label model (answers `Labels`).
 */
const CLASS_WORDS: Readonly<Record<string, readonly string[]>> = {
  BILLING: ['invoice', 'charge', 'charged', 'refund', 'bill', 'payment', 'price'],
  SHIPPING: ['ship', 'shipped', 'delivery', 'delivered', 'package', 'parcel', 'tracking'],
  TECHNICAL: ['error', 'crash', 'bug', 'login', 'password', 'app', 'broken'],
};

/** The endpoint of a request, with `not-ready` in its name answering as an endpoint being created. */
function requireEndpoint(input: EmulatorInput, kind: string): string {
  const arn = input.EndpointArn;
  if (typeof arn !== 'string' || !arn.includes(`:${kind}-endpoint/`)) {
    throw new EmulatorError(
      'InvalidRequestException',
      `EndpointArn must be a ${kind} endpoint ARN`,
    );
  }
  if (arn.includes('not-ready')) {
    throw new EmulatorError(
      'ResourceUnavailableException',
      `The endpoint ${arn} is not ready; its status is CREATING`,
    );
  }
  return arn;
}

/** `InvalidRequestException` with the model's `Reason` and `Detail.Reason`, as Comprehend sends it. */
function invalidDocument(detail: string, message: string): EmulatorError {
  return new EmulatorError('InvalidRequestException', message, undefined, {
    Reason: 'INVALID_DOCUMENT',
    Detail: { Reason: detail },
  });
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** The document type Comprehend reports for bytes, by their magic numbers. */
function documentTypeOf(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'NATIVE_PDF';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return 'IMAGE';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'IMAGE';
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) {
    return 'IMAGE';
  }
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'MS_WORD';
  return undefined;
}

/** The emulator's "text extraction": the printable runs of 3+ characters, one line each (as `strings`). */
function linesOf(bytes: Uint8Array): string[] {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // PDF text operators show their text in parentheses: `(Invoice charged twice) Tj`.
  const shown = [...latin1.matchAll(/\(([\x20-\x7e]{3,}?)\)\s*Tj/g)].map((m) => m[1] as string);
  if (shown.length > 0) return shown;
  return (latin1.match(/[\x20-\x7e]{3,}/g) ?? []).map((run) => run.trim()).filter(Boolean);
}

interface ReadDocument {
  type: string;
  lines: string[];
  metadata: Record<string, unknown>;
}

/** Checks `Bytes` and `DocumentReaderConfig` as Comprehend does, and reads the document's lines. */
function readDocument(input: EmulatorInput): ReadDocument {
  const bytes = input.Bytes;
  if (input.Text !== undefined) {
    throw new EmulatorError('InvalidRequestException', 'Specify either Text or Bytes, not both');
  }
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) {
    throw new EmulatorError('InvalidRequestException', 'Bytes must be a non-empty document');
  }
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw invalidDocument('DOCUMENT_SIZE_EXCEEDED', 'Document size is too large');
  }
  const type = documentTypeOf(bytes);
  if (type === undefined) {
    throw invalidDocument('UNSUPPORTED_DOC_TYPE', 'Document type is not supported');
  }
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const pages =
    type === 'NATIVE_PDF' ? (latin1.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length : 1;
  if (pages > MAX_DOCUMENT_PAGES) {
    throw invalidDocument('PAGE_LIMIT_EXCEEDED', 'Too many pages in the document');
  }
  const reader = input.DocumentReaderConfig as Record<string, unknown> | undefined;
  if (reader !== undefined) {
    const action = reader.DocumentReadAction;
    const features = reader.FeatureTypes;
    if (action !== 'TEXTRACT_DETECT_DOCUMENT_TEXT' && action !== 'TEXTRACT_ANALYZE_DOCUMENT') {
      throw new EmulatorError('InvalidRequestException', 'DocumentReadAction is required');
    }
    if ((action === 'TEXTRACT_ANALYZE_DOCUMENT') !== Array.isArray(features)) {
      throw new EmulatorError(
        'InvalidRequestException',
        'FeatureTypes is required with TEXTRACT_ANALYZE_DOCUMENT, and only with it',
      );
    }
  }
  const lines = linesOf(bytes);
  const characters = lines.reduce((sum, line) => sum + line.length, 0);
  if (characters > MAX_PAGE_CHARACTERS) {
    throw invalidDocument('DOCUMENT_SIZE_EXCEEDED', 'Too many characters on the page');
  }
  return {
    type,
    lines,
    metadata: { Pages: 1, ExtractedCharacters: [{ Page: 1, Count: characters }] },
  };
}

/**
 * ClassifyDocument on a custom endpoint: each class scores its share of the text's class words
 * (an even split, plus OTHER, when there are none), rounded to 4 places. A document in `Bytes`
 * (PDF, image, Word; checked as Comprehend does) is classified by the text the emulator reads from
 * it: the strings a PDF shows with `Tj`, else every printable run (a PNG's `tEXt` chunk, say).
 */
export const classifyDocument: Handler = (input) => {
  const arn = requireEndpoint(input, 'document-classifier');
  const document = input.Bytes === undefined ? undefined : readDocument(input);
  const text = document ? document.lines.join('\n') : requireText(input, MAX_CLASSIFY_BYTES);
  const words = (text.toLowerCase().match(/\p{L}+/gu) ?? []) as string[];
  const votes = Object.entries(CLASS_WORDS).map(
    ([name, list]) => [name, words.filter((w) => list.includes(w)).length] as const,
  );
  const total = votes.reduce((sum, [, n]) => sum + n, 0);
  const scored =
    total === 0
      ? [{ Name: 'OTHER', Score: 0.9 }, ...votes.map(([Name]) => ({ Name, Score: 0.0333 }))]
      : votes.map(([Name, n]) => ({ Name, Score: Math.round((n / total) * 10_000) / 10_000 }));
  scored.sort((a, b) => b.Score - a.Score || a.Name.localeCompare(b.Name));
  return {
    ...(arn.includes('labels')
      ? { Labels: scored.filter((s) => s.Score >= 0.5) }
      : { Classes: scored }),
    ...(document
      ? {
          DocumentMetadata: document.metadata,
          DocumentType: [{ Page: 1, Type: document.type }],
          Errors: [],
          Warnings: [],
        }
      : {}),
  };
};

/**
 * DetectEntities on a custom recognizer endpoint: product codes (`AB-1234`) as `PRODUCT_CODE` and
 * `#`-tags as `TAG`, with offsets in code points, as Comprehend counts them.
 */
export function customEntities(input: EmulatorInput): Record<string, unknown> {
  requireEndpoint(input, 'entity-recognizer');
  if (input.Bytes !== undefined) return documentEntities(readDocument(input));
  const text = requireText(input, MAX_CUSTOM_ENTITIES_BYTES);
  return { Entities: findEntities(text) };
}

/**
 * DetectEntities with `Bytes`: one LINE block per line the emulator read, entities found in each
 * line and referenced by block id with offsets into the line (code points), as Comprehend answers
 * for semi-structured documents.
 */
function documentEntities(document: ReadDocument): Record<string, unknown> {
  const Blocks = document.lines.map((Text, i) => ({
    Id: `line-${i + 1}`,
    BlockType: 'LINE',
    Text,
    Page: 1,
  }));
  const Entities = Blocks.flatMap((block) =>
    findEntities(block.Text).map(({ BeginOffset, EndOffset, ...entity }) => ({
      ...entity,
      BlockReferences: [{ BlockId: block.Id, BeginOffset, EndOffset }],
    })),
  );
  return {
    Entities,
    Blocks,
    DocumentMetadata: document.metadata,
    DocumentType: [{ Page: 1, Type: document.type }],
    Errors: [],
  };
}

function findEntities(text: string): Array<Record<string, unknown>> {
  const entities: Array<Record<string, unknown>> = [];
  for (const [pattern, type] of [
    [/\b[A-Z]{2,}-\d{2,}\b/gu, 'PRODUCT_CODE'],
    [/#\p{L}+/gu, 'TAG'],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const begin = [...text.slice(0, match.index)].length;
      entities.push({
        Type: type,
        Text: match[0],
        Score: 0.97,
        BeginOffset: begin,
        EndOffset: begin + [...match[0]].length,
      });
    }
  }
  entities.sort((a, b) => (a.BeginOffset as number) - (b.BeginOffset as number));
  return entities;
}

/** DetectEntities: a custom endpoint's recognizer when the request names one, else the built-in. */
export function withCustomEntities(builtIn: Handler): Handler {
  return (input, ctx) =>
    input.EndpointArn === undefined ? builtIn(input, ctx) : customEntities(input);
}
