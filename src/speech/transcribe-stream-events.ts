import type {
  Result,
  StartStreamTranscriptionCommandInput,
  TranscriptResultStream,
} from '@aws-sdk/client-transcribe-streaming';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type ErrorSite, fromAwsError } from '../core/error-mapping';
import { StreamError } from '../core/errors';
import { AudioIdle, type FramePlan, frameAudio, realSleep } from './audio-frames';
import {
  STREAM_CHUNK_MS,
  STREAM_IDLE_TIMEOUT_MS,
  STREAM_KEEP_ALIVE_AFTER_MS,
  STREAM_MAX_CHUNK_BYTES,
  STREAM_MAX_SESSION_MS,
} from './limits';
import { TRANSCRIBE_STREAMING } from './transcribe';
import type { TranscriptWord } from './transcript-types';
import type { TranscribeStreamEvent, TranscribeStreamOptions } from './types';

/** The request fields of a session, fixed when the stream is made. @internal */
export type StreamRequest = Omit<StartStreamTranscriptionCommandInput, 'AudioStream'>;

const SITE: ErrorSite = { service: 'transcribe-streaming', operation: 'StartStreamTranscription' };

/** What a session fixed when it was made, and where its finals go. @internal */
export interface StreamSession {
  input: StreamRequest;
  partials: boolean;
  finals: TranscriptWord[];
  language: { code: string | undefined };
}

function framePlan(options: TranscribeStreamOptions, onFrame: (bytes: number) => void): FramePlan {
  const channels = options.channels ?? 1;
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
    onFrame,
    ...(keepAlive && pcm
      ? {
          keepAliveAfterMs:
            (typeof keepAlive === 'object' ? keepAlive.afterMs : undefined) ??
            STREAM_KEEP_ALIVE_AFTER_MS,
        }
      : {}),
  };
}

function wordsOf(result: Result, offset: number): TranscriptWord[] {
  return (result.Alternatives?.[0]?.Items ?? []).map((item) => ({
    text: item.Content ?? '',
    type: item.Type === 'punctuation' ? 'punctuation' : 'pronunciation',
    start: (item.StartTime ?? 0) + offset,
    end: (item.EndTime ?? 0) + offset,
    confidence: item.Confidence,
    ...(item.Speaker ? { speaker: item.Speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
    ...(item.VocabularyFilterMatch ? { masked: true } : {}),
  }));
}

function toEvent(result: Result, offset: number): TranscribeStreamEvent {
  const speaker = result.Alternatives?.[0]?.Items?.find((item) => item.Speaker)?.Speaker;
  return {
    resultId: result.ResultId ?? '',
    text: result.Alternatives?.[0]?.Transcript ?? '',
    isPartial: result.IsPartial ?? false,
    start: (result.StartTime ?? 0) + offset,
    end: (result.EndTime ?? 0) + offset,
    ...(speaker ? { speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
    ...(result.LanguageCode ? { languageCode: result.LanguageCode } : {}),
  };
}

function streamError(err: unknown, message: string, code?: string): StreamError {
  const mapped = fromAwsError(err, SITE);
  return new StreamError(`${message}: ${mapped.message}`, {
    ...SITE,
    code: code ?? mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId,
    retryable: mapped.retryable,
    cause: err,
  });
}

/**
 * Runs StartStreamTranscription over `audio` (see `transcribeStream`): yields the results as events
 * and adds the finals to `session`. PCM audio longer than `maxSessionMs` (AWS's 4 hours) goes on in
 * a new session on the same frames, with result times shifted by the audio already sent. @internal
 */
export async function* transcriptionEvents(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
  session: StreamSession,
  signal: AbortSignal,
): AsyncGenerator<TranscribeStreamEvent> {
  const state = { idle: false, pulled: false };
  const stop = new AbortController();
  const plan = framePlan(options, () => {
    state.pulled = true;
  });
  const frames = frameAudio(audio, plan, AbortSignal.any([signal, stop.signal]));
  const bytesPerSecond = options.sampleRate * 2 * (options.channels ?? 1);
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
  try {
    for (;;) {
      const offset = sentBytes / bytesPerSecond;
      let segmentBytes = 0;
      // This session's audio: frames until the session's maximum, then its end (a new one follows).
      async function* segment(): AsyncGenerator<Uint8Array> {
        while (segmentBytes < maxBytes) {
          let next: IteratorResult<Uint8Array>;
          try {
            next = await frames.next();
          } catch (err) {
            if (err instanceof AudioIdle) {
              state.idle = true;
              stop.abort(err);
            }
            throw err;
          }
          if (next.done) {
            ended = true;
            return;
          }
          segmentBytes += next.value.byteLength;
          yield next.value;
        }
      }
      state.pulled = false;
      yield* oneSession(ctx, options, session, signal, stop, state, plan, segment(), offset);
      sentBytes += segmentBytes;
      if (ended || segmentBytes === 0) break;
    }
  } finally {
    // Not awaited: a silent source may be stuck inside next().
    Promise.resolve(frames.return(undefined)).catch(() => {});
  }
}

/** One StartStreamTranscription request over `chunks`, its result times shifted by `offset` s. */
async function* oneSession(
  ctx: ModuleContext,
  options: TranscribeStreamOptions,
  session: StreamSession,
  signal: AbortSignal,
  stop: AbortController,
  state: { idle: boolean; pulled: boolean },
  plan: FramePlan,
  chunks: AsyncGenerator<Uint8Array>,
  offset: number,
): AsyncGenerator<TranscribeStreamEvent> {
  const { input, partials, finals, language } = session;
  async function* audioEvents() {
    for await (const chunk of chunks) yield { AudioEvent: { AudioChunk: chunk } };
  }
  try {
    const out = await callAws(
      ctx,
      TRANSCRIBE_STREAMING,
      SITE.operation,
      ({ client, sdk, signal: attemptSignal, attempt: n }) => {
        // The caller's audio can be read once: retry a refused start only before any was sent.
        if (n > 1 && state.pulled) {
          throw new StreamError(
            'Transcribe refused the stream after audio was read; start a new stream',
            {
              ...SITE,
              code: 'AudioConsumed',
              retryable: false,
            },
          );
        }
        return client.send(
          new sdk.StartStreamTranscriptionCommand({ ...input, AudioStream: audioEvents() }),
          {
            abortSignal: AbortSignal.any([attemptSignal, stop.signal]),
          },
        );
      },
      { ...options, signal },
    );
    try {
      for await (const event of (out.TranscriptResultStream ??
        []) as AsyncIterable<TranscriptResultStream>) {
        for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) {
          if (!result.IsPartial) {
            finals.push(...wordsOf(result, offset));
            language.code ??= result.LanguageCode;
          }
          if (partials || !result.IsPartial) yield toEvent(result, offset);
        }
      }
      // The SDK may end the request quietly when the audio source fails.
      if (state.idle) throw idleError(plan.idleTimeoutMs, undefined);
    } catch (err) {
      if (StreamError.isInstance(err)) throw err;
      if (state.idle) throw idleError(plan.idleTimeoutMs, err);
      if (signal.aborted) throw err;
      throw streamError(err, 'The transcription stream failed mid-stream');
    }
  } catch (err) {
    throw state.idle && !(err instanceof StreamError) ? idleError(plan.idleTimeoutMs, err) : err;
  }
}

function idleError(idleTimeoutMs: number, cause: unknown): StreamError {
  return new StreamError(
    `No audio for ${idleTimeoutMs} ms: Transcribe ends silent streams; send silence frames or end the audio source`,
    { ...SITE, code: 'AudioIdleTimeout', retryable: false, cause },
  );
}
