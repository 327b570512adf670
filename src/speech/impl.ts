// What the Speech methods run after their synchronous checks, loaded through load-impl; the streams
// load their own session code (synthesize-stream, transcribe-stream).
export { analyzeCall, startCallAnalysis } from './call-analytics-job';
export { synthesizeToS3 } from './synthesis-task';
export { speechMarks, synthesize } from './synthesize';
export { startTranscription, transcribe } from './transcribe-job';
export { listVoices } from './voices';
