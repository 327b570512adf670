import { inspect } from 'node:util';
import { ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useAsyncEndpoint } from '../helpers/async-endpoint';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** The model's output echoing the caller's data, which no error may quote (ADR 0005). */
const ANSWER = 'jane.roe@example.com, cough since May';

describe("endpoints.invoke: an answer that cannot be decoded quotes none of the model's output", () => {
  it.each([
    ['application/json', 'auto'],
    ['application/json', 'json'],
    ['application/json', 'tensor'],
    ['application/jsonlines', 'jsonlines'],
    ['application/jsonlines', 'tensor'],
    ['text/csv', 'tensor'],
  ] as const)('%s with deserializer %s', async (contentType, deserializer) => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
      Body: Buffer.from(ANSWER),
      ContentType: contentType,
    }));
    const err = await client()
      .endpoints.invoke('m', { x: 1 }, { deserializer })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'UndecodableResponse', operation: 'InvokeEndpoint' });
    expect((err as Error).message).toContain(contentType);
    // Was: `Unexpected token 'j', "jane.roe@e"... is not valid JSON`, or the whole CSV field.
    expect(inspect(err, { showHidden: true, depth: Infinity })).not.toContain('jane.roe');
    expect(JSON.stringify(err)).not.toContain('jane.roe');
  });
});

describe('endpoints.invokeAsync: an output that cannot be decoded quotes none of it', () => {
  const { asyncEndpoint } = useAsyncEndpoint(emu);
  it.each(['json', 'tensor'] as const)('deserializer %s', async (deserializer) => {
    asyncEndpoint(() => Buffer.from(ANSWER));
    const err = await client({ staging: { bucket: 'stage', prefix: 'in/' } })
      .endpoints.invokeAsync(
        'async-model',
        { inputs: 'x' },
        {
          pollIntervalMs: 5,
          maxPollIntervalMs: 10,
          pollTimeoutMs: 5000,
          deserializer,
          accept: 'application/json',
        },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'UndecodableResponse', operation: 'InvokeEndpointAsync' });
    expect(inspect(err, { showHidden: true, depth: Infinity })).not.toContain('jane.roe');
  });
});
