import { describe, expect, it } from 'vitest';
import { streamOf } from '../../src/core/telemetry';
import { useEmulator } from '../helpers/emulator';

// `@opentelemetry/api` is installed here but no SDK is registered (no tracer provider): spans do
// not record, so streams must not pay for nesting (no AsyncLocalStorage store, which on Node 20
// turns on promise hooks for the whole process).
const { client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';

describe('telemetry without an SDK', () => {
  it('a generative stream reads without any store', async () => {
    const message = await client()
      .generative.stream({ model, prompt: 'hello there' })
      .finalMessage();
    expect(message.text).toContain('hello there');
    await client().generative.generate({ model, prompt: 'hi' });
    expect(streamOf.current).toBeUndefined();
  });

  it('telemetry: false: the same', async () => {
    await client({ telemetry: false }).generative.stream({ model, prompt: 'hi' }).collect();
    expect(streamOf.current).toBeUndefined();
  });
});
