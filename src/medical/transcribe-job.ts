import type { StartMedicalTranscriptionJobCommandInput } from '@aws-sdk/client-transcribe';
import { describe, type RequestOptions } from '../config';
import { requestOptionsOf, type ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import type { BinaryInput } from '../core/inputs';
import { jobWaitOptions, pollOptionsOf } from '../core/job';
import { poll } from '../core/polling';
import { withStaged } from '../core/staging';
import {
  checkIntegerRange,
  checkJobPolling,
  jobLabelSettings,
  resolveJobMedia,
  uniqueJobName,
} from '../core/transcribe-job-options';
import { startNamedJob, startOnStaged } from '../core/transcribe-job-start';
import { ServiceError, ValidationError } from '../errors';
import { TRANSCRIBE_MEDICAL } from './comprehend-medical';
import {
  MEDICAL_TRANSCRIBE_ALTERNATIVES,
  MEDICAL_TRANSCRIBE_JOB_NAME,
  MEDICAL_TRANSCRIBE_LANGUAGES,
  MEDICAL_TRANSCRIBE_MAX_MEDIA_BYTES,
  MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX,
  MEDICAL_TRANSCRIBE_SAMPLE_RATE,
  MEDICAL_TRANSCRIBE_SPEAKERS,
  MEDICAL_TRANSCRIBE_SPECIALTIES,
} from './limits';
import {
  getMedicalJob,
  medicalJobStatus,
  medicalTranscriptionJob,
  medicalTranscriptionRef,
  readMedicalTranscript,
} from './transcribe-job-resume';
import type { MedicalTranscript } from './transcript';
import type { MedicalTranscriptionJob } from './transcription-job-types';
import type { MedicalTranscribeOptions, MedicalTranscriptionJobOptions } from './types';

type Format = NonNullable<MedicalTranscribeOptions['format']>;
const SITE = { service: 'transcribe', operation: 'GetMedicalTranscriptionJob' } as const;

function checkOptions(options: MedicalTranscribeOptions): void {
  checkIntegerRange('speakers', options.speakers, MEDICAL_TRANSCRIBE_SPEAKERS);
  checkIntegerRange('alternatives', options.alternatives, MEDICAL_TRANSCRIBE_ALTERNATIVES);
  checkIntegerRange('sampleRate', options.sampleRate, MEDICAL_TRANSCRIBE_SAMPLE_RATE);
  if (
    options.type !== undefined &&
    options.type !== 'conversation' &&
    options.type !== 'dictation'
  ) {
    throw new ValidationError(
      `type must be 'conversation' or 'dictation'; got ${describe(options.type)}`,
    );
  }
  if (
    options.specialty !== undefined &&
    !MEDICAL_TRANSCRIBE_SPECIALTIES.includes(options.specialty)
  ) {
    throw new ValidationError(
      `specialty must be ${MEDICAL_TRANSCRIBE_SPECIALTIES.join(' or ')} (the only one Transcribe Medical batch jobs take); got ${describe(options.specialty)}`,
    );
  }
  if (options.language !== undefined && !MEDICAL_TRANSCRIBE_LANGUAGES.includes(options.language)) {
    throw new ValidationError(
      `Transcribe Medical supports US English (${MEDICAL_TRANSCRIBE_LANGUAGES.join(', ')}) only; got language ${describe(options.language)}`,
      { code: 'UnsupportedLanguage' },
    );
  }
  for (const flag of ['channels', 'identifyPhi', 'throwOnItemError'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw new ValidationError(`${flag} must be true or false; got ${typeof options[flag]}`);
    }
  }
  if (
    options.vocabulary !== undefined &&
    (typeof options.vocabulary !== 'string' || !/^[0-9a-zA-Z._-]{1,200}$/.test(options.vocabulary))
  ) {
    throw new ValidationError(
      'vocabulary must be a medical vocabulary name: 1 to 200 letters, digits, . _ or -',
    );
  }
  if (options.speakers !== undefined && options.channels) {
    throw new ValidationError(
      'Transcribe Medical labels speakers or channels in one job, not both',
    );
  }
  if (options.type === 'dictation' && options.speakers !== undefined) {
    throw new ValidationError(
      "A dictation has one speaker: leave speakers out, or use type 'conversation'",
    );
  }
  checkJobPolling(options);
  jobWaitOptions(options);
}

/** Bucket and key of the transcript: the caller's `output`, else the staging bucket. */
function outputLocation(
  ctx: ModuleContext,
  options: MedicalTranscribeOptions,
  name: string,
): { bucket: string; key: string } {
  let bucket: string;
  let prefix: string;
  if (options.output !== undefined) {
    if (typeof options.output !== 'string' || !/^s3:\/\/[^/]+/i.test(options.output)) {
      throw new ValidationError(
        "output must be an s3:// URI of your bucket, e.g. 's3://clinic-transcripts/visits/'",
      );
    }
    const slash = options.output.indexOf('/', 5);
    bucket = slash < 0 ? options.output.slice(5) : options.output.slice(5, slash);
    prefix = slash < 0 ? '' : options.output.slice(slash + 1);
    // Bucket rules of the model's OutputBucketName.
    if (!/^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new ValidationError(
        `output names bucket ${JSON.stringify(bucket)}, which is not an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)`,
      );
    }
  } else if (ctx.config.staging?.bucket) {
    bucket = ctx.config.staging.bucket;
    prefix = `${ctx.config.staging.prefix ?? 'aws-ai/'}transcripts/`;
  } else {
    throw new ValidationError(
      "Transcribe Medical writes the transcript to your own S3 bucket: pass output: 's3://bucket/prefix/', or configure staging: { bucket }",
    );
  }
  // A key ending in .json names the file; anything else is a folder, its closing slash optional
  // (the generated name glued to 'visits' would make 'visitsaws-ai-medical-….json').
  const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const key = prefix.endsWith('.json') ? prefix : `${folder}${name}.json`;
  if (key.length > MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX || !/^[a-zA-Z0-9\-_.!*'()/]+$/.test(key)) {
    throw new ValidationError(
      `The output key ${JSON.stringify(key.slice(0, 80))} must be at most ${MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX} characters of letters, digits and - _ . ! * ' ( ) /`,
    );
  }
  return { bucket, key };
}

function jobRequest(
  name: string,
  uri: string,
  format: Format,
  output: { bucket: string; key: string },
  options: MedicalTranscribeOptions,
): StartMedicalTranscriptionJobCommandInput {
  const settings: NonNullable<StartMedicalTranscriptionJobCommandInput['Settings']> = {
    ...jobLabelSettings(options),
  };
  return {
    MedicalTranscriptionJobName: name,
    LanguageCode: options.language ?? 'en-US',
    Media: { MediaFileUri: uri },
    MediaFormat: format,
    ...(options.sampleRate ? { MediaSampleRateHertz: options.sampleRate } : {}),
    OutputBucketName: output.bucket,
    OutputKey: output.key,
    Specialty: options.specialty ?? 'PRIMARYCARE',
    Type: options.type === 'dictation' ? 'DICTATION' : 'CONVERSATION',
    ...(Object.keys(settings).length > 0 ? { Settings: settings } : {}),
    ...(options.identifyPhi ? { ContentIdentificationType: 'PHI' } : {}),
  };
}

/** What both `transcribe` and `startTranscription` work out before anything is sent. */
async function plan(ctx: ModuleContext, input: BinaryInput, options: MedicalTranscribeOptions) {
  checkOptions(options);
  const name = uniqueJobName(options.jobNamePrefix ?? 'aws-ai-medical');
  if (!MEDICAL_TRANSCRIBE_JOB_NAME.test(name)) {
    throw new ValidationError('jobNamePrefix makes a job name over 200 characters; shorten it');
  }
  const output = outputLocation(ctx, options, name);
  const { media, format } = await resolveJobMedia(
    input,
    options.format,
    MEDICAL_TRANSCRIBE_MAX_MEDIA_BYTES,
  );
  return { name, output, media, format };
}

type Plan = Awaited<ReturnType<typeof plan>>;

/** StartMedicalTranscriptionJob; a retry after a lost response finds the job the first attempt created. */
async function startJob(
  ctx: ModuleContext,
  { name, format, output }: Plan,
  uri: string,
  options: MedicalTranscribeOptions,
  calls: RequestOptions,
): Promise<void> {
  await startNamedJob(
    ctx,
    TRANSCRIBE_MEDICAL,
    'StartMedicalTranscriptionJob',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.StartMedicalTranscriptionJobCommand(jobRequest(name, uri, format, output, options)),
        { abortSignal: signal },
      ),
    calls,
  );
}

/**
 * Starts a medical transcription job and returns it as a {@link Job} (no waiting): bytes are
 * staged and NOT deleted (`stagedUri`), since Transcribe Medical reads them while the job runs.
 * Runs inside the call scope of `medical.startTranscription` (ADR 0006, amendment): the upload and
 * the start request share its deadline, signal and retry budget; the job returned is not bound to
 * them.
 * @internal
 */
export async function startMedicalTranscription(
  ctx: ModuleContext,
  input: BinaryInput,
  options: ScopedOptions<MedicalTranscriptionJobOptions>,
): Promise<MedicalTranscriptionJob> {
  const planned = await plan(ctx, input, options);
  // The scope's signal, the time left and the retry budget, for every request of the start.
  const calls = requestOptionsOf(options);
  const stagedUri = await startOnStaged(
    ctx,
    planned.media.kind === 's3' ? planned.media : planned.media.bytes,
    { ...calls, purpose: 'Transcribe StartMedicalTranscriptionJob', extension: planned.format },
    (uri) => startJob(ctx, planned, uri, options, calls),
  );
  // The job outlives the start: its requests take their own options, not the start's signal and
  // timeoutMs (as a job resumed from its ref).
  const job = medicalTranscriptionJob(ctx, medicalTranscriptionRef(planned.name));
  return Object.assign(job, {
    name: planned.name,
    output: `s3://${planned.output.bucket}/${planned.output.key}`,
    stagedUri,
  });
}

/** @internal */
export async function transcribeMedical(
  ctx: ModuleContext,
  input: BinaryInput,
  options: ScopedOptions<MedicalTranscribeOptions>,
): Promise<MedicalTranscript> {
  const planned = await plan(ctx, input, options);
  const { name, media, format } = planned;
  const calls = { signal: options.signal, retry: options.retry };
  // The call's scope bounds the whole call with `timeoutMs`; the polling needs no deadline of its own.
  const wait = jobWaitOptions({ ...options, timeoutMs: undefined });
  return withStaged(
    ctx,
    media.kind === 's3' ? media : media.bytes,
    { ...options, purpose: 'Transcribe StartMedicalTranscriptionJob', extension: format },
    async (staged) => {
      await startJob(ctx, planned, staged.uri, options, options);
      const job = await poll(
        async (signal) => {
          const job = await getMedicalJob(ctx, name, {
            ...options,
            signal: signal ?? options.signal,
          });
          const status = medicalJobStatus(name, job);
          if (status.state === 'completed') return { done: true, value: job };
          if (status.state === 'failed') {
            throw new ServiceError(
              `Medical transcription job ${name} failed: ${job.FailureReason ?? 'no reason given'}`,
              { ...SITE, code: 'TranscriptionJobFailed', retryable: false },
            );
          }
          wait.onProgress?.(status);
          return { done: false, status: status.awsStatus };
        },
        pollOptionsOf(wait, { intervalMs: 2000, maxIntervalMs: 10_000 }),
      );
      return readMedicalTranscript(ctx, job, calls);
    },
  );
}
