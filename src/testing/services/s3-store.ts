import { createHash } from 'node:crypto';

/** One stored object. */
export interface S3Object {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Start of the emulator's clock: objects get deterministic modification times from here. */
const EPOCH = Date.UTC(2024, 0, 1);

/** In-memory buckets of one emulator; buckets spring into existence on first write. */
export class S3Store {
  private readonly buckets = new Map<string, Map<string, S3Object>>();
  private writes = 0;

  bucket(name: string): Map<string, S3Object> | undefined {
    return this.buckets.get(name);
  }

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  deleteBucket(name: string): boolean {
    return this.buckets.delete(name);
  }

  put(
    bucket: string,
    key: string,
    body: Uint8Array,
    contentType: string,
    metadata: Record<string, string>,
  ): S3Object {
    this.createBucket(bucket);
    this.writes += 1;
    const object: S3Object = {
      body,
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(EPOCH + this.writes * 1000),
      metadata,
    };
    this.buckets.get(bucket)?.set(key, object);
    return object;
  }

  get(bucket: string, key: string): S3Object | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  delete(bucket: string, key: string): void {
    this.buckets.get(bucket)?.delete(key);
  }

  /** Forgets every bucket and object, and restarts the modification-time clock. */
  clear(): void {
    this.buckets.clear();
    this.writes = 0;
  }
}

/** `s3://bucket/key-or-prefix` as its parts (the key part may be empty or end in `/`). */
export function splitS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return { bucket: match?.[1] ?? '', key: match?.[2] ?? '' };
}

/**
 * The objects a job's input URI names, in key order: every object under a prefix, or the one key.
 * `relative` is the key from the input "folder" on (a prefix ending in `/`, else the key's folder),
 * as AWS names input files in job output.
 */
export function inputObjects(
  store: S3Store,
  uri: string,
): Array<{ key: string; relative: string; body: Uint8Array }> {
  const { bucket, key: start } = splitS3Uri(uri);
  const folder = start.endsWith('/') ? start : start.replace(/[^/]*$/, '');
  return [...(store.bucket(bucket)?.entries() ?? [])]
    .filter(([key]) => key.startsWith(start) && !key.endsWith('/'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, object]) => ({ key, relative: key.slice(folder.length), body: object.body }));
}
