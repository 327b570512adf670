import type { RequestOptions } from '../config';
import type { PollInfo } from '../core/polling';
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

/** Lower-case state of a synthesis job: the least advanced of its tasks (`failed` if any failed). */
export type SpeechSynthesisState = 'scheduled' | 'in-progress' | 'completed' | 'failed';

/** What {@link SpeechSynthesisJob.status} returns. */
export interface SpeechSynthesisStatus {
  state: SpeechSynthesisState;
  /** Tasks completed so far, out of `total` (marks tasks included). */
  completed: number;
  total: number;
  /** Polly's reason of the first failed task. */
  message?: string | undefined;
}

/** What {@link SpeechSynthesisJob.wait} resolves to once every task completed. */
export interface SpeechSynthesisOutput {
  /** The audio files, one per piece in text order (`s3://…` URIs; play them in order). */
  audio: string[];
  /** The speech-marks files, one per piece, when `marks` were asked (times start at 0 in each). */
  marks?: string[] | undefined;
  /** Characters Polly billed, summed over the audio tasks. */
  characters: number;
}

/** Options of {@link SpeechSynthesisJob.wait}. */
export interface SpeechSynthesisWaitOptions extends RequestOptions {
  /** First wait between checks, in ms. @default 2000 */
  intervalMs?: number | undefined;
  /** Longest wait between checks, in ms. @default 30000 */
  maxIntervalMs?: number | undefined;
  /** Called after each check that was not done. */
  onPoll?: ((info: PollInfo) => void) | undefined;
}

/**
 * A long text being synthesized to S3 by Polly (StartSpeechSynthesisTask): one task per piece of at
 * most 100,000 billed characters.
 */
export interface SpeechSynthesisJob {
  /** The tasks, in text order. */
  readonly tasks: readonly SpeechSynthesisTask[];
  /** The voice that speaks. */
  readonly voice: string;
  /** Checks every task once (GetSpeechSynthesisTask). */
  status(options?: RequestOptions): Promise<SpeechSynthesisStatus>;
  /**
   * Polls until every task completed.
   * @throws ServiceError with code `SynthesisTaskFailed` when a task failed (Polly's reason in the message)
   */
  wait(options?: SpeechSynthesisWaitOptions): Promise<SpeechSynthesisOutput>;
}
