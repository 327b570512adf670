export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyGenerativeClient,
  createGenerativeClient,
  embed,
  type GenerativeClient,
  generate,
  stream,
} from './functions';
