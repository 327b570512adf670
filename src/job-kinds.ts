import type { JobKinds } from './core/jobs';
import { DOCUMENTS_JOB_KINDS } from './documents/job-kinds';
import { ENDPOINTS_JOB_KINDS } from './endpoints/job-kinds';
import { GENERATIVE_JOB_KINDS } from './generative/job-kinds';
import { MEDICAL_JOB_KINDS } from './medical/job-kinds';
import { SPEECH_JOB_KINDS } from './speech/job-kinds';
import { TEXT_JOB_KINDS } from './text/job-kinds';
import { VISION_JOB_KINDS } from './vision/job-kinds';

/**
 * The job kinds `ai.jobs.resume` knows: every module's own table (a module never imports another,
 * so the facade joins them; each module's `resumeJob` function uses its own). @internal
 */
export const JOB_KINDS: JobKinds = {
  ...GENERATIVE_JOB_KINDS,
  ...ENDPOINTS_JOB_KINDS,
  ...SPEECH_JOB_KINDS,
  ...MEDICAL_JOB_KINDS,
  ...DOCUMENTS_JOB_KINDS,
  ...VISION_JOB_KINDS,
  ...TEXT_JOB_KINDS,
};
