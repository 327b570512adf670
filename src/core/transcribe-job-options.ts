/**
 * Option checks and job naming shared by the Transcribe jobs of aws-ai/speech and aws-ai/medical,
 * run before anything is uploaded or started.
 *
 * @internal
 * @packageDocumentation
 */
import { describe } from '../config';
import { ValidationError } from '../errors';
import { type BinaryInput, type ResolvedBinary, resolveBinary } from './inputs';
import { requirePollInterval } from './polling';

/** An optional integer within AWS's range (speakers, alternatives, sample rate, channels). */
export function checkIntegerRange(
  name: string,
  value: number | undefined,
  limits: { min: number; max: number },
): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && value >= limits.min && value <= limits.max)
  ) {
    throw new ValidationError(
      `${name} must be an integer from ${limits.min} to ${limits.max}; got ${describe(value)}`,
    );
  }
}

/** `pollIntervalMs`, `onPoll` and `jobNamePrefix` (AWS's job name characters, at most 150). */
export function checkJobPolling(options: {
  pollIntervalMs?: number | undefined;
  onPoll?: unknown;
  jobNamePrefix?: string | undefined;
}): void {
  if (options.pollIntervalMs !== undefined) {
    requirePollInterval('pollIntervalMs', options.pollIntervalMs, true);
  }
  if (options.onPoll !== undefined && typeof options.onPoll !== 'function') {
    throw new ValidationError('onPoll must be a function');
  }
  if (
    options.jobNamePrefix !== undefined &&
    (typeof options.jobNamePrefix !== 'string' ||
      !/^[0-9a-zA-Z._-]{1,150}$/.test(options.jobNamePrefix))
  ) {
    throw new ValidationError(
      'jobNamePrefix may use letters, digits, . _ - and at most 150 characters',
    );
  }
}

/** Unique per call: Transcribe job names must be unique in the account and Region. */
export function uniqueJobName(prefix: string): string {
  return `${prefix}-${Date.now()}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}

/** The media formats Transcribe and Transcribe Medical jobs read (model: MediaFormat). */
export type JobMediaFormat = 'mp3' | 'mp4' | 'wav' | 'flac' | 'ogg' | 'amr' | 'webm' | 'm4a';

const JOB_MEDIA_FORMATS: readonly JobMediaFormat[] = [
  'mp3',
  'mp4',
  'wav',
  'flac',
  'ogg',
  'amr',
  'webm',
  'm4a',
];

/**
 * The job's audio and its `MediaFormat`: the caller's `format`, else the one sniffed from the
 * bytes, else the S3 key's extension.
 * @throws ValidationError for audio over `maxBytes`, or when no format Transcribe reads is known
 */
export async function resolveJobMedia(
  input: BinaryInput,
  format: string | undefined,
  maxBytes: number,
): Promise<{ media: ResolvedBinary; format: JobMediaFormat }> {
  const media = await resolveBinary(input, { maxBytes, label: 'audio' });
  const chosen =
    format ??
    media.format ??
    (media.kind === 's3' ? media.key : undefined)?.split('.').pop()?.toLowerCase();
  if (!JOB_MEDIA_FORMATS.includes(chosen as JobMediaFormat)) {
    throw new ValidationError(
      `Cannot tell the audio format; pass format: one of ${JOB_MEDIA_FORMATS.join(', ')}`,
    );
  }
  return { media, format: chosen as JobMediaFormat };
}

/** The `Settings` both job kinds share: speaker labels, channels, alternatives, vocabulary. */
export function jobLabelSettings(options: {
  speakers?: number | undefined;
  channels?: boolean | undefined;
  alternatives?: number | undefined;
  vocabulary?: string | undefined;
}): {
  ShowSpeakerLabels?: boolean;
  MaxSpeakerLabels?: number;
  ChannelIdentification?: boolean;
  ShowAlternatives?: boolean;
  MaxAlternatives?: number;
  VocabularyName?: string;
} {
  return {
    ...(options.speakers !== undefined
      ? { ShowSpeakerLabels: true, MaxSpeakerLabels: options.speakers }
      : {}),
    ...(options.channels ? { ChannelIdentification: true } : {}),
    ...(options.alternatives !== undefined
      ? { ShowAlternatives: true, MaxAlternatives: options.alternatives }
      : {}),
    ...(options.vocabulary ? { VocabularyName: options.vocabulary } : {}),
  };
}
