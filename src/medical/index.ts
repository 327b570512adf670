export type { AwsAIConfig, RequestOptions } from '../config';
export type { BinaryInput } from '../core/inputs';
export type { KeepItemErrors } from '../core/item-errors';
export type {
  TranscribeStreamAudioOptions,
  TranscriptStream,
} from '../core/transcribe-stream-input';
export * from '../errors';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyMedicalClient,
  createMedicalClient,
  entities,
  icd10cm,
  type MedicalClient,
  phi,
  redactPhi,
  rxnorm,
  snomedct,
  startTranscription,
  transcribe,
  transcribeStream,
} from './functions';
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
