import { wordRuns } from '../core/transcript-text';
import { AwsAIError, ValidationError } from '../errors';
import { joinWords, Transcript } from './transcript';
import type {
  TranscriptAlternatives,
  TranscriptChannel,
  TranscriptSegment,
  TranscriptWord,
} from './transcript-types';

/** An item of a Transcribe output file (both formats; the current one adds id and labels). */
interface RawItem {
  id?: number;
  start_time?: string;
  end_time?: string;
  type?: string;
  speaker_label?: string;
  channel_label?: string;
  vocabulary_filter_match?: boolean;
  alternatives?: { confidence?: string; content?: string }[];
  // `results.segments[].alternatives[].items` put these on the item itself.
  content?: string;
  confidence?: string;
}

interface RawSegment {
  start_time?: string;
  end_time?: string;
  speaker_label?: string;
  channel_label?: string;
  items?: (RawItem | number | string)[];
  transcript?: string;
  alternatives?: { transcript?: string; items?: RawItem[] }[];
}

interface RawResults {
  language_code?: string;
  transcripts?: { transcript?: string }[];
  items?: RawItem[];
  speaker_labels?: { segments?: RawSegment[] };
  channel_labels?: { channels?: { channel_label?: string; items?: RawItem[] }[] };
  segments?: RawSegment[];
  audio_segments?: RawSegment[];
}

const MASK = /^\*+$/;

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function timeKey(start: string | undefined, end: string | undefined): string {
  return `${start ?? ''}|${end ?? ''}`;
}

/** Items to words; punctuation takes the end time of the word before it. */
function toWords(
  items: readonly RawItem[],
  labels: {
    speaker?: (item: RawItem) => string | undefined;
    channel?: (item: RawItem) => string | undefined;
  } = {},
): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const item of items) {
    // Not an item, or a word without text: nothing to place on the timeline. (100k empty items made
    // one caption cue of 100k words, laid out again for each: minutes of CPU.)
    if (typeof item !== 'object' || item === null) continue;
    const best = item.alternatives?.[0];
    const text = best?.content ?? item.content ?? '';
    if (typeof text !== 'string' || text === '') continue;
    const confidence = seconds(best?.confidence ?? item.confidence);
    const previous = words.at(-1);
    const punctuation = item.type === 'punctuation';
    const start = seconds(item.start_time) ?? previous?.end ?? 0;
    // Punctuation has no time to look labels up by: it belongs to the word before it.
    const speaker =
      item.speaker_label ?? (punctuation ? previous?.speaker : labels.speaker?.(item));
    const channel =
      item.channel_label ?? (punctuation ? previous?.channel : labels.channel?.(item));
    words.push({
      text,
      type: punctuation ? 'punctuation' : 'pronunciation',
      start,
      end: seconds(item.end_time) ?? start,
      confidence: punctuation ? undefined : confidence,
      ...(speaker ? { speaker } : {}),
      ...(channel ? { channel } : {}),
      ...(!punctuation && (item.vocabulary_filter_match || MASK.test(text))
        ? { masked: true }
        : {}),
    });
  }
  return words;
}

function segmentOf(
  words: TranscriptWord[],
  extra: Partial<TranscriptSegment> = {},
): TranscriptSegment {
  return {
    text: joinWords(words),
    start: words[0]?.start ?? 0,
    end: words.at(-1)?.end ?? 0,
    words,
    ...extra,
  };
}

/** Consecutive words of one speaker (or channel); sentences when neither is known. */
export function segmentRuns(words: readonly TranscriptWord[]): TranscriptSegment[] {
  return wordRuns(words).map((run) =>
    segmentOf(run, { speaker: run[0]?.speaker, channel: run[0]?.channel }),
  );
}

/** Words inside each labelled time range: the older format lists turns by time, not by item. */
function byTimeRange(
  words: readonly TranscriptWord[],
  raw: readonly RawSegment[],
  label: 'speaker_label' | 'channel_label',
): TranscriptSegment[] {
  return raw.map((segment) => {
    const start = seconds(segment.start_time) ?? 0;
    const end = seconds(segment.end_time) ?? start;
    const inside = words.filter(
      (w) =>
        w.start >= start &&
        w.end <= end &&
        (w.type === 'punctuation' || w.speaker === undefined || w.speaker === segment[label]),
    );
    const speaker = label === 'speaker_label' ? segment.speaker_label : undefined;
    return { ...segmentOf(inside, { speaker }), start, end };
  });
}

function fromIds(
  words: readonly TranscriptWord[],
  ids: Map<number, TranscriptWord>,
  segment: RawSegment,
): TranscriptSegment {
  const own = (segment.items ?? []).flatMap((id) => {
    const word = ids.get(Number(id));
    return word ? [word] : [];
  });
  const start = seconds(segment.start_time) ?? own[0]?.start ?? 0;
  return {
    ...segmentOf(own.length > 0 || words.length === 0 ? own : [], {
      speaker: segment.speaker_label,
      channel: segment.channel_label,
    }),
    text: segment.transcript ?? joinWords(own),
    start,
    end: seconds(segment.end_time) ?? own.at(-1)?.end ?? start,
  };
}

function parseJson(json: unknown): { results: RawResults; jobName?: string | undefined } {
  let value = json;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError(
        'The transcript is not JSON: pass the content of a Transcribe output file',
      );
    }
  }
  const results = (value as { results?: unknown } | null)?.results;
  if (typeof results !== 'object' || results === null) {
    throw new ValidationError(
      'The transcript has no "results" object: pass the content of a Transcribe output file',
    );
  }
  const jobName = (value as { jobName?: unknown }).jobName;
  return {
    results: results as RawResults,
    jobName: typeof jobName === 'string' ? jobName : undefined,
  };
}

/**
 * Builds a {@link Transcript} from a Transcribe output file: the current format (items with
 * `id`, `speaker_label`, `audio_segments`, `language_code`) and the older one (speakers and channels
 * matched to items by time through `speaker_labels` / `channel_labels`, alternatives in `segments`).
 * Masked words (`***`, or `vocabulary_filter_match`) are flagged `masked`.
 *
 * @param json - the file's content: a string, bytes, or the parsed object.
 * @throws {@link ValidationError} when it is not JSON or has no `results`.
 * @example
 * ```ts
 * import { parseTranscript } from 'aws-ai/speech';
 * const transcript = parseTranscript(await readFile('job.json', 'utf8'));
 * console.log(transcript.speakers, transcript.toVtt());
 * ```
 */
export function parseTranscript(
  json: unknown,
  defaults: { languageCode?: string | undefined } = {},
): Transcript {
  const { results, jobName } = parseJson(json);
  checkShape(results);
  try {
    return build(results, jobName, defaults);
  } catch (err) {
    if (AwsAIError.isInstance(err)) throw err;
    // A field of the right container type holding values of another shape (an item that is a
    // number, a time that is an object): not a Transcribe output file.
    throw new ValidationError(
      'The transcript does not have the shape of a Transcribe output file (results.items, results.transcripts, …)',
      { cause: err },
    );
  }
}

/** The containers the parser walks: arrays where Transcribe writes arrays, objects where objects. */
function checkShape(results: RawResults): void {
  const r = results as Record<string, unknown>;
  const arrays = ['items', 'transcripts', 'audio_segments', 'segments'];
  for (const key of arrays) {
    if (r[key] != null && !Array.isArray(r[key])) {
      throw new ValidationError(`The transcript's results.${key} is not an array`);
    }
  }
  for (const [key, inner] of [
    ['speaker_labels', 'segments'],
    ['channel_labels', 'channels'],
  ] as const) {
    const v = r[key];
    if (v == null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      throw new ValidationError(`The transcript's results.${key} is not an object`);
    }
    const list = (v as Record<string, unknown>)[inner];
    if (list != null && !Array.isArray(list)) {
      throw new ValidationError(`The transcript's results.${key}.${inner} is not an array`);
    }
  }
}

function build(
  results: RawResults,
  jobName: string | undefined,
  defaults: { languageCode?: string | undefined },
): Transcript {
  const speakerByTime = new Map<string, string>();
  for (const segment of results.speaker_labels?.segments ?? []) {
    for (const item of segment.items ?? []) {
      if (typeof item === 'object' && item.speaker_label)
        speakerByTime.set(timeKey(item.start_time, item.end_time), item.speaker_label);
    }
  }
  const channelByItem = new Map<string, string>();
  const channels: TranscriptChannel[] = (results.channel_labels?.channels ?? []).map((raw) => {
    const channel = raw.channel_label ?? '';
    for (const item of raw.items ?? []) {
      channelByItem.set(
        `${timeKey(item.start_time, item.end_time)}|${item.alternatives?.[0]?.content ?? ''}`,
        channel,
      );
    }
    const words = toWords(raw.items ?? [], {
      channel: () => channel,
      speaker: (item) => speakerByTime.get(timeKey(item.start_time, item.end_time)),
    });
    return { channel, text: joinWords(words), words };
  });
  const items = results.items ?? [];
  const words = toWords(items, {
    speaker: (item) => speakerByTime.get(timeKey(item.start_time, item.end_time)),
    channel: (item) =>
      channelByItem.get(
        `${timeKey(item.start_time, item.end_time)}|${item.alternatives?.[0]?.content ?? ''}`,
      ),
  });

  let segments: TranscriptSegment[];
  if (results.audio_segments?.length) {
    const ids = new Map<number, TranscriptWord>();
    items.forEach((item, i) => {
      const word = words[i];
      if (item.id !== undefined && word) ids.set(item.id, word);
    });
    segments = results.audio_segments.map((segment) => fromIds(words, ids, segment));
  } else if (results.speaker_labels?.segments?.length) {
    segments = byTimeRange(words, results.speaker_labels.segments, 'speaker_label');
  } else {
    segments = segmentRuns(words);
  }

  const alternatives: TranscriptAlternatives[] = (results.segments ?? []).map((segment) => ({
    start: seconds(segment.start_time) ?? 0,
    end: seconds(segment.end_time) ?? 0,
    alternatives: (segment.alternatives ?? []).map((alt) => {
      const altWords = toWords(alt.items ?? []);
      return { text: alt.transcript ?? joinWords(altWords), words: altWords };
    }),
  }));

  const text =
    (results.transcripts ?? []).map((t) => t.transcript ?? '').join(' ') || joinWords(words);
  return new Transcript({
    text,
    languageCode: results.language_code ?? defaults.languageCode,
    words,
    segments,
    channels,
    alternatives,
    jobName,
  });
}
