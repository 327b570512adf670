import type { JobKinds } from '../core/jobs';

/**
 * The text jobs a ref can rebuild (`resumeJob`, and `ai.jobs` with every module's): each kind
 * loads only its own job code on first use. AWS's completion events for these jobs are not among
 * those `jobEvents` reads, so there is no `jobFromEvent` here. @internal
 */
export const TEXT_JOB_KINDS: JobKinds = {
  'comprehend.detection': async () => (await import('./detection-jobs')).detectionJob,
  'translate.text': async () => (await import('./translation-jobs')).translationJob,
};
