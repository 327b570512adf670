export type { AwsAIConfig, RequestOptions } from '../config';
export * from '../core/errors';
export type { BinaryInput } from '../core/inputs';
export type { PollInfo } from '../core/polling';
export { type ResponseMetadata, responseOf } from '../core/response';
export type {
  AwsAIStream,
  AwsAIStreamOptions,
  AwsAIStreamSource,
  NodeReadableOptions,
} from '../core/stream';
export type { Cue } from './captions';
export { parseTranscript } from './parse-transcript';
export { Speech } from './speech-module';
export type { TranscribeStream } from './transcribe-stream';
export { Transcript, type TranscriptData } from './transcript';
export type * from './synthesis-task-types';
export type * from './transcript-types';
export type * from './types';
