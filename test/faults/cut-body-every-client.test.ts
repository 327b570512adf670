/**
 * One check for cut answers on every SDK client aws-ai makes (core/body-end.ts `refuseCutAnswers`).
 * The emulator's `reset` fault with `afterBytes` sends an answer's headers and its first bytes, then
 * drops the connection. Over HTTP/2 (Bedrock) Node ends such a body as if it were complete, so the
 * SDK would hand the bytes so far over as the answer; over HTTP/1.1 (the others) Node fails the read.
 * Both ways, a cut answer is a retryable `ServiceError` (`StreamInterrupted`) naming the service and
 * operation, retried within the call's one budget: cut once, the second answer comes back whole
 * (two requests, the retry logged for `StreamInterrupted`); cut always, the call fails with it after
 * `retries + 1` requests, with none of the answer's bytes in the message. An S3 object read for a job's
 * output (SageMaker async inference) is covered the same way (core/staging.ts `readObject`).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsAI, type AwsAIConfig, ServiceError } from 'aws-ai';
import type { FaultRule } from 'aws-ai/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { callsTo, useEmulator } from '../helpers/emulator';
import { png } from '../vision/images';

const { emu, client } = await useEmulator();
const RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5 } as const;
const CUT = 100;

/** Long enough that `CUT` bytes are a small part of it; its first bytes must never be quoted. */
const BYTES = new Uint8Array(50_000).map((_, i) => 65 + (i % 26));
const BYTES_TEXT = new TextDecoder().decode(BYTES.subarray(0, 40));
const TEXT = 'The stay was lovely and the staff were kind. PAYLOADMARKER';
const CAMPAIGN = 'arn:aws:personalize:us-east-1:123456789012:campaign/movies';
const KB = 'KBCUTBODY1';
const OUTPUT = 's3://out/cut-body/ready.out';
/** A JSON answer longer than `CUT`, written where the async endpoint says its output is. */
const ASYNC_OUTPUT = { scores: Array.from({ length: 2_000 }, (_, i) => i / 7) };

const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
afterAll(() => s3.destroy());

interface Case {
  name: string;
  service: NonNullable<FaultRule['service']>;
  operation: string;
  /** The HTTP version the client speaks (checked against what the emulator saw). */
  http: '1.1' | '2.0';
  setup?: () => void | Promise<void>;
  run: (ai: AwsAI) => Promise<unknown>;
  /** The whole answer, as the call returns it. */
  whole: (value: unknown) => void;
  /** Text of the answer that must never be in an error message. */
  secret?: string;
}

const cases: Case[] = [
  {
    // Polly's audio is a streaming body the SDK hands over unread: our code reads it whole
    // (core/body-end.ts readWholeBody), the second depth of the same check.
    name: 'speech.synthesize (Polly SynthesizeSpeech audio, read by aws-ai)',
    service: 'polly',
    operation: 'SynthesizeSpeech',
    http: '2.0',
    setup: () =>
      emu.handle('polly', 'SynthesizeSpeech', () => ({
        ContentType: 'audio/pcm',
        RequestCharacters: 12,
        AudioStream: BYTES,
      })),
    run: (ai) => ai.speech.synthesize('Hello there.', { voice: 'Joanna', format: 'pcm' }),
    whole: (value) => expect((value as { audio: Uint8Array }).audio).toEqual(BYTES),
    secret: BYTES_TEXT,
  },
  {
    name: 'endpoints.invoke (SageMaker InvokeEndpoint, raw bytes)',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    http: '1.1',
    setup: () =>
      emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
        Body: BYTES,
        ContentType: 'application/octet-stream',
      })),
    run: (ai) =>
      ai.endpoints.invoke('churn', new Uint8Array([1, 2, 3]), {
        contentType: 'application/octet-stream',
        accept: 'application/octet-stream',
      }),
    whole: (value) => expect(new Uint8Array((value as { body: Uint8Array }).body)).toEqual(BYTES),
    secret: BYTES_TEXT,
  },
  {
    name: 'text.sentiment (Comprehend DetectSentiment)',
    service: 'comprehend',
    operation: 'DetectSentiment',
    http: '1.1',
    run: (ai) => ai.text.sentiment(TEXT),
    whole: (value) => expect((value as { sentiment: string }).sentiment).toBe('positive'),
  },
  {
    name: 'text.translate (Translate TranslateText)',
    service: 'translate',
    operation: 'TranslateText',
    http: '1.1',
    run: (ai) => ai.text.translate(TEXT, { from: 'en', to: 'fr' }),
    whole: (value) => expect(JSON.stringify(value)).toContain('PAYLOADMARKER'),
  },
  {
    name: 'documents.text (Textract DetectDocumentText)',
    service: 'textract',
    operation: 'DetectDocumentText',
    http: '1.1',
    run: (ai) => ai.documents.text(pdf(1)),
    whole: (value) =>
      expect((value as { text: string }).text).toContain('Emulated Textract page 1'),
    secret: 'Emulated Textract',
  },
  {
    name: 'vision.labels (Rekognition DetectLabels)',
    service: 'rekognition',
    operation: 'DetectLabels',
    http: '1.1',
    run: (ai) => ai.vision.labels(png(300, 200, 1)),
    whole: (value) => expect(Array.isArray((value as { labels: unknown[] }).labels)).toBe(true),
  },
  {
    name: 'recommendations.forUser (Personalize GetRecommendations)',
    service: 'personalize-runtime',
    operation: 'GetRecommendations',
    http: '1.1',
    setup: () =>
      emu.personalize(CAMPAIGN, {
        items: ['m1', 'm2', 'm3', 'm4'],
        interactions: [
          { userId: 'u1', itemId: 'm1' },
          { userId: 'u2', itemId: 'm2' },
        ],
      }),
    run: (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1' }),
    whole: (value) => expect(JSON.stringify(value)).toContain('m'),
  },
  {
    name: 'knowledge.retrieve (Bedrock agent runtime Retrieve)',
    service: 'bedrock-agent-runtime',
    operation: 'Retrieve',
    http: '2.0',
    setup: () =>
      emu.knowledgeBase(KB, [
        { text: 'Employees get 25 vacation days a year. PAYLOADMARKER' },
        { text: 'Parking is free on weekends.' },
      ]),
    run: (ai) => ai.knowledge.retrieve(KB, 'vacation days'),
    whole: (value) => expect(JSON.stringify(value)).toContain('vacation'),
  },
  {
    name: 'generative.invoke (Bedrock InvokeModel)',
    service: 'bedrock-runtime',
    operation: 'InvokeModel',
    http: '2.0',
    setup: () =>
      emu.handle('bedrock-runtime', 'InvokeModel', () => ({
        body: BYTES,
        contentType: 'application/octet-stream',
      })),
    run: (ai) =>
      ai.generative.invoke(
        'amazon.titan-embed-text-v2:0',
        { inputText: 'hi' },
        {
          accept: 'application/octet-stream',
        },
      ),
    whole: (value) => expect(new Uint8Array((value as { body: Uint8Array }).body)).toEqual(BYTES),
    secret: BYTES_TEXT,
  },
  {
    name: 'generative.generate (Bedrock Converse)',
    service: 'bedrock-runtime',
    operation: 'Converse',
    http: '2.0',
    run: (ai) => ai.generative.generate({ model: 'amazon.nova-lite-v1:0', prompt: 'Say hi' }),
    whole: (value) => expect((value as { text: string }).text.length).toBeGreaterThan(0),
  },
  {
    name: 'endpoints.invokeAsync output (S3 GetObject of a job output)',
    service: 's3',
    operation: 'GetObject',
    http: '1.1',
    setup: async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'out',
          Key: 'cut-body/ready.out',
          Body: JSON.stringify(ASYNC_OUTPUT),
        }),
      );
      emu.handle('sagemaker-runtime', 'InvokeEndpointAsync', () => ({
        InferenceId: 'ready',
        OutputLocation: OUTPUT,
        FailureLocation: 's3://out/cut-body/ready-error.out',
      }));
    },
    run: (ai) =>
      ai.endpoints.invokeAsync(
        'async-model',
        { inputLocation: 's3://data/req.json' },
        { contentType: 'application/json', pollIntervalMs: 1, maxPollIntervalMs: 2 },
      ),
    whole: (value) => expect((value as { body: unknown }).body).toEqual(ASYNC_OUTPUT),
    secret: '{"scores":[0,0.14',
  },
];

/** A client whose debug log records the codes of the attempts it retried. */
function withRetryLog(extra: AwsAIConfig = {}): { ai: AwsAI; retried: string[] } {
  const retried: string[] = [];
  const note = (message: string) => {
    const code = /attempt \d+ failed \(([^)]*)\); retrying/.exec(message)?.[1];
    if (code) retried.push(code);
  };
  const logger = { debug: note, info: () => {}, warn: () => {}, error: () => {} };
  return { ai: client({ retry: RETRY, logger, ...extra }), retried };
}

describe.each(cases)('$name: an answer cut mid-body', (c) => {
  it('once: retried as StreamInterrupted, the whole second answer returned', async () => {
    await c.setup?.();
    emu.fault({
      service: c.service,
      operation: c.operation,
      kind: 'reset',
      afterBytes: CUT,
      times: 1,
    });
    const { ai, retried } = withRetryLog();
    const value = await c.run(ai);
    c.whole(value);
    const calls = callsTo(emu, c.operation);
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => call.httpVersion)).toEqual([c.http, c.http]);
    expect(retried).toEqual(['StreamInterrupted']);
  });

  it('always: a retryable StreamInterrupted naming service and operation, no answer bytes', async () => {
    await c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'reset', afterBytes: CUT });
    const error = await c.run(client({ retry: RETRY })).then(
      (value) => ({ value }),
      (err: unknown) => err,
    );
    expect(ServiceError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({
      service: c.service,
      operation: c.operation,
      code: 'StreamInterrupted',
      retryable: true,
    });
    const message = (error as Error).message;
    expect(message).toContain(`${c.service} ${c.operation}`);
    expect(message).not.toContain('PAYLOADMARKER');
    if (c.secret) expect(message).not.toContain(c.secret);
    expect(callsTo(emu, c.operation)).toHaveLength(RETRY.retries + 1);
  });
});

/** InvokeModel answering BYTES, cut after CUT bytes (`times` answers, every one without it). */
function cutInvokeModel(times?: number): void {
  emu.handle('bedrock-runtime', 'InvokeModel', () => ({
    body: BYTES,
    contentType: 'application/octet-stream',
  }));
  emu.fault({
    service: 'bedrock-runtime',
    operation: 'InvokeModel',
    kind: 'reset',
    afterBytes: CUT,
    ...(times === undefined ? {} : { times }),
  });
}

/** One generative.invoke of a cut InvokeModel: a retryable StreamInterrupted after one request. */
async function expectOneCutInvoke(ai: AwsAI): Promise<void> {
  const error = await ai.generative
    .invoke(
      'amazon.titan-embed-text-v2:0',
      { inputText: 'hi' },
      { accept: 'application/octet-stream' },
    )
    .catch((e: unknown) => e);
  expect(ServiceError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({
    service: 'bedrock-runtime',
    operation: 'InvokeModel',
    code: 'StreamInterrupted',
    retryable: true,
  });
  expect(callsTo(emu, 'InvokeModel')).toHaveLength(1);
}

it('a client with no retries: one request, the cut InvokeModel answer a retryable StreamInterrupted', async () => {
  cutInvokeModel();
  await expectOneCutInvoke(new AwsAI({ ...emu.config, retry: { retries: 0 } }));
});

it('endpoints.transform results (S3 object read line by line): a cut output file fails typed, never a short list', async () => {
  const input = Array.from({ length: 400 }, (_, i) => ({ id: i, text: `row ${i}` }));
  const job = await client({ retry: RETRY }).endpoints.transform({
    output: 's3://transform-bucket/out/',
    instanceType: 'ml.m5.xlarge',
    model: 'echo-model',
    input,
    contentType: 'application/jsonlines',
    name: 'cut-lines',
  });
  await job.wait({ pollIntervalMs: 1 });
  const before = callsTo(emu, 'GetObject').length;
  emu.fault({ service: 's3', operation: 'GetObject', kind: 'reset', afterBytes: 2_000 });
  let items = 0;
  const error = await (async () => {
    for await (const _ of job.results({ pollIntervalMs: 1 })) items++;
  })().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(ServiceError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({
    service: 's3',
    operation: 'GetObject',
    code: 'StreamInterrupted',
    retryable: true,
  });
  expect((error as Error).message).not.toContain('row ');
  expect(items).toBeLessThan(input.length);
  expect(callsTo(emu, 'GetObject').length - before).toBe(1);
});

it("a client injected through config.clients: aws-ai's commands refuse a cut answer, the client's own stack is untouched", async () => {
  const { BedrockRuntimeClient, InvokeModelCommand } = await import(
    '@aws-sdk/client-bedrock-runtime'
  );
  const mine = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
  const before = mine.middlewareStack.identify();
  cutInvokeModel(1);
  // An injected client keeps its own retry settings: aws-ai makes one attempt.
  await expectOneCutInvoke(new AwsAI({ ...emu.config, clients: { 'bedrock-runtime': mine } }));
  // The caller's client: no middleware added to it, and its own calls work as before.
  expect(mine.middlewareStack.identify()).toEqual(before);
  const own = await mine.send(
    new InvokeModelCommand({
      modelId: 'amazon.titan-embed-text-v2:0',
      body: JSON.stringify({ inputText: 'hi' }),
      accept: 'application/octet-stream',
    }),
  );
  expect(new Uint8Array(own.body)).toEqual(BYTES);
  mine.destroy();
});
