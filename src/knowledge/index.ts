export type { AwsAIConfig, RequestOptions } from '../config';
export { ResultStream } from '../core/result-stream';
export { AwsAIStream } from '../core/stream';
export * from '../errors';
export { type AskStream, Knowledge } from './knowledge-module';
export {
  MAX_ASK_QUESTION_CHARS,
  MAX_EXTERNAL_DOCUMENT_BYTES,
  MAX_RETRIEVE_QUERY_CHARS,
  MAX_TOP_K,
  RERANK_MAX_DOCUMENTS,
  RERANK_MAX_TEXT_CHARS,
} from './limits';
export type {
  AskOptions,
  AskParams,
  AskResult,
  AskStreamEvent,
  AskStreamOptions,
  ExternalDocument,
  ImplicitFilterAttribute,
  ImplicitFilterOptions,
  KnowledgeCitation,
  KnowledgeFilter,
  KnowledgeFilterValue,
  KnowledgeGuardrail,
  KnowledgeInference,
  KnowledgeLocation,
  KnowledgeMetadataValue,
  KnowledgeRerankOptions,
  KnowledgeSearchType,
  RerankDocument,
  RerankOptions,
  RerankResult,
  RetrievalOptions,
  RetrievedChunk,
  RetrieveOptions,
  RetrieveResult,
} from './types';
