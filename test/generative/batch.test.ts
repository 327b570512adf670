import { BatchItemError, ServiceError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatch';
const OUTPUT = 's3://batch-bucket/out/';
const FAST = { pollIntervalMs: 1 };
const MODEL = 'amazon.nova-lite-v1:0';

function bodies(n: number) {
  return Array.from({ length: n }, (_, i) => ({ body: { n: i, inputText: `record ${i}` } }));
}

async function* lazily<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('generative.batch', () => {
  it('splits over the per-job limit without a job under the minimum, and reads every record back in input order', async () => {
    const ai = client();
    const job = await ai.generative.batch(lazily(bodies(650)), {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: OUTPUT,
      name: 'split-test',
      limits: { maxRecordsPerJob: 300, recordsPerFile: 100 },
    });
    expect(job.jobs).toHaveLength(3);
    expect(job.records).toBe(650);
    const creates = callsTo(emu, 'CreateModelInvocationJob');
    expect(creates.map((c) => (c.input as { jobName: string }).jobName)).toEqual([
      'split-test-1',
      'split-test-2',
      'split-test-3',
    ]);
    expect(
      creates.every(
        (c) => (c.input as { modelInvocationType: string }).modelInvocationType === 'InvokeModel',
      ),
    ).toBe(true);
    const perJob = (job.ref.jobs as Array<{ files: number[] }>).map((j) =>
      j.files.reduce((a, b) => a + b, 0),
    );
    expect(perJob.every((n) => n >= 100 && n <= 300)).toBe(true);
    expect(perJob.reduce((a, b) => a + b, 0)).toBe(650);
    const seen: number[] = [];
    for await (const item of job.results(FAST)) {
      if (item instanceof BatchItemError) throw item;
      expect((item.output as { n: number }).n).toBe(item.index);
      seen.push(item.index);
    }
    expect(seen).toEqual(Array.from({ length: 650 }, (_, i) => i));
    // The written input: one record id per line, 11 alphanumeric characters.
    const puts = callsTo(emu, 'PutObject');
    expect(puts.length).toBe(7);
  });

  it('tail of 301 over a 300-record job limit: two jobs, both at least the minimum', async () => {
    const job = await client().generative.batch(bodies(301), {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: OUTPUT,
      name: 'tail',
      limits: { maxRecordsPerJob: 300 },
    });
    const perJob = (job.ref.jobs as Array<{ files: number[] }>).map((j) =>
      j.files.reduce((a, b) => a + b, 0),
    );
    expect(perJob).toEqual([201, 100]);
    const items = await job.result(FAST);
    expect(items.map((r) => (r as { index: number }).index)).toEqual(
      Array.from({ length: 301 }, (_, i) => i),
    );
  });

  it('generate params become Converse records: text, finish reason and usage, as generate answers', async () => {
    const ai = client();
    const prompts = Array.from({ length: 120 }, (_, i) => `Question number ${i}?`);
    const job = await ai.generative.batch(
      prompts.map((prompt) => ({ prompt, system: 'Be brief.', maxTokens: 50 })),
      { model: MODEL, role: ROLE, output: OUTPUT, name: 'converse', timeoutHours: 24 },
    );
    const create = callsTo(emu, 'CreateModelInvocationJob')[0]?.input as Record<string, unknown>;
    expect(create).toMatchObject({
      modelId: MODEL,
      roleArn: ROLE,
      modelInvocationType: 'Converse',
      timeoutDurationInHours: 24,
      inputDataConfig: {
        s3InputDataConfig: {
          s3InputFormat: 'JSONL',
          s3Uri: 's3://batch-bucket/out/converse/input/job-001/',
        },
      },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: OUTPUT } },
    });
    const results = await job.result(FAST);
    const direct = await ai.generative.generate({
      model: MODEL,
      prompt: prompts[7] as string,
      system: 'Be brief.',
      maxTokens: 50,
    });
    const seventh = results[7] as {
      text: string;
      finishReason: string;
      usage: { outputTokens: number };
    };
    expect(seventh.text).toBe(direct.text);
    expect(seventh.finishReason).toBe(direct.finishReason);
    expect(seventh.usage).toEqual(direct.usage);
  });

  it('a record Bedrock fails is a BatchItemError at its index; the job is partially completed', async () => {
    const records = bodies(110).map((r, i) =>
      i === 3 || i === 64 ? { body: { ...r.body, inputText: '[emulator:record-error]' } } : r,
    );
    const job = await client().generative.batch(records, {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: OUTPUT,
      name: 'errors',
    });
    const progress: string[] = [];
    const status = await job.wait({ ...FAST, onProgress: (s) => progress.push(s.state) });
    expect(status.state).toBe('partially-completed');
    expect(status.progress).toEqual({ done: 110, total: 110, failed: 2 });
    expect(progress).toContain('in-progress');
    const items = await job.result(FAST);
    expect(items).toHaveLength(110);
    const failed = items.flatMap((item, i) =>
      item instanceof BatchItemError ? [[i, item.index, item.code]] : [],
    );
    expect(failed).toEqual([
      [3, 3, '400'],
      [64, 64, '400'],
    ]);
  });

  it('the ref is JSON: another client resumes the job and reads the same results', async () => {
    const job = await client().generative.batch(bodies(100), {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: OUTPUT,
      name: 'resume',
    });
    const ref = JSON.parse(JSON.stringify(job.ref));
    const again = await client().generative.resumeBatch(ref);
    expect(again.id).toBe(job.id);
    const items = await again.result(FAST);
    expect(items.map((r) => (r as { index: number }).index)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    await expect(
      client().generative.resumeBatch({ kind: 'other', id: 'x' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('fewer records than the minimum: ValidationError before any upload or job (array and async iterable)', async () => {
    const options = { model: MODEL, role: ROLE, output: OUTPUT };
    await expect(client().generative.batch(bodies(99), options)).rejects.toThrow(
      /at least 100 records, got 99/,
    );
    await expect(client().generative.batch(lazily(bodies(99)), options)).rejects.toThrow(
      /at least 100 records, got 99/,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('bad options and bad records are refused before anything is sent', async () => {
    const ai = client();
    const good = { model: MODEL, role: ROLE, output: OUTPUT };
    const prompts = Array.from({ length: 100 }, () => ({ prompt: 'hi' }));
    for (const bad of [
      { ...good, role: 'BedrockBatch' },
      { ...good, output: 'batch-bucket/out' },
      { ...good, input: 's3://x' },
      { ...good, name: '-bad name' },
      { ...good, timeoutHours: 12 },
      { ...good, limits: { maxRecordsPerJob: 50 } },
      { ...good, model: '' },
    ]) {
      await expect(ai.generative.batch(prompts, bad)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      ai.generative.batch([...prompts.slice(1), { prompt: 'x', tools: {} } as never], good),
    ).rejects.toThrow(/records\[99\]\.tools is not available/);
    await expect(
      ai.generative.batch([...prompts.slice(1), { body: {} }] as never, good),
    ).rejects.toThrow(/all one or the other/);
    await expect(ai.generative.batch('nope' as never, good)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('cancel stops every AWS job; waiting then ends with JobFailed (stopped)', async () => {
    const job = await client().generative.batch(bodies(250), {
      model: 'amazon.titan-text-express-v1',
      role: ROLE,
      output: OUTPUT,
      name: 'cancel',
      limits: { maxRecordsPerJob: 200 },
    });
    await job.cancel();
    expect(callsTo(emu, 'StopModelInvocationJob')).toHaveLength(2);
    const err = await job.wait(FAST).catch((e: unknown) => e);
    expect(ServiceError.isInstance(err) && err.code).toBe('JobFailed');
    expect((err as Error).message).toMatch(/stopped/);
  });
});

describe('generative.embedMany with batch: true', () => {
  it('one vector per text in input order, equal to the on-demand vectors', async () => {
    const ai = client();
    const texts = Array.from({ length: 105 }, (_, i) => `document ${i} about ${i % 7}`);
    const model = 'amazon.titan-embed-text-v2:0';
    const job = await ai.generative.embedMany(texts, {
      batch: true,
      model,
      role: ROLE,
      output: OUTPUT,
      name: 'emb',
    });
    const vectors = await job.result(FAST);
    expect(vectors).toHaveLength(105);
    const direct = await ai.generative.embedMany(texts.slice(0, 3), { model });
    expect(vectors.slice(0, 3)).toEqual(direct);
    expect(callsTo(emu, 'CreateModelInvocationJob')[0]?.input).toMatchObject({
      modelInvocationType: 'InvokeModel',
    });
  });
});
