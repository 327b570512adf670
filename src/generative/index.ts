export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyGenerativeClient,
  check,
  countTokens,
  createGenerativeClient,
  embed,
  embedMany,
  type GenerativeClient,
  generate,
  generateObject,
  guard,
  invoke,
  invokeStream,
  stream,
  streamObject,
} from './functions';
