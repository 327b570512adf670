import type { RequestOptions } from '../config';
import type { DeprecatedPollBlock, Job, JobWaitOptions } from '../core/job';
import type { Transcript } from './transcript';

/** A participant of an analysed call, lower-case: Transcribe's `AGENT` and `CUSTOMER`. */
export type CallParticipant = 'agent' | 'customer';

/** Sentiment of one turn (Transcribe's `Sentiment`, lower-case). */
export type CallSentiment = 'positive' | 'negative' | 'neutral' | 'mixed';

/** A span of a turn's text that Call Analytics marked (an issue, outcome or action item). */
export interface CallSpan {
  /** The marked text: `turn.text.slice(start, end)`. */
  text: string;
  /** UTF-16 offsets into the turn's `text`. */
  start: number;
  end: number;
}

/** One turn of a call: what one participant said, with its sentiment and insights. */
export interface CallTurn {
  id?: string | undefined;
  participant: CallParticipant;
  text: string;
  /** Seconds from the start of the call. */
  start: number;
  end: number;
  sentiment?: CallSentiment | undefined;
  /** Loudness per second of the turn (dB), as Transcribe measured it. */
  loudness: number[];
  issues: CallSpan[];
  outcomes: CallSpan[];
  actionItems: CallSpan[];
}

/** A category rule that matched, with where it matched (seconds). */
export interface CallCategoryMatch {
  name: string;
  at: Array<{ start: number; end: number }>;
}

/** What Call Analytics measured over the whole call. */
export interface CallCharacteristics {
  /** Seconds. */
  durationSeconds?: number | undefined;
  /** Overall sentiment score per participant, from -5 to 5. */
  sentiment: Partial<Record<CallParticipant, number>>;
  /** Seconds each participant talked. */
  talkTime: Partial<Record<CallParticipant, number>>;
  /** Average words per minute per participant. */
  talkSpeed: Partial<Record<CallParticipant, number>>;
  /** Interruptions, by who interrupted. */
  interruptions: { count: number; by: Partial<Record<CallParticipant, number>> };
  /** Seconds without speech. */
  nonTalkSeconds?: number | undefined;
}

/** A Call Analytics output file, parsed. */
export interface CallAnalysis {
  /** The words and turns as a {@link Transcript} (speaker `agent` / `customer`), with captions. */
  transcript: Transcript;
  /** Turn by turn, in time order. */
  turns: CallTurn[];
  /** Every turn's text per participant, joined. */
  byParticipant: Partial<Record<CallParticipant, string>>;
  categories: CallCategoryMatch[];
  characteristics: CallCharacteristics;
  /** The generative call summary (`summarization`), when the job asked for it. */
  summary?: string | undefined;
  jobName?: string | undefined;
}

/** Options of {@link Speech.startCallAnalysis}: what the job is. */
export interface CallAnalyticsJobOptions extends RequestOptions {
  /** Where Transcribe writes the output: `s3://bucket/prefix/`. */
  output: string;
  /** Which audio channel each participant speaks on (stereo recordings). @default { agent: 0, customer: 1 } */
  channels?: { agent: 0 | 1; customer: 0 | 1 } | undefined;
  /** Ask for the generative call summary (`Summarization`). @default false */
  summarization?: boolean | undefined;
  /** Languages the call may be in (Transcribe identifies which), e.g. `['en-US']`. */
  languages?: readonly string[] | undefined;
  /** IAM role Transcribe uses to write to `output` (needed for a bucket it cannot write to alone). */
  roleArn?: string | undefined;
  /** Job name (1–200 of letters, digits, `.`, `_`, `-`). @default a generated `aws-ai-call-<uuid>` */
  name?: string | undefined;
}

/**
 * Options of {@link Speech.analyzeCall}: the job's, plus how it is waited for (the
 * {@link JobWaitOptions} of every job: `pollIntervalMs` default 2 s, growing to `maxPollIntervalMs`
 * default 30 s, `onProgress`; `timeoutMs` and `signal` bound the whole call).
 */
export interface AnalyzeCallOptions
  extends CallAnalyticsJobOptions,
    Pick<JobWaitOptions, 'pollIntervalMs' | 'maxPollIntervalMs' | 'onProgress'> {
  /**
   * @deprecated Use the top-level `pollIntervalMs`, `maxPollIntervalMs` (and `timeoutMs`), as
   * every job method takes them.
   */
  poll?: DeprecatedPollBlock | undefined;
}

/**
 * A running Call Analytics job, as {@link Speech.startCallAnalysis} returns it: the one {@link Job}
 * type (`ref` is `{ kind: 'transcribe.call-analytics', id: name }`; `result()` gives the one
 * {@link CallAnalysis}). Transcribe has no stop operation.
 */
export interface CallAnalyticsJob extends Job<CallAnalysis> {
  /** The CallAnalyticsJobName (also `id`). */
  readonly name: string;
  /** `s3://` URI of the uploaded recording when bytes were staged (not deleted: yours to delete). */
  readonly stagedUri: string | undefined;
}
