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
  AccessDeniedError,
  AwsAI,
  type AwsAIConfig,
  AwsAIError,
  NotFoundError,
  type RequestOptions,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import { type FaultRule, startEmulator } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';
import { jpeg, png } from './images';

const { emu, client: base } = await useEmulator();

const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline: timers, event loop and the HTTP/2 teardown. */
const MARGIN_MS = 150;
const DEADLINE_MS = 100;
const AFTER_SETTLE = { graceMs: 30, ms: 70 } as const;
/** Video jobs poll fast in these tests. */
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;

/** The caller's data: never quoted by an error outside `serviceMessage`. */
const PAYLOAD = 'PAYLOADMARKER-jane.roe';
const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER'];

const MODEL =
  'arn:aws:rekognition:us-east-1:123456789012:project/parts/version/parts.2024-01-01/1700000000000';

function client(extra: AwsAIConfig = {}): AwsAI {
  return base({ credentials: CREDENTIALS, retry: RETRY, ...extra });
}

function expectClean(err: unknown): AwsAIError {
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  expect(secretsIn(renderings(err), FORBIDDEN)).toEqual([]);
  return err as AwsAIError;
}

function expectNamed(
  err: unknown,
  Class: typeof AwsAIError,
  operation?: string | string[],
): AwsAIError {
  expect(Class.isInstance(err), inspect(err)).toBe(true);
  expect((err as AwsAIError).service).toBe('rekognition');
  if (operation) expect([operation].flat()).toContain((err as AwsAIError).operation);
  return expectClean(err);
}

let unique = 0;
const nextId = (prefix: string) => `${prefix}-${++unique}`;

interface Method {
  name: string;
  /** The operation the faults hit (the one every request of a one-request call goes to). */
  operation: string;
  /** Other operations a deadline or abort may name (a video call names its Start* while it polls). */
  alsoNamed?: string[];
  /**
   * False for CreateCollection/DeleteCollection: an answer cut after AWS acted makes the retry find
   * the collection made or gone (ResourceAlreadyExists / ResourceNotFound), as with AWS itself.
   */
  idempotent?: boolean;
  /** Prepares what the call needs (a collection, a face, a session) before any fault. */
  prepare?: (ai: AwsAI) => Promise<string>;
  run: (ai: AwsAI, options: RequestOptions, prepared: string) => Promise<unknown>;
}

const IMAGE = png(300, 200, 1);
const OTHER = jpeg(320, 240);

async function collectionWithFace(ai: AwsAI): Promise<string> {
  const id = nextId('guarantee');
  await ai.vision.collections.create(id);
  const indexed = await ai.vision.collections.index(id, IMAGE, { externalImageId: 'alice' });
  return `${id}|${indexed.faces[0]?.faceId ?? ''}`;
}

const METHODS: Method[] = [
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

describe.each(METHODS)('vision.$name ($operation)', (m) => {
  const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
    service: 'rekognition',
    operation: m.operation,
    ...extra,
  });
  const calls = () => callsTo(emu, m.operation).length;
  const named = [m.operation, ...(m.alsoNamed ?? [])];
  const prepare = async (ai: AwsAI) => (m.prepare ? m.prepare(ai) : '');

  it('works without faults', async () => {
    const ai = client();
    const p = await prepare(ai);
    const out = await settle(() => m.run(ai, {}, p));
    expect(out.error).toBeUndefined();
    expect(calls()).toBeGreaterThanOrEqual(1);
  });

  it("every request slower than the deadline: the call's and the client's timeoutMs and the caller's signal settle it in time, naming the operation; nothing sent after", async () => {
    const ai = client();
    const timed = client({ timeoutMs: DEADLINE_MS });
    // Each client has run the method once (connected, its code and SDK clients loaded) and what
    // the call needs is made before the clock starts: a busy machine makes a first call slow.
    for (const c of [ai, timed]) {
      const warm = await settle(async () => m.run(c, {}, await prepare(c)));
      expect(warm.error, inspect(warm.error)).toBeUndefined();
    }
    const [p1, p2, p3] = [await prepare(ai), await prepare(timed), await prepare(ai)];
    const before = calls();
    emu.fault(rule({ kind: 'delay', delayMs: 400 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const [byCall, byClient, bySignal] = await Promise.all([
      settle(() => m.run(ai, { timeoutMs: DEADLINE_MS }, p1)),
      settle(() => m.run(timed, {}, p2)),
      settle(() => m.run(ai, { signal: controller.signal }, p3)),
    ]);
    expect(byCall.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byCall.error, TimeoutError, named);
    expect(byClient.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expectNamed(byClient.error, TimeoutError, named);
    expect(bySignal.ms).toBeLessThan(50 + MARGIN_MS);
    expectNamed(bySignal.error, AbortError, named);
    expect(calls() - before).toBeLessThanOrEqual(3);
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('a deadline that passes during the retries: settles by it, typed, nothing sent after', async () => {
    const ai = client();
    await m.run(ai, {}, await prepare(ai));
    const p = await prepare(ai);
    emu.fault(rule({ kind: 'delay', delayMs: 30 }));
    emu.fault(rule({ kind: 'throttle' }));
    const out = await settle(() =>
      m.run(ai, { timeoutMs: 100, retry: { retries: 50, minDelayMs: 10, maxDelayMs: 20 } }, p),
    );
    expect(out.ms).toBeLessThan(100 + MARGIN_MS);
    const err = expectClean(out.error);
    expect(TimeoutError.isInstance(err) || ThrottlingError.isInstance(err), inspect(err)).toBe(
      true,
    );
    expect(err.service).toBe('rekognition');
    expect(await requestsAfterSettle(emu, AFTER_SETTLE)).toHaveLength(0);
  });

  it('an already aborted signal: AbortError, no request', async () => {
    const ai = client();
    const p = await prepare(ai);
    const before = emu.calls.length;
    const out = await settle(() => m.run(ai, { signal: AbortSignal.abort() }, p));
    expectNamed(out.error, AbortError);
    expect(emu.calls.length).toBe(before);
  });

  it('throttled, 5xx, connection reset, malformed, every time: retries + 1 requests each, then a typed, retryable error', async () => {
    const ai = client();
    const cases = [
      [{ kind: 'throttle' }, ThrottlingError],
      [{ kind: 'server-error' }, ServiceError],
      [{ kind: 'reset' }, ServiceError],
      [{ kind: 'malformed' }, ServiceError],
    ] as const;
    for (const [f, Class] of cases) {
      const p = await prepare(ai);
      const before = calls();
      // As many faults as the budget has requests: "always" for this call, and none left after.
      emu.fault(rule({ ...f, times: RETRIES + 1 }));
      const out = await settle(() => m.run(ai, {}, p));
      const err = expectNamed(out.error, Class, m.operation);
      expect(err.retryable, f.kind).toBe(true);
      expect(calls() - before, f.kind).toBe(RETRIES + 1);
    }
  });

  it('throttled, 5xx, connection reset, malformed twice: each recovers within the budget', async () => {
    const ai = client();
    for (const kind of ['throttle', 'server-error', 'reset', 'malformed'] as const) {
      const p = await prepare(ai);
      const before = calls();
      emu.fault(rule({ kind, times: 2 }));
      const out = await settle(() => m.run(ai, {}, p));
      expect(out.error, `${kind}: ${inspect(out.error)}`).toBeUndefined();
      expect(calls() - before, kind).toBeGreaterThanOrEqual(3);
    }
  });

  if (m.idempotent === false) {
    // A create or delete is not repeatable: the cut request already did its work, so the retry
    // meets it (ResourceAlreadyExists / ResourceNotFound). Still never the cut answer as a success.
    it('an answer cut mid-body is never a success: the retry meets what the cut request did, typed', async () => {
      const ai = client();
      const p = await prepare(ai);
      emu.fault(rule({ kind: 'reset', afterBytes: 10, times: 1 }));
      const out = await settle(() => m.run(ai, {}, p));
      expect(AwsAIError.isInstance(out.error), inspect(out.error)).toBe(true);
      expect(calls()).toBe(2);
    });
  } else {
    it('an answer cut mid-body is never a success: retried, a ServiceError once the budget is spent; recovers when the cut stops within it', async () => {
      const ai = client();
      let p = await prepare(ai);
      let before = calls();
      emu.fault(rule({ kind: 'reset', afterBytes: 10, times: RETRIES + 1 }));
      const out = await settle(() => m.run(ai, {}, p));
      const err = expectNamed(out.error, ServiceError, m.operation);
      expect(err.retryable).toBe(true);
      expect(calls() - before).toBe(RETRIES + 1);
      p = await prepare(ai);
      before = calls();
      emu.fault(rule({ kind: 'reset', afterBytes: 10, times: 2 }));
      const again = await settle(() => m.run(ai, {}, p));
      expect(again.error, inspect(again.error)).toBeUndefined();
      expect(calls() - before).toBeGreaterThanOrEqual(3);
    });
  }

  it('retry: false is one request', async () => {
    const ai = client();
    const p = await prepare(ai);
    emu.fault(rule({ kind: 'throttle' }));
    const out = await settle(() => m.run(ai, { retry: false }, p));
    expectNamed(out.error, ThrottlingError, m.operation);
    expect(calls()).toBe(1);
  });

  it('a refusal is not retried: AccessDeniedError after one request', async () => {
    const ai = client();
    const p = await prepare(ai);
    emu.fault(rule({ kind: 'server-error', code: 'AccessDeniedException', status: 400 }));
    const out = await settle(() => m.run(ai, {}, p));
    expectNamed(out.error, AccessDeniedError, m.operation);
    expect(calls()).toBe(1);
  });

  it('an error echoing the input keeps it behind serviceMessage only, not retried', async () => {
    const ai = client();
    const p = await prepare(ai);
    emu.handle('rekognition', m.operation, () => {
      throw emu.error(
        'InvalidParameterException',
        `1 validation error detected: Value '${PAYLOAD}' at 'image' failed to satisfy constraint`,
        400,
      );
    });
    const out = await settle(() => m.run(ai, {}, p));
    const err = expectNamed(out.error, ValidationError, m.operation);
    expect(err.serviceMessage).toContain(PAYLOAD);
    expect(calls()).toBe(1);
  });
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

describe('bad input is a ValidationError before any request, never quoting it', () => {
  it('every method', async () => {
    const ai = client();
    const v = ai.vision;
    const calls: Array<() => Promise<unknown>> = [
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
    for (const [i, call] of calls.entries()) {
      const out = await settle(call);
      expect(ValidationError.isInstance(out.error), `#${i}: ${inspect(out.error)}`).toBe(true);
      expect(secretsIn(renderings(out.error), FORBIDDEN), `#${i}`).toEqual([]);
      expect((out.error as Error).message.length, `#${i}`).toBeGreaterThan(20);
    }
    expect(emu.calls).toEqual([]);
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
