import type {
  $Command,
  Attribute,
  ComprehendMedicalClientResolvedConfig,
  Entity,
  ServiceInputTypes,
  ServiceOutputTypes,
  UnmappedAttribute,
} from '@aws-sdk/client-comprehendmedical';
import { type CallOptions, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { assertMask, maskSpans } from '../core/mask-spans';
import { type Piece, spanMapper } from '../core/text-pieces';
import type { BatchItemError } from '../errors';
import { analyse, assertTypes, type MedicalOperation } from './analyze';
import { COMPREHEND_MEDICAL } from './comprehend-medical';
import {
  MEDICAL_DETECT_MAX_BYTES,
  MEDICAL_INFER_MAX_BYTES,
  MEDICAL_SNOMEDCT_CONCURRENCY,
  MEDICAL_SNOMEDCT_MAX_BYTES,
} from './limits';
import type { ComprehendMedicalSdk } from './sdk';
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

/** A Comprehend Medical command class taking `I` (`{ Text }`) and answering `O`. */
type CommandClass<I extends ServiceInputTypes, O extends ServiceOutputTypes> = new (
  input: I,
) => $Command<I, O, ComprehendMedicalClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>;

/** Sends one piece's text through the call layer (limits, retries, error mapping, abort). */
function sendText<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  ctx: ModuleContext,
  operation: string,
  command: (sdk: ComprehendMedicalSdk) => CommandClass<I, O>,
  piece: Piece,
  options: CallOptions,
): Promise<O> {
  return callAws(
    ctx,
    COMPREHEND_MEDICAL,
    operation,
    ({ client, sdk, signal }) => {
      const Command = command(sdk);
      return client.send(new Command({ Text: piece.text } as I), { abortSignal: signal });
    },
    options,
  );
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
        const out = await sendText(
          ctx,
          'DetectEntitiesV2',
          (sdk) => sdk.DetectEntitiesV2Command,
          piece,
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
        const out = await sendText(ctx, 'DetectPHI', (sdk) => sdk.DetectPHICommand, piece, o);
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

/** What the three Infer* operations answer for one piece. */
interface InferAnswer {
  Entities?: AwsEntity[] | undefined;
  ModelVersion?: string | undefined;
  SNOMEDCTDetails?:
    | {
        Edition?: string | undefined;
        Language?: string | undefined;
        VersionDate?: string | undefined;
      }
    | undefined;
  Characters?: { OriginalTextCharacters?: number | undefined } | undefined;
}

/** What differs between InferICD10CM, InferRxNorm and InferSNOMEDCT. */
interface Ontology<I extends ServiceInputTypes, O extends ServiceOutputTypes & InferAnswer> {
  operation: 'InferICD10CM' | 'InferRxNorm' | 'InferSNOMEDCT';
  /** Picks the command from the SDK loaded on first use (never imported statically). */
  command: (sdk: ComprehendMedicalSdk) => CommandClass<I, O>;
  maxBytes: number;
  maxConcurrency?: number | undefined;
  /** Category of an entity the answer gives none. */
  fallback: MedicalCategory;
  conceptsOf: (e: NonNullable<O['Entities']>[number]) => AwsConcept[] | undefined;
}

/**
 * Runs one Infer* operation: entities linked to concepts of its ontology, ids unique over each
 * text, plus what InferSNOMEDCT adds (the edition, of the first piece that names one, and the
 * characters billed, summed over the pieces).
 */
async function infer<I extends ServiceInputTypes, O extends ServiceOutputTypes & InferAnswer>(
  ctx: ModuleContext,
  ontology: Ontology<I, O>,
  input: string | readonly string[],
  options: MedicalTextOptions,
): Promise<Array<MedicalSnomedResult | BatchItemError>> {
  const results = await analyse<PieceAnswer<MedicalCodedEntity>>(
    ctx,
    {
      operation: ontology.operation,
      maxBytes: ontology.maxBytes,
      maxConcurrency: ontology.maxConcurrency,
      send: async (piece, o) => {
        const out = await sendText(ctx, ontology.operation, ontology.command, piece, o);
        return {
          entities: (out.Entities ?? []).map((e) => ({
            ...entity(piece, e, ontology.fallback),
            concepts: concepts(ontology.conceptsOf(e)),
          })),
          unmapped: [],
          modelVersion: out.ModelVersion,
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

/** ICD-10-CM and RxNorm answers: entities and model version only. */
function codes(r: MedicalSnomedResult | BatchItemError): MedicalCodesResult | BatchItemError {
  return 'entities' in r ? { entities: r.entities, modelVersion: r.modelVersion } : r;
}

/** An operation that answers entities linked to codes of one ontology (ICD-10-CM, RxNorm). */
function codesOperation<I extends ServiceInputTypes, O extends ServiceOutputTypes & InferAnswer>(
  ontology: Ontology<I, O>,
) {
  return async (
    ctx: ModuleContext,
    input: string | readonly string[],
    options: MedicalTextOptions = {},
  ): Promise<Array<MedicalCodesResult | BatchItemError>> =>
    (await infer(ctx, ontology, input, options)).map(codes);
}

/** @internal */
export const icd10cm = codesOperation({
  operation: 'InferICD10CM',
  command: (sdk) => sdk.InferICD10CMCommand,
  maxBytes: MEDICAL_INFER_MAX_BYTES,
  fallback: 'MEDICAL_CONDITION',
  conceptsOf: (e) => e.ICD10CMConcepts,
});

/** @internal */
export const rxnorm = codesOperation({
  operation: 'InferRxNorm',
  command: (sdk) => sdk.InferRxNormCommand,
  maxBytes: MEDICAL_INFER_MAX_BYTES,
  fallback: 'MEDICATION',
  conceptsOf: (e) => e.RxNormConcepts,
});

/** @internal */
export function snomedct(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: MedicalTextOptions = {},
): Promise<Array<MedicalSnomedResult | BatchItemError>> {
  return infer(
    ctx,
    {
      operation: 'InferSNOMEDCT',
      command: (sdk) => sdk.InferSNOMEDCTCommand,
      maxBytes: MEDICAL_SNOMEDCT_MAX_BYTES,
      maxConcurrency: MEDICAL_SNOMEDCT_CONCURRENCY,
      fallback: 'MEDICAL_CONDITION',
      conceptsOf: (e) => e.SNOMEDCTConcepts,
    },
    input,
    options,
  );
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
