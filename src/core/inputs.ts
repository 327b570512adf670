/**
 * One binary input type for images, documents and audio: bytes, a Buffer, an ArrayBuffer, a Blob, a
 * local file path or an `s3://` URI, checked (emptiness, size, base64 mistakes) before any AWS call.
 *
 * @packageDocumentation
 */

import { ValidationError } from '../errors';
import { looksLikePath, quotePath, readLocalFile } from './inputs-node';

/** Binary media: bytes (a Buffer is a Uint8Array), an ArrayBuffer, a Blob, a file path or `s3://bucket/key`. */
export type BinaryInput = Uint8Array | ArrayBuffer | Blob | string;

/** Media formats recognised from magic bytes ({@link sniffFormat}) or extensions ({@link formatFromKey}). */
export type MediaFormat =
  | 'jpeg'
  | 'png'
  | 'pdf'
  | 'tiff'
  | 'wav'
  | 'mp3'
  | 'flac'
  | 'ogg'
  | 'webm'
  | 'mp4';

/** A {@link BinaryInput} made concrete: bytes in memory, or an S3 object the service reads itself. */
export type ResolvedBinary =
  | {
      kind: 'bytes';
      /** The caller's own bytes when they were a Uint8Array/Buffer (never copied). */
      bytes: Uint8Array;
      format: MediaFormat | undefined;
      /** Where the bytes came from, for messages: the file path, `bytes` or `blob`. */
      source: string;
    }
  | {
      kind: 's3';
      bucket: string;
      key: string;
      versionId?: string | undefined;
      /** Guessed from the key's extension. */
      format: MediaFormat | undefined;
    };

/** Options of {@link resolveBinary}. */
export interface ResolveBinaryOptions {
  /** Largest accepted size in bytes (not checked for S3 objects). @default no limit */
  maxBytes?: number | undefined;
  /** How messages name the input, e.g. `image` or `document`. @default 'input' */
  label?: string | undefined;
}

/** An S3 object location parsed by {@link parseS3Uri}. */
export interface S3Location {
  bucket: string;
  key: string;
  versionId?: string | undefined;
}

function matches(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = ascii('%PDF-');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const RIFF = ascii('RIFF');
const WAVE = ascii('WAVE');
const FLAC = ascii('fLaC');
const OGG = ascii('OggS');
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const FTYP = ascii('ftyp');
const ID3 = ascii('ID3');
/** PDF readers accept `%PDF-` anywhere in the first 1024 bytes. */
const PDF_SEARCH_BYTES = 1024;

/** An MPEG audio frame header: 11 sync bits, then no reserved version, layer, bitrate or rate. */
function isMpegFrame(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = bytes;
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03; // 0 is reserved, and is what AAC ADTS headers carry
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && sampleRate !== 0x03;
}

function findPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_SEARCH_BYTES) - PDF.length;
  for (let i = 0; i <= end; i++) if (bytes[i] === 0x25 && matches(bytes, PDF, i)) return true;
  return false;
}

/**
 * The media format of `bytes` from their magic bytes: JPEG `FF D8 FF`, PNG signature, PDF `%PDF-`
 * (within the first 1024 bytes), TIFF `II*\0` / `MM\0*`, WAV `RIFF….WAVE`, FLAC `fLaC`, OGG `OggS`,
 * WebM/Matroska EBML `1A 45 DF A3`, MP4 `ftyp` at offset 4, MP3 `ID3` or an MPEG frame sync.
 *
 * @returns the format, or `undefined` when none matches.
 * @example
 * ```ts
 * sniffFormat(await readFile('photo.jpg')); // 'jpeg'
 * ```
 */
export function sniffFormat(bytes: Uint8Array): MediaFormat | undefined {
  if (matches(bytes, JPEG)) return 'jpeg';
  if (matches(bytes, PNG)) return 'png';
  if (matches(bytes, TIFF_LE) || matches(bytes, TIFF_BE)) return 'tiff';
  if (matches(bytes, RIFF) && matches(bytes, WAVE, 8)) return 'wav';
  if (matches(bytes, FLAC)) return 'flac';
  if (matches(bytes, OGG)) return 'ogg';
  if (matches(bytes, EBML)) return 'webm';
  if (matches(bytes, FTYP, 4)) return 'mp4';
  if (matches(bytes, ID3) || isMpegFrame(bytes)) return 'mp3';
  if (findPdfHeader(bytes)) return 'pdf';
  return undefined;
}

const EXTENSIONS: Readonly<Record<string, MediaFormat>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  pdf: 'pdf',
  tif: 'tiff',
  tiff: 'tiff',
  wav: 'wav',
  mp3: 'mp3',
  flac: 'flac',
  ogg: 'ogg',
  oga: 'ogg',
  opus: 'ogg',
  webm: 'webm',
  mp4: 'mp4',
  m4a: 'mp4',
  m4v: 'mp4',
};

/**
 * The media format an S3 key or file name suggests by its extension (case-insensitive; `m4a` is an
 * MP4 container, `opus` an OGG one).
 *
 * @returns the format, or `undefined` for an unknown or missing extension.
 * @example
 * ```ts
 * formatFromKey('calls/2026/a.WAV'); // 'wav'
 * ```
 */
export function formatFromKey(key: string): MediaFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}

const S3_URI = /^s3:\/\/([^/?#]*)\/?(.*)$/is;
const VERSION_SUFFIX = /\?versionId=([^&#]+)$/;
const BUCKET_NAME = /^[A-Za-z0-9._-]{1,255}$/;

/**
 * Bucket and key of an S3 https URL: virtual-hosted (`bucket.s3.<region>.amazonaws.com/key`) or
 * path style (`s3.<region>.amazonaws.com/bucket/key`; with `anyHost`, the first path segment of any
 * other host is the bucket too). `undefined` for what is not such a URL.
 * @internal
 */
export function s3UrlLocation(uri: string, anyHost = false): S3Location | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(url.pathname.slice(1));
  const hosted = /^(.+)\.s3[.-]/.exec(url.hostname)?.[1];
  if (hosted) return { bucket: hosted, key: path };
  if (anyHost || /^s3[.-]/.test(url.hostname)) {
    const slash = path.indexOf('/');
    return slash > 0 ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : undefined;
  }
  return undefined;
}

/** An `s3://bucket/prefix` that names a folder: with its trailing `/`. @internal */
export function s3Folder(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * Splits an `s3://bucket/prefix` already checked by the caller into bucket and key prefix, as
 * written (no decoding; an empty prefix for the bucket itself). Unlike {@link parseS3Uri}, a folder
 * is fine: batch jobs read and write whole prefixes. @internal
 */
export function splitS3Prefix(uri: string): { bucket: string; key: string } {
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  return slash < 0
    ? { bucket: rest, key: '' }
    : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/**
 * Splits `s3://bucket/key` (optionally with `?versionId=…`) into its parts. The key is URL-decoded
 * (`%20` → space); a key with a literal `%` that is not an escape is kept as written.
 *
 * @throws {@link ValidationError} when the URI does not start with `s3://`, or the bucket or the key
 *   is missing, or the key names a folder (ends with `/`).
 * @example
 * ```ts
 * parseS3Uri('s3://media/calls/a%20b.wav'); // { bucket: 'media', key: 'calls/a b.wav' }
 * ```
 */
export function parseS3Uri(uri: string): S3Location {
  const match = S3_URI.exec(uri);
  if (!match) {
    throw new ValidationError(`${quotePath(uri)} is not an S3 URI; use s3://bucket/key`);
  }
  const bucket = match[1] ?? '';
  let rest = match[2] ?? '';
  if (!BUCKET_NAME.test(bucket)) {
    throw new ValidationError(`${quotePath(uri)} has no valid bucket name; use s3://bucket/key`);
  }
  let versionId: string | undefined;
  const version = VERSION_SUFFIX.exec(rest);
  if (version) {
    versionId = decode(version[1] ?? '');
    rest = rest.slice(0, version.index);
  }
  if (rest === '') {
    throw new ValidationError(
      `${quotePath(uri)} names a bucket but no object key; use s3://bucket/key`,
    );
  }
  if (rest.endsWith('/')) {
    throw new ValidationError(`${quotePath(uri)} names a folder; give the key of one object`);
  }
  const key = decode(rest);
  return versionId === undefined ? { bucket, key } : { bucket, key, versionId };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A literal '%' is valid in a key: keep the text as written.
    return text;
  }
}

const DATA_URL = /^data:/i;
const HTTP_URL = /^https?:\/\//i;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
/** How base64 of each sniffable format starts, to spot short base64 strings too. */
const BASE64_PREFIXES = [
  '/9j/',
  'iVBORw0KGgo',
  'JVBERi0',
  'SUkq',
  'TU0A',
  'UklGR',
  'SUQz',
  'ZkxhQw',
  'T2dnUw',
  'GkXfo',
];
/** Base64 of this length without padding or path-like structure is unlikely to be a file name. */
const BASE64_MIN_LENGTH = 64;

function looksLikeBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return false;
  if (BASE64_PREFIXES.some((prefix) => compact.startsWith(prefix))) return true;
  return compact.length >= BASE64_MIN_LENGTH && compact.length % 4 === 0;
}

/** Control characters mean binary data was passed as a string: never quote it. */
function isPrintablePath(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  return text.length <= 4096 && !/[\u0000-\u001f\u007f\ufffd]/.test(text);
}

function base64Error(label: string): ValidationError {
  return new ValidationError(
    `${label} is a base64 or data-URL string; pass bytes, not base64 (e.g. Buffer.from(text, 'base64'))`,
  );
}

function checkSize(size: number, label: string, maxBytes: number | undefined): void {
  if (size === 0) throw new ValidationError(`${label} is empty (0 bytes)`);
  if (maxBytes !== undefined && size > maxBytes) {
    throw new ValidationError(`${label} is ${size} bytes; the limit is ${maxBytes} bytes`);
  }
}

/**
 * Turns any {@link BinaryInput} into bytes or an S3 location, checking it before any AWS call.
 * A Uint8Array (Buffer) is returned as is, never copied; an ArrayBuffer or typed array is viewed, not
 * copied. A string is an `s3://` URI or a local file path (or `file://` URL). Messages never contain
 * the input's bytes.
 *
 * @param input - the media.
 * @param options - `maxBytes` (checked before a file or Blob is read) and a `label` for messages.
 * @returns `{ kind: 'bytes', bytes, format, source }` or `{ kind: 's3', bucket, key, versionId?, format }`.
 * @throws {@link ValidationError} for an empty input, a missing or unreadable file (the message names
 *   the path), a base64 or data-URL string ("pass bytes, not base64"), an http(s) URL, an input over
 *   `maxBytes` (the message gives the limit and the size), or a value of another type.
 * @example
 * ```ts
 * const image = await resolveBinary('./cat.jpg', { maxBytes: 5_242_880, label: 'image' });
 * if (image.kind === 'bytes') console.log(image.format, image.bytes.byteLength);
 * ```
 */
export async function resolveBinary(
  input: BinaryInput,
  options: ResolveBinaryOptions = {},
): Promise<ResolvedBinary> {
  const { maxBytes } = options;
  const label = options.label ?? 'input';
  if (typeof input === 'string') return resolveString(input, label, maxBytes);

  let bytes: Uint8Array;
  let source = 'bytes';
  if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (ArrayBuffer.isView(input)) {
    const view = input as ArrayBufferView;
    bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    checkSize(input.size, label, maxBytes);
    bytes = new Uint8Array(await input.arrayBuffer());
    source = 'blob';
  } else {
    const type = input === null ? 'null' : typeof input;
    throw new ValidationError(
      `${label} must be bytes (Uint8Array/Buffer), an ArrayBuffer, a Blob, a file path or an s3:// URI; got ${type}`,
    );
  }
  checkSize(bytes.byteLength, label, maxBytes);
  return { kind: 'bytes', bytes, format: sniffFormat(bytes), source };
}

async function resolveString(
  input: string,
  label: string,
  maxBytes: number | undefined,
): Promise<ResolvedBinary> {
  if (input.trim() === '')
    throw new ValidationError(
      `${label} is an empty string; pass bytes, a file path or an s3:// URI`,
    );
  if (/^s3:\/\//i.test(input)) {
    const location = parseS3Uri(input);
    return { kind: 's3', ...location, format: formatFromKey(location.key) };
  }
  if (DATA_URL.test(input)) throw base64Error(label);
  if (HTTP_URL.test(input)) {
    throw new ValidationError(
      `${label} is an http(s) URL; download it and pass the bytes, or pass an s3:// URI`,
    );
  }
  const read = isPrintablePath(input)
    ? await readLocalFile(input, label, maxBytes)
    : ({ missing: true, code: undefined } as const);
  if (read instanceof Uint8Array)
    return { kind: 'bytes', bytes: read, format: sniffFormat(read), source: input };
  if (looksLikeBase64(input)) throw base64Error(label);
  if (!isPrintablePath(input)) {
    throw new ValidationError(
      `${label} is a string that is neither a file path nor an s3:// URI; pass bytes as a Uint8Array or Buffer`,
    );
  }
  if (looksLikePath(input)) {
    throw new ValidationError(`${label} file not found: ${quotePath(input)}`, { code: read.code });
  }
  // Not quoted: a string that is not shaped like a path is usually the caller's text.
  throw new ValidationError(
    `${label} is a string of ${input.length} characters that is neither an existing file path nor an s3:// URI; pass text or media as bytes (a Uint8Array or Buffer)`,
    { code: read.code },
  );
}
