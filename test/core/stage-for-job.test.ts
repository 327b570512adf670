/**
 * A job starter that uploads bytes and then fails its start (here: its deadline passes while the
 * Start request is slow) deletes the staged object, and the call settles only after that delete
 * (core/staging.ts `stageForJob`): when the promise rejects, the emulator has already seen the
 * DeleteObject, and the error lists the object as deleted. Before, each starter wired this itself
 * or not at all, and a DeleteObject could reach AWS after the call had settled.
 */
import { type AwsAI, TimeoutError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { callsTo, useEmulator } from '../helpers/emulator';
import { mp4 } from '../vision/images';

const { emu, client: makeClient } = await useEmulator();

const client = (): AwsAI =>
  makeClient({
    retry: { retries: 0 },
    adaptiveRate: false,
    staging: { bucket: 'staging-bucket', prefix: 'tmp/' },
  });

const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
// Long enough for a cold first call (it loads two SDK clients before its upload) on a loaded
// machine: with 250 ms the deadline sometimes passed before the PutObject was sent.
const TIMEOUT_MS = 1_000;

const cases: Array<{
  name: string;
  service: 'textract' | 'rekognition' | 'sagemaker-runtime' | 'transcribe';
  operation: string;
  start: (ai: AwsAI) => Promise<unknown>;
}> = [
  {
    name: 'documents.startAnalysis',
    service: 'textract',
    operation: 'StartDocumentAnalysis',
    start: (ai) => ai.documents.startAnalysis(pdf(2), { forms: true, timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'vision.video.start',
    service: 'rekognition',
    operation: 'StartLabelDetection',
    start: (ai) => ai.vision.video.start('labels', mp4(), { timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'endpoints.startAsync',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointAsync',
    start: (ai) =>
      ai.endpoints.startAsync('async-model', new Uint8Array([1, 2, 3]), {
        contentType: 'application/octet-stream',
        timeoutMs: TIMEOUT_MS,
      }),
  },
  {
    name: 'speech.startTranscription',
    service: 'transcribe',
    operation: 'StartTranscriptionJob',
    start: (ai) => ai.speech.startTranscription(MP3, { timeoutMs: TIMEOUT_MS }),
  },
];

describe('a job start that fails after staging its bytes', () => {
  it.each(cases)('$name: the staged object is deleted before the call settles', async (c) => {
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 5_000 });
    const error = await c.start(client()).catch((e: unknown) => e);
    // Read at once: a DeleteObject sent after the call settled is not there yet.
    const deletes = callsTo(emu, 'DeleteObject').length;
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ service: c.service, operation: c.operation });
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(deletes).toBe(1);
    const put = callsTo(emu, 'PutObject')[0]?.input as { Key?: string };
    expect((error as { stagedObjects?: unknown }).stagedObjects).toEqual([
      expect.objectContaining({ key: put.Key, status: 'deleted' }),
    ]);
  });
});
