export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyVisionClient,
  celebrities,
  compareFaces,
  createVisionClient,
  customLabels,
  faces,
  labels,
  moderation,
  ppe,
  text,
  type VisionClient,
} from './functions';
