/**
 * A Transcribe transcription job as the one {@link Job} type: `ai.jobs.resume(ref)` and
 * `ai.jobs.fromEvent(event)` rebuild it from `{ kind: 'transcribe.transcription', id: jobName }` in
 * any process, and read its transcript (and subtitles) as `speech.transcribe` does.
 *
 * @packageDocumentation
 */

import type { TranscriptionJob } from '@aws-sdk/client-transcribe';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { createJob, type Job, type JobRef, type JobStatus } from '../core/job';
import { checkRefKind, jobStatusOf, refContext, TRANSCRIBE_JOB_STATES } from '../core/job-ref';
import { ValidationError } from '../errors';
import { TRANSCRIBE } from './transcribe';
import {
  fetchJobOutput,
  fetchSubtitles,
  parseJobTranscript,
  transcriptUri,
} from './transcribe-output';
import { Transcript } from './transcript';

/** The kind of a transcription job's ref. */
export const TRANSCRIPTION_KIND = 'transcribe.transcription';

/** Transcribe's `TranscriptionJobName` pattern. */
const JOB_NAME = /^[0-9a-zA-Z._-]{1,200}$/;

/**
 * The ref of a transcription job, as `ai.jobs.resume` takes it.
 *
 * @throws ValidationError when `name` is not a Transcribe job name
 * @example
 * ```ts
 * const ref = transcriptionRef('aws-ai-1700000000000-1a2b3c4d');
 * const transcript = (await ai.jobs.resume<Transcript>(ref).result())[0];
 * ```
 * @internal
 */
export function transcriptionRef(name: string, region?: string): JobRef {
  if (typeof name !== 'string' || !JOB_NAME.test(name)) {
    throw new ValidationError(
      `A transcription job's id is its TranscriptionJobName (letters, digits, . _ -, 1–200 characters); got ${JSON.stringify(name)}`,
    );
  }
  return { kind: TRANSCRIPTION_KIND, id: name, ...(region ? { region } : {}) };
}

/**
 * Rebuilds a transcription job from its ref: `status()` is one GetTranscriptionJob, `results()`
 * yields its one {@link Transcript} (the redacted one when redaction was asked for, with the
 * subtitle files it made). Transcribe has no stop operation, so the job has no `cancel`.
 *
 * @throws ValidationError when the ref is not a transcription job's, before any request
 * @example
 * ```ts
 * const job = ai.jobs.fromEvent<Transcript>(event); // "Transcribe Job State Change"
 * const [transcript] = await job.result();
 * ```
 * @internal
 */
export function transcriptionJob(base: ModuleContext, ref: JobRef): Job<Transcript> {
  checkRefKind(ref, TRANSCRIPTION_KIND, 'Transcribe');
  const name = transcriptionRef(ref.id).id;
  const ctx = refContext(base, ref);
  let last: TranscriptionJob | undefined;

  const get = async (options: RequestOptions): Promise<TranscriptionJob> => {
    const out = await callAws(
      ctx,
      TRANSCRIBE,
      'GetTranscriptionJob',
      ({ client, sdk, signal }) =>
        client.send(new sdk.GetTranscriptionJobCommand({ TranscriptionJobName: name }), {
          abortSignal: signal,
        }),
      options,
    );
    last = out.TranscriptionJob ?? {};
    return last;
  };

  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const job = await get(options);
    return jobStatusOf(
      name,
      TRANSCRIBE_JOB_STATES,
      job.TranscriptionJobStatus ?? 'IN_PROGRESS',
      job.FailureReason,
    );
  };

  async function* read(signal: AbortSignal | undefined): AsyncGenerator<Transcript> {
    const job =
      last?.TranscriptionJobStatus === 'COMPLETED' ? last : await get(signal ? { signal } : {});
    // As speech.transcribe: a transcript in the staging bucket is read through S3.
    const staging = ctx.config.staging;
    const output = staging?.bucket ? { bucket: staging.bucket } : undefined;
    const formats = job.Subtitles?.Formats ?? [];
    const [bytes, files] = await Promise.all([
      fetchJobOutput(ctx, transcriptUri(job), output, signal),
      formats.length > 0
        ? fetchSubtitles(
            ctx,
            job,
            {
              Formats: formats,
              ...(job.Subtitles?.OutputStartIndex !== undefined
                ? { OutputStartIndex: job.Subtitles.OutputStartIndex }
                : {}),
            },
            output,
            signal,
          )
        : undefined,
    ]);
    const transcript = parseJobTranscript(bytes, job.LanguageCode, {
      service: 'transcribe',
      operation: 'GetTranscriptionJob',
    });
    yield files ? new Transcript({ ...transcript.toJSON(), subtitles: files }) : transcript;
  }

  return createJob<Transcript>({
    ref,
    service: 'transcribe',
    operation: 'GetTranscriptionJob',
    describe,
    read: (_status, options) => read(options.signal),
    intervalMs: 2000,
  });
}
