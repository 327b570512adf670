import type { RequestOptions } from '../config';
import type { JobStatus, LegacyPollInfo } from '../core/job';
import type { TranscribeStreamAudioOptions } from '../core/transcribe-stream-input';

/** Options of every array-taking medical call. */
export interface MedicalBatchOptions extends RequestOptions {
  /**
   * With an array input: `false` keeps failed items in the result array as `BatchItemError`s at
   * their index; otherwise one `BatchError` is thrown that carries every result and failure.
   * @default true
   */
  throwOnItemError?: boolean | undefined;
}

/** Options of the Comprehend Medical text calls. */
export interface MedicalTextOptions extends MedicalBatchOptions {
  /**
   * Language of the text. Comprehend Medical reads English only, so only `en` is accepted; a text
   * that is visibly in another language (another script, or another language's common words) is
   * refused before any call either way.
   * @default 'en'
   */
  language?: 'en' | undefined;
}

/** A span of the caller's string: `input.slice(start, end) === text`. */
export interface MedicalSpan {
  /** The span's text. */
  text: string;
  /** UTF-16 index of its first code unit in the input string. */
  start: number;
  /** UTF-16 index just past its last code unit in the input string. */
  end: number;
}

/** Top-level entity categories of Comprehend Medical (`EntityType` of its model). */
export type MedicalCategory =
  | 'MEDICATION'
  | 'MEDICAL_CONDITION'
  | 'PROTECTED_HEALTH_INFORMATION'
  | 'TEST_TREATMENT_PROCEDURE'
  | 'ANATOMY'
  | 'TIME_EXPRESSION'
  | 'BEHAVIORAL_ENVIRONMENTAL_SOCIAL';

/** Traits (contextual information) of an entity or attribute (`AttributeName` of the model). */
export type MedicalTraitName =
  | 'SIGN'
  | 'SYMPTOM'
  | 'DIAGNOSIS'
  | 'NEGATION'
  | 'PERTAINS_TO_FAMILY'
  | 'HYPOTHETICAL'
  | 'LOW_CONFIDENCE'
  | 'PAST_HISTORY'
  | 'FUTURE';

/** A trait with Comprehend Medical's confidence in it. */
export interface MedicalTrait {
  name: MedicalTraitName;
  /** Confidence from 0 to 1. */
  score: number;
}

/** A concept code of an ontology (ICD-10-CM, RxNorm, SNOMED CT), best candidates first. */
export interface MedicalConcept {
  /** The code, e.g. `I10` (ICD-10-CM), `29046` (RxNorm), `38341003` (SNOMED CT). */
  code: string;
  description: string;
  /** Confidence from 0 to 1 that the code matches the entity. */
  score: number;
}

/**
 * Something said about an entity (its dosage, route, acuity, site, …), with where it is and how it
 * relates to the entity.
 */
export interface MedicalAttribute extends MedicalSpan {
  /** Id of the attribute, unique in the whole result (see {@link MedicalEntity.id}). */
  id: number;
  /** The attribute's type, e.g. `DOSAGE`, `ROUTE_OR_MODE`, `SYSTEM_ORGAN_SITE`. */
  type: string;
  /** Its category when it is an entity of its own, e.g. `ANATOMY`. */
  category?: string | undefined;
  /** Confidence from 0 to 1 that the span is this attribute. */
  score: number;
  /** How the attribute relates to its entity, e.g. `DOSAGE`, `FREQUENCY`, `SYSTEM_ORGAN_SITE`. */
  relationshipType?: string | undefined;
  /** Confidence from 0 to 1 that the attribute belongs to the entity. */
  relationshipScore?: number | undefined;
  traits: MedicalTrait[];
  /** SNOMED CT concepts of the attribute (InferSNOMEDCT only). */
  concepts?: MedicalConcept[] | undefined;
}

/** One medical entity with offsets into the caller's string. */
export interface MedicalEntity extends MedicalSpan {
  /**
   * Id of the entity: unique within one result, also when the text was split (each piece's ids are
   * shifted past the ids of the pieces before it).
   */
  id: number;
  category: MedicalCategory;
  /** The entity's type within its category, e.g. `GENERIC_NAME`, `DX_NAME`, `TEST_NAME`, `NAME`. */
  type: string;
  /** Confidence from 0 to 1. */
  score: number;
  traits: MedicalTrait[];
  attributes: MedicalAttribute[];
}

/** An entity linked to concept codes (ICD-10-CM, RxNorm or SNOMED CT), best first. */
export interface MedicalCodedEntity extends MedicalEntity {
  concepts: MedicalConcept[];
}

/** An attribute Comprehend Medical found but could not relate to an entity. */
export interface MedicalUnmappedAttribute {
  /** Category of the entity it would belong to. */
  category: MedicalCategory;
  attribute: MedicalAttribute;
}

/** What {@link Medical.entities} returns for one text. */
export interface MedicalEntitiesResult {
  /** Entities in text order. */
  entities: MedicalEntity[];
  /** Attributes that relate to no entity, in text order. */
  unmapped: MedicalUnmappedAttribute[];
  /** Model version(s) of the answers (one per distinct version when the text was split). */
  modelVersion: string | undefined;
}

/** What {@link Medical.phi} returns for one text. */
export interface MedicalPhiResult {
  /** PHI entities (`NAME`, `DATE`, `AGE`, `ID`, `PHONE_OR_FAX`, …) in text order. */
  entities: MedicalEntity[];
  modelVersion: string | undefined;
}

/** What {@link Medical.icd10cm}, {@link Medical.rxnorm} and {@link Medical.snomedct} return. */
export interface MedicalCodesResult {
  /** Entities in text order, each with its concept codes. */
  entities: MedicalCodedEntity[];
  modelVersion: string | undefined;
}

/** What {@link Medical.snomedct} returns: codes plus the SNOMED CT edition used. */
export interface MedicalSnomedResult extends MedicalCodesResult {
  /** Edition, language and version date of SNOMED CT (`SNOMEDCTDetails`). */
  snomedct:
    | {
        edition?: string | undefined;
        language?: string | undefined;
        versionDate?: string | undefined;
      }
    | undefined;
  /** Characters Comprehend Medical billed, summed over the pieces. */
  characters: number | undefined;
}

/** Options of {@link Medical.phi}. */
export interface MedicalPhiOptions extends MedicalTextOptions {
  /**
   * Keep only these PHI types, e.g. `['NAME', 'DATE']`: `NAME`, `AGE`, `DATE`, `PHONE_OR_FAX`,
   * `EMAIL`, `ID`, `URL`, `ADDRESS`, `PROFESSION` (and the older `CONTACT_POINT`, `IDENTIFIER`).
   * Any other value is a `ValidationError` before any request (a misspelt type would keep nothing,
   * and `redactPhi` would leave the PHI in place).
   */
  types?: readonly string[] | undefined;
}

/** Options of {@link Medical.redactPhi}. */
export interface MedicalRedactPhiOptions extends MedicalPhiOptions {
  /**
   * `'type'` replaces each span by `[TYPE]` (e.g. `[NAME]`); a string replaces it by that string.
   * @default 'type'
   */
  mask?: 'type' | string | undefined;
}

/** What {@link Medical.redactPhi} returns for one text. */
export interface MedicalRedactPhiResult {
  /** The text with every PHI span replaced. */
  text: string;
  /** The PHI found, with offsets into the original text. */
  entities: MedicalEntity[];
}

export type {
  CaptionOptions as MedicalCaptionOptions,
  Cue as MedicalCue,
  TranscriptChannel as MedicalTranscriptChannel,
  TranscriptSegment as MedicalTranscriptSegment,
  TranscriptWord as MedicalTranscriptWord,
} from '../core/transcript-types';

/** Options of {@link Medical.transcribe}. */
export interface MedicalTranscribeOptions extends MedicalBatchOptions {
  /**
   * Where Transcribe Medical writes the transcript: `s3://bucket/` or `s3://bucket/prefix/` (a
   * key ending in `.json` is used as the file name; any other prefix is a folder, `/` or not).
   * AWS requires a bucket of yours. Without it, the configured `staging` bucket and prefix are
   * used.
   */
  output?: string | undefined;
  /** `conversation` (clinician and patient) or `dictation` (one speaker). @default 'conversation' */
  type?: 'conversation' | 'dictation' | undefined;
  /** Medical specialty; batch jobs take `PRIMARYCARE` only. @default 'PRIMARYCARE' */
  specialty?: 'PRIMARYCARE' | undefined;
  /** Language of the audio; medical jobs take `en-US` only. @default 'en-US' */
  language?: 'en-US' | undefined;
  /** Label up to this many speakers (2–30). */
  speakers?: number | undefined;
  /** Transcribe each channel separately (channel identification). */
  channels?: boolean | undefined;
  /** Up to this many alternative transcriptions (2–10); kept in the raw output only. */
  alternatives?: number | undefined;
  /** Custom medical vocabulary name. */
  vocabulary?: string | undefined;
  /** Label PHI in the transcript (`ContentIdentificationType: PHI`). */
  identifyPhi?: boolean | undefined;
  /** Container format; detected from the bytes or the key's extension when left out. */
  format?: 'mp3' | 'mp4' | 'wav' | 'flac' | 'ogg' | 'amr' | 'webm' | 'm4a' | undefined;
  /** Sample rate of the audio (16,000–48,000 Hz for medical jobs). */
  sampleRate?: number | undefined;
  /** Prefix of the generated job name. @default 'aws-ai-medical' */
  jobNamePrefix?: string | undefined;
  /** First wait between two GetMedicalTranscriptionJob checks (it grows 1.5× up to `maxPollIntervalMs`). @default 2000 */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two checks. @default 10000 */
  maxPollIntervalMs?: number | undefined;
  /** Called after each check while the job runs, with its {@link JobStatus} (`awsStatus`: `QUEUED`, `IN_PROGRESS`). */
  onProgress?: ((status: JobStatus) => void) | undefined;
  /**
   * @deprecated Use `onProgress`. Still called after each check, with `attempt`, `status`
   * (Transcribe's word, e.g. `IN_PROGRESS`) and `elapsedMs`.
   */
  onPoll?: ((info: LegacyPollInfo) => void) | undefined;
  /**
   * Deadline for the whole call (upload, job, polling, download) in ms. A job's run time depends on
   * the audio's length: choose it for your media. @default the client's `timeoutMs`
   */
  timeoutMs?: number | undefined;
}

/**
 * Options of {@link Medical.startTranscription}: those of `transcribe` without the waiting ones
 * (the job's `wait` / `result` take them).
 */
export type MedicalTranscriptionJobOptions = Omit<
  MedicalTranscribeOptions,
  | 'pollIntervalMs'
  | 'maxPollIntervalMs'
  | 'onProgress'
  | 'onPoll'
  | 'timeoutMs'
  | 'throwOnItemError'
> & {
  /** Bounds the whole start (upload and StartMedicalTranscriptionJob together), not the job. */
  timeoutMs?: number | undefined;
};

/** Medical specialties of {@link Medical.transcribeStream} (StartMedicalStreamTranscription's `Specialty`). */
export type MedicalStreamSpecialty =
  | 'PRIMARYCARE'
  | 'CARDIOLOGY'
  | 'NEUROLOGY'
  | 'ONCOLOGY'
  | 'RADIOLOGY'
  | 'UROLOGY';

/** Options of {@link Medical.transcribeStream}: the audio and pacing options of `ai.speech.transcribeStream`, plus the medical ones. */
export interface MedicalTranscribeStreamOptions extends TranscribeStreamAudioOptions {
  /** Medical specialty of the audio. @default 'PRIMARYCARE' */
  specialty?: MedicalStreamSpecialty | undefined;
  /** `conversation` (clinician and patient) or `dictation` (one speaker). @default 'conversation' */
  type?: 'conversation' | 'dictation' | undefined;
  /** Language of the audio; Transcribe Medical takes US English (`en-US`) only. @default 'en-US' */
  language?: 'en-US' | undefined;
  /** Label speakers (`0`, `1`, …) of a conversation. @default false */
  speakers?: boolean | undefined;
  /** Interleaved channels in PCM audio (2 turns on channel identification). @default 1 */
  channels?: 1 | 2 | undefined;
  /** Custom medical vocabulary name. */
  vocabulary?: string | undefined;
  /** Label PHI in the results (`ContentIdentificationType: PHI`): finals carry `entities`. @default false */
  identifyPhi?: boolean | undefined;
}

/** A PHI span Transcribe Medical labelled in a final result (with `identifyPhi`). Times are seconds. */
export interface MedicalStreamEntity {
  /** The labelled words. */
  text: string;
  /** Transcribe Medical's category; `PHI` is the only one. */
  category: string;
  start: number;
  end: number;
  /** Confidence from 0 to 1. */
  confidence: number | undefined;
}

/** One result of {@link Medical.transcribeStream}. Times are seconds from the start of the audio. */
export interface MedicalTranscribeStreamEvent {
  /** Stable id of the result: partials of one utterance share it with their final. */
  resultId: string;
  text: string;
  /** True while Transcribe may still revise the text; a final (`false`) is never revised. */
  isPartial: boolean;
  start: number;
  end: number;
  speaker?: string | undefined;
  channel?: string | undefined;
  /** PHI labelled in the result (with `identifyPhi`; Transcribe labels finals). */
  entities: MedicalStreamEntity[];
}
