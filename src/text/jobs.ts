// The text module's batch jobs: Comprehend detection jobs and Translate batch jobs, each in its own
// file so that a per-operation function's bundle holds one service (decision 0701); `impl` and
// `ai.jobs.resume` load both from here.

export {
  DETECTION_KIND,
  type DetectionJobKind,
  detectionJob,
  startDetectionJob,
} from './detection-jobs';
export { startTranslationJob, TRANSLATION_KIND, translationJob } from './translation-jobs';
