/** SageMaker Runtime limits, from `reference/aws-limits.md` §7. */

/** InvokeEndpoint and InvokeEndpointWithResponseStream request body (6 MiB). */
export const SAGEMAKER_MAX_BODY_BYTES = 6_291_456;

/** InvokeEndpointAsync inline body (the JS SDK sends async input only through S3). */
export const SAGEMAKER_ASYNC_INLINE_MAX_BYTES = 128_000;

/** Header lengths, in characters: [min, max]. */
export const SAGEMAKER_HEADER_LIMITS = {
  contentType: [0, 1024],
  accept: [0, 1024],
  customAttributes: [0, 1024],
  targetModel: [1, 1024],
  targetVariant: [0, 63],
  targetContainerHostname: [0, 63],
  inferenceComponent: [0, 63],
  inferenceId: [1, 64],
  sessionId: [0, 256],
  enableExplanations: [1, 64],
} as const;

/** InvokeEndpointAsync `InvocationTimeoutSeconds`. */
export const SAGEMAKER_ASYNC_INVOCATION_TIMEOUT_S = [1, 3600] as const;

/** InvokeEndpointAsync `RequestTTLSeconds`. */
export const SAGEMAKER_ASYNC_TTL_S = [60, 21_600] as const;

/**
 * Batch Transform (CreateTransformJob, SageMaker API reference): `MaxPayloadInMB` is 0–100 and
 * `MaxConcurrentTransforms × MaxPayloadInMB` may not exceed 100; SageMaker's default is 6 MB.
 */
export const TRANSFORM_MAX_PAYLOAD_MB = 100;
/** Default `MaxPayloadInMB` (CreateTransformJob, TransformJobDefinition docs). */
export const TRANSFORM_DEFAULT_PAYLOAD_MB = 6;
/** `TransformJobName` and `ModelName`: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` (SageMaker API reference). */
export const TRANSFORM_NAME_MAX = 63;
/** `TransformInput.ContentType` and `TransformOutput.Accept`: at most 256 characters. */
export const TRANSFORM_CONTENT_TYPE_MAX = 256;
/** `S3Uri` of input and output: at most 1,024 characters. */
export const TRANSFORM_S3_URI_MAX = 1024;
/**
 * Rows aws-ai writes per input object: one `.out` file per object comes back, read one at a time,
 * so this bounds nothing in memory but the number of objects (an aws-ai choice, not an AWS limit).
 */
export const TRANSFORM_RECORDS_PER_FILE = 10_000;
