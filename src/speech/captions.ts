// Speech's captions are the shared ones (src/core/captions.ts), also used by aws-ai/medical.
export { formatSrt, formatVtt, toCues } from '../core/captions';
export type { Cue } from '../core/transcript-types';
