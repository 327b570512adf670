/**
 * Limits of the Transcribe Streaming sessions (StartStreamTranscription,
 * StartMedicalStreamTranscription, StartCallAnalyticsStreamTranscription), the same for all three,
 * each with its source:
 * - M-TS: `reference/aws-models/transcribe-streaming.smithy.json` (smithy model, 2017-10-26)
 * - D-TS: Amazon Transcribe Developer Guide, "Transcribing streaming audio"
 *   (https://docs.aws.amazon.com/transcribe/latest/dg/streaming.html,
 *   https://docs.aws.amazon.com/transcribe/latest/dg/API_streaming_AudioEvent.html), as
 *   `reference/aws-limits.md` quotes it (Transcribe, Streaming: rows "Chunk size" and "Session")
 *
 * The speech and medical modules re-export them from their `limits.ts`.
 */

/** `MediaSampleRateHertz`: 8,000–48,000 Hz (M-TS `MediaSampleRateHertz`, range 8000–48000). */
export const STREAM_SAMPLE_RATE = { min: 8_000, max: 48_000 } as const;

/** `MediaEncoding`: `pcm`, `ogg-opus`, `flac` (M-TS enum `MediaEncoding`). */
export const STREAM_ENCODINGS = [
  'pcm',
  'ogg-opus',
  'flac',
] as const satisfies readonly StreamAudioEncoding[];

/** Audio encodings of the Transcribe streams: `pcm` is signed 16-bit little-endian, no WAV header. */
export type StreamAudioEncoding = 'pcm' | 'ogg-opus' | 'flac';

/** Audio per AudioEvent, recommended 50–200 ms (D-TS best practices); each AudioEvent ≤ 1 s. */
export const STREAM_CHUNK_MS = { min: 50, max: 200, default: 100 } as const;

/** AWS ends a session that receives no audio for this long (D-TS: 15 s). */
export const STREAM_IDLE_TIMEOUT_MS = 15_000;

/** Largest AudioEvent for formats whose duration cannot be computed (D-TS, older text: 32 KB). */
export const STREAM_MAX_CHUNK_BYTES = 32 * 1024;

/**
 * The longest one session may run ("stream ≤ 4 h", `reference/aws-limits.md` Transcribe
 * Streaming, from D-TS); a longer session continues on a new stream.
 */
export const STREAM_MAX_SESSION_MS = 4 * 60 * 60 * 1_000;

/** Keep-alive: silence starts after the source has been quiet this long (ms; aws-ai's choice, under D-TS's 15 s). */
export const STREAM_KEEP_ALIVE_AFTER_MS = 5_000;

/** `NumberOfChannels` with channel identification: 2 ("Up to two channels", M-TS docs). */
export const STREAM_MAX_CHANNELS = 2;
