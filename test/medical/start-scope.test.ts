/**
 * `medical.startTranscription` is one call (ADR 0006, amendment "the start of a job is one call"),
 * as the method and as the per-operation function of `aws-ai/medical`. The tests are
 * test/helpers/start-scope.ts's:
 *
 * 1. One deadline spans the upload of staged bytes and StartMedicalTranscriptionJob: two requests
 *    that each fit in `timeoutMs` but not together end in a `TimeoutError` naming the Start
 *    operation, and nothing is sent after the call settled (the cleanup of staged bytes included).
 * 2. An already aborted signal: an `AbortError` naming the Start operation, no request. Aborted
 *    during the upload: an `AbortError` at once naming the Start operation too (was: s3
 *    PutObject), nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import * as medical from 'aws-ai/medical';
import { useEmulator } from '../helpers/emulator';
import { STAGING, starterForms, startScope, uploadTitles } from '../helpers/start-scope';

const { emu, client } = await useEmulator();

const START = 'StartMedicalTranscriptionJob';
const OUT = { output: 's3://clinic-out/visits/' } as const;
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
const UPLOAD = { service: 's3', operation: 'PutObject' } as const;

startScope({
  emu,
  base: client,
  config: STAGING,
  titles: uploadTitles('the start request', 'Start'),
  starters: starterForms(
    'medical',
    'startTranscription',
    {
      service: 'transcribe',
      operation: START,
      status: 'GetMedicalTranscriptionJob',
      first: UPLOAD,
      slow: [UPLOAD, { service: 'transcribe', operation: START }],
    },
    (ai, o) => ai.medical.startTranscription(MP3, { ...OUT, ...o }),
    (ai, o) => medical.startTranscription(ai.medical, MP3, { ...OUT, ...o }),
  ),
});
