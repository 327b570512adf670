export type {
  CaptionOptions,
  TranscriptChannel,
  TranscriptSegment,
  TranscriptWord,
} from '../core/transcript-types';

import type { TranscriptWord } from '../core/transcript-types';

/** Alternative transcriptions of one stretch of audio (`ShowAlternatives`), best first. */
export interface TranscriptAlternatives {
  start: number;
  end: number;
  alternatives: { text: string; words: TranscriptWord[] }[];
}

/** Subtitle formats Transcribe writes next to a transcript. */
export type SubtitleFormat = 'srt' | 'vtt';

/**
 * Caption files Transcribe itself wrote for the job (`subtitles` option of `transcribe`), as text.
 * Transcribe's own cue rules apply; {@link Transcript.toSrt} / {@link Transcript.toVtt} build
 * captions locally with documented, adjustable rules instead.
 */
export interface TranscriptSubtitles {
  /** SubRip file, when `srt` was requested. */
  srt?: string | undefined;
  /** WebVTT file, when `vtt` was requested. */
  vtt?: string | undefined;
  /** Number of the first cue (0 or 1). */
  startIndex: number;
}
