import { joinWords, speakersOf } from '../core/transcript-text';
import { type Cue, formatSrt, formatVtt, toCues } from './captions';
import type {
  CaptionOptions,
  TranscriptAlternatives,
  TranscriptChannel,
  TranscriptSegment,
  TranscriptSubtitles,
  TranscriptWord,
} from './transcript-types';

/** The parts a {@link Transcript} is built from. */
export interface TranscriptData {
  text: string;
  languageCode: string | undefined;
  words: TranscriptWord[];
  segments: TranscriptSegment[];
  channels: TranscriptChannel[];
  alternatives: TranscriptAlternatives[];
  jobName?: string | undefined;
  /** Transcribe's own caption files, when `transcribe` was asked for `subtitles`. */
  subtitles?: TranscriptSubtitles | undefined;
}

/**
 * A transcription: the text, every word with its time, confidence, speaker and channel, speaker
 * turns, channels and alternatives; {@link toSrt} and {@link toVtt} make captions. Times are in
 * seconds from the start of the audio, as Transcribe reports them.
 *
 * @example
 * ```ts
 * const transcript = await ai.speech.transcribe('s3://media/interview.mp3', { speakers: 2 });
 * for (const turn of transcript.segments) console.log(`${turn.speaker}: ${turn.text}`);
 * await writeFile('interview.srt', transcript.toSrt());
 * ```
 */
export class Transcript implements TranscriptData {
  readonly text: string;
  readonly languageCode: string | undefined;
  readonly words: TranscriptWord[];
  readonly segments: TranscriptSegment[];
  readonly channels: TranscriptChannel[];
  readonly alternatives: TranscriptAlternatives[];
  readonly jobName: string | undefined;
  /** Transcribe's own caption files, when `transcribe` was asked for `subtitles`. */
  readonly subtitles: TranscriptSubtitles | undefined;

  constructor(data: TranscriptData) {
    this.text = data.text;
    this.languageCode = data.languageCode;
    this.words = data.words;
    this.segments = data.segments;
    this.channels = data.channels;
    this.alternatives = data.alternatives;
    this.jobName = data.jobName;
    this.subtitles = data.subtitles;
  }

  /** Speaker labels in order of first appearance. */
  get speakers(): string[] {
    return speakersOf(this.words);
  }

  /**
   * SubRip captions. Cues follow the words: a cue ends at a sentence end, a speaker change, a
   * silence longer than `maxGap`, or when it would exceed `maxLines` lines of `maxLineLength`
   * characters or `maxDuration` seconds; a cue shorter than `minDuration` is extended into the
   * following silence. Cues are numbered from 1, times are `HH:MM:SS,mmm`, cues never overlap.
   *
   * @example
   * ```ts
   * await writeFile('talk.srt', transcript.toSrt({ maxLineLength: 32 }));
   * ```
   */
  toSrt(options: CaptionOptions = {}): string {
    return formatSrt(this.cues(options));
  }

  /**
   * WebVTT captions, with the cue rules of {@link toSrt}; times are `HH:MM:SS.mmm` and speaker
   * labels are voice spans (`<v spk_0>`) unless `speakers: false`.
   *
   * @example
   * ```ts
   * track.src = URL.createObjectURL(new Blob([transcript.toVtt()], { type: 'text/vtt' }));
   * ```
   */
  toVtt(options: CaptionOptions = {}): string {
    return formatVtt(this.cues(options), options.speakers ?? true);
  }

  /** The cues both formats print. */
  cues(options: CaptionOptions = {}): Cue[] {
    return toCues(this.words, options);
  }

  /** Plain data (for `JSON.stringify`). */
  toJSON(): TranscriptData {
    return {
      text: this.text,
      languageCode: this.languageCode,
      words: this.words,
      segments: this.segments,
      channels: this.channels,
      alternatives: this.alternatives,
      jobName: this.jobName,
      ...(this.subtitles ? { subtitles: this.subtitles } : {}),
    };
  }
}

/** Words joined with spaces, punctuation attached to the word before (core/transcript-text.ts). */
export { joinWords };
