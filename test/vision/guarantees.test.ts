/**
 * The guarantees of docs/errors-and-retries.md ("Credentials and your data in errors", "Retries",
 * "Deadlines and cancellation", "Guarantees") and docs/vision.md, checked for every public method
 * of ai.vision: the image methods, face collections, Face Liveness and video jobs.
 *
 * - the deadline (the call's or the client's `timeoutMs`) settles the call with a TimeoutError
 *   naming Rekognition and the operation, and nothing is sent after it settles;
 * - the caller's signal rejects at once with an AbortError naming them, nothing sent after;
 * - throttling, 5xx, dropped connections, answers cut mid-body and malformed answers are retried
 *   within one budget (`retries + 1` requests), then fail typed; refusals are not retried;
 * - every failure is an AwsAIError holding no credential and no input (only `serviceMessage`);
 * - bad input is a ValidationError before any request, not quoting the caller's text.
 */
import { inspect } from 'node:util';
import {
  AbortError,
  AwsAI,
  NotFoundError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIALS } from '../helpers/leaks';
import {
  AFTER_SETTLE,
  DEADLINE_MS,
  type GuaranteeMethod,
  MARGIN_MS,
  methodGuarantees,
  PAYLOAD,
  RETRY,
} from '../helpers/method-guarantees';
import { jpeg, png } from './images';

const { emu, client: base } = await useEmulator();

/** Video jobs poll fast in these tests. */
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;

const MODEL =
  'arn:aws:rekognition:us-east-1:123456789012:project/parts/version/parts.2024-01-01/1700000000000';

let unique = 0;
const nextId = (prefix: string) => `${prefix}-${++unique}`;

const IMAGE = png(300, 200, 1);
const OTHER = jpeg(320, 240);

async function collectionWithFace(ai: AwsAI): Promise<string> {
  const id = nextId('guarantee');
  await ai.vision.collections.create(id);
  const indexed = await ai.vision.collections.index(id, IMAGE, { externalImageId: 'alice' });
  return `${id}|${indexed.faces[0]?.faceId ?? ''}`;
}

const METHODS: GuaranteeMethod[] = [
  { name: 'labels', operation: 'DetectLabels', run: (ai, o) => ai.vision.labels(IMAGE, o) },
  { name: 'faces', operation: 'DetectFaces', run: (ai, o) => ai.vision.faces(IMAGE, o) },
  { name: 'text', operation: 'DetectText', run: (ai, o) => ai.vision.text(IMAGE, o) },
  {
    name: 'moderation',
    operation: 'DetectModerationLabels',
    run: (ai, o) => ai.vision.moderation(IMAGE, o),
  },
  {
    name: 'compareFaces',
    operation: 'CompareFaces',
    run: (ai, o) => ai.vision.compareFaces(IMAGE, OTHER, o),
  },
  {
    name: 'celebrities',
    operation: 'RecognizeCelebrities',
    run: (ai, o) => ai.vision.celebrities(IMAGE, o),
  },
  { name: 'ppe', operation: 'DetectProtectiveEquipment', run: (ai, o) => ai.vision.ppe(IMAGE, o) },
  {
    name: 'customLabels',
    operation: 'DetectCustomLabels',
    run: (ai, o) => ai.vision.customLabels(MODEL, IMAGE, o),
  },
  {
    name: 'collections.create',
    operation: 'CreateCollection',
    idempotent: false,
    run: (ai, o) => ai.vision.collections.create(nextId('create'), o),
  },
  {
    name: 'collections.index',
    operation: 'IndexFaces',
    prepare: async (ai) => {
      const id = nextId('index');
      await ai.vision.collections.create(id);
      return id;
    },
    run: (ai, o, id) => ai.vision.collections.index(id, IMAGE, { ...o, externalImageId: 'a' }),
  },
  {
    name: 'collections.search',
    operation: 'SearchFaces',
    prepare: collectionWithFace,
    run: (ai, o, p) => {
      const [id = '', faceId = ''] = p.split('|');
      return ai.vision.collections.search(id, faceId, o);
    },
  },
  {
    name: 'collections.searchByImage',
    operation: 'SearchFacesByImage',
    prepare: collectionWithFace,
    run: (ai, o, p) => ai.vision.collections.searchByImage(p.split('|')[0] ?? '', IMAGE, o),
  },
  {
    name: 'collections.delete',
    operation: 'DeleteCollection',
    idempotent: false,
    prepare: async (ai) => {
      const id = nextId('delete');
      await ai.vision.collections.create(id);
      return id;
    },
    run: (ai, o, id) => ai.vision.collections.delete(id, o),
  },
  {
    name: 'liveness.createSession',
    operation: 'CreateFaceLivenessSession',
    run: (ai, o) => ai.vision.liveness.createSession({ auditImages: 1, ...o }),
  },
  {
    name: 'liveness.results',
    operation: 'GetFaceLivenessSessionResults',
    prepare: async (ai) => (await ai.vision.liveness.createSession()).sessionId,
    run: (ai, o, id) => ai.vision.liveness.results(id, o),
  },
  {
    name: 'video.labels (the start)',
    operation: 'StartLabelDetection',
    run: (ai, o) => ai.vision.video.labels('s3://media/clip.mp4', { ...FAST, ...o }),
  },
  {
    name: 'video.faces (the polls and pages)',
    operation: 'GetFaceDetection',
    alsoNamed: ['StartFaceDetection'],
    run: (ai, o) => ai.vision.video.faces('s3://media/clip.mp4', { ...FAST, ...o }),
  },
];
/** Bad input for every method: the harness checks each is refused before any request. */
function badInput(ai: AwsAI): Array<() => Promise<unknown>> {
  const v = ai.vision;
  return [
    () => v.labels(new Uint8Array()),
    () => v.labels(Buffer.from(`%PDF-1.4 ${PAYLOAD}`)),
    () => v.labels(`data:image/png;base64,${Buffer.from(PAYLOAD).toString('base64')}`),
    () => v.labels(png(20, 20)),
    () => v.labels(IMAGE, { minConfidence: 101 }),
    () => v.labels(IMAGE, { maxLabels: -1 }),
    () => v.labels(IMAGE, { timeoutMs: -1 }),
    () => v.labels(IMAGE, { signal: 1 as never }),
    () => v.labels(IMAGE, { retry: true as never }),
    () => v.faces(IMAGE, { attributes: 42 as never }),
    () => v.text(IMAGE, { minConfidence: Number.NaN }),
    () => v.moderation(IMAGE, { projectVersionArn: PAYLOAD }),
    () => v.compareFaces(IMAGE, new Uint8Array(3)),
    () => v.compareFaces(IMAGE, OTHER, { similarityThreshold: 200 }),
    () => v.celebrities(png(10_001, 100)),
    () => v.ppe(png(5_000, 100)),
    () => v.customLabels(PAYLOAD, IMAGE),
    () => v.collections.create(`${PAYLOAD} with spaces`),
    () => v.collections.create(''),
    () => v.collections.index('ok-id', IMAGE, { externalImageId: `${PAYLOAD} !` }),
    () => v.collections.index('ok-id', IMAGE, { maxFaces: 0 }),
    () => v.collections.search('ok-id', PAYLOAD),
    () => v.collections.searchByImage('ok-id', IMAGE, { threshold: -1 }),
    () => v.collections.delete(`${PAYLOAD}/x`),
    () => v.liveness.createSession({ auditImages: 5 }),
    () => v.liveness.createSession({ output: `http://${PAYLOAD}` }),
    () => v.liveness.results(PAYLOAD),
    () => v.video.labels(png(100, 100)),
    () => v.video.labels(`Customer note: ${PAYLOAD} asked for a refund`),
    () => v.labels(`Customer note: ${PAYLOAD} asked for a refund`),
    () => v.video.labels('s3://media/clip.mp4', { pollIntervalMs: 0 }),
    () => v.video.faces('s3://media/clip.mp4', { pollIntervalMs: Number.NaN }),
    () => v.video.results({ kind: 'nope' as never, jobId: 'x' }),
    () => v.video.start('labels', 's3://media/clip.mp4', { timeoutMs: Number.NaN }),
  ];
}

// The per-method guarantees (test/helpers/method-guarantees.ts): deadline, abort, retry budget,
// cut and malformed answers, refusals, no credential or input in any error.
const { client, expectNamed } = methodGuarantees({
  module: 'vision',
  service: 'rekognition',
  emu,
  base,
  methods: METHODS,
  badInput,
});

describe('non-retryable codes of the model map to their class', () => {
  it('an unknown collection is a NotFoundError after one request', async () => {
    const ai = client();
    const id = nextId('missing');
    const out = await settle(() => ai.vision.collections.searchByImage(id, IMAGE));
    expectNamed(out.error, NotFoundError, 'SearchFacesByImage');
    expect(callsTo(emu, 'SearchFacesByImage')).toHaveLength(1);
  });

  it('an unknown liveness session is a NotFoundError (SessionNotFoundException), one request', async () => {
    const out = await settle(() =>
      client().vision.liveness.results('5f0e2c3a-1b2c-4d5e-8f90-123456789abc'),
    );
    const err = expectNamed(out.error, NotFoundError, 'GetFaceLivenessSessionResults');
    expect(err.code).toBe('SessionNotFoundException');
    expect(callsTo(emu, 'GetFaceLivenessSessionResults')).toHaveLength(1);
  });

  it('an unknown video job is a NotFoundError, one request', async () => {
    const out = await settle(() =>
      client().vision.video.results({ kind: 'labels', jobId: 'nosuchjob' }, FAST),
    );
    expectNamed(out.error, NotFoundError, 'GetLabelDetection');
    expect(callsTo(emu, 'GetLabelDetection')).toHaveLength(1);
  });

  it('a failed video job is a ServiceError (JobFailed), not retried', async () => {
    emu.handle('rekognition', 'GetLabelDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'the video could not be decoded',
    }));
    const out = await settle(() => client().vision.video.labels('s3://media/bad.mp4', FAST));
    const err = expectNamed(out.error, ServiceError);
    expect(err.code).toBe('JobFailed');
    expect(callsTo(emu, 'GetLabelDetection')).toHaveLength(1);
  });

  it('InvalidImageFormatException from Rekognition is a ValidationError, one request', async () => {
    emu.fault({
      service: 'rekognition',
      operation: 'DetectLabels',
      kind: 'server-error',
      code: 'InvalidImageFormatException',
      status: 400,
    });
    const out = await settle(() => client().vision.labels(IMAGE));
    expectNamed(out.error, ValidationError, 'DetectLabels');
    expect(callsTo(emu, 'DetectLabels')).toHaveLength(1);
  });
});

describe('vision.video.start', () => {
  it("the call's deadline and the caller's signal bound the start and name its Start* operation", async () => {
    // An emulator of its own: the starts cut here leave their jobs running (each holds one of its
    // 20 job slots, which its reset keeps).
    const own = await startEmulator();
    try {
      const ai = new AwsAI({ ...own.config, credentials: CREDENTIALS, retry: RETRY });
      const warm = await settle(() => ai.vision.video.start('text', 's3://media/warm.mp4'));
      expect(warm.error, inspect(warm.error)).toBeUndefined();
      own.fault({
        service: 'rekognition',
        operation: 'StartTextDetection',
        kind: 'delay',
        delayMs: 400,
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const [byCall, bySignal] = await Promise.all([
        settle(() => ai.vision.video.start('text', 's3://media/a.mp4', { timeoutMs: DEADLINE_MS })),
        settle(() =>
          ai.vision.video.start('text', 's3://media/b.mp4', { signal: controller.signal }),
        ),
      ]);
      expect(byCall.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expectNamed(byCall.error, TimeoutError, 'StartTextDetection');
      expect(bySignal.ms).toBeLessThan(50 + MARGIN_MS);
      expectNamed(bySignal.error, AbortError, 'StartTextDetection');
      expect(await requestsAfterSettle(own, AFTER_SETTLE)).toHaveLength(0);
    } finally {
      await own.close();
    }
  });
});
