/**
 * Redaction of found spans (PII, PHI) in the caller's text: `redactPii` of aws-ai/text and
 * `redactPhi` of aws-ai/medical.
 *
 * @internal
 * @packageDocumentation
 */
import { ValidationError } from '../errors';

/** A span of the original text and the type it is replaced by. @internal */
export interface TypedSpan {
  /** UTF-16 index of its first code unit. */
  start: number;
  /** UTF-16 index just past its last code unit. */
  end: number;
  /** Entity type, e.g. `NAME`. */
  type: string;
}

/**
 * Checks the `mask` option: `'type'` or a replacement string.
 * @throws ValidationError for anything else
 * @internal
 */
export function assertMask(mask: unknown): asserts mask is string | undefined {
  if (mask !== undefined && typeof mask !== 'string') {
    throw new ValidationError("options.mask must be 'type' or a replacement string");
  }
}

/**
 * Replaces every span by the mask (`'type'`: `[TYPE]`), in one pass over the offsets of the
 * original text. Of two overlapping spans the first (then the longer) one wins.
 * @internal
 */
export function maskSpans(text: string, spans: readonly TypedSpan[], mask = 'type'): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const span of sorted) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + (mask === 'type' ? `[${span.type}]` : mask);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
