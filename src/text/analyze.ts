import { concurrencyFor, type RequestOptions, retryFor } from '../config';
import { type ItemOutcome, itemRetryOptions, mapBatched } from '../core/batching';
import type { CallOptions } from '../core/call';
import { utf8ByteLength } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { reindexItemError } from '../core/item-results';
import { assertText, assertTexts } from '../core/text-input';
import { type Piece, toPieces } from '../core/text-pieces';
import { AwsAIError, BatchItemError, ServiceError } from '../errors';
import { resolveLanguages } from './language';
import { COMPREHEND_BATCH_MAX_DOC_BYTES, COMPREHEND_BATCH_MAX_DOCS } from './limits';

/** How one Comprehend analysis is called; the engine plans pieces, batches and languages. */
export interface AnalysisSpec<P> {
  /** Name in messages, e.g. `sentiment`. */
  what: string;
  /** Languages the operation supports. */
  languages: readonly string[];
  /** Bytes per document of the single-document API. */
  maxBytes: number;
  /** Single-document call: one piece in, its result with spans relative to the piece. */
  one: (piece: Piece, language: string, options: RequestOptions) => Promise<P>;
  /** Batch call (25 pieces of at most 5,000 bytes), results keyed by position in `pieces`. */
  many?:
    | ((pieces: Piece[], language: string, options: CallOptions) => Promise<ItemOutcome<P>[]>)
    | undefined;
}

/** The analysed pieces of one text, in order, and the language used. */
export interface Analysed<P> {
  language: string;
  parts: Array<{ piece: Piece; value: P }>;
}

/** Options the engine reads. */
export interface AnalyseOptions extends RequestOptions {
  language?: string | undefined;
}

/**
 * Validates, resolves languages, splits, batches and runs one analysis over `texts`; returns per text
 * its analysed pieces or the error that stopped it (at the text's index).
 *
 * Arrays go through the Batch API when there is one (pieces of ≤5,000 bytes, 25 per call, one
 * language per call); one text through the single-document API, or through the Batch API when the
 * text must be split anyway and the Batch API takes pieces as large (sentiment, syntax): 25 pieces a
 * call instead of one.
 * @internal
 */
export async function analyse<P>(
  ctx: ModuleContext,
  spec: AnalysisSpec<P>,
  input: string | readonly string[],
  options: AnalyseOptions = {},
): Promise<Array<Analysed<P> | BatchItemError>> {
  const many = Array.isArray(input);
  const texts: readonly string[] = many ? input : [input as string];
  if (many) assertTexts(texts, 'texts');
  else assertText(input, 'text');
  const { language, ...request } = options;
  const languages = await resolveLanguages(
    ctx,
    texts,
    many,
    { what: spec.what, supported: spec.languages, language },
    request,
  );

  const results = new Array<Analysed<P> | BatchItemError>(texts.length);
  const groups = new Map<string, number[]>();
  languages.forEach((lang, doc) => {
    if (AwsAIError.isInstance(lang)) {
      results[doc] = reindexItemError(doc, lang);
      return;
    }
    results[doc] = { language: lang, parts: [] };
    groups.set(lang, [...(groups.get(lang) ?? []), doc]);
  });

  const batched =
    spec.many !== undefined &&
    (many || (spec.maxBytes <= COMPREHEND_BATCH_MAX_DOC_BYTES && overLimit(texts, spec.maxBytes)));
  const pieceBytes = batched ? COMPREHEND_BATCH_MAX_DOC_BYTES : spec.maxBytes;
  await Promise.all(
    [...groups].map(async ([lang, docs]) => {
      const pieces = toPieces(texts, docs, pieceBytes);
      const outcomes = await runPieces(ctx, spec, pieces, lang, batched, request);
      outcomes.forEach((outcome, k) => {
        const piece = pieces[k] as Piece;
        const current = results[piece.doc];
        if (current instanceof BatchItemError) return;
        if (outcome instanceof BatchItemError)
          results[piece.doc] = reindexItemError(piece.doc, outcome);
        else current?.parts.push({ piece, value: outcome });
      });
    }),
  );
  return results;
}

function overLimit(texts: readonly string[], maxBytes: number): boolean {
  return texts.some((t) => utf8ByteLength(t) > maxBytes);
}

function runPieces<P>(
  ctx: ModuleContext,
  spec: AnalysisSpec<P>,
  pieces: Piece[],
  language: string,
  batched: boolean,
  options: RequestOptions,
): Promise<Array<P | BatchItemError>> {
  const common = {
    concurrency: concurrencyFor(ctx.config, 'comprehend'),
    // One retry budget per piece, shared by the rounds here and the call layer's retries.
    ...itemRetryOptions(retryFor(ctx.config, options.retry)),
    signal: options.signal,
  };
  const { many } = spec;
  if (batched && many) {
    return mapBatched(pieces, {
      ...common,
      batchSize: COMPREHEND_BATCH_MAX_DOCS,
      send: (batch, _indices, signal, budget) =>
        many(batch, language, { ...options, signal, budget }),
    });
  }
  return mapBatched(pieces, {
    ...common,
    batchSize: 1,
    // The call layer already retried this piece's retryable failures.
    itemRetries: 0,
    send: async ([piece], _indices, signal) => [
      { ok: true, value: await spec.one(piece as Piece, language, { ...options, signal }) },
    ],
  });
}

/**
 * Maps a Batch* response (`ResultList[].Index`, `ErrorList[].Index`) to one outcome per sent piece,
 * by `Index`, never by position.
 * @internal
 */
export function batchOutcomes<R extends { Index?: number | undefined }, P>(
  count: number,
  site: { service: 'comprehend'; operation: string },
  out: {
    ResultList?: R[] | undefined;
    ErrorList?:
      | Array<{
          Index?: number | undefined;
          ErrorCode?: string | undefined;
          ErrorMessage?: string | undefined;
        }>
      | undefined;
  },
  map: (item: R, index: number) => P,
  errorFromCode: (code: string, message?: string) => AwsAIError,
): ItemOutcome<P>[] {
  const settled = new Array<ItemOutcome<P> | undefined>(count);
  for (const item of out.ResultList ?? []) {
    const i = item.Index;
    if (i !== undefined && i >= 0 && i < count) settled[i] = { ok: true, value: map(item, i) };
  }
  for (const item of out.ErrorList ?? []) {
    const i = item.Index;
    if (i === undefined || i < 0 || i >= count) continue;
    settled[i] = {
      ok: false,
      error: errorFromCode(item.ErrorCode ?? 'UnknownError', item.ErrorMessage),
    };
  }
  // An error (and its stack) only for the items the response left out, not one per item up front.
  return Array.from(
    settled,
    (outcome) =>
      outcome ?? {
        ok: false,
        error: new ServiceError(
          `comprehend ${site.operation} returned no result for an item`,
          site,
        ),
      },
  );
}
