import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { polling: { intervalMs: 1, maxIntervalMs: 2 } } as const;
const CLIP = 's3://media/clips/lobby.mp4';

describe('vision.video.start returns a Job<VideoResult>', () => {
  it('keeps kind/jobId/stagedUri, adds id, ref, status, wait, result; video.results(job) still works', async () => {
    const { video } = client().vision;
    const job = await video.start('labels', CLIP);
    expect(job.kind).toBe('labels');
    expect(job.id).toBe(job.jobId);
    expect(job.stagedUri).toBeUndefined();
    expect(job.ref).toEqual({
      kind: 'rekognition.video',
      id: job.jobId,
      api: 'StartLabelDetection',
    });
    expect('cancel' in job).toBe(false);
    expect(await job.status()).toEqual({ id: job.jobId, state: 'in-progress' });
    const seen: string[] = [];
    const end = await job.wait({ pollIntervalMs: 1, onProgress: (s) => seen.push(s.state) });
    expect(end.state).toBe('completed');
    const [result] = await job.result();
    expect(result?.items).toHaveLength(10);
    expect(result?.items[0]?.label.name).toBeTypeOf('string');
    expect(await video.results(job, FAST)).toEqual(result);
    const again = await client().jobs.resume(JSON.stringify(job.ref)).result();
    expect(again).toEqual([result]);
  });

  it('wait stops at its timeout with a TimeoutError; bad options are refused before any request', async () => {
    emu.handle('rekognition', 'GetFaceDetection', () => ({ JobStatus: 'IN_PROGRESS' }));
    const job = await client().vision.video.start('faces', CLIP);
    await expect(job.wait({ pollIntervalMs: 1, timeoutMs: 20 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    const before = emu.calls.length;
    await expect(job.wait({ pollIntervalMs: -1 })).rejects.toThrow(ValidationError);
    await expect(client().vision.video.start('labels', CLIP, { timeoutMs: -1 })).rejects.toThrow(
      ValidationError,
    );
    expect(emu.calls.length).toBe(before);
    expect(callsTo(emu, 'StartLabelDetection')).toHaveLength(0);
  });
});
