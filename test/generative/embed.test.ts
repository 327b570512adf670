import { BatchError, StreamError, ValidationError } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

function bodyOf(index: number): Record<string, unknown> {
  const body = callsTo(emu, 'InvokeModel')[index]?.input.body as Uint8Array;
  return JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
}

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('generative embeddings', () => {
  it('Titan v2: inputText, dimensions and normalize in the body', async () => {
    const v = await client().generative.embed('hello world', {
      model: 'amazon.titan-embed-text-v2:0',
      dimensions: 256,
      normalize: true,
    });
    expect(v).toBeInstanceOf(Float32Array);
    expect(v).toHaveLength(256);
    expect(bodyOf(0)).toEqual({ inputText: 'hello world', dimensions: 256, normalize: true });
    expect(callsTo(emu, 'InvokeModel')[0]?.input.modelId).toBe('amazon.titan-embed-text-v2:0');
  });

  it('Titan v1: inputText only, one call per text, result i for text i', async () => {
    const texts = ['alpha', 'beta gamma', 'delta'];
    const vectors = await client().generative.embedMany(texts, {
      model: 'amazon.titan-embed-text-v1',
    });
    expect(vectors).toHaveLength(3);
    expect(callsTo(emu, 'InvokeModel')).toHaveLength(3);
    const single = await client().generative.embed('beta gamma', {
      model: 'amazon.titan-embed-text-v1',
    });
    expect(Array.from(vectors[1] as Float32Array)).toEqual(Array.from(single));
    expect(Object.keys(bodyOf(0))).toEqual(['inputText']);
  });

  it('Cohere: texts + input_type, 96 per call (250 texts → 3 calls), order kept', async () => {
    const texts = Array.from({ length: 250 }, (_, i) => `document number ${i}`);
    const vectors = await client().generative.embedMany(texts, {
      model: 'cohere.embed-english-v3',
      purpose: 'document',
    });
    const calls = callsTo(emu, 'InvokeModel');
    expect(calls).toHaveLength(3);
    const sizes = [0, 1, 2].map((i) => (bodyOf(i).texts as string[]).length).sort((a, b) => b - a);
    expect(sizes).toEqual([96, 96, 58]);
    expect(bodyOf(0).input_type).toBe('search_document');
    expect(vectors).toHaveLength(250);
    const again = await client().generative.embed('document number 200', {
      model: 'us.cohere.embed-english-v3',
      purpose: 'query',
    });
    expect(Array.from(again)).toEqual(Array.from(vectors[200] as Float32Array));
    expect(bodyOf(3)).toEqual({ texts: ['document number 200'], input_type: 'search_query' });
  });

  it('Cohere v4: embedding_types and output_dimension; normalized here', async () => {
    const v = await client().generative.embed('unit please', {
      model: 'cohere.embed-v4:0',
      dimensions: 512,
      normalize: true,
    });
    expect(v).toHaveLength(512);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(bodyOf(0)).toMatchObject({ embedding_types: ['float'], output_dimension: 512 });
  });

  it('Nova: the SINGLE_EMBEDDING body', async () => {
    const v = await client().generative.embed('find me', {
      model: 'amazon.nova-2-multimodal-embeddings-v1:0',
      purpose: 'query',
      dimensions: 384,
    });
    expect(v).toHaveLength(384);
    expect(bodyOf(0)).toEqual({
      taskType: 'SINGLE_EMBEDDING',
      singleEmbeddingParams: {
        embeddingPurpose: 'GENERIC_RETRIEVAL',
        embeddingDimension: 384,
        text: { truncationMode: 'END', value: 'find me' },
      },
    });
  });

  it('checks options and texts before any call', async () => {
    const gen = client().generative;
    await expect(
      gen.embed('x', { model: 'amazon.titan-embed-text-v1', dimensions: 256 }),
    ).rejects.toThrow(/not supported by titan-v1/);
    await expect(gen.embed('x', { model: 'meta.llama3' })).rejects.toThrow(
      /cannot tell the embedding family/,
    );
    await expect(
      gen.embedMany(['ok', ' '], { model: 'cohere.embed-english-v3' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('a failed call fails only its texts, in a BatchError that keeps the rest', async () => {
    // A model error is final (a passing 5xx would be re-sent by the batching core instead).
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      kind: 'server-error',
      code: 'ModelErrorException',
      status: 424,
      times: 1,
    });
    const err = await client({ retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } })
      .generative.embedMany(['one', 'two'], {
        model: 'amazon.titan-embed-text-v2:0',
        concurrency: 1,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchError);
    const batch = err as BatchError<Float32Array>;
    expect(batch.failures.map((f) => f.index)).toEqual([0]);
    expect(batch.results[1]).toBeInstanceOf(Float32Array);
  });

  it('Cohere: a call that answers fewer vectors than texts fails each of its 96 texts once, never shifting the others', async () => {
    emu.handle('bedrock-runtime', 'InvokeModel', (input) => {
      const { texts } = JSON.parse(Buffer.from(input.body as Uint8Array).toString('utf8')) as {
        texts: string[];
      };
      // The 96-text call loses its last vector; the 4-text call is whole.
      const kept = texts.length === 96 ? texts.slice(0, -1) : texts;
      const embeddings = kept.map((t) => [Number(t.slice(1)), 1]);
      return { body: Buffer.from(JSON.stringify({ embeddings })), contentType: 'application/json' };
    });
    const texts = Array.from({ length: 100 }, (_, i) => `t${i}`);
    const err = await client({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } })
      .generative.embedMany(texts, { model: 'cohere.embed-english-v3', concurrency: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchError);
    const batch = err as BatchError<Float32Array>;
    expect(batch.results).toHaveLength(100);
    expect(batch.failures.map((f) => f.index)).toEqual(texts.slice(0, 96).map((_, i) => i));
    expect(batch.failures[0]).toMatchObject({
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      code: 'MalformedResponse',
      retryable: false,
    });
    // A whole answer of the wrong shape is not asked for again: one call per batch of texts.
    expect(callsTo(emu, 'InvokeModel')).toHaveLength(2);
    // Vector i carries i in its first slot: the 4 that succeeded are texts 96-99, in order.
    expect(batch.results.slice(96).map((v) => (v as Float32Array)[0])).toEqual([96, 97, 98, 99]);
  });
});

describe('generative raw invoke', () => {
  it('invoke sends JSON and parses the JSON answer', async () => {
    const { body, requestId } = await client().generative.invoke<{ prompt: string }>(
      'meta.llama3-8b-instruct-v1:0',
      { prompt: 'hi', max_gen_len: 10 },
    );
    expect(body).toEqual({ prompt: 'hi', max_gen_len: 10 });
    expect(requestId).toBe(callsTo(emu, 'InvokeModel')[0]?.requestId);
  });

  it('invokeStream decodes each chunk', async () => {
    const chunks = await client()
      .generative.invokeStream<{ outputText?: string }>('meta.llama3', { prompt: 'Hi there' })
      .collect();
    expect(chunks.map((c) => c.outputText ?? '').join('')).toBe('Emulated reply to: Hi there');
  });

  it('invokeStream ends with a StreamError on an exception event', async () => {
    emu.fault({ service: 'bedrock-runtime', kind: 'stream-error', afterEvents: 1 });
    const err = await client()
      .generative.invokeStream('meta.llama3', { prompt: 'a b c' })
      .collect()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'StreamError', code: 'ModelStreamErrorException' });
    expect(err).toBeInstanceOf(StreamError);
  });

  it('rejects an oversized body before any call', async () => {
    await expect(client().generative.invoke('m', new Uint8Array(25_000_001))).rejects.toThrow(
      /at most 25000000/,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
