/**
 * Comprehend Medical and Transcribe Medical limits, each with its source:
 * - M-CM: `reference/aws-models/comprehendmedical.json` (botocore service-2.json, 2018-10-30)
 * - D-CMQ: Amazon Comprehend Medical Developer Guide, "Guidelines and quotas"
 *   (https://docs.aws.amazon.com/comprehend-medical/latest/dev/comprehendmedical-quotas.html)
 * - M-TR: `reference/aws-models/transcribe.json` (botocore service-2.json, 2017-10-26)
 * - D-TRM: Amazon Transcribe Developer Guide, "Transcribing medical terms"
 *   (https://docs.aws.amazon.com/transcribe/latest/dg/transcribe-medical.html)
 * - M-TS: `reference/aws-models/transcribe-streaming.smithy.json` (smithy model, 2017-10-26)
 *
 * Text limits: the model gives `Text` a length of at most 20,000 (DetectEntitiesV2, DetectPHI;
 * `BoundedLengthString`) or 10,000 (InferICD10CM, InferRxNorm, InferSNOMEDCT;
 * `OntologyLinkingBoundedLengthString`) characters; the guide words them "Maximum document size
 * (UTF-8 characters)" 20 KB / 10 KB, and gives InferSNOMEDCT 5 KB. aws-ai reads them as UTF-8
 * bytes, the strictest reading: a piece of at most N bytes has at most N code points and at most N
 * UTF-16 code units, so it fits under every way of counting.
 */

/** DetectEntitiesV2 and DetectPHI: `Text` at most 20,000 (M-CM `BoundedLengthString`; D-CMQ 20 KB). */
export const MEDICAL_DETECT_MAX_BYTES = 20_000;
/** InferICD10CM and InferRxNorm: `Text` at most 10,000 (M-CM `OntologyLinkingBoundedLengthString`; D-CMQ 10 KB). */
export const MEDICAL_INFER_MAX_BYTES = 10_000;
/** InferSNOMEDCT: the model allows 10,000 (M-CM), the guide 5 KB (D-CMQ); the stricter one. */
export const MEDICAL_SNOMEDCT_MAX_BYTES = 5_000;
/**
 * InferSNOMEDCT: 2 transactions per second by default (D-CMQ), against 40 for the other
 * operations: at most this many of its requests are in flight at once, whatever the service's
 * concurrency setting.
 */
export const MEDICAL_SNOMEDCT_CONCURRENCY = 2;
/** Comprehend Medical detects entities in English only (M-CM operation docs; D-CMQ). */
export const MEDICAL_LANGUAGES = ['en'] as const;

/**
 * The `Type`s of the PHI entities DetectPHI answers: the Developer Guide's table "Detected PHI
 * entities" (https://docs.aws.amazon.com/comprehend-medical/latest/dev/textanalysis-phi.html),
 * plus `CONTACT_POINT` and `IDENTIFIER`, the PHI types of the model's `EntitySubType` (M-CM) that
 * the first DetectEntities answered. `phi`/`redactPhi` `types` takes only these: a type DetectPHI
 * never answers would keep nothing, and `redactPhi` would return the text with its PHI in place.
 */
export const MEDICAL_PHI_TYPES = [
  'NAME',
  'AGE',
  'DATE',
  'PHONE_OR_FAX',
  'EMAIL',
  'ID',
  'URL',
  'ADDRESS',
  'PROFESSION',
  'CONTACT_POINT',
  'IDENTIFIER',
] as const;

/** StartMedicalTranscriptionJob `LanguageCode`: US English only (M-TR docs; D-TRM). */
export const MEDICAL_TRANSCRIBE_LANGUAGES = ['en-US'] as const;
/** StartMedicalTranscriptionJob `Specialty` (M-TR enum `Specialty`). */
export const MEDICAL_TRANSCRIBE_SPECIALTIES = ['PRIMARYCARE'] as const;
/** StartMedicalTranscriptionJob `Type` (M-TR enum `Type`). */
export const MEDICAL_TRANSCRIBE_TYPES = ['CONVERSATION', 'DICTATION'] as const;
/** `MediaSampleRateHertz` of medical jobs: 16,000–48,000 Hz (M-TR docs of the member; D-TRM). */
export const MEDICAL_TRANSCRIBE_SAMPLE_RATE = { min: 16_000, max: 48_000 } as const;
/** `Settings.MaxSpeakerLabels`: 2–30 (M-TR `MaxSpeakers`, range 2–30). */
export const MEDICAL_TRANSCRIBE_SPEAKERS = { min: 2, max: 30 } as const;
/** `Settings.MaxAlternatives`: 2–10 (M-TR `MaxAlternatives`). */
export const MEDICAL_TRANSCRIBE_ALTERNATIVES = { min: 2, max: 10 } as const;
/** `MedicalTranscriptionJobName`: 1–200 of `^[0-9a-zA-Z._-]+` (M-TR `TranscriptionJobName`). */
export const MEDICAL_TRANSCRIBE_JOB_NAME = /^[0-9a-zA-Z._-]{1,200}$/;
/** `OutputKey`: 1–1,024 characters (M-TR `OutputKey`). */
export const MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX = 1_024;
/** Media files Transcribe reads: at most 2 GB (Transcribe Developer Guide, data input). */
export const MEDICAL_TRANSCRIBE_MAX_MEDIA_BYTES = 2 * 1024 ** 3;

/** StartMedicalStreamTranscription `LanguageCode`: "only supports US English (en-US)" (M-TS docs of the member). */
export const MEDICAL_STREAM_LANGUAGES = ['en-US'] as const;
/** StartMedicalStreamTranscription `Specialty` (M-TS enum `Specialty`). */
export const MEDICAL_STREAM_SPECIALTIES = [
  'PRIMARYCARE',
  'CARDIOLOGY',
  'NEUROLOGY',
  'ONCOLOGY',
  'RADIOLOGY',
  'UROLOGY',
] as const;
/** StartMedicalStreamTranscription `MediaSampleRateHertz`: 16,000–48,000 Hz (M-TS docs of the member). */
export const MEDICAL_STREAM_SAMPLE_RATE = { min: 16_000, max: 48_000 } as const;
/** StartMedicalStreamTranscription `ContentIdentificationType`: `PHI` only (M-TS enum `MedicalContentIdentificationType`). */
export const MEDICAL_STREAM_CONTENT_IDENTIFICATION = 'PHI';
/** Streaming limits every Transcribe stream shares (sources in the core file). */
export {
  STREAM_CHUNK_MS,
  STREAM_IDLE_TIMEOUT_MS,
  STREAM_KEEP_ALIVE_AFTER_MS,
  STREAM_MAX_CHUNK_BYTES,
  STREAM_MAX_SESSION_MS,
} from '../core/transcribe-stream-limits';
