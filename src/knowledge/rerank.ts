import type { RerankCommandInput, RerankSource } from '@aws-sdk/client-bedrock-agent-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { checkInt, checkModel } from './checks';
import { RERANK_MAX_DOCUMENTS, RERANK_MAX_TEXT_CHARS, RERANK_MAX_TOP_N } from './limits';
import { checkQuery } from './retrieve';
import type { RerankDocument, RerankOptions, RerankResult } from './types';

type JsonDocument = NonNullable<RerankSource['inlineDocumentSource']>['jsonDocument'];

function toSource(doc: RerankDocument, index: number): RerankSource {
  const label = `documents[${index}]`;
  if (typeof doc === 'string') {
    if (doc.length < 1 || doc.length > RERANK_MAX_TEXT_CHARS) {
      throw new ValidationError(
        `${label} has ${doc.length} characters; a rerank text document takes 1-${RERANK_MAX_TEXT_CHARS.toLocaleString('en-US')}: split or shorten it`,
      );
    }
    return { type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text: doc } } };
  }
  if (typeof doc !== 'object' || doc === null) {
    throw new ValidationError(
      `${label} must be a string or a JSON object, got ${doc === null ? 'null' : typeof doc}`,
    );
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(doc);
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new ValidationError(`${label} cannot be serialized as JSON`);
  return {
    type: 'INLINE',
    inlineDocumentSource: { type: 'JSON', jsonDocument: JSON.parse(json) as JsonDocument },
  };
}

/**
 * Rerank: documents scored against `query`, best first, each with its input index. Over 1,000
 * documents (AWS's per-call maximum) are sent in calls of 1,000 and merged by score (a reranker
 * scores each pair on its own); every `nextToken` page is followed.
 * @internal
 */
export async function rerank<D extends RerankDocument>(
  ctx: ModuleContext,
  query: string,
  documents: readonly D[],
  options: RerankOptions,
): Promise<RerankResult<D>[]> {
  checkQuery(query, RERANK_MAX_TEXT_CHARS, 'query');
  const modelArn = checkModel(options?.model);
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new ValidationError('documents must be a non-empty array of strings or JSON objects');
  }
  const topN =
    options.topN === undefined
      ? documents.length
      : checkInt(options.topN, 1, Number.MAX_SAFE_INTEGER, 'topN');
  // A loop, not map: map skips the holes of a sparse array.
  const sources: RerankSource[] = [];
  for (let i = 0; i < documents.length; i++) sources.push(toSource(documents[i] as D, i));
  const results: RerankResult<D>[] = [];
  for (let offset = 0; offset < sources.length; offset += RERANK_MAX_DOCUMENTS) {
    const group = sources.slice(offset, offset + RERANK_MAX_DOCUMENTS);
    const numberOfResults = Math.min(topN, group.length, RERANK_MAX_TOP_N);
    let nextToken: string | undefined;
    let seen = 0;
    do {
      const input: RerankCommandInput = {
        queries: [{ type: 'TEXT', textQuery: { text: query } }],
        sources: group,
        rerankingConfiguration: {
          type: 'BEDROCK_RERANKING_MODEL',
          bedrockRerankingConfiguration: { modelConfiguration: { modelArn }, numberOfResults },
        },
        ...(nextToken ? { nextToken } : {}),
      };
      const out = await callAws(
        ctx,
        AGENT_RUNTIME,
        'Rerank',
        ({ client, sdk, signal }) =>
          client.send(new sdk.RerankCommand(input), { abortSignal: signal }),
        options,
      );
      for (const r of out.results ?? []) {
        const index = offset + (r.index ?? 0);
        const document = documents[index];
        if (document === undefined) continue;
        results.push({ index, score: r.relevanceScore ?? 0, document });
        seen += 1;
      }
      nextToken = out.nextToken;
    } while (nextToken && seen < numberOfResults);
  }
  results.sort((a, b) => b.score - a.score || a.index - b.index);
  return results.slice(0, topN);
}
