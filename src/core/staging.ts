import type { RequestOptions } from '../config';
import { callAws } from './call';
import type { ModuleContext } from './context';
import { ValidationError } from './errors';
import type { S3Location } from './inputs';
import { S3 } from './s3';

/** A staged object: where it is, and how to remove it once the job has read it. */
export interface StagedObject extends S3Location {
  /** `s3://bucket/key`. */
  uri: string;
  /** True when aws-ai uploaded the object (and `cleanup` will delete it). */
  uploaded: boolean;
  /**
   * Deletes an uploaded object unless `staging.deleteAfterUse` is `false`; a no-op for objects the
   * caller gave. Never throws: a failed delete is logged as a warning.
   */
  cleanup(): Promise<void>;
}

/** What the media is, for the object key and the error messages. */
export interface StageOptions extends RequestOptions {
  /** Used in the error message, e.g. `Transcribe StartTranscriptionJob`. */
  purpose: string;
  /** File extension for the key, without a dot (`pdf`, `mp3`). */
  extension?: string | undefined;
  /** Content-Type stored with the object. */
  contentType?: string | undefined;
}

function uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/**
 * Makes media available in S3 for an API that only reads S3: an {@link S3Location} is used as it
 * is; bytes are uploaded under `staging.prefix` in `staging.bucket` with a random key.
 *
 * @throws ValidationError when bytes are given and no `staging` bucket is configured
 * @example
 * ```ts
 * const object = await stage(ctx, bytes, { purpose: 'Textract StartDocumentAnalysis', extension: 'pdf' });
 * try {
 *   await startJob(object.bucket, object.key);
 * } finally {
 *   await object.cleanup();
 * }
 * ```
 */
export async function stage(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  options: StageOptions,
): Promise<StagedObject> {
  if (!(media instanceof Uint8Array)) {
    return { ...media, uri: uri(media), uploaded: false, cleanup: async () => {} };
  }
  const staging = ctx.config.staging;
  if (!staging?.bucket) {
    throw new ValidationError(
      `${options.purpose} reads its input from S3: pass an s3://bucket/key URI, or configure ` +
        "staging: { bucket: 'my-bucket' } so aws-ai can upload the bytes for you",
    );
  }
  const prefix = staging.prefix ?? 'aws-ai/';
  const key = `${prefix}${globalThis.crypto.randomUUID()}${options.extension ? `.${options.extension}` : ''}`;
  const location = { bucket: staging.bucket, key };
  await callAws(
    ctx,
    S3,
    'PutObject',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket: location.bucket,
          Key: key,
          Body: media,
          ...(options.contentType ? { ContentType: options.contentType } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  );
  ctx.config.logger?.debug(`aws-ai: staged ${media.byteLength} bytes at ${uri(location)}`);
  const keep = staging.deleteAfterUse === false;
  return {
    ...location,
    uri: uri(location),
    uploaded: true,
    cleanup: async () => {
      if (keep) return;
      try {
        await callAws(ctx, S3, 'DeleteObject', ({ client, sdk, signal }) =>
          client.send(new sdk.DeleteObjectCommand({ Bucket: location.bucket, Key: key }), {
            abortSignal: signal,
          }),
        );
      } catch (err) {
        ctx.config.logger?.warn(`aws-ai: could not delete staged object ${uri(location)}`, err);
      }
    },
  };
}

/**
 * Reads a whole S3 object (a job's output: a transcript, an async inference result).
 *
 * @throws NotFoundError when the object does not exist
 * @example
 * ```ts
 * const json = new TextDecoder().decode(await readObject(ctx, { bucket, key }));
 * ```
 */
export async function readObject(
  ctx: ModuleContext,
  location: S3Location,
  options?: RequestOptions,
): Promise<Uint8Array> {
  return callAws(
    ctx,
    S3,
    'GetObject',
    async ({ client, sdk, signal }) => {
      const out = await client.send(
        new sdk.GetObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          ...(location.versionId ? { VersionId: location.versionId } : {}),
        }),
        { abortSignal: signal },
      );
      // Read the body inside the attempt, so a connection dropped mid-body is retried too.
      return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
    },
    options,
  );
}

/**
 * Every key under a prefix, in S3's (lexicographic) order, reading ListObjectsV2 page by page (a job's
 * output folder: translated files).
 *
 * @example
 * ```ts
 * const keys = await listKeys(ctx, { bucket: 'out', prefix: '123456789012-TranslateText-abc/' });
 * ```
 */
export async function listKeys(
  ctx: ModuleContext,
  where: { bucket: string; prefix: string },
  options?: RequestOptions,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await callAws(
      ctx,
      S3,
      'ListObjectsV2',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.ListObjectsV2Command({
            Bucket: where.bucket,
            Prefix: where.prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
          { abortSignal: signal },
        ),
      options,
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}
