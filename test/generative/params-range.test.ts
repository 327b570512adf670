import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

describe('generative parameters checked before the call (found by the fuzz suite)', () => {
  it('temperature above 1 (Converse takes 0..1) is refused', async () => {
    const err = await client()
      .generative.generate({ model: 'amazon.nova-lite-v1:0', prompt: 'Hi', temperature: 1.5 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/temperature/);
    expect(emu.calls).toHaveLength(0);
  });

  it('an embedding normalize or purpose of the wrong type is refused', async () => {
    const model = 'amazon.titan-embed-text-v2:0';
    await expect(
      client().generative.embed('x', { model, normalize: 'yes' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client().generative.embed('x', {
        model: 'cohere.embed-english-v3',
        purpose: Symbol('q') as never,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});
