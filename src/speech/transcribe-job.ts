import type { StartTranscriptionJobCommandInput } from '@aws-sdk/client-transcribe';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ServiceError, TimeoutError, ValidationError } from '../core/errors';
import { type BinaryInput, resolveBinary } from '../core/inputs';
import { deadlineSignal } from '../core/internal/abort';
import { poll, requireNonNegative } from '../core/polling';
import { attachStagedObjects, stagedObjectsOf, withStaged } from '../core/staging';
import { TRANSCRIBE_ALTERNATIVES, TRANSCRIBE_SAMPLE_RATE, TRANSCRIBE_SPEAKERS } from './limits';
import { parseTranscript } from './parse-transcript';
import { TRANSCRIBE } from './transcribe';
import {
  fetchJobOutput,
  fetchSubtitles,
  subtitlesRequest,
  transcriptUri,
} from './transcribe-output';
import { Transcript } from './transcript';
import type { TranscribeMediaFormat, TranscribeOptions } from './types';

/** Transcribe reads files up to 2 GB. */
const MAX_MEDIA_BYTES = 2 * 1024 ** 3;

const FORMATS: readonly TranscribeMediaFormat[] = [
  'mp3',
  'mp4',
  'wav',
  'flac',
  'ogg',
  'amr',
  'webm',
  'm4a',
];

function range(
  name: string,
  value: number | undefined,
  limits: { min: number; max: number },
): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && value >= limits.min && value <= limits.max)
  ) {
    throw new ValidationError(
      `${name} must be an integer from ${limits.min} to ${limits.max}; got ${String(value)}`,
    );
  }
}

function checkOptions(options: TranscribeOptions): void {
  range('speakers', options.speakers, TRANSCRIBE_SPEAKERS);
  range('alternatives', options.alternatives, TRANSCRIBE_ALTERNATIVES);
  range('sampleRate', options.sampleRate, TRANSCRIBE_SAMPLE_RATE);
  if (options.language && options.identifyLanguage) {
    throw new ValidationError('Give either language or identifyLanguage, not both');
  }
  if (options.speakers !== undefined && options.channels) {
    throw new ValidationError('Transcribe labels speakers or channels in one job, not both');
  }
  if (options.pollIntervalMs !== undefined) {
    requireNonNegative('pollIntervalMs', options.pollIntervalMs, true);
  }
  if (options.onPoll !== undefined && typeof options.onPoll !== 'function') {
    throw new ValidationError('onPoll must be a function');
  }
  if (
    options.jobNamePrefix !== undefined &&
    !/^[0-9a-zA-Z._-]{1,150}$/.test(options.jobNamePrefix)
  ) {
    throw new ValidationError(
      'jobNamePrefix may use letters, digits, . _ - and at most 150 characters',
    );
  }
}

function mediaFormat(
  options: TranscribeOptions,
  sniffed: string | undefined,
  key: string | undefined,
): TranscribeMediaFormat {
  const extension = key?.split('.').pop()?.toLowerCase();
  const format = options.format ?? sniffed ?? extension;
  if (!FORMATS.includes(format as TranscribeMediaFormat)) {
    throw new ValidationError(
      `Cannot tell the audio format; pass format: one of ${FORMATS.join(', ')}`,
    );
  }
  return format as TranscribeMediaFormat;
}

/** Unique per call: Transcribe job names must be unique in the account and Region. */
function jobName(prefix = 'aws-ai'): string {
  return `${prefix}-${Date.now()}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}

function jobRequest(
  name: string,
  uri: string,
  format: TranscribeMediaFormat,
  output: { bucket: string; key: string } | undefined,
  subtitles: StartTranscriptionJobCommandInput['Subtitles'],
  options: TranscribeOptions,
): StartTranscriptionJobCommandInput {
  const { identifyLanguage, vocabularyFilter } = options;
  const settings: NonNullable<StartTranscriptionJobCommandInput['Settings']> = {
    ...(options.speakers !== undefined
      ? { ShowSpeakerLabels: true, MaxSpeakerLabels: options.speakers }
      : {}),
    ...(options.channels ? { ChannelIdentification: true } : {}),
    ...(options.alternatives !== undefined
      ? { ShowAlternatives: true, MaxAlternatives: options.alternatives }
      : {}),
    ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
    ...(vocabularyFilter
      ? {
          VocabularyFilterName: vocabularyFilter.name,
          VocabularyFilterMethod: vocabularyFilter.method ?? 'mask',
        }
      : {}),
  };
  type Language = StartTranscriptionJobCommandInput['LanguageCode'];
  return {
    TranscriptionJobName: name,
    Media: { MediaFileUri: uri },
    MediaFormat: format,
    ...(options.sampleRate ? { MediaSampleRateHertz: options.sampleRate } : {}),
    ...(identifyLanguage
      ? {
          IdentifyLanguage: true,
          ...(Array.isArray(identifyLanguage)
            ? { LanguageOptions: [...identifyLanguage] as NonNullable<Language>[] }
            : {}),
        }
      : { LanguageCode: (options.language ?? 'en-US') as Language }),
    ...(Object.keys(settings).length > 0 ? { Settings: settings } : {}),
    ...(options.redactPii
      ? { ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' } }
      : {}),
    ...(output ? { OutputBucketName: output.bucket, OutputKey: output.key } : {}),
    ...(subtitles ? { Subtitles: subtitles } : {}),
  };
}

/** @internal */
export async function transcribe(
  ctx: ModuleContext,
  input: BinaryInput,
  options: TranscribeOptions = {},
): Promise<Transcript> {
  checkOptions(options);
  const subtitles = subtitlesRequest(options.subtitles);
  const media = await resolveBinary(input, { maxBytes: MAX_MEDIA_BYTES, label: 'audio' });
  const format = mediaFormat(options, media.format, media.kind === 's3' ? media.key : undefined);
  const deadline = deadlineSignal(options.signal, options.timeoutMs);
  const calls = { signal: deadline.signal, retry: options.retry };
  const name = jobName(options.jobNamePrefix);
  const staging = ctx.config.staging;
  // With staging configured the transcript goes to our bucket (read with S3 credentials); else
  // Transcribe keeps it and returns a pre-signed URL.
  const output = staging?.bucket
    ? { bucket: staging.bucket, key: `${staging.prefix ?? 'aws-ai/'}transcripts/${name}.json` }
    : undefined;
  try {
    return await withStaged(
      ctx,
      media.kind === 's3' ? media : media.bytes,
      { ...options, ...calls, purpose: 'Transcribe StartTranscriptionJob', extension: format },
      async (staged) => {
        await callAws(
          ctx,
          TRANSCRIBE,
          'StartTranscriptionJob',
          async ({ client, sdk, signal, attempt }) => {
            try {
              return await client.send(
                new sdk.StartTranscriptionJobCommand(
                  jobRequest(name, staged.uri, format, output, subtitles, options),
                ),
                {
                  abortSignal: signal,
                },
              );
            } catch (err) {
              // A retry after a lost response finds the job the first attempt created.
              if (attempt > 1 && (err as { name?: string }).name === 'ConflictException')
                return undefined;
              throw err;
            }
          },
          calls,
        );
        const job = await poll(
          async (signal) => {
            const out = await callAws(
              ctx,
              TRANSCRIBE,
              'GetTranscriptionJob',
              ({ client, sdk, signal: attemptSignal }) =>
                client.send(new sdk.GetTranscriptionJobCommand({ TranscriptionJobName: name }), {
                  abortSignal: attemptSignal,
                }),
              { ...calls, signal },
            );
            const job = out.TranscriptionJob ?? {};
            const status = job.TranscriptionJobStatus;
            if (status === 'COMPLETED') return { done: true, value: job };
            if (status === 'FAILED') {
              throw new ServiceError(
                `Transcription job ${name} failed: ${job.FailureReason ?? 'no reason given'}`,
                {
                  service: 'transcribe',
                  operation: 'GetTranscriptionJob',
                  code: 'TranscriptionJobFailed',
                  retryable: false,
                },
              );
            }
            return { done: false, status };
          },
          {
            intervalMs: options.pollIntervalMs ?? 2000,
            maxIntervalMs: 10_000,
            signal: deadline.signal,
            onPoll: options.onPoll,
          },
        );
        const [bytes, files] = await Promise.all([
          fetchJobOutput(ctx, transcriptUri(job), output, deadline.signal, options.retry),
          subtitles
            ? fetchSubtitles(ctx, job, subtitles, output, deadline.signal, options.retry)
            : undefined,
        ]);
        const transcript = parseTranscript(bytes, { languageCode: job.LanguageCode });
        return files ? new Transcript({ ...transcript.toJSON(), subtitles: files }) : transcript;
      },
    );
  } catch (err) {
    if (deadline.timedOut() && !options.signal?.aborted) {
      const timeout = new TimeoutError(
        `Transcription job ${name} did not finish within ${options.timeoutMs} ms`,
        {
          service: 'transcribe',
          operation: 'GetTranscriptionJob',
          code: 'ETIMEDOUT',
          cause: err,
        },
      );
      attachStagedObjects(timeout, stagedObjectsOf(err));
      throw timeout;
    }
    throw err;
  } finally {
    deadline.cleanup();
  }
}
