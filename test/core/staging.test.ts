import { NotFoundError, ValidationError } from 'aws-ai';
import { describe, expect, it, vi } from 'vitest';
import { createContext } from '../../src/core/context';
import { listKeys, readObject, stage } from '../../src/core/staging';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();

function ctxWith(staging?: { bucket: string; prefix?: string; deleteAfterUse?: boolean }) {
  return createContext({ ...emu.config, retry: FAST_RETRY, ...(staging ? { staging } : {}) });
}

describe('staging', () => {
  it('uploads bytes under the prefix, reads them back and deletes them on cleanup', async () => {
    const ctx = ctxWith({ bucket: 'media', prefix: 'tmp/' });
    const bytes = new TextEncoder().encode('%PDF-1.7 pretend');
    const object = await stage(ctx, bytes, {
      purpose: 'Test',
      extension: 'pdf',
      contentType: 'application/pdf',
    });
    expect(object.bucket).toBe('media');
    expect(object.key).toMatch(/^tmp\/[0-9a-f-]{36}\.pdf$/);
    expect(object.uri).toBe(`s3://media/${object.key}`);
    expect(await readObject(ctx, object)).toEqual(bytes);
    await object.cleanup();
    await expect(readObject(ctx, object)).rejects.toBeInstanceOf(NotFoundError);
    expect(callsTo(emu, 'PutObject')[0]?.input).toMatchObject({
      Bucket: 'media',
      ContentType: 'application/pdf',
    });
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
  });

  it('keeps the object when deleteAfterUse is false, and never deletes caller objects', async () => {
    const ctx = ctxWith({ bucket: 'media', deleteAfterUse: false });
    const object = await stage(ctx, new Uint8Array([1, 2]), { purpose: 'Test' });
    expect(object.key).toMatch(/^aws-ai\//);
    await object.cleanup();
    const given = await stage(ctx, { bucket: 'mine', key: 'a/b.wav' }, { purpose: 'Test' });
    expect(given).toMatchObject({ uri: 's3://mine/a/b.wav', uploaded: false });
    await given.cleanup();
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(0);
  });

  it('says what to configure when bytes need S3 and there is no staging bucket', async () => {
    const err = await stage(ctxWith(), new Uint8Array([1]), {
      purpose: 'Transcribe StartTranscriptionJob',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(
      /Transcribe StartTranscriptionJob reads its input from S3.*staging: \{ bucket/,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('logs and reports, not throws, when the cleanup delete fails', async () => {
    const warn = vi.fn();
    const ctx = createContext({
      ...emu.config,
      retry: { retries: 0 },
      staging: { bucket: 'media' },
      logger: { debug: () => {}, info: () => {}, warn, error: () => {} },
    });
    const object = await stage(ctx, new Uint8Array([1]), { purpose: 'Test' });
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'server-error' });
    await expect(object.cleanup()).resolves.toMatchObject({
      uri: object.uri,
      status: 'delete-failed',
      error: expect.objectContaining({ service: 's3', operation: 'DeleteObject' }),
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('could not delete staged object'),
      expect.anything(),
    );
  });
});

describe('listKeys', () => {
  it('reads every page of ListObjectsV2, following the continuation token', async () => {
    // Two pages, as S3 cuts a listing at 1,000 keys.
    emu.handle('s3', 'ListObjectsV2', (input) => {
      const second = input.ContinuationToken === 'page-2';
      const keys = second ? ['out/c.txt'] : ['out/a.txt', 'out/b.txt'];
      const contents = keys
        .map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`)
        .join('');
      const more = second
        ? '<IsTruncated>false</IsTruncated>'
        : '<IsTruncated>true</IsTruncated><NextContinuationToken>page-2</NextContinuationToken>';
      return {
        Body: `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name>${more}${contents}</ListBucketResult>`,
      };
    });
    const keys = await listKeys(ctxWith(), { bucket: 'b', prefix: 'out/' });
    expect(keys).toEqual(['out/a.txt', 'out/b.txt', 'out/c.txt']);
    const calls = callsTo(emu, 'ListObjectsV2');
    expect(calls.map((c) => c.input.ContinuationToken)).toEqual([undefined, 'page-2']);
    expect(calls[0]?.input).toMatchObject({ Bucket: 'b', Prefix: 'out/' });
  });

  it('lists what the emulated S3 holds under a prefix, in key order', async () => {
    const ctx = ctxWith({ bucket: 'listing', deleteAfterUse: false });
    for (const name of ['z', 'a', 'm']) {
      await stage(ctx, new Uint8Array([1]), { purpose: 'Test', extension: name });
    }
    const keys = await listKeys(ctx, { bucket: 'listing', prefix: 'aws-ai/' });
    expect(keys).toHaveLength(3);
    expect([...keys].sort()).toEqual(keys);
    expect(await listKeys(ctx, { bucket: 'listing', prefix: 'nothing/' })).toEqual([]);
  });
});
