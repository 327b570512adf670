import type {
  MedicalResult,
  StartMedicalStreamTranscriptionCommandInput,
} from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import type { StreamFinals } from '../core/transcribe-stream-input';
import { resultFields, transcriptStreamEvents } from '../core/transcribe-stream-results';
import { TRANSCRIBE_STREAMING_MEDICAL } from './comprehend-medical';
import type { MedicalTranscribeStreamEvent, MedicalTranscribeStreamOptions } from './types';

/** The request fields of a medical session, fixed when the stream is made. @internal */
export type MedicalStreamRequest = Omit<StartMedicalStreamTranscriptionCommandInput, 'AudioStream'>;

function toEvent(result: MedicalResult, offset: number): MedicalTranscribeStreamEvent {
  return {
    ...resultFields(result, offset),
    entities: (result.Alternatives?.[0]?.Entities ?? []).map((entity) => ({
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
  return transcriptStreamEvents(
    ctx,
    audio,
    options,
    {
      def: TRANSCRIBE_STREAMING_MEDICAL,
      operation: 'StartMedicalStreamTranscription',
      start: ({ client, sdk }, AudioStream, abortSignal) =>
        client.send(new sdk.StartMedicalStreamTranscriptionCommand({ ...input, AudioStream }), {
          abortSignal,
        }),
      toEvent,
    },
    finals,
    signal,
  );
}
