/**
 * A Transcribe Medical job as the one {@link Job} type: `ai.jobs.resume(ref)` rebuilds it from
 * `{ kind: 'transcribe.medical', id: MedicalTranscriptionJobName }` in any process and reads its
 * transcript from the caller's bucket (Transcribe Medical writes only there), as
 * `medical.transcribe` does.
 *
 * @packageDocumentation
 */

import type { MedicalTranscriptionJob as AwsMedicalJob } from '@aws-sdk/client-transcribe';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { parseS3Uri, type S3Location, s3UrlLocation } from '../core/inputs';
import { type BuiltJob, createJob, type JobRef, type JobStatus } from '../core/job';
import { parseJobOutput } from '../core/job-output';
import { checkRefKind, jobStatusOf, refContext, TRANSCRIBE_JOB_STATES } from '../core/job-ref';
import { readObject } from '../core/staging';
import { ServiceError, ValidationError } from '../errors';
import { TRANSCRIBE_MEDICAL } from './comprehend-medical';
import { MEDICAL_TRANSCRIBE_JOB_NAME } from './limits';
import { type MedicalTranscript, parseMedicalTranscript } from './transcript';

/** The kind of a medical transcription job's ref. */
export const MEDICAL_TRANSCRIPTION_KIND = 'transcribe.medical';

const SITE = { service: 'transcribe', operation: 'GetMedicalTranscriptionJob' } as const;

/**
 * The ref of a medical transcription job, as `ai.jobs.resume` takes it.
 * @throws ValidationError when `name` is not a MedicalTranscriptionJobName
 * @internal
 */
export function medicalTranscriptionRef(name: string, region?: string): JobRef {
  if (typeof name !== 'string' || !MEDICAL_TRANSCRIBE_JOB_NAME.test(name)) {
    throw new ValidationError(
      `A medical transcription job's id is its MedicalTranscriptionJobName (letters, digits, . _ -, 1–200 characters); got ${JSON.stringify(name)}`,
    );
  }
  return { kind: MEDICAL_TRANSCRIPTION_KIND, id: name, ...(region ? { region } : {}) };
}

/** One GetMedicalTranscriptionJob. @internal */
export async function getMedicalJob(
  ctx: ModuleContext,
  name: string,
  options: RequestOptions,
): Promise<AwsMedicalJob> {
  const out = await callAws(
    ctx,
    TRANSCRIBE_MEDICAL,
    'GetMedicalTranscriptionJob',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: name }),
        { abortSignal: signal },
      ),
    options,
  );
  return out.MedicalTranscriptionJob ?? {};
}

/** The status of a GetMedicalTranscriptionJob answer. @internal */
export function medicalJobStatus(name: string, job: AwsMedicalJob): JobStatus {
  return jobStatusOf(
    name,
    TRANSCRIBE_JOB_STATES,
    job.TranscriptionJobStatus ?? 'IN_PROGRESS',
    job.FailureReason,
  );
}

/** Bucket and key of an S3 URL (`s3://`, or https path or virtual-hosted style). */
function s3Location(uri: string): S3Location | undefined {
  return /^s3:\/\//i.test(uri) ? parseS3Uri(uri) : s3UrlLocation(uri, true);
}

/**
 * Reads and parses the transcript of a completed job from the caller's bucket.
 * @throws ServiceError `MissingTranscript` when the job names no transcript S3 location, and
 *   `MalformedResponse` when the file it names is not a Transcribe Medical output file
 * @internal
 */
export async function readMedicalTranscript(
  ctx: ModuleContext,
  job: AwsMedicalJob,
  calls: RequestOptions,
): Promise<MedicalTranscript> {
  const uri = job.Transcript?.TranscriptFileUri;
  const location = uri ? s3Location(uri) : undefined;
  if (!location) {
    throw new ServiceError('The medical transcription job completed without a transcript S3 URI', {
      ...SITE,
      code: 'MissingTranscript',
    });
  }
  const bytes = await readObject(ctx, location, calls);
  return parseJobOutput(
    bytes,
    parseMedicalTranscript,
    SITE,
    "The medical transcription job's transcript",
    'a Transcribe Medical output file',
  );
}

/**
 * Rebuilds a medical transcription job from its ref: `status()` is one GetMedicalTranscriptionJob,
 * `results()` yields its one {@link MedicalTranscript}. Transcribe has no stop operation, so the job
 * has no `cancel`.
 *
 * @throws ValidationError when the ref is not a medical transcription job's, before any request
 * @example
 * ```ts
 * const [transcript] = await ai.jobs.resume<MedicalTranscript>(ref).result();
 * ```
 * @internal
 */
export function medicalTranscriptionJob(
  base: ModuleContext,
  ref: JobRef,
): BuiltJob<MedicalTranscript> {
  checkRefKind(ref, MEDICAL_TRANSCRIPTION_KIND, 'Transcribe Medical');
  const name = medicalTranscriptionRef(ref.id).id;
  const ctx = refContext(base, ref);
  let last: AwsMedicalJob | undefined;

  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    last = await getMedicalJob(ctx, name, options);
    return medicalJobStatus(name, last);
  };

  async function* read(signal: AbortSignal | undefined): AsyncGenerator<MedicalTranscript> {
    const calls = signal ? { signal } : {};
    const job =
      last?.TranscriptionJobStatus === 'COMPLETED' ? last : await getMedicalJob(ctx, name, calls);
    yield await readMedicalTranscript(ctx, job, calls);
  }

  return createJob<MedicalTranscript>({
    ref,
    service: 'transcribe',
    operation: 'GetMedicalTranscriptionJob',
    describe,
    read: (_status, options) => read(options.signal),
    intervalMs: 2000,
  });
}
