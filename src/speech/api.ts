// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
export type { AwsAIConfig, RequestOptions } from '../config';
export type { BinaryInput } from '../core/inputs';
export type { PollInfo } from '../core/polling';
export { type ResponseMetadata, responseOf } from '../core/response';
export type {
  AwsAIStream,
  AwsAIStreamOptions,
  AwsAIStreamSource,
  NodeReadableOptions,
} from '../core/stream';
export type {
  TranscribeStreamAudioOptions,
  TranscriptStream,
} from '../core/transcribe-stream-input';
export * from '../errors';
export {
  isCallAnalyticsOutput,
  parseCallAnalytics,
  parseTranscript,
} from './call-analytics-output';
export type * from './call-analytics-stream-types';
export type * from './call-analytics-types';
export type { Cue } from './captions';
export { Speech } from './speech-module';
export type * from './synthesis-task-types';
export type { TranscribeStream } from './transcribe-stream';
export { Transcript, type TranscriptData } from './transcript';
export type * from './transcript-types';
export type * from './types';
