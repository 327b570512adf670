import type { DocumentClass, DocumentLabel } from '@aws-sdk/client-comprehend';
import { utf8ByteLength } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { spanMapper } from '../core/text-pieces';
import { type BatchItemError, ValidationError } from '../errors';
import { type Analysed, type AnalysisSpec, analyse } from './analyze';
import { comprehendSpec } from './comprehend-spec';
import {
  COMPREHEND_CLASSIFY_MAX_DOC_BYTES,
  COMPREHEND_CUSTOM_ENTITIES_MAX_DOC_BYTES,
} from './limits';
import { describeValue } from './translate';
import type {
  TextClassifyOptions,
  TextClassifyResult,
  TextClassScore,
  TextCustomEntitiesOptions,
  TextCustomEntity,
} from './types';

/** @internal The model's `DocumentClassifierEndpointArn` pattern (`aws` as account: prompt safety). */
export const CLASSIFIER_ARN =
  /^arn:aws(-[^:]+)?:comprehend:[a-zA-Z0-9-]*:([0-9]{12}|aws):document-classifier-endpoint\/[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
/** The model's `EntityRecognizerEndpointArn` pattern. */
export const RECOGNIZER_ARN =
  /^arn:aws(-[^:]+)?:comprehend:[a-zA-Z0-9-]*:[0-9]{12}:entity-recognizer-endpoint\/[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
/** Both ARNs have `@length max 256` in the model. */
const MAX_ARN = 256;

/**
 * A custom model takes the language it was trained in and ignores `LanguageCode`: the analysis engine
 * runs with this stand-in, which is never sent and never detected.
 */
const MODEL_LANGUAGE = 'model';

export function assertEndpoint(endpoint: unknown, pattern: RegExp, kind: string): string {
  if (typeof endpoint !== 'string' || endpoint.length > MAX_ARN || !pattern.test(endpoint)) {
    throw new ValidationError(
      `options.endpoint must be the ARN of a ${kind} endpoint (arn:aws:comprehend:<region>:<account>:${kind}-endpoint/<name>); got ${describeValue(endpoint)}`,
    );
  }
  return endpoint;
}

export function checkOptions(options: unknown, method: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      `${method} needs options with the endpoint ARN of your custom model, e.g. { endpoint: 'arn:aws:comprehend:…' }`,
    );
  }
  if ((options as { language?: unknown }).language !== undefined) {
    throw new ValidationError(
      `${method} with a custom endpoint uses the language the model was trained in; leave options.language out`,
    );
  }
}

interface ClassifiedPiece {
  bytes: number;
  classes: DocumentClass[];
  labels: DocumentLabel[];
}

/** Byte-weighted mean score per name over the pieces (a name absent from a piece scores 0 there). */
function combine(
  parts: ReadonlyArray<{ value: ClassifiedPiece }>,
  pick: (p: ClassifiedPiece) => Array<{ Name?: string | undefined; Score?: number | undefined }>,
): TextClassScore[] {
  const total = parts.reduce((sum, p) => sum + p.value.bytes, 0) || 1;
  const scores = new Map<string, number>();
  for (const { value } of parts) {
    for (const c of pick(value)) {
      if (c.Name === undefined) continue;
      scores.set(c.Name, (scores.get(c.Name) ?? 0) + ((c.Score ?? 0) * value.bytes) / total);
    }
  }
  return [...scores]
    .map(([name, score]) => ({ name, score }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

/**
 * ClassifyDocument on a custom classifier endpoint, one call per piece of at most 10 KB; a split
 * text's scores are the byte-weighted means over its pieces.
 * @internal
 */
export async function classify(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextClassifyOptions,
): Promise<Array<TextClassifyResult | BatchItemError>> {
  checkOptions(options, 'classify');
  const { throwOnItemError: _, endpoint, ...rest } = options;
  const arn = assertEndpoint(endpoint, CLASSIFIER_ARN, 'document-classifier');
  const spec: AnalysisSpec<ClassifiedPiece> = comprehendSpec(ctx, {
    what: 'classify',
    languages: [MODEL_LANGUAGE],
    maxBytes: COMPREHEND_CLASSIFY_MAX_DOC_BYTES,
    one: {
      operation: 'ClassifyDocument',
      command: (sdk) => sdk.ClassifyDocumentCommand,
      map: (piece, out) => ({
        bytes: utf8ByteLength(piece.text),
        classes: out.Classes ?? [],
        labels: out.Labels ?? [],
      }),
    },
    input: (piece) => ({ Text: piece.text, EndpointArn: arn }),
  });
  const results = await analyse(ctx, spec, input, { ...rest, language: MODEL_LANGUAGE });
  return results.map((r) => {
    if (!('parts' in r)) return r;
    const { parts } = r as Analysed<ClassifiedPiece>;
    return { classes: combine(parts, (p) => p.classes), labels: combine(parts, (p) => p.labels) };
  });
}

/**
 * DetectEntities on a custom entity recognizer endpoint, one call per piece of at most 5 KB, offsets
 * re-based to the caller's string.
 * @internal
 */
export async function customEntities(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextCustomEntitiesOptions,
): Promise<Array<TextCustomEntity[] | BatchItemError>> {
  checkOptions(options, 'entities');
  const { throwOnItemError: _, endpoint, types, ...rest } = options;
  const arn = assertEndpoint(endpoint, RECOGNIZER_ARN, 'entity-recognizer');
  if (
    types !== undefined &&
    (!Array.isArray(types) || types.length === 0 || types.some((t) => typeof t !== 'string'))
  ) {
    throw new ValidationError('options.types must be a non-empty array of entity type names');
  }
  const spec: AnalysisSpec<TextCustomEntity[]> = comprehendSpec(ctx, {
    what: 'entities',
    languages: [MODEL_LANGUAGE],
    maxBytes: COMPREHEND_CUSTOM_ENTITIES_MAX_DOC_BYTES,
    one: {
      operation: 'DetectEntities',
      command: (sdk) => sdk.DetectEntitiesCommand,
      map: (piece, out) => {
        const span = spanMapper(piece);
        return (out.Entities ?? []).map((e) => ({
          ...span(e),
          type: e.Type ?? 'OTHER',
          score: e.Score ?? 0,
        }));
      },
    },
    input: (piece) => ({ Text: piece.text, EndpointArn: arn }),
  });
  const results = await analyse(ctx, spec, input, { ...rest, language: MODEL_LANGUAGE });
  const keep = (e: TextCustomEntity) => types === undefined || types.includes(e.type);
  return results.map((r) =>
    'parts' in r
      ? (r as Analysed<TextCustomEntity[]>).parts.flatMap((p) => p.value).filter(keep)
      : r,
  );
}
