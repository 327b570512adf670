import { type JobStatus, ValidationError } from 'aws-ai';
import type { VideoLabel, VideoResult } from 'aws-ai/vision';
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

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(ref)));
/** A result without its job id (two jobs of the same video differ only there). */
const withoutJob = ({ jobId: _, ...rest }: VideoResult<unknown>) => rest;

describe('vision.video.*: the shared wait options (polling: {} deprecated)', () => {
  it('start -> ref -> JSON -> ai.jobs.resume in a fresh client -> the result video.labels gives', async () => {
    const direct = await client().vision.video.labels(CLIP, { pollIntervalMs: 1 });
    const job = await client().vision.video.start('labels', CLIP, { pollIntervalMs: 1 });
    const [resumed, ...more] = await client()
      .jobs.resume<VideoResult<VideoLabel>>(shipped(job.ref))
      .result({ pollIntervalMs: 1, maxPollIntervalMs: 2 });
    expect(more).toHaveLength(0);
    expect(resumed?.jobId).toBe(job.jobId);
    expect(withoutJob(resumed as VideoResult<unknown>)).toEqual(withoutJob(direct));
    expect(direct.items).toHaveLength(10);
  });

  it('top-level pollIntervalMs / maxPollIntervalMs / onProgress drive the polling', async () => {
    const seen: JobStatus[] = [];
    const out = await client().vision.video.labels(CLIP, {
      pollIntervalMs: 1,
      maxPollIntervalMs: 2,
      onProgress: (s) => seen.push(s),
    });
    expect(seen).toEqual([{ id: out.jobId, state: 'in-progress', awsStatus: 'IN_PROGRESS' }]);
    const faces: string[] = [];
    const job = await client().vision.video.start('faces', CLIP);
    await client().vision.video.results(job, {
      pollIntervalMs: 1,
      onProgress: (s) => faces.push(String(s.awsStatus)),
    });
    expect(faces).toEqual(['IN_PROGRESS']);
  });

  it('the deprecated polling: {} still works, its onPoll seeing attempt and status', async () => {
    const polls: Array<[number, string | undefined]> = [];
    const progress: string[] = [];
    await client().vision.video.text(CLIP, {
      onProgress: (s) => progress.push(s.state),
      polling: {
        intervalMs: 1,
        maxIntervalMs: 2,
        onPoll: (i) => polls.push([i.attempt, i.status]),
      },
    });
    expect(polls).toEqual([[1, 'IN_PROGRESS']]);
    expect(progress).toEqual(['in-progress']);
  });

  it('a top-level name wins over its polling one', async () => {
    // With polling.intervalMs the second check would come a minute later (past the test timeout).
    const out = await client().vision.video.segments(CLIP, {
      pollIntervalMs: 1,
      maxPollIntervalMs: 2,
      polling: { intervalMs: 60_000, maxIntervalMs: 60_000 },
    });
    expect(out.pages).toBeGreaterThan(0);
    expect(callsTo(emu, 'GetSegmentDetection').length).toBeGreaterThan(1);
  });

  it('a start waiting for a job slot tries again at the top-level interval', async () => {
    let refusals = 2;
    emu.handle('rekognition', 'StartLabelDetection', () => {
      if (refusals-- > 0) throw emu.error('LimitExceededException', 'Too many concurrent jobs');
      return { JobId: 'job-after-wait' };
    });
    const started = await client().vision.video.start('labels', CLIP, {
      pollIntervalMs: 1,
      maxPollIntervalMs: 2,
      polling: { intervalMs: 60_000 },
    });
    expect(started.jobId).toBe('job-after-wait');
    expect(callsTo(emu, 'StartLabelDetection')).toHaveLength(3);
  });

  it('bad wait options, new or deprecated, are refused before any request', async () => {
    const { video } = client().vision;
    const bad = [
      [{ pollIntervalMs: 0 }, /pollIntervalMs/],
      [{ pollIntervalMs: Number.NaN }, /pollIntervalMs/],
      [{ maxPollIntervalMs: -1 }, /maxPollIntervalMs/],
      [{ onProgress: 'log' }, /onProgress/],
      [{ polling: { intervalMs: -1 } }, /polling\.intervalMs/],
      [{ polling: { maxIntervalMs: '2' } }, /polling\.maxIntervalMs/],
      [{ polling: { timeoutMs: -5 } }, /polling\.timeoutMs/],
      [{ polling: { onPoll: 1 } }, /polling\.onPoll/],
      [{ polling: 'fast' }, /polling/],
    ] as const;
    for (const [options, name] of bad) {
      for (const call of [
        () => video.labels(CLIP, options as never),
        () => video.start('faces', CLIP, options as never),
        () => video.results({ kind: 'labels', jobId: 'job-1' }, options as never),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
        expect(String((err as Error).message)).toMatch(name);
      }
    }
    expect(emu.calls).toHaveLength(0);
  });
});
