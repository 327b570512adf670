import type {
  MedicalResult,
  MedicalTranscriptResultStream,
  StartMedicalStreamTranscriptionCommandInput,
} from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import type { StreamFinals } from '../core/transcribe-stream-input';
import { streamSessions } from '../core/transcribe-stream-session';
import { TRANSCRIBE_STREAMING_MEDICAL } from './comprehend-medical';
import type {
  MedicalTranscribeStreamEvent,
  MedicalTranscribeStreamOptions,
  MedicalTranscriptWord,
} from './types';

/** The request fields of a medical session, fixed when the stream is made. @internal */
export type MedicalStreamRequest = Omit<StartMedicalStreamTranscriptionCommandInput, 'AudioStream'>;

function wordsOf(result: MedicalResult, offset: number): MedicalTranscriptWord[] {
  return (result.Alternatives?.[0]?.Items ?? []).map((item) => ({
    text: item.Content ?? '',
    type: item.Type === 'punctuation' ? 'punctuation' : 'pronunciation',
    start: (item.StartTime ?? 0) + offset,
    end: (item.EndTime ?? 0) + offset,
    confidence: item.Confidence,
    ...(item.Speaker ? { speaker: item.Speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
  }));
}

function toEvent(result: MedicalResult, offset: number): MedicalTranscribeStreamEvent {
  const alternative = result.Alternatives?.[0];
  const speaker = alternative?.Items?.find((item) => item.Speaker)?.Speaker;
  return {
    resultId: result.ResultId ?? '',
    text: alternative?.Transcript ?? '',
    isPartial: result.IsPartial ?? false,
    start: (result.StartTime ?? 0) + offset,
    end: (result.EndTime ?? 0) + offset,
    ...(speaker ? { speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
    entities: (alternative?.Entities ?? []).map((entity) => ({
      text: entity.Content ?? '',
      category: entity.Category ?? 'PHI',
      start: (entity.StartTime ?? 0) + offset,
      end: (entity.EndTime ?? 0) + offset,
      confidence: entity.Confidence,
    })),
  };
}

/**
 * Runs StartMedicalStreamTranscription over `audio` (core's `streamSessions`: framing, pacing,
 * renewal, typed errors): yields the results as events and adds the finals to `finals`. @internal
 */
export function medicalStreamEvents(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: MedicalTranscribeStreamOptions,
  input: MedicalStreamRequest,
  finals: StreamFinals,
  signal: AbortSignal,
): AsyncGenerator<MedicalTranscribeStreamEvent> {
  const partials = options.partials ?? true;
  return streamSessions(
    ctx,
    audio,
    options,
    {
      def: TRANSCRIBE_STREAMING_MEDICAL,
      operation: 'StartMedicalStreamTranscription',
      channels: options.channels ?? 1,
      start: ({ client, sdk }, AudioStream, abortSignal) =>
        client.send(new sdk.StartMedicalStreamTranscriptionCommand({ ...input, AudioStream }), {
          abortSignal,
        }),
      async *events(out, offset) {
        for await (const event of (out.TranscriptResultStream ??
          []) as AsyncIterable<MedicalTranscriptResultStream>) {
          for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) {
            if (!result.IsPartial) finals.words.push(...wordsOf(result, offset));
            if (partials || !result.IsPartial) yield toEvent(result, offset);
          }
        }
      },
    },
    signal,
  );
}
