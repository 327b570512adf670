/**
 * The operation code of the generative module, loaded on first use so that importing `aws-ai` or
 * `aws-ai/generative` does not load it.
 * @internal
 */
export { generate } from './converse';
export { converseEvents } from './converse-events';
export { countTokens } from './count-tokens';
export { embed, embedMany } from './embed';
export { generateObject } from './generate-object';
export { check, guard } from './guard';
export { generateImage } from './images';
export { invokeEvents, invokeModel } from './invoke';
export { objectEvents } from './stream-object';
export { generateVideo, videoJob, videoJobs } from './video';
