import type { JobKinds } from '../core/jobs';
import { loadBatch } from './batch-load';

/**
 * The generative jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads its code on first use. @internal
 */
export const GENERATIVE_JOB_KINDS: JobKinds = {
  'bedrock.batch': async () => (await loadBatch()).batchJob,
  'bedrock-async-invoke': async () => {
    const { videoJob } = await import('./video');
    return (ctx, ref) =>
      videoJob(ctx, ref.id, typeof ref.region === 'string' ? ref.region : undefined);
  },
};
