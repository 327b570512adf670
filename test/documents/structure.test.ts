import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { jpeg as visionJpeg, png as visionPng } from '../vision/images';
import { pdf, png } from './helpers';

/**
 * Item 9 of issue 13: a truncated JPEG, PNG or PDF is refused before any call (no upload, no
 * Textract or Rekognition request) with a ValidationError naming the problem; complete files pass.
 */

const { emu, client } = await useEmulator();
const staging = { staging: { bucket: 'stage' } };

/** A JPEG with a scan whose data was cut off: SOI … SOS … and no EOI. */
function truncatedJpeg(): Uint8Array {
  const whole = visionJpeg(640, 480);
  const withoutEoi = whole.subarray(0, whole.length - 2);
  const scan = Buffer.from([
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34,
  ]);
  return new Uint8Array(Buffer.concat([withoutEoi, scan]));
}

function cut(bytes: Uint8Array, keep: number): Uint8Array {
  return bytes.subarray(0, keep);
}

describe('documents: truncated files are refused before any call', () => {
  const full = pdf(3);
  it.each([
    ['a PDF cut before %%EOF', () => cut(full, full.length - 20), /no %%EOF marker.*truncated/],
    ['a JPEG cut inside its scan', truncatedJpeg, /JPEG.*truncated/],
    ['a PNG without IEND', () => cut(png(200), 150), /IEND.*truncated/],
  ])('%s', async (_, bytes, message) => {
    for (const run of [
      () => client(staging).documents.text(bytes()),
      () => client(staging).documents.analyze(bytes(), { mode: 'async', tables: true }),
    ]) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toMatch(/send the complete file/);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('complete files, also with bytes after the end marker, still go through', async () => {
    const trailing = new Uint8Array([...visionJpeg(640, 480), 0x20, 0x20, 0x20]);
    await expect(client().documents.text(trailing)).resolves.toBeDefined();
    await expect(client().documents.text(png())).resolves.toBeDefined();
    await expect(
      client(staging).documents.text(pdf(2), { poll: { intervalMs: 1 } }),
    ).resolves.toBeDefined();
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(2);
  });
});

describe('vision: truncated images are refused before any call', () => {
  it.each([
    ['a JPEG cut inside its scan', truncatedJpeg, /JPEG.*truncated/],
    ['a PNG without IEND', () => cut(visionPng(640, 480), 40), /IEND.*truncated/],
  ])('%s', async (_, bytes, message) => {
    const err = await client()
      .vision.labels(bytes())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
    expect(emu.calls).toHaveLength(0);
  });
});
