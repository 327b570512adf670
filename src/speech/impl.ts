// Everything the Speech module runs after its synchronous checks; loaded through load-impl.
export { analyzeCall, startCallAnalysis } from './call-analytics-job';
export { synthesizeToS3 } from './synthesis-task';
export { speechMarks, synthesize, synthesizeAudio } from './synthesize';
export { startTranscription, transcribe } from './transcribe-job';
export { transcriptionEvents } from './transcribe-stream-events';
export { listVoices } from './voices';
