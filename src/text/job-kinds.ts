import type { JobKinds } from '../core/jobs';

/**
 * The text jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads only its own job code on first use. Translate
 * sends a completion event; Comprehend sends none. @internal
 */
export const TEXT_JOB_KINDS: JobKinds = {
  'comprehend.detection': async () => (await import('./detection-jobs')).detectionJob,
  'translate.text': async () => (await import('./translation-jobs')).translationJob,
};
