/**
 * Reading the result events of StartStreamTranscription and StartMedicalStreamTranscription, which
 * share their shape (a result with alternatives of items): words for the transcript, the common
 * fields of an event, and the loop that keeps the finals. Loaded with the session code.
 */
import type { ServiceDef } from './client-cache';
import type { ModuleContext } from './context';
import type { StreamFinals, TranscribeStreamAudioOptions } from './transcribe-stream-input';
import { type AudioStreamEvent, streamSessions } from './transcribe-stream-session';
import type { TranscriptWord } from './transcript-types';

/** What the two result shapes have in common (the SDK's `Result` and `MedicalResult`). @internal */
export interface StreamResultLike {
  ResultId?: string | undefined;
  StartTime?: number | undefined;
  EndTime?: number | undefined;
  IsPartial?: boolean | undefined;
  ChannelId?: string | undefined;
  Alternatives?:
    | Array<{
        Transcript?: string | undefined;
        Items?:
          | Array<{
              Content?: string | undefined;
              Type?: string | undefined;
              StartTime?: number | undefined;
              EndTime?: number | undefined;
              Confidence?: number | undefined;
              Speaker?: string | undefined;
              VocabularyFilterMatch?: boolean | undefined;
            }>
          | undefined;
      }>
    | undefined;
}

/** The fields every transcription event has. Times are seconds from the start of the audio. @internal */
export interface StreamResultFields {
  resultId: string;
  text: string;
  isPartial: boolean;
  start: number;
  end: number;
  speaker?: string | undefined;
  channel?: string | undefined;
}

/** The words of a result's best alternative, times shifted by `offset` s. @internal */
export function resultWords(result: StreamResultLike, offset: number): TranscriptWord[] {
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

/** The common fields of a result's event, times shifted by `offset` s. @internal */
export function resultFields(result: StreamResultLike, offset: number): StreamResultFields {
  const speaker = result.Alternatives?.[0]?.Items?.find((item) => item.Speaker)?.Speaker;
  return {
    resultId: result.ResultId ?? '',
    text: result.Alternatives?.[0]?.Transcript ?? '',
    isPartial: result.IsPartial ?? false,
    start: (result.StartTime ?? 0) + offset,
    end: (result.EndTime ?? 0) + offset,
    ...(speaker ? { speaker } : {}),
    ...(result.ChannelId ? { channel: result.ChannelId } : {}),
  };
}

/** A session's `TranscriptResultStream` (StartStreamTranscription's or the medical one's). @internal */
export type TranscriptResultStreamLike<R extends StreamResultLike> = AsyncIterable<{
  TranscriptEvent?: { Transcript?: { Results?: R[] | undefined } | undefined } | undefined;
}>;

/**
 * The events of one session's `TranscriptResultStream`: every final's words go to `finals` (and
 * its language, when the result has one), and each result becomes `toEvent(result, offset)`,
 * partials left out unless `partials`. @internal
 */
export async function* transcriptResults<R extends StreamResultLike, E>(
  stream: TranscriptResultStreamLike<R> | undefined,
  offset: number,
  finals: StreamFinals,
  partials: boolean,
  toEvent: (result: R, offset: number) => E,
): AsyncGenerator<E> {
  for await (const event of stream ?? []) {
    for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) {
      if (!result.IsPartial) {
        finals.words.push(...resultWords(result, offset));
        const code = (result as { LanguageCode?: string | undefined }).LanguageCode;
        finals.language.code ??= code;
      }
      if (partials || !result.IsPartial) yield toEvent(result, offset);
    }
  }
}

/** What a transcript stream starts (its service and operation) and how its results map. @internal */
export interface TranscriptStreamSpec<S, C, R extends StreamResultLike, E> {
  readonly def: ServiceDef<S, C>;
  readonly operation: string;
  /** Sends the start command with `audio` as its `AudioStream`. */
  start(
    loaded: { sdk: S; client: C },
    audio: AsyncIterable<AudioStreamEvent>,
    abortSignal: AbortSignal,
  ): Promise<{ TranscriptResultStream?: TranscriptResultStreamLike<R> | undefined }>;
  /** One result as the module's event, times shifted by `offset` s. */
  toEvent(result: R, offset: number): E;
}

/**
 * Runs a StartStreamTranscription or StartMedicalStreamTranscription stream over `audio` (core's
 * `streamSessions`: framing, pacing, renewal, typed errors) on `options.channels` (default 1):
 * yields the results as events (partials unless `options.partials` is false) and adds the finals
 * to `finals`. @internal
 */
export function transcriptStreamEvents<S, C, R extends StreamResultLike, E>(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: TranscribeStreamAudioOptions & { channels?: number | undefined },
  spec: TranscriptStreamSpec<S, C, R, E>,
  finals: StreamFinals,
  signal: AbortSignal,
): AsyncGenerator<E> {
  return streamSessions(
    ctx,
    audio,
    options,
    {
      def: spec.def,
      operation: spec.operation,
      channels: options.channels ?? 1,
      start: spec.start,
      events: (out, offset) =>
        transcriptResults(
          out.TranscriptResultStream,
          offset,
          finals,
          options.partials ?? true,
          spec.toEvent,
        ),
    },
    signal,
  );
}
