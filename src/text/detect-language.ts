import type { DominantLanguage } from '@aws-sdk/client-comprehend';
import { type RequestOptions, retryFor } from '../config';
import { type ItemOutcome, itemRetryOptions, mapBatched } from '../core/batching';
import { callAws } from '../core/call';
import { splitText } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { errorFromCode } from '../core/error-mapping';
import { assertText, assertTexts } from '../core/text-input';
import { type BatchItemError, ServiceError } from '../errors';
import { COMPREHEND } from './comprehend';
import {
  COMPREHEND_BATCH_MAX_DOC_BYTES,
  COMPREHEND_BATCH_MAX_DOCS,
  COMPREHEND_MAX_DOC_BYTES,
} from './limits';
import type { TextBatchOptions, TextDetectLanguageResult } from './types';

/**
 * Language needs a sample, not the whole text: a text over the API limit is cut to its leading
 * sentences that fit, instead of being rejected or split into many calls.
 */
function sample(text: string, maxBytes: number): string {
  return splitText(text, maxBytes)[0]?.text ?? text;
}

function toResult(languages: DominantLanguage[] | undefined): TextDetectLanguageResult | undefined {
  const candidates = (languages ?? [])
    .filter((l) => l.LanguageCode)
    .map((l) => ({ language: l.LanguageCode as string, score: l.Score ?? 0 }))
    .sort((a, b) => b.score - a.score);
  const best = candidates[0];
  return best ? { language: best.language, score: best.score, candidates } : undefined;
}

/** @internal */
export async function detectLanguageOne(
  ctx: ModuleContext,
  text: string,
  options?: RequestOptions,
): Promise<TextDetectLanguageResult> {
  assertText(text, 'text');
  const operation = 'DetectDominantLanguage';
  const out = await callAws(
    ctx,
    COMPREHEND,
    operation,
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.DetectDominantLanguageCommand({ Text: sample(text, COMPREHEND_MAX_DOC_BYTES) }),
        { abortSignal: signal },
      ),
    options,
  );
  const result = toResult(out.Languages);
  if (!result) {
    throw new ServiceError(`comprehend ${operation} returned no language`, {
      service: 'comprehend',
      operation,
      requestId: out.$metadata.requestId,
    });
  }
  return result;
}

/** @internal */
export async function detectLanguageMany(
  ctx: ModuleContext,
  texts: readonly string[],
  options: TextBatchOptions = {},
): Promise<Array<TextDetectLanguageResult | BatchItemError>> {
  assertTexts(texts, 'texts');
  const site = { service: 'comprehend', operation: 'BatchDetectDominantLanguage' } as const;
  return mapBatched(texts, {
    batchSize: COMPREHEND_BATCH_MAX_DOCS,
    signal: options.signal,
    // One retry budget per text, shared by the rounds here and the call layer's retries.
    ...itemRetryOptions(retryFor(ctx.config, options.retry)),
    send: async (batch, _indices, signal, budget) => {
      const out = await callAws(
        ctx,
        COMPREHEND,
        site.operation,
        ({ client, sdk, signal: attemptSignal }) =>
          client.send(
            new sdk.BatchDetectDominantLanguageCommand({
              TextList: batch.map((t) => sample(t, COMPREHEND_BATCH_MAX_DOC_BYTES)),
            }),
            { abortSignal: attemptSignal },
          ),
        { ...options, signal, budget },
      );
      // Results and errors are keyed by Index into this call's TextList, never by position.
      const settled: ItemOutcome<TextDetectLanguageResult>[] = batch.map(() => ({
        ok: false,
        error: new ServiceError(
          `comprehend ${site.operation} returned no result for an item`,
          site,
        ),
      }));
      for (const item of out.ResultList ?? []) {
        const result = toResult(item.Languages);
        if (item.Index !== undefined && result) settled[item.Index] = { ok: true, value: result };
      }
      for (const item of out.ErrorList ?? []) {
        if (item.Index === undefined) continue;
        settled[item.Index] = {
          ok: false,
          error: errorFromCode(site, item.ErrorCode ?? 'UnknownError', item.ErrorMessage),
        };
      }
      return settled;
    },
  });
}
