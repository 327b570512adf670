import type { Job } from '../core/job';
import type { MedicalTranscript } from './transcript';

/**
 * A running Transcribe Medical job, as {@link Medical.startTranscription} returns it: the one
 * {@link Job} type (`ref` is `{ kind: 'transcribe.medical', id: name }`; `result()` gives the one
 * {@link MedicalTranscript}, as `medical.transcribe` returns it). Transcribe has no stop operation.
 */
export interface MedicalTranscriptionJob extends Job<MedicalTranscript> {
  /** The MedicalTranscriptionJobName (also `id`). */
  readonly name: string;
  /** `s3://` URI of the transcript file the job writes (in your `output` or staging bucket). */
  readonly output: string;
  /** `s3://` URI of the uploaded audio when bytes were staged (not deleted: yours to delete). */
  readonly stagedUri: string | undefined;
}
