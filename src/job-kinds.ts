import type { JobKinds } from './core/jobs';
import { loadTransform } from './endpoints/transform-load';
import { loadBatch } from './generative/batch-load';

/**
 * The job kinds `ai.jobs.resume` knows, each loading its module's job code on first use (a module
 * never imports another, so the facade holds the table). @internal
 */
export const JOB_KINDS: JobKinds = {
  'bedrock.batch': async () => (await loadBatch()).batchJob,
  'sagemaker.transform': async () => (await loadTransform()).transformJob,
  'sagemaker.async-inference': async () =>
    (await import('./endpoints/invoke-async')).asyncInferenceJob,
  'transcribe.transcription': async () =>
    (await import('./speech/transcribe-resume')).transcriptionJob,
  'transcribe.call-analytics': async () =>
    (await import('./speech/call-analytics-job')).callAnalyticsJob,
  'transcribe.medical': async () =>
    (await import('./medical/transcribe-job-resume')).medicalTranscriptionJob,
  'polly.synthesis': async () => (await import('./speech/synthesis-task')).synthesisJobFromRef,
  textract: async () => (await import('./documents/job-resume')).textractJob,
  'textract.lending': async () => (await import('./documents/lending')).lendingJob,
  'rekognition.video': async () => (await import('./vision/video-resume')).videoJob,
  'comprehend.detection': async () => (await import('./text/jobs')).detectionJob,
  'translate.text': async () => (await import('./text/jobs')).translationJob,
  'bedrock-async-invoke': async () => {
    const { videoJob } = await import('./generative/video');
    return (ctx, ref) =>
      videoJob(ctx, ref.id, typeof ref.region === 'string' ? ref.region : undefined);
  },
};
