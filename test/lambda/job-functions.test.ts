import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type AwsAI,
  type AwsAIConfig,
  type Job,
  type JobEvent,
  type JobRef,
  type JobWaitOptions,
  ValidationError,
} from 'aws-ai';
import * as documents from 'aws-ai/documents';
import * as endpoints from 'aws-ai/endpoints';
import * as generative from 'aws-ai/generative';
import * as medical from 'aws-ai/medical';
import * as speech from 'aws-ai/speech';
import * as text from 'aws-ai/text';
import * as vision from 'aws-ai/vision';
import { afterAll, describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { callCounts, callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';
import { sampleEvent as event, withJobId, withMessage } from '../helpers/job-events';

const { emu, client } = await useEmulator();
const STAGING = { staging: { bucket: 'staging', prefix: 'jobs/' } };
const config: AwsAIConfig = { ...emu.config, retry: FAST_RETRY, ...STAGING };
/** The root client a handler would otherwise import: every module, `ai.jobs`. */
const ai = (): AwsAI => client(STAGING);
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;
const roleArn = 'arn:aws:iam::123456789012:role/JobAccess';

const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
afterAll(() => s3.destroy());
const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

/** An SQS or SNS batch of the sample's record once per job id: one event of several jobs. */
function batchOf(name: string, where: 'sqs' | 'sns', jobIds: readonly string[]) {
  const sample = event(name);
  const [record] = sample.Records as unknown[];
  sample.Records = jobIds.map(() => structuredClone(record));
  jobIds.forEach((id, i) => {
    withJobId(sample, id, where, i);
  });
  return sample;
}

/**
 * What a handler reads of a resumed job: its ref, `status()`, then `result()`, and the requests
 * the emulator saw while it read them (per operation).
 */
async function read(job: Job<unknown>, wait: JobWaitOptions = FAST) {
  const from = emu.calls.length;
  const status = await job.status();
  const result = await job.result(wait);
  return { id: job.id, ref: job.ref, status, result, calls: callCounts(emu, from) };
}

/**
 * Resumes `ref` through the module's `resumeJob` (from its JSON text, as a queue delivers it) and
 * through `ai.jobs.resume`: the two must read the same, with the same requests.
 */
async function expectResumedAlike(
  viaFunction: (json: string) => Job<unknown>,
  ref: JobRef,
  wait: JobWaitOptions = FAST,
) {
  const fn = await read(viaFunction(JSON.stringify(ref)), wait);
  const root = await read(ai().jobs.resume(ref), wait);
  expect(fn).toEqual(root);
  expect(fn.ref).toEqual(JSON.parse(JSON.stringify(ref)));
  expect(fn.status.state).toBe('completed');
  expect(fn.result.length).toBeGreaterThan(0);
  expect(Object.keys(fn.calls).length).toBeGreaterThan(0);
  return fn;
}

/** The three first arguments each function takes: the module's client, the module, `ai.<module>`. */
function firstArguments<M>(
  create: (c: AwsAIConfig) => unknown,
  Module: new (c: AwsAIConfig) => M,
  of: (a: AwsAI) => M,
) {
  return [create(config), new Module(config), of(ai())] as never[];
}

// ---------------------------------------------------------------------------------------------
// The job functions of each module, as a table: what they resume, and how the errors name them.
// ---------------------------------------------------------------------------------------------

interface ModuleJobFunctions {
  readonly subpath: string;
  readonly create: (config: AwsAIConfig) => unknown;
  readonly resumeJob: (client: never, ref: JobRef | string) => Job<unknown>;
  readonly jobFromEvent?: (client: never, event: unknown) => Job<unknown>;
  readonly jobEvents?: (event: unknown) => JobEvent[];
  /** The kinds `resumeJob` takes, in the order its error lists them. */
  readonly kinds: readonly string[];
  /** How a refused first argument is named. */
  readonly expected: string;
}

const MODULES: Record<string, ModuleJobFunctions> = {
  text: {
    subpath: 'aws-ai/text',
    create: text.createTextClient,
    resumeJob: text.resumeJob,
    jobFromEvent: text.jobFromEvent,
    jobEvents: text.jobEvents,
    kinds: ['comprehend.detection', 'translate.text'],
    expected: 'a TextClient (createTextClient) or a Text module',
  },
  speech: {
    subpath: 'aws-ai/speech',
    create: speech.createSpeechClient,
    resumeJob: speech.resumeJob,
    jobFromEvent: speech.jobFromEvent,
    jobEvents: speech.jobEvents,
    kinds: ['transcribe.transcription', 'transcribe.call-analytics', 'polly.synthesis'],
    expected: 'a SpeechClient (createSpeechClient) or a Speech module',
  },
  medical: {
    subpath: 'aws-ai/medical',
    create: medical.createMedicalClient,
    resumeJob: medical.resumeJob,
    kinds: ['transcribe.medical'],
    expected: 'a MedicalClient (createMedicalClient) or a Medical module',
  },
  documents: {
    subpath: 'aws-ai/documents',
    create: documents.createDocumentsClient,
    resumeJob: documents.resumeJob,
    jobFromEvent: documents.jobFromEvent,
    jobEvents: documents.jobEvents,
    kinds: ['textract', 'textract.lending'],
    expected: 'a DocumentsClient (createDocumentsClient) or a Documents module',
  },
  vision: {
    subpath: 'aws-ai/vision',
    create: vision.createVisionClient,
    resumeJob: vision.resumeJob,
    jobFromEvent: vision.jobFromEvent,
    jobEvents: vision.jobEvents,
    kinds: ['rekognition.video'],
    expected: 'a VisionClient (createVisionClient) or a Vision module',
  },
  endpoints: {
    subpath: 'aws-ai/endpoints',
    create: endpoints.createEndpointsClient,
    resumeJob: endpoints.resumeJob,
    jobFromEvent: endpoints.jobFromEvent,
    jobEvents: endpoints.jobEvents,
    kinds: ['sagemaker.transform', 'sagemaker.async-inference'],
    expected: 'an EndpointsClient (createEndpointsClient) or an Endpoints module',
  },
  generative: {
    subpath: 'aws-ai/generative',
    create: generative.createGenerativeClient,
    resumeJob: generative.resumeJob,
    jobFromEvent: generative.jobFromEvent,
    jobEvents: generative.jobEvents,
    kinds: ['bedrock.batch', 'bedrock-async-invoke'],
    expected: 'a GenerativeClient (createGenerativeClient) or a Generative module',
  },
};
const NAMES = Object.keys(MODULES);
const WITH_EVENTS = NAMES.filter((name) => MODULES[name]?.jobFromEvent);
const ALL_KINDS = NAMES.flatMap((name) => MODULES[name]?.kinds ?? []);
const mod = (name: string): ModuleJobFunctions => MODULES[name] as ModuleJobFunctions;

/** What `fn` threw (it must throw synchronously). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

const refusal = (name: string, kind: string) =>
  `${mod(name).subpath} cannot resume a ${kind} job (resumable: ${mod(name).kinds.join(', ')}); resume it with the module of its kind, or ai.jobs.resume`;

// ---------------------------------------------------------------------------------------------
// 1. resumeJob(client, JSON ref) reads as ai.jobs.resume(ref) does, for every module.
// ---------------------------------------------------------------------------------------------

describe('resumeJob(client, ref) of each subpath reads the job as ai.jobs.resume(ref)', () => {
  it('aws-ai/text: a Comprehend detection job and a Translate job', async () => {
    await put('jobs-in', 'reviews/a.txt', 'I love this hotel\nThe staff were rude');
    const textClient = text.createTextClient(config);
    const sentimentJob = await text.startSentimentJob(textClient, {
      input: 's3://jobs-in/reviews/',
      output: 's3://jobs-out/sentiment/',
      roleArn,
      language: 'en',
    });
    const own = await sentimentJob.result(FAST);
    const detection = await expectResumedAlike(
      (json) => text.resumeJob(textClient, json),
      sentimentJob.ref,
    );
    expect(detection.ref).toMatchObject({ kind: 'comprehend.detection', api: 'Sentiment' });
    expect(detection.result).toEqual(own);
    expect(detection.result).toHaveLength(2);
    expect(detection.calls.DescribeSentimentDetectionJob).toBeGreaterThan(0);

    await put('jobs-tr', 'docs/a.txt', 'Hello cat');
    const translation = await text.startTranslationJob(textClient, {
      input: 's3://jobs-tr/docs/',
      output: 's3://jobs-tr-out/',
      roleArn,
      from: 'en',
      to: ['fr'],
    });
    await translation.wait(FAST);
    const files = await expectResumedAlike(
      (json) => text.resumeJob(textClient, json),
      translation.ref,
    );
    expect(files.ref.kind).toBe('translate.text');
    expect(files.result).toEqual([
      expect.objectContaining({ file: 'a.txt', text: 'Bonjour chat' }),
    ]);
    expect(files.calls.DescribeTextTranslationJob).toBeGreaterThan(0);

    // The module and ai.text are first arguments too.
    for (const first of firstArguments(text.createTextClient, text.Text, (a) => a.text)) {
      expect(await text.resumeJob(first, JSON.stringify(translation.ref)).status()).toEqual(
        files.status,
      );
    }
  });

  it('aws-ai/speech: transcription, Call Analytics and Polly synthesis jobs', async () => {
    const speechClient = speech.createSpeechClient(config);
    const transcription = await speech.startTranscription(speechClient, 's3://media/talk.mp3', {
      speakers: 2,
    });
    const [transcript] = await transcription.result(FAST);
    const transcribed = await expectResumedAlike(
      (json) => speech.resumeJob(speechClient, json),
      transcription.ref,
    );
    expect(transcribed.ref.kind).toBe('transcribe.transcription');
    expect((transcribed.result[0] as speech.Transcript).toJSON()).toEqual(transcript?.toJSON());
    expect(transcribed.calls.GetTranscriptionJob).toBeGreaterThan(0);

    const call = await speech.startCallAnalysis(speechClient, 's3://calls/2024/1234.wav', {
      output: 's3://calls/analytics/',
      summarization: true,
    });
    const [analysis] = await call.result(FAST);
    const analyzed = await expectResumedAlike(
      (json) => speech.resumeJob(speechClient, json),
      call.ref,
    );
    expect(analyzed.ref.kind).toBe('transcribe.call-analytics');
    expect(analyzed.result).toEqual([analysis]);
    expect(analyzed.calls.GetCallAnalyticsJob).toBeGreaterThan(0);

    const synthesis = await speech.synthesizeToS3(speechClient, 'Hello there. A short test.', {
      output: 's3://audio-out/articles/',
      voice: 'Joanna',
      engine: 'neural',
    });
    const [audio] = await synthesis.result(FAST);
    const synthesized = await expectResumedAlike(
      (json) => speech.resumeJob(speechClient, json),
      synthesis.ref,
    );
    expect(synthesized.ref.kind).toBe('polly.synthesis');
    expect(synthesized.result).toEqual([audio]);
    expect(synthesized.calls.GetSpeechSynthesisTask).toBeGreaterThan(0);

    for (const first of firstArguments(speech.createSpeechClient, speech.Speech, (a) => a.speech)) {
      expect(await speech.resumeJob(first, JSON.stringify(call.ref)).status()).toEqual(
        analyzed.status,
      );
    }
  });

  it('aws-ai/medical: a Transcribe Medical job', async () => {
    const medicalClient = medical.createMedicalClient(config);
    const job = await medical.startTranscription(medicalClient, 's3://clinic/visit.mp3', {
      output: 's3://clinic-out/visits/',
    });
    const [own] = await job.result(FAST);
    const resumed = await expectResumedAlike(
      (json) => medical.resumeJob(medicalClient, json),
      job.ref,
    );
    expect(resumed.ref.kind).toBe('transcribe.medical');
    expect(resumed.result).toEqual([own]);
    expect((resumed.result[0] as medical.MedicalTranscript).text.length).toBeGreaterThan(0);
    expect(resumed.calls.GetMedicalTranscriptionJob).toBeGreaterThan(0);

    for (const first of firstArguments(
      medical.createMedicalClient,
      medical.Medical,
      (a) => a.medical,
    )) {
      expect(await medical.resumeJob(first, JSON.stringify(job.ref)).status()).toEqual(
        resumed.status,
      );
    }
  });

  it('aws-ai/documents: a Textract analysis job and a Lending job', async () => {
    const module = new documents.Documents(config);
    const analysis = await module.startAnalysis(pdf(3), { forms: true, tables: true });
    const [own] = await analysis.result(FAST);
    const documentsClient = documents.createDocumentsClient(config);
    const analyzed = await expectResumedAlike(
      (json) => documents.resumeJob(documentsClient, json),
      analysis.ref,
    );
    expect(analyzed.ref).toEqual({
      kind: 'textract',
      id: analysis.id,
      api: 'StartDocumentAnalysis',
    });
    expect(analyzed.result).toEqual([own]);
    expect((analyzed.result[0] as documents.DocumentModel).pages).toHaveLength(3);
    expect(analyzed.calls.GetDocumentAnalysis).toBeGreaterThan(0);

    const lending = await module.startLending(pdf(3));
    const [loan] = await lending.result(FAST);
    const lent = await expectResumedAlike(
      (json) => documents.resumeJob(documentsClient, json),
      lending.ref,
    );
    expect(lent.ref).toEqual({ kind: 'textract.lending', id: lending.id });
    expect(lent.result).toEqual([loan]);
    expect(lent.calls.GetLendingAnalysis).toBeGreaterThan(0);

    for (const first of firstArguments(
      documents.createDocumentsClient,
      documents.Documents,
      (a) => a.documents,
    )) {
      expect(await documents.resumeJob(first, JSON.stringify(lending.ref)).status()).toEqual(
        lent.status,
      );
    }
  });

  it('aws-ai/vision: a Rekognition Video job', async () => {
    const module = new vision.Vision(config);
    const started = await module.video.start('labels', 's3://media/clips/lobby.mp4');
    const [own] = await started.result(FAST);
    const visionClient = vision.createVisionClient(config);
    const resumed = await expectResumedAlike(
      (json) => vision.resumeJob(visionClient, json),
      started.ref,
    );
    expect(resumed.ref).toEqual({
      kind: 'rekognition.video',
      id: started.jobId,
      api: 'StartLabelDetection',
    });
    expect(resumed.result).toEqual([own]);
    expect((resumed.result[0] as vision.VideoResult<unknown>).items).toHaveLength(10);
    expect(resumed.calls.GetLabelDetection).toBeGreaterThan(0);

    for (const first of firstArguments(vision.createVisionClient, vision.Vision, (a) => a.vision)) {
      expect(await vision.resumeJob(first, JSON.stringify(started.ref)).status()).toEqual(
        resumed.status,
      );
    }
  });

  it('aws-ai/endpoints: a Batch Transform job and an async inference', async () => {
    const module = new endpoints.Endpoints(config);
    const rows = Array.from({ length: 12 }, (_, i) => [i, i * 2]);
    const transform = await module.transform({
      model: 'echo-model',
      input: rows,
      output: 's3://jobs-bucket/transform/',
      instanceType: 'ml.m5.large',
      contentType: 'text/csv',
      recordsPerFile: 5,
      name: 'resumed-by-function',
    });
    await transform.wait(FAST);
    const endpointsClient = endpoints.createEndpointsClient(config);
    const transformed = await expectResumedAlike(
      (json) => endpoints.resumeJob(endpointsClient, json),
      transform.ref,
    );
    expect(transformed.ref.kind).toBe('sagemaker.transform');
    expect(transformed.result).toEqual(rows.map((row, index) => ({ index, output: row })));
    expect(transformed.calls.DescribeTransformJob).toBeGreaterThan(0);

    const inference = await module.startAsync('async-model', { inputs: [1, 2, 3] });
    const [body] = await inference.result(FAST);
    const inferred = await expectResumedAlike(
      (json) => endpoints.resumeJob(endpointsClient, json),
      inference.ref,
    );
    expect(inferred.ref.kind).toBe('sagemaker.async-inference');
    expect(inferred.result).toEqual([body]);

    for (const first of firstArguments(
      endpoints.createEndpointsClient,
      endpoints.Endpoints,
      (a) => a.endpoints,
    )) {
      expect(await endpoints.resumeJob(first, JSON.stringify(transform.ref)).status()).toEqual(
        transformed.status,
      );
    }
  });

  it('aws-ai/generative: a Bedrock batch and an async invoke (video)', async () => {
    const module = new generative.Generative(config);
    const batch = await module.batch(
      Array.from({ length: 120 }, (_, n) => ({ body: { n, inputText: `record ${n}` } })),
      {
        model: 'amazon.titan-text-express-v1',
        role: 'arn:aws:iam::123456789012:role/BedrockBatch',
        output: 's3://jobs-bucket/out/',
        name: 'resumed-by-function',
      },
    );
    await batch.wait(FAST);
    const generativeClient = generative.createGenerativeClient(config);
    const batched = await expectResumedAlike(
      (json) => generative.resumeJob(generativeClient, json),
      batch.ref,
    );
    expect(batched.ref.kind).toBe('bedrock.batch');
    expect(batched.result.map((r) => (r as { index: number }).index)).toEqual(
      Array.from({ length: 120 }, (_, i) => i),
    );
    expect(batched.calls.GetModelInvocationJob).toBeGreaterThan(0);

    const video = await generative.generateVideo(generativeClient, {
      prompt: 'Waves on a beach',
      output: 's3://videos-bucket/resumed',
    });
    const [own] = await video.result(FAST);
    const generated = await expectResumedAlike(
      (json) => generative.resumeJob(generativeClient, json),
      video.ref,
    );
    expect(generated.ref.kind).toBe('bedrock-async-invoke');
    expect(generated.result).toEqual([own]);
    expect(generated.calls.GetAsyncInvoke).toBeGreaterThan(0);

    for (const first of firstArguments(
      generative.createGenerativeClient,
      generative.Generative,
      (a) => a.generative,
    )) {
      expect(await generative.resumeJob(first, JSON.stringify(video.ref)).status()).toEqual(
        generated.status,
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. jobFromEvent(client, event) and jobEvents(event) read AWS's completion events as ai.jobs does.
// ---------------------------------------------------------------------------------------------

/** `jobFromEvent` of the subpath and `ai.jobs.fromEvent` on one event: the same reads and requests. */
async function expectFromEventAlike(fromEvent: (e: unknown) => Job<unknown>, sample: unknown) {
  const fn = await read(fromEvent(sample));
  const root = await read(ai().jobs.fromEvent(sample));
  expect(fn).toEqual(root);
  expect(fn.ref).toEqual(ai().jobs.events(sample)[0]?.ref);
  expect(fn.status.state).toBe('completed');
  expect(fn.result.length).toBeGreaterThan(0);
  return fn;
}

describe('jobFromEvent(client, event) and jobEvents(event) read events as ai.jobs does', () => {
  it('aws-ai/speech: the "Transcribe Job State Change" event', async () => {
    const speechClient = speech.createSpeechClient(config);
    const job = await speech.startTranscription(speechClient, 's3://media/talk.mp3');
    const [own] = await job.result(FAST);
    const sample = event('transcribe-job-state-change') as { detail: Record<string, unknown> };
    sample.detail.TranscriptionJobName = job.ref.id;
    expect(speech.jobEvents(sample)).toEqual(ai().jobs.events(sample));
    const read = await expectFromEventAlike((e) => speech.jobFromEvent(speechClient, e), sample);
    expect(read.ref).toEqual({
      kind: 'transcribe.transcription',
      id: job.ref.id,
      region: 'us-west-2',
    });
    expect((read.result[0] as speech.Transcript).toJSON()).toEqual(own?.toJSON());
    expect(read.calls.GetTranscriptionJob).toBeGreaterThan(0);
  });

  it("aws-ai/documents: Textract's SNS message through SQS", async () => {
    const job = await new documents.Documents(config).startAnalysis(pdf(2), { forms: true });
    const [own] = await job.result(FAST);
    const sample = withJobId(event('textract-sns-message-via-sqs'), job.id, 'sqs');
    expect(documents.jobEvents(sample)).toEqual(ai().jobs.events(sample));
    const read = await expectFromEventAlike(
      (e) => documents.jobFromEvent(documents.createDocumentsClient(config), e),
      sample,
    );
    expect(read.ref).toMatchObject({ kind: 'textract', id: job.id, api: 'StartDocumentAnalysis' });
    expect(read.result).toEqual([own]);
    expect(read.calls.GetDocumentAnalysis).toBeGreaterThan(0);
  });

  it("aws-ai/documents: a Lending job's SNS message reads as the Lending job", async () => {
    const job = await new documents.Documents(config).startLending(pdf(3));
    const [own] = await job.result(FAST);
    const sample = withMessage(
      event('textract-sns-message-via-sqs'),
      { JobId: job.id, API: 'StartLendingAnalysis' },
      'sqs',
    );
    expect(documents.jobEvents(sample)[0]?.ref).toMatchObject({
      kind: 'textract.lending',
      id: job.id,
    });
    const read = await expectFromEventAlike(
      (e) => documents.jobFromEvent(documents.createDocumentsClient(config), e),
      sample,
    );
    expect(read.result).toEqual([own]);
    expect(read.calls.GetLendingAnalysis).toBeGreaterThan(0);
  });

  it("aws-ai/vision: Rekognition Video's SNS message to a Lambda", async () => {
    const started = await new vision.Vision(config).video.start(
      'labels',
      's3://media/clips/lobby.mp4',
    );
    const [own] = await started.result(FAST);
    const sample = withJobId(event('rekognition-sns-message-lambda'), started.jobId, 'sns');
    expect(vision.jobEvents(sample)).toEqual(ai().jobs.events(sample));
    const read = await expectFromEventAlike(
      (e) => vision.jobFromEvent(vision.createVisionClient(config), e),
      sample,
    );
    expect(read.ref).toMatchObject({ kind: 'rekognition.video', id: started.jobId });
    expect(read.result).toEqual([own]);
    expect(read.calls.GetLabelDetection).toBeGreaterThan(0);
  });

  it('aws-ai/endpoints: the SageMaker transform state change event', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => [i, i + 1]);
    const job = await new endpoints.Endpoints(config).transform({
      model: 'echo-model',
      input: rows,
      output: 's3://jobs-bucket/transform/',
      instanceType: 'ml.m5.large',
      contentType: 'text/csv',
      recordsPerFile: 4,
      name: 'evented-function',
    });
    await job.wait(FAST);
    const sample = event('sagemaker-transform-state-change') as { detail: Record<string, unknown> };
    const [create] = callsTo(emu, 'CreateTransformJob');
    Object.assign(sample.detail, create?.input, { TransformJobArn: job.ref.arn });
    expect(endpoints.jobEvents(sample)).toEqual(ai().jobs.events(sample));
    const read = await expectFromEventAlike(
      (e) => endpoints.jobFromEvent(endpoints.createEndpointsClient(config), e),
      sample,
    );
    expect(read.ref).toMatchObject({ kind: 'sagemaker.transform', id: 'evented-function' });
    expect(read.result).toEqual(rows.map((row, index) => ({ index, output: row })));
    expect(read.calls.DescribeTransformJob).toBeGreaterThan(0);
  });

  it('aws-ai/generative: the Bedrock batch inference state change event', async () => {
    const job = await new generative.Generative(config).batch(
      Array.from({ length: 110 }, (_, n) => ({ body: { n, inputText: `record ${n}` } })),
      {
        model: 'amazon.titan-text-express-v1',
        role: 'arn:aws:iam::123456789012:role/BedrockBatch',
        output: 's3://jobs-bucket/out/',
        name: 'evented-function',
      },
    );
    await job.wait(FAST);
    const sample = event('bedrock-batch-state-change') as { detail: Record<string, unknown> };
    sample.detail.batchJobArn = job.id;
    expect(generative.jobEvents(sample)).toEqual(ai().jobs.events(sample));
    const read = await expectFromEventAlike(
      (e) => generative.jobFromEvent(generative.createGenerativeClient(config), e),
      sample,
    );
    expect(read.ref).toMatchObject({ kind: 'bedrock.batch', id: job.id });
    expect(read.result).toHaveLength(110);
    expect(read.calls.GetModelInvocationJob).toBeGreaterThan(0);
  });

  it('jobEvents of every subpath reads each sample event, and refuses a non-event, as ai.jobs.events', () => {
    const samples = [
      'transcribe-job-state-change',
      'textract-sns-message-via-sqs',
      'rekognition-sns-message-lambda',
      'sagemaker-transform-state-change',
      'bedrock-batch-state-change',
      'transcribe-call-analytics-job-state-change',
      'translate-text-translation-job-state-change',
    ].map(event);
    const root = ai().jobs;
    for (const name of WITH_EVENTS) {
      const jobEvents = mod(name).jobEvents as (e: unknown) => JobEvent[];
      for (const sample of samples) {
        const found = jobEvents(sample);
        expect(found).toHaveLength(1);
        expect(found).toEqual(root.events(sample));
      }
      const two = batchOf('textract-sns-message-via-sqs', 'sqs', ['job-a', 'job-b']);
      expect(jobEvents(two).map((e) => e.ref.id)).toEqual(['job-a', 'job-b']);
      expect(jobEvents(two)).toEqual(root.events(two));
      const notEvent = thrown(() => jobEvents({ hello: 'world' }));
      expect(notEvent).toBeInstanceOf(ValidationError);
      expect(notEvent.message).toBe(thrown(() => root.events({ hello: 'world' })).message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Refusals, before any request.
// ---------------------------------------------------------------------------------------------

describe('the job functions refuse, before any request', () => {
  it("each module's resumeJob takes exactly its own kinds: another module's kind names the subpath and lists its kinds", () => {
    for (const name of NAMES) {
      const m = mod(name);
      const c = m.create(config) as never;
      for (const kind of ALL_KINDS) {
        const ref = { kind, id: 'x' };
        if (m.kinds.includes(kind)) {
          // Its own kind: a job at once, nothing loaded or sent until it is read.
          expect(m.resumeJob(c, ref).ref).toEqual(ref);
          expect(m.resumeJob(c, JSON.stringify(ref)).id).toBe('x');
          continue;
        }
        for (const form of [ref, JSON.stringify(ref)]) {
          const error = thrown(() => m.resumeJob(c, form));
          expect(error).toBeInstanceOf(ValidationError);
          expect(error.message).toBe(refusal(name, kind));
        }
      }
    }
    // e.g. documents, as the docs spell it.
    expect(
      thrown(() =>
        documents.resumeJob(documents.createDocumentsClient(config), {
          kind: 'transcribe.transcription',
          id: 'x',
        }),
      ).message,
    ).toBe(
      'aws-ai/documents cannot resume a transcribe.transcription job (resumable: textract, textract.lending); resume it with the module of its kind, or ai.jobs.resume',
    );
    expect(emu.calls).toHaveLength(0);
  });

  it("ai.jobs.resume takes every module's kinds (the seven tables joined), and no other", () => {
    const root = ai().jobs;
    for (const kind of ALL_KINDS) expect(root.resume({ kind, id: 'x' }).ref.kind).toBe(kind);
    expect(new Set(ALL_KINDS).size).toBe(ALL_KINDS.length); // no kind in two modules
    const error = thrown(() => root.resume({ kind: 'nope', id: 'x' }));
    expect(error).toBeInstanceOf(ValidationError);
    const [, listed] =
      /^aws-ai cannot resume a nope job \(resumable: (.*)\)$/.exec(error.message) ?? [];
    expect(listed?.split(', ').sort()).toEqual([...ALL_KINDS].sort());
    expect(emu.calls).toHaveLength(0);
  });

  it("a kind that is only an Object.prototype name ('toString', '__proto__', …) is refused by every resumeJob and by ai.jobs.resume", () => {
    const root = ai().jobs;
    const rootKinds = /\(resumable: (.*)\)$/.exec(
      thrown(() => root.resume({ kind: 'nope', id: 'x' })).message,
    )?.[1];
    for (const kind of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const forms = [{ kind, id: 'x' }, JSON.stringify({ kind, id: 'x' })];
      for (const form of forms) {
        for (const name of NAMES) {
          const m = mod(name);
          const error = thrown(() => m.resumeJob(m.create(config) as never, form));
          expect(error).toBeInstanceOf(ValidationError);
          expect(error.message).toBe(refusal(name, kind));
        }
        const error = thrown(() => root.resume(form));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.message).toBe(`aws-ai cannot resume a ${kind} job (resumable: ${rootKinds})`);
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('jobFromEvent refuses an event of several jobs (or none), naming jobEvents(event) and resumeJob(client, ref)', () => {
    const events = [
      [batchOf('textract-sns-message-via-sqs', 'sqs', ['job-a', 'job-b']), 2],
      [batchOf('rekognition-sns-message-lambda', 'sns', ['video-a', 'video-b', 'video-c']), 3],
      [{ Records: [] }, 0],
    ] as const;
    for (const [sample, count] of events) {
      for (const name of WITH_EVENTS) {
        const m = mod(name);
        const fromEvent = m.jobFromEvent as (c: never, e: unknown) => Job<unknown>;
        const error = thrown(() => fromEvent(m.create(config) as never, sample));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.message).toBe(
          `fromEvent takes one job's event; this one has ${count}: use jobEvents(event) and resumeJob(client, ref)`,
        );
      }
      expect(thrown(() => ai().jobs.fromEvent(sample)).message).toBe(
        `fromEvent takes one job's event; this one has ${count}: use ai.jobs.events(event) and ai.jobs.resume(ref)`,
      );
    }
    expect(emu.calls).toHaveLength(0);
  });

  it("jobFromEvent refuses another module's job event as resumeJob refuses its ref", () => {
    const samples = [
      'transcribe-job-state-change',
      'textract-sns-message-via-sqs',
      'rekognition-sns-message-lambda',
      'sagemaker-transform-state-change',
      'bedrock-batch-state-change',
      'transcribe-call-analytics-job-state-change',
      'translate-text-translation-job-state-change',
    ].map(event);
    const root = ai().jobs;
    for (const sample of samples) {
      const [{ ref }] = root.events(sample) as [JobEvent];
      const owners = WITH_EVENTS.filter((name) => mod(name).kinds.includes(ref.kind));
      expect(owners).toHaveLength(1);
      for (const name of WITH_EVENTS) {
        const m = mod(name);
        const fromEvent = m.jobFromEvent as (c: never, e: unknown) => Job<unknown>;
        if (owners.includes(name)) {
          expect(fromEvent(m.create(config) as never, sample).ref).toEqual(ref);
        } else {
          const error = thrown(() => fromEvent(m.create(config) as never, sample));
          expect(error).toBeInstanceOf(ValidationError);
          expect(error.message).toBe(refusal(name, ref.kind));
        }
      }
    }
    expect(emu.calls).toHaveLength(0);
  });

  it("a first argument that is not the module's client is refused with the module's ValidationError", () => {
    const notClients: unknown[] = [
      undefined,
      null,
      {},
      config,
      emu.config,
      { ctx: {} },
      'client',
      [],
      ai(),
    ];
    const sample = event('textract-sns-message-via-sqs');
    for (const name of NAMES) {
      const m = mod(name);
      const ref = { kind: m.kinds[0] as string, id: 'x' };
      for (const bad of notClients) {
        const error = thrown(() => m.resumeJob(bad as never, ref));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.message).toBe(`The first argument must be ${m.expected}`);
        if (m.jobFromEvent) {
          const fromEvent = thrown(() => m.jobFromEvent?.(bad as never, sample));
          expect(fromEvent).toBeInstanceOf(ValidationError);
          expect(fromEvent.message).toBe(`The first argument must be ${m.expected}`);
        }
      }
    }
    expect(emu.calls).toHaveLength(0);
  });
});
