import { stagedObjectsOf } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { jpeg } from './images';

const { emu, client } = await useEmulator();

const STAGING = { staging: { bucket: 'media', prefix: 'tmp/' } };
const QUIET = { logger: { debug() {}, info() {}, warn() {}, error() {} } };
// Over the 5 MiB inline limit: both go through staging.
const SOURCE = jpeg(4000, 3000, { totalBytes: 5_242_881, salt: 1 });
const TARGET = jpeg(4000, 3000, { totalBytes: 5_242_881, salt: 2 });

/**
 * docs/vision.md: "a large image staged for an image call is deleted whatever the outcome … A failed
 * DeleteObject is reported in `stagedObjects` on the error, or on the result when the call succeeded".
 * compareFaces stages up to two images, outside the one-image path every other method takes.
 */
describe('vision.compareFaces: staged images are reported like every image call', () => {
  it('a failed DeleteObject of both staged images is on result.stagedObjects', async () => {
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'server-error' });
    const result = await client({
      ...STAGING,
      ...QUIET,
      retry: { retries: 0 },
    }).vision.compareFaces(SOURCE, TARGET);
    const keys = callsTo(emu, 'PutObject').map((c) => String(c.input.Key));
    expect(keys).toHaveLength(2);
    const reports = stagedObjectsOf(result);
    expect(reports.map((r) => r.key).sort()).toEqual([...keys].sort());
    for (const report of reports) {
      expect(report).toMatchObject({ bucket: 'media', status: 'delete-failed' });
    }
  });

  it('a failed DeleteObject after CompareFaces failed is on err.stagedObjects, both images', async () => {
    emu.handle('rekognition', 'CompareFaces', () => {
      throw emu.error('InvalidParameterException', 'No face in the source image');
    });
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'server-error' });
    const err = await client({ ...STAGING, ...QUIET, retry: { retries: 0 } })
      .vision.compareFaces(SOURCE, TARGET)
      .catch((e: unknown) => e);
    const keys = callsTo(emu, 'PutObject').map((c) => String(c.input.Key));
    const reports = stagedObjectsOf(err);
    expect(reports.map((r) => r.key).sort()).toEqual([...keys].sort());
    expect(reports.every((r) => r.status === 'delete-failed')).toBe(true);
  });

  it('a successful compare whose deletes worked carries no stagedObjects and deletes both', async () => {
    const result = await client(STAGING).vision.compareFaces(SOURCE, TARGET);
    expect(stagedObjectsOf(result)).toEqual([]);
    const put = callsTo(emu, 'PutObject').map((c) => String(c.input.Key));
    const deleted = callsTo(emu, 'DeleteObject').map((c) => String(c.input.Key));
    expect(deleted.sort()).toEqual(put.sort());
    expect(callsTo(emu, 'CompareFaces')[0]?.input).toMatchObject({
      SourceImage: { S3Object: { Bucket: 'media' } },
      TargetImage: { S3Object: { Bucket: 'media' } },
    });
  });
});
