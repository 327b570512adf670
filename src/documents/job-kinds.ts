import type { JobKinds } from '../core/jobs';

/**
 * The documents jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads its code on first use. @internal
 */
export const DOCUMENTS_JOB_KINDS: JobKinds = {
  textract: async () => (await import('./job-resume')).textractJob,
  'textract.lending': async () => (await import('./lending')).lendingJob,
};
