import { readFileSync } from 'node:fs';
import { BatchItemError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { pollIntervalMs: 1 };
const event = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/aws/events/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

function bodies(n: number) {
  return Array.from({ length: n }, (_, i) => ({ body: { n: i, inputText: `record ${i}` } }));
}

describe('ai.jobs.events: the events AWS documents', () => {
  it('Bedrock batch inference (EventBridge)', () => {
    const [found] = client().jobs.events(event('bedrock-batch-state-change'));
    expect(found).toEqual({
      ref: {
        kind: 'bedrock.batch',
        id: 'arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghwxyz',
        region: 'us-east-1',
      },
      state: 'completed',
      source: 'aws.bedrock',
    });
  });

  it('SageMaker transform (EventBridge): the ref reads the output it names', () => {
    const [found] = client().jobs.events(event('sagemaker-transform-state-change'));
    expect(found?.ref).toEqual({
      kind: 'sagemaker.transform',
      id: 'myjob',
      region: 'us-east-1',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:transform-job/myjob',
      output: 's3://sagemaker-us-east-1-123456789012/myjob/output/',
      format: 'csv',
      input: 's3://sagemaker-us-east-1-123456789012/myjob/input/',
    });
    expect(found?.state).toBe('completed');
  });

  it('Transcribe (EventBridge)', () => {
    const [found] = client().jobs.events(event('transcribe-job-state-change'));
    expect(found?.ref).toEqual({
      kind: 'transcribe.transcription',
      id: 'my-first-transcription-job',
      region: 'us-west-2',
    });
    expect(found?.state).toBe('completed');
  });

  it('Textract SNS message through SQS, and Rekognition Video SNS message to a Lambda', () => {
    const [textract] = client().jobs.events(event('textract-sns-message-via-sqs'));
    expect(textract?.ref).toMatchObject({
      kind: 'textract',
      api: 'StartDocumentAnalysis',
      tag: 'Receipt',
      region: 'us-east-1',
    });
    expect(textract?.state).toBe('completed');
    const [video] = client().jobs.events(event('rekognition-sns-message-lambda'));
    expect(video?.ref).toMatchObject({
      kind: 'rekognition.video',
      id: '6de014b0-2121-4bf0-9e31-856a18719e22',
      api: 'StartLabelDetection',
    });
  });

  it('refuses what is not a job event, and kinds it cannot resume, before any request', () => {
    const ai = client();
    expect(() => ai.jobs.events({ hello: 'world' })).toThrow(ValidationError);
    expect(() => ai.jobs.resume('not json')).toThrow(ValidationError);
    expect(() => ai.jobs.resume({ kind: 'nope', id: 'x' })).toThrow(/cannot resume a nope job/);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('ai.jobs.resume and fromEvent against the emulator', () => {
  it('resumes a Bedrock batch from its JSON ref in another client', async () => {
    const job = await client().generative.batch(bodies(150), {
      model: 'amazon.titan-text-express-v1',
      role: 'arn:aws:iam::123456789012:role/BedrockBatch',
      output: 's3://jobs-bucket/out/',
      name: 'resume-me',
    });
    const again = client().jobs.resume(JSON.stringify(job.ref));
    expect(again.id).toBe(job.id);
    const items = await again.result(FAST);
    expect(items.map((r) => (r as { index: number }).index)).toEqual(
      Array.from({ length: 150 }, (_, i) => i),
    );
  });

  it('reads a Bedrock batch from its completion event: records in input order, failures at their index', async () => {
    const records = bodies(120);
    records[5] = { body: { n: 5, inputText: 'bad [emulator:record-error]' } };
    const job = await client().generative.batch(records, {
      model: 'amazon.titan-text-express-v1',
      role: 'arn:aws:iam::123456789012:role/BedrockBatch',
      output: 's3://jobs-bucket/out/',
      name: 'from-event',
      limits: { recordsPerFile: 50 },
    });
    await job.wait(FAST);
    const sample = event('bedrock-batch-state-change') as { detail: Record<string, unknown> };
    sample.detail.batchJobArn = job.id;
    const fromEvent = client().jobs.fromEvent(sample);
    const items = await fromEvent.result(FAST);
    expect(items).toHaveLength(120);
    expect(items[5]).toBeInstanceOf(BatchItemError);
    items.forEach((item, i) => {
      if (i !== 5) expect((item as { output: { n: number } }).output.n).toBe(i);
    });
  });

  it('reads a transform from its SageMaker event (outputs listed from the input it names)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [i, i * 2]);
    const job = await client().endpoints.transform({
      model: 'echo-model',
      input: rows,
      output: 's3://jobs-bucket/transform/',
      instanceType: 'ml.m5.large',
      contentType: 'text/csv',
      recordsPerFile: 10,
      name: 'evented',
    });
    await job.wait(FAST);
    const sample = event('sagemaker-transform-state-change') as { detail: Record<string, unknown> };
    const [create] = callsTo(emu, 'CreateTransformJob');
    Object.assign(sample.detail, create?.input, { TransformJobArn: job.ref.arn });
    const items = await client().jobs.fromEvent(sample).result(FAST);
    expect(items).toEqual(rows.map((row, index) => ({ index, output: row })));
  });
});
