import { AbortError, AwsAIError, TimeoutError } from 'aws-ai';
import { describe, expect, it, vi } from 'vitest';
import { createContext } from '../../src/core/context';
import { stagedObjectsOf, withStaged } from '../../src/core/staging';
import { pdf } from '../documents/helpers';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';
import { mp4 } from '../vision/images';

/**
 * Item 7 of issue 13: whatever a staging call's outcome (success, error, abort, timeout, an abort
 * during the upload itself), the staged object is deleted when `deleteAfterUse` is on, and a failed
 * delete is reported in `stagedObjects` on the error or the result, not only logged.
 */

const { emu, client } = await useEmulator();
const staging = { staging: { bucket: 'stage', prefix: 'tmp/' } };
const quiet = { logger: { debug() {}, info() {}, warn() {}, error() {} } };

function putKeys(): string[] {
  return callsTo(emu, 'PutObject').map((c) => String(c.input.Key));
}

function deletedKeys(): string[] {
  return callsTo(emu, 'DeleteObject').map((c) => String(c.input.Key));
}

describe('staged objects are deleted whatever the outcome', () => {
  it('an abort during the S3 upload still deletes the object and reports it on the error', async () => {
    const controller = new AbortController();
    // The caller aborts while S3 is still handling the upload.
    emu.handle('s3', 'PutObject', async () => {
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return {};
    });
    const err = await client(staging)
      .documents.text(pdf(2), { mode: 'async', signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    const [key] = putKeys();
    expect(key).toMatch(/^tmp\//);
    await vi.waitFor(() => expect(deletedKeys()).toEqual([key]));
    await vi.waitFor(() =>
      expect(stagedObjectsOf(err)).toEqual([
        { uri: `s3://stage/${key}`, bucket: 'stage', key, status: 'deleted' },
      ]),
    );
    expect(callsTo(emu, 'StartDocumentTextDetection')).toHaveLength(0);
  });

  it('an abort while the job is polled deletes the staged document', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({ JobStatus: 'IN_PROGRESS' }));
    const controller = new AbortController();
    const err = await client(staging)
      .documents.text(pdf(2), {
        mode: 'async',
        signal: controller.signal,
        poll: { intervalMs: 1, onPoll: (info) => info.attempt === 2 && controller.abort() },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    const [key] = putKeys();
    await vi.waitFor(() => expect(deletedKeys()).toEqual([key]));
    await vi.waitFor(() =>
      expect(stagedObjectsOf(err)[0]).toMatchObject({ key, status: 'deleted' }),
    );
  });

  it('a timeout while transcribing deletes the staged audio and reports it on the TimeoutError', async () => {
    emu.handle('transcribe', 'GetTranscriptionJob', (input) => ({
      TranscriptionJob: {
        TranscriptionJobName: input.TranscriptionJobName,
        TranscriptionJobStatus: 'IN_PROGRESS',
      },
    }));
    const err = await client(staging)
      .speech.transcribe(
        new Uint8Array(Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000')),
        {
          format: 'mp3',
          pollIntervalMs: 5,
          timeoutMs: 600,
        },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(callsTo(emu, 'StartTranscriptionJob')).toHaveLength(1);
    const [key] = putKeys();
    await vi.waitFor(() => expect(deletedKeys()).toEqual([key]));
    await vi.waitFor(() =>
      expect(stagedObjectsOf(err)[0]).toMatchObject({ key, status: 'deleted' }),
    );
  });

  it('a failed DeleteObject after a failed job is on err.stagedObjects with its error', async () => {
    emu.handle('rekognition', 'GetLabelDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'Unsupported codec',
    }));
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'server-error' });
    const err = await client({ ...staging, ...quiet, retry: { retries: 0 } })
      .vision.video.labels(mp4(), { polling: { intervalMs: 1 } })
      .catch((e: unknown) => e);
    expect(AwsAIError.isInstance(err) && err.code).toBe('JobFailed');
    const [report] = stagedObjectsOf(err);
    expect(report).toMatchObject({ bucket: 'stage', status: 'delete-failed' });
    expect(AwsAIError.isInstance(report?.error)).toBe(true);
    expect(deletedKeys()).toEqual([report?.key]);
  });

  it('a failed DeleteObject after a successful call is on result.stagedObjects', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpointAsync', () => ({
      InferenceId: 'i-1',
      OutputLocation: 's3://stage/out/i-1.out',
    }));
    emu.handle('s3', 'GetObject', (input) => {
      if (input.Key === 'out/i-1.out') return { Body: new TextEncoder().encode('{"ok":true}') };
      throw emu.error('NoSuchKey', 'The specified key does not exist.', 404);
    });
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'server-error' });
    const result = await client({
      ...staging,
      ...quiet,
      retry: { retries: 0 },
    }).endpoints.invokeAsync('m', { inputs: [1, 2] }, { pollIntervalMs: 1 });
    expect(result.body).toEqual({ ok: true });
    const reports = stagedObjectsOf(result);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'delete-failed', bucket: 'stage' });
    expect(putKeys()).toEqual([reports[0]?.key]);
  });

  it('a successful call whose delete worked carries no stagedObjects', async () => {
    const doc = await client(staging).documents.text(pdf(2), {
      mode: 'async',
      poll: { intervalMs: 1 },
    });
    expect(stagedObjectsOf(doc)).toEqual([]);
    expect(deletedKeys()).toEqual(putKeys());
  });
});

describe('withStaged', () => {
  const ctx = () => createContext({ ...emu.config, retry: FAST_RETRY, ...staging });

  it('settles only after the cleanup delete was answered, even when the caller aborted', async () => {
    emu.fault({ service: 's3', operation: 'DeleteObject', kind: 'delay', delayMs: 150 });
    const controller = new AbortController();
    const started = performance.now();
    const err = await withStaged(
      ctx(),
      new Uint8Array([1, 2, 3]),
      { purpose: 'Test', signal: controller.signal },
      async () => {
        controller.abort();
        throw new AbortError('aborted');
      },
    ).catch((e: unknown) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(deletedKeys()).toHaveLength(1);
    expect(stagedObjectsOf(err)).toMatchObject([{ status: 'deleted' }]);
  });
});
