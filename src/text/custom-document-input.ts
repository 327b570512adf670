import type { TextDocumentInput } from './custom-document-types';

/**
 * True for a document input of `classify` / `entities` (bytes, an ArrayBuffer, a Blob or
 * `{ path }`); a string or an array of strings is text. @internal
 */
export function isDocumentInput(input: unknown): input is TextDocumentInput {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return true;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return true;
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    typeof (input as { path?: unknown }).path === 'string'
  );
}
