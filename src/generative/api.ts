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
export { AwsAIStream } from '../core/stream';
export * from '../errors';
export type {
  EmbedBatchOptions,
  GenerativeBatchJob,
  GenerativeBatchLimits,
  GenerativeBatchOptions,
  GenerativeBatchRecord,
  GenerativeBatchResult,
} from './batch-types';
export { GenerativeChat } from './chat';
export { ContentFilterError, StructuredOutputError } from './errors';
export { Generative } from './generative-module';
export { GenerativeStream } from './generative-stream';
export {
  ObjectStream,
  type ObjectStreamEvent,
  type ObjectStreamResult,
} from './object-stream';
export type {
  InferSchema,
  JsonSchema,
  SchemaIssue,
  SchemaLike,
  SchemaWithJsonSchema,
} from './schema';
export type { StandardJSONSchemaV1, StandardSchemaV1 } from './standard-schema';
export { tool } from './tool';
export type {
  ChatParams,
  CheckContent,
  CheckOptions,
  CheckResult,
  CountTokensResult,
  DeepPartial,
  EmbeddingFamily,
  EmbedOptions,
  GeneratedImage,
  GeneratedVideo,
  GenerateImageParams,
  GenerateImageResult,
  GenerateObjectParams,
  GenerateObjectResult,
  GenerateOptions,
  GenerateParams,
  GenerateResult,
  GenerateStep,
  GenerateStreamOptions,
  GenerateVideoParams,
  GenerativeCacheOptions,
  GenerativeCachePointPart,
  GenerativeCacheTtl,
  GenerativeCitation,
  GenerativeCitationLocation,
  GenerativeCitationsPart,
  GenerativeContentPart,
  GenerativeDocumentFormat,
  GenerativeDocumentInput,
  GenerativeDocumentPart,
  GenerativeFinalMessage,
  GenerativeFinishReason,
  GenerativeGuardrail,
  GenerativeGuardrailTrace,
  GenerativeImageFormat,
  GenerativeImageInput,
  GenerativeImagePart,
  GenerativeMessage,
  GenerativeReasoning,
  GenerativeReasoningPart,
  GenerativeResponseFormat,
  GenerativeServiceTier,
  GenerativeStreamEvent,
  GenerativeTextPart,
  GenerativeTool,
  GenerativeToolCall,
  GenerativeToolCallPart,
  GenerativeToolChoice,
  GenerativeToolContext,
  GenerativeToolResult,
  GenerativeToolResultPart,
  GenerativeToolSet,
  GenerativeUsage,
  GenerativeVideoJobSummary,
  GuardContent,
  GuardOptions,
  GuardResult,
  GuardrailCheckAttack,
  GuardrailCheckCategory,
  GuardrailChecks,
  ImageTask,
  InvokeOptions,
  InvokeResult,
  NovaCanvasStyle,
  StreamObjectOptions,
  StreamObjectParams,
  StructuredOutputMode,
} from './types';
export type { GenerativeVideoJob } from './video';
export type { VoiceSession } from './voice-session';
export type {
  VoiceEvent,
  VoiceHistoryMessage,
  VoiceOptions,
  VoiceParams,
  VoiceUsage,
} from './voice-types';
