import type { StartMedicalTranscriptionJobCommandInput } from '@aws-sdk/client-transcribe';
import { describe } from '../config';
import { callAws } from '../core/call';
import type { ScopedOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { ServiceError, ValidationError } from '../core/errors';
import { type BinaryInput, parseS3Uri, resolveBinary, type S3Location } from '../core/inputs';
import { poll } from '../core/polling';
import { readObject, withStaged } from '../core/staging';
import { checkIntegerRange, checkJobPolling, uniqueJobName } from '../core/transcribe-job-options';
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
import { type MedicalTranscript, parseMedicalTranscript } from './transcript';
import type { MedicalTranscribeOptions } from './types';

type Format = NonNullable<MedicalTranscribeOptions['format']>;
const FORMATS: readonly Format[] = ['mp3', 'mp4', 'wav', 'flac', 'ogg', 'amr', 'webm', 'm4a'];
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
  const key = prefix.endsWith('.json') ? prefix : `${prefix}${name}.json`;
  if (key.length > MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX || !/^[a-zA-Z0-9\-_.!*'()/]+$/.test(key)) {
    throw new ValidationError(
      `The output key ${JSON.stringify(key.slice(0, 80))} must be at most ${MEDICAL_TRANSCRIBE_OUTPUT_KEY_MAX} characters of letters, digits and - _ . ! * ' ( ) /`,
    );
  }
  return { bucket, key };
}

function mediaFormat(
  options: MedicalTranscribeOptions,
  sniffed: string | undefined,
  key: string | undefined,
): Format {
  const extension = key?.split('.').pop()?.toLowerCase();
  const format = options.format ?? sniffed ?? extension;
  if (!FORMATS.includes(format as Format)) {
    throw new ValidationError(
      `Cannot tell the audio format; pass format: one of ${FORMATS.join(', ')}`,
    );
  }
  return format as Format;
}

/** Bucket and key of an S3 URL (`s3://`, or https path or virtual-hosted style). */
function s3Location(uri: string): S3Location | undefined {
  if (/^s3:\/\//i.test(uri)) return parseS3Uri(uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(url.pathname.slice(1));
  const hosted = /^(.+)\.s3[.-]/.exec(url.hostname)?.[1];
  if (hosted) return { bucket: hosted, key: path };
  const slash = path.indexOf('/');
  return slash > 0 ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : undefined;
}

function jobRequest(
  name: string,
  uri: string,
  format: Format,
  output: { bucket: string; key: string },
  options: MedicalTranscribeOptions,
): StartMedicalTranscriptionJobCommandInput {
  const settings: NonNullable<StartMedicalTranscriptionJobCommandInput['Settings']> = {
    ...(options.speakers !== undefined
      ? { ShowSpeakerLabels: true, MaxSpeakerLabels: options.speakers }
      : {}),
    ...(options.channels ? { ChannelIdentification: true } : {}),
    ...(options.alternatives !== undefined
      ? { ShowAlternatives: true, MaxAlternatives: options.alternatives }
      : {}),
    ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
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

/** @internal */
export async function transcribeMedical(
  ctx: ModuleContext,
  input: BinaryInput,
  options: ScopedOptions<MedicalTranscribeOptions>,
): Promise<MedicalTranscript> {
  checkOptions(options);
  const name = uniqueJobName(options.jobNamePrefix ?? 'aws-ai-medical');
  if (!MEDICAL_TRANSCRIBE_JOB_NAME.test(name)) {
    throw new ValidationError('jobNamePrefix makes a job name over 200 characters; shorten it');
  }
  const output = outputLocation(ctx, options, name);
  const media = await resolveBinary(input, {
    maxBytes: MEDICAL_TRANSCRIBE_MAX_MEDIA_BYTES,
    label: 'audio',
  });
  const format = mediaFormat(options, media.format, media.kind === 's3' ? media.key : undefined);
  const calls = { signal: options.signal, retry: options.retry };
  return withStaged(
    ctx,
    media.kind === 's3' ? media : media.bytes,
    { ...options, purpose: 'Transcribe StartMedicalTranscriptionJob', extension: format },
    async (staged) => {
      await callAws(
        ctx,
        TRANSCRIBE_MEDICAL,
        'StartMedicalTranscriptionJob',
        async ({ client, sdk, signal, attempt }) => {
          try {
            return await client.send(
              new sdk.StartMedicalTranscriptionJobCommand(
                jobRequest(name, staged.uri, format, output, options),
              ),
              { abortSignal: signal },
            );
          } catch (err) {
            // A retry after a lost response finds the job the first attempt created.
            if (attempt > 1 && (err as { name?: string }).name === 'ConflictException')
              return undefined;
            throw err;
          }
        },
        options,
      );
      const job = await poll(
        async (signal) => {
          const out = await callAws(
            ctx,
            TRANSCRIBE_MEDICAL,
            'GetMedicalTranscriptionJob',
            ({ client, sdk, signal: attemptSignal }) =>
              client.send(
                new sdk.GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: name }),
                {
                  abortSignal: attemptSignal,
                },
              ),
            { ...options, signal: signal ?? options.signal },
          );
          const job = out.MedicalTranscriptionJob ?? {};
          const status = job.TranscriptionJobStatus;
          if (status === 'COMPLETED') return { done: true, value: job };
          if (status === 'FAILED') {
            throw new ServiceError(
              `Medical transcription job ${name} failed: ${job.FailureReason ?? 'no reason given'}`,
              { ...SITE, code: 'TranscriptionJobFailed', retryable: false },
            );
          }
          return { done: false, status };
        },
        {
          intervalMs: options.pollIntervalMs ?? 2000,
          maxIntervalMs: 10_000,
          signal: calls.signal,
          onPoll: options.onPoll,
        },
      );
      const uri = job.Transcript?.TranscriptFileUri;
      const location = uri ? s3Location(uri) : undefined;
      if (!location) {
        throw new ServiceError(
          'The medical transcription job completed without a transcript S3 URI',
          {
            ...SITE,
            code: 'MissingTranscript',
          },
        );
      }
      return parseMedicalTranscript(await readObject(ctx, location, calls));
    },
  );
}
