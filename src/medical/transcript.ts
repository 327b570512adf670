/**
 * The transcript model of `ai.speech`, for Transcribe Medical output: the types, captions and word
 * joining are core's (core/transcript-types.ts, core/captions.ts, core/transcript-text.ts); the
 * parser here reads the format Transcribe Medical writes (`results.items`, `speaker_labels`
 * matched by time, `channel_labels`).
 */
import { formatSrt, formatVtt, toCues } from '../core/captions';
import { joinWords, speakersOf, wordRuns } from '../core/transcript-text';
import { ValidationError } from '../errors';
import type {
  MedicalCaptionOptions,
  MedicalCue,
  MedicalTranscriptChannel,
  MedicalTranscriptSegment,
  MedicalTranscriptWord,
} from './types';

/** The parts a {@link MedicalTranscript} is built from. */
export interface MedicalTranscriptData {
  text: string;
  languageCode: string | undefined;
  words: MedicalTranscriptWord[];
  segments: MedicalTranscriptSegment[];
  channels: MedicalTranscriptChannel[];
  jobName?: string | undefined;
}

interface RawItem {
  start_time?: string;
  end_time?: string;
  type?: string;
  speaker_label?: string;
  channel_label?: string;
  alternatives?: { confidence?: string; content?: string }[];
}
interface RawResults {
  transcripts?: { transcript?: string }[];
  items?: RawItem[];
  speaker_labels?: {
    segments?: {
      start_time?: string;
      end_time?: string;
      speaker_label?: string;
      items?: RawItem[];
    }[];
  };
  channel_labels?: { channels?: { channel_label?: string; items?: RawItem[] }[] };
}

const num = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : undefined;
};
const key = (item: RawItem) => `${item.start_time ?? ''}|${item.end_time ?? ''}`;

function toWords(
  items: readonly RawItem[],
  label: (item: RawItem) => { speaker?: string; channel?: string },
): MedicalTranscriptWord[] {
  const words: MedicalTranscriptWord[] = [];
  for (const item of items) {
    // Not an item, or a word without text: nothing to place on the timeline (see speech's parser).
    if (typeof item !== 'object' || item === null) continue;
    const best = item.alternatives?.[0];
    const text = best?.content;
    if (typeof text !== 'string' || text === '') continue;
    const previous = words.at(-1);
    const punctuation = item.type === 'punctuation';
    const start = num(item.start_time) ?? previous?.end ?? 0;
    // An item's own label wins over the one matched by time: words of two channels (or two
    // speakers) can share their times exactly, and the time match then holds only the last one.
    const labels = punctuation
      ? { speaker: previous?.speaker, channel: previous?.channel }
      : {
          ...label(item),
          ...(item.speaker_label ? { speaker: item.speaker_label } : {}),
          ...(item.channel_label ? { channel: item.channel_label } : {}),
        };
    words.push({
      text,
      type: punctuation ? 'punctuation' : 'pronunciation',
      start,
      end: num(item.end_time) ?? start,
      confidence: punctuation ? undefined : num(best?.confidence),
      ...(labels.speaker ? { speaker: labels.speaker } : {}),
      ...(labels.channel ? { channel: labels.channel } : {}),
    });
  }
  return words;
}

/** Consecutive words of one speaker (or channel); sentences when neither is known. */
function segmentRuns(words: readonly MedicalTranscriptWord[]): MedicalTranscriptSegment[] {
  return wordRuns(words).map((run) => {
    const first = run[0] as MedicalTranscriptWord;
    return {
      text: joinWords(run),
      start: first.start,
      end: run.at(-1)?.end ?? first.end,
      ...(first.speaker ? { speaker: first.speaker } : {}),
      ...(first.channel ? { channel: first.channel } : {}),
      words: run,
    };
  });
}

/**
 * Builds a {@link MedicalTranscript} from a Transcribe Medical output file (bytes, JSON text or the
 * parsed object).
 *
 * @throws ValidationError when the input is not JSON, has no `results` object, or has fields of
 *   another shape (never a `TypeError`)
 * @example
 * ```ts
 * const transcript = parseMedicalTranscript(await readFile('visit.json'));
 * ```
 */
export function parseMedicalTranscript(json: unknown): MedicalTranscript {
  let value = json;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError(
        'The transcript is not JSON: pass the content of a Transcribe Medical output file',
      );
    }
  }
  const results = (value as { results?: unknown } | null)?.results as RawResults | undefined;
  if (typeof results !== 'object' || results === null || Array.isArray(results)) {
    throw new ValidationError(
      'The transcript has no "results" object: pass the content of a Transcribe Medical output file',
    );
  }
  checkShape(results);
  try {
    return build(value, results);
  } catch (err) {
    // A container of the right type holding values of another shape (a segment that is a number,
    // a time that is an object): not a Transcribe Medical output file. Never a bare TypeError.
    throw new ValidationError(
      'The transcript does not have the shape of a Transcribe Medical output file (results.items, results.transcripts, …)',
      { cause: err },
    );
  }
}

/** The containers the parser walks: arrays where Transcribe Medical writes arrays, objects where objects. */
function checkShape(results: RawResults): void {
  const r = results as Record<string, unknown>;
  for (const name of ['items', 'transcripts']) {
    if (r[name] != null && !Array.isArray(r[name])) {
      throw new ValidationError(`The transcript's results.${name} is not an array`);
    }
  }
  for (const [name, inner] of [
    ['speaker_labels', 'segments'],
    ['channel_labels', 'channels'],
  ] as const) {
    const v = r[name];
    if (v == null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      throw new ValidationError(`The transcript's results.${name} is not an object`);
    }
    const list = (v as Record<string, unknown>)[inner];
    if (list != null && !Array.isArray(list)) {
      throw new ValidationError(`The transcript's results.${name}.${inner} is not an array`);
    }
  }
}

function build(value: unknown, results: RawResults): MedicalTranscript {
  const speakerByTime = new Map<string, string>();
  for (const segment of results.speaker_labels?.segments ?? []) {
    for (const item of segment.items ?? []) {
      const speaker = item.speaker_label ?? segment.speaker_label;
      if (speaker) speakerByTime.set(key(item), speaker);
    }
  }
  const channelByTime = new Map<string, string>();
  const channels: MedicalTranscriptChannel[] = (results.channel_labels?.channels ?? []).map(
    (raw) => {
      const channel = raw.channel_label ?? '';
      for (const item of raw.items ?? []) channelByTime.set(key(item), channel);
      const words = toWords(raw.items ?? [], () => ({ channel }));
      return { channel, text: joinWords(words), words };
    },
  );
  const lookup = (item: RawItem) => {
    const speaker = speakerByTime.get(key(item));
    const channel = channelByTime.get(key(item));
    return { ...(speaker ? { speaker } : {}), ...(channel ? { channel } : {}) };
  };
  const words = toWords(results.items ?? [], lookup);
  const jobName = (value as { jobName?: unknown }).jobName;
  return new MedicalTranscript({
    text: (results.transcripts ?? []).map((t) => t.transcript ?? '').join(' ') || joinWords(words),
    languageCode: 'en-US',
    words,
    segments: segmentRuns(words),
    channels,
    jobName: typeof jobName === 'string' ? jobName : undefined,
  });
}

/**
 * Builds a {@link MedicalTranscript} from words (the finals of `transcribeStream`): speaker or
 * channel turns, and one entry per channel when the words carry channels. @internal
 */
export function medicalTranscriptOf(
  words: MedicalTranscriptWord[],
  languageCode: string | undefined,
): MedicalTranscript {
  const byChannel = new Map<string, MedicalTranscriptWord[]>();
  for (const word of words) {
    if (word.channel !== undefined) {
      const list = byChannel.get(word.channel) ?? [];
      list.push(word);
      byChannel.set(word.channel, list);
    }
  }
  return new MedicalTranscript({
    text: joinWords(words),
    languageCode,
    words,
    segments: segmentRuns(words),
    channels: [...byChannel].map(([channel, list]) => ({
      channel,
      text: joinWords(list),
      words: list,
    })),
  });
}

/**
 * A medical transcription: the text, every word with its time, confidence, speaker and channel,
 * speaker turns and channels; {@link toSrt} and {@link toVtt} make captions with the rules of
 * `ai.speech`'s `Transcript`.
 *
 * @example
 * ```ts
 * const t = await ai.medical.transcribe('s3://clinic/visit.wav', { speakers: 2, output: 's3://clinic/out/' });
 * for (const turn of t.segments) console.log(`${turn.speaker}: ${turn.text}`);
 * ```
 */
export class MedicalTranscript implements MedicalTranscriptData {
  readonly text: string;
  readonly languageCode: string | undefined;
  readonly words: MedicalTranscriptWord[];
  readonly segments: MedicalTranscriptSegment[];
  readonly channels: MedicalTranscriptChannel[];
  readonly jobName: string | undefined;

  constructor(data: MedicalTranscriptData) {
    this.text = data.text;
    this.languageCode = data.languageCode;
    this.words = data.words;
    this.segments = data.segments;
    this.channels = data.channels;
    this.jobName = data.jobName;
  }

  /** Speaker labels in order of first appearance. */
  get speakers(): string[] {
    return speakersOf(this.words);
  }

  /**
   * SubRip captions: a cue ends at a sentence end, a speaker change, a silence over `maxGap`, or
   * when it would exceed `maxLines` lines of `maxLineLength` characters or `maxDuration` seconds.
   *
   * @example
   * ```ts
   * await writeFile('visit.srt', transcript.toSrt({ maxLineLength: 32 }));
   * ```
   */
  toSrt(options: MedicalCaptionOptions = {}): string {
    return formatSrt(this.cues(options));
  }

  /**
   * WebVTT captions with the cue rules of {@link toSrt}; speaker labels as voice spans unless
   * `speakers: false`.
   *
   * @example
   * ```ts
   * await writeFile('visit.vtt', transcript.toVtt());
   * ```
   */
  toVtt(options: MedicalCaptionOptions = {}): string {
    return formatVtt(this.cues(options), options.speakers ?? true);
  }

  /**
   * The cues both caption formats print.
   *
   * @example
   * ```ts
   * const longest = Math.max(...transcript.cues().map((c) => c.end - c.start));
   * ```
   */
  cues(options: MedicalCaptionOptions = {}): MedicalCue[] {
    return toCues(this.words, options);
  }

  /**
   * Plain data (for `JSON.stringify`).
   *
   * @example
   * ```ts
   * await writeFile('visit.json', JSON.stringify(transcript));
   * ```
   */
  toJSON(): MedicalTranscriptData {
    return {
      text: this.text,
      languageCode: this.languageCode,
      words: this.words,
      segments: this.segments,
      channels: this.channels,
      jobName: this.jobName,
    };
  }
}
