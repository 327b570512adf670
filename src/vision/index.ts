// The job events in a completion handler's event (`ai.jobs.events` without the root entry, which
// holds every module): resume the job from its `ref` with this module (decision 0701).
export { type JobEvent, jobEvents } from '../core/job-events';
export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyVisionClient,
  celebrities,
  compareFaces,
  createVisionClient,
  customLabels,
  faces,
  jobFromEvent,
  labels,
  moderation,
  ppe,
  resumeJob,
  text,
  type VisionClient,
} from './functions';
