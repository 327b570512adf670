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
import { STREAM_CHUNK_MS, STREAM_IDLE_TIMEOUT_MS, STREAM_MAX_CHUNK_BYTES } from './limits';
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
  return {
    frameBytes: pcm ? samples * 2 * channels : STREAM_MAX_CHUNK_BYTES,
    frameMs,
    pace: options.pace ?? 1,
    idleTimeoutMs: options.idleTimeoutMs ?? STREAM_IDLE_TIMEOUT_MS,
    sleep: options.sleep ?? realSleep,
    onFrame,
  };
}

function wordsOf(result: Result): TranscriptWord[] {
  return (result.Alternatives?.[0]?.Items ?? []).map((item) => ({
    text: item.Content ?? '',
    type: item.Type === 'punctuation' ? 'punctuation' : 'pronunciation',
    start: item.StartTime ?? 0,
    end: item.EndTime ?? 0,
    confidence: item.Confidence,
    ...(item.Speaker ? { speaker: item.Speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
    ...(item.VocabularyFilterMatch ? { masked: true } : {}),
  }));
}

function toEvent(result: Result): TranscribeStreamEvent {
  const speaker = result.Alternatives?.[0]?.Items?.find((item) => item.Speaker)?.Speaker;
  return {
    resultId: result.ResultId ?? '',
    text: result.Alternatives?.[0]?.Transcript ?? '',
    isPartial: result.IsPartial ?? false,
    start: result.StartTime ?? 0,
    end: result.EndTime ?? 0,
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
 * Runs one StartStreamTranscription session over `audio` (see `transcribeStream`): yields the
 * results as events and adds the finals to `session`. @internal
 */
export async function* transcriptionEvents(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
  session: StreamSession,
  signal: AbortSignal,
): AsyncGenerator<TranscribeStreamEvent> {
  const { input, partials, finals, language } = session;
  let idle = false;
  let pulled = false;
  const attempt = new AbortController();
  const plan = framePlan(options, () => {
    pulled = true;
  });
  async function* audioEvents() {
    try {
      for await (const chunk of frameAudio(
        audio,
        plan,
        AbortSignal.any([signal, attempt.signal]),
      )) {
        yield { AudioEvent: { AudioChunk: chunk } };
      }
    } catch (err) {
      if (err instanceof AudioIdle) {
        idle = true;
        attempt.abort(err);
      }
      throw err;
    }
  }
  try {
    const out = await callAws(
      ctx,
      TRANSCRIBE_STREAMING,
      SITE.operation,
      ({ client, sdk, signal: attemptSignal, attempt: n }) => {
        // The caller's audio can be read once: retry a refused start only before any was sent.
        if (n > 1 && pulled) {
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
            abortSignal: AbortSignal.any([attemptSignal, attempt.signal]),
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
            finals.push(...wordsOf(result));
            language.code ??= result.LanguageCode;
          }
          if (partials || !result.IsPartial) yield toEvent(result);
        }
      }
      // The SDK may end the request quietly when the audio source fails.
      if (idle) throw idleError(plan.idleTimeoutMs, undefined);
    } catch (err) {
      if (StreamError.isInstance(err)) throw err;
      if (idle) throw idleError(plan.idleTimeoutMs, err);
      if (signal.aborted) throw err;
      throw streamError(err, 'The transcription stream failed mid-stream');
    }
  } catch (err) {
    throw idle && !(err instanceof StreamError) ? idleError(plan.idleTimeoutMs, err) : err;
  }
}

function idleError(idleTimeoutMs: number, cause: unknown): StreamError {
  return new StreamError(
    `No audio for ${idleTimeoutMs} ms: Transcribe ends silent streams; send silence frames or end the audio source`,
    { ...SITE, code: 'AudioIdleTimeout', retryable: false, cause },
  );
}
