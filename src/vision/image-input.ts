import type { Image } from '@aws-sdk/client-rekognition';
import type { RequestOptions } from '../config';
import type { ModuleContext } from '../core/context';
import { resolveBinary } from '../core/inputs';
import { structureProblem } from '../core/media-structure';
import { type StageOptions, withStaged } from '../core/staging';
import { ValidationError } from '../errors';
import { type ImageSize, jpegSize, pngSize } from './image-header';
import {
  REKOGNITION_MAX_IMAGE_BYTES,
  REKOGNITION_MAX_IMAGE_PX,
  REKOGNITION_MAX_S3_IMAGE_BYTES,
  REKOGNITION_MIN_IMAGE_PX,
} from './limits';
import type { VisionImage } from './types';

/** What an operation accepts. @internal */
export interface ImageLimits {
  /** The AWS operation, for messages. */
  operation: string;
  /** How messages name the image, e.g. `image` or `source image`. */
  label?: string | undefined;
  maxInlineBytes?: number | undefined;
  minPx?: number | undefined;
  maxPx?: number | undefined;
}

/** An image checked without any call: bytes with their size, or an S3 object. @internal */
export type InspectedImage =
  | {
      kind: 'bytes';
      bytes: Uint8Array;
      format: 'jpeg' | 'png';
      size: ImageSize;
      limits: ImageLimits;
    }
  | {
      kind: 's3';
      bucket: string;
      key: string;
      versionId?: string | undefined;
      limits: ImageLimits;
    };

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Resolves and checks an image before any call: JPEG or PNG by magic bytes, complete (JPEG EOI after
 * the last scan, PNG IEND), a readable size in the header, each side within the operation's pixel limits.
 * @internal
 */
export async function inspectImage(
  input: VisionImage,
  limits: ImageLimits,
): Promise<InspectedImage> {
  const label = limits.label ?? 'image';
  const resolved = await resolveBinary(input, { label, maxBytes: REKOGNITION_MAX_S3_IMAGE_BYTES });
  if (resolved.kind === 's3') {
    if (resolved.format !== undefined && resolved.format !== 'jpeg' && resolved.format !== 'png') {
      throw new ValidationError(
        `${label} s3://${resolved.bucket}/${resolved.key} looks like ${resolved.format} by its extension; Rekognition ${limits.operation} takes JPEG or PNG only`,
      );
    }
    return {
      kind: 's3',
      bucket: resolved.bucket,
      key: resolved.key,
      versionId: resolved.versionId,
      limits,
    };
  }
  const { bytes, format } = resolved;
  if (format !== 'jpeg' && format !== 'png') {
    throw new ValidationError(
      `${label} is ${format ? `a ${format.toUpperCase()} file` : 'not a recognisable image'}; Rekognition ${limits.operation} takes JPEG or PNG only (convert it first)`,
    );
  }
  const problem = structureProblem(bytes, format);
  if (problem) {
    throw new ValidationError(
      `${label} (${n(bytes.byteLength)} bytes of ${format.toUpperCase()}) ${problem}; send the complete file`,
      { code: 'MalformedImage' },
    );
  }
  const size = format === 'jpeg' ? jpegSize(bytes) : pngSize(bytes);
  if (!size) {
    throw new ValidationError(
      `${label} is a ${format.toUpperCase()} file whose header has no image size; it may be truncated or corrupt`,
    );
  }
  const min = limits.minPx ?? REKOGNITION_MIN_IMAGE_PX;
  const max = limits.maxPx ?? REKOGNITION_MAX_IMAGE_PX;
  const shortest = Math.min(size.width, size.height);
  const longest = Math.max(size.width, size.height);
  if (shortest < min) {
    throw new ValidationError(
      `${label} is ${size.width}×${size.height} px; Rekognition ${limits.operation} needs at least ${min} px on each side (upscale it)`,
    );
  }
  if (longest > max) {
    throw new ValidationError(
      `${label} is ${size.width}×${size.height} px; Rekognition ${limits.operation} takes at most ${n(max)} px per side (downscale it)`,
    );
  }
  return { kind: 'bytes', bytes, format, size, limits };
}

/** How an image over the inline limit is staged. */
function stageOptionsOf(
  inspected: InspectedImage & { kind: 'bytes' },
  options: RequestOptions | undefined,
): StageOptions {
  const { bytes, format, limits } = inspected;
  const maxInline = limits.maxInlineBytes ?? REKOGNITION_MAX_IMAGE_BYTES;
  return {
    ...options,
    purpose: `Rekognition ${limits.operation} of a ${n(bytes.byteLength)}-byte image (over the ${n(maxInline)}-byte inline limit)`,
    extension: format === 'jpeg' ? 'jpg' : 'png',
    contentType: `image/${format}`,
  };
}

/**
 * Puts a checked image where Rekognition reads it and runs `run` with it: inline `Bytes` up to the
 * operation's limit, otherwise an S3 object staged through `config.staging`, deleted whatever the
 * outcome, a failed delete reported in `stagedObjects` (core `withStaged`). Nested for two images.
 * @internal
 */
export function withPlacedImage<T>(
  ctx: ModuleContext,
  inspected: InspectedImage,
  options: RequestOptions | undefined,
  run: (image: Image, size: ImageSize | undefined) => Promise<T>,
): Promise<T> {
  if (inspected.kind === 's3') {
    const { bucket, key, versionId } = inspected;
    return run(
      { S3Object: { Bucket: bucket, Name: key, ...(versionId ? { Version: versionId } : {}) } },
      undefined,
    );
  }
  const { bytes, size, limits } = inspected;
  if (bytes.byteLength <= (limits.maxInlineBytes ?? REKOGNITION_MAX_IMAGE_BYTES)) {
    return run({ Bytes: bytes }, size);
  }
  return withStaged(ctx, bytes, stageOptionsOf(inspected, options), (staged) =>
    run({ S3Object: { Bucket: staged.bucket, Name: staged.key } }, size),
  );
}

/**
 * Checks, places, runs and cleans up: the shape of every single-image operation.
 * @internal
 */
export async function withImage<T>(
  ctx: ModuleContext,
  input: VisionImage,
  limits: ImageLimits,
  options: RequestOptions | undefined,
  run: (image: Image, size: ImageSize | undefined) => Promise<T>,
): Promise<T> {
  return withPlacedImage(ctx, await inspectImage(input, limits), options, run);
}
