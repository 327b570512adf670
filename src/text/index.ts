export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyTextClient,
  createTextClient,
  detectLanguage,
  entities,
  keyPhrases,
  pii,
  redactPii,
  sentiment,
  syntax,
  type TextClient,
  targetedSentiment,
  toxicity,
  translate,
} from './functions';
