import type { Entity } from '@aws-sdk/client-comprehend';
import type { ModuleContext } from '../core/context';
import { type Piece, spanMapper } from '../core/text-pieces';
import { type BatchItemError, ValidationError } from '../errors';
import { type Analysed, type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import { COMPREHEND_LANGUAGES, COMPREHEND_MAX_DOC_BYTES } from './limits';
import type { EntityType, TextEntitiesOptions, TextEntity } from './types';

const ENTITY_TYPES: readonly EntityType[] = [
  'PERSON',
  'LOCATION',
  'ORGANIZATION',
  'COMMERCIAL_ITEM',
  'EVENT',
  'DATE',
  'QUANTITY',
  'TITLE',
  'OTHER',
];

function toEntities(piece: Piece, entities: Entity[] | undefined): TextEntity[] {
  const span = spanMapper(piece);
  return (entities ?? []).map((e) => ({
    ...span(e),
    type: (e.Type ?? 'OTHER') as EntityType,
    score: e.Score ?? 0,
  }));
}

function spec(ctx: ModuleContext): AnalysisSpec<TextEntity[]> {
  return comprehendSpec(ctx, {
    what: 'entities',
    languages: COMPREHEND_LANGUAGES,
    maxBytes: COMPREHEND_MAX_DOC_BYTES,
    one: {
      operation: 'DetectEntities',
      command: (sdk) => sdk.DetectEntitiesCommand,
      map: (piece, out) => toEntities(piece, out.Entities),
    },
    many: {
      operation: 'BatchDetectEntities',
      command: (sdk) => sdk.BatchDetectEntitiesCommand,
      map: (piece, item) => toEntities(piece, item.Entities),
    },
  });
}

function assertTypes(types: readonly EntityType[] | undefined): void {
  if (types === undefined) return;
  if (!Array.isArray(types)) {
    throw new ValidationError(
      `options.types must be an array of entity types among ${ENTITY_TYPES.join(', ')}; got ${typeof types}`,
    );
  }
  // An index loop: find() would report a hole or an undefined item as "nothing wrong".
  for (let i = 0; i < types.length || types.length === 0; i++) {
    const type = types[i];
    if (types.length > 0 && ENTITY_TYPES.includes(type as EntityType)) continue;
    const got = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
    throw new ValidationError(
      `options.types must list entity types among ${ENTITY_TYPES.join(', ')}; ${
        types.length === 0 ? 'got an empty list' : `types[${i}] is ${got}`
      }`,
    );
  }
}

/** @internal */
export async function entities(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextEntitiesOptions = {},
): Promise<Array<TextEntity[] | BatchItemError>> {
  const { throwOnItemError: _, types, ...rest } = options;
  assertTypes(types);
  const results = await analyse(ctx, spec(ctx), input, rest);
  const keep = (e: TextEntity) => types === undefined || types.includes(e.type);
  return results.map((r) =>
    'parts' in r ? (r as Analysed<TextEntity[]>).parts.flatMap((p) => p.value).filter(keep) : r,
  );
}
