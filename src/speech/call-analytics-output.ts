import { ValidationError } from '../errors';
import type {
  CallAnalysis,
  CallCategoryMatch,
  CallParticipant,
  CallSentiment,
  CallSpan,
  CallTurn,
} from './call-analytics-types';
import { parseTranscript as parseStandardTranscript } from './parse-transcript';
import { joinWords, Transcript } from './transcript';
import type { TranscriptSegment, TranscriptWord } from './transcript-types';

type Json = Record<string, unknown>;

const MASK = /^(\*+|\[PII\])$/;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Milliseconds → seconds, as the rest of the transcript model counts. */
function seconds(ms: unknown): number | undefined {
  const n = num(ms);
  return n === undefined ? undefined : n / 1000;
}

function participantOf(role: unknown): CallParticipant {
  return String(role).toUpperCase() === 'AGENT' ? 'agent' : 'customer';
}

function byParticipant<T>(value: unknown, map: (v: unknown) => T | undefined) {
  const out: Partial<Record<CallParticipant, T>> = {};
  if (!isRecord(value)) return out;
  for (const [role, v] of Object.entries(value)) {
    const mapped = map(v);
    if (mapped !== undefined) out[participantOf(role)] = mapped;
  }
  return out;
}

/** The input as JSON, or undefined when it is not a JSON object (the standard parser words the error). */
function decode(json: unknown): Json | undefined {
  let value = json;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return isRecord(value) ? value : undefined;
}

/** Whether `json` is a Call Analytics output file: a top-level `Transcript` array, no `results`. */
export function isCallAnalyticsOutput(json: unknown): boolean {
  const value = decode(json);
  return value !== undefined && Array.isArray(value.Transcript) && !('results' in value);
}

/** A turn's marked spans: `CharacterOffsets { Begin, End }`, clamped to the text. */
function spans(text: string, value: unknown): CallSpan[] {
  return list(value).flatMap((entry) => {
    const offsets = isRecord(entry) ? entry.CharacterOffsets : undefined;
    if (!isRecord(offsets)) return [];
    const start = Math.min(Math.max(0, num(offsets.Begin) ?? 0), text.length);
    const end = Math.min(Math.max(start, num(offsets.End) ?? start), text.length);
    return [{ text: text.slice(start, end), start, end }];
  });
}

function sentimentOf(value: unknown): CallSentiment | undefined {
  const s = str(value)?.toLowerCase();
  return s === 'positive' || s === 'negative' || s === 'neutral' || s === 'mixed' ? s : undefined;
}

function wordsOf(items: unknown, speaker: CallParticipant): TranscriptWord[] {
  return list(items).flatMap((raw) => {
    if (!isRecord(raw)) return [];
    const text = str(raw.Content) ?? '';
    const punctuation = raw.Type === 'punctuation';
    return [
      {
        text,
        type: punctuation ? ('punctuation' as const) : ('pronunciation' as const),
        start: seconds(raw.BeginOffsetMillis) ?? 0,
        end: seconds(raw.EndOffsetMillis) ?? seconds(raw.BeginOffsetMillis) ?? 0,
        confidence: num(raw.Confidence),
        speaker,
        ...(raw.VocabularyFilterMatch === true || MASK.test(text) ? { masked: true } : {}),
      },
    ];
  });
}

/**
 * Parses a Transcribe Call Analytics output file (post-call analytics): its top-level `Transcript`
 * array of turns (`ParticipantRole`, `Content`, `Items`, `Sentiment`, `IssuesDetected`,
 * `OutcomesDetected`, `ActionItemsDetected`, `LoudnessScores`), `Categories`,
 * `ConversationCharacteristics` and `ContactSummary`. Times in seconds.
 *
 * @throws ValidationError when the input is not a Call Analytics output file
 * @example
 * ```ts
 * import { parseCallAnalytics } from 'aws-ai/speech';
 * const call = parseCallAnalytics(await readFile('call.json', 'utf8'));
 * for (const turn of call.turns) console.log(turn.participant, turn.sentiment, turn.text);
 * ```
 */
export function parseCallAnalytics(json: unknown): CallAnalysis {
  const value = decode(json);
  if (value === undefined || !Array.isArray(value.Transcript)) {
    throw new ValidationError(
      'This is not a Call Analytics output file (it has no top-level Transcript array of turns)',
    );
  }
  const turns: CallTurn[] = [];
  const segments: TranscriptSegment[] = [];
  const words: TranscriptWord[] = [];
  for (const raw of value.Transcript) {
    if (!isRecord(raw)) {
      throw new ValidationError("A Call Analytics transcript's turns must be objects");
    }
    const participant = participantOf(raw.ParticipantRole);
    const turnWords = wordsOf(raw.Items, participant);
    const text = str(raw.Content) ?? joinWords(turnWords);
    const start = seconds(raw.BeginOffsetMillis) ?? turnWords[0]?.start ?? 0;
    const end = seconds(raw.EndOffsetMillis) ?? turnWords.at(-1)?.end ?? start;
    turns.push({
      ...(str(raw.Id) ? { id: str(raw.Id) } : {}),
      participant,
      text,
      start,
      end,
      sentiment: sentimentOf(raw.Sentiment),
      loudness: list(raw.LoudnessScores).flatMap((n) =>
        num(n) === undefined ? [] : [n as number],
      ),
      issues: spans(text, raw.IssuesDetected),
      outcomes: spans(text, raw.OutcomesDetected),
      actionItems: spans(text, raw.ActionItemsDetected),
    });
    segments.push({ text, start, end, speaker: participant, words: turnWords });
    words.push(...turnWords);
  }
  turns.sort((a, b) => a.start - b.start);
  segments.sort((a, b) => a.start - b.start);
  words.sort((a, b) => a.start - b.start);

  const joined: Partial<Record<CallParticipant, string>> = {};
  for (const turn of turns) {
    joined[turn.participant] = joined[turn.participant]
      ? `${joined[turn.participant]} ${turn.text}`
      : turn.text;
  }
  const categories: CallCategoryMatch[] = [];
  const matched = isRecord(value.Categories) ? value.Categories : {};
  const details = isRecord(matched.MatchedDetails) ? matched.MatchedDetails : {};
  for (const name of list(matched.MatchedCategories)) {
    const key = String(name);
    const detail = details[key] ?? details[key.trim()];
    categories.push({
      name: key.trim(),
      at: list(isRecord(detail) ? detail.PointsOfInterest : undefined).flatMap((p) =>
        isRecord(p)
          ? [{ start: seconds(p.BeginOffsetMillis) ?? 0, end: seconds(p.EndOffsetMillis) ?? 0 }]
          : [],
      ),
    });
  }
  const traits = isRecord(value.ConversationCharacteristics)
    ? value.ConversationCharacteristics
    : {};
  const pick = (v: unknown, ...path: string[]) =>
    path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), v);
  const interruptions = isRecord(traits.Interruptions) ? traits.Interruptions : {};
  const summary = str(pick(value.ContactSummary, 'AutoGenerated', 'OverallSummary', 'Content'));
  const jobName = str(value.JobName);
  const languageCode = str(value.LanguageCode);
  return {
    transcript: new Transcript({
      text: turns.map((t) => t.text).join(' '),
      languageCode,
      words,
      segments,
      channels: [],
      alternatives: [],
      ...(jobName ? { jobName } : {}),
    }),
    turns,
    byParticipant: joined,
    categories,
    characteristics: {
      durationSeconds: seconds(traits.TotalConversationDurationMillis),
      sentiment: byParticipant(pick(traits, 'Sentiment', 'OverallSentiment'), num),
      talkTime: byParticipant(pick(traits, 'TalkTime', 'DetailsByParticipant'), (v) =>
        seconds(pick(v, 'TotalTimeMillis')),
      ),
      talkSpeed: byParticipant(pick(traits, 'TalkSpeed', 'DetailsByParticipant'), (v) =>
        num(pick(v, 'AverageWordsPerMinute')),
      ),
      interruptions: {
        count: num(interruptions.TotalCount) ?? 0,
        by: byParticipant(interruptions.InterruptionsByInterrupter, (v) =>
          Array.isArray(v) ? v.length : undefined,
        ),
      },
      nonTalkSeconds: seconds(pick(traits, 'NonTalkTime', 'TotalTimeMillis')),
    },
    ...(summary ? { summary } : {}),
    ...(jobName ? { jobName } : {}),
  };
}

/**
 * Builds a {@link Transcript} from any Transcribe output file: the standard formats (`results`, with
 * `audio_segments` or the older `speaker_labels`/`channel_labels`) and Call Analytics output (its
 * top-level `Transcript` array of turns; speakers `agent` and `customer`). For the Call Analytics
 * insights (sentiment per turn, issues, categories, summary) use {@link parseCallAnalytics}.
 *
 * @throws ValidationError when the input is not a Transcribe output file
 * @example
 * ```ts
 * import { parseTranscript } from 'aws-ai/speech';
 * const transcript = parseTranscript(await readFile('job.json', 'utf8'));
 * console.log(transcript.segments.map((s) => `${s.speaker}: ${s.text}`), transcript.toVtt());
 * ```
 */
export function parseTranscript(
  json: unknown,
  defaults: { languageCode?: string | undefined } = {},
): Transcript {
  if (isCallAnalyticsOutput(json)) {
    const { transcript } = parseCallAnalytics(json);
    if (transcript.languageCode !== undefined || defaults.languageCode === undefined) {
      return transcript;
    }
    return new Transcript({ ...transcript, languageCode: defaults.languageCode });
  }
  return parseStandardTranscript(json, defaults);
}
