/**
 * The job starters of aws-ai/speech are one call (ADR 0006, amendment "the start of a job is one
 * call"): `startTranscription`, `startCallAnalysis` and `synthesizeToS3`, as methods and as the
 * per-operation functions of `aws-ai/speech`. The tests are test/helpers/start-scope.ts's:
 *
 * 1. One deadline spans every request of the start (the upload of staged bytes and the Start*
 *    request; for `synthesizeToS3`, its audio and speech-marks tasks): two requests that each fit
 *    in `timeoutMs` but not together end in a `TimeoutError` naming the Start operation, and
 *    nothing is sent after the call settled (the cleanup of staged bytes included).
 * 2. An already aborted signal: an `AbortError` naming the Start operation, no request. Aborted
 *    during the start's first request (the upload; for `synthesizeToS3` the voice lookup): an
 *    `AbortError` at once naming the Start operation too (was: the request it cut), nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import * as speech from 'aws-ai/speech';
import { useEmulator } from '../helpers/emulator';
import { STAGING, starterForms, startScope } from '../helpers/start-scope';

const { emu, client } = await useEmulator();

const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
const WAV = new Uint8Array([
  ...new TextEncoder().encode('RIFF'),
  36,
  0,
  0,
  0,
  ...new TextEncoder().encode('WAVE'),
]);
const CALL_OUT = { output: 's3://calls/analytics/' } as const;
const TASK_OUT = { output: 's3://audio/out/', marks: ['sentence'], language: 'en-US' } as const;
const TEXT = 'Hello there. Your parcel arrives today.';

const UPLOAD = { service: 's3', operation: 'PutObject' } as const;

startScope({
  emu,
  base: client,
  config: STAGING,
  starters: [
    ...starterForms(
      'speech',
      'startTranscription',
      {
        service: 'transcribe',
        operation: 'StartTranscriptionJob',
        status: 'GetTranscriptionJob',
        first: UPLOAD,
        slow: [UPLOAD, { service: 'transcribe', operation: 'StartTranscriptionJob' }],
      },
      (ai, o) => ai.speech.startTranscription(MP3, o),
      (ai, o) => speech.startTranscription(ai.speech, MP3, o),
    ),
    ...starterForms(
      'speech',
      'startCallAnalysis',
      {
        service: 'transcribe',
        operation: 'StartCallAnalyticsJob',
        status: 'GetCallAnalyticsJob',
        first: UPLOAD,
        slow: [UPLOAD, { service: 'transcribe', operation: 'StartCallAnalyticsJob' }],
      },
      (ai, o) => ai.speech.startCallAnalysis(WAV, { ...CALL_OUT, ...o }),
      (ai, o) => speech.startCallAnalysis(ai.speech, WAV, { ...CALL_OUT, ...o }),
    ),
    // No upload: the voice lookup (a fresh client has no voice list), then the audio task and the
    // speech-marks task; the two tasks are the slow requests, and status() checks each task.
    ...starterForms(
      'speech',
      'synthesizeToS3',
      {
        service: 'polly',
        operation: 'StartSpeechSynthesisTask',
        status: 'GetSpeechSynthesisTask',
        statusRequests: 2,
        first: { service: 'polly', operation: 'DescribeVoices' },
        slow: [{ service: 'polly', operation: 'StartSpeechSynthesisTask', times: 2 }],
      },
      (ai, o) => ai.speech.synthesizeToS3(TEXT, { ...TASK_OUT, ...o }),
      (ai, o) => speech.synthesizeToS3(ai.speech, TEXT, { ...TASK_OUT, ...o }),
    ),
  ],
});
