import { EmulatorError } from '../emulator-error';
import { escapeXml } from '../protocols/error-response';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import type { BodyLimit, RestRoute, ServiceDefinition } from './definition';
import { type S3Object, S3Store } from './s3-store';

const OBJECT_HEADERS = {
  ETag: 'ETag',
  ContentType: 'Content-Type',
  ContentLength: 'Content-Length',
  LastModified: 'Last-Modified',
} as const;

function names(input: EmulatorInput): { bucket: string; key: string } {
  return { bucket: String(input.Bucket ?? ''), key: String(input.Key ?? '') };
}

function describe(object: S3Object) {
  return {
    ETag: object.etag,
    ContentType: object.contentType,
    ContentLength: object.body.byteLength,
    LastModified: object.lastModified,
    Metadata: object.metadata,
  };
}

function find(store: S3Store, input: EmulatorInput): S3Object {
  const { bucket, key } = names(input);
  if (!store.bucket(bucket)) {
    throw new EmulatorError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`, 404);
  }
  const object = store.get(bucket, key);
  if (!object)
    throw new EmulatorError('NoSuchKey', `The specified key does not exist: ${key}`, 404);
  return object;
}

function handlers(store: S3Store): Record<string, Handler> {
  return {
    PutObject(input) {
      const { bucket, key } = names(input);
      const body = input.Body instanceof Uint8Array ? input.Body : new Uint8Array();
      const metadata = isRecord(input.Metadata)
        ? Object.fromEntries(Object.entries(input.Metadata).map(([k, v]) => [k, String(v)]))
        : {};
      const contentType =
        typeof input.ContentType === 'string' ? input.ContentType : 'binary/octet-stream';
      return { ETag: store.put(bucket, key, body, contentType, metadata).etag };
    },
    GetObject(input) {
      const object = find(store, input);
      return { ...describe(object), Body: object.body };
    },
    HeadObject(input) {
      return describe(find(store, input));
    },
    DeleteObject(input) {
      const { bucket, key } = names(input);
      store.delete(bucket, key);
      return {};
    },
    CreateBucket(input) {
      store.createBucket(names(input).bucket);
      return { Location: `/${names(input).bucket}` };
    },
    HeadBucket(input) {
      if (!store.bucket(names(input).bucket)) throw new EmulatorError('NotFound', 'Not Found', 404);
      return {};
    },
    DeleteBucket(input) {
      store.deleteBucket(names(input).bucket);
      return {};
    },
    ListObjectsV2(input) {
      const bucket = names(input).bucket;
      const objects = store.bucket(bucket);
      if (!objects) {
        throw new EmulatorError(
          'NoSuchBucket',
          `The specified bucket does not exist: ${bucket}`,
          404,
        );
      }
      const prefix = typeof input.Prefix === 'string' ? input.Prefix : '';
      const after = typeof input.ContinuationToken === 'string' ? input.ContinuationToken : '';
      const max = Math.min(1000, Number(input.MaxKeys ?? 1000) || 1000);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
      const page = keys.slice(0, max);
      const truncated = keys.length > page.length;
      const contents = page
        .map((key) => {
          const object = objects.get(key) as S3Object;
          return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${escapeXml(object.etag)}</ETag><Size>${object.body.byteLength}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
        })
        .join('');
      // The continuation token is the last key of the page: opaque to the client, as S3's is.
      const next = truncated
        ? `<NextContinuationToken>${escapeXml(page.at(-1) ?? '')}</NextContinuationToken>`
        : '';
      return {
        Body: `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
      };
    },
  };
}

function route(
  operation: string,
  method: string,
  path: string,
  extra: Partial<RestRoute> = {},
): RestRoute {
  return {
    operation,
    method,
    path,
    request: { body: { kind: 'none' } },
    response: { body: { kind: 'none' } },
    ...extra,
  };
}

/** Host names of virtual-hosted requests: `bucket.localhost`, `bucket.s3.region.amazonaws.com`. */
const VIRTUAL_HOST = /^([^.:]+)\.(?:localhost|s3[.-])/i;

/**
 * The emulator keeps S3 objects in memory, so it caps a PutObject well below S3's own 5 GiB
 * single-PUT maximum (answered, as S3 does above its maximum, with `EntityTooLarge`, 400).
 */
export const DEFAULT_S3_MAX_OBJECT_BYTES = 512 * 1024 * 1024;

function s3BodyLimit(bytes: number): BodyLimit {
  return { bytes, code: 'EntityTooLarge', status: 400 };
}

/** Amazon S3 object basics (restXml, path style) backed by an in-memory store: staging, job inputs and outputs. */

export function createS3Service(
  store: S3Store = new S3Store(),
  maxObjectBytes = DEFAULT_S3_MAX_OBJECT_BYTES,
): ServiceDefinition {
  return {
    name: 's3',
    protocol: 'rest-xml',
    signingName: 's3',
    routes: [
      route('PutObject', 'PUT', '/{Bucket}/{Key+}', {
        request: {
          headers: {
            ContentType: 'Content-Type',
            CacheControl: 'Cache-Control',
            ContentMD5: 'Content-MD5',
          },
          prefixHeaders: { Metadata: 'x-amz-meta-' },
          body: { kind: 'payload', member: 'Body' },
        },
        response: { headers: { ETag: 'ETag' }, body: { kind: 'none' } },
      }),
      route('GetObject', 'GET', '/{Bucket}/{Key+}', {
        request: { headers: { Range: 'Range', IfMatch: 'If-Match' }, body: { kind: 'none' } },
        response: {
          headers: OBJECT_HEADERS,
          prefixHeaders: { Metadata: 'x-amz-meta-' },
          body: { kind: 'payload', member: 'Body', contentType: 'binary/octet-stream' },
        },
      }),
      route('HeadObject', 'HEAD', '/{Bucket}/{Key+}', {
        response: {
          headers: OBJECT_HEADERS,
          prefixHeaders: { Metadata: 'x-amz-meta-' },
          body: { kind: 'none' },
        },
      }),
      route('DeleteObject', 'DELETE', '/{Bucket}/{Key+}', { status: 204 }),
      route('CreateBucket', 'PUT', '/{Bucket}', {
        response: { headers: { Location: 'Location' }, body: { kind: 'none' } },
      }),
      route('HeadBucket', 'HEAD', '/{Bucket}'),
      // The JS SDK lists with GET /{Bucket}/?list-type=2 (path style, trailing slash), the AWS CLI
      // (botocore) with GET /{Bucket}?list-type=2.
      ...['/{Bucket}/', '/{Bucket}'].map((path) =>
        route('ListObjectsV2', 'GET', path, {
          queryKeys: ['list-type'],
          request: {
            query: {
              Prefix: 'prefix',
              ContinuationToken: 'continuation-token',
              MaxKeys: 'max-keys',
            },
            body: { kind: 'none' },
          },
          response: { body: { kind: 'payload', member: 'Body', contentType: 'application/xml' } },
        }),
      ),
      route('DeleteBucket', 'DELETE', '/{Bucket}', { status: 204 }),
    ],
    handlers: handlers(store),
    errors: {
      PutObject: [],
      GetObject: ['NoSuchBucket', 'NoSuchKey'],
      HeadObject: ['NoSuchBucket', 'NoSuchKey'],
      DeleteObject: [],
      CreateBucket: [],
      HeadBucket: ['NotFound'],
      DeleteBucket: [],
      ListObjectsV2: ['NoSuchBucket'],
    },
    maxRequestBody: s3BodyLimit(maxObjectBytes),
    throttle: { code: 'SlowDown', status: 503 },
    serverError: { code: 'InternalError', status: 500 },
    errorStatus: { NoSuchKey: 404, NoSuchBucket: 404, NotFound: 404, AccessDenied: 403 },
    rewritePath(path, host) {
      const bucket = VIRTUAL_HOST.exec(host)?.[1];
      return bucket === undefined ? path : `/${bucket}${path}`;
    },
  };
}
