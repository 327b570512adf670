/**
 * The operation code of the generative module, loaded on first use so that importing `aws-ai` or
 * `aws-ai/generative` does not load it. The streams load their own event code (converse-stream,
 * object-stream, invoke-stream), so a bundle of one streaming function holds no other operation.
 * @internal
 */
export { generate } from './converse';
export { countTokens } from './count-tokens';
export { embed, embedMany } from './embed';
export { generateObject } from './generate-object';
export { check, guard } from './guard';
export { generateImage } from './images';
export { invokeModel } from './invoke';
export { generateVideo, videoJob, videoJobs } from './video';
