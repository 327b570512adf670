/**
 * Long texts cut into pieces a Comprehend-family operation takes, and the spans it returns mapped
 * back into the caller's string (aws-ai/text and aws-ai/medical).
 *
 * @internal
 * @packageDocumentation
 */
import { createOffsetMap, splitText, type TextChunk } from './chunking';

/** One piece of one input text, as sent to the service. @internal */
export interface Piece {
  /** Index of the text in the caller's input. */
  doc: number;
  /** The piece itself. */
  text: string;
  /** UTF-16 index of the piece in its text. */
  start: number;
}

/**
 * The pieces of the texts at `docs`, each at most `maxBytes` UTF-8 bytes, cut at sentence ends
 * where possible (chunking.ts), in input order.
 * @internal
 */
export function toPieces(
  texts: readonly string[],
  docs: readonly number[],
  maxBytes: number,
): Piece[] {
  return docs.flatMap((doc) =>
    splitText(texts[doc] as string, maxBytes).map((c) => ({ doc, text: c.text, start: c.start })),
  );
}

/** AWS span fields, as Comprehend and Comprehend Medical return them. @internal */
export interface AwsSpan {
  BeginOffset?: number | undefined;
  EndOffset?: number | undefined;
  Text?: string | undefined;
}

/**
 * Converts service spans to spans of the caller's string. Comprehend and Comprehend Medical count
 * `BeginOffset` and `EndOffset` in Unicode code points of the piece they received (Comprehend's
 * model: "a multi-byte UTF-8 character maps to a single code point"), while JavaScript indexes
 * UTF-16 code units: every astral character (emoji, rare CJK) before a span shifts it by one more
 * unit. The piece's own position in the caller's text is added.
 * @internal
 */
export function spanMapper(piece: Piece): (span: AwsSpan) => TextChunk {
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
