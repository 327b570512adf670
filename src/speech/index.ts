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
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnySpeechClient,
  analyzeCallStream,
  createSpeechClient,
  type SpeechClient,
  speechMarks,
  startTranscription,
  synthesize,
  synthesizeStream,
  transcribe,
  transcribeStream,
  voices,
} from './functions';
export { Speech } from './speech-module';
export type * from './synthesis-task-types';
export type { TranscribeStream } from './transcribe-stream';
export { Transcript, type TranscriptData } from './transcript';
export type * from './transcript-types';
export type * from './types';
