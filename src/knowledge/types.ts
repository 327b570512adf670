import type { RequestOptions } from '../config';
import type { BinaryInput } from '../core/inputs';
import type {
  KnowledgeCitation,
  KnowledgeLocation,
  KnowledgeMetadataValue,
  RetrievedChunk,
} from '../core/retrieval';

export type { KnowledgeCitation, KnowledgeLocation, KnowledgeMetadataValue, RetrievedChunk };

/** A value compared with a metadata attribute. */
export type KnowledgeFilterValue = string | number | boolean;

/**
 * A metadata filter as typed data, checked before the call (AWS's rules: one operator per node,
 * groups of at least 2, keys of 1–100 characters, value types per operator, nesting depth).
 *
 * @example
 * ```ts
 * const filter: KnowledgeFilter = {
 *   andAll: [
 *     { equals: { key: 'department', value: 'hr' } },
 *     { greaterThanOrEquals: { key: 'year', value: 2024 } },
 *   ],
 * };
 * ```
 */
export type KnowledgeFilter =
  | { equals: { key: string; value: KnowledgeFilterValue } }
  | { notEquals: { key: string; value: KnowledgeFilterValue } }
  | { greaterThan: { key: string; value: number } }
  | { greaterThanOrEquals: { key: string; value: number } }
  | { lessThan: { key: string; value: number } }
  | { lessThanOrEquals: { key: string; value: number } }
  | { in: { key: string; value: KnowledgeFilterValue[] } }
  | { notIn: { key: string; value: KnowledgeFilterValue[] } }
  | { startsWith: { key: string; value: string } }
  | { stringContains: { key: string; value: string } }
  | { listContains: { key: string; value: KnowledgeFilterValue } }
  | { andAll: KnowledgeFilter[] }
  | { orAll: KnowledgeFilter[] };

/** How the knowledge base searches: vectors only, or vectors plus text. AWS picks when left out. */
export type KnowledgeSearchType = 'hybrid' | 'semantic';

/** Reranking of the retrieved chunks by a Bedrock reranker model. */
export interface KnowledgeRerankOptions {
  /** Reranker model id or ARN, e.g. `amazon.rerank-v1:0` or `cohere.rerank-v3-5:0`. */
  model: string;
  /** Chunks kept after reranking (1–100). @default all retrieved */
  topN?: number | undefined;
}

/** A metadata attribute the knowledge base may filter on by itself (implicit filtering). */
export interface ImplicitFilterAttribute {
  key: string;
  type: 'STRING' | 'NUMBER' | 'BOOLEAN' | 'STRING_LIST';
  description: string;
}

/** Filters a model derives from the query itself. */
export interface ImplicitFilterOptions {
  /** Model id or ARN that writes the filter. */
  model: string;
  /** The attributes it may use (1–25). */
  attributes: ImplicitFilterAttribute[];
}

/** What Retrieve and RetrieveAndGenerate retrieve. */
export interface RetrievalOptions {
  /** Chunks to return (1–100). @default 5 (AWS's default) */
  topK?: number | undefined;
  filter?: KnowledgeFilter | undefined;
  searchType?: KnowledgeSearchType | undefined;
  rerank?: KnowledgeRerankOptions | undefined;
  implicitFilter?: ImplicitFilterOptions | undefined;
}

/** Options of {@link Knowledge.retrieve}. */
export interface RetrieveOptions extends RequestOptions, RetrievalOptions {}

/** What {@link Knowledge.retrieve} returns. */
export interface RetrieveResult {
  /** Chunks in rank order (pages followed and joined). */
  chunks: RetrievedChunk[];
  /** `INTERVENED` when a guardrail changed the result. */
  guardrailAction: string | undefined;
  /** Retrieve calls made (one per page). */
  pages: number;
}

/** A document for RetrieveAndGenerate over external sources. */
export interface ExternalDocument {
  /** Bytes, a file path, or an `s3://` URI (read by AWS). */
  document: BinaryInput;
  /** MIME type of inline bytes. @default sniffed: application/pdf, else text/plain */
  contentType?: string | undefined;
  /** Name shown to the model for inline bytes. @default the file name, or 'document' */
  name?: string | undefined;
}

/** A guardrail applied to generation. */
export interface KnowledgeGuardrail {
  id: string;
  /** A version number or `DRAFT`. */
  version: string;
}

/** Inference parameters of the generation model. */
export interface KnowledgeInference {
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  stopSequences?: string[] | undefined;
}

/** Parameters of {@link Knowledge.ask} / {@link Knowledge.askStream}, besides the question. */
export type AskParams = {
  /** Generation model id or ARN, e.g. `amazon.nova-lite-v1:0`. */
  model: string;
  /** Continue a conversation: the `sessionId` of a previous answer. */
  sessionId?: string | undefined;
  /** Prompt template; must contain `$search_results$`. */
  promptTemplate?: string | undefined;
  guardrail?: KnowledgeGuardrail | undefined;
  inference?: KnowledgeInference | undefined;
} & (
  | ({ knowledgeBaseId: string; sources?: undefined } & RetrievalOptions)
  | { sources: ExternalDocument | ExternalDocument[]; knowledgeBaseId?: undefined }
);

/** Options of {@link Knowledge.ask}. */
export type AskOptions = AskParams & RequestOptions;

/** Options of {@link Knowledge.askStream}. */
export type AskStreamOptions = AskOptions & {
  /**
   * Longest wait for the next event (the first included); a longer stall ends the stream with a
   * `StreamError` (code `IdleTimeout`).
   * @default 120000
   */
  idleTimeoutMs?: number | undefined;
};

/** What {@link Knowledge.ask} returns. */
export interface AskResult {
  /** The generated answer. */
  text: string;
  /** Cited spans of `text`, in order; `text.slice(c.start, c.end)` is what `c.references` support. */
  citations: KnowledgeCitation[];
  /** Pass it as `sessionId` to ask a follow-up question in the same conversation. */
  sessionId: string;
  /** `INTERVENED` when a guardrail changed the answer, else `NONE`/undefined. */
  guardrailAction: string | undefined;
  /** `x-amzn-requestid`, for AWS support. */
  requestId: string | undefined;
}

/** Events of {@link Knowledge.askStream}. */
export type AskStreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'citation'; citation: KnowledgeCitation }
  | { type: 'guardrail'; action: string };

/** A document to rerank: text, or any JSON value. */
export type RerankDocument = string | Record<string, unknown> | unknown[];

/** Options of {@link Knowledge.rerank}. */
export interface RerankOptions extends RequestOptions {
  /** Reranker model id or ARN, e.g. `amazon.rerank-v1:0`. */
  model: string;
  /** Results to return, best first. @default all documents */
  topN?: number | undefined;
}

/** One reranked document. */
export interface RerankResult<D = RerankDocument> {
  /** Index of the document in the input array. */
  index: number;
  /** Relevance score (higher is more relevant). */
  score: number;
  /** The input document. */
  document: D;
}
