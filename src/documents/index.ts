export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyDocumentsClient,
  analyze,
  createDocumentsClient,
  type DocumentsClient,
  expense,
  identity,
  text,
} from './functions';
