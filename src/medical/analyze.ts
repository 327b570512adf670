import { concurrencyFor, retryFor } from '../config';
import { itemRetryOptions, mapBatched } from '../core/batching';
import type { CallOptions } from '../core/call';
import type { ModuleContext } from '../core/context';
import { reindexItemError } from '../core/item-results';
import { assertText, assertTexts } from '../core/text-input';
import { type Piece, toPieces } from '../core/text-pieces';
import { BatchItemError, ValidationError } from '../errors';
import { assertEnglish } from './language';
import { MEDICAL_PHI_TYPES } from './limits';
import type { MedicalTextOptions } from './types';

/** How one Comprehend Medical operation is called on one piece. */
export interface MedicalOperation<P> {
  /** AWS operation name, e.g. `DetectEntitiesV2`. */
  operation: string;
  /** Most UTF-8 bytes per piece (limits.ts). */
  maxBytes: number;
  /** Most requests of this operation in flight at once, below the service's limit. */
  maxConcurrency?: number | undefined;
  /** Sends one piece; spans in the answer are already in the caller's string. */
  send: (piece: Piece, options: CallOptions) => Promise<P>;
}

/**
 * Validates, splits and runs one operation over one text or an array of texts; returns per text
 * the answers of its pieces in text order, or the error that stopped it (at the text's index).
 *
 * Comprehend Medical has no Batch API: every piece is one request, through `mapBatched` with one
 * piece per call, the service's concurrency limit (and the operation's own, lower one), and one
 * retry budget per piece shared by the rounds and the call layer (`budget`).
 * @internal
 */
export async function analyse<P>(
  ctx: ModuleContext,
  op: MedicalOperation<P>,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<P[] | BatchItemError>> {
  if (options.throwOnItemError !== undefined && typeof options.throwOnItemError !== 'boolean') {
    throw new ValidationError(
      `throwOnItemError must be true or false; got ${typeof options.throwOnItemError}`,
    );
  }
  const many = Array.isArray(input);
  const texts: readonly string[] = many ? input : [input as string];
  if (many) assertTexts(texts, 'texts');
  else assertText(input, 'text');
  const { language, throwOnItemError: _, ...request } = options;
  texts.forEach((text, i) => {
    assertEnglish(text, many ? `texts[${i}]` : 'text', language);
  });

  const pieces = toPieces(texts, [...texts.keys()], op.maxBytes);
  const limit = concurrencyFor(ctx.config, 'comprehendmedical');
  const outcomes = await mapBatched(pieces, {
    batchSize: 1,
    concurrency: Math.min(limit, op.maxConcurrency ?? limit),
    ...itemRetryOptions(retryFor(ctx.config, request.retry)),
    signal: request.signal,
    send: async ([piece], _indices, signal, budget) => [
      { ok: true, value: await op.send(piece as Piece, { ...request, signal, budget }) },
    ],
  });

  const results: Array<P[] | BatchItemError> = texts.map(() => []);
  outcomes.forEach((outcome, k) => {
    const { doc } = pieces[k] as Piece;
    const current = results[doc];
    if (current instanceof BatchItemError) return;
    if (outcome instanceof BatchItemError) results[doc] = reindexItemError(doc, outcome);
    else current?.push(outcome);
  });
  return results;
}

/** Checks `options.types` of phi/redactPhi: PHI types DetectPHI answers (limits.ts). @internal */
export function assertTypes(types: readonly string[] | undefined): void {
  if (types === undefined) return;
  const known: readonly string[] = MEDICAL_PHI_TYPES;
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    Array.from(types).some((t) => typeof t !== 'string' || !known.includes(t))
  ) {
    // The list is the user's choice of labels, not their text: naming the wrong one by its
    // position keeps even a stray piece of input out of the message.
    const bad = Array.isArray(types)
      ? Array.from(types).findIndex((t) => typeof t !== 'string' || !known.includes(t))
      : -1;
    throw new ValidationError(
      `options.types must be a non-empty list of the PHI types DetectPHI answers (${known.join(', ')})${bad >= 0 ? `; types[${bad}] is not one` : ''}`,
    );
  }
}
