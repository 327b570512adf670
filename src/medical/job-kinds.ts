import type { JobKinds } from '../core/jobs';

/**
 * The medical jobs a ref can rebuild (`resumeJob`, and `ai.jobs` with every module's): each kind
 * loads only its own job code on first use. AWS's completion events for these jobs are not among
 * those `jobEvents` reads, so there is no `jobFromEvent` here. @internal
 */
export const MEDICAL_JOB_KINDS: JobKinds = {
  'transcribe.medical': async () =>
    (await import('./transcribe-job-resume')).medicalTranscriptionJob,
};
