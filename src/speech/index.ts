export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnySpeechClient,
  analyzeCallStream,
  createSpeechClient,
  type SpeechClient,
  speechMarks,
  startTranscription,
  synthesize,
  synthesizeStream,
  transcribe,
  transcribeStream,
  voices,
} from './functions';
