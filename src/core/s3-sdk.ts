import type * as Package from '@aws-sdk/client-s3';

/** The classes of `@aws-sdk/client-s3` that S3 staging (every module) uses. @internal */
export type S3Sdk = Pick<
  typeof Package,
  | 'DeleteObjectCommand'
  | 'GetObjectCommand'
  | 'ListObjectsV2Command'
  | 'PutObjectCommand'
  | 'S3Client'
>;

/**
 * Loads `@aws-sdk/client-s3` on the first call of S3 staging (every module). A dynamic import of
 * the package itself, never a static `export … from`: a bundler inlines `import()` of our own files
 * and hoists their static imports of an external package to the top of the bundle, but keeps a
 * dynamic import of an external package as it is, and runs a bundled one only when called (decision
 * 0701).
 * @internal
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  return import('@aws-sdk/client-s3');
}
