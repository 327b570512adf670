import type { JobKinds } from '../core/jobs';

/**
 * The speech jobs a ref or a completion event can rebuild (`resumeJob`, `jobFromEvent`, and
 * `ai.jobs` with every module's): each kind loads its code on first use. @internal
 */
export const SPEECH_JOB_KINDS: JobKinds = {
  'transcribe.transcription': async () => (await import('./transcribe-resume')).transcriptionJob,
  'transcribe.call-analytics': async () => (await import('./call-analytics-job')).callAnalyticsJob,
  'polly.synthesis': async () => (await import('./synthesis-task')).synthesisJobFromRef,
};
