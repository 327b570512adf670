/**
 * The sessions behind every Transcribe stream (StartStreamTranscription,
 * StartMedicalStreamTranscription, StartCallAnalyticsStreamTranscription): the caller's audio
 * re-framed and paced, sent as AudioEvents, one request per `maxSessionMs` of PCM with result
 * times re-based, and the failures typed. Each module says which operation to start and how its
 * result events map (see {@link StreamSessionSpec}).
 */

import { StreamError } from '../errors';
import { callAws } from './call';
import type { ServiceDef } from './client-cache';
import type { ModuleContext } from './context';
import { type ErrorSite, fromAwsError } from './error-mapping';
import { AudioIdle, type FramePlan, frameAudio, realSleep } from './transcribe-stream-frames';
import type { TranscribeStreamAudioOptions } from './transcribe-stream-input';
import {
  STREAM_CHUNK_MS,
  STREAM_IDLE_TIMEOUT_MS,
  STREAM_KEEP_ALIVE_AFTER_MS,
  STREAM_MAX_CHUNK_BYTES,
  STREAM_MAX_SESSION_MS,
} from './transcribe-stream-limits';
import { ReplayAudio, STREAM_REPLAY_MAX_BYTES } from './transcribe-stream-replay';

/** One event of a stream's `AudioStream` (an AudioEvent, or Call Analytics' ConfigurationEvent). @internal */
export type AudioStreamEvent =
  | { AudioEvent: { AudioChunk: Uint8Array } }
  | { ConfigurationEvent: Record<string, unknown> };

/** What one module's stream sends and how it reads the answers. @internal */
export interface StreamSessionSpec<S, C, Out, E> {
  readonly def: ServiceDef<S, C>;
  readonly operation: string;
  /** Interleaved channels of the PCM audio (frames hold whole sample frames). */
  readonly channels: number;
  /** Sent before the audio of every session (Call Analytics' ConfigurationEvent). */
  readonly preamble?: readonly AudioStreamEvent[] | undefined;
  /** Sends the start command with `audio` as its `AudioStream`. */
  start(
    loaded: { sdk: S; client: C },
    audio: AsyncIterable<AudioStreamEvent>,
    abortSignal: AbortSignal,
  ): Promise<Out>;
  /** The events of one session's answer, with times shifted by `offset` seconds. */
  events(out: Out, offset: number): AsyncIterable<E>;
}

function framePlan(options: TranscribeStreamAudioOptions, channels: number): FramePlan {
  const pcm = options.encoding === 'pcm';
  const frameMs = pcm ? (options.chunkMs ?? STREAM_CHUNK_MS.default) : 0;
  const samples = Math.max(1, Math.round((frameMs / 1000) * options.sampleRate));
  const keepAlive = options.keepAlive;
  return {
    frameBytes: pcm ? samples * 2 * channels : STREAM_MAX_CHUNK_BYTES,
    frameMs,
    pace: options.pace === 'realtime' ? 1 : (options.pace ?? 1),
    idleTimeoutMs: options.idleTimeoutMs ?? STREAM_IDLE_TIMEOUT_MS,
    sleep: options.sleep ?? realSleep,
    ...(keepAlive && pcm
      ? {
          keepAliveAfterMs:
            (typeof keepAlive === 'object' ? keepAlive.afterMs : undefined) ??
            STREAM_KEEP_ALIVE_AFTER_MS,
        }
      : {}),
  };
}

function streamError(err: unknown, site: ErrorSite, message: string): StreamError {
  const mapped = fromAwsError(err, site);
  return new StreamError(`${message}: ${mapped.message}`, {
    ...site,
    code: mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId,
    retryable: mapped.retryable,
    cause: err,
  });
}

function idleError(site: ErrorSite, idleTimeoutMs: number, cause: unknown): StreamError {
  return new StreamError(
    `No audio for ${idleTimeoutMs} ms: Transcribe ends silent streams; send silence frames or end the audio source`,
    { ...site, code: 'AudioIdleTimeout', retryable: false, cause },
  );
}

interface SessionState {
  idle: boolean;
}

/**
 * Runs the sessions of one stream over `audio`, yielding the module's events. PCM audio longer
 * than `maxSessionMs` (AWS's 4 hours) goes on in a new session on the same frames, with result
 * times shifted by the audio already sent. @internal
 */
export async function* streamSessions<S, C, Out, E>(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamAudioOptions,
  spec: StreamSessionSpec<S, C, Out, E>,
  signal: AbortSignal,
): AsyncGenerator<E> {
  const state: SessionState = { idle: false };
  const stop = new AbortController();
  const plan = framePlan(options, spec.channels);
  const frames = frameAudio(audio, plan, AbortSignal.any([signal, stop.signal]));
  const bytesPerSecond = options.sampleRate * 2 * spec.channels;
  // Renewal needs the audio's duration: PCM only (compressed audio has one session).
  const maxBytes =
    options.encoding === 'pcm'
      ? Math.max(
          plan.frameBytes,
          Math.floor(((options.maxSessionMs ?? STREAM_MAX_SESSION_MS) / 1000) * bytesPerSecond),
        )
      : Number.POSITIVE_INFINITY;
  let sentBytes = 0;
  let ended = false;
  // The next frame, read to learn whether a new session is needed, sent first in that session.
  let carry: Uint8Array | undefined;
  const pull = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      return await frames.next();
    } catch (err) {
      if (err instanceof AudioIdle) {
        state.idle = true;
        stop.abort(err);
      }
      throw err;
    }
  };
  try {
    for (;;) {
      const offset = sentBytes / bytesPerSecond;
      let segmentBytes = 0;
      // This session's audio: frames until the session's maximum, then its end (a new one follows).
      async function* segment(): AsyncGenerator<Uint8Array> {
        if (carry) {
          const first = carry;
          carry = undefined;
          segmentBytes += first.byteLength;
          yield first;
        }
        while (segmentBytes < maxBytes) {
          const next = await pull();
          if (next.done) {
            ended = true;
            return;
          }
          segmentBytes += next.value.byteLength;
          yield next.value;
        }
      }
      yield* oneSession(ctx, options, spec, signal, stop, state, plan, segment(), offset);
      sentBytes += segmentBytes;
      if (ended || segmentBytes === 0) break;
      // A new session only for more audio: a source that ends on a session boundary opens none.
      let next: IteratorResult<Uint8Array>;
      try {
        next = await pull();
      } catch (err) {
        if (state.idle) throw idleError(siteOf(spec), plan.idleTimeoutMs, err);
        throw err;
      }
      if (next.done) break;
      carry = next.value;
    }
  } finally {
    // Not awaited: a silent source may be stuck inside next().
    Promise.resolve(frames.return(undefined)).catch(() => {});
  }
}

const siteOf = (spec: {
  def: { service: ErrorSite['service'] };
  operation: string;
}): ErrorSite => ({
  service: spec.def.service,
  operation: spec.operation,
});

/**
 * One session over `chunks`, its result times shifted by `offset` s. A start refused with a
 * retryable error (throttling, 5xx) is retried within the call's budget: the frames the refused
 * attempt read (the SDK pulls audio into the request before the answer) are kept and sent first on
 * the retry, so the source is read once. Past {@link STREAM_REPLAY_MAX_BYTES} nothing more is kept,
 * and a refusal then ends the stream with `AudioConsumed`.
 */
async function* oneSession<S, C, Out, E>(
  ctx: ModuleContext,
  options: TranscribeStreamAudioOptions,
  spec: StreamSessionSpec<S, C, Out, E>,
  signal: AbortSignal,
  stop: AbortController,
  state: SessionState,
  plan: FramePlan,
  chunks: AsyncGenerator<Uint8Array>,
  offset: number,
): AsyncGenerator<E> {
  const site = siteOf(spec);
  const replay = new ReplayAudio(chunks);
  async function* audioEvents(audio: AsyncIterable<Uint8Array>): AsyncGenerator<AudioStreamEvent> {
    yield* spec.preamble ?? [];
    for await (const chunk of audio) yield { AudioEvent: { AudioChunk: chunk } };
  }
  // A refused start that cannot be retried: the audio it read was more than is kept.
  const consumed = (refusal: unknown): StreamError => {
    const refused = fromAwsError(refusal, site);
    return new StreamError(
      `Transcribe refused the stream (${refused.code}) after more than ${STREAM_REPLAY_MAX_BYTES} bytes of audio were read, too many to keep for a retry; start a new stream`,
      {
        ...site,
        code: 'AudioConsumed',
        statusCode: refused.statusCode,
        requestId: refused.requestId,
        retryable: false,
        cause: refused,
      },
    );
  };
  // The last refused start.
  let refusal: unknown;
  try {
    const out = await callAws(
      ctx,
      spec.def,
      spec.operation,
      ({ client, sdk, signal: attemptSignal }) => {
        // Frames read after the refusal came may have passed the cap since.
        if (replay.lost) throw consumed(refusal);
        const audio = replay.reader();
        return spec
          .start({ client, sdk }, audioEvents(audio), AbortSignal.any([attemptSignal, stop.signal]))
          .catch((err: unknown) => {
            // This attempt reads no more; a retry starts with the frames it read.
            audio.close();
            refusal = err;
            // A retry could not send the audio already read: no retry, the refusal as cause.
            if (replay.lost && fromAwsError(err, site).retryable && !signal.aborted) {
              throw consumed(err);
            }
            throw err;
          });
      },
      { ...options, signal },
    );
    replay.accept();
    try {
      yield* spec.events(out, offset);
      // The SDK may end the request quietly when the audio source fails.
      if (state.idle) throw idleError(site, plan.idleTimeoutMs, undefined);
    } catch (err) {
      if (StreamError.isInstance(err)) throw err;
      if (state.idle) throw idleError(site, plan.idleTimeoutMs, err);
      if (signal.aborted) throw err;
      throw streamError(err, site, 'The transcription stream failed mid-stream');
    }
  } catch (err) {
    throw state.idle && !(err instanceof StreamError)
      ? idleError(site, plan.idleTimeoutMs, err)
      : err;
  } finally {
    // What the SDK did when its request ended: the session's audio is closed (not awaited, a
    // silent source may be stuck inside next()).
    Promise.resolve(chunks.return(undefined)).catch(() => {});
  }
}
