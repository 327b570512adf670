import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ValidationError } from 'aws-ai';
import { toPixels, Vision } from 'aws-ai/vision';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { jpeg, png } from './images';

const { emu, client } = await useEmulator();
const MODEL =
  'arn:aws:rekognition:us-east-1:123456789012:project/parts/version/parts.2024-01-01/1700000000000';

describe('vision images', () => {
  it('labels: camelCase labels with boxes as ratios and in pixels of the sniffed size', async () => {
    const out = await client().vision.labels(jpeg(1000, 500), { minConfidence: 60 });
    expect(out.imageSize).toEqual({ width: 1000, height: 500 });
    expect(out.labels.map((l) => l.name)).toContain('Car');
    const car = out.labels.find((l) => l.name === 'Car');
    expect(car?.parents).toEqual(['Vehicle', 'Transportation']);
    const box = car?.instances[0]?.box;
    expect(box?.pixels).toEqual({
      left: Math.round((box?.left ?? 0) * 1000),
      top: Math.round((box?.top ?? 0) * 500),
      width: Math.round((box?.width ?? 0) * 1000),
      height: Math.round((box?.height ?? 0) * 500),
    });
    expect(out.labels.every((l) => l.confidence >= 60)).toBe(true);
    expect(callsTo(emu, 'DetectLabels')[0]?.input.MinConfidence).toBe(60);
  });

  it('labels: sends filters and image properties as AWS expects them', async () => {
    const out = await client().vision.labels(png(200, 200), {
      includeCategories: ['Vehicles and Automotive'],
      imageProperties: true,
      maxLabels: 2,
    });
    expect(out.labels).toHaveLength(2);
    expect(out.imageProperties?.dominantColors[0]?.hex).toBe('#000000');
    const input = callsTo(emu, 'DetectLabels')[0]?.input;
    expect(input?.Features).toEqual(['GENERAL_LABELS', 'IMAGE_PROPERTIES']);
    expect(input?.Settings).toEqual({
      GeneralLabels: { LabelCategoryInclusionFilters: ['Vehicles and Automotive'] },
    });
  });

  it('reads a file path and gives the same answer as the bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-ai-vision-'));
    const path = join(dir, 'photo.jpg');
    const bytes = jpeg(640, 480, { salt: 3 });
    await writeFile(path, bytes);
    const vision = client().vision;
    expect(await vision.faces(path)).toEqual(await vision.faces(bytes));
  });

  it('faces: attributes ALL map to camelCase, emotions highest first', async () => {
    const { faces } = await client().vision.faces(jpeg(800, 600), { attributes: 'all' });
    expect(faces.length).toBeGreaterThan(0);
    const face = faces[0];
    expect(face?.emotions?.[0]).toEqual({ type: 'HAPPY', confidence: 55 });
    expect(face?.eyesOpen).toEqual({ value: true, confidence: 98 });
    expect(face?.landmarks?.[0]?.type).toBe('eyeLeft');
    expect(callsTo(emu, 'DetectFaces')[0]?.input.Attributes).toEqual(['ALL']);
  });

  it('text: lines and words with parents, and the joined text', async () => {
    const out = await client().vision.text(png(320, 240), { minConfidence: 90 });
    expect(out.text).toBe('EMULATED TEXT\n320 X 240');
    expect(out.words.map((w) => w.text)).toEqual(['EMULATED', 'TEXT', '320', 'X', '240']);
    expect(out.words[0]?.parentId).toBe(out.lines[0]?.id);
    expect(out.lines[0]?.polygon).toHaveLength(4);
    expect(callsTo(emu, 'DetectText')[0]?.input.Filters).toEqual({
      WordFilter: { MinConfidence: 90 },
    });
  });

  it('moderation: taxonomy labels with parents', async () => {
    const { labels } = await client().vision.moderation(jpeg(300, 300), { minConfidence: 0 });
    expect(labels.map((l) => [l.name, l.parentName, l.taxonomyLevel])).toEqual([
      ['Suggestive', '', 1],
      ['Swimwear or Underwear', 'Suggestive', 2],
    ]);
  });

  it('compareFaces: the same photo matches, sizes of both images known', async () => {
    const photo = jpeg(640, 480, { salt: 7 });
    const out = await client().vision.compareFaces(photo, photo, { similarityThreshold: 90 });
    expect(out.matches[0]?.similarity).toBe(99.9);
    expect(out.sourceFace?.box?.pixels).toBeDefined();
    expect(out.targetImageSize).toEqual({ width: 640, height: 480 });
  });

  it('compareFaces: a bad target is refused before the source is sent or staged', async () => {
    const big = jpeg(2000, 2000, { totalBytes: 6 * 1024 * 1024 });
    const vision = client({ staging: { bucket: 'media' } }).vision;
    await expect(vision.compareFaces(big, png(40, 40))).rejects.toThrow(/target image is 40×40/);
    expect(emu.calls).toHaveLength(0);
  });

  it('celebrities and custom labels', async () => {
    const vision = client().vision;
    const celebs = await vision.celebrities(jpeg(500, 500));
    expect(celebs.celebrities[0]?.name).toBe('Emulated Celebrity');
    expect(celebs.celebrities[0]?.face.box?.pixels).toBeDefined();
    const custom = await vision.customLabels(MODEL, png(300, 300), { minConfidence: 0 });
    expect(custom.labels.map((l) => l.name)).toEqual(['emulated-part', 'emulated-defect']);
    expect(callsTo(emu, 'DetectCustomLabels')[0]?.input.ProjectVersionArn).toBe(MODEL);
  });

  it('ppe: summary of required equipment by person id', async () => {
    const out = await client().vision.ppe(jpeg(1024, 768), { requiredEquipment: ['FACE_COVER'] });
    const ids = out.persons.map((p) => p.id);
    expect(out.summary).toBeDefined();
    const summary = out.summary ?? { withRequiredEquipment: [], withoutRequiredEquipment: [] };
    expect([...summary.withRequiredEquipment, ...summary.withoutRequiredEquipment].sort()).toEqual(
      ids,
    );
    expect(callsTo(emu, 'DetectProtectiveEquipment')[0]?.input.SummarizationAttributes).toEqual({
      MinConfidence: 50,
      RequiredEquipmentTypes: ['FACE_COVER'],
    });
  });

  it('an s3:// image goes by reference, without a pixel size', async () => {
    const out = await client().vision.labels('s3://photos/2024/cat.jpg?versionId=v1');
    expect(out.imageSize).toBeUndefined();
    expect(out.labels[0]?.instances[0]?.box?.pixels).toBeUndefined();
    expect(callsTo(emu, 'DetectLabels')[0]?.input.Image).toEqual({
      S3Object: { Bucket: 'photos', Name: '2024/cat.jpg', Version: 'v1' },
    });
  });

  it('an s3:// image the emulated S3 holds is checked like bytes: size, format, pixels', async () => {
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    const upload = (Key: string, Body: Uint8Array) =>
      s3.send(new PutObjectCommand({ Bucket: 'uploads', Key, Body }));
    await upload('ok.png', png(640, 480));
    await upload('tiny.png', png(40, 40));
    await upload('notes.jpg', new TextEncoder().encode('not an image at all'));
    try {
      const ok = await client().vision.labels('s3://uploads/ok.png');
      expect(ok.labels.length).toBeGreaterThan(0);
      // The same bytes inline get the same canned answer: the emulator read the object.
      const inline = await client().vision.labels(png(640, 480));
      expect(ok.labels.map((l) => l.name)).toEqual(inline.labels.map((l) => l.name));
      const tiny = await client()
        .vision.labels('s3://uploads/tiny.png')
        .catch((e: unknown) => e);
      expect(tiny).toBeInstanceOf(ValidationError);
      expect((tiny as Error).message).toMatch(/between 80 and 10000 pixels/);
      const notes = await client()
        .vision.labels('s3://uploads/notes.jpg')
        .catch((e: unknown) => e);
      expect(notes).toMatchObject({ code: 'InvalidImageFormatException' });
    } finally {
      s3.destroy();
    }
  });

  it('an image over 5 MiB is staged to S3, sent by reference and deleted', async () => {
    const big = jpeg(4000, 3000, { totalBytes: 5_242_881 });
    const out = await client({ staging: { bucket: 'media', prefix: 'tmp/' } }).vision.labels(big);
    expect(out.imageSize).toEqual({ width: 4000, height: 3000 });
    const put = callsTo(emu, 'PutObject')[0]?.input;
    expect(put?.Bucket).toBe('media');
    expect(String(put?.Key)).toMatch(/^tmp\/.+\.jpg$/);
    expect(callsTo(emu, 'DetectLabels')[0]?.input.Image).toEqual({
      S3Object: { Bucket: 'media', Name: put?.Key },
    });
    expect(callsTo(emu, 'DeleteObject')[0]?.input.Key).toBe(put?.Key);
  });

  it('customLabels stages above its own 4 MB inline limit (Rekognition model), not 5 MiB', async () => {
    // 4 MiB + 1: inline for every other image operation, over DetectCustomLabels' limit.
    const image = jpeg(2000, 2000, { totalBytes: 4 * 1024 * 1024 + 1 });
    await client({ staging: { bucket: 'media' } }).vision.customLabels(MODEL, image);
    const sent = callsTo(emu, 'DetectCustomLabels')[0]?.input.Image as Record<string, unknown>;
    expect(sent.Bytes).toBeUndefined();
    expect(sent.S3Object).toMatchObject({ Bucket: 'media' });
  });

  it('the emulator refuses DetectCustomLabels inline images over 4 MB like Rekognition', async () => {
    const { DetectCustomLabelsCommand, RekognitionClient } = await import(
      '@aws-sdk/client-rekognition'
    );
    const rekognition = new RekognitionClient({ ...emu.config, maxAttempts: 1 });
    const image = jpeg(2000, 2000, { totalBytes: 4 * 1024 * 1024 + 1 });
    await expect(
      rekognition.send(
        new DetectCustomLabelsCommand({ ProjectVersionArn: MODEL, Image: { Bytes: image } }),
      ),
    ).rejects.toMatchObject({ name: 'ImageTooLargeException' });
    rekognition.destroy();
  });

  it('ppe stages above its own 4 MB inline limit', async () => {
    const image = jpeg(2000, 2000, { totalBytes: 4 * 1024 * 1024 + 1 });
    await client({ staging: { bucket: 'media' } }).vision.ppe(image);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
  });

  it('the module works standalone from aws-ai/vision', async () => {
    const vision = new Vision({ ...emu.config, retry: { minDelayMs: 1, maxDelayMs: 5 } });
    expect((await vision.labels(png(100, 100))).labels.length).toBeGreaterThan(0);
  });

  it('toPixels rounds ratios to whole pixels', () => {
    expect(
      toPixels({ left: 0.25, top: 0.1, width: 0.5, height: 0.5 }, { width: 641, height: 480 }),
    ).toEqual({ left: 160, top: 48, width: 321, height: 240 });
  });
});

describe('vision image validation (no call is made)', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['below 80 px', () => client().vision.labels(png(79, 500)), /79×500 px.*at least 80 px/],
    [
      'above 10,000 px',
      () => client().vision.labels(jpeg(10_001, 100)),
      /at most 10,000 px per side/,
    ],
    [
      'ppe below 64 px',
      () => client().vision.ppe(png(63, 100)),
      /DetectProtectiveEquipment needs at least 64 px/,
    ],
    ['ppe above 4,096 px', () => client().vision.ppe(png(4097, 100)), /at most 4,096 px per side/],
    [
      'a GIF',
      () => client().vision.labels(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')),
      /not a recognisable image; Rekognition DetectLabels takes JPEG or PNG/,
    ],
    [
      'a PDF',
      () => client().vision.faces(Buffer.from('%PDF-1.7\n', 'latin1')),
      /a PDF file; Rekognition DetectFaces takes JPEG or PNG/,
    ],
    [
      'a JPEG without a frame header',
      () => client().vision.labels(jpeg(100, 100, { withoutFrame: true })),
      /header has no image size/,
    ],
    ['an empty buffer', () => client().vision.labels(new Uint8Array()), /image is empty/],
    [
      'a base64 string',
      () => client().vision.labels(jpeg(100, 100).toString('base64')),
      /pass bytes, not base64/,
    ],
    [
      'over 5 MiB without staging',
      () => client().vision.labels(jpeg(3000, 3000, { totalBytes: 5_242_881 })),
      /DetectLabels of a 5,242,881-byte image.*configure staging/,
    ],
    [
      'over 15 MB',
      () => client().vision.labels(jpeg(3000, 3000, { totalBytes: 15 * 1024 * 1024 + 1 })),
      /the limit is 15728640 bytes/,
    ],
    [
      'a PDF on S3',
      () => client().vision.labels('s3://photos/scan.pdf'),
      /looks like pdf by its extension/,
    ],
    [
      'minConfidence out of range',
      () => client().vision.labels(png(100, 100), { minConfidence: 101 }),
      /minConfidence must be a number from 0 to 100/,
    ],
    [
      'too many text regions',
      () =>
        client().vision.text(png(100, 100), {
          regions: Array.from({ length: 11 }, () => ({ left: 0, top: 0, width: 1, height: 1 })),
        }),
      /regions has 11 items; the limit is 10/,
    ],
    [
      'a malformed model ARN',
      () => client().vision.customLabels('my-model', png(100, 100)),
      /projectVersionArn must be a project version ARN/,
    ],
    [
      'unknown equipment',
      () =>
        client().vision.ppe(png(100, 100), {
          requiredEquipment: ['HARD_HAT' as 'HEAD_COVER'],
        }),
      /requiredEquipment must list some of FACE_COVER/,
    ],
  ];

  for (const [name, run, message] of cases) {
    it(`refuses ${name}`, async () => {
      const error = await run().catch((err: unknown) => err);
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }

  it('the emulator enforces the same limits when the facade is bypassed', async () => {
    emu.reset();
    const { RekognitionClient, DetectLabelsCommand } = await import('@aws-sdk/client-rekognition');
    const raw = new RekognitionClient({ ...emu.config, maxAttempts: 1 });
    await expect(
      raw.send(new DetectLabelsCommand({ Image: { Bytes: Buffer.from('GIF89a', 'latin1') } })),
    ).rejects.toMatchObject({ name: 'InvalidImageFormatException' });
    await expect(
      raw.send(new DetectLabelsCommand({ Image: { Bytes: png(50, 50) } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    raw.destroy();
  });
});
