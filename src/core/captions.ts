/**
 * Captions from transcript words: the cue rules and the SubRip and WebVTT formats of the
 * transcripts of aws-ai/speech and aws-ai/medical.
 *
 * @internal
 * @packageDocumentation
 */
import { describe } from '../config';
import { ValidationError } from '../errors';
import type { CaptionOptions, Cue, TranscriptWord } from './transcript-types';

/** Checks caption options: counts are integers >= 1, durations numbers (>= 0, or > 0 for maxDuration). */
function checkCaptionOptions(options: CaptionOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('caption options must be an object such as { maxLineLength: 32 }');
  }
  const o = options as Record<string, unknown>;
  for (const key of ['maxLineLength', 'maxLines']) {
    const v = o[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
      throw new ValidationError(`${key} must be an integer >= 1, got ${describe(v)}`);
    }
  }
  for (const [key, min, finite] of [
    ['maxDuration', 0, false],
    ['minDuration', 0, true],
    ['maxGap', 0, false],
  ] as const) {
    const v = o[key];
    const ok =
      typeof v === 'number' &&
      (key === 'maxDuration' ? v > min : v >= min) &&
      (!finite || Number.isFinite(v));
    if (v !== undefined && !ok) {
      throw new ValidationError(
        `${key} must be a ${finite ? 'finite ' : ''}number of seconds ${key === 'maxDuration' ? '> 0' : '>= 0'}, got ${describe(v)}`,
      );
    }
  }
  if (o.speakers !== undefined && typeof o.speakers !== 'boolean') {
    throw new ValidationError(`speakers must be true or false, got ${describe(o.speakers)}`);
  }
}

const DEFAULTS = { maxLineLength: 42, maxLines: 2, maxDuration: 7, minDuration: 1, maxGap: 1.5 };

// Sentence-ending marks, Latin and CJK (。？！), written as \u escapes so that a Lambda bundle of
// this code stays ASCII (Node decodes and V8 scans an ASCII source faster).
const SENTENCE_MARK = /[.!?\u3002\uff1f\uff01]/;

/** A word with the punctuation that follows it: captions never separate the two. */
interface Unit {
  text: string;
  start: number;
  end: number;
  speaker: string | undefined;
  sentenceEnd: boolean;
}

function unitsOf(words: readonly TranscriptWord[]): Unit[] {
  const units: Unit[] = [];
  for (const word of words) {
    const last = units.at(-1);
    if (word.type === 'punctuation' && last) {
      last.text += word.text;
      last.sentenceEnd ||= SENTENCE_MARK.test(word.text);
      continue;
    }
    units.push({
      text: word.text,
      start: word.start,
      end: word.end,
      speaker: word.speaker ?? word.channel,
      sentenceEnd: SENTENCE_MARK.test(word.text.slice(-1)),
    });
  }
  return units;
}

/** Greedy line filling; two lines are then balanced (the longer one as short as possible). */
function layout(units: readonly Unit[], maxLength: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    if (line !== '' && line.length + 1 + unit.text.length > maxLength) {
      lines.push(line);
      line = unit.text;
    } else line = line === '' ? unit.text : `${line} ${unit.text}`;
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

/**
 * Caption cues from transcript words (rules documented on the transcripts' `toSrt`). A single word
 * longer than a line stays whole on its own line.
 * @internal
 */
export function toCues(words: readonly TranscriptWord[], options: CaptionOptions = {}): Cue[] {
  checkCaptionOptions(options);
  const rules = {
    maxLineLength: options.maxLineLength ?? DEFAULTS.maxLineLength,
    maxLines: options.maxLines ?? DEFAULTS.maxLines,
    maxDuration: options.maxDuration ?? DEFAULTS.maxDuration,
    minDuration: options.minDuration ?? DEFAULTS.minDuration,
    maxGap: options.maxGap ?? DEFAULTS.maxGap,
  };
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  const flush = (): void => {
    if (current.length > 0) groups.push(current);
    current = [];
  };
  for (const unit of unitsOf(words)) {
    const first = current[0];
    const last = current.at(-1);
    if (
      first &&
      last &&
      (unit.speaker !== first.speaker ||
        unit.start - last.end > rules.maxGap ||
        unit.end - first.start > rules.maxDuration ||
        layout([...current, unit], rules.maxLineLength).length > rules.maxLines)
    ) {
      flush();
    }
    current.push(unit);
    if (unit.sentenceEnd) flush();
  }
  flush();
  const cues = groups.map((group) => ({
    start: group[0]?.start ?? 0,
    end: group.at(-1)?.end ?? 0,
    lines: layout(group, rules.maxLineLength),
    speaker: group[0]?.speaker,
  }));
  cues.forEach((cue, i) => {
    const next = cues[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    if (cue.end - cue.start < rules.minDuration)
      cue.end = Math.max(cue.end, Math.min(cue.start + rules.minDuration, next));
    if (cue.end > next) cue.end = next;
  });
  return cues;
}

function timestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, a blank line after each. @internal */
export function formatSrt(cues: readonly Cue[]): string {
  return cues
    .map(
      (cue, i) =>
        `${i + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.lines.join('\n')}\n`,
    )
    .join('\n');
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WebVTT: `WEBVTT` header, `HH:MM:SS.mmm --> HH:MM:SS.mmm`, text escaped, voice spans. @internal */
export function formatVtt(cues: readonly Cue[], speakers: boolean): string {
  const body = cues.map((cue) => {
    const lines = cue.lines.map(escapeVtt);
    if (speakers && cue.speaker && lines[0] !== undefined)
      lines[0] = `<v ${cue.speaker}>${lines[0]}`;
    return `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${lines.join('\n')}\n`;
  });
  return `WEBVTT\n\n${body.join('\n')}`;
}
