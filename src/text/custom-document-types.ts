import type { RequestOptions } from '../config';
import type { COMPREHEND_DOCUMENT_FEATURES } from './limits';
import type { TextClassScore } from './types';

/**
 * A document for a custom model: the bytes of a one-page PDF, PNG, JPEG or TIFF (a Buffer, a
 * Uint8Array, an ArrayBuffer or a Blob), or `{ path }` of such a file. A plain string is text.
 */
export type TextDocumentInput = Uint8Array | ArrayBuffer | Blob | { path: string };

/**
 * How Comprehend extracts the text of a PDF or image (`DocumentReaderConfig`): with Textract's
 * DetectDocumentText (`'detect-text'`) or AnalyzeDocument (`'analyze-document'`, with `features`).
 */
export interface TextDocumentReader {
  action: 'detect-text' | 'analyze-document';
  /** Use `action` for digital PDFs too (`FORCE_DOCUMENT_READ_ACTION`). @default false (service default) */
  forcePdf?: boolean | undefined;
  /** Textract features for `'analyze-document'`: 1–2 of `tables`, `forms` (required with it). */
  features?: ReadonlyArray<(typeof COMPREHEND_DOCUMENT_FEATURES)[number]> | undefined;
}

/** Options of {@link Text.classify} and {@link Text.entities} with a document. */
export interface TextDocumentOptions extends RequestOptions {
  /** The custom model's endpoint ARN (a document-classifier or an entity-recognizer endpoint). */
  endpoint: string;
  /** How the text is extracted. @default Comprehend's defaults */
  reader?: TextDocumentReader | undefined;
}

/** A page-level error or warning Comprehend reported while reading the document. */
export interface TextDocumentIssue {
  page: number | undefined;
  /** e.g. `TEXTRACT_BAD_PAGE`, `PAGE_CHARACTERS_EXCEEDED`. */
  code: string;
  message: string | undefined;
}

/** What Comprehend read from a document. */
export interface TextDocumentInfo {
  /** Type of the (first) page: `NATIVE_PDF`, `SCANNED_PDF`, `IMAGE`, … */
  type: string | undefined;
  pages: number | undefined;
  /** Characters extracted, per page in page order. */
  characters: number[];
  errors: TextDocumentIssue[];
  warnings: TextDocumentIssue[];
}

/** What {@link Text.classify} returns for a document. */
export interface TextClassifyDocumentResult {
  /** Multi-class models: the classes, highest score first. */
  classes: TextClassScore[];
  /** Multi-label models: the labels, highest score first. */
  labels: TextClassScore[];
  document: TextDocumentInfo;
}

/** Where a document entity is: a block (a LINE of the document) and the span in its text. */
export interface TextDocumentEntityPlace {
  blockId: string;
  /** UTF-16 offsets into the block's `text`, when the block is known. */
  start: number;
  end: number;
}

/** A text block (a line) of the document, as Comprehend read it. */
export interface TextDocumentBlock {
  id: string;
  type: string;
  text: string;
  page: number | undefined;
}

/** One entity a custom recognizer found in a document. */
export interface TextDocumentEntity {
  text: string;
  type: string;
  score: number;
  /** The blocks it spans. */
  at: TextDocumentEntityPlace[];
}

/** What {@link Text.entities} returns for a document. */
export interface TextDocumentEntitiesResult {
  entities: TextDocumentEntity[];
  blocks: TextDocumentBlock[];
  document: TextDocumentInfo;
}
