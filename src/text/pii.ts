import type { PiiEntity } from '@aws-sdk/client-comprehend';
import type { ModuleContext } from '../core/context';
import { assertMask, maskSpans } from '../core/mask-spans';
import { type Piece, spanMapper } from '../core/text-pieces';
import { type BatchItemError, ValidationError } from '../errors';
import { type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { COMPREHEND_MAX_DOC_BYTES, PII_LANGUAGES } from './limits';
import type {
  TextPiiEntity,
  TextPiiOptions,
  TextRedactPiiOptions,
  TextRedactPiiResult,
} from './types';

function toEntities(piece: Piece, entities: PiiEntity[] | undefined): TextPiiEntity[] {
  const span = spanMapper(piece);
  // DetectPiiEntities returns no text: the span is read from the piece.
  return (entities ?? []).map((e) => ({ ...span(e), type: e.Type ?? 'ALL', score: e.Score ?? 0 }));
}

function spec(ctx: ModuleContext): AnalysisSpec<TextPiiEntity[]> {
  return comprehendSpec(ctx, {
    what: 'pii',
    languages: PII_LANGUAGES,
    maxBytes: COMPREHEND_MAX_DOC_BYTES,
    one: {
      operation: 'DetectPiiEntities',
      command: (sdk) => sdk.DetectPiiEntitiesCommand,
      map: (piece, out) => toEntities(piece, out.Entities),
    },
  });
}

/** Comprehend's PII entity types are upper-case words joined by underscores (`NAME`, `BANK_ACCOUNT_NUMBER`). */
const PII_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;

function assertTypes(types: readonly string[] | undefined): void {
  if (
    types !== undefined &&
    (!Array.isArray(types) ||
      types.length === 0 ||
      // An index loop sees the holes of a sparse array, which some() skips.
      Array.from(types).some((t) => typeof t !== 'string' || !PII_TYPE.test(t)))
  ) {
    throw new ValidationError(
      'options.types must be a non-empty list of PII types such as NAME or EMAIL',
    );
  }
}

/** @internal */
export async function pii(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextPiiOptions = {},
): Promise<Array<TextPiiEntity[] | BatchItemError>> {
  const { throwOnItemError: _, types, ...rest } = options;
  assertTypes(types);
  const results = await analyse(ctx, spec(ctx), input, rest);
  const keep = (e: TextPiiEntity) => types === undefined || types.includes(e.type);
  return results.map((r) => ('parts' in r ? r.parts.flatMap((p) => p.value).filter(keep) : r));
}

/** @internal */
export async function redactPii(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextRedactPiiOptions = {},
): Promise<Array<TextRedactPiiResult | BatchItemError>> {
  const { mask, ...rest } = options;
  assertMask(mask);
  const texts: readonly string[] = Array.isArray(input) ? input : [input as string];
  const found = await pii(ctx, input, rest);
  return found.map((r, i) =>
    Array.isArray(r) ? { text: maskSpans(texts[i] as string, r, mask), entities: r } : r,
  );
}
