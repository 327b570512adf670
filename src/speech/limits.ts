/**
 * Polly and Transcribe limits (aws-limits.md §3, §4). Numbers only; the checks live next to the
 * operations.
 */

/** SynthesizeSpeech: billed characters (text without SSML tags) per request. */
export const POLLY_MAX_BILLED_CHARACTERS = 3000;

/** SynthesizeSpeech: total characters (SSML tags included) per request. */
export const POLLY_MAX_TOTAL_CHARACTERS = 6000;

/** Lexicons applied to one request. */
export const POLLY_MAX_LEXICONS = 5;

/** Speech mark types per request. */
export const POLLY_MAX_MARK_TYPES = 4;

/** Sample rates SynthesizeSpeech accepts, by output format. */
export const POLLY_SAMPLE_RATES: Readonly<Record<string, readonly number[]>> = {
  mp3: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_vorbis: [8000, 16000, 22050, 24000, 44100, 48000],
  ogg_opus: [48000],
  pcm: [8000, 16000],
  mulaw: [8000],
  alaw: [8000],
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

/** Streaming: recommended audio chunk duration range (ms); each AudioEvent ≤ 1 s. */
export const STREAM_CHUNK_MS = { min: 50, max: 200, default: 100 } as const;

/** Streaming: AWS ends a session that receives no audio for this long. */
export const STREAM_IDLE_TIMEOUT_MS = 15_000;

/** Streaming: largest AudioEvent for formats whose duration cannot be computed (older model text). */
export const STREAM_MAX_CHUNK_BYTES = 32 * 1024;

/**
 * Streaming: the longest one StartStreamTranscription session may run ("stream ≤ 4 h",
 * `reference/aws-limits.md` Transcribe Streaming, from the Transcribe Developer Guide); a longer
 * session continues on a new stream.
 */
export const STREAM_MAX_SESSION_MS = 4 * 60 * 60 * 1_000;

/** Streaming keep-alive: silence starts after the source has been quiet this long (ms). */
export const STREAM_KEEP_ALIVE_AFTER_MS = 5_000;

/** StartSpeechSynthesisTask: billed characters per task (aws-limits.md §3, Polly quotas). */
export const POLLY_TASK_MAX_BILLED_CHARACTERS = 100_000;
/** StartSpeechSynthesisTask: total characters (SSML tags included) per task (aws-limits.md §3). */
export const POLLY_TASK_MAX_TOTAL_CHARACTERS = 200_000;
/** StartSpeechSynthesisTask: `OutputS3KeyPrefix` pattern `{0,800}` (polly.json). */
export const POLLY_TASK_MAX_KEY_PREFIX = 800;
