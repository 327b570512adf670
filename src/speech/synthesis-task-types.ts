import type { RequestOptions } from '../config';
import type { DeprecatedPollOptions, Job, JobState, JobStatus, JobWaitOptions } from '../core/job';
import type { SpeechMarkType, SpeechSynthesizeOptions } from './types';

/** Options of {@link Speech.synthesizeToS3}. */
export interface SpeechSynthesizeToS3Options extends Omit<SpeechSynthesizeOptions, 'marks'> {
  /**
   * Where Polly writes: `s3://bucket/` or `s3://bucket/prefix`. Polly names each file
   * `<prefix><taskId>.<ext>`.
   */
  output: string;
  /** Also write speech marks of these types (one `json` task per piece, `.marks` files). */
  marks?: readonly SpeechMarkType[] | undefined;
  /** SNS topic ARN Polly notifies when each task ends. */
  snsTopic?: string | undefined;
}

/** One Polly synthesis task of a {@link SpeechSynthesisJob}: one piece of the text. */
export interface SpeechSynthesisTask {
  /** Polly's task id (GetSpeechSynthesisTask). */
  id: string;
  /** The speech-marks task of the same piece, when `marks` were asked. */
  marksId?: string | undefined;
  /** UTF-16 range of the piece in the text you passed. */
  start: number;
  end: number;
}

/**
 * State of a synthesis job: the least advanced of its tasks (`failed` if any failed), as the one
 * {@link JobState} of every job (Polly's `scheduled` is `submitted`).
 * @deprecated Use `JobState`.
 */
export type SpeechSynthesisState = JobState;

/** What {@link SpeechSynthesisJob.status} returns: a {@link JobStatus} (`progress` counts tasks). */
export interface SpeechSynthesisStatus extends JobStatus {
  /** Tasks completed so far, out of `total` (marks tasks included). */
  completed: number;
  total: number;
  /** Polly's reason of the first failed task. */
  message?: string | undefined;
  /** The id of the first failed task. */
  failedTask?: string | undefined;
  /** Once every task completed: the output (as {@link SpeechSynthesisOutput}). */
  audio?: string[] | undefined;
  marks?: string[] | undefined;
  characters?: number | undefined;
}

/** What {@link SpeechSynthesisJob.result} gives (one item) once every task completed. */
export interface SpeechSynthesisOutput {
  /** The audio files, one per piece in text order (`s3://…` URIs; play them in order). */
  audio: string[];
  /** The speech-marks files, one per piece, when `marks` were asked (times start at 0 in each). */
  marks?: string[] | undefined;
  /** Characters Polly billed, summed over the audio tasks. */
  characters: number;
}

/**
 * Options of {@link SpeechSynthesisJob.wait}: the {@link JobWaitOptions} of every job
 * (`pollIntervalMs` default 2 s, `maxPollIntervalMs` default 30 s). `intervalMs`, `maxIntervalMs`
 * and `onPoll` still work, deprecated.
 */
export type SpeechSynthesisWaitOptions = JobWaitOptions &
  DeprecatedPollOptions<SpeechSynthesisStatus> & { retry?: RequestOptions['retry'] };

/**
 * A long text being synthesized to S3 by Polly (StartSpeechSynthesisTask): one task per piece of at
 * most 100,000 billed characters. The one {@link Job} type (`ref` kind `polly.synthesis`,
 * `result()` gives one {@link SpeechSynthesisOutput}); Polly has no stop operation for tasks.
 */
export interface SpeechSynthesisJob extends Job<SpeechSynthesisOutput> {
  /** The tasks, in text order. */
  readonly tasks: readonly SpeechSynthesisTask[];
  /** The voice that speaks. */
  readonly voice: string;
  /** Checks every task once (GetSpeechSynthesisTask). */
  status(options?: RequestOptions): Promise<SpeechSynthesisStatus>;
  /**
   * Polls until every task completed; resolves with the final status, which also holds the
   * output (`audio`, `marks`, `characters`).
   * @throws ServiceError with code `SynthesisTaskFailed` when a task failed (Polly's reason in the message)
   */
  wait(
    options?: SpeechSynthesisWaitOptions,
  ): Promise<SpeechSynthesisStatus & SpeechSynthesisOutput>;
  results(options?: SpeechSynthesisWaitOptions): AsyncIterable<SpeechSynthesisOutput>;
  result(options?: SpeechSynthesisWaitOptions): Promise<SpeechSynthesisOutput[]>;
}
