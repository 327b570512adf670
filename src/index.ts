// The root entry: the AwsAI facade, the module classes, every error class and every type. It stays
// cheap to import: module operations load on their first call. Values that belong to one module
// (helpers such as parseTranscript or parseTextract, models, codecs, limits) come from that
// module's subpath, e.g. 'aws-ai/speech'; Lambda handlers should import the subpath anyway
// (docs/lambda.md).
export { Agents } from './agents/agents-module';
export type * from './agents/index';
export { AwsAI } from './client';
export type {
  AwsAIConfig,
  CredentialIdentity,
  Credentials,
  InjectedClients,
  Logger,
  RequestOptions,
  ResolvedRetry,
  RetryOptions,
  StagingConfig,
} from './config';
export { DEFAULT_CONCURRENCY, DEFAULT_RETRY } from './config';
export { Conversation } from './conversation/conversation-module';
export type * from './conversation/index';
export type { BinaryInput } from './core/inputs';
export type { KeepItemErrors } from './core/item-errors';
export type {
  DeprecatedPollBlock,
  DeprecatedPollOptions,
  Job,
  JobRef,
  JobResults,
  JobState,
  JobStatus,
  JobWaitInput,
  JobWaitOptions,
  JsonValue,
  LegacyPollInfo,
} from './core/job';
export type { JobEvent } from './core/job-events';
export type { Jobs } from './core/jobs';
export type { PollInfo } from './core/polling';
export { type ResponseMetadata, responseOf } from './core/response';
export {
  type StagedObjectReport,
  type StagedObjectStatus,
  stagedObjectsOf,
} from './core/staging';
export {
  AwsAIStream,
  type AwsAIStreamOptions,
  type AwsAIStreamSource,
  type NodeReadableOptions,
} from './core/stream';
export type { CallMessage } from './core/telemetry';
export type * from './documents/api';
// Documents and vision both name page/image geometry; the root keeps the plain (documents) shapes.
// Vision's BoundingBox (with optional pixel coordinates) stays available from 'aws-ai/vision'.
export type { BoundingBox, Point } from './documents/api';
export { Documents } from './documents/documents-module';
export type * from './endpoints/api';
export { Endpoints } from './endpoints/endpoints-module';
export { EndpointAsyncError, EndpointModelError } from './endpoints/model-error';
export * from './errors';
export type * from './generative/api';
export { StructuredOutputError } from './generative/errors';
export { Generative } from './generative/generative-module';
export type * from './knowledge/index';
export { Knowledge } from './knowledge/knowledge-module';
export type * from './medical/api';
export { Medical } from './medical/medical-module';
export type * from './recommendations/index';
export { Recommendations } from './recommendations/recommendations-module';
export type * from './speech/api';
export { Speech } from './speech/speech-module';
export { QueueFullError } from './tensor/batcher-errors';
export type * from './text/api';
export { LanguageDetectionError } from './text/errors';
export { Text } from './text/text-module';
export { VERSION } from './version';
export type * from './vision/api';
export { Vision } from './vision/vision-module';
