import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { AwsAI } from 'aws-ai';
import {
  AbortError,
  celebrities,
  compareFaces,
  createVisionClient,
  customLabels,
  faces,
  labels,
  moderation,
  ppe,
  TimeoutError,
  text,
  ValidationError,
  Vision,
} from 'aws-ai/vision';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';
import { jpeg, png } from '../vision/images';

const { emu } = await useEmulator();
const config = { ...emu.config, retry: FAST_RETRY, staging: { bucket: 'media', prefix: 'tmp/' } };
const client = () => createVisionClient(config);
const MODEL =
  'arn:aws:rekognition:us-east-1:123456789012:project/parts/version/parts.2024-01-01/1700000000000';

/** The emulator's calls per operation in `[from, to)`, to compare a function's requests with its method's. */
function callCounts(from: number, to = emu.calls.length): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emu.calls.slice(from, to))
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/** Runs `viaFunction` then `viaMethod`; both must answer the same with the same requests. */
async function expectSame<T>(viaFunction: () => Promise<T>, viaMethod: () => Promise<T>) {
  const start = emu.calls.length;
  const fn = await viaFunction();
  const middle = emu.calls.length;
  const method = await viaMethod();
  expect(fn).toEqual(method);
  expect(callCounts(start, middle)).toEqual(callCounts(middle));
  return { fn, calls: callCounts(middle) };
}

/** The Rekognition SDK clients cached in a module's context (the cache the functions must share). */
async function rekognitionClientsOf(owner: object): Promise<unknown[]> {
  const { shared } = (owner as unknown as { ctx: { shared: { clients: Map<string, unknown> } } })
    .ctx;
  const entries = [...shared.clients].filter(([key]) => key.startsWith('rekognition|'));
  return Promise.all(
    entries.map(async ([, loaded]) => ((await loaded) as { client: unknown }).client),
  );
}

describe('aws-ai/vision per-operation functions', () => {
  it('answer like the Vision methods, with the same requests, for every image operation', async () => {
    const vision = client();
    const module = new Vision(config);
    const photo = jpeg(800, 600, { salt: 1 });

    const found = await expectSame(
      () => labels(vision, photo, { minConfidence: 60, imageProperties: true }),
      () => module.labels(photo, { minConfidence: 60, imageProperties: true }),
    );
    expect(found.fn.labels.length).toBeGreaterThan(0);
    expect(found.calls).toEqual({ DetectLabels: 1 });

    const people = await expectSame(
      () => faces(vision, photo, { attributes: 'all' }),
      () => module.faces(photo, { attributes: 'all' }),
    );
    expect(people.fn.faces.length).toBeGreaterThan(0);

    const sign = png(320, 240);
    const words = await expectSame(
      () => text(vision, sign, { minConfidence: 90 }),
      () => module.text(sign, { minConfidence: 90 }),
    );
    expect(words.fn.text).toBe('EMULATED TEXT\n320 X 240');

    const flagged = await expectSame(
      () => moderation(vision, photo, { minConfidence: 0 }),
      () => module.moderation(photo, { minConfidence: 0 }),
    );
    expect(flagged.fn.labels.length).toBeGreaterThan(0);

    const compared = await expectSame(
      () => compareFaces(vision, photo, photo, { similarityThreshold: 90 }),
      () => module.compareFaces(photo, photo, { similarityThreshold: 90 }),
    );
    expect(compared.fn.matches[0]?.similarity).toBe(99.9);
    expect(compared.calls).toEqual({ CompareFaces: 1 });

    const famous = await expectSame(
      () => celebrities(vision, photo),
      () => module.celebrities(photo),
    );
    expect(famous.fn.celebrities[0]?.name).toBe('Emulated Celebrity');

    const equipment = await expectSame(
      () => ppe(vision, jpeg(1024, 768), { requiredEquipment: ['FACE_COVER'] }),
      () => module.ppe(jpeg(1024, 768), { requiredEquipment: ['FACE_COVER'] }),
    );
    expect(equipment.fn.summary).toBeDefined();

    const custom = await expectSame(
      () => customLabels(vision, MODEL, png(300, 300), { minConfidence: 0 }),
      () => module.customLabels(MODEL, png(300, 300), { minConfidence: 0 }),
    );
    expect(custom.fn.labels.map((l) => l.name)).toEqual(['emulated-part', 'emulated-defect']);

    // Each operation was sent twice, the function's request the same as the method's.
    for (const operation of [
      'DetectLabels',
      'DetectFaces',
      'DetectText',
      'DetectModerationLabels',
      'CompareFaces',
      'RecognizeCelebrities',
      'DetectProtectiveEquipment',
      'DetectCustomLabels',
    ]) {
      const [viaFunction, viaMethod] = callsTo(emu, operation);
      expect(callsTo(emu, operation), operation).toHaveLength(2);
      expect(viaFunction?.input, operation).toEqual(viaMethod?.input);
    }
  });

  it('stage an image over the inline limit through S3 and delete it, like the methods', async () => {
    const big = jpeg(4000, 3000, { totalBytes: 5_242_881 });
    const staged = await expectSame(
      () => labels(client(), big),
      () => new Vision(config).labels(big),
    );
    expect(staged.fn.imageSize).toEqual({ width: 4000, height: 3000 });
    expect(staged.calls).toEqual({ PutObject: 1, DetectLabels: 1, DeleteObject: 1 });
    const part = jpeg(2000, 2000, { totalBytes: 4 * 1024 * 1024 + 1 });
    const custom = await expectSame(
      () => customLabels(client(), MODEL, part),
      () => new Vision(config).customLabels(MODEL, part),
    );
    expect(custom.calls).toEqual({ PutObject: 1, DetectCustomLabels: 1, DeleteObject: 1 });
  });

  it('take a Vision module or ai.vision and share its SDK client cache', async () => {
    const module = new Vision(emu.config);
    expect((await labels(module, png(200, 200))).labels.length).toBeGreaterThan(0);
    const [made] = await rekognitionClientsOf(module);
    expect(made).toBeDefined();
    await module.faces(png(200, 200));
    expect(await rekognitionClientsOf(module)).toEqual([made]);

    const ai = new AwsAI(emu.config);
    await ai.vision.text(png(200, 200));
    const [shared] = await rekognitionClientsOf(ai.vision);
    expect((await celebrities(ai.vision, png(200, 200))).celebrities.length).toBeGreaterThan(0);
    expect(await rekognitionClientsOf(ai.vision)).toEqual([shared]);
    expect(shared).not.toBe(made);
    expect(callCounts(0)).toEqual({
      DetectLabels: 1,
      DetectFaces: 1,
      DetectText: 1,
      RecognizeCelebrities: 1,
    });
  });

  it('publish the same call as the method (aws-ai:call), so telemetry cannot tell them apart', async () => {
    const seen: string[] = [];
    const onStart = (m: unknown) => {
      const { method, service, operation } = m as Record<string, string>;
      seen.push(`${method} ${service}.${operation}`);
    };
    const vision = createVisionClient({ ...config, telemetry: false });
    const module = new Vision({ ...config, telemetry: false });
    const image = png(200, 200);
    subscribe('tracing:aws-ai:call:start', onStart);
    try {
      await labels(vision, image);
      await module.labels(image);
      await faces(vision, image);
      await module.faces(image);
      await text(vision, image);
      await module.text(image);
      await moderation(vision, image);
      await module.moderation(image);
      await compareFaces(vision, image, image);
      await module.compareFaces(image, image);
      await celebrities(vision, image);
      await module.celebrities(image);
      await ppe(vision, image);
      await module.ppe(image);
      await customLabels(vision, MODEL, image);
      await module.customLabels(MODEL, image);
    } finally {
      unsubscribe('tracing:aws-ai:call:start', onStart);
    }
    const pairs = Array.from({ length: seen.length / 2 }, (_, i) => seen.slice(2 * i, 2 * i + 2));
    for (const [fn, method] of pairs) expect(fn).toBe(method);
    expect(pairs.map(([fn]) => fn)).toEqual([
      'vision.labels rekognition.DetectLabels',
      'vision.faces rekognition.DetectFaces',
      'vision.text rekognition.DetectText',
      'vision.moderation rekognition.DetectModerationLabels',
      'vision.compareFaces rekognition.CompareFaces',
      'vision.celebrities rekognition.RecognizeCelebrities',
      'vision.ppe rekognition.DetectProtectiveEquipment',
      'vision.customLabels rekognition.DetectCustomLabels',
    ]);
  });

  it('validate before any request, as the methods do', async () => {
    const vision = client();
    await expect(labels(vision, png(40, 40))).rejects.toThrow(/between 80 and 10000|at least 80/);
    await expect(faces(vision, png(200, 200), { attributes: 'some' as never })).rejects.toThrow(
      ValidationError,
    );
    await expect(compareFaces(vision, png(200, 200), png(40, 40))).rejects.toThrow(
      /target image is 40×40/,
    );
    await expect(customLabels(vision, 'not-an-arn', png(200, 200))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(text(vision, png(200, 200), { timeoutMs: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('refuse a first argument that is not a client, before any request', async () => {
    const image = png(200, 200);
    const refused = [
      labels({} as never, image),
      faces(null as never, image),
      text(undefined as never, image),
      moderation(emu.config as never, image),
      compareFaces({ ctx: {} } as never, image, image),
      celebrities('client' as never, image),
      ppe([client()] as never, image),
      customLabels(42 as never, MODEL, image),
    ];
    for (const call of refused) await expect(call).rejects.toBeInstanceOf(ValidationError);
    await expect(labels('client' as never, image)).rejects.toThrow(/VisionClient/);
    expect(emu.calls).toHaveLength(0);
  });

  it('bound the call with timeoutMs, and stop on abort, like the methods', async () => {
    emu.fault({ service: 'rekognition', kind: 'delay', delayMs: 600 });
    const image = png(200, 200);
    await expect(labels(client(), image, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(new Vision(config).labels(image, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    await expect(compareFaces(client(), image, image, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    // The client's own timeoutMs bounds a function call as it bounds a method call.
    await expect(
      faces(createVisionClient({ ...config, timeoutMs: 50 }), image),
    ).rejects.toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const pending = ppe(client(), image, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    const before = emu.calls.length;
    await expect(
      moderation(client(), image, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(emu.calls).toHaveLength(before);
  });
});
