import type {
  CallAnalyticsTranscriptResultStream,
  CategoryEvent,
  StartCallAnalyticsStreamTranscriptionCommandInput,
  UtteranceEvent,
} from '@aws-sdk/client-transcribe-streaming';
import type { ModuleContext } from '../core/context';
import type { StreamFinals } from '../core/transcribe-stream-input';
import { type AudioStreamEvent, streamSessions } from '../core/transcribe-stream-session';
import type {
  AnalyzeCallStreamOptions,
  CallAnalyticsStreamEvent,
  CallCategoryEvent,
  CallUtteranceEvent,
} from './call-analytics-stream-types';
import type { CallParticipant, CallSentiment } from './call-analytics-types';
import { CALL_ANALYTICS_STREAM_CHANNELS } from './limits';
import { TRANSCRIBE_STREAMING } from './transcribe';
import type { TranscriptWord } from './transcript-types';

/** What every session of one call stream sends: its request fields and ConfigurationEvent. @internal */
export interface CallStreamRequest {
  input: Omit<StartCallAnalyticsStreamTranscriptionCommandInput, 'AudioStream'>;
  configuration: AudioStreamEvent;
}

/** Milliseconds of one session to seconds of the whole stream. */
const seconds = (ms: number | undefined, offset: number) =>
  Math.round(((ms ?? 0) / 1000 + offset) * 1000) / 1000;

function toUtterance(event: UtteranceEvent, offset: number): CallUtteranceEvent {
  const participant: CallParticipant = event.ParticipantRole === 'CUSTOMER' ? 'customer' : 'agent';
  const text = event.Transcript ?? '';
  return {
    type: 'utterance',
    id: event.UtteranceId ?? '',
    isPartial: event.IsPartial ?? false,
    participant,
    text,
    start: seconds(event.BeginOffsetMillis, offset),
    end: seconds(event.EndOffsetMillis, offset),
    words: (event.Items ?? []).map(
      (item): TranscriptWord => ({
        text: item.Content ?? '',
        type: item.Type === 'punctuation' ? 'punctuation' : 'pronunciation',
        start: seconds(item.BeginOffsetMillis, offset),
        end: seconds(item.EndOffsetMillis, offset),
        confidence: item.Confidence,
        speaker: participant,
        ...(item.VocabularyFilterMatch ? { masked: true } : {}),
      }),
    ),
    ...(event.Sentiment ? { sentiment: event.Sentiment.toLowerCase() as CallSentiment } : {}),
    issues: (event.IssuesDetected ?? []).flatMap(({ CharacterOffsets: at }) => {
      const start = at?.Begin;
      const end = at?.End;
      if (start === undefined || end === undefined || !(start >= 0 && end >= start)) return [];
      return [{ text: text.slice(start, end), start, end }];
    }),
    entities: (event.Entities ?? []).map((entity) => ({
      text: entity.Content ?? '',
      category: entity.Category ?? 'PII',
      type: entity.Type ?? '',
      start: seconds(entity.BeginOffsetMillis, offset),
      end: seconds(entity.EndOffsetMillis, offset),
      confidence: entity.Confidence,
    })),
  };
}

function toCategories(event: CategoryEvent, offset: number): CallCategoryEvent {
  return {
    type: 'category',
    categories: (event.MatchedCategories ?? []).map((name) => ({
      name,
      at: (event.MatchedDetails?.[name]?.TimestampRanges ?? []).map((range) => ({
        start: seconds(range.BeginOffsetMillis, offset),
        end: seconds(range.EndOffsetMillis, offset),
      })),
    })),
  };
}

/**
 * Runs StartCallAnalyticsStreamTranscription over two-channel `audio` (core's `streamSessions`:
 * framing, pacing, renewal, typed errors), each session opened by the ConfigurationEvent: yields
 * utterance and category events and adds the final utterances' words to `finals`. @internal
 */
export function callAnalyticsEvents(
  ctx: ModuleContext,
  audio: AsyncIterable<Uint8Array>,
  options: AnalyzeCallStreamOptions,
  call: CallStreamRequest,
  finals: StreamFinals,
  signal: AbortSignal,
): AsyncGenerator<CallAnalyticsStreamEvent> {
  const partials = options.partials ?? true;
  return streamSessions(
    ctx,
    audio,
    options,
    {
      def: TRANSCRIBE_STREAMING,
      operation: 'StartCallAnalyticsStreamTranscription',
      channels: CALL_ANALYTICS_STREAM_CHANNELS,
      preamble: [call.configuration],
      start: ({ client, sdk }, AudioStream, abortSignal) =>
        client.send(
          new sdk.StartCallAnalyticsStreamTranscriptionCommand({
            ...call.input,
            AudioStream:
              AudioStream as StartCallAnalyticsStreamTranscriptionCommandInput['AudioStream'],
          }),
          { abortSignal },
        ),
      async *events(out, offset) {
        for await (const event of (out.CallAnalyticsTranscriptResultStream ??
          []) as AsyncIterable<CallAnalyticsTranscriptResultStream>) {
          if (event.UtteranceEvent) {
            const utterance = toUtterance(event.UtteranceEvent, offset);
            if (!utterance.isPartial) finals.words.push(...utterance.words);
            if (partials || !utterance.isPartial) yield utterance;
          } else if (event.CategoryEvent) {
            yield toCategories(event.CategoryEvent, offset);
          }
        }
      },
    },
    signal,
  );
}
