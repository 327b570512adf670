/**
 * The operation code of the knowledge module, loaded on first use so that importing `aws-ai` or
 * `aws-ai/knowledge` does not load it.
 * @internal
 */
export { ask, askEvents } from './ask';
export { rerank } from './rerank';
export { checkRetrieve, retrieve } from './retrieve';
