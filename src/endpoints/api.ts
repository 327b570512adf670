// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
export type { AwsAIConfig, RequestOptions } from '../config';
export type {
  Job,
  JobRef,
  JobState,
  JobStatus,
  JobWaitOptions,
  JsonValue,
} from '../core/job';
export { type ResponseMetadata, responseOf } from '../core/response';
export type {
  AwsAIStream,
  AwsAIStreamOptions,
  AwsAIStreamSource,
  NodeReadableOptions,
} from '../core/stream';
export * from '../errors';
export { DynamicBatcher } from '../tensor/batcher';
export { QueueFullError } from '../tensor/batcher-errors';
export type { DynamicBatcherStats } from '../tensor/batcher-stats';
export type { DynamicBatcherSettings, PredictOptions } from '../tensor/batcher-types';
export { type ReadonlyNestedArray, Tensor } from '../tensor/tensor';
export { Endpoints } from './endpoints-module';
export {
  SAGEMAKER_ASYNC_INLINE_MAX_BYTES,
  SAGEMAKER_HEADER_LIMITS,
  SAGEMAKER_MAX_BODY_BYTES,
  TRANSFORM_DEFAULT_PAYLOAD_MB,
  TRANSFORM_MAX_PAYLOAD_MB,
} from './limits';
export { EndpointAsyncError, EndpointModelError } from './model-error';
export type {
  EndpointTransformJob,
  EndpointTransformOptions,
  EndpointTransformParams,
  EndpointTransformResult,
  EndpointTransformRow,
} from './transform-types';
export type {
  EndpointAsyncInput,
  EndpointAsyncJob,
  EndpointAsyncJobOptions,
  EndpointBatcherOptions,
  EndpointDeserializer,
  EndpointInvokeAsyncOptions,
  EndpointInvokeAsyncResult,
  EndpointInvokeOptions,
  EndpointInvokeResult,
  EndpointInvokeStreamOptions,
  EndpointPayload,
  EndpointSerializer,
  EndpointStreamEvent,
  EndpointTargetOptions,
} from './types';
