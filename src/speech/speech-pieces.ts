import { splitText, utf8ByteLength, utf16ToUtf8Offset } from '../core/chunking';
import { ValidationError } from '../errors';
import { POLLY_MAX_BILLED_CHARACTERS, POLLY_MAX_TOTAL_CHARACTERS } from './limits';

/** One SynthesizeSpeech request's text and where it sits in the caller's text. @internal */
export interface SpeechPiece {
  /** What is sent (for SSML: a complete `<speak>` document). */
  text: string;
  /** UTF-8 bytes of `text` before the part copied from the original (`<speak>` + reopened tags). */
  prefixBytes: number;
  /** UTF-8 bytes of the part copied from the original. */
  bodyBytes: number;
  /** UTF-8 byte offset of that part in the original text. */
  sourceByteStart: number;
}

/** Limits of one piece; the defaults are Polly's, tests shrink them. @internal */
export interface PieceLimits {
  billed: number;
  total: number;
}

const POLLY_LIMITS: PieceLimits = {
  billed: POLLY_MAX_BILLED_CHARACTERS,
  total: POLLY_MAX_TOTAL_CHARACTERS,
};

/**
 * Plain text split at sentence, then word boundaries. The budget is counted in UTF-8 bytes, which is
 * never less than Polly's character count, so every piece is within the billed limit.
 * @internal
 */
export function plainPieces(text: string, limits: PieceLimits = POLLY_LIMITS): SpeechPiece[] {
  return splitText(text, Math.min(limits.billed, limits.total))
    .filter((chunk) => chunk.text.trim().length > 0)
    .map((chunk) => ({
      text: chunk.text,
      prefixBytes: 0,
      bodyBytes: utf8ByteLength(chunk.text),
      sourceByteStart: utf16ToUtf8Offset(text, chunk.start),
    }));
}

/** Elements whose content is one unit of pronunciation: never cut inside them. */
const ATOMIC = new Set(['say-as', 'phoneme', 'sub', 'w', 'amazon:effect', 'lang']);

interface Atom {
  /** UTF-16 range in the original. */
  start: number;
  end: number;
  billed: number;
  /** Open tags (raw) after this atom. */
  stack: readonly string[];
  /** A cut right after this atom is at a sentence end (1), a word end (2), or not allowed (0). */
  cut: 0 | 1 | 2;
}

const TOKEN = /<!--[\s\S]*?-->|<[^>]*>|[^<]+/g;
// \u escapes, not the characters (。！？… ” ’): a Lambda bundle stays ASCII, which Node reads faster.
const SENTENCE_END = /[.!?\u3002\uff01\uff1f\u2026]["'\u201d\u2019)\]]*\s*$/;

function tagName(raw: string): string {
  return /^<\/?\s*([^\s/>]+)/.exec(raw)?.[1]?.toLowerCase() ?? '';
}

function closers(stack: readonly string[]): string {
  return stack
    .map((raw) => `</${tagName(raw)}>`)
    .reverse()
    .join('');
}

function cutAllowed(stack: readonly string[]): boolean {
  return !stack.some((raw) => ATOMIC.has(tagName(raw)));
}

/** Never right after an opening tag (that would leave an empty element); preferably after a block. */
function tagCut(raw: string, stack: readonly string[]): Atom['cut'] {
  const name = tagName(raw);
  const opening = !raw.startsWith('</') && !raw.endsWith('/>') && !raw.startsWith('<!--');
  if (opening || !cutAllowed(stack)) return 0;
  const block = name === 'break' || name === 'p' || name === 's';
  return block ? 1 : 2;
}

function atomsOf(ssml: string, from: number, to: number): Atom[] {
  const atoms: Atom[] = [];
  let stack: string[] = [];
  TOKEN.lastIndex = from;
  const inner = ssml.slice(0, to);
  for (let match = TOKEN.exec(inner); match; match = TOKEN.exec(inner)) {
    const raw = match[0];
    const start = match.index;
    if (raw.startsWith('<')) {
      if (raw.startsWith('</')) {
        const name = tagName(raw);
        const at = stack.map(tagName).lastIndexOf(name);
        if (at < 0)
          throw new ValidationError(`SSML closes <${name}> that is not open: fix the markup`);
        stack = stack.slice(0, at);
      } else if (!raw.startsWith('<!--') && !raw.startsWith('<?') && !raw.endsWith('/>')) {
        stack = [...stack, raw];
      }
      atoms.push({ start, end: start + raw.length, billed: 0, stack, cut: tagCut(raw, stack) });
      continue;
    }
    // Text: one atom per word with its trailing space, so cuts fall between words.
    for (const word of raw.matchAll(/\s*\S+\s*|\s+/g)) {
      const wordStart = start + (word.index ?? 0);
      const allowed = cutAllowed(stack);
      atoms.push({
        start: wordStart,
        end: wordStart + word[0].length,
        billed: word[0].length,
        stack,
        cut: allowed ? (SENTENCE_END.test(word[0]) ? 1 : 2) : 0,
      });
    }
  }
  if (stack.length > 0) {
    throw new ValidationError(`SSML leaves <${tagName(stack.at(-1) ?? '')}> open: close it`);
  }
  return atoms;
}

/**
 * SSML split into complete `<speak>` documents under the billed and total limits: cuts fall at
 * sentence ends (or `<break>`, `</p>`, `</s>`), else between words, never inside a tag or inside
 * `say-as`/`phoneme`/`sub`/`w`/`lang`; elements open at a cut are closed and reopened in the next piece.
 * @throws ValidationError for markup that is not one `<speak>` element, unbalanced tags, or an
 *   unsplittable run longer than the limits.
 * @internal
 */
export function ssmlPieces(ssml: string, limits: PieceLimits = POLLY_LIMITS): SpeechPiece[] {
  const outer = /^\s*(<speak\b[^>]*>)([\s\S]*)<\/speak>\s*$/.exec(ssml);
  if (!outer?.[1]) {
    throw new ValidationError(
      'SSML text must be one <speak>…</speak> element; pass ssml: false to read markup as plain text',
    );
  }
  const speakOpen = outer[1];
  const innerStart = (outer.index ?? 0) + ssml.indexOf(speakOpen) + speakOpen.length;
  const innerEnd = innerStart + (outer[2]?.length ?? 0);
  const atoms = atomsOf(ssml, innerStart, innerEnd);
  const billedTotal = atoms.reduce((sum, atom) => sum + atom.billed, 0);
  if (billedTotal <= limits.billed && ssml.length <= limits.total) {
    return [{ text: ssml, prefixBytes: 0, bodyBytes: utf8ByteLength(ssml), sourceByteStart: 0 }];
  }

  const pieces: SpeechPiece[] = [];
  let first = 0;
  while (first < atoms.length) {
    const opening = first === 0 ? [] : (atoms[first - 1]?.stack ?? []);
    const prefix = speakOpen + opening.join('');
    let billed = 0;
    let length = prefix.length + '</speak>'.length;
    let sentenceCut = -1;
    let wordCut = -1;
    let last = first;
    for (; last < atoms.length; last++) {
      const atom = atoms[last] as Atom;
      billed += atom.billed;
      length += atom.end - atom.start;
      if (billed > limits.billed || length + closers(atom.stack).length > limits.total) break;
      if (atom.cut === 1) sentenceCut = last;
      else if (atom.cut === 2) wordCut = last;
    }
    const cut = last >= atoms.length ? atoms.length - 1 : sentenceCut >= 0 ? sentenceCut : wordCut;
    if (cut < first) {
      throw new ValidationError(
        `SSML has a run of more than ${limits.billed} characters with no place to split it (one word, or one say-as/phoneme/sub element): shorten it`,
      );
    }
    const start = (atoms[first] as Atom).start;
    const end = (atoms[cut] as Atom).end;
    const body = ssml.slice(start, end);
    const text = `${prefix}${body}${closers((atoms[cut] as Atom).stack)}</speak>`;
    if (body.trim().length > 0) {
      pieces.push({
        text,
        prefixBytes: utf8ByteLength(prefix),
        bodyBytes: utf8ByteLength(body),
        sourceByteStart: utf16ToUtf8Offset(ssml, start),
      });
    }
    first = cut + 1;
  }
  return pieces;
}
