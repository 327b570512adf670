import { retryFor } from '../config';
import { itemRetryOptions, mapBatched, settleBatch } from '../core/batching';
import type { AttemptBudget } from '../core/call';
import type { ModuleContext } from '../core/context';
import { assertText, assertTexts } from '../core/text-input';
import { ServiceError, ValidationError } from '../errors';
import { checkEmbedOptions, type FamilyAdapter, familyOf } from './embed-families';
import { invokeModel } from './invoke';
import { DEFAULT_EMBED_CONCURRENCY } from './limits';
import { assertModel } from './model-id';
import type { EmbedOptions } from './types';

const SITE = { service: 'bedrock-runtime', operation: 'InvokeModel' } as const;

function toVector(values: number[], normalize: boolean): Float32Array {
  const vector = Float32Array.from(values);
  if (!normalize) return vector;
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = (vector[i] as number) / norm;
  return vector;
}

function prepare(options: EmbedOptions): FamilyAdapter {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options.model is required: an embedding model id');
  }
  assertModel(options.model);
  const adapter = familyOf(options.model, options.family);
  checkEmbedOptions(adapter, options);
  return adapter;
}

async function embedBatch(
  ctx: ModuleContext,
  adapter: FamilyAdapter,
  texts: readonly string[],
  options: EmbedOptions,
  signal: AbortSignal | undefined,
  budget?: AttemptBudget,
): Promise<Float32Array[]> {
  const {
    model,
    signal: _s,
    concurrency: _c,
    dimensions: _d,
    normalize,
    purpose: _p,
    family: _f,
    ...request
  } = options;
  const out = await invokeModel(ctx, model, adapter.body(texts, options), {
    ...request,
    signal,
    budget,
  });
  let vectors: number[][];
  try {
    vectors = adapter.vectors(out.body);
  } catch (err) {
    throw new ServiceError(
      `bedrock-runtime InvokeModel: ${model} answered an unexpected embedding body`,
      // Not retried: the model answers the same request the same way.
      { ...SITE, code: 'MalformedResponse', requestId: out.requestId, cause: err },
    );
  }
  if (vectors.length !== texts.length) {
    throw new ServiceError(
      `bedrock-runtime InvokeModel: ${model} returned ${vectors.length} vectors for ${texts.length} texts`,
      { ...SITE, code: 'MalformedResponse', requestId: out.requestId },
    );
  }
  // Titan v2 normalizes natively (the flag went into the body); the others are normalized here.
  const local = normalize === true && adapter.family !== 'titan-v2';
  return vectors.map((v) => toVector(v, local));
}

/** One text → one vector. @internal */
export async function embed(
  ctx: ModuleContext,
  text: string,
  options: EmbedOptions,
): Promise<Float32Array> {
  const adapter = prepare(options);
  assertText(text, 'text');
  const [vector] = await embedBatch(ctx, adapter, [text], options, options.signal);
  return vector as Float32Array;
}

/**
 * Many texts → vectors in input order, in calls of the family's batch size (Cohere 96, others 1)
 * under the concurrency limit. A failed call fails only its texts (retryable ones retried).
 * @internal
 */
export async function embedMany(
  ctx: ModuleContext,
  texts: readonly string[],
  options: EmbedOptions,
): Promise<Float32Array[]> {
  const adapter = prepare(options);
  if (!Array.isArray(texts)) throw new ValidationError('texts must be an array of strings');
  assertTexts(texts, 'texts');
  // Checked with the other options in prepare (checkEmbedOptions).
  const concurrency = options.concurrency ?? DEFAULT_EMBED_CONCURRENCY;
  const results = await mapBatched(texts, {
    batchSize: adapter.batchSize,
    concurrency,
    signal: options.signal,
    // One retry budget per text, shared by the rounds here and the call layer's retries.
    ...itemRetryOptions(retryFor(ctx.config, options.retry)),
    send: async (batch, _indices, signal, budget) => {
      const vectors = await embedBatch(ctx, adapter, batch, options, signal, budget);
      return vectors.map((value) => ({ ok: true as const, value }));
    },
  });
  return settleBatch(results);
}
