// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
export type { AwsAIConfig, RequestOptions } from '../config';
export type { BinaryInput } from '../core/inputs';
export type { KeepItemErrors } from '../core/item-errors';
export type {
  TranscribeStreamAudioOptions,
  TranscriptStream,
} from '../core/transcribe-stream-input';
export * from '../errors';
export {
  MEDICAL_DETECT_MAX_BYTES,
  MEDICAL_INFER_MAX_BYTES,
  MEDICAL_LANGUAGES,
  MEDICAL_SNOMEDCT_CONCURRENCY,
  MEDICAL_SNOMEDCT_MAX_BYTES,
  MEDICAL_STREAM_LANGUAGES,
  MEDICAL_STREAM_SAMPLE_RATE,
  MEDICAL_STREAM_SPECIALTIES,
  MEDICAL_TRANSCRIBE_LANGUAGES,
  MEDICAL_TRANSCRIBE_SPECIALTIES,
} from './limits';
export { Medical } from './medical-module';
export type { MedicalTranscribeStream } from './transcribe-stream';
export {
  MedicalTranscript,
  type MedicalTranscriptData,
  parseMedicalTranscript,
} from './transcript';
export type { MedicalTranscriptionJob } from './transcription-job-types';
export type * from './types';
