import type {
  Result,
  StartStreamTranscriptionCommandInput,
} from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import type { StreamFinals } from '../core/transcribe-stream-input';
import { resultFields, transcriptStreamEvents } from '../core/transcribe-stream-results';
import { TRANSCRIBE_STREAMING } from './transcribe';
import type { TranscribeStreamEvent, TranscribeStreamOptions } from './types';

/** The request fields of a session, fixed when the stream is made. @internal */
export type StreamRequest = Omit<StartStreamTranscriptionCommandInput, 'AudioStream'>;

function toEvent(result: Result, offset: number): TranscribeStreamEvent {
  return {
    ...resultFields(result, offset),
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
  return transcriptStreamEvents(
    ctx,
    audio,
    options,
    {
      def: TRANSCRIBE_STREAMING,
      operation: 'StartStreamTranscription',
      start: ({ client, sdk }, AudioStream, abortSignal) =>
        client.send(new sdk.StartStreamTranscriptionCommand({ ...input, AudioStream }), {
          abortSignal,
        }),
      toEvent,
    },
    finals,
    signal,
  );
}
