import type {
  TranscribeStreamAudioOptions,
  TranscriptStream,
} from '../core/transcribe-stream-input';
import type {
  CallCategoryMatch,
  CallParticipant,
  CallSentiment,
  CallSpan,
} from './call-analytics-types';
import type { Transcript } from './transcript';
import type { TranscriptWord } from './transcript-types';

/** Languages of Call Analytics streaming (the model's `CallAnalyticsLanguageCode`). */
export type CallAnalyticsStreamLanguage =
  | 'en-US'
  | 'en-GB'
  | 'es-US'
  | 'fr-CA'
  | 'fr-FR'
  | 'en-AU'
  | 'it-IT'
  | 'de-DE'
  | 'pt-BR';

/** PII types Call Analytics streaming identifies or redacts (`PiiEntityTypes`). */
export type CallAnalyticsPiiType =
  | 'BANK_ACCOUNT_NUMBER'
  | 'BANK_ROUTING'
  | 'CREDIT_DEBIT_NUMBER'
  | 'CREDIT_DEBIT_CVV'
  | 'CREDIT_DEBIT_EXPIRY'
  | 'PIN'
  | 'EMAIL'
  | 'ADDRESS'
  | 'NAME'
  | 'PHONE'
  | 'SSN'
  | 'ALL';

/**
 * Options of {@link Speech.analyzeCallStream}: the audio and pacing options of
 * `transcribeStream` (`sampleRate`, `encoding`, `chunkMs`, `pace`, `keepAlive`, `maxSessionMs`,
 * `idleTimeoutMs`, `partials`, …) for two-channel audio, plus the Call Analytics ones.
 */
export interface AnalyzeCallStreamOptions extends TranscribeStreamAudioOptions {
  /**
   * Which channel of the two-channel (interleaved) audio each participant speaks on; sent as the
   * stream's ConfigurationEvent. @default { agent: 0, customer: 1 }
   */
  channels?: { agent: 0 | 1; customer: 0 | 1 } | undefined;
  /** Language of the call. @default 'en-US' */
  language?: CallAnalyticsStreamLanguage | undefined;
  /** Custom vocabulary name. */
  vocabulary?: string | undefined;
  /** Vocabulary filter name, and how matches are shown. */
  vocabularyFilter?: { name: string; method?: 'mask' | 'remove' | 'tag' | undefined } | undefined;
  /** Custom language model name. */
  languageModel?: string | undefined;
  /**
   * Personal information: `'identify'` labels it (utterance `entities`), `'redact'` replaces it
   * in the text (`[PII]`). Transcribe applies it to finals.
   */
  pii?: 'identify' | 'redact' | undefined;
  /** The PII types `pii` applies to. @default every type (`ALL`) */
  piiTypes?: readonly CallAnalyticsPiiType[] | undefined;
  /**
   * Also run post-call analytics when the stream ends: Transcribe writes its Call Analytics output
   * (read it with `parseCallAnalytics`) to `output` with `roleArn`'s permissions.
   */
  postCall?: { output: string; roleArn: string } | undefined;
}

/** A span of an utterance that Call Analytics labelled as personal information. Times are seconds. */
export interface CallStreamEntity {
  /** The labelled words. */
  text: string;
  /** `PII`. */
  category: string;
  /** The PII type, e.g. `NAME`, `PHONE`, `CREDIT_DEBIT_NUMBER`. */
  type: string;
  start: number;
  end: number;
  confidence: number | undefined;
}

/** One utterance of a participant (Transcribe's UtteranceEvent). Times are seconds from the start of the call. */
export interface CallUtteranceEvent {
  type: 'utterance';
  /** Stable id: partials of one utterance share it with their final. */
  id: string;
  /** True while Transcribe may still revise the text; a final is never revised. */
  isPartial: boolean;
  participant: CallParticipant;
  text: string;
  start: number;
  end: number;
  /** The words, with times, confidence and `speaker` = the participant. */
  words: TranscriptWord[];
  /** Sentiment of the utterance (finals). */
  sentiment?: CallSentiment | undefined;
  /** Issues detected in the utterance: spans of `text`. */
  issues: CallSpan[];
  /** Personal information labelled with `pii: 'identify'`. */
  entities: CallStreamEntity[];
}

/** Categories whose rules matched (Transcribe's CategoryEvent), with where they matched (seconds). */
export interface CallCategoryEvent {
  type: 'category';
  categories: CallCategoryMatch[];
}

/** One event of {@link Speech.analyzeCallStream}. */
export type CallAnalyticsStreamEvent = CallUtteranceEvent | CallCategoryEvent;

/**
 * What {@link Speech.analyzeCallStream} returns: the events, plus `transcript()` of the final
 * utterances (speakers `agent` and `customer`, captions included).
 */
export interface CallAnalyticsStream
  extends TranscriptStream<CallAnalyticsStreamEvent, Transcript> {}
