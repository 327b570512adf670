import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { ServiceDef } from './client-cache';
import type { S3Location } from './inputs';

import { loadS3Sdk, type S3Sdk } from './s3-sdk';

/** How staging loads and makes its S3 client (on first use); shared by every module. @internal */
export const S3: ServiceDef<S3Sdk, S3Client> = {
  service: 's3',
  load: loadS3Sdk,
  create: (sdk, config) => new sdk.S3Client(config),
};

/** One GetObject attempt (with the version when the location names one), for callAws. @internal */
export function getObject(
  { client, sdk, signal }: { client: S3Client; sdk: S3Sdk; signal: AbortSignal },
  location: S3Location,
): Promise<GetObjectCommandOutput> {
  return client.send(
    new sdk.GetObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      ...(location.versionId ? { VersionId: location.versionId } : {}),
    }),
    { abortSignal: signal },
  );
}
