import type { ModuleContext } from '../core/context';
import { type BinaryInput, type MediaFormat, resolveBinary, type S3Location } from '../core/inputs';
import { structureProblem } from '../core/media-structure';
import { countPages } from '../core/page-count';
import { ValidationError } from '../errors';
import {
  TEXTRACT_ASYNC_DOCUMENT_MAX_BYTES,
  TEXTRACT_ASYNC_IMAGE_MAX_BYTES,
  TEXTRACT_ASYNC_MAX_PAGES,
  TEXTRACT_FORMATS,
  TEXTRACT_SYNC_MAX_BYTES,
} from './limits';
import type { DocumentsJobOptions } from './types';

/** The `Document` member of a sync call: inline bytes or an S3 object. */
export type SyncDocument =
  | { Bytes: Uint8Array }
  | { S3Object: { Bucket: string; Name: string; Version?: string } };

/** Where a document goes: the sync API, or a job on S3 (bytes are staged first). @internal */
export type DocumentPlan =
  | { mode: 'sync'; document: SyncDocument }
  | { mode: 'async'; media: Uint8Array | S3Location; format: MediaFormat | undefined };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  tiff: 'image/tiff',
};

/** @internal */
export function contentTypeOf(format: MediaFormat | undefined): string | undefined {
  return format ? CONTENT_TYPES[format] : undefined;
}

function isTextractFormat(format: MediaFormat | undefined): boolean {
  return format !== undefined && (TEXTRACT_FORMATS as readonly string[]).includes(format);
}

function s3Document(location: S3Location): SyncDocument {
  return {
    S3Object: {
      Bucket: location.bucket,
      Name: location.key,
      ...(location.versionId ? { Version: location.versionId } : {}),
    },
  };
}

function syncMax(options: DocumentsJobOptions): number {
  const max: unknown = options.syncMaxBytes ?? TEXTRACT_SYNC_MAX_BYTES;
  if (typeof max !== 'number' || !(max > 0) || max > TEXTRACT_SYNC_MAX_BYTES) {
    throw new ValidationError(
      `syncMaxBytes must be between 1 and ${TEXTRACT_SYNC_MAX_BYTES}, got ${typeof max === 'number' ? max : typeof max}`,
    );
  }
  return max;
}

/**
 * Checks a document and picks the API, before any AWS call: formats Textract does not read, empty
 * files, truncated JPEG/PNG/PDF files (no EOI, IEND or `%%EOF`) and files over the limits are refused; a multi-page PDF/TIFF or a file over the sync limit
 * goes to a job. `syncOnly` operations (AnalyzeID) refuse what the sync API cannot take.
 * @internal
 */
export async function planDocument(
  ctx: ModuleContext,
  input: BinaryInput,
  options: DocumentsJobOptions,
  operation: { label: string; syncOnly?: boolean },
): Promise<DocumentPlan> {
  const mode = operation.syncOnly ? 'sync' : (options.mode ?? 'auto');
  const maxSync = syncMax(options);
  const resolved = await resolveBinary(input, {
    label: operation.label,
    maxBytes: mode === 'sync' ? maxSync : TEXTRACT_ASYNC_DOCUMENT_MAX_BYTES,
  });
  if (resolved.kind === 's3') {
    if (resolved.format !== undefined && !isTextractFormat(resolved.format)) {
      throw new ValidationError(
        `${operation.label} s3://${resolved.bucket}/${resolved.key} looks like ${resolved.format}; Textract reads JPEG, PNG, PDF and TIFF`,
      );
    }
    const image = resolved.format === 'jpeg' || resolved.format === 'png';
    // A PDF/TIFF in S3 may have many pages, and its size is unknown here: a job reads any of them.
    if (mode === 'sync' || (mode === 'auto' && image))
      return { mode: 'sync', document: s3Document(resolved) };
    return { mode: 'async', media: resolved, format: resolved.format };
  }
  const { bytes, format } = resolved;
  if (!isTextractFormat(format) || format === undefined) {
    throw new ValidationError(
      `${operation.label} is ${format === undefined ? 'not in a format Textract reads' : format}; Textract reads JPEG, PNG, PDF and TIFF`,
    );
  }
  const problem = structureProblem(bytes, format);
  if (problem) {
    throw new ValidationError(
      `${operation.label} (${bytes.byteLength} bytes of ${format.toUpperCase()}) ${problem}; send the complete file`,
      { code: 'MalformedDocument' },
    );
  }
  const image = format === 'jpeg' || format === 'png';
  if (image && bytes.byteLength > TEXTRACT_ASYNC_IMAGE_MAX_BYTES) {
    throw new ValidationError(
      `${operation.label} is a ${bytes.byteLength}-byte ${format} image; Textract reads images up to ${TEXTRACT_ASYNC_IMAGE_MAX_BYTES} bytes`,
    );
  }
  const pages = countPages(bytes, format);
  if (pages !== undefined && pages > TEXTRACT_ASYNC_MAX_PAGES) {
    throw new ValidationError(
      `${operation.label} has ${pages} pages; Textract reads up to ${TEXTRACT_ASYNC_MAX_PAGES} pages per document`,
    );
  }
  const multiPage = pages !== undefined && pages > 1;
  if (mode === 'sync') {
    if (multiPage) {
      throw new ValidationError(
        operation.syncOnly
          ? `${operation.label} has ${pages} pages; this API reads single-page documents only (pass each page as an image)`
          : `${operation.label} has ${pages} pages; the sync API reads one page: use mode 'auto' or 'async'`,
      );
    }
    return { mode: 'sync', document: { Bytes: bytes } };
  }
  const fitsSync = !multiPage && bytes.byteLength <= maxSync;
  // Without a page count (pages in compressed object streams) a job is the safe choice, if it can run.
  const async =
    mode === 'async' ||
    !fitsSync ||
    (pages === undefined && ctx.config.staging?.bucket !== undefined);
  return async
    ? { mode: 'async', media: bytes, format }
    : { mode: 'sync', document: { Bytes: bytes } };
}
