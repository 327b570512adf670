import type { MediaFormat } from './inputs';

/** `/Type /Page` but not `/Type /Pages`; PDF allows whitespace (or none) between the names. */
const PDF_PAGE = /\/Type\s*\/Page(?![A-Za-z0-9])/g;
/** Page objects compressed in object streams (PDF 1.5+) cannot be seen without inflating them. */
const PDF_OBJECT_STREAM = /\/Type\s*\/ObjStm/;

/**
 * Pages of a PDF, counted from its uncompressed page objects.
 * @returns the count, or `undefined` when the pages may hide in compressed object streams.
 * @internal
 */
export function countPdfPages(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const count = text.match(PDF_PAGE)?.length ?? 0;
  // With object streams, the visible page objects are a lower bound: one may be all there is, or
  // the first of many (an incremental update, a hybrid writer). Two or more is many either way.
  if (count === 0 || (count === 1 && PDF_OBJECT_STREAM.test(text))) return undefined;
  return count;
}

/**
 * Pages (IFDs) of a TIFF, following the IFD chain from the header.
 * @returns the count, or `undefined` for a chain that leaves the file or loops.
 * @internal
 */
export function countTiffPages(bytes: Uint8Array): number | undefined {
  if (bytes.byteLength < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = view.getUint32(4, little);
  while (offset !== 0) {
    if (seen.has(offset) || offset + 2 > bytes.byteLength) return undefined;
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.byteLength) return undefined;
    offset = view.getUint32(next, little);
  }
  return seen.size;
}

/**
 * Pages of a document in memory: 1 for images, counted for PDF and TIFF.
 * @returns the count, or `undefined` when it cannot be read from the bytes.
 * @internal
 */
export function countPages(bytes: Uint8Array, format: MediaFormat): number | undefined {
  if (format === 'pdf') return countPdfPages(bytes);
  if (format === 'tiff') return countTiffPages(bytes);
  return 1;
}
