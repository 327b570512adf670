export type { AwsAIConfig, RequestOptions } from '../config';
export * from '../core/errors';
export type { BinaryInput } from '../core/inputs';
export type { KeepItemErrors } from '../core/item-errors';
export {
  MEDICAL_DETECT_MAX_BYTES,
  MEDICAL_INFER_MAX_BYTES,
  MEDICAL_LANGUAGES,
  MEDICAL_SNOMEDCT_CONCURRENCY,
  MEDICAL_SNOMEDCT_MAX_BYTES,
  MEDICAL_TRANSCRIBE_LANGUAGES,
  MEDICAL_TRANSCRIBE_SPECIALTIES,
} from './limits';
export { Medical } from './medical-module';
export {
  MedicalTranscript,
  type MedicalTranscriptData,
  parseMedicalTranscript,
} from './transcript';
export type * from './types';
