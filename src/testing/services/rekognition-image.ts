import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';

/** An image as the emulator sees it: a fingerprint to derive answers from, and its size. */
export interface EmulatedImage {
  /** Same bytes (or the same S3 object) → same fingerprint → same canned answer. */
  readonly seed: number;
  readonly width: number;
  readonly height: number;
}

/** Rekognition's limits on one image (aws-limits.md §6). */
export interface ImageRules {
  readonly maxBytes: number;
  readonly minPx: number;
  readonly maxPx: number;
}

export const IMAGE_RULES: ImageRules = { maxBytes: 5_242_880, minPx: 80, maxPx: 10_000 };
export const PPE_RULES: ImageRules = { maxBytes: 4 * 1024 * 1024, minPx: 64, maxPx: 4096 };
/**
 * DetectCustomLabels reads inline images up to 4 MB, not 5 MiB: Rekognition's model, `Image.Bytes`
 * documentation ("the maximum image size you can pass to DetectCustomLabels is 4MB").
 */
export const CUSTOM_LABELS_RULES: ImageRules = { ...IMAGE_RULES, maxBytes: 4 * 1024 * 1024 };

/** Rekognition's limit on an image in S3 (aws-limits.md §6): 15 MB. */
export const S3_IMAGE_MAX_BYTES = 15 * 1024 * 1024;

/** Size the emulator assumes for S3 objects its own S3 does not hold. */
const S3_IMAGE = { width: 1280, height: 720 };

/** FNV-1a over the length and up to 4 KiB spread over the bytes: cheap and input-dependent. */
export function hashBytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5 ^ bytes.byteLength;
  const step = Math.max(1, Math.floor(bytes.byteLength / 4096));
  for (let i = 0; i < bytes.byteLength; i += step) {
    hash ^= bytes[i] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function readSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes.byteLength >= 24) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.byteLength && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      // A fill byte: any marker may be preceded by any number of them (ITU T.81 B.1.1.2).
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

function isImageFormat(bytes: Uint8Array): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** Reads an `Image` member and enforces what Rekognition enforces on it. */
export function readImage(image: unknown, rules: ImageRules = IMAGE_RULES): EmulatedImage {
  if (!isRecord(image)) throw new EmulatorError('InvalidParameterException', 'Image is required');
  const { Bytes, S3Object } = image;
  if (Bytes instanceof Uint8Array) {
    // An S3 object read by the emulator carries S3's own limit.
    const maxBytes = typeof image.maxBytes === 'number' ? image.maxBytes : rules.maxBytes;
    if (Bytes.byteLength === 0) {
      throw new EmulatorError('InvalidParameterException', 'Image.Bytes must not be empty');
    }
    if (Bytes.byteLength > maxBytes) {
      throw new EmulatorError(
        'ImageTooLargeException',
        `Image size is too large (limit ${maxBytes} bytes)`,
      );
    }
    if (!isImageFormat(Bytes)) {
      throw new EmulatorError('InvalidImageFormatException', 'Request has invalid image format');
    }
    const size = readSize(Bytes);
    if (!size)
      throw new EmulatorError('InvalidImageFormatException', 'Request has invalid image format');
    if (
      Math.min(size.width, size.height) < rules.minPx ||
      Math.max(size.width, size.height) > rules.maxPx
    ) {
      throw new EmulatorError(
        'InvalidParameterException',
        `Image dimensions must be between ${rules.minPx} and ${rules.maxPx} pixels`,
      );
    }
    return { seed: hashBytes(Bytes), ...size };
  }
  if (
    isRecord(S3Object) &&
    typeof S3Object.Bucket === 'string' &&
    typeof S3Object.Name === 'string'
  ) {
    const name = `s3://${S3Object.Bucket}/${S3Object.Name}`;
    return { seed: hashBytes(new TextEncoder().encode(name)), ...S3_IMAGE };
  }
  throw new EmulatorError('InvalidParameterException', 'Image needs Bytes or S3Object');
}

/** A deterministic number in [0, 1) from a seed and a salt. */
export function unit(seed: number, salt: number): number {
  let t = (seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A canned box inside the frame, derived from the seed. */
export function box(seed: number, salt: number) {
  const width = 0.1 + unit(seed, salt) * 0.3;
  const height = 0.1 + unit(seed, salt + 1) * 0.3;
  return {
    Width: width,
    Height: height,
    Left: unit(seed, salt + 2) * (1 - width),
    Top: unit(seed, salt + 3) * (1 - height),
  };
}

/** A confidence in [low, 100), two decimals. */
export function confidence(seed: number, salt: number, low = 80): number {
  return Math.round((low + unit(seed, salt) * (99.99 - low)) * 100) / 100;
}
