import { NotFoundError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/**
 * SageMaker answers a call to an endpoint that does not exist with its ValidationError (400):
 * "Endpoint <name> of account <id> not found." docs/errors-and-retries.md promises a NotFoundError
 * for an endpoint not found.
 */
function noSuchEndpoint(operation: string) {
  emu.handle('sagemaker-runtime', operation, (input) => {
    throw emu.error(
      'ValidationError',
      `Endpoint ${String(input.EndpointName)} of account 123456789012 not found.`,
      400,
    );
  });
}

describe('endpoints: an endpoint that does not exist', () => {
  it('invoke: NotFoundError, one request', async () => {
    noSuchEndpoint('InvokeEndpoint');
    const err = await client()
      .endpoints.invoke('gone', { x: 1 })
      .catch((e: unknown) => e);
    // Was: a ValidationError, the class for input to change.
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      code: 'ValidationError',
      statusCode: 400,
      retryable: false,
    });
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
  });

  it('invokeStream: NotFoundError', async () => {
    noSuchEndpoint('InvokeEndpointWithResponseStream');
    const err = await (async () => {
      for await (const _ of client().endpoints.invokeStream('gone', { x: 1 })) {
        // nothing arrives
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')).toHaveLength(1);
  });

  it('the batcher: every row a NotFoundError after one request, not one per bisected half', async () => {
    noSuchEndpoint('InvokeEndpoint');
    const batcher = client().endpoints.batcher('gone', { maxBatchSize: 16 });
    const settled = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => batcher.predict([i, 1])),
    );
    for (const s of settled) {
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    }
    // Was: 31 requests (the 400 was bisected down to every single row).
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
  });
});
