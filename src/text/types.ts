import type { RequestOptions } from '../config';
import type {
  DeprecatedPollOptions,
  Job,
  JobResults,
  JobState,
  JobStatus,
  JobWaitOptions,
} from '../core/job';

/** One possible language of a text. */
export interface LanguageCandidate {
  /** RFC 5646 code as Comprehend reports it: `en`, `es`, `zh-TW`, … */
  language: string;
  /** Confidence from 0 to 1. */
  score: number;
}

/** Result of {@link Text.detectLanguage} for one text. */
export interface TextDetectLanguageResult {
  /** The most likely language. */
  language: string;
  /** Its confidence from 0 to 1. */
  score: number;
  /** Every language Comprehend reported, most likely first. */
  candidates: LanguageCandidate[];
}

/** Options of calls that take one text or an array of texts. */
export interface TextBatchOptions extends RequestOptions {
  /**
   * With an array input: `false` keeps failed items in the result array as `BatchItemError`s at
   * their index; otherwise one `BatchError` is thrown that carries every result and failure.
   * @default true
   */
  throwOnItemError?: boolean | undefined;
}

/** Options of calls that analyse text in one language. */
export interface TextLanguageOptions extends TextBatchOptions {
  /**
   * Language code of the text (`en`, `es`, …). When absent it is detected first (DetectDominantLanguage
   * for one text, BatchDetectDominantLanguage for an array: each text gets its own language).
   */
  language?: string | undefined;
}

/** The four sentiment labels, lower case. */
export type SentimentLabel = 'positive' | 'negative' | 'neutral' | 'mixed';

/** Confidence of each sentiment label, from 0 to 1. */
export interface SentimentScores {
  positive: number;
  negative: number;
  neutral: number;
  mixed: number;
}

/** Result of {@link Text.sentiment} for one text. */
export interface TextSentimentResult {
  /** The label with the highest score. */
  sentiment: SentimentLabel;
  /** Every label's score; for a split text, the byte-weighted mean over its pieces. */
  scores: SentimentScores;
  /** The language the text was analysed in (given or detected). */
  language: string;
}

/** A span of the caller's string: `text === input.slice(start, end)` (UTF-16 indices). */
export interface TextSpan {
  /** The span's text. */
  text: string;
  /** UTF-16 index of its first code unit in the input string. */
  start: number;
  /** UTF-16 index just past its last code unit in the input string. */
  end: number;
}

/** Entity types of Comprehend's built-in model. */
export type EntityType =
  | 'PERSON'
  | 'LOCATION'
  | 'ORGANIZATION'
  | 'COMMERCIAL_ITEM'
  | 'EVENT'
  | 'DATE'
  | 'QUANTITY'
  | 'TITLE'
  | 'OTHER';

/** One named entity. */
export interface TextEntity extends TextSpan {
  type: EntityType;
  /** Confidence from 0 to 1. */
  score: number;
}

/** One mention of an entity in {@link Text.targetedSentiment}: where it is and how it is spoken of. */
export interface TextTargetedMention extends TextSpan {
  /** `PERSON`, `LOCATION`, `ORGANIZATION`, `DATE`, … (targeted sentiment has its own list). */
  type: string;
  /** Confidence from 0 to 1 that this is an entity of `type`. */
  score: number;
  /** Confidence from 0 to 1 that this mention belongs to its entity. */
  groupScore: number;
  /** The sentiment expressed towards the entity in this mention. */
  sentiment: SentimentLabel;
  scores: SentimentScores;
}

/** An entity of {@link Text.targetedSentiment}: every mention of it, and the one that names it best. */
export interface TextTargetedEntity {
  /** The mention that describes the entity best (Comprehend's `DescriptiveMentionIndex`). */
  descriptive: TextTargetedMention;
  /** Every mention, in text order. */
  mentions: TextTargetedMention[];
}

/** Options of {@link Text.entities}. */
export interface TextEntitiesOptions extends TextLanguageOptions {
  /** Keep only entities of these types. @default every type */
  types?: readonly EntityType[] | undefined;
}

/** One key phrase. */
export interface TextKeyPhrase extends TextSpan {
  /** Confidence from 0 to 1. */
  score: number;
}

/** Universal part-of-speech tags DetectSyntax reports. */
export type PartOfSpeechTag =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CONJ'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'O'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB';

/** One token of {@link Text.syntax}. */
export interface TextSyntaxToken extends TextSpan {
  /** 1-based position of the token in the whole text. */
  id: number;
  partOfSpeech: PartOfSpeechTag;
  /** Confidence of the tag from 0 to 1. */
  score: number;
}

/** One PII entity: `type` is Comprehend's PII type (`NAME`, `EMAIL`, `SSN`, …). */
export interface TextPiiEntity extends TextSpan {
  type: string;
  /** Confidence from 0 to 1. */
  score: number;
}

/** Options of {@link Text.pii}. */
export interface TextPiiOptions extends TextLanguageOptions {
  /** Keep only these PII types (`NAME`, `EMAIL`, …). @default every type */
  types?: readonly string[] | undefined;
}

/** Options of {@link Text.redactPii}. */
export interface TextRedactPiiOptions extends TextPiiOptions {
  /**
   * What replaces each PII span: `'type'` writes `[TYPE]` (e.g. `[EMAIL]`), any other string is
   * written as is.
   * @default 'type'
   */
  mask?: 'type' | (string & {}) | undefined;
}

/** Result of {@link Text.redactPii}. */
export interface TextRedactPiiResult {
  /** The input with every PII span replaced. */
  text: string;
  /** The PII entities found, with offsets into the original input. */
  entities: TextPiiEntity[];
}

/** One toxicity label (`PROFANITY`, `INSULT`, `HATE_SPEECH`, …) and its score. */
export interface ToxicityLabel {
  name: string;
  /** Confidence from 0 to 1. */
  score: number;
}

/** Result of {@link Text.toxicity} for one text. */
export interface TextToxicityResult {
  /** Overall toxicity from 0 to 1; for a split text, the highest of its pieces. */
  toxicity: number;
  /** Every label, with its highest score over the text's pieces, highest first. */
  labels: ToxicityLabel[];
}

/** Options of {@link Text.translate}. */
export interface TextTranslateOptions extends TextBatchOptions {
  /** Target language code (`fr`, `de`, `zh-TW`, …). */
  to: string;
  /**
   * Source language code, or `'auto'` to let Translate detect it (through Comprehend).
   * @default 'auto'
   */
  from?: string | undefined;
  /** Formal or informal register, for targets that support it (ignored by others). */
  formality?: 'formal' | 'informal' | undefined;
  /** Mask profane words and phrases in the translation (`?$#@$`). */
  profanity?: 'mask' | undefined;
  /** Shorter translations (TranslateText only, for supported pairs). */
  brevity?: boolean | undefined;
  /**
   * Name of a custom terminology to apply (at most one per request).
   * @deprecated Use `terminologies: [name]`.
   */
  terminology?: string | undefined;
  /**
   * Custom terminologies to apply, by name (imported with `ai.text.terminology.import`).
   * Translate takes at most one per request.
   */
  terminologies?: readonly string[] | undefined;
}

/** Result of {@link Text.translate} for one text. */
export interface TextTranslateResult {
  /** The translation; pieces of a long text are joined in order with their original spacing. */
  text: string;
  /** The source language: the one given, or the one Translate detected. */
  from: string;
  /** The target language. */
  to: string;
}

/** Where a batch job reads and writes, and the role AWS uses to do it. */
export interface TextJobParams {
  /** S3 prefix or object of the input documents, e.g. `s3://my-bucket/reviews/`. */
  input: string;
  /** S3 prefix the results are written under. */
  output: string;
  /** ARN of an IAM role the service assumes to read `input` and write `output`. */
  roleArn: string;
  /** Name for the job (shown in the console). @default none */
  name?: string | undefined;
}

/** Parameters of the Comprehend `start*Job` helpers. */
export interface TextDetectionJobParams extends TextJobParams {
  /** Language of every document (jobs do not detect it). */
  language: string;
  /**
   * `one-doc-per-line`: each line of each file is a document; `one-doc-per-file`: each file is one.
   * @default 'one-doc-per-line'
   */
  format?: 'one-doc-per-line' | 'one-doc-per-file' | undefined;
}

/** Parameters of {@link Text.startPiiJob}. */
/** Parameters of {@link Text.startTargetedSentimentJob}: English only, so `language` may be left out. */
export interface TextTargetedSentimentJobParams extends Omit<TextDetectionJobParams, 'language'> {
  /** @default 'en' (the only language targeted sentiment takes) */
  language?: 'en' | undefined;
}

export interface TextPiiJobParams extends TextDetectionJobParams {
  /** `offsets` writes the PII entities; `redaction` writes redacted copies. @default 'offsets' */
  mode?: 'offsets' | 'redaction' | undefined;
}

/** Parameters of {@link Text.startTranslationJob}. */
export interface TextTranslationJobParams extends TextJobParams {
  /** Source language code, or `'auto'`. @default 'auto' */
  from?: string | undefined;
  /** Target language codes (1–10). */
  to: string | readonly string[];
  /** MIME type of the input files. @default 'text/plain' */
  contentType?: string | undefined;
  /** Name of one custom terminology to apply. */
  terminology?: string | undefined;
}

/**
 * States of Comprehend and Translate jobs: the one {@link JobState} of every aws-ai job
 * (`COMPLETED_WITH_ERROR` is `partially-completed`, `STOP_REQUESTED` is `stopping`; AWS's own word
 * is in `awsStatus`).
 * @deprecated Use `JobState`.
 */
export type TextJobState = JobState;

/** What a Comprehend or Translate job check returns: a {@link JobStatus} plus where the output is. */
export interface TextJobStatus extends JobStatus {
  /** S3 location of the results, once AWS reports it. */
  outputUri?: string | undefined;
}

/**
 * Options of {@link TextJob.wait}: the {@link JobWaitOptions} of every job. `intervalMs`,
 * `maxIntervalMs` and `onPoll` still work, deprecated (`pollIntervalMs`, `maxPollIntervalMs`,
 * `onProgress`).
 */
export type TextJobWaitOptions = JobWaitOptions & DeprecatedPollOptions<TextJobStatus>;

/**
 * A running Comprehend or Translate batch job: the one {@link Job} type of aws-ai (`id`, `ref` for
 * `ai.jobs.resume`, `status`, `wait`, `results`, `result`, `cancel`) plus `kind`.
 */
export interface TextJob<T = unknown> extends Job<T> {
  /** The AWS operation that describes it, e.g. `DescribeSentimentDetectionJob`. */
  readonly kind: string;
  /** Checks the job once. */
  status(options?: RequestOptions): Promise<TextJobStatus>;
  /**
   * Polls until the job ends; resolves with `completed` (or `partially-completed` for a translation
   * with per-file errors).
   * @throws ServiceError (code `JobFailed`) when the job failed or was stopped
   * @throws TimeoutError when `timeoutMs` passes first
   */
  wait(options?: TextJobWaitOptions): Promise<TextJobStatus>;
  /** Waits, then reads every output into an array (what `await job.results()` gave before). */
  result(options?: TextJobWaitOptions): Promise<T[]>;
  /** Stops the job (`Stop*DetectionJob` / `StopTextTranslationJob`). */
  cancel(options?: RequestOptions): Promise<void>;
}

/**
 * A Comprehend detection job: {@link TextJob} whose {@link results} reads what the job wrote.
 * `R` is the per-document result of its kind.
 */
export interface TextDetectionJob<R> extends TextJob<TextJobRecord<R>> {
  /**
   * Waits for the job (as {@link TextJob.wait}, same options), downloads its `output.tar.gz`,
   * and yields one record per document, sorted by input file and line, so records follow the
   * input's order. A document Comprehend could not analyse has `error` instead of `result`; the
   * others are unaffected. The archive is read into memory: for outputs of several GB, read
   * `outputUri` yourself. `await job.results()` still gives the array (deprecated: `job.result()`).
   *
   * @throws ValidationError for a PII job in `redaction` mode (it writes redacted copies, no records)
   * @throws ServiceError (code `JobFailed`) when the job failed; (code `MalformedOutput`) when the
   *   archive cannot be read
   * @example
   * ```ts
   * const job = await ai.text.startSentimentJob({ input, output, roleArn, language: 'en' });
   * for await (const { file, line, result, error } of job.results({ timeoutMs: 3_600_000 })) {
   *   console.log(file, line, result?.sentiment ?? error?.code);
   * }
   * ```
   */
  results(options?: TextJobWaitOptions): JobResults<TextJobRecord<R>>;
}

/** A Translate batch job: {@link TextJob} whose {@link results} reads the translated files. */
export interface TextTranslationJob extends TextJob<TextTranslationFile> {
  /**
   * Waits for the job (as {@link TextJob.wait}), lists its output folder and yields every translated
   * file: one entry per input file and target language, sorted by file and then in the order of `to`.
   * A job that ended `partially-completed` also yields one entry with `error` (and no text) for each
   * file and language Translate failed, as its `details/` files list them, so every input file
   * appears once per language. Files are read into memory; for very large outputs read `outputUri`
   * yourself. `await job.results()` still gives the array (deprecated: `job.result()`).
   *
   * @throws ServiceError (code `JobFailed`) when the job failed
   * @throws ServiceError (code `MalformedOutput`) when a `partially-completed` job's details files
   *   are missing or do not name as many failed files as they count
   * @example
   * ```ts
   * const job = await ai.text.startTranslationJob({ input, output, roleArn, to: ['fr', 'de'] });
   * for (const { file, to, text, error } of await job.result()) {
   *   console.log(file, to, error ? `failed: ${error.code}` : text?.slice(0, 80));
   * }
   * ```
   */
  results(options?: TextJobWaitOptions): JobResults<TextTranslationFile>;
}

/**
 * One file and target language of a Translate batch job: its translation, or, for a job that ended
 * `partially-completed` (AWS's `COMPLETED_WITH_ERROR`), why Translate could not translate it.
 */
export interface TextTranslationFile {
  /** The input file, relative to the input prefix (sub-folders kept). */
  file: string;
  /** The target language. */
  to: string;
  /** The translation, for `text/plain` and `text/html` jobs; `undefined` when `error` is set. */
  text: string | undefined;
  /** The file as Translate wrote it (Office documents are binary); empty when `error` is set. */
  bytes: Uint8Array;
  /**
   * Why this file was not translated into `to` (the `errorCode` and `errorMessage` of Translate's
   * `details/<to>.auxiliary-translation-details.json`); `undefined` for a translated file.
   */
  error: { code: string; message: string } | undefined;
}

/** One document's record in a detection job's output. */
export interface TextJobRecord<R> {
  /** The input file, as Comprehend names it (its key under the input prefix). */
  file: string;
  /** Zero-based line of the document, for `one-doc-per-line` input; `undefined` for `one-doc-per-file`. */
  line: number | undefined;
  /** The analysis, when the document succeeded. */
  result: R | undefined;
  /** Why the document failed, when it did (Comprehend's `ErrorCode` and `ErrorMessage`). */
  error: { code: string; message: string } | undefined;
}

/**
 * A span in a job's document. Offsets count Unicode code points of the document, as Comprehend
 * reports them (not UTF-16 indices): with the document's text `doc`,
 * `[...doc].slice(codePointStart, codePointEnd).join('')` is the span.
 */
export interface TextJobSpan {
  codePointStart: number;
  codePointEnd: number;
  /** Confidence from 0 to 1. */
  score: number;
}

/** The sentiment of one job document. */
export interface TextJobSentiment {
  sentiment: SentimentLabel;
  scores: SentimentScores;
}

/** The entities of one job document. */
export interface TextJobEntities {
  entities: Array<TextJobSpan & { text: string; type: EntityType }>;
}

/** The key phrases of one job document. */
export interface TextJobKeyPhrases {
  keyPhrases: Array<TextJobSpan & { text: string }>;
}

/** One mention in a targeted-sentiment job's document (offsets in code points, see {@link TextJobSpan}). */
export interface TextJobMention extends TextJobSpan {
  text: string;
  type: string;
  /** Confidence from 0 to 1 that this mention belongs to its entity. */
  groupScore: number;
  sentiment: SentimentLabel;
  scores: SentimentScores;
}

/** The entities of one targeted-sentiment job document, as {@link Text.targetedSentiment} returns them. */
export interface TextJobTargetedSentiment {
  entities: Array<{ descriptive: TextJobMention; mentions: TextJobMention[] }>;
}

/** The PII entities of one job document (`offsets` mode; Comprehend writes no entity text). */
export interface TextJobPiiEntities {
  entities: Array<TextJobSpan & { type: string }>;
}

/** The document formats TranslateDocument takes (its model's `ContentType` documentation). */
export type TranslateDocumentContentType =
  | 'text/plain'
  | 'text/html'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Options of {@link Text.translateDocument}. */
export interface TextTranslateDocumentOptions extends RequestOptions {
  /** Target language code (`fr`, `de`, `zh-TW`, …). */
  to: string;
  /** Source language code, or `'auto'`. @default 'auto' */
  from?: string | undefined;
  /**
   * The document's format. @default from the file extension of a path (`.txt`, `.html`/`.htm`,
   * `.docx`); required for bytes
   */
  contentType?: TranslateDocumentContentType | undefined;
  /** Formal or informal register, for targets that support it. */
  formality?: 'formal' | 'informal' | undefined;
  /** Mask profane words and phrases. */
  profanity?: 'mask' | undefined;
  /** Custom terminologies to apply, by name (at most one). */
  terminologies?: readonly string[] | undefined;
}

/** Result of {@link Text.translateDocument}. */
export interface TextTranslateDocumentResult {
  /** The translated document, in the format of the input. */
  content: Uint8Array;
  contentType: TranslateDocumentContentType;
  /** The source language: the one given, or the one Translate detected. */
  from: string;
  to: string;
  /** Names of the custom terminologies Translate applied. */
  terminologies: string[];
}

/** Formats of a custom terminology file (ImportTerminology `TerminologyData.Format`). */
export type TerminologyFormat = 'csv' | 'tmx' | 'tsv';

/** Options of `ai.text.terminology.import`. */
export interface TerminologyImportOptions extends RequestOptions {
  /** The file's format. @default from the file extension of a path, else sniffed (`<tmx` → tmx, else csv) */
  format?: TerminologyFormat | undefined;
  /** A description of the terminology (at most 256 characters). */
  description?: string | undefined;
  /**
   * `'uni'`: the first column (CSV/TSV) or the TMX `srclang` is the only source language;
   * `'multi'`: any language of the file may be the source. @default 'uni'
   */
  directionality?: 'uni' | 'multi' | undefined;
}

/** A custom terminology as Translate describes it. */
export interface Terminology {
  name: string;
  arn?: string | undefined;
  description?: string | undefined;
  from?: string | undefined;
  to: string[];
  termCount?: number | undefined;
  skippedTermCount?: number | undefined;
  sizeBytes?: number | undefined;
  format?: TerminologyFormat | undefined;
  directionality?: 'uni' | 'multi' | undefined;
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
}

/** Options of {@link Text.classify}. */
export interface TextClassifyOptions extends TextBatchOptions {
  /**
   * ARN of a custom classifier endpoint (or of Comprehend's prompt-safety classifier):
   * `arn:aws:comprehend:<region>:<account>:document-classifier-endpoint/<name>`.
   */
  endpoint: string;
}

/** One class or label with its confidence. */
export interface TextClassScore {
  name: string;
  /** Confidence from 0 to 1; for a split text, the byte-weighted mean over its pieces. */
  score: number;
}

/** Result of {@link Text.classify} for one text. */
export interface TextClassifyResult {
  /** Multi-class models: the classes, highest score first (the first is the answer). */
  classes: TextClassScore[];
  /** Multi-label models: the labels, highest score first. */
  labels: TextClassScore[];
}

/** Options of {@link Text.entities} with a custom entity recognizer endpoint. */
export interface TextCustomEntitiesOptions extends TextBatchOptions {
  /** ARN of a custom entity recognizer endpoint: `arn:aws:comprehend:<region>:<account>:entity-recognizer-endpoint/<name>`. */
  endpoint: string;
  /** Keep only entities of these (custom) types. @default every type */
  types?: readonly string[] | undefined;
}

/** One entity found by a custom recognizer: its type is one the model was trained with. */
export interface TextCustomEntity extends TextSpan {
  type: string;
  score: number;
}
