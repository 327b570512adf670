import { BatchItemError, ServiceError, Tensor, ValidationError } from 'aws-ai/endpoints';
import { sageMakerModels } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const OUTPUT = 's3://transform-bucket/out/';
const FAST = { pollIntervalMs: 1 };
const BASE = { output: OUTPUT, instanceType: 'ml.m5.xlarge' } as const;

function rows(n: number, width = 3): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, c) => i + c / 10));
}

async function* lazily<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('endpoints.transform', () => {
  it('writes CSV rows with the endpoint codec, starts one job and reads every record back in input order', async () => {
    const ai = client();
    const input = rows(2500);
    const job = await ai.endpoints.transform({
      ...BASE,
      model: 'echo-model',
      input: lazily(input),
      contentType: 'text/csv',
      name: 'csv-order',
      recordsPerFile: 1000,
      maxPayloadMB: 1,
    });
    expect(job.records).toBe(2500);
    expect(job.id).toBe('csv-order');
    expect(job.ref.kind).toBe('sagemaker.transform');
    const [create] = callsTo(emu, 'CreateTransformJob');
    expect(create?.input).toMatchObject({
      TransformJobName: 'csv-order',
      ModelName: 'echo-model',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 1,
      TransformInput: {
        ContentType: 'text/csv',
        SplitType: 'Line',
        DataSource: {
          S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${OUTPUT}csv-order-input/` },
        },
      },
      TransformOutput: { S3OutputPath: OUTPUT, Accept: 'text/csv', AssembleWith: 'Line' },
      TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
    });
    expect(callsTo(emu, 'PutObject')).toHaveLength(3);
    const seen: number[] = [];
    for await (const item of job.results(FAST)) {
      if (item instanceof BatchItemError) throw item;
      expect(item.output).toEqual(input[item.index]);
      seen.push(item.index);
    }
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('runs the sageMakerModels cost model; a record the container failed is a BatchItemError at its index', async () => {
    const model = sageMakerModels({ scorer: { fixedMs: 1, rowErrorValue: 7 } });
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', model);
    const input = rows(20, 2);
    const job = await client().endpoints.transform({
      ...BASE,
      model: 'scorer',
      input,
      contentType: 'text/csv',
      name: 'scored',
    });
    const items = await job.result(FAST);
    expect(items).toHaveLength(20);
    const failed = items[7];
    expect(failed).toBeInstanceOf(BatchItemError);
    expect((failed as BatchItemError).index).toBe(7);
    expect((failed as BatchItemError).code).toBe('RecordFailed');
    const [sum, first] = (items[3] as { output: number[] }).output;
    expect(sum).toBeCloseTo(3 + 3.1, 5);
    expect(first).toBe(3);
    expect(model.stats.scorer?.rows).toBe(20);
  });

  it('JSON Lines rows with joinSource Input: each output carries its record', async () => {
    const input = Array.from({ length: 5 }, (_, i) => ({ id: i, text: `row ${i}` }));
    const job = await client().endpoints.transform({
      ...BASE,
      model: 'echo-model',
      input,
      contentType: 'application/jsonlines',
      joinSource: 'Input',
      name: 'joined',
    });
    const items = await job.result(FAST);
    expect(items.map((r) => (r as { output: { id: number } }).output.id)).toEqual([0, 1, 2, 3, 4]);
    expect((items[2] as { output: { SageMakerOutput: unknown } }).output.SageMakerOutput).toEqual({
      input: { id: 2, text: 'row 2' },
      score: expect.any(Number),
    });
    const [create] = callsTo(emu, 'CreateTransformJob');
    expect(create?.input).toMatchObject({ DataProcessing: { JoinSource: 'Input' } });
  });

  it('a Tensor goes as .npy objects (one request each) and comes back as Tensor rows', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ tensor: {} }));
    const tensor = Tensor.from(rows(50, 4), { dtype: 'float32' });
    const job = await client().endpoints.transform({
      ...BASE,
      model: 'tensor',
      input: tensor,
      contentType: 'application/x-npy',
      recordsPerFile: 20,
      name: 'npy',
    });
    const [create] = callsTo(emu, 'CreateTransformJob');
    expect(create?.input).toMatchObject({
      TransformInput: { SplitType: 'None' },
      TransformOutput: { AssembleWith: 'None', Accept: 'application/x-npy' },
    });
    expect(callsTo(emu, 'PutObject')).toHaveLength(3);
    const items = await job.result(FAST);
    expect(items).toHaveLength(50);
    const row = (items[42] as { output: Tensor }).output;
    expect(row).toBeInstanceOf(Tensor);
    expect(Array.from(row.data as Float32Array)[1]).toBe(42);
  });

  it('a container error fails the job: results reject with JobFailed and the reason', async () => {
    emu.handle(
      'sagemaker-runtime',
      'InvokeEndpoint',
      sageMakerModels({ poisoned: { poisonValue: 3 } }),
    );
    const job = await client().endpoints.transform({
      ...BASE,
      model: 'poisoned',
      input: rows(10),
      contentType: 'text/csv',
      name: 'poisoned',
    });
    const error = await job.result(FAST).catch((e: unknown) => e);
    expect(ServiceError.isInstance(error)).toBe(true);
    expect((error as ServiceError).code).toBe('JobFailed');
    expect((error as Error).message).toMatch(/ClientError/);
  });

  it('resumes from a JSON ref in another client, and cancel stops the job', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ slow: { fixedMs: 200 } }));
    const job = await client().endpoints.transform({
      ...BASE,
      model: 'slow',
      input: rows(30),
      contentType: 'text/csv',
      batchStrategy: 'SingleRecord',
      name: 'slow-one',
    });
    const ref = JSON.parse(JSON.stringify(job.ref));
    const again = await client().endpoints.resumeTransform(ref);
    expect((await again.status()).state).toBe('in-progress');
    await again.cancel();
    const final = await again.wait(FAST).catch((e: unknown) => e);
    expect((final as ServiceError).message).toMatch(/stopped/);
    expect(callsTo(emu, 'StopTransformJob')).toHaveLength(1);
  });

  it('reads S3 input written elsewhere in key order', async () => {
    const ai = client();
    const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    await s3.send(
      new PutObjectCommand({ Bucket: 'in-bucket', Key: 'data/b.csv', Body: '3,3\n4,4\n' }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: 'in-bucket', Key: 'data/a.csv', Body: '1,1\n2,2\n' }),
    );
    const job = await ai.endpoints.transform({
      ...BASE,
      model: 'echo-model',
      input: 's3://in-bucket/data/',
      contentType: 'text/csv',
      name: 's3-input',
    });
    expect(job.records).toBeUndefined();
    const items = await job.result(FAST);
    expect(items).toEqual([
      { index: 0, output: [1, 1] },
      { index: 1, output: [2, 2] },
      { index: 2, output: [3, 3] },
      { index: 3, output: [4, 4] },
    ]);
  });

  it.each([
    [{ maxPayloadMB: 101 }, /maxPayloadMB/],
    [{ maxPayloadMB: 10, maxConcurrentTransforms: 11 }, /may not exceed 100/],
    [{ instanceType: 'm5.xlarge' }, /instanceType/],
    [{ model: 'bad_name' }, /model/],
    [{ output: 'bucket/out' }, /output/],
    [{ input: [] }, /no rows/],
    [
      {
        input: [
          [1, 2],
          ['a', {}],
        ],
      },
      /input\[1\]/,
    ],
    [{ contentType: 'application/x-npy', splitType: 'Line' }, /splitType must be None/],
    [{ contentType: 'image/png' }, /write the input to S3/],
    [{ name: '-x' }, /name/],
  ])('refuses %j before any upload or call', async (change, message) => {
    const error = await client()
      .endpoints.transform({
        ...BASE,
        model: 'echo-model',
        input: rows(3),
        contentType: 'text/csv',
        ...change,
      } as never)
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(emu.calls).toHaveLength(0);
  });

  it('refuses a ref of another kind', async () => {
    await expect(
      client().endpoints.resumeTransform({ kind: 'bedrock.batch', id: 'x' }),
    ).rejects.toThrow(ValidationError);
  });
});
