import { BatchError, ValidationError } from 'aws-ai';
import type { Tensor } from 'aws-ai/tensor';
import { sageMakerModels } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

describe('endpoints.batcher: a row the serializer cannot write fails alone', () => {
  it.each(['json', 'jsonlines'] as const)(
    'serializer %s: a NaN row is a ValidationError, never sent; its neighbours are answered',
    async (serializer) => {
      const model = sageMakerModels({ m: {} });
      emu.handle('sagemaker-runtime', 'InvokeEndpoint', model);
      const batcher = client().endpoints.batcher('m', { serializer, accept: 'application/json' });
      const settled = await Promise.allSettled([
        batcher.predict([1, 2]),
        batcher.predict([Number.NaN, 4]),
        batcher.predict([5, 6]),
      ]);
      // Was: all three rejected with the NaN's ValidationError, and nothing was sent.
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.toArray() : null))).toEqual([
        [3, 1],
        null,
        [11, 5],
      ]);
      const err = (settled[1] as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ service: 'sagemaker-runtime', operation: 'InvokeEndpoint' });
      expect(err.message).toMatch(/NaN/);
      // Every request the model saw holds only the two good rows.
      expect(model.stats.m?.rows).toBe(2);
      expect(callsTo(emu, 'InvokeEndpoint').length).toBeGreaterThan(0);
    },
  );

  it('predictMany: the NaN row is a BatchItemError at its index, the others are results', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ m: {} }));
    const batcher = client().endpoints.batcher('m', { serializer: 'json' });
    const err = await batcher
      .predictMany([
        [1, 2],
        [3, 4],
        [Number.POSITIVE_INFINITY, 0],
        [7, 8],
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchError);
    const results = (err as BatchError<Tensor>).results;
    expect(
      results.map((r) => (r instanceof Error ? (r as { index: number }).index : 'ok')),
    ).toEqual(['ok', 'ok', 2, 'ok']);
  });
});
