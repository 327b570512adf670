/**
 * Polly and Transcribe limits (aws-limits.md §3, §4). Numbers only; the checks live next to the
 * operations.
 */

import type {
  CallAnalyticsPiiType,
  CallAnalyticsStreamLanguage,
} from './call-analytics-stream-types';

/** SynthesizeSpeech: billed characters (text without SSML tags) per request. */
export const POLLY_MAX_BILLED_CHARACTERS = 3000;

/** SynthesizeSpeech: total characters (SSML tags included) per request. */
export const POLLY_MAX_TOTAL_CHARACTERS = 6000;

/** Lexicons applied to one request. */
export const POLLY_MAX_LEXICONS = 5;

/** Speech mark types per request. */
export const POLLY_MAX_MARK_TYPES = 4;

/** Sample rates SynthesizeSpeech accepts, by output format (polly.json, `SynthesizeSpeechInput.SampleRate`). */
export const POLLY_SAMPLE_RATES: Readonly<Record<string, readonly number[]>> = {
  mp3: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_vorbis: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_opus: [48000],
  pcm: [8000, 16000],
  mulaw: [8000],
  alaw: [8000],
};

/**
 * Sample rates StartSpeechSynthesisTask accepts: SynthesizeSpeech's, but mp3 and ogg_vorbis stop
 * at 24000 (polly.json, `StartSpeechSynthesisTaskInput.SampleRate`; SynthesizeSpeech's lists
 * 44100 and 48000 too).
 */
export const POLLY_TASK_SAMPLE_RATES: Readonly<Record<string, readonly number[]>> = {
  ...POLLY_SAMPLE_RATES,
  mp3: [8000, 16000, 22050, 24000],
  ogg_vorbis: [8000, 16000, 22050, 24000],
};

/** PCM sample rate Polly uses when none is given. */
export const POLLY_DEFAULT_PCM_RATE = 16000;

/** StartTranscriptionJob: job names are 1–200 characters. */
export const TRANSCRIBE_MAX_JOB_NAME = 200;

/** StartTranscriptionJob: MaxSpeakerLabels range. */
export const TRANSCRIBE_SPEAKERS = { min: 2, max: 30 } as const;

/** StartTranscriptionJob: MaxAlternatives range. */
export const TRANSCRIBE_ALTERNATIVES = { min: 2, max: 10 } as const;

/** Media sample rates Transcribe accepts (batch and streaming). */
export const TRANSCRIBE_SAMPLE_RATE = { min: 8000, max: 48000 } as const;

/** Streaming limits, shared with the medical module's streams (sources in the core file). */
export {
  STREAM_CHUNK_MS,
  STREAM_IDLE_TIMEOUT_MS,
  STREAM_KEEP_ALIVE_AFTER_MS,
  STREAM_MAX_CHUNK_BYTES,
  STREAM_MAX_SESSION_MS,
} from '../core/transcribe-stream-limits';

/** StartSpeechSynthesisTask: billed characters per task (aws-limits.md §3, Polly quotas). */
export const POLLY_TASK_MAX_BILLED_CHARACTERS = 100_000;
/** StartSpeechSynthesisTask: total characters (SSML tags included) per task (aws-limits.md §3). */
export const POLLY_TASK_MAX_TOTAL_CHARACTERS = 200_000;
/** StartSpeechSynthesisTask: `OutputS3KeyPrefix` pattern `{0,800}` (polly.json). */
export const POLLY_TASK_MAX_KEY_PREFIX = 800;

/** StartCallAnalyticsStreamTranscription `LanguageCode` (transcribe-streaming.smithy.json enum `CallAnalyticsLanguageCode`). */
export const CALL_ANALYTICS_STREAM_LANGUAGES = [
  'en-US',
  'en-GB',
  'es-US',
  'fr-CA',
  'fr-FR',
  'en-AU',
  'it-IT',
  'de-DE',
  'pt-BR',
] as const satisfies readonly CallAnalyticsStreamLanguage[];

/**
 * StartCallAnalyticsStreamTranscription `PiiEntityTypes`: these names, comma-joined into 1–300
 * characters of `^[A-Z_, ]+$` (transcribe-streaming.smithy.json `PiiEntityTypes` and its docs).
 */
export const CALL_ANALYTICS_PII_TYPES = [
  'BANK_ACCOUNT_NUMBER',
  'BANK_ROUTING',
  'CREDIT_DEBIT_NUMBER',
  'CREDIT_DEBIT_CVV',
  'CREDIT_DEBIT_EXPIRY',
  'PIN',
  'EMAIL',
  'ADDRESS',
  'NAME',
  'PHONE',
  'SSN',
  'ALL',
] as const satisfies readonly CallAnalyticsPiiType[];

/** `ConfigurationEvent.ChannelDefinitions`: exactly 2, `ChannelId` 0–1 (transcribe-streaming.smithy.json). */
export const CALL_ANALYTICS_STREAM_CHANNELS = 2;
