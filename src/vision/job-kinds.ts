import type { JobKinds } from '../core/jobs';

/**
 * The vision jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads its code on first use. @internal
 */
export const VISION_JOB_KINDS: JobKinds = {
  'rekognition.video': async () => (await import('./video-resume')).videoJob,
};
