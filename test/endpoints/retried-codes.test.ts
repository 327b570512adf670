import { ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const RETRIES = 2;

/**
 * docs/endpoints.md: ModelNotReadyException (429), 5xx and dropped connections are retried (a 424
 * ModelError never is: guarantees.test.ts). Codes and statuses from SageMaker Runtime's model (InvokeEndpoint's errors).
 */
describe('endpoints.invoke: what is retried', () => {
  it.each([
    ['ModelNotReadyException', 429],
    ['ServiceUnavailable', 503],
    ['InternalFailure', 500],
    ['InternalDependencyException', 530],
  ] as const)(
    '%s (%i): retries + 1 requests, then a retryable ServiceError naming it',
    async (code, status) => {
      emu.fault({
        service: 'sagemaker-runtime',
        operation: 'InvokeEndpoint',
        kind: 'server-error',
        code,
        status,
      });
      const err = await client({ retry: { retries: RETRIES, minDelayMs: 1, maxDelayMs: 2 } })
        .endpoints.invoke('m', { x: 1 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({
        code,
        statusCode: status,
        retryable: true,
        operation: 'InvokeEndpoint',
      });
      expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(RETRIES + 1);
    },
  );

  it('ModelNotReadyException once: retried, then the answer', async () => {
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      kind: 'server-error',
      code: 'ModelNotReadyException',
      status: 429,
      times: 1,
    });
    const out = await client().endpoints.invoke('m', { instances: [[1]] });
    expect(out.invokedVariant).toBe('AllTraffic');
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(2);
  });
});
