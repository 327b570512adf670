export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyGenerativeClient,
  chat,
  check,
  countTokens,
  createGenerativeClient,
  embed,
  embedMany,
  type GenerativeClient,
  generate,
  generateImage,
  generateObject,
  generateVideo,
  guard,
  invoke,
  invokeStream,
  stream,
  streamObject,
  videoJob,
  videoJobs,
} from './functions';
