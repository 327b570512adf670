import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/**
 * Item 9 of issue 13: JSON cannot carry NaN or ±Infinity (`JSON.stringify` sends `null`), so a plain
 * object or array holding one is refused before any call, as a Tensor holding one is.
 */

const { emu, client } = await useEmulator();

describe('endpoints: non-finite numbers in JSON payloads', () => {
  it.each([
    ['NaN in an object', { features: [1, Number.NaN, 3] }, /payload\.features\[1\] is NaN/],
    ['Infinity nested', { a: { b: Number.POSITIVE_INFINITY } }, /payload\.a\.b is Infinity/],
    [
      '-Infinity in an array',
      [[1, 2], [Number.NEGATIVE_INFINITY]],
      /payload\[1\]\[0\] is -Infinity/,
    ],
  ])('refuses %s before any call', async (_, payload, message) => {
    const err = await client()
      .endpoints.invoke('m', payload)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
    await expect(client().endpoints.invoke('m', payload, { serializer: 'json' })).rejects.toThrow(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('refuses it in JSON Lines records too, and still sends finite payloads', async () => {
    await expect(
      client().endpoints.invoke('m', [{ x: 1 }, { x: Number.NaN }], { serializer: 'jsonlines' }),
    ).rejects.toThrow(/payload\[1\]\.x is NaN/);
    expect(emu.calls).toHaveLength(0);
    await client().endpoints.invoke('m', { features: [1, 2.5, -0, 1e308] });
    expect(emu.calls).toHaveLength(1);
  });
});
