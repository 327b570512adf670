import { EmulatorError } from '../emulator-error';
import type { HandlerContext } from '../types';
import type { S3Store } from './s3-store';

/** Textract's sync limit (model `ImageBlob` max). */
export const SYNC_MAX_BYTES = 10_485_760;

/** The format Textract would see: JPEG, PNG, PDF, TIFF, or undefined. */
export function formatOf(bytes: Uint8Array): 'jpeg' | 'png' | 'pdf' | 'tiff' | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  const tiff = head.subarray(0, 4).toString('latin1');
  if (tiff === 'II*\0' || tiff === 'MM\0*') return 'tiff';
  if (head.toString('latin1').includes('%PDF-')) return 'pdf';
  return undefined;
}

/** Pages of a PDF (uncompressed `/Type /Page` objects) or a TIFF (IFD chain); 1 for images. */
export function pageCount(bytes: Uint8Array): number {
  const format = formatOf(bytes);
  if (format === 'pdf') {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return Math.max(1, text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g)?.length ?? 0);
  }
  if (format === 'tiff' && bytes.byteLength >= 8) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const little = bytes[0] === 0x49;
    const seen = new Set<number>();
    let offset = view.getUint32(4, little);
    while (offset !== 0 && !seen.has(offset) && offset + 2 <= bytes.byteLength) {
      seen.add(offset);
      const next = offset + 2 + view.getUint16(offset, little) * 12;
      if (next + 4 > bytes.byteLength) break;
      offset = view.getUint32(next, little);
    }
    return Math.max(1, seen.size);
  }
  return 1;
}

/** Async operations: JPEG/PNG up to 10 MB, PDF/TIFF up to 500 MB (Textract quotas). */
const ASYNC_IMAGE_MAX_BYTES = 10_485_760;
const ASYNC_DOCUMENT_MAX_BYTES = 500 * 1024 * 1024;

/** A document the way Textract checks it: present, not empty, a format it reads, within its size. */
export function checkDocument(bytes: Uint8Array, sync: boolean): void {
  if (bytes.byteLength === 0)
    throw new EmulatorError('InvalidParameterException', 'Document is empty');
  if (sync && bytes.byteLength > SYNC_MAX_BYTES) {
    throw new EmulatorError('DocumentTooLargeException', 'Document exceeds the sync size limit');
  }
  const format = formatOf(bytes);
  const asyncMax =
    format === 'jpeg' || format === 'png' ? ASYNC_IMAGE_MAX_BYTES : ASYNC_DOCUMENT_MAX_BYTES;
  if (!sync && bytes.byteLength > asyncMax) {
    throw new EmulatorError(
      'DocumentTooLargeException',
      `Document exceeds the ${asyncMax}-byte limit of asynchronous operations for its format`,
    );
  }
  if (format === undefined) {
    throw new EmulatorError(
      'UnsupportedDocumentException',
      'Request has unsupported document format',
    );
  }
  if (sync && pageCount(bytes) > 1) {
    throw new EmulatorError(
      'UnsupportedDocumentException',
      'Request has unsupported document format',
    );
  }
}

/**
 * Reads an S3 object as Textract does: from the emulator's S3 store when it was given one, else
 * from the emulator's own S3 endpoint (the request's host), unsigned.
 */
export async function readS3(
  location: unknown,
  ctx: HandlerContext,
  store: S3Store | undefined,
): Promise<Uint8Array> {
  const object = (location ?? {}) as { Bucket?: unknown; Name?: unknown };
  const bucket = typeof object.Bucket === 'string' ? object.Bucket : '';
  const key = typeof object.Name === 'string' ? object.Name : '';
  const missing = () =>
    new EmulatorError('InvalidS3ObjectException', 'Unable to get object metadata from S3');
  if (!bucket || !key) throw missing();
  if (store) {
    const found = store.get(bucket, key);
    if (!found) throw missing();
    return found.body;
  }
  const path = key.split('/').map(encodeURIComponent).join('/');
  const response = await fetch(`http://${ctx.headers.host}/${encodeURIComponent(bucket)}/${path}`);
  if (!response.ok) throw missing();
  return new Uint8Array(await response.arrayBuffer());
}
