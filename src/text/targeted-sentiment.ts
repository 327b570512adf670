import type { TargetedSentimentEntity } from '@aws-sdk/client-comprehend';
import type { ModuleContext } from '../core/context';
import { type Piece, spanMapper } from '../core/text-pieces';
import type { BatchItemError } from '../errors';
import { type Analysed, type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { assertLanguage } from './language';
import { COMPREHEND_SENTIMENT_MAX_DOC_BYTES, TARGETED_SENTIMENT_LANGUAGES } from './limits';
import { toLabel, toScores } from './sentiment';
import type { TextLanguageOptions, TextTargetedEntity, TextTargetedMention } from './types';

function toEntities(
  piece: Piece,
  entities: TargetedSentimentEntity[] | undefined,
): TextTargetedEntity[] {
  const span = spanMapper(piece);
  return (entities ?? []).flatMap((entity) => {
    const mentions: TextTargetedMention[] = (entity.Mentions ?? []).map((m) => ({
      ...span(m),
      type: m.Type ?? 'OTHER',
      score: m.Score ?? 0,
      groupScore: m.GroupScore ?? 0,
      sentiment: toLabel(m.MentionSentiment?.Sentiment) ?? 'neutral',
      scores: toScores(m.MentionSentiment?.SentimentScore),
    }));
    const descriptive = mentions[entity.DescriptiveMentionIndex?.[0] ?? 0] ?? mentions[0];
    if (!descriptive) return [];
    return [{ descriptive, mentions: [...mentions].sort((a, b) => a.start - b.start) }];
  });
}

function spec(ctx: ModuleContext): AnalysisSpec<TextTargetedEntity[]> {
  return comprehendSpec(ctx, {
    what: 'targeted sentiment',
    languages: TARGETED_SENTIMENT_LANGUAGES,
    maxBytes: COMPREHEND_SENTIMENT_MAX_DOC_BYTES,
    one: {
      operation: 'DetectTargetedSentiment',
      command: (sdk) => sdk.DetectTargetedSentimentCommand,
      map: (piece, out) => toEntities(piece, out.Entities),
    },
    many: {
      operation: 'BatchDetectTargetedSentiment',
      command: (sdk) => sdk.BatchDetectTargetedSentimentCommand,
      map: (piece, item) => toEntities(piece, item.Entities),
    },
  });
}

/**
 * Entity-level sentiment: DetectTargetedSentiment for a text up to 5,000 bytes, BatchDetect for
 * arrays and for the pieces of longer texts. English only, so no language is detected; an entity's
 * mentions are grouped within one piece (a long text's pieces are analysed apart).
 * @internal
 */
export async function targetedSentiment(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextLanguageOptions = {},
): Promise<Array<TextTargetedEntity[] | BatchItemError>> {
  const { throwOnItemError: _, language = 'en', ...rest } = options;
  assertLanguage(language, TARGETED_SENTIMENT_LANGUAGES, 'targetedSentiment');
  const results = await analyse(ctx, spec(ctx), input, { ...rest, language });
  return results.map((r) =>
    'parts' in r
      ? (r as Analysed<TextTargetedEntity[]>).parts
          .flatMap((p) => p.value)
          .sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
      : r,
  );
}
