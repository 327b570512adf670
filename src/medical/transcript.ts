/**
 * The transcript model of `ai.speech`, for Transcribe Medical output. The speech module's parser
 * and captions live in src/speech, which another module may not import, and they are too large to
 * move to core/ while speech is being extended: this is the minimum reimplemented for the format
 * Transcribe Medical writes (`results.items`, `speaker_labels` matched by time, `channel_labels`),
 * with the same shapes and the same caption rules and defaults.
 */
import { ValidationError } from '../core/errors';
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

/** Words joined with spaces, punctuation attached to the word before. */
function joinWords(words: readonly MedicalTranscriptWord[]): string {
  let text = '';
  for (const w of words) text += w.type === 'punctuation' || text === '' ? w.text : ` ${w.text}`;
  return text;
}

function toWords(
  items: readonly RawItem[],
  label: (item: RawItem) => { speaker?: string; channel?: string },
): MedicalTranscriptWord[] {
  const words: MedicalTranscriptWord[] = [];
  for (const item of items) {
    const best = item.alternatives?.[0];
    const previous = words.at(-1);
    const punctuation = item.type === 'punctuation';
    const start = num(item.start_time) ?? previous?.end ?? 0;
    const labels = punctuation
      ? { speaker: previous?.speaker, channel: previous?.channel }
      : { speaker: item.speaker_label, channel: item.channel_label, ...label(item) };
    words.push({
      text: best?.content ?? '',
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
  const segments: MedicalTranscriptSegment[] = [];
  let current: MedicalTranscriptWord[] = [];
  const flush = () => {
    const first = current[0];
    if (first) {
      segments.push({
        text: joinWords(current),
        start: first.start,
        end: current.at(-1)?.end ?? first.end,
        ...(first.speaker ? { speaker: first.speaker } : {}),
        ...(first.channel ? { channel: first.channel } : {}),
        words: current,
      });
    }
    current = [];
  };
  for (const w of words) {
    const first = current[0];
    const labelled = w.speaker !== undefined || w.channel !== undefined;
    if (
      first &&
      w.type === 'pronunciation' &&
      (w.speaker !== first.speaker || w.channel !== first.channel)
    )
      flush();
    current.push(w);
    if (!labelled && w.type === 'punctuation' && /[.!?]/.test(w.text)) flush();
  }
  flush();
  return segments;
}

/**
 * Builds a {@link MedicalTranscript} from a Transcribe Medical output file (bytes, JSON text or the
 * parsed object).
 *
 * @throws ValidationError when the input is not JSON or has no `results` object
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
  if (typeof results !== 'object' || results === null) {
    throw new ValidationError(
      'The transcript has no "results" object: pass the content of a Transcribe Medical output file',
    );
  }
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
    return [...new Set(this.words.flatMap((w) => (w.speaker ? [w.speaker] : [])))];
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
    return this.cues(options)
      .map(
        (c, i) =>
          `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.lines.join('\n')}\n`,
      )
      .join('\n');
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
    const voices = options.speakers ?? true;
    const body = this.cues(options).map((c) => {
      const lines = c.lines.map((l) =>
        l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
      if (voices && c.speaker && lines[0] !== undefined) lines[0] = `<v ${c.speaker}>${lines[0]}`;
      return `${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${lines.join('\n')}\n`;
    });
    return `WEBVTT\n\n${body.join('\n')}`;
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

function stamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

interface Unit {
  text: string;
  start: number;
  end: number;
  speaker: string | undefined;
  sentenceEnd: boolean;
}

/** Greedy line filling; two lines are then balanced (the longer one as short as possible). */
function layout(units: readonly Unit[], maxLength: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    if (line !== '' && line.length + 1 + u.text.length > maxLength) {
      lines.push(line);
      line = u.text;
    } else line = line === '' ? u.text : `${line} ${u.text}`;
  }
  if (line !== '') lines.push(line);
  if (lines.length !== 2) return lines;
  let best = lines;
  for (let cut = 1; cut < units.length; cut++) {
    const first = units
      .slice(0, cut)
      .map((u) => u.text)
      .join(' ');
    const second = units
      .slice(cut)
      .map((u) => u.text)
      .join(' ');
    const worst = Math.max(first.length, second.length);
    if (worst <= maxLength && worst < Math.max(...best.map((l) => l.length)))
      best = [first, second];
  }
  return best;
}

function toCues(
  words: readonly MedicalTranscriptWord[],
  options: MedicalCaptionOptions,
): MedicalCue[] {
  const maxLineLength = options.maxLineLength ?? 42;
  const maxLines = options.maxLines ?? 2;
  const maxDuration = options.maxDuration ?? 7;
  const minDuration = options.minDuration ?? 1;
  const maxGap = options.maxGap ?? 1.5;
  const units: Unit[] = [];
  for (const w of words) {
    const last = units.at(-1);
    if (w.type === 'punctuation' && last) {
      last.text += w.text;
      last.sentenceEnd ||= /[.!?]/.test(w.text);
    } else {
      units.push({
        text: w.text,
        start: w.start,
        end: w.end,
        speaker: w.speaker ?? w.channel,
        sentenceEnd: /[.!?]$/.test(w.text),
      });
    }
  }
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  for (const u of units) {
    const first = current[0];
    const last = current.at(-1);
    if (
      first &&
      last &&
      (u.speaker !== first.speaker ||
        u.start - last.end > maxGap ||
        u.end - first.start > maxDuration ||
        layout([...current, u], maxLineLength).length > maxLines)
    ) {
      groups.push(current);
      current = [];
    }
    current.push(u);
    if (u.sentenceEnd) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  const cues: MedicalCue[] = groups.map((g) => ({
    start: g[0]?.start ?? 0,
    end: g.at(-1)?.end ?? 0,
    lines: layout(g, maxLineLength),
    ...(g[0]?.speaker ? { speaker: g[0].speaker } : {}),
  }));
  cues.forEach((cue, i) => {
    const next = cues[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    if (cue.end - cue.start < minDuration)
      cue.end = Math.max(cue.end, Math.min(cue.start + minDuration, next));
    if (cue.end > next) cue.end = next;
  });
  return cues;
}
