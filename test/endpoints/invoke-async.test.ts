import { PutObjectCommand } from '@aws-sdk/client-s3';
import { TimeoutError, ValidationError } from 'aws-ai';
import { EndpointAsyncError } from 'aws-ai/endpoints';
import { fromNpy, Tensor, toNpy } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { useAsyncEndpoint } from '../helpers/async-endpoint';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const { s3, asyncEndpoint } = useAsyncEndpoint(emu);
const staging = { staging: { bucket: 'stage', prefix: 'in/' } };
const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 10, pollTimeoutMs: 5000 };

describe('endpoints.invokeAsync', () => {
  it('stages the payload, polls the output location and decodes the .npy result', async () => {
    asyncEndpoint((bytes) => {
      const x = fromNpy(bytes);
      return toNpy(Tensor.from([Number(x.data[0]) + Number(x.data[1])], { dtype: 'float64' }));
    });
    const result = await client(staging).endpoints.invokeAsync<Tensor>(
      'async-model',
      Tensor.from([2, 3]),
      { ...FAST, invocationTimeoutSeconds: 600 },
    );
    expect(result.body).toBeInstanceOf(Tensor);
    expect(result.body.toArray()).toEqual([5]);
    expect(result.outputLocation).toMatch(/^s3:\/\/out\/results\//);
    const call = callsTo(emu, 'InvokeEndpointAsync')[0]?.input;
    expect(call).toMatchObject({ ContentType: 'application/x-npy', InvocationTimeoutSeconds: 600 });
    expect(String(call?.InputLocation)).toMatch(/^s3:\/\/stage\/in\//);
    // Polled until the object appeared, then the staged input was deleted.
    expect(callsTo(emu, 'GetObject').length).toBeGreaterThan(2);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
  });

  it('reads JSON output for JSON input given as an S3 location', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: 'data', Key: 'req.json', Body: '{"inputs":"hi"}' }),
    );
    asyncEndpoint((bytes) =>
      Buffer.from(JSON.stringify({ echo: JSON.parse(Buffer.from(bytes).toString()) })),
    );
    const { body } = await client().endpoints.invokeAsync(
      'async-model',
      { inputLocation: 's3://data/req.json' },
      { ...FAST, contentType: 'application/json' },
    );
    expect(body).toEqual({ echo: { inputs: 'hi' } });
    // Nothing was staged: the only uploads are the test's input and the endpoint's output.
    expect(callsTo(emu, 'PutObject').map((c) => c.input.Bucket)).toEqual(['data', 'out']);
  });

  it('throws EndpointAsyncError with the failure body when the failure object appears', async () => {
    asyncEndpoint(() => ({ fail: 'CUDA out of memory while processing request' }));
    const err = await client(staging)
      .endpoints.invokeAsync('async-model', { inputs: 'x' }, FAST)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointAsyncError);
    expect(err).toMatchObject({
      code: 'AsyncInferenceFailed',
      failureBody: 'CUDA out of memory while processing request',
    });
  });

  it('times out when neither object appears', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpointAsync', () => ({
      InferenceId: 'never',
      OutputLocation: 's3://out/never.out',
      FailureLocation: 's3://out/never-error.out',
    }));
    await expect(
      client(staging).endpoints.invokeAsync('m', { a: 1 }, { ...FAST, pollTimeoutMs: 60 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('says to configure staging for bytes, and checks option ranges, before any call', async () => {
    await expect(client().endpoints.invokeAsync('m', new Uint8Array([1]))).rejects.toThrow(
      /configure staging/,
    );
    await expect(
      client(staging).endpoints.invokeAsync('m', { a: 1 }, { requestTTLSeconds: 30 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});
