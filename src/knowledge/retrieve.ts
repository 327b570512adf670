import type { RetrieveCommandInput } from '@aws-sdk/client-bedrock-agent-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type RetrievedChunk, toChunk } from '../core/retrieval';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { retrievalConfiguration } from './checks';
import { KNOWLEDGE_BASE_IDENTIFIER, MAX_RETRIEVE_QUERY_CHARS } from './limits';
import type { RetrieveOptions, RetrieveResult } from './types';

/** AWS returns up to five results when numberOfResults is left out (user guide, kb-test-config). */
const AWS_DEFAULT_RESULTS = 5;

/** @throws ValidationError unless `id` is a knowledge base id or ARN. @internal */
export function checkKnowledgeBaseId(id: unknown, pattern = KNOWLEDGE_BASE_IDENTIFIER): string {
  if (typeof id !== 'string' || !pattern.test(id)) {
    throw new ValidationError(
      `knowledgeBaseId must be the 10-character id of a knowledge base (e.g. ABCDE12345)${
        pattern === KNOWLEDGE_BASE_IDENTIFIER ? ' or its ARN' : ''
      }, got ${typeof id === 'string' ? `a string of ${id.length} characters` : typeof id}`,
    );
  }
  return id;
}

/** @throws ValidationError unless `query` is 1-20,000 characters. @internal */
export function checkQuery(query: unknown, max: number, label: string): string {
  assertText(query, label);
  if (query.length > max) {
    throw new ValidationError(
      `${label} has ${query.length} characters; AWS takes at most ${max.toLocaleString('en-US')}: shorten it`,
    );
  }
  return query;
}

/**
 * Checks the knowledge base id and retrieval options of a list of queries before any request.
 * @throws ValidationError naming the query or option to change
 * @internal
 */
export function checkRetrieve(
  knowledgeBaseId: unknown,
  queries: readonly unknown[],
  options: RetrieveOptions,
): void {
  checkKnowledgeBaseId(knowledgeBaseId);
  if (queries.length === 0) throw new ValidationError('query must not be an empty array');
  // Every query is checked before the first request, as the text module checks `texts[i]`: a bad
  // one is the caller's mistake, refused whole, never a BatchItemError beside queries already sent.
  // A for loop, not forEach: a hole of a sparse array is a missing query at its index.
  for (let i = 0; i < queries.length; i++) {
    checkQuery(queries[i], MAX_RETRIEVE_QUERY_CHARS, `query[${i}]`);
  }
  retrievalConfiguration(options);
}

/**
 * Retrieve: the chunks most relevant to `query`, in rank order. Follows `nextToken` until `topK`
 * chunks (AWS's default 5) arrived or the knowledge base has no more.
 * @internal
 */
export async function retrieve(
  ctx: ModuleContext,
  knowledgeBaseId: string,
  query: string,
  options: RetrieveOptions = {},
): Promise<RetrieveResult> {
  checkKnowledgeBaseId(knowledgeBaseId);
  checkQuery(query, MAX_RETRIEVE_QUERY_CHARS, 'query');
  const retrievalConfig = retrievalConfiguration(options);
  const want = options.topK ?? AWS_DEFAULT_RESULTS;
  const chunks: RetrievedChunk[] = [];
  let guardrailAction: string | undefined;
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const input: RetrieveCommandInput = {
      knowledgeBaseId,
      retrievalQuery: { text: query },
      ...(retrievalConfig ? { retrievalConfiguration: retrievalConfig } : {}),
      ...(nextToken ? { nextToken } : {}),
    };
    const out = await callAws(
      ctx,
      AGENT_RUNTIME,
      'Retrieve',
      ({ client, sdk, signal }) =>
        client.send(new sdk.RetrieveCommand(input), { abortSignal: signal }),
      options,
    );
    pages += 1;
    for (const result of out.retrievalResults ?? []) chunks.push(toChunk(result));
    guardrailAction ??= out.guardrailAction;
    nextToken = out.nextToken;
  } while (nextToken && chunks.length < want);
  return { chunks: chunks.slice(0, Math.max(want, 0)), guardrailAction, pages };
}
