/**
 * The transcript model shared by aws-ai/speech (`TranscriptWord`, …) and aws-ai/medical
 * (`MedicalTranscriptWord`, …): one set of types, exported under each module's names.
 *
 * @packageDocumentation
 */

/** One word or punctuation mark of a transcript. Times are seconds from the start of the audio. */
export interface TranscriptWord {
  /** The word as transcribed (`***` when a vocabulary filter masked it). */
  text: string;
  /** `pronunciation` for words, `punctuation` for marks (which take the time of the word before). */
  type: 'pronunciation' | 'punctuation';
  start: number;
  end: number;
  /** 0–1; undefined for punctuation and partial streaming results. */
  confidence: number | undefined;
  /** Speaker label (`spk_0`) with speaker identification. */
  speaker?: string | undefined;
  /** Channel label (`ch_0`) with channel identification. */
  channel?: string | undefined;
  /** True when a vocabulary filter masked the word. */
  masked?: boolean | undefined;
}

/** A stretch of speech: a speaker turn, a channel's turn, or a sentence when neither is known. */
export interface TranscriptSegment {
  text: string;
  start: number;
  end: number;
  speaker?: string | undefined;
  channel?: string | undefined;
  words: TranscriptWord[];
}

/** Everything said on one audio channel (channel identification). */
export interface TranscriptChannel {
  /** `ch_0`, `ch_1`. */
  channel: string;
  text: string;
  words: TranscriptWord[];
}

/** Caption layout rules of a transcript's `toSrt` and `toVtt`. */
export interface CaptionOptions {
  /** Longest line in characters. @default 42 */
  maxLineLength?: number | undefined;
  /** Lines per cue. @default 2 */
  maxLines?: number | undefined;
  /** Longest cue in seconds. @default 7 */
  maxDuration?: number | undefined;
  /** Shortest cue in seconds (extended into the silence after it, never over the next cue). @default 1 */
  minDuration?: number | undefined;
  /** A silence longer than this (seconds) starts a new cue. @default 1.5 */
  maxGap?: number | undefined;
  /** WebVTT only: speaker labels as voice spans (`<v spk_0>`); SRT has no speaker syntax. @default true */
  speakers?: boolean | undefined;
}

/** One caption: its time span (seconds), its lines, and who speaks. */
export interface Cue {
  start: number;
  end: number;
  lines: string[];
  speaker?: string | undefined;
}
