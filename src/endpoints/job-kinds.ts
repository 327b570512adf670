import type { JobKinds } from '../core/jobs';
import { loadTransform } from './transform-load';

/**
 * The endpoints jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads its code on first use. @internal
 */
export const ENDPOINTS_JOB_KINDS: JobKinds = {
  'sagemaker.transform': async () => (await loadTransform()).transformJob,
  'sagemaker.async-inference': async () => (await import('./invoke-async')).asyncInferenceJob,
};
