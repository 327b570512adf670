/**
 * UTF-8 byte-aware text splitting and offset conversion.
 *
 * AWS text limits count UTF-8 bytes (Comprehend 5,000 / 100,000, Translate 10,000, Polly 3,000
 * characters of billed text), while JavaScript strings index UTF-16 code units, Comprehend reports
 * offsets in code points and Polly speech marks in UTF-8 bytes. This file converts between the three
 * and cuts long text into pieces that fit a byte budget without breaking sentences where possible.
 *
 * @packageDocumentation
 */

import { ValidationError } from '../errors';

/** One piece of a split text; `text === original.slice(start, end)`. */
export interface TextChunk {
  /** The piece itself. */
  text: string;
  /** UTF-16 index of the piece's first code unit in the original string. */
  start: number;
  /** UTF-16 index just past the piece's last code unit in the original string. */
  end: number;
}

/** Options of {@link splitText}. */
export interface SplitTextOptions {
  /**
   * BCP 47 locale for sentence and word boundaries (`Intl.Segmenter`), e.g. `ja` or `de-CH`.
   * @default the runtime's default locale
   */
  locale?: string | undefined;
}

const HIGH_SURROGATE_MIN = 0xd800;
const HIGH_SURROGATE_MAX = 0xdbff;
const LOW_SURROGATE_MIN = 0xdc00;
const LOW_SURROGATE_MAX = 0xdfff;

function isLowSurrogate(code: number): boolean {
  return code >= LOW_SURROGATE_MIN && code <= LOW_SURROGATE_MAX;
}

/**
 * The number of UTF-8 bytes `text` encodes to, counted from its code units without encoding it.
 * A lone surrogate counts 3 bytes, as `TextEncoder` and `Buffer` encode it as U+FFFD.
 *
 * @example
 * ```ts
 * utf8ByteLength('héllo 👋'); // 11
 * ```
 */
export function utf8ByteLength(text: string): number {
  const n = text.length;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (
      code >= HIGH_SURROGATE_MIN &&
      code <= HIGH_SURROGATE_MAX &&
      i + 1 < n &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Largest end index such that `text.slice(start, end)` is at most `budget` UTF-8 bytes, never inside
 * a surrogate pair.
 */
function scanBudget(text: string, start: number, budget: number): number {
  const n = text.length;
  let bytes = 0;
  let i = start;
  while (i < n) {
    const code = text.charCodeAt(i);
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (
      code >= HIGH_SURROGATE_MIN &&
      code <= HIGH_SURROGATE_MAX &&
      i + 1 < n &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > budget) break;
    bytes += size;
    i += units;
  }
  return i;
}

type Granularity = 'sentence' | 'word' | 'grapheme';

const segmenterCache = new Map<string, Intl.Segmenter>();

function segmenter(locale: string | undefined, granularity: Granularity): Intl.Segmenter {
  const key = `${locale ?? ''}|${granularity}`;
  let cached = segmenterCache.get(key);
  if (!cached) {
    try {
      cached = new Intl.Segmenter(locale, { granularity });
    } catch (err) {
      throw new ValidationError(
        `Invalid locale ${JSON.stringify(locale)}: use a BCP 47 tag such as 'en' or 'ja'`,
        { cause: err },
      );
    }
    segmenterCache.set(key, cached);
  }
  return cached;
}

// V8's Intl.Segmenter costs O(length of the segmented string) per segment, so iterating a 1 MB text
// takes ~20 s and `containing()` is O(n) too. Boundaries are therefore only ever looked up in small
// windows around a cut, each with some look-ahead because a boundary depends on what follows it.
const SENTENCE_WINDOW = 2048;
const SENTENCE_LOOKAHEAD = 256;
const WORD_WINDOW = 256;
const WORD_LOOKAHEAD = 32;
const GRAPHEME_WINDOW = 64;
const GRAPHEME_LOOKAHEAD = 16;

/**
 * Last `granularity` boundary in (lo, hi], segmenting text[lo, hi + lookahead). Word segmentation
 * makes whitespace its own segment, so a boundary followed by a space is taken only when there is no
 * other: a piece then ends with its trailing space instead of the next one starting with it.
 */
function lastBoundary(
  text: string,
  granularity: Granularity,
  locale: string | undefined,
  lo: number,
  hi: number,
  lookahead: number,
): number | undefined {
  const window = text.slice(lo, Math.min(text.length, hi + lookahead));
  let found: number | undefined;
  let beforeSpace: number | undefined;
  for (const { index } of segmenter(locale, granularity).segment(window)) {
    if (index > hi - lo) break;
    if (index === 0) continue;
    if (isSpace(window.charCodeAt(index))) beforeSpace = lo + index;
    else found = lo + index;
  }
  return found ?? beforeSpace;
}

/** Last sentence boundary in (start, limit], searching back window by window. */
function sentenceCut(
  text: string,
  start: number,
  limit: number,
  locale: string | undefined,
): number | undefined {
  for (let hi = limit; hi > start; ) {
    const lo = Math.max(start, hi - SENTENCE_WINDOW);
    const cut = lastBoundary(text, 'sentence', locale, lo, hi, SENTENCE_LOOKAHEAD);
    if (cut !== undefined) return cut;
    hi = lo;
  }
  return undefined;
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

/**
 * Last word boundary in (start, limit]. Only the last {@link WORD_WINDOW} code units are segmented
 * (word segmentation is the costly one); further back, a whitespace is a good enough word boundary.
 */
function wordCut(
  text: string,
  start: number,
  limit: number,
  locale: string | undefined,
): number | undefined {
  const lo = Math.max(start, limit - WORD_WINDOW);
  const cut = lastBoundary(text, 'word', locale, lo, limit, WORD_LOOKAHEAD);
  if (cut !== undefined) return cut;
  for (let i = lo - 1; i >= start; i--) {
    if (isSpace(text.charCodeAt(i))) return i + 1 > start ? i + 1 : undefined;
  }
  return undefined;
}

function graphemeCut(
  text: string,
  start: number,
  limit: number,
  locale: string | undefined,
): number | undefined {
  const lo = Math.max(start, limit - GRAPHEME_WINDOW);
  return lastBoundary(text, 'grapheme', locale, lo, limit, GRAPHEME_LOOKAHEAD);
}

/**
 * Splits `text` into pieces of at most `maxBytes` UTF-8 bytes, in order, covering the whole string
 * (joining the pieces gives `text` back).
 *
 * Each piece holds as many whole sentences as fit. A sentence longer than `maxBytes` is cut at word
 * boundaries, a word longer than that at grapheme-cluster boundaries, and a single grapheme cluster
 * longer than that (long emoji ZWJ or combining sequences) at code points. A surrogate pair is never
 * split. Runs in linear time: bytes are counted from code units (never by encoding) and boundaries
 * are looked up only in small windows near each cut.
 *
 * @param text - the text to split.
 * @param maxBytes - byte budget per piece, at least 4 (the longest UTF-8 code point).
 * @param options - `locale` for sentence and word rules.
 * @returns the pieces with their UTF-16 `start`/`end` in `text`; `[]` for an empty string.
 * @throws {@link ValidationError} when `maxBytes` is below 4 or not a number, or `locale` is invalid.
 * @example
 * ```ts
 * for (const piece of splitText(transcript, 5000)) {
 *   const result = await detectSentiment(piece.text);
 *   // offsets in `result` are relative to piece.start
 * }
 * ```
 */
export function splitText(
  text: string,
  maxBytes: number,
  options: SplitTextOptions = {},
): TextChunk[] {
  if (typeof maxBytes !== 'number' || !(maxBytes >= 4)) {
    throw new ValidationError(
      `maxBytes must be a number of at least 4 (the longest UTF-8 code point), got ${String(maxBytes)}`,
    );
  }
  const { locale } = options;
  // Validates a given locale up front, even for text short enough to need no segmentation. Without
  // one, no segmenter is built until a cut needs it: the first Intl.Segmenter loads ICU's break
  // rules (~8 ms measured in a Lambda cold start), which a text under the limit never uses.
  if (locale !== undefined) segmenter(locale, 'sentence');
  if (text.length === 0) return [];
  if (utf8ByteLength(text) <= maxBytes) return [{ text, start: 0, end: text.length }];

  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    const limit = scanBudget(text, start, maxBytes);
    const end =
      limit >= text.length
        ? text.length
        : (sentenceCut(text, start, limit, locale) ??
          wordCut(text, start, limit, locale) ??
          graphemeCut(text, start, limit, locale) ??
          limit);
    chunks.push({ text: text.slice(start, end), start, end });
    start = end;
  }
  return chunks;
}

/** A position in a string counted three ways. */
interface Position {
  utf16: number;
  utf8: number;
  codePoint: number;
}

type Unit = keyof Position;

const UNIT_NAMES: Record<Unit, string> = {
  utf16: 'UTF-16 index',
  utf8: 'UTF-8 byte offset',
  codePoint: 'code point offset',
};

/**
 * Walks forward from `from` over whole code points while the `unit` counter stays ≤ target, so a
 * target inside a code point rounds down to its start.
 */
function walk(text: string, unit: Unit, target: number, from: Position): Position {
  const n = text.length;
  let { utf16, utf8, codePoint } = from;
  while (utf16 < n) {
    const code = text.charCodeAt(utf16);
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (
      code >= HIGH_SURROGATE_MIN &&
      code <= HIGH_SURROGATE_MAX &&
      utf16 + 1 < n &&
      isLowSurrogate(text.charCodeAt(utf16 + 1))
    ) {
      size = 4;
      units = 2;
    } else size = 3;
    const next = unit === 'utf16' ? utf16 + units : unit === 'utf8' ? utf8 + size : codePoint + 1;
    if (next > target) break;
    utf16 += units;
    utf8 += size;
    codePoint += 1;
  }
  return { utf16, utf8, codePoint };
}

function checkOffset(unit: Unit, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValidationError(
      `${UNIT_NAMES[unit]} must be a non-negative integer, got ${String(offset)}`,
    );
  }
}

function convert(text: string, unit: Unit, offset: number, from: Position): Position {
  checkOffset(unit, offset);
  const position = walk(text, unit, offset, from);
  if (position.utf16 === text.length && position[unit] < offset) {
    throw new ValidationError(
      `${UNIT_NAMES[unit]} ${offset} is past the end of the text (${position[unit]})`,
    );
  }
  return position;
}

const ORIGIN: Position = { utf16: 0, utf8: 0, codePoint: 0 };

/**
 * Converts a UTF-16 index (a JS string index) into a UTF-8 byte offset. An index inside a surrogate
 * pair rounds down to the pair's start. Linear in `index`; use {@link createOffsetMap} for many lookups.
 *
 * @throws {@link ValidationError} when `index` is negative, not an integer or past the end.
 * @example
 * ```ts
 * utf16ToUtf8Offset('é👋x', 3); // 6
 * ```
 */
export function utf16ToUtf8Offset(text: string, index: number): number {
  return convert(text, 'utf16', index, ORIGIN).utf8;
}

/**
 * Converts a UTF-8 byte offset (Polly speech marks) into a UTF-16 index. An offset inside a multi-byte
 * character rounds down to the character's start.
 *
 * @throws {@link ValidationError} when `byteOffset` is negative, not an integer or past the end.
 * @example
 * ```ts
 * utf8ToUtf16Offset('é👋x', 6); // 3
 * ```
 */
export function utf8ToUtf16Offset(text: string, byteOffset: number): number {
  return convert(text, 'utf8', byteOffset, ORIGIN).utf16;
}

/**
 * Converts a UTF-16 index into a code point offset (Comprehend `BeginOffset`/`EndOffset`). An index
 * inside a surrogate pair rounds down.
 *
 * @throws {@link ValidationError} when `index` is negative, not an integer or past the end.
 * @example
 * ```ts
 * utf16ToCodePointOffset('👋 hi', 3); // 2
 * ```
 */
export function utf16ToCodePointOffset(text: string, index: number): number {
  return convert(text, 'utf16', index, ORIGIN).codePoint;
}

/**
 * Converts a code point offset (Comprehend `BeginOffset`/`EndOffset`) into a UTF-16 index.
 *
 * @throws {@link ValidationError} when `offset` is negative, not an integer or past the end.
 * @example
 * ```ts
 * const text = '👋 hi';
 * text.slice(codePointToUtf16Offset(text, 2)); // 'hi'
 * ```
 */
export function codePointToUtf16Offset(text: string, offset: number): number {
  return convert(text, 'codePoint', offset, ORIGIN).utf16;
}

/** Offset conversions over one string, each O(log n) after an O(n) build. See {@link createOffsetMap}. */
export interface OffsetMap {
  /** Length of the text in UTF-16 code units (`text.length`). */
  readonly utf16Length: number;
  /** Length of the text in UTF-8 bytes. */
  readonly utf8Length: number;
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** Same as {@link utf16ToUtf8Offset} for this text. */
  utf16ToUtf8(index: number): number;
  /** Same as {@link utf8ToUtf16Offset} for this text. */
  utf8ToUtf16(byteOffset: number): number;
  /** Same as {@link utf16ToCodePointOffset} for this text. */
  utf16ToCodePoint(index: number): number;
  /** Same as {@link codePointToUtf16Offset} for this text. */
  codePointToUtf16(offset: number): number;
}

/** Code units between checkpoints: a lookup walks at most this far after its binary search. */
const CHECKPOINT_STEP = 64;

/**
 * Builds an {@link OffsetMap} for `text`: checkpoints every 64 code units so that each conversion is
 * a binary search plus a short walk. Use it when mapping many offsets (every entity of a Comprehend
 * result, every speech mark) over the same text.
 *
 * @throws {@link ValidationError} from the conversion methods, for negative, fractional or
 *   out-of-range offsets.
 * @example
 * ```ts
 * const map = createOffsetMap(text);
 * const entities = result.Entities.map((e) => ({
 *   start: map.codePointToUtf16(e.BeginOffset),
 *   end: map.codePointToUtf16(e.EndOffset),
 * }));
 * ```
 */
export function createOffsetMap(text: string): OffsetMap {
  const count = Math.floor(text.length / CHECKPOINT_STEP) + 1;
  const utf16 = new Float64Array(count);
  const utf8 = new Float64Array(count);
  const codePoints = new Float64Array(count);
  let position = ORIGIN;
  let stored = 1;
  for (let k = 1; k < count; k++) {
    position = walk(text, 'utf16', k * CHECKPOINT_STEP, position);
    utf16[stored] = position.utf16;
    utf8[stored] = position.utf8;
    codePoints[stored] = position.codePoint;
    stored++;
  }
  const end = walk(text, 'utf16', text.length, position);
  const columns: Record<Unit, Float64Array> = { utf16, utf8, codePoint: codePoints };

  const lookup = (unit: Unit, offset: number): Position => {
    checkOffset(unit, offset);
    const column = columns[unit];
    // Largest checkpoint whose counter is ≤ offset.
    let lo = 0;
    let hi = stored - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((column[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const from = { utf16: utf16[lo] ?? 0, utf8: utf8[lo] ?? 0, codePoint: codePoints[lo] ?? 0 };
    return convert(text, unit, offset, from);
  };

  return {
    utf16Length: text.length,
    utf8Length: end.utf8,
    codePointLength: end.codePoint,
    utf16ToUtf8: (index) => lookup('utf16', index).utf8,
    utf8ToUtf16: (byteOffset) => lookup('utf8', byteOffset).utf16,
    utf16ToCodePoint: (index) => lookup('utf16', index).codePoint,
    codePointToUtf16: (offset) => lookup('codePoint', offset).utf16,
  };
}
