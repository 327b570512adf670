/**
 * Cheap structure checks of the files aws-ai sends as bytes (JPEG, PNG, PDF), so that a truncated or
 * cut-off upload is refused before the call with a message that says what is wrong, instead of a
 * service error after the bytes were sent (and billed).
 *
 * Only what can be checked without decoding: the markers a complete file ends with. Trailing bytes
 * after them are allowed (phones append metadata after a JPEG's EOI; PDF readers look for `%%EOF` in
 * the last 1,024 bytes).
 *
 * @internal
 * @packageDocumentation
 */

/** PDF readers (and Textract) look for the end-of-file marker in the last 1,024 bytes. */
const PDF_EOF_WINDOW = 1024;
/** Room for trailing bytes after a PNG's IEND chunk. */
const PNG_TAIL_WINDOW = 1024;

function lastIndexOfBytes(bytes: Uint8Array, pattern: readonly number[], from = 0): number {
  for (let at = bytes.length - pattern.length; at >= from; at--) {
    let match = true;
    for (let i = 0; i < pattern.length; i++) {
      if (bytes[at + i] !== pattern[i]) {
        match = false;
        break;
      }
    }
    if (match) return at;
  }
  return -1;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * What is structurally wrong with a JPEG, PNG or PDF, or `undefined` when nothing cheap to check is
 * (other formats are not checked).
 *
 * - JPEG: starts with SOI (`FF D8`) and has an EOI (`FF D9`) after its last start-of-scan (`FF DA`);
 *   neither marker can occur inside entropy-coded data, so a file cut inside its image data has none.
 * - PNG: an `IEND` chunk near the end.
 * - PDF: a `%PDF-` header and `%%EOF` in the last 1,024 bytes.
 *
 * @example
 * ```ts
 * const problem = structureProblem(bytes, 'pdf'); // 'has no %%EOF marker at its end: it looks truncated'
 * ```
 * @internal
 */
export function structureProblem(
  bytes: Uint8Array,
  format: string | undefined,
): string | undefined {
  switch (format) {
    case 'jpeg': {
      if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'does not start with a JPEG SOI marker';
      const eoi = lastIndexOfBytes(bytes, [0xff, 0xd9], 2);
      if (eoi < 0) return 'has no JPEG end-of-image (EOI) marker: it looks truncated';
      const sos = lastIndexOfBytes(bytes, [0xff, 0xda], 2);
      if (sos > eoi)
        return 'ends inside its image data (no EOI after the last scan): it looks truncated';
      return undefined;
    }
    case 'png': {
      const from = Math.max(8, bytes.length - PNG_TAIL_WINDOW);
      if (lastIndexOfBytes(bytes, ascii('IEND'), from) < 0) {
        return 'has no PNG IEND chunk at its end: it looks truncated';
      }
      return undefined;
    }
    case 'pdf': {
      if (lastIndexOfBytes(bytes.subarray(0, PDF_EOF_WINDOW), ascii('%PDF-')) < 0) {
        return 'has no %PDF- header';
      }
      const from = Math.max(0, bytes.length - PDF_EOF_WINDOW);
      if (lastIndexOfBytes(bytes, ascii('%%EOF'), from) < 0) {
        return 'has no %%EOF marker in its last 1,024 bytes: it looks truncated';
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
