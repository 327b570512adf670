import {
  CreateCollectionCommand,
  DetectFacesCommand,
  DetectLabelsCommand,
  RekognitionClient,
  SearchFacesByImageCommand,
  StartLabelDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { jpeg } from './images';

const { emu, client } = await useEmulator();

const IMAGE = jpeg(640, 480, { salt: 3 });

describe('vision: ids and face attributes checked as Rekognition models them, before any call', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    // CollectionId is [a-zA-Z0-9_.\-]+ (rekognition.json); only ExternalImageId also takes ':'.
    [
      'collections.create with a ":" in the id',
      () => client().vision.collections.create('tenant:faces'),
      /collectionId must be 1–255 characters of letters, digits, '_', '\.' or '-'/,
    ],
    [
      'collections.index into a collection id with ":"',
      () => client().vision.collections.index('tenant:faces', IMAGE),
      /collectionId/,
    ],
    [
      'collections.searchByImage in a collection id with ":"',
      () => client().vision.collections.searchByImage('tenant:faces', IMAGE),
      /collectionId/,
    ],
    [
      'faces with an attribute Rekognition does not have (EMOTION for EMOTIONS)',
      () => client().vision.faces(IMAGE, { attributes: ['emotion'] }),
      /attributes\[0\] "emotion" is not a face attribute; use 'default', 'all' or some of AGE_RANGE, BEARD, EMOTIONS/,
    ],
    [
      'collections.index with an unknown attribute',
      () => client().vision.collections.index('faces', IMAGE, { attributes: ['SMILE', 'HAIR'] }),
      /attributes\[1\] "HAIR" is not a face attribute/,
    ],
  ];
  for (const [name, run, message] of cases) {
    it(name, async () => {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }

  it('an external image id keeps its ":" and attribute names of any case are sent upper-case', async () => {
    const { collections } = client().vision;
    await collections.create('tenant-faces');
    await collections.index('tenant-faces', IMAGE, {
      externalImageId: 'user:42',
      attributes: ['emotions', 'Age_Range'],
    });
    expect(callsTo(emu, 'IndexFaces')[0]?.input).toMatchObject({
      ExternalImageId: 'user:42',
      DetectionAttributes: ['EMOTIONS', 'AGE_RANGE'],
    });
  });
});

describe('emulator: Rekognition refuses what its model refuses', () => {
  const raw = () => new RekognitionClient({ ...emu.config, maxAttempts: 1 });
  const fails = (p: Promise<unknown>) =>
    p.then(
      () => ({ name: 'no error', message: '' }),
      (e: { name?: string; message?: string }) => e,
    );

  it('CreateCollection with an id outside [a-zA-Z0-9_.\\-]+: ValidationException', async () => {
    const err = await fails(raw().send(new CreateCollectionCommand({ CollectionId: 'a:b' })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/at 'collectionId' failed to satisfy constraint/);
  });

  it('CreateCollection with a 256-character id: ValidationException', async () => {
    const err = await fails(
      raw().send(new CreateCollectionCommand({ CollectionId: 'c'.repeat(256) })),
    );
    expect(err.name).toBe('ValidationException');
  });

  it('DetectFaces with an attribute outside the enum: ValidationException', async () => {
    const err = await fails(
      raw().send(
        new DetectFacesCommand({ Image: { Bytes: IMAGE }, Attributes: ['EMOTION' as 'ALL'] }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/enum value set/);
  });

  it('DetectLabels with MinConfidence over 100: ValidationException', async () => {
    const err = await fails(
      raw().send(new DetectLabelsCommand({ Image: { Bytes: IMAGE }, MinConfidence: 150 })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/less than or equal to 100/);
  });

  it('SearchFacesByImage with MaxFaces over 4,096: ValidationException', async () => {
    await raw().send(new CreateCollectionCommand({ CollectionId: 'limits' }));
    const err = await fails(
      raw().send(
        new SearchFacesByImageCommand({
          CollectionId: 'limits',
          Image: { Bytes: IMAGE },
          MaxFaces: 4097,
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
  });
});

describe('emulator: reads every JPEG Rekognition reads', () => {
  it('fill bytes (0xFF) before the frame header: the size is read, not InvalidImageFormatException', async () => {
    const plain = jpeg(640, 480, { salt: 5 });
    const sof = plain.indexOf(Buffer.from([0xff, 0xc0]));
    // ITU T.81 B.1.1.2: any marker may be preceded by any number of 0xFF fill bytes.
    const filled = Buffer.concat([
      plain.subarray(0, sof),
      Buffer.from([0xff, 0xff]),
      plain.subarray(sof),
    ]);
    const out = await client().vision.text(filled);
    expect(out.imageSize).toEqual({ width: 640, height: 480 });
    expect(out.lines.map((l) => l.text)).toContain('640 X 480');
  });
});

/**
 * DetectLabels `Settings.GeneralLabels` filters are `GeneralLabelsFilterValue`s (rekognition.json): at
 * most 50 characters of `[A-Za-z0-9àâèçñó'-_(). ]` (`'-_` is the range ' to _).
 */
describe('vision.labels: label and category filters checked as Rekognition models them', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a category with "&"',
      { includeCategories: ['Food & Beverage'] },
      /includeCategories\[0\] has "&"; Rekognition takes letters, digits, spaces and ' \( \) \. - _ in label and category names/,
    ],
    [
      'a label of 51 characters',
      { excludeLabels: ['L'.repeat(51)] },
      /excludeLabels\[0\] has 51 characters; the limit is 50/,
    ],
  ];
  for (const [name, params, message] of cases) {
    it(`${name}: ValidationError before any call`, async () => {
      const err = await client()
        .vision.labels(IMAGE, params)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }

  it("names Rekognition uses pass: 'Animals and Pets', 'Hot Dog', 'Crêpe' is refused but 'Piñata' is not", async () => {
    await client().vision.labels(IMAGE, {
      includeCategories: ['Animals and Pets'],
      includeLabels: ['Hot Dog', 'Pi\u00f1ata', "Jack-o'-lantern"],
    });
    expect(callsTo(emu, 'DetectLabels')).toHaveLength(1);
    const err = await client()
      .vision.labels(IMAGE, { includeLabels: ['Cr\u00eape'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
  });

  it('the emulator answers a filter outside the model with ValidationException', async () => {
    const rekognition = new RekognitionClient({ ...emu.config, maxAttempts: 1 });
    const err = await rekognition
      .send(
        new DetectLabelsCommand({
          Image: { Bytes: IMAGE },
          Settings: { GeneralLabels: { LabelCategoryInclusionFilters: ['Food & Beverage'] } },
        }),
      )
      .then(
        () => ({ name: 'no error' }),
        (e: { name?: string }) => e,
      );
    expect(err.name).toBe('ValidationException');
  });
});

describe('emulator: Rekognition Video ClientRequestToken as rekognition.json has it', () => {
  it('the same token on another video: IdempotentParameterMismatchException; the same request: the same JobId', async () => {
    const rekognition = new RekognitionClient({ ...emu.config, maxAttempts: 1 });
    const start = (Name: string) =>
      rekognition.send(
        new StartLabelDetectionCommand({
          Video: { S3Object: { Bucket: 'media', Name } },
          ClientRequestToken: 'clip-1',
        }),
      );
    const first = await start('a.mp4');
    expect((await start('a.mp4')).JobId).toBe(first.JobId);
    const err = await start('b.mp4').then(
      () => ({ name: 'no error' }),
      (e: { name?: string }) => e,
    );
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });
});
