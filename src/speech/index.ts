export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnySpeechClient,
  analyzeCall,
  analyzeCallStream,
  createSpeechClient,
  type SpeechClient,
  speechMarks,
  startCallAnalysis,
  startTranscription,
  synthesize,
  synthesizeStream,
  synthesizeToS3,
  transcribe,
  transcribeStream,
  voices,
} from './functions';
