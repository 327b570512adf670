import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { Handler } from '../types';
import { checkStreamMembers, emulatedStream, sessionIdOf } from './transcribe-streaming-utterances';
import { transcriptEvent } from './transcribe-transcript';

/** `CallAnalyticsLanguageCode` (transcribe-streaming model). */
const LANGUAGES = ['en-US', 'en-GB', 'es-US', 'fr-CA', 'fr-FR', 'en-AU', 'it-IT', 'de-DE', 'pt-BR'];
/** Sentiments the emulated utterances cycle through, in order. */
const SENTIMENTS = ['NEUTRAL', 'POSITIVE', 'NEGATIVE', 'MIXED'] as const;
/** The category every customer utterance with an issue matches. */
export const EMULATED_CALL_CATEGORY = 'emulated-complaint';

const bad = (message: string) => new EmulatorError('BadRequestException', message);

function checkInput(input: Record<string, unknown>): void {
  if (!LANGUAGES.includes(String(input.LanguageCode))) {
    throw bad(`1 validation error detected: Value at 'languageCode' failed to satisfy constraint`);
  }
  checkStreamMembers(input);
}

/** The participant of each channel, from the ConfigurationEvent's `ChannelDefinitions`. */
function rolesOf(configuration: unknown): string[] {
  const definitions = isRecord(configuration) ? configuration.ChannelDefinitions : undefined;
  if (!Array.isArray(definitions) || definitions.length !== 2) {
    throw bad('ChannelDefinitions must define 2 channels');
  }
  const roles: string[] = [];
  for (const definition of definitions) {
    const id = isRecord(definition) ? Number(definition.ChannelId ?? 0) : Number.NaN;
    const role = isRecord(definition) ? definition.ParticipantRole : undefined;
    if (!(id === 0 || id === 1) || (role !== 'AGENT' && role !== 'CUSTOMER') || roles[id]) {
      throw bad(
        'Each ChannelDefinition needs ChannelId 0 or 1 and ParticipantRole AGENT or CUSTOMER',
      );
    }
    roles[id] = role;
  }
  return roles;
}

const millis = (seconds: number) => Math.round(seconds * 1000);

/**
 * StartCallAnalyticsStreamTranscription: the first AudioStream event must be a ConfigurationEvent
 * with two `ChannelDefinitions` (two-channel audio); the utterances then alternate between channel
 * 0 and 1 and carry that channel's participant. Finals get a sentiment (NEUTRAL, POSITIVE,
 * NEGATIVE, MIXED in turn); a NEGATIVE customer utterance has the issue `words` and is followed by
 * a CategoryEvent matching {@link EMULATED_CALL_CATEGORY} over its time; with
 * `ContentIdentificationType: PII` the last number of a final is a PII entity.
 */
export const startCallAnalyticsStreamTranscription: Handler = (input, ctx) => {
  checkInput(input);
  const sampleRate = Number(input.MediaSampleRateHertz);
  const pii = input.ContentIdentificationType === 'PII';
  const audio = input.AudioStream as AsyncIterable<unknown>;
  async function* results() {
    const events = audio[Symbol.asyncIterator]();
    const first = await events.next();
    const configuration =
      !first.done && isRecord(first.value) ? first.value.ConfigurationEvent : undefined;
    if (configuration === undefined) {
      throw bad('Send a ConfigurationEvent with ChannelDefinitions before the audio');
    }
    const roles = rolesOf(configuration);
    // PostCallAnalyticsSettings: OutputLocation and DataAccessRoleArn are required members.
    const postCall = isRecord(configuration) ? configuration.PostCallAnalyticsSettings : undefined;
    if (
      postCall !== undefined &&
      (!isRecord(postCall) ||
        typeof postCall.OutputLocation !== 'string' ||
        typeof postCall.DataAccessRoleArn !== 'string')
    ) {
      throw bad('PostCallAnalyticsSettings needs OutputLocation and DataAccessRoleArn');
    }
    const rest = { [Symbol.asyncIterator]: () => events };
    const utterances = emulatedStream(rest, sampleRate, 2, (u) => {
      const result = transcriptEvent(u.index, u.from, u.to, sampleRate, u.partial, 2)
        .TranscriptEvent.Transcript.Results[0];
      const role = roles[(u.index - 1) % 2] ?? 'AGENT';
      const text = result?.Alternatives[0]?.Transcript ?? '';
      const items = (result?.Alternatives[0]?.Items ?? []).map((item) => ({
        BeginOffsetMillis: millis(item.StartTime),
        EndOffsetMillis: millis(item.EndTime),
        Type: item.Type,
        Content: item.Content,
        ...(item.Confidence !== undefined ? { Confidence: item.Confidence } : {}),
        VocabularyFilterMatch: false,
        Stable: item.Stable,
      }));
      const sentiment = SENTIMENTS[(u.index - 1) % SENTIMENTS.length];
      const issue = !u.partial && role === 'CUSTOMER' && sentiment === 'NEGATIVE';
      const last = items.at(-1);
      const begin = millis(result?.StartTime ?? 0);
      const end = millis(result?.EndTime ?? 0);
      const utterance = {
        UtteranceEvent: {
          UtteranceId: `emulated-utterance-${u.index}`,
          IsPartial: u.partial,
          ParticipantRole: role,
          BeginOffsetMillis: begin,
          EndOffsetMillis: end,
          Transcript: text,
          Items: items,
          Entities:
            pii && !u.partial && last
              ? [
                  {
                    BeginOffsetMillis: last.BeginOffsetMillis,
                    EndOffsetMillis: last.EndOffsetMillis,
                    Category: 'PII',
                    Type: 'PIN',
                    Content: last.Content,
                    Confidence: 0.9,
                  },
                ]
              : [],
          ...(u.partial ? {} : { Sentiment: sentiment }),
          IssuesDetected: issue
            ? [
                {
                  CharacterOffsets: {
                    Begin: text.indexOf('words'),
                    End: text.indexOf('words') + 5,
                  },
                },
              ]
            : [],
        },
      };
      if (!issue) return [utterance];
      const category = {
        CategoryEvent: {
          MatchedCategories: [EMULATED_CALL_CATEGORY],
          MatchedDetails: {
            [EMULATED_CALL_CATEGORY]: {
              TimestampRanges: [{ BeginOffsetMillis: begin, EndOffsetMillis: end }],
            },
          },
        },
      };
      return [utterance, category];
    });
    for await (const events of utterances) yield* events;
  }
  return {
    RequestId: ctx.requestId,
    SessionId: typeof input.SessionId === 'string' ? input.SessionId : sessionIdOf(ctx.requestId),
    CallAnalyticsTranscriptResultStream: results(),
  };
};
