// The module's public API, except its per-operation functions: the root `aws-ai` re-exports
// this file's types, and the functions' names (`text`, `entities`, `transcribeStream`, …)
// collide across modules, so only the subpath exports them (decision 0701).
export type { AwsAIConfig, RequestOptions } from '../config';
export type { KeepItemErrors } from '../core/item-errors';
export { type ResponseMetadata, responseOf } from '../core/response';
export * from '../errors';
export type * from './custom-document-types';
export { LanguageDetectionError } from './errors';
export {
  COMPREHEND_BATCH_MAX_DOC_BYTES,
  COMPREHEND_BATCH_MAX_DOCS,
  COMPREHEND_CLASSIFY_MAX_DOC_BYTES,
  COMPREHEND_CUSTOM_ENTITIES_MAX_DOC_BYTES,
  COMPREHEND_DOCUMENT_FEATURES,
  COMPREHEND_DOCUMENT_FORMATS,
  COMPREHEND_DOCUMENT_MAX_BYTES,
  COMPREHEND_DOCUMENT_MAX_PAGES,
  COMPREHEND_LANGUAGES,
  COMPREHEND_MAX_DOC_BYTES,
  COMPREHEND_SENTIMENT_MAX_DOC_BYTES,
  COMPREHEND_SYNTAX_MAX_DOC_BYTES,
  PII_LANGUAGES,
  SYNTAX_LANGUAGES,
  TERMINOLOGY_MAX_FILE_BYTES,
  TOXICITY_LANGUAGES,
  TOXICITY_MAX_CALL_BYTES,
  TOXICITY_MAX_SEGMENT_BYTES,
  TOXICITY_MAX_SEGMENTS,
  TRANSLATE_DOCUMENT_MAX_BYTES,
  TRANSLATE_MAX_TERMINOLOGIES,
  TRANSLATE_MAX_TEXT_BYTES,
} from './limits';
export { TextTerminologies } from './terminology-api';
export { Text } from './text-module';
export type * from './types';
