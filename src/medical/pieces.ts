import { createOffsetMap, splitText } from '../core/chunking';
import type { MedicalSpan } from './types';

/** One piece of one input text, as sent to Comprehend Medical. */
export interface Piece {
  /** Index of the text in the caller's input. */
  doc: number;
  /** The piece itself. */
  text: string;
  /** UTF-16 index of the piece in its text. */
  start: number;
}

/**
 * The pieces of every text, each at most `maxBytes` UTF-8 bytes, cut at sentence ends where
 * possible (core/chunking.ts), in input order.
 */
export function toPieces(texts: readonly string[], maxBytes: number): Piece[] {
  return texts.flatMap((text, doc) =>
    splitText(text, maxBytes).map((c) => ({ doc, text: c.text, start: c.start })),
  );
}

/** AWS span fields (offsets in code points of the sent text). */
export interface AwsSpan {
  BeginOffset?: number | undefined;
  EndOffset?: number | undefined;
  Text?: string | undefined;
}

/**
 * Converts Comprehend Medical spans to spans of the caller's string. Its model says `BeginOffset`
 * and `EndOffset` are "the 0-based character offset … The offset returns the UTF-8 code point in
 * the string": code points of the piece it received, while JavaScript indexes UTF-16 code units.
 * Every astral character (emoji, some CJK) before a span shifts it by one more unit; the piece's
 * own position in the caller's text is added.
 */
export function spanMapper(piece: Piece): (span: AwsSpan) => MedicalSpan {
  const map = createOffsetMap(piece.text);
  // An offset outside the piece would be a service fault, not the caller's: clamp, never throw.
  const at = (offset: number | undefined) =>
    map.codePointToUtf16(Math.min(Math.max(0, offset ?? 0), map.codePointLength));
  return (span) => {
    const start = at(span.BeginOffset);
    const end = Math.max(start, at(span.EndOffset ?? span.BeginOffset));
    return {
      text: span.Text ?? piece.text.slice(start, end),
      start: piece.start + start,
      end: piece.start + end,
    };
  };
}
