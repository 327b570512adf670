import type { RequestOptions } from '../config';
import type { Job, JobStatus, LegacyPollInfo } from '../core/job';
import type { TranscribeStreamAudioOptions } from '../core/transcribe-stream-input';
import type { Transcript } from './transcript';
import type { SubtitleFormat } from './transcript-types';

/** Polly engines. */
export type SpeechEngine = 'standard' | 'neural' | 'long-form' | 'generative';

/** One Polly voice, as {@link Speech.voices} returns it. */
export interface Voice {
  /** Voice id to pass as `voice`, e.g. `Joanna`. */
  id: string;
  /** Display name. */
  name: string;
  gender: 'Female' | 'Male' | undefined;
  /** Language code, e.g. `en-US`. */
  language: string;
  /** Language name, e.g. `US English`. */
  languageName: string;
  /** Other languages the voice speaks (bilingual voices). */
  additionalLanguages: string[];
  /** Engines that support the voice. */
  engines: SpeechEngine[];
}

/** Filters and options of {@link Speech.voices}. */
export interface SpeechVoicesOptions extends RequestOptions {
  /** Only voices that speak this language (`en-US`, `es-ES`, …). */
  language?: string | undefined;
  /** Only voices that support this engine. */
  engine?: SpeechEngine | undefined;
}

/** Audio formats of {@link Speech.synthesize}. */
export type SpeechAudioFormat = 'mp3' | 'ogg_vorbis' | 'ogg_opus' | 'pcm' | 'mulaw' | 'alaw';

/** Speech mark types. */
export type SpeechMarkType = 'sentence' | 'word' | 'viseme' | 'ssml';

/** Options shared by {@link Speech.synthesize}, {@link Speech.synthesizeStream} and {@link Speech.speechMarks}. */
export interface SpeechVoiceOptions extends RequestOptions {
  /**
   * Polly voice id, e.g. `Joanna`.
   * @default with `language`, the first voice of `voices()` that speaks it and supports the
   *   engine (`standard` when none is given); else 'Joanna'
   */
  voice?: string | undefined;
  /** Engine. @default Polly's default (`standard`) */
  engine?: SpeechEngine | undefined;
  /** The text is SSML (`<speak>…</speak>`). @default detected: text starting with `<speak` */
  ssml?: boolean | undefined;
  /** Pronunciation lexicon names (≤ 5). */
  lexicons?: readonly string[] | undefined;
  /** Language to speak: picks the voice when none is given; for bilingual voices (`en-IN` for Aditi) it selects the language. */
  language?: string | undefined;
}

/** Options of {@link Speech.synthesize} and {@link Speech.synthesizeStream}. */
export interface SpeechSynthesizeOptions extends SpeechVoiceOptions {
  /** Audio format. @default 'mp3' */
  format?: SpeechAudioFormat | undefined;
  /** Sample rate in Hz; the allowed values depend on `format`. @default Polly's default for the format and engine */
  sampleRate?: number | undefined;
  /**
   * Also return speech marks of these types, re-based onto the joined audio (one extra `json`
   * request per piece). Not with the generative engine. For split text the times are shifted by
   * the measured audio of the pieces before (Ogg by its pages); audio that cannot be measured is a
   * `ServiceError` (`UnmeasurableAudio`).
   */
  marks?: readonly SpeechMarkType[] | undefined;
}

/** Result of {@link Speech.synthesize}. */
export interface SpeechSynthesizeResult {
  /** The whole audio, pieces joined in order. */
  audio: Uint8Array;
  /** `audio/mpeg`, `audio/ogg`, `audio/pcm`, … */
  contentType: string;
  /** Characters Polly billed, summed over the pieces. */
  characters: number;
  /** One request id per SynthesizeSpeech call (audio calls, in piece order). */
  requestIds: string[];
  /** Number of pieces the text was split into. */
  pieces: number;
  /** The voice that spoke: the one given, or the one chosen for `language`. */
  voice: string;
  /** Duration of `audio` in milliseconds, computed from the data (undefined for Ogg). */
  durationMs: number | undefined;
  /** Speech marks, when `marks` was given. */
  marks?: SpeechMark[] | undefined;
}

/** Options of {@link Speech.speechMarks}. */
export interface SpeechMarksOptions extends SpeechVoiceOptions {
  /** Mark types (≤ 4). `ssml` needs SSML input. @default ['word'] */
  types?: readonly SpeechMarkType[] | undefined;
}

/**
 * One speech mark, with Polly's field names. `time` is milliseconds from the start of the audio;
 * `start`/`end` are UTF-8 byte offsets into the text you passed (not UTF-16 indexes).
 */
export interface SpeechMark {
  time: number;
  type: SpeechMarkType;
  start: number;
  end: number;
  value: string;
}

/** Audio encodings Transcribe Streaming accepts. */
export type { StreamAudioEncoding } from '../core/transcribe-stream-input';

/**
 * Options of {@link Speech.transcribeStream}: the audio, pacing and session options every
 * Transcribe stream takes (`sampleRate`, `encoding`, `partials`, `chunkMs`, `pace`, `keepAlive`,
 * `maxSessionMs`, `sleep`, `idleTimeoutMs`: {@link TranscribeStreamAudioOptions}), plus these.
 */
export interface TranscribeStreamOptions extends TranscribeStreamAudioOptions {
  /** Language of the audio. @default 'en-US' unless `identifyLanguage` is given */
  language?: string | undefined;
  /**
   * Let Transcribe pick among these languages (2–5 codes, one dialect per language: not `en-US`
   * with `en-AU`) instead of `language`.
   */
  identifyLanguage?: readonly string[] | undefined;
  /** Label speakers (`spk_0`, …). @default false */
  speakers?: boolean | undefined;
  /** Interleaved channels in PCM audio (2 turns on channel identification). @default 1 */
  channels?: number | undefined;
  /** Custom vocabulary name. */
  vocabulary?: string | undefined;
  /** Vocabulary filter name, and how matches are shown. */
  vocabularyFilter?: { name: string; method?: 'mask' | 'remove' | 'tag' | undefined } | undefined;
}

/** One result of {@link Speech.transcribeStream}. Times are seconds from the start of the audio. */
export interface TranscribeStreamEvent {
  /** Stable id of the result: partials of one utterance share it with their final. */
  resultId: string;
  text: string;
  /** True while Transcribe may still revise the text; a final (`false`) is never revised. */
  isPartial: boolean;
  start: number;
  end: number;
  speaker?: string | undefined;
  channel?: string | undefined;
  languageCode?: string | undefined;
}

/** Media formats of {@link Speech.transcribe}. */
export type TranscribeMediaFormat = 'mp3' | 'mp4' | 'wav' | 'flac' | 'ogg' | 'amr' | 'webm' | 'm4a';

/** Options of {@link Speech.transcribe}. */
export interface TranscribeOptions extends RequestOptions {
  /** Language of the audio, e.g. `en-US`. Give this or `identifyLanguage`. */
  language?: string | undefined;
  /** Let Transcribe identify the language: `true`, or the candidate codes (2–5… see AWS). */
  identifyLanguage?: boolean | readonly string[] | undefined;
  /** Label up to this many speakers (2–30). */
  speakers?: number | undefined;
  /** Transcribe each channel separately (channel identification). */
  channels?: boolean | undefined;
  /** Also return up to this many alternative transcriptions (2–10). */
  alternatives?: number | undefined;
  /** Custom vocabulary name. */
  vocabulary?: string | undefined;
  /** Vocabulary filter name, and how matches are shown (`mask` writes `***`). */
  vocabularyFilter?: { name: string; method?: 'mask' | 'remove' | 'tag' | undefined } | undefined;
  /** Redact personal information (names, numbers, …) from the transcript. */
  redactPii?: boolean | undefined;
  /** Container format; detected from the bytes or the key's extension when left out. */
  format?: TranscribeMediaFormat | undefined;
  /** Sample rate of the audio (8,000–48,000); it must match the audio or the job fails. */
  sampleRate?: number | undefined;
  /**
   * Also have Transcribe write caption files and return their text as `transcript.subtitles`:
   * `true` for SRT and WebVTT numbered from 1, or the formats and the first cue's number (0 or 1;
   * Transcribe's own default is 0, 1 is what most players expect).
   * @default no subtitle files
   */
  subtitles?:
    | boolean
    | {
        formats?: readonly SubtitleFormat[] | undefined;
        startIndex?: 0 | 1 | undefined;
      }
    | undefined;
  /** Prefix of the generated job name. @default 'aws-ai' */
  jobNamePrefix?: string | undefined;
  /** First wait between two GetTranscriptionJob checks (it grows 1.5× up to `maxPollIntervalMs`). @default 2000 */
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
   * Deadline for the whole job (upload, polling, download) in ms. A job's run time depends on the
   * audio's length, which aws-ai does not know: choose it for your media. @default no deadline
   */
  timeoutMs?: number | undefined;
}

/** Options of {@link Speech.startTranscription}: those of `transcribe` without the waiting ones. */
export type TranscriptionJobOptions = Omit<
  TranscribeOptions,
  'pollIntervalMs' | 'maxPollIntervalMs' | 'onProgress' | 'onPoll' | 'timeoutMs'
> & {
  /** Bounds the whole start (upload and StartTranscriptionJob together), not the job. */
  timeoutMs?: number | undefined;
};

/**
 * A running Transcribe job, as {@link Speech.startTranscription} returns it: the one {@link Job}
 * type (`ref` is `{ kind: 'transcribe.transcription', id: name }`; `result()` gives the one
 * {@link Transcript}, as `speech.transcribe` returns it). Transcribe has no stop operation.
 */
export interface TranscriptionJob extends Job<Transcript> {
  /** The TranscriptionJobName (also `id`). */
  readonly name: string;
  /** `s3://` URI of the uploaded audio when bytes were staged (not deleted: yours to delete). */
  readonly stagedUri: string | undefined;
}
