/**
 * Request bodies and response shapes of the Bedrock embedding model families. Each family takes
 * its own body (Titan `inputText`, Cohere `texts` + `input_type`, Nova `singleEmbeddingParams`);
 * sending one family's body to another fails with "extraneous key" errors.
 */

import { describe } from '../config';
import { ValidationError } from '../errors';
import { COHERE_MAX_TEXTS } from './limits';
import { checkNumberOption } from './request-options';
import type { EmbeddingFamily, EmbedOptions } from './types';

/** How to talk to one family. @internal */
export interface FamilyAdapter {
  readonly family: EmbeddingFamily;
  /** Texts per InvokeModel call. */
  readonly batchSize: number;
  /** Vector lengths the model can produce; empty when fixed. */
  readonly dimensions: readonly number[];
  body(texts: readonly string[], options: EmbedOptions): Record<string, unknown>;
  /** One vector per text of the call, in order. */
  vectors(response: unknown): number[][];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function fail(family: string): never {
  throw new TypeError(`unexpected ${family} embedding response`);
}

const titanVectors = (response: unknown): number[][] => {
  if (isRecord(response) && isVector(response.embedding)) return [response.embedding];
  return fail('Titan');
};

const COHERE_INPUT_TYPE = {
  query: 'search_query',
  document: 'search_document',
  classification: 'classification',
  clustering: 'clustering',
} as const;

function cohereVectors(response: unknown): number[][] {
  if (!isRecord(response)) return fail('Cohere');
  const { embeddings } = response;
  // v3 answers `embeddings: number[][]`; with embedding_types (and v4) `embeddings: { float: … }`.
  const list = isRecord(embeddings) ? embeddings.float : embeddings;
  if (Array.isArray(list) && list.every(isVector)) return list;
  return fail('Cohere');
}

const NOVA_PURPOSE = {
  query: 'GENERIC_RETRIEVAL',
  document: 'GENERIC_INDEX',
  classification: 'CLASSIFICATION',
  clustering: 'CLUSTERING',
} as const;

const ADAPTERS: Record<EmbeddingFamily, FamilyAdapter> = {
  'titan-v1': {
    family: 'titan-v1',
    batchSize: 1,
    dimensions: [],
    body: ([text]) => ({ inputText: text }),
    vectors: titanVectors,
  },
  'titan-v2': {
    family: 'titan-v2',
    batchSize: 1,
    dimensions: [256, 512, 1024],
    body: ([text], o) => ({
      inputText: text,
      ...(o.dimensions !== undefined ? { dimensions: o.dimensions } : {}),
      ...(o.normalize !== undefined ? { normalize: o.normalize } : {}),
    }),
    vectors: titanVectors,
  },
  'cohere-v3': {
    family: 'cohere-v3',
    batchSize: COHERE_MAX_TEXTS,
    dimensions: [],
    body: (texts, o) => ({ texts, input_type: COHERE_INPUT_TYPE[o.purpose ?? 'document'] }),
    vectors: cohereVectors,
  },
  'cohere-v4': {
    family: 'cohere-v4',
    batchSize: COHERE_MAX_TEXTS,
    dimensions: [256, 512, 1024, 1536],
    body: (texts, o) => ({
      texts,
      input_type: COHERE_INPUT_TYPE[o.purpose ?? 'document'],
      embedding_types: ['float'],
      ...(o.dimensions !== undefined ? { output_dimension: o.dimensions } : {}),
    }),
    vectors: cohereVectors,
  },
  nova: {
    family: 'nova',
    batchSize: 1,
    dimensions: [256, 384, 1024, 3072],
    body: ([text], o) => ({
      taskType: 'SINGLE_EMBEDDING',
      singleEmbeddingParams: {
        embeddingPurpose: NOVA_PURPOSE[o.purpose ?? 'document'],
        embeddingDimension: o.dimensions ?? 3072,
        text: { truncationMode: 'END', value: text },
      },
    }),
    vectors: (response) => {
      const list = isRecord(response) ? response.embeddings : undefined;
      if (Array.isArray(list)) {
        const vectors = list.map((e) => (isRecord(e) ? e.embedding : undefined));
        if (vectors.every(isVector)) return vectors;
      }
      return fail('Nova');
    },
  },
};

/** The family of a model id (region prefixes such as `us.` allowed). @internal */
export function familyOf(model: string, override: EmbeddingFamily | undefined): FamilyAdapter {
  if (override !== undefined) {
    // Own keys only: 'constructor' or '__proto__' are not families.
    if (typeof override !== 'string' || !Object.hasOwn(ADAPTERS, override)) {
      throw new ValidationError(
        `family must be one of ${Object.keys(ADAPTERS).join(', ')}, got ${describe(override)}`,
      );
    }
    return ADAPTERS[override];
  }
  const id = model.replace(/^[a-z-]+\.(?=[a-z]+\.)/, '');
  if (/^amazon\.titan-embed-text-v2/.test(id)) return ADAPTERS['titan-v2'];
  if (/^amazon\.titan-embed-(text-v1|g1-text)/.test(id)) return ADAPTERS['titan-v1'];
  if (/^cohere\.embed-v4/.test(id)) return ADAPTERS['cohere-v4'];
  if (/^cohere\.embed-(english|multilingual)-v3/.test(id)) return ADAPTERS['cohere-v3'];
  if (/^amazon\.nova-.*embed/.test(id)) return ADAPTERS.nova;
  throw new ValidationError(
    `cannot tell the embedding family of model ${model.slice(0, 120)}; pass family ('titan-v1', 'titan-v2', 'cohere-v3', 'cohere-v4' or 'nova')`,
  );
}

/** Checks options against what the family supports. @internal */
export function checkEmbedOptions(adapter: FamilyAdapter, options: EmbedOptions): void {
  const { dimensions, purpose, normalize, concurrency } = options;
  if (normalize !== undefined && typeof normalize !== 'boolean') {
    throw new ValidationError(`normalize must be true or false, got ${describe(normalize)}`);
  }
  if (dimensions !== undefined && !adapter.dimensions.includes(dimensions)) {
    throw new ValidationError(
      adapter.dimensions.length === 0
        ? `dimensions is not supported by ${adapter.family} models (fixed length)`
        : `dimensions must be one of ${adapter.dimensions.join(', ')} for ${adapter.family}, got ${describe(dimensions)}`,
    );
  }
  // Ours: how many InvokeModel calls embedMany keeps in flight (embed makes one; checked the same).
  checkNumberOption(concurrency, 'concurrency', { min: 1, integer: true });
  if (
    purpose !== undefined &&
    (typeof purpose !== 'string' || !Object.hasOwn(COHERE_INPUT_TYPE, purpose))
  ) {
    throw new ValidationError(
      `purpose must be 'query', 'document', 'classification' or 'clustering', got ${describe(purpose)}`,
    );
  }
}
