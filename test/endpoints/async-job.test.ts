import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type JobStatus, ValidationError } from 'aws-ai';
import { EndpointAsyncError } from 'aws-ai/endpoints';
import { fromNpy, Tensor, toNpy } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { useAsyncEndpoint } from '../helpers/async-endpoint';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const { s3, asyncEndpoint } = useAsyncEndpoint(emu);
const staging = { staging: { bucket: 'stage', prefix: 'in/' } };
const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 10, timeoutMs: 5000 };

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(ref)));

const sum = (bytes: Uint8Array) => {
  const x = fromNpy(bytes);
  return toNpy(Tensor.from([Number(x.data[0]) + Number(x.data[1])], { dtype: 'float64' }));
};

describe('endpoints.startAsync: the one Job type', () => {
  it('start -> ref -> JSON -> ai.jobs.resume -> the output invokeAsync returns', async () => {
    asyncEndpoint(sum);
    const own = await client(staging).endpoints.invokeAsync<Tensor>(
      'async-model',
      Tensor.from([2, 3]),
      { ...FAST, pollTimeoutMs: 5000 },
    );
    const job = await client(staging).endpoints.startAsync<Tensor>(
      'async-model',
      Tensor.from([2, 3]),
    );
    expect(job.ref).toEqual({
      kind: 'sagemaker.async-inference',
      id: job.id,
      output: job.outputLocation,
      failure: job.failureLocation,
    });
    expect(job.stagedUri).toMatch(/^s3:\/\/stage\/in\//);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1); // invokeAsync's own input, not the job's
    expect(job.cancel).toBeUndefined();
    const [direct] = await job.result(FAST);
    const [again] = await client().jobs.resume<Tensor>(shipped(job.ref)).result(FAST);
    expect(direct).toBeInstanceOf(Tensor);
    expect(again).toBeInstanceOf(Tensor);
    expect(again?.toArray()).toEqual([5]);
    expect(direct?.toArray()).toEqual(own.body.toArray());
  });

  it('keeps a named deserializer and accept in the ref; status goes in-progress -> completed', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    asyncEndpoint(
      (bytes) => new TextEncoder().encode(`echo:${new TextDecoder().decode(bytes)}`),
      gate,
    );
    await s3.send(new PutObjectCommand({ Bucket: 'inputs', Key: 'a.txt', Body: 'hello' }));
    const job = await client().endpoints.startAsync<string>(
      'echo-model',
      { inputLocation: 's3://inputs/a.txt' },
      { contentType: 'text/plain', accept: 'text/plain', deserializer: 'text' },
    );
    expect(job.ref).toMatchObject({ accept: 'text/plain', deserializer: 'text' });
    expect(job.stagedUri).toBeUndefined();
    const resumed = client().jobs.resume<string>(shipped(job.ref));
    expect(await resumed.status()).toEqual({ id: job.id, state: 'in-progress' });
    const seen: JobStatus[] = [];
    const waiting = resumed.wait({
      ...FAST,
      onProgress: (s) => {
        seen.push(s);
        release(); // the output appears after the first check that found nothing
      },
    });
    expect(await waiting).toEqual({ id: job.id, state: 'completed' });
    expect(seen[0]).toEqual({ id: job.id, state: 'in-progress' });
    expect(await resumed.result(FAST)).toEqual(['echo:hello']);
  });

  it('a failure object rejects the job with EndpointAsyncError AsyncInferenceFailed', async () => {
    asyncEndpoint(() => ({ fail: 'CUDA out of memory' }));
    const job = await client(staging).endpoints.startAsync('async-model', Tensor.from([1, 2]));
    const err = await client()
      .jobs.resume(shipped(job.ref))
      .result(FAST)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointAsyncError);
    expect(err).toMatchObject({ code: 'AsyncInferenceFailed', failureBody: 'CUDA out of memory' });
  });

  it('invokeAsync: onProgress sees each check that found nothing yet', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    asyncEndpoint(sum, gate);
    const seen: string[] = [];
    const out = await client(staging).endpoints.invokeAsync<Tensor>(
      'async-model',
      Tensor.from([1, 1]),
      {
        ...FAST,
        onProgress: (s) => {
          seen.push(s.state);
          if (seen.length === 2) release(); // the output appears after the second empty check
        },
      },
    );
    expect(out.body.toArray()).toEqual([2]);
    expect(seen.slice(0, 2)).toEqual(['in-progress', 'in-progress']);
    expect(new Set(seen)).toEqual(new Set(['in-progress']));
  });

  it('bad poll options and bad refs are ValidationErrors before any request', async () => {
    const endpoints = client(staging).endpoints;
    for (const options of [
      { pollIntervalMs: 0 },
      { maxPollIntervalMs: -1 },
      { onProgress: 'log' },
      { pollTimeoutMs: -1 },
    ]) {
      const err = await endpoints
        .invokeAsync('async-model', Tensor.from([1]), options as never)
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    const ai = client();
    for (const ref of [
      { kind: 'sagemaker.async-inference', id: 'x' },
      { kind: 'sagemaker.async-inference', id: 'x', output: 'out/results/x.out' },
      { kind: 'sagemaker.async-inference', id: 'x', output: 's3://o/x', deserializer: 'pickle' },
      { kind: 'sagemaker.async-inference', id: 'x', output: 's3://o/x', failure: 7 },
    ]) {
      await expect(ai.jobs.resume(ref).status()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
    asyncEndpoint(sum);
    const job = await client(staging).endpoints.startAsync('async-model', Tensor.from([1, 2]));
    const calls = emu.calls.length;
    await expect(job.wait({ pollIntervalMs: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(job.result({ maxIntervalMs: 0 } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(calls);
  });
});
