import type { RequestOptions } from '../config';
import { AccessDeniedError, AwsAIError, NotFoundError, ValidationError } from '../errors';
import { readWholeBody } from './body-end';
import { callAws } from './call';
import { type CallScope, scopeOf } from './call-scope';
import type { ModuleContext } from './context';
import type { S3Location } from './inputs';
import { getObject, S3 } from './s3';

/**
 * What became of one object aws-ai uploaded for a call:
 * - `deleted`: removed once the call was over (`staging.deleteAfterUse`, the default);
 * - `kept`: left in place because `staging.deleteAfterUse` is `false`;
 * - `delete-failed`: the DeleteObject failed (see `error`): the object may still be in the bucket,
 *   delete it yourself (or let a lifecycle rule on the prefix do it).
 */
export type StagedObjectStatus = 'deleted' | 'kept' | 'delete-failed';

/**
 * One object a call staged in S3, and what became of it. Listed in `err.stagedObjects` of every error
 * a staging call throws, and in `result.stagedObjects` of a successful call whose cleanup delete
 * failed (see {@link stagedObjectsOf}).
 */
export interface StagedObjectReport {
  /** `s3://bucket/key`. */
  uri: string;
  bucket: string;
  key: string;
  status: StagedObjectStatus;
  /** Why the DeleteObject failed, when `status` is `delete-failed`. */
  error?: AwsAIError | undefined;
}

/** A staged object: where it is, and how to remove it once the job has read it. */
export interface StagedObject extends S3Location {
  /** `s3://bucket/key`. */
  uri: string;
  /** True when aws-ai uploaded the object (and `cleanup` will delete it). */
  uploaded: boolean;
  /**
   * Deletes an uploaded object unless `staging.deleteAfterUse` is `false`; a no-op for objects the
   * caller gave (resolves `undefined`). Runs once (later calls return the first report), is sent even
   * after the call's signal aborted (with its own bounded deadline), and never throws: a failed delete
   * is logged and reported as `delete-failed`.
   */
  cleanup(): Promise<StagedObjectReport | undefined>;
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

/**
 * Deadline of one cleanup DeleteObject (retries included). The delete runs after the caller's signal
 * may have fired, so it gets its own signal; this bounds how long it can hold the call open.
 */
export const CLEANUP_TIMEOUT_MS = 5_000;

function uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/**
 * The staged objects an error or a result carries (`stagedObjects`, also on an error's `cause` chain),
 * or `[]`.
 *
 * @example
 * ```ts
 * try {
 *   await ai.documents.analyze(pdfBytes, { mode: 'async', signal });
 * } catch (err) {
 *   for (const object of stagedObjectsOf(err)) {
 *     if (object.status === 'delete-failed') console.warn('left behind', object.uri);
 *   }
 * }
 * ```
 */
export function stagedObjectsOf(value: unknown): readonly StagedObjectReport[] {
  // An error rethrown as another (a deadline turned into a TimeoutError) keeps the reports on its cause.
  let current = value;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const list = (current as { stagedObjects?: unknown }).stagedObjects;
    if (Array.isArray(list)) return list as StagedObjectReport[];
    current = (current as { cause?: unknown }).cause;
  }
  return [];
}

/**
 * Adds `reports` to `target.stagedObjects` (an error or a result object), keeping reports already
 * there. Does nothing for primitives, frozen objects or an empty list.
 * @internal
 */
export function attachStagedObjects(
  target: unknown,
  reports: ReadonlyArray<StagedObjectReport | undefined>,
): void {
  const defined = reports.filter((r): r is StagedObjectReport => r !== undefined);
  if (defined.length === 0 || typeof target !== 'object' || target === null) return;
  if (!Object.isExtensible(target)) return;
  const own = (target as { stagedObjects?: unknown }).stagedObjects;
  const known = Array.isArray(own) ? (own as StagedObjectReport[]) : [];
  const merged = [...known, ...defined.filter((r) => !known.some((k) => k.uri === r.uri))];
  try {
    Object.defineProperty(target, 'stagedObjects', {
      value: merged,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  } catch {
    // A target that refuses the property keeps its own shape; the logger still has the warning.
  }
}

/**
 * Sends the cleanup DeleteObject. Its signal is fresh and bounded ({@link CLEANUP_TIMEOUT_MS}), not the
 * caller's: the call is failing or settling because that signal may have fired, and the object must go
 * all the same.
 */
async function deleteStaged(ctx: ModuleContext, location: S3Location): Promise<StagedObjectReport> {
  const where = { uri: uri(location), bucket: location.bucket, key: location.key };
  try {
    await callAws(
      ctx,
      S3,
      'DeleteObject',
      ({ client, sdk, signal }) =>
        client.send(new sdk.DeleteObjectCommand({ Bucket: location.bucket, Key: location.key }), {
          abortSignal: signal,
        }),
      { timeoutMs: CLEANUP_TIMEOUT_MS },
    );
    return { ...where, status: 'deleted' };
  } catch (err) {
    ctx.config.logger?.warn(`aws-ai: could not delete staged object ${where.uri}`, err);
    const error = AwsAIError.isInstance(err)
      ? err
      : new AwsAIError('DeleteObject failed', {
          service: 's3',
          operation: 'DeleteObject',
          cause: err,
        });
    return { ...where, status: 'delete-failed', error };
  }
}

/**
 * An upload that failed this way was certainly not stored: S3 refused it (bad bucket, no permission,
 * invalid request). Any other failure (abort, timeout, dropped connection, 5xx) may have left the object.
 */
function certainlyNotStored(err: unknown): boolean {
  return (
    ValidationError.isInstance(err) ||
    AccessDeniedError.isInstance(err) ||
    NotFoundError.isInstance(err)
  );
}

/**
 * Makes media available in S3 for an API that only reads S3: an {@link S3Location} is used as it
 * is; bytes are uploaded under `staging.prefix` in `staging.bucket` with a random key.
 *
 * When the upload itself fails in a way that may have stored the object (an abort or timeout during
 * the PutObject, a dropped connection, a 5xx), the object is deleted before the error is rethrown
 * (unless `deleteAfterUse` is `false`), and the error lists it in `stagedObjects`.
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
    return { ...media, uri: uri(media), uploaded: false, cleanup: async () => undefined };
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
  const keep = staging.deleteAfterUse === false;
  let report: Promise<StagedObjectReport> | undefined;
  const cleanup = (): Promise<StagedObjectReport> => {
    report ??= keep
      ? Promise.resolve({ uri: uri(location), ...location, status: 'kept' as const })
      : deleteStaged(ctx, location);
    return report;
  };
  // Aborted before the upload: callAws sends nothing, so there is nothing to delete.
  const sent = options.signal?.aborted !== true;
  try {
    await writeObject(ctx, location, media, options.contentType, options);
  } catch (err) {
    if (sent && !certainlyNotStored(err)) attachStagedObjects(err, [await cleanup()]);
    throw err;
  }
  ctx.config.logger?.debug(`aws-ai: staged ${media.byteLength} bytes at ${uri(location)}`);
  return { ...location, uri: uri(location), uploaded: true, cleanup };
}

/**
 * Stages `media`, runs `use` with the object, and cleans up whatever the outcome: the cleanup delete
 * finishes before this settles (also after an abort or a timeout, with its own bounded signal). A
 * failure rethrows `use`'s error with `stagedObjects` listing the object; a success whose delete failed
 * returns the result with `stagedObjects` on it (when the result is an object).
 *
 * @throws whatever {@link stage} or `use` throws, with `stagedObjects` attached
 * @example
 * ```ts
 * const out = await withStaged(ctx, bytes, { purpose: 'SageMaker InvokeEndpointAsync' }, (object) =>
 *   invoke(object.uri),
 * );
 * ```
 * @internal
 */
export async function withStaged<T>(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  options: StageOptions,
  use: (object: StagedObject) => Promise<T>,
): Promise<T> {
  const { value } = await heldStaging(ctx, media, options, use, async (object, result, scope) => {
    const report = await object.cleanup();
    if (report?.status === 'delete-failed') {
      recordReports(scope, [report]);
      attachStagedObjects(result, [report]);
    }
  });
  return value;
}

/**
 * Stages `media` for a job and runs `start` with the object. The job reads the object while it
 * runs, so it is kept when `start` succeeds (the caller deletes it later, or never); when `start`
 * fails it is deleted at once and the error lists it in `stagedObjects`. In a call scope (a job
 * starter, ADR 0006) the call settles only after that delete: it is held from the moment staging
 * begins, so a start cut by the deadline or an abort sends no DeleteObject after the call settled.
 *
 * @throws whatever {@link stage} or `start` throws, with `stagedObjects` attached
 * @example
 * ```ts
 * const { value: jobId, object } = await stageForJob(ctx, bytes, { ...calls, purpose: 'Textract StartDocumentAnalysis' },
 *   (object) => startJob(object.bucket, object.key),
 * );
 * ```
 * @internal
 */
export function stageForJob<T>(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  options: StageOptions,
  start: (object: StagedObject) => Promise<T>,
): Promise<{ value: T; object: StagedObject }> {
  return heldStaging(ctx, media, options, start);
}

/**
 * What {@link withStaged} and {@link stageForJob} share: stage, run `use`, delete the object when
 * `use` fails (the error lists it), run `after` when it succeeds, and hold the call's scope from
 * the start of staging to the end of either, so no DeleteObject follows the settled call.
 */
async function heldStaging<T>(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  options: StageOptions,
  use: (object: StagedObject) => Promise<T>,
  after?: (object: StagedObject, value: T, scope: CallScope | undefined) => Promise<void>,
): Promise<{ value: T; object: StagedObject }> {
  const scope = scopeOf(options);
  let finished: () => void = () => {};
  holdScope(
    scope,
    new Promise<void>((resolve) => {
      finished = resolve;
    }),
  );
  try {
    let object: StagedObject;
    try {
      object = await stage(ctx, media, options);
    } catch (err) {
      recordReports(scope, stagedObjectsOf(err));
      throw err;
    }
    let value: T;
    try {
      value = await use(object);
    } catch (err) {
      const report = await object.cleanup();
      recordReports(scope, [report]);
      attachStagedObjects(err, [report]);
      throw err;
    }
    await after?.(object, value, scope);
    return { value, object };
  } finally {
    finished();
  }
}

/** The reports of each public call's staged objects, attached to what the call settles with. */
const scopeReports = new WeakMap<CallScope, StagedObjectReport[]>();

/** The call waits for this cleanup before it settles, even when it ends early (ADR 0006). */
function holdScope(scope: CallScope | undefined, done: Promise<void>): void {
  scope?.hold(done);
}

/**
 * Keeps `reports` for the call's outcome: a call that fails (also at its deadline or by an abort, when
 * the error is the call's own and not the one `withStaged` saw) lists every staged object; one that
 * succeeds lists only the failed deletes.
 */
function recordReports(
  scope: CallScope | undefined,
  reports: ReadonlyArray<StagedObjectReport | undefined>,
): void {
  if (!scope) return;
  let list = scopeReports.get(scope);
  if (!list) {
    const kept: StagedObjectReport[] = [];
    list = kept;
    scopeReports.set(scope, kept);
    scope.onSettle(({ value, error }) => {
      if (error) attachStagedObjects(error, kept);
      else
        attachStagedObjects(
          value,
          kept.filter((r) => r.status === 'delete-failed'),
        );
    });
  }
  for (const report of reports) if (report) list.push(report);
}

/**
 * Writes one S3 object (PutObject) through the call layer: the call's scope, retries and errors.
 * @internal
 */
export async function writeObject(
  ctx: ModuleContext,
  location: S3Location,
  body: Uint8Array,
  contentType: string | undefined,
  options?: RequestOptions,
): Promise<void> {
  await callAws(
    ctx,
    S3,
    'PutObject',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          Body: body,
          ...(contentType ? { ContentType: contentType } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  );
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
    async (attempt) => {
      const out = await getObject(attempt, location);
      // Read whole inside the attempt: a body cut mid-way is a retried StreamInterrupted, never
      // returned as the whole file (the client's check leaves this unread body to us).
      return out.Body
        ? readWholeBody(out.Body, { service: 's3', operation: 'GetObject' }, 'object')
        : new Uint8Array();
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
