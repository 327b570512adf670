import type { ToxicLabels } from '@aws-sdk/client-comprehend';
import { concurrencyFor, retryFor } from '../config';
import { type ItemOutcome, itemRetryOptions, mapBatched } from '../core/batching';
import { callAws } from '../core/call';
import { utf8ByteLength } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { assertText, assertTexts } from '../core/text-input';
import { type Piece, toPieces } from '../core/text-pieces';
import { BatchItemError, ServiceError } from '../errors';
import { COMPREHEND } from './comprehend';
import { assertLanguage } from './language';
import {
  TOXICITY_LANGUAGES,
  TOXICITY_MAX_CALL_BYTES,
  TOXICITY_MAX_SEGMENT_BYTES,
  TOXICITY_MAX_SEGMENTS,
} from './limits';
import type { TextLanguageOptions, TextToxicityResult, ToxicityLabel } from './types';

function toResult(item: ToxicLabels | undefined): TextToxicityResult {
  return {
    toxicity: item?.Toxicity ?? 0,
    labels: (item?.Labels ?? []).map((l) => ({ name: l.Name ?? 'UNKNOWN', score: l.Score ?? 0 })),
  };
}

/** A text is as toxic as its worst piece: each label keeps its highest score. */
function combine(parts: readonly TextToxicityResult[]): TextToxicityResult {
  const labels = new Map<string, number>();
  let toxicity = 0;
  for (const part of parts) {
    toxicity = Math.max(toxicity, part.toxicity);
    for (const l of part.labels) labels.set(l.name, Math.max(labels.get(l.name) ?? 0, l.score));
  }
  const list: ToxicityLabel[] = [...labels].map(([name, score]) => ({ name, score }));
  return { toxicity, labels: list.sort((a, b) => b.score - a.score) };
}

/**
 * Splits every text into segments of at most 1,000 bytes and sends them 10 segments (and at most
 * 10,000 bytes) per DetectToxicContent call; the API is English only, so nothing is detected.
 * @internal
 */
export async function toxicity(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextLanguageOptions = {},
): Promise<Array<TextToxicityResult | BatchItemError>> {
  const { throwOnItemError: _, language = 'en', ...request } = options;
  const many = Array.isArray(input);
  const texts: readonly string[] = many ? input : [input as string];
  if (many) assertTexts(texts, 'texts');
  else assertText(input, 'text');
  assertLanguage(language, TOXICITY_LANGUAGES, 'toxicity');

  const pieces = toPieces(
    texts,
    texts.map((_t, i) => i),
    TOXICITY_MAX_SEGMENT_BYTES,
  );
  const site = { service: 'comprehend', operation: 'DetectToxicContent' } as const;
  const outcomes = await mapBatched(pieces, {
    batchSize: TOXICITY_MAX_SEGMENTS,
    maxBatchBytes: TOXICITY_MAX_CALL_BYTES,
    itemBytes: (p) => utf8ByteLength(p.text),
    concurrency: concurrencyFor(ctx.config, 'comprehend'),
    // One retry budget per segment, shared by the rounds here and the call layer's retries.
    ...itemRetryOptions(retryFor(ctx.config, request.retry)),
    signal: request.signal,
    send: async (batch, _indices, signal, budget): Promise<ItemOutcome<TextToxicityResult>[]> => {
      const out = await callAws(
        ctx,
        COMPREHEND,
        site.operation,
        ({ client, sdk, signal: attemptSignal }) =>
          client.send(
            new sdk.DetectToxicContentCommand({
              TextSegments: batch.map((p) => ({ Text: p.text })),
              LanguageCode: language as never,
            }),
            { abortSignal: attemptSignal },
          ),
        { ...request, signal, budget },
      );
      const list = out.ResultList ?? [];
      if (list.length !== batch.length) {
        const error = new ServiceError(
          `comprehend ${site.operation} returned ${list.length} results for ${batch.length} segments`,
          { ...site, code: 'BatchResultMismatch', retryable: true },
        );
        return batch.map(() => ({ ok: false, error }));
      }
      // Results come in segment order: there is no Index to key them by.
      return list.map((item) => ({ ok: true, value: toResult(item) }));
    },
  });

  const parts: TextToxicityResult[][] = texts.map(() => []);
  const failed = new Array<BatchItemError | undefined>(texts.length);
  outcomes.forEach((outcome, k) => {
    const { doc } = pieces[k] as Piece;
    if (outcome instanceof BatchItemError) {
      failed[doc] ??= new BatchItemError(doc, outcome.message, {
        ...site,
        code: outcome.code,
        retryable: outcome.retryable,
        requestId: outcome.requestId,
        statusCode: outcome.statusCode,
        cause: outcome.cause ?? outcome,
      });
    } else parts[doc]?.push(outcome);
  });
  return parts.map((p, doc) => failed[doc] ?? combine(p));
}
