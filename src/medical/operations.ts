import type { Attribute, Entity, UnmappedAttribute } from '@aws-sdk/client-comprehendmedical';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import type { BatchItemError } from '../core/errors';
import { assertMask, maskSpans } from '../core/mask-spans';
import { type Piece, spanMapper } from '../core/text-pieces';
import { analyse, assertTypes, type MedicalOperation } from './analyze';
import { COMPREHEND_MEDICAL } from './comprehend-medical';
import {
  MEDICAL_DETECT_MAX_BYTES,
  MEDICAL_INFER_MAX_BYTES,
  MEDICAL_SNOMEDCT_CONCURRENCY,
  MEDICAL_SNOMEDCT_MAX_BYTES,
} from './limits';
import type {
  MedicalAttribute,
  MedicalCategory,
  MedicalCodedEntity,
  MedicalCodesResult,
  MedicalConcept,
  MedicalEntitiesResult,
  MedicalEntity,
  MedicalPhiOptions,
  MedicalPhiResult,
  MedicalRedactPhiOptions,
  MedicalRedactPhiResult,
  MedicalSnomedResult,
  MedicalTextOptions,
  MedicalTrait,
  MedicalTraitName,
  MedicalUnmappedAttribute,
} from './types';

/** Any of the model's attribute shapes (they share these members). */
type AwsAttribute = Pick<
  Attribute,
  'Id' | 'BeginOffset' | 'EndOffset' | 'Text' | 'Type' | 'Score' | 'RelationshipScore' | 'Traits'
> & {
  Category?: string | undefined;
  RelationshipType?: string | undefined;
  SNOMEDCTConcepts?: AwsConcept[] | undefined;
};
/** Any of the model's entity shapes. */
type AwsEntity = Pick<Entity, 'Id' | 'BeginOffset' | 'EndOffset' | 'Text' | 'Score'> & {
  Category?: string | undefined;
  Type?: string | undefined;
  Traits?: Array<{ Name?: string | undefined; Score?: number | undefined }> | undefined;
  Attributes?: AwsAttribute[] | undefined;
};
interface AwsConcept {
  Code?: string | undefined;
  Description?: string | undefined;
  Score?: number | undefined;
}

/** What one piece's answer becomes before the pieces are merged. */
interface PieceAnswer<E> {
  entities: E[];
  unmapped: MedicalUnmappedAttribute[];
  modelVersion: string | undefined;
  snomedct?: MedicalSnomedResult['snomedct'];
  characters?: number | undefined;
}

function traits(list: AwsEntity['Traits']): MedicalTrait[] {
  return (list ?? []).map((t) => ({
    name: (t.Name ?? 'LOW_CONFIDENCE') as MedicalTraitName,
    score: t.Score ?? 0,
  }));
}

function concepts(list: readonly AwsConcept[] | undefined): MedicalConcept[] {
  return (list ?? []).map((c) => ({
    code: c.Code ?? '',
    description: c.Description ?? '',
    score: c.Score ?? 0,
  }));
}

function attribute(span: ReturnType<typeof spanMapper>, a: AwsAttribute): MedicalAttribute {
  return {
    ...span(a),
    id: a.Id ?? 0,
    type: a.Type ?? '',
    ...(a.Category !== undefined ? { category: a.Category } : {}),
    score: a.Score ?? 0,
    ...(a.RelationshipType !== undefined ? { relationshipType: a.RelationshipType } : {}),
    ...(a.RelationshipScore !== undefined ? { relationshipScore: a.RelationshipScore } : {}),
    traits: traits(a.Traits),
    ...(a.SNOMEDCTConcepts !== undefined ? { concepts: concepts(a.SNOMEDCTConcepts) } : {}),
  };
}

function entity(piece: Piece, e: AwsEntity, fallback: MedicalCategory): MedicalEntity {
  const span = spanMapper(piece);
  return {
    ...span(e),
    id: e.Id ?? 0,
    category: (e.Category ?? fallback) as MedicalCategory,
    type: e.Type ?? '',
    score: e.Score ?? 0,
    traits: traits(e.Traits),
    attributes: (e.Attributes ?? []).map((a) => attribute(span, a)),
  };
}

function unmapped(piece: Piece, list: UnmappedAttribute[] | undefined): MedicalUnmappedAttribute[] {
  const span = spanMapper(piece);
  return (list ?? []).flatMap((u) =>
    u.Attribute
      ? [
          {
            category: (u.Type ?? 'MEDICATION') as MedicalCategory,
            attribute: attribute(span, u.Attribute as AwsAttribute),
          },
        ]
      : [],
  );
}

/**
 * Entity and attribute ids made unique over the whole text: each piece's ids are shifted past
 * the largest id of the pieces before it. Entities and unmapped attributes in text order.
 */
function merge<E extends MedicalEntity>(parts: readonly PieceAnswer<E>[]): PieceAnswer<E> {
  let shift = 0;
  const entities: E[] = [];
  const loose: MedicalUnmappedAttribute[] = [];
  const versions = new Set<string>();
  for (const part of parts) {
    let top = -1;
    const bump = <T extends { id: number }>(x: T): T => {
      top = Math.max(top, x.id);
      return { ...x, id: x.id + shift };
    };
    for (const e of part.entities) {
      entities.push({ ...bump(e), attributes: e.attributes.map(bump) });
    }
    for (const u of part.unmapped) loose.push({ ...u, attribute: bump(u.attribute) });
    if (part.modelVersion) versions.add(part.modelVersion);
    shift += top + 1;
  }
  return {
    entities: entities.sort((a, b) => a.start - b.start || a.end - b.end),
    unmapped: loose.sort((a, b) => a.attribute.start - b.attribute.start),
    modelVersion: versions.size > 0 ? [...versions].join(',') : undefined,
  };
}

function run<E extends MedicalEntity>(
  ctx: ModuleContext,
  op: MedicalOperation<PieceAnswer<E>>,
  input: string | readonly string[],
  options: MedicalTextOptions,
): Promise<Array<PieceAnswer<E> | BatchItemError>> {
  return analyse(ctx, op, input, options).then((results) =>
    results.map((r) => (Array.isArray(r) ? merge(r) : r)),
  );
}

/** @internal */
export async function entities(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<MedicalEntitiesResult | BatchItemError>> {
  const results = await run<MedicalEntity>(
    ctx,
    {
      operation: 'DetectEntitiesV2',
      maxBytes: MEDICAL_DETECT_MAX_BYTES,
      send: async (piece, o) => {
        const out = await callAws(
          ctx,
          COMPREHEND_MEDICAL,
          'DetectEntitiesV2',
          ({ client, sdk, signal }) =>
            client.send(new sdk.DetectEntitiesV2Command({ Text: piece.text }), {
              abortSignal: signal,
            }),
          o,
        );
        return {
          entities: (out.Entities ?? []).map((e) =>
            entity(piece, e as AwsEntity, 'MEDICAL_CONDITION'),
          ),
          unmapped: unmapped(piece, out.UnmappedAttributes),
          modelVersion: out.ModelVersion,
        };
      },
    },
    input,
    options,
  );
  return results.map((r) =>
    'entities' in r
      ? { entities: r.entities, unmapped: r.unmapped, modelVersion: r.modelVersion }
      : r,
  );
}

/** @internal */
export async function phi(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalPhiOptions = {},
): Promise<Array<MedicalPhiResult | BatchItemError>> {
  const { types, ...rest } = options;
  assertTypes(types);
  const results = await run<MedicalEntity>(
    ctx,
    {
      operation: 'DetectPHI',
      maxBytes: MEDICAL_DETECT_MAX_BYTES,
      send: async (piece, o) => {
        const out = await callAws(
          ctx,
          COMPREHEND_MEDICAL,
          'DetectPHI',
          ({ client, sdk, signal }) =>
            client.send(new sdk.DetectPHICommand({ Text: piece.text }), { abortSignal: signal }),
          o,
        );
        return {
          entities: (out.Entities ?? []).map((e) =>
            entity(piece, e as AwsEntity, 'PROTECTED_HEALTH_INFORMATION'),
          ),
          unmapped: [],
          modelVersion: out.ModelVersion,
        };
      },
    },
    input,
    rest,
  );
  const keep = (e: MedicalEntity) => types === undefined || types.includes(e.type);
  return results.map((r) =>
    'entities' in r ? { entities: r.entities.filter(keep), modelVersion: r.modelVersion } : r,
  );
}

interface CodedAnswer<E> {
  Entities?: E[] | undefined;
  ModelVersion?: string | undefined;
}

function coded<E extends AwsEntity>(
  piece: Piece,
  out: CodedAnswer<E>,
  fallback: MedicalCategory,
  conceptsOf: (e: E) => AwsConcept[] | undefined,
): PieceAnswer<MedicalCodedEntity> {
  return {
    entities: (out.Entities ?? []).map((e) => ({
      ...entity(piece, e, fallback),
      concepts: concepts(conceptsOf(e)),
    })),
    unmapped: [],
    modelVersion: out.ModelVersion,
  };
}

function codes(
  r: PieceAnswer<MedicalCodedEntity> | BatchItemError,
): MedicalCodesResult | BatchItemError {
  return 'entities' in r ? { entities: r.entities, modelVersion: r.modelVersion } : r;
}

/** @internal */
export async function icd10cm(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<MedicalCodesResult | BatchItemError>> {
  const results = await run<MedicalCodedEntity>(
    ctx,
    {
      operation: 'InferICD10CM',
      maxBytes: MEDICAL_INFER_MAX_BYTES,
      send: async (piece, o) =>
        coded(
          piece,
          await callAws(
            ctx,
            COMPREHEND_MEDICAL,
            'InferICD10CM',
            ({ client, sdk, signal }) =>
              client.send(new sdk.InferICD10CMCommand({ Text: piece.text }), {
                abortSignal: signal,
              }),
            o,
          ),
          'MEDICAL_CONDITION',
          (e) => e.ICD10CMConcepts,
        ),
    },
    input,
    options,
  );
  return results.map(codes);
}

/** @internal */
export async function rxnorm(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<MedicalCodesResult | BatchItemError>> {
  const results = await run<MedicalCodedEntity>(
    ctx,
    {
      operation: 'InferRxNorm',
      maxBytes: MEDICAL_INFER_MAX_BYTES,
      send: async (piece, o) =>
        coded(
          piece,
          await callAws(
            ctx,
            COMPREHEND_MEDICAL,
            'InferRxNorm',
            ({ client, sdk, signal }) =>
              client.send(new sdk.InferRxNormCommand({ Text: piece.text }), {
                abortSignal: signal,
              }),
            o,
          ),
          'MEDICATION',
          (e) => e.RxNormConcepts,
        ),
    },
    input,
    options,
  );
  return results.map(codes);
}

/** @internal */
export async function snomedct(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<MedicalSnomedResult | BatchItemError>> {
  const results = await analyse(
    ctx,
    {
      operation: 'InferSNOMEDCT',
      maxBytes: MEDICAL_SNOMEDCT_MAX_BYTES,
      maxConcurrency: MEDICAL_SNOMEDCT_CONCURRENCY,
      send: async (piece, o) => {
        const out = await callAws(
          ctx,
          COMPREHEND_MEDICAL,
          'InferSNOMEDCT',
          ({ client, sdk, signal }) =>
            client.send(new sdk.InferSNOMEDCTCommand({ Text: piece.text }), {
              abortSignal: signal,
            }),
          o,
        );
        return {
          ...coded(piece, out, 'MEDICAL_CONDITION', (e) => e.SNOMEDCTConcepts),
          snomedct: out.SNOMEDCTDetails
            ? {
                edition: out.SNOMEDCTDetails.Edition,
                language: out.SNOMEDCTDetails.Language,
                versionDate: out.SNOMEDCTDetails.VersionDate,
              }
            : undefined,
          characters: out.Characters?.OriginalTextCharacters,
        };
      },
    },
    input,
    options,
  );
  return results.map((parts) => {
    if (!Array.isArray(parts)) return parts;
    const merged = merge(parts);
    const counted = parts.filter((p) => p.characters !== undefined);
    return {
      entities: merged.entities,
      modelVersion: merged.modelVersion,
      snomedct: parts.find((p) => p.snomedct)?.snomedct,
      characters:
        counted.length > 0 ? counted.reduce((sum, p) => sum + (p.characters ?? 0), 0) : undefined,
    };
  });
}

/** @internal */
export async function redactPhi(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalRedactPhiOptions = {},
): Promise<Array<MedicalRedactPhiResult | BatchItemError>> {
  const { mask, ...rest } = options;
  assertMask(mask);
  const texts: readonly string[] = Array.isArray(input) ? input : [input as string];
  const found = await phi(ctx, input, rest);
  return found.map((r, i) =>
    'entities' in r
      ? { text: maskSpans(texts[i] as string, r.entities, mask), entities: r.entities }
      : r,
  );
}
