import { retryFor, validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import { Deferred, settlingSource } from '../core/final-reader';
import { validateIdle } from '../core/internal/idle';
import { withSite } from '../core/internal/name-failure';
import { ResultStream } from '../core/result-stream';
import { ServiceModule } from '../core/service-module';
import { AwsAIStream } from '../core/stream';
import { AwsAIError, BatchError, BatchItemError, ValidationError } from '../errors';
import { DEFAULT_ASK_IDLE_MS } from './limits';
// Operation code loads on first use: importing the module class must stay cheap.
import { loadImpl as impl } from './load-impl';
import type {
  AskOptions,
  AskResult,
  AskStreamEvent,
  AskStreamOptions,
  RerankDocument,
  RerankOptions,
  RerankResult,
  RetrieveOptions,
  RetrieveResult,
} from './types';

/** The stream {@link Knowledge.askStream} returns. */
export type AskStream = ResultStream<AskStreamEvent, AskResult>;

/**
 * Amazon Bedrock Knowledge Bases (Bedrock Agent Runtime), the successor of Amazon Kendra:
 * `retrieve` chunks with typed metadata filters, `ask` / `askStream` for answers with citation
 * spans (RetrieveAndGenerate), and `rerank`. Available as `ai.knowledge`, or alone from
 * `aws-ai/knowledge`.
 *
 * @example
 * ```ts
 * import { Knowledge } from 'aws-ai/knowledge';
 * const kb = new Knowledge({ region: 'us-east-1' });
 * const { chunks } = await kb.retrieve('ABCDE12345', 'How many vacation days do I get?');
 * ```
 */
export class Knowledge extends ServiceModule {
  /**
   * Retrieves the chunks of a knowledge base most relevant to a query, in rank order: text, score,
   * typed location (S3, web, Confluence, SharePoint, Salesforce, custom, …) and metadata. Follows
   * `nextToken` pages until `topK` chunks (default 5, at most 100) arrived. Given an array of
   * queries, checks every one before the first request (a bad one is a `ValidationError` naming
   * `query[i]`), then returns one result per query, in order; when some fail at AWS, a
   * `BatchError` whose `results` hold every result and a `BatchItemError` at each failed index.
   *
   * Checked before any call: the knowledge base id (10 characters or an ARN), the query (1–20,000
   * characters), `topK`, the filter (one operator per node, groups of at least 2, keys of 1–100
   * characters, values of the operator's type), `searchType`, reranker and implicit filter.
   *
   * @throws ValidationError for bad input (the message says what to change), before any request
   * @throws NotFoundError for an unknown knowledge base
   * @throws ThrottlingError when AWS still throttles after the retries
   * @throws BatchError for an array of queries of which some failed
   * @example
   * ```ts
   * const { chunks } = await ai.knowledge.retrieve('ABCDE12345', 'parental leave', {
   *   topK: 10,
   *   filter: { andAll: [
   *     { equals: { key: 'department', value: 'hr' } },
   *     { greaterThanOrEquals: { key: 'year', value: 2024 } },
   *   ] },
   * });
   * for (const c of chunks) console.log(c.score, c.location, c.text.slice(0, 80));
   * ```
   */
  retrieve(
    knowledgeBaseId: string,
    query: string,
    options?: RetrieveOptions,
  ): Promise<RetrieveResult>;
  retrieve(
    knowledgeBaseId: string,
    queries: readonly string[],
    options?: RetrieveOptions,
  ): Promise<RetrieveResult[]>;
  async retrieve(
    knowledgeBaseId: string,
    query: string | readonly string[],
    options?: RetrieveOptions,
  ): Promise<RetrieveResult | RetrieveResult[]> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'Retrieve' },
      options,
      async (scoped) => {
        const op = await impl();
        if (typeof query === 'string') return op.retrieve(this.ctx, knowledgeBaseId, query, scoped);
        // A list is checked whole before any request: a bad query or option is the caller's
        // mistake, not one BatchError item per query.
        if (!Array.isArray(query) || query.length === 0) {
          throw new ValidationError(
            'query must be a string or a non-empty array of strings (one Retrieve per query)',
          );
        }
        op.checkRetrieve(knowledgeBaseId, query, scoped);
        retryFor(this.ctx.config, scoped.retry);
        // Array.from, not map: map skips the holes of a sparse array, which would come back as
        // undefined results with no request and no error; a hole is a bad query at its index.
        const settled = await Promise.allSettled(
          Array.from(query, (q) => op.retrieve(this.ctx, knowledgeBaseId, q, scoped)),
        );
        if (scoped.signal.aborted) throw scoped.signal.reason;
        const results = settled.map((s, index) => {
          if (s.status === 'fulfilled') return s.value;
          const err = AwsAIError.isInstance(s.reason) ? s.reason : undefined;
          return new BatchItemError(index, err?.message ?? 'retrieve failed', {
            service: 'bedrock-agent-runtime',
            operation: 'Retrieve',
            code: err?.code,
            retryable: err?.retryable,
            cause: s.reason,
          });
        });
        if (results.some((r) => r instanceof BatchItemError)) {
          throw new BatchError<RetrieveResult>(results, {
            service: 'bedrock-agent-runtime',
            operation: 'Retrieve',
          });
        }
        return results as RetrieveResult[];
      },
    );
  }

  /**
   * Answers a question from a knowledge base (`knowledgeBaseId`) or from a document you pass
   * (`sources`: bytes, a file path or an `s3://` URI) with RetrieveAndGenerate. Each citation has
   * `start`/`end` into `text` (UTF-16: `text.slice(start, end)` is the cited span) and the chunks that
   * support it. Pass the returned `sessionId` to ask a follow-up in the same conversation.
   *
   * @throws ValidationError for bad input: a question over 1,000 characters, both or neither of
   *   knowledgeBaseId and sources, more than one source, a document over 10 MiB, bad model id, …
   * @throws NotFoundError for an unknown knowledge base
   * @example
   * ```ts
   * const answer = await ai.knowledge.ask('How many vacation days do I get?', {
   *   knowledgeBaseId: 'ABCDE12345',
   *   model: 'amazon.nova-lite-v1:0',
   *   filter: { equals: { key: 'country', value: 'FR' } },
   * });
   * for (const c of answer.citations) {
   *   console.log(answer.text.slice(c.start, c.end), '<-', c.references[0]?.location);
   * }
   * ```
   */
  async ask(question: string, options: AskOptions): Promise<AskResult> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'RetrieveAndGenerate' },
      options,
      async (scoped) => (await impl()).ask(this.ctx, question, scoped),
    );
  }

  /**
   * Streams an answer (RetrieveAndGenerateStream): `text-delta`, `citation` and `guardrail` events,
   * `.text`, `.textStream` and `.finalMessage()` (the same result as {@link ask}), `.abort()`. The
   * request starts on first read. `timeoutMs` is the whole stream's deadline; `idleTimeoutMs`
   * (default 120 s) bounds each wait for an event. A stream cut by either, by an abort or by an
   * exception event rejects every reader with `TimeoutError`, `StreamError` or `AbortError`.
   *
   * @throws ValidationError synchronously for bad `timeoutMs`/`idleTimeoutMs`; other input errors
   *   reject the first read
   * @example
   * ```ts
   * const stream = ai.knowledge.askStream('Summarize the travel policy', {
   *   knowledgeBaseId: 'ABCDE12345',
   *   model: 'amazon.nova-lite-v1:0',
   * });
   * for await (const chunk of stream.textStream) process.stdout.write(chunk);
   * const { citations } = await stream.finalMessage();
   * ```
   */
  askStream(question: string, options: AskStreamOptions): AskStream {
    return withSite(
      { service: 'bedrock-agent-runtime', operation: 'RetrieveAndGenerateStream' },
      () => {
        checkRequestOptions(options);
        const idleMs = validateIdle(options?.idleTimeoutMs, DEFAULT_ASK_IDLE_MS);
        if (options?.timeoutMs !== undefined)
          validateTimeout(options.timeoutMs, 'options.timeoutMs');
        const final = new Deferred<AskResult>();
        const ctx = this.ctx;
        const { idleTimeoutMs: _idle, ...askOptions } = options ?? ({} as AskStreamOptions);
        const inner = AwsAIStream.from<AskStreamEvent>(
          settlingSource(final, async function* (signal) {
            const op = await impl();
            yield* op.askEvents(ctx, question, askOptions as AskOptions, idleMs, final, signal);
          }),
          {
            signal: options?.signal,
            timeoutMs: options?.timeoutMs ?? ctx.config.timeoutMs,
            site: { service: 'bedrock-agent-runtime', operation: 'RetrieveAndGenerateStream' },
            // The stream's span, opened at its first read.
            telemetry: { enabled: ctx.config.telemetry, method: 'knowledge.askStream' },
          },
        );
        return new ResultStream(inner, final);
      },
    );
  }

  /**
   * Reranks documents (strings or JSON objects) against a query with a Bedrock reranker model:
   * `{ index, score, document }` sorted by score, `index` being the document's position in your
   * array. More than 1,000 documents (AWS's per-call maximum) are reranked in calls of 1,000 and
   * merged by score.
   *
   * @throws ValidationError for an empty array, a query or text document outside 1–32,000
   *   characters, a model id AWS does not accept, a bad `topN`
   * @example
   * ```ts
   * const ranked = await ai.knowledge.rerank('refund policy', docs, {
   *   model: 'amazon.rerank-v1:0',
   *   topN: 3,
   * });
   * console.log(ranked.map((r) => [r.index, r.score]));
   * ```
   */
  async rerank<D extends RerankDocument>(
    query: string,
    documents: readonly D[],
    options: RerankOptions,
  ): Promise<RerankResult<D>[]> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'Rerank' },
      options,
      async (scoped) => (await impl()).rerank(this.ctx, query, documents, scoped),
    );
  }
}
