import type { KeyPhrase } from '@aws-sdk/client-comprehend';
import type { ModuleContext } from '../core/context';
import { type Piece, spanMapper } from '../core/text-pieces';
import type { BatchItemError } from '../errors';
import { type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { COMPREHEND_LANGUAGES, COMPREHEND_MAX_DOC_BYTES } from './limits';
import type { TextKeyPhrase, TextLanguageOptions } from './types';

function toPhrases(piece: Piece, phrases: KeyPhrase[] | undefined): TextKeyPhrase[] {
  const span = spanMapper(piece);
  return (phrases ?? []).map((k) => ({ ...span(k), score: k.Score ?? 0 }));
}

function spec(ctx: ModuleContext): AnalysisSpec<TextKeyPhrase[]> {
  return comprehendSpec(ctx, {
    what: 'keyPhrases',
    languages: COMPREHEND_LANGUAGES,
    maxBytes: COMPREHEND_MAX_DOC_BYTES,
    one: {
      operation: 'DetectKeyPhrases',
      command: (sdk) => sdk.DetectKeyPhrasesCommand,
      map: (piece, out) => toPhrases(piece, out.KeyPhrases),
    },
    many: {
      operation: 'BatchDetectKeyPhrases',
      command: (sdk) => sdk.BatchDetectKeyPhrasesCommand,
      map: (piece, item) => toPhrases(piece, item.KeyPhrases),
    },
  });
}

/** @internal */
export async function keyPhrases(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextLanguageOptions = {},
): Promise<Array<TextKeyPhrase[] | BatchItemError>> {
  const { throwOnItemError: _, ...rest } = options;
  const results = await analyse(ctx, spec(ctx), input, rest);
  return results.map((r) => ('parts' in r ? r.parts.flatMap((p) => p.value) : r));
}
