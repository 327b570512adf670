import { EndpointModelError } from 'aws-ai/endpoints';
import { Tensor } from 'aws-ai/tensor';
import { sageMakerModels } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/**
 * SageMaker's own ValidationError (400) is for what SageMaker checks (body size, headers); a request
 * the container refuses comes back as a 424 ModelError carrying the container's status and message.
 */
describe('sageMakerModels: a shape or type the container refuses', () => {
  const refused = async (
    payload: Tensor | Uint8Array,
    config: Parameters<typeof sageMakerModels>[0]['m'],
  ) => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ m: config }));
    return client()
      .endpoints.invoke('m', payload)
      .catch((e: unknown) => e);
  };

  it('a batch size it was not compiled for: EndpointModelError, the container said 400', async () => {
    // Was: a 400 ValidationError, the error of an input SageMaker itself refuses.
    const err = await refused(Tensor.zeros('float32', [3, 2]), { allowedBatchSizes: [4, 8] });
    expect(err).toBeInstanceOf(EndpointModelError);
    expect(err).toMatchObject({ code: 'ModelError', statusCode: 424, originalStatusCode: 400 });
    expect((err as EndpointModelError).originalMessage).toMatch(/batch sizes \[4, 8\], got 3/);
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
  });

  it('a sequence length it was not compiled for: likewise', async () => {
    const err = await refused(Tensor.zeros('float32', [1, 5]), { sequenceLengths: [4, 8] });
    expect(err).toBeInstanceOf(EndpointModelError);
    expect(err).toMatchObject({ statusCode: 424, originalStatusCode: 400 });
  });

  it('a content type it cannot read: the container said 415', async () => {
    const err = await refused(new Uint8Array([1, 2, 3]), {});
    expect(err).toBeInstanceOf(EndpointModelError);
    expect(err).toMatchObject({ statusCode: 424, originalStatusCode: 415 });
  });
});
