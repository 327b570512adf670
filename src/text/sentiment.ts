import type { SentimentScore } from '@aws-sdk/client-comprehend';
import { utf8ByteLength } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import type { Piece } from '../core/text-pieces';
import { BatchItemError, ServiceError } from '../errors';
import { type Analysed, type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { COMPREHEND_LANGUAGES, COMPREHEND_SENTIMENT_MAX_DOC_BYTES } from './limits';
import type {
  SentimentLabel,
  SentimentScores,
  TextLanguageOptions,
  TextSentimentResult,
} from './types';

/** Sentiment of one piece, with its weight (UTF-8 bytes). */
interface PieceSentiment {
  label: SentimentLabel | undefined;
  scores: SentimentScores;
  bytes: number;
}

/** Comprehend's `SentimentScore` with our keys. @internal */
export function toScores(s: SentimentScore | undefined): SentimentScores {
  return {
    positive: s?.Positive ?? 0,
    negative: s?.Negative ?? 0,
    neutral: s?.Neutral ?? 0,
    mixed: s?.Mixed ?? 0,
  };
}

const LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral', 'mixed'];

/**
 * Combines the pieces of a split text (decision 0101): each label's score is the mean of the pieces'
 * scores weighted by their UTF-8 bytes; the label is the highest combined score.
 */
export function combineSentiment(pieces: readonly PieceSentiment[]): SentimentScores {
  const total = pieces.reduce((sum, p) => sum + p.bytes, 0) || 1;
  const scores: SentimentScores = { positive: 0, negative: 0, neutral: 0, mixed: 0 };
  for (const p of pieces) for (const l of LABELS) scores[l] += (p.scores[l] * p.bytes) / total;
  return scores;
}

function topLabel(scores: SentimentScores): SentimentLabel {
  return LABELS.reduce((best, l) => (scores[l] > scores[best] ? l : best), 'neutral');
}

/** A piece's sentiment from a `DetectSentiment` answer or a `BatchDetectSentiment` item. */
function toPieceSentiment(
  piece: Piece,
  answer: { Sentiment?: string | undefined; SentimentScore?: SentimentScore | undefined },
): PieceSentiment {
  return {
    label: toLabel(answer.Sentiment),
    scores: toScores(answer.SentimentScore),
    bytes: utf8ByteLength(piece.text),
  };
}

function spec(ctx: ModuleContext): AnalysisSpec<PieceSentiment> {
  return comprehendSpec(ctx, {
    what: 'sentiment',
    languages: COMPREHEND_LANGUAGES,
    maxBytes: COMPREHEND_SENTIMENT_MAX_DOC_BYTES,
    one: {
      operation: 'DetectSentiment',
      command: (sdk) => sdk.DetectSentimentCommand,
      map: (piece, out) => toPieceSentiment(piece, out),
    },
    many: {
      operation: 'BatchDetectSentiment',
      command: (sdk) => sdk.BatchDetectSentimentCommand,
      map: (piece, item) => toPieceSentiment(piece, item),
    },
  });
}

/** Comprehend's `Sentiment` as our label. @internal */
export function toLabel(value: string | undefined): SentimentLabel | undefined {
  const label = value?.toLowerCase();
  return LABELS.find((l) => l === label);
}

function toResult(
  analysed: Analysed<PieceSentiment>,
  index: number,
): TextSentimentResult | BatchItemError {
  const pieces = analysed.parts.map((p) => p.value);
  // An answer without a known Sentiment label is not "neutral with zero scores": it is a bad answer.
  if (pieces.length === 0 || pieces.some((p) => p.label === undefined)) {
    const operation = pieces.length > 1 ? 'BatchDetectSentiment' : 'DetectSentiment';
    const cause = new ServiceError(`comprehend ${operation} returned no sentiment for a text`, {
      service: 'comprehend',
      operation,
      code: 'MissingSentiment',
      retryable: false,
    });
    return new BatchItemError(index, cause.message, {
      service: 'comprehend',
      operation,
      code: 'MissingSentiment',
      cause,
    });
  }
  const scores = combineSentiment(pieces);
  // One piece keeps Comprehend's own label; a split text takes the top combined score.
  const label = pieces.length === 1 ? pieces[0]?.label : undefined;
  return { sentiment: label ?? topLabel(scores), scores, language: analysed.language };
}

/** @internal */
export async function sentiment(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextLanguageOptions = {},
): Promise<Array<TextSentimentResult | BatchItemError>> {
  const { throwOnItemError: _, ...rest } = options;
  const results = await analyse(ctx, spec(ctx), input, rest);
  return results.map((r, i) => ('parts' in r ? toResult(r, i) : r));
}
