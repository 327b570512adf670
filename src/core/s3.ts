import type { S3Client } from '@aws-sdk/client-s3';
import type { ServiceDef } from './client-cache';

import { loadS3Sdk, type S3Sdk } from './s3-sdk';

/** How staging loads and makes its S3 client (on first use); shared by every module. @internal */
export const S3: ServiceDef<S3Sdk, S3Client> = {
  service: 's3',
  load: loadS3Sdk,
  create: (sdk, config) => new sdk.S3Client(config),
};
