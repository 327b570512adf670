// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
export type { AwsAIConfig, RequestOptions } from '../config';
export type { BinaryInput } from '../core/inputs';
export type { JobNotificationChannel } from '../core/job-notification';
export type { PollInfo } from '../core/polling';
export { type ResponseMetadata, responseOf } from '../core/response';
export * from '../errors';
export { FaceCollections } from './collections-api';
export { toPixels } from './geometry';
export {
  LIVENESS_MAX_AUDIT_IMAGES,
  LIVENESS_MAX_KEY_PREFIX,
  REKOGNITION_CUSTOM_LABELS_MAX_IMAGE_BYTES,
  REKOGNITION_MAX_IMAGE_BYTES,
  REKOGNITION_MAX_IMAGE_PX,
  REKOGNITION_MAX_S3_IMAGE_BYTES,
  REKOGNITION_MIN_IMAGE_PX,
  REKOGNITION_PPE_MAX_IMAGE_BYTES,
  REKOGNITION_PPE_MAX_IMAGE_PX,
  REKOGNITION_PPE_MIN_IMAGE_PX,
} from './limits';
export { FaceLiveness } from './liveness-api';
export type * from './liveness-types';
export type * from './types';
export { VideoJobs, type VideoStartedJob } from './video-api';
export { Vision } from './vision-module';
