import type { DocumentBlock, ImageBlock } from '@aws-sdk/client-bedrock-runtime';
import { type BinaryInput, type ResolvedBinary, resolveBinary } from '../core/inputs';
import { ValidationError } from '../errors';
import {
  DOCUMENT_FORMATS,
  IMAGE_FORMATS,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
} from './limits';
import type { GenerativeDocumentFormat, GenerativeImageFormat } from './types';

function startsWith(bytes: Uint8Array, ascii: string, offset = 0): boolean {
  if (bytes.byteLength < offset + ascii.length) return false;
  for (let i = 0; i < ascii.length; i += 1) {
    if (bytes[offset + i] !== ascii.charCodeAt(i)) return false;
  }
  return true;
}

function extensionOf(name: string): string | undefined {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
}

function imageFormatOf(resolved: ResolvedBinary): GenerativeImageFormat | undefined {
  if (resolved.kind === 'bytes') {
    // The core sniffer knows JPEG and PNG; GIF and WebP are Converse-only formats.
    if (resolved.format === 'jpeg' || resolved.format === 'png') return resolved.format;
    if (startsWith(resolved.bytes, 'GIF8')) return 'gif';
    if (startsWith(resolved.bytes, 'RIFF') && startsWith(resolved.bytes, 'WEBP', 8)) return 'webp';
    return undefined;
  }
  const ext = extensionOf(resolved.key);
  if (ext === 'jpg') return 'jpeg';
  return IMAGE_FORMATS.find((f) => f === ext);
}

function documentFormatOf(
  resolved: ResolvedBinary,
  source: BinaryInput,
): GenerativeDocumentFormat | undefined {
  if (resolved.format === 'pdf') return 'pdf';
  const name = resolved.kind === 's3' ? resolved.key : typeof source === 'string' ? source : '';
  const ext = extensionOf(name);
  if (ext === 'htm') return 'html';
  if (ext === 'markdown') return 'md';
  return DOCUMENT_FORMATS.find((f) => f === ext);
}

function sourceOf(resolved: ResolvedBinary) {
  return resolved.kind === 'bytes'
    ? { bytes: resolved.bytes }
    : { s3Location: { uri: `s3://${resolved.bucket}/${resolved.key}` } };
}

/** Counts media across one request, so the per-request limits are checked before the call. */
export class MediaBudget {
  images = 0;
  documents = 0;

  /** An image block, checked for size, format and count. */
  async image(
    input: BinaryInput,
    format: GenerativeImageFormat | undefined,
    label: string,
  ): Promise<ImageBlock> {
    this.images += 1;
    if (this.images > MAX_IMAGES) {
      throw new ValidationError(
        `too many images: Converse takes at most ${MAX_IMAGES} per request`,
      );
    }
    const resolved = await resolveBinary(input, { maxBytes: MAX_IMAGE_BYTES, label });
    const actual = format ?? imageFormatOf(resolved);
    if (actual === undefined || !IMAGE_FORMATS.includes(actual)) {
      throw new ValidationError(
        `${label} is not a ${IMAGE_FORMATS.join(', ')} image; convert it or pass format`,
      );
    }
    return { format: actual, source: sourceOf(resolved) };
  }

  /** A document block, checked for size, format and count; the name is made acceptable. */
  async document(
    input: BinaryInput,
    format: GenerativeDocumentFormat | undefined,
    name: string | undefined,
    label: string,
  ): Promise<DocumentBlock> {
    this.documents += 1;
    if (this.documents > MAX_DOCUMENTS) {
      throw new ValidationError(
        `too many documents: Converse takes at most ${MAX_DOCUMENTS} per request`,
      );
    }
    const resolved = await resolveBinary(input, { maxBytes: MAX_DOCUMENT_BYTES, label });
    const actual = format ?? documentFormatOf(resolved, input);
    if (actual === undefined || !DOCUMENT_FORMATS.includes(actual)) {
      throw new ValidationError(
        `${label} has an unknown format; pass format (one of ${DOCUMENT_FORMATS.join(', ')})`,
      );
    }
    return {
      format: actual,
      name: documentName(name ?? `document-${this.documents}`),
      source: sourceOf(resolved),
    };
  }
}

/**
 * A document name Bedrock accepts: letters, digits, single spaces, hyphens, parentheses and
 * square brackets. Anything else becomes a hyphen.
 */
export function documentName(name: string): string {
  const clean = name
    .replace(/[^\p{L}\p{N}\s\-()[\]]/gu, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? 'document' : clean.slice(0, 200);
}
