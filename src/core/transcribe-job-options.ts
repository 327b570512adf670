/**
 * Option checks and job naming shared by the Transcribe jobs of aws-ai/speech and aws-ai/medical,
 * run before anything is uploaded or started.
 *
 * @internal
 * @packageDocumentation
 */
import { describe } from '../config';
import { ValidationError } from '../errors';
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
