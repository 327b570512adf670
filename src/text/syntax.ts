import type { SyntaxToken } from '@aws-sdk/client-comprehend';
import type { ModuleContext } from '../core/context';
import { type Piece, spanMapper } from '../core/text-pieces';
import type { BatchItemError } from '../errors';
import { type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { COMPREHEND_SYNTAX_MAX_DOC_BYTES, SYNTAX_LANGUAGES } from './limits';
import type { PartOfSpeechTag, TextLanguageOptions, TextSyntaxToken } from './types';

function toTokens(piece: Piece, tokens: SyntaxToken[] | undefined): TextSyntaxToken[] {
  const span = spanMapper(piece);
  return (tokens ?? []).map((t) => ({
    id: t.TokenId ?? 0,
    ...span(t),
    partOfSpeech: (t.PartOfSpeech?.Tag ?? 'O') as PartOfSpeechTag,
    score: t.PartOfSpeech?.Score ?? 0,
  }));
}

function spec(ctx: ModuleContext): AnalysisSpec<TextSyntaxToken[]> {
  return comprehendSpec(ctx, {
    what: 'syntax',
    languages: SYNTAX_LANGUAGES,
    maxBytes: COMPREHEND_SYNTAX_MAX_DOC_BYTES,
    one: {
      operation: 'DetectSyntax',
      command: (sdk) => sdk.DetectSyntaxCommand,
      map: (piece, out) => toTokens(piece, out.SyntaxTokens),
    },
    many: {
      operation: 'BatchDetectSyntax',
      command: (sdk) => sdk.BatchDetectSyntaxCommand,
      map: (piece, item) => toTokens(piece, item.SyntaxTokens),
    },
  });
}

/** @internal */
export async function syntax(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextLanguageOptions = {},
): Promise<Array<TextSyntaxToken[] | BatchItemError>> {
  const { throwOnItemError: _, ...rest } = options;
  const results = await analyse(ctx, spec(ctx), input, rest);
  // Token ids restart in every piece: number them over the whole text.
  return results.map((r) =>
    'parts' in r ? r.parts.flatMap((p) => p.value).map((t, i) => ({ ...t, id: i + 1 })) : r,
  );
}
