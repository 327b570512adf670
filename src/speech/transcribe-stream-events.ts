import type {
  Result,
  StartStreamTranscriptionCommandInput,
  TranscriptResultStream,
} from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import type { StreamFinals } from '../core/transcribe-stream-input';
import { streamSessions } from '../core/transcribe-stream-session';
import { TRANSCRIBE_STREAMING } from './transcribe';
import type { TranscriptWord } from './transcript-types';
import type { TranscribeStreamEvent, TranscribeStreamOptions } from './types';

/** The request fields of a session, fixed when the stream is made. @internal */
export type StreamRequest = Omit<StartStreamTranscriptionCommandInput, 'AudioStream'>;

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

/**
 * Runs StartStreamTranscription over `audio` (see `transcribeStream`, and core's
 * `streamSessions` for framing, pacing and renewal): yields the results as events and adds the
 * finals to `finals`. @internal
 */
export function transcriptionEvents(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamOptions,
  input: StreamRequest,
  finals: StreamFinals,
  signal: AbortSignal,
): AsyncGenerator<TranscribeStreamEvent> {
  const partials = options.partials ?? true;
  return streamSessions(
    ctx,
    audio,
    options,
    {
      def: TRANSCRIBE_STREAMING,
      operation: 'StartStreamTranscription',
      channels: options.channels ?? 1,
      start: ({ client, sdk }, AudioStream, abortSignal) =>
        client.send(new sdk.StartStreamTranscriptionCommand({ ...input, AudioStream }), {
          abortSignal,
        }),
      async *events(out, offset) {
        for await (const event of (out.TranscriptResultStream ??
          []) as AsyncIterable<TranscriptResultStream>) {
          for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) {
            if (!result.IsPartial) {
              finals.words.push(...wordsOf(result, offset));
              finals.language.code ??= result.LanguageCode;
            }
            if (partials || !result.IsPartial) yield toEvent(result, offset);
          }
        }
      },
    },
    signal,
  );
}
