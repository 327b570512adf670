import { AbortError, AwsAIError, NotFoundError, ServiceError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { mp4, png } from './images';

const { emu, client } = await useEmulator();
const FAST = { polling: { intervalMs: 1, maxIntervalMs: 2 } } as const;
const CLIP = 's3://media/clips/lobby.mp4';

describe('vision video jobs', () => {
  it('starts, polls past IN_PROGRESS and merges 3 pages into one time-ordered result', async () => {
    const polls: Array<string | undefined> = [];
    const out = await client().vision.video.labels(CLIP, {
      minConfidence: 70,
      polling: { intervalMs: 1, onPoll: (info) => polls.push(info.status) },
    });
    expect(polls).toEqual(['IN_PROGRESS']);
    expect(out.pages).toBe(3);
    expect(out.items).toHaveLength(10);
    expect(out.items.map((i) => i.timestampMs)).toEqual([
      0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000,
    ]);
    expect(out.video).toMatchObject({ frameWidth: 1280, frameHeight: 720, codec: 'h264' });
    const box = out.items[0]?.label.instances[0]?.box;
    expect(box?.pixels?.width).toBe(Math.round((box?.width ?? 0) * 1280));

    const start = callsTo(emu, 'StartLabelDetection');
    expect(start).toHaveLength(1);
    expect(start[0]?.input).toMatchObject({
      Video: { S3Object: { Bucket: 'media', Name: 'clips/lobby.mp4' } },
      MinConfidence: 70,
    });
    const gets = callsTo(emu, 'GetLabelDetection');
    // IN_PROGRESS, SUCCEEDED (page 1), page 2, page 3
    expect(gets.map((g) => g.input.NextToken)).toEqual([
      undefined,
      undefined,
      expect.any(String),
      expect.any(String),
    ]);
    expect(gets.every((g) => g.input.MaxResults === 1000 && g.input.SortBy === 'TIMESTAMP')).toBe(
      true,
    );
  });

  it('sorts items by time across pages the service returned out of order', async () => {
    const pages = [
      { Labels: [{ Timestamp: 5000, Label: { Name: 'B' } }], NextToken: 't1' },
      {
        Labels: [
          { Timestamp: 1000, Label: { Name: 'A' } },
          { Timestamp: 5000, Label: { Name: 'C' } },
        ],
      },
    ];
    emu.handle('rekognition', 'StartLabelDetection', () => ({ JobId: 'job-1' }));
    emu.handle('rekognition', 'GetLabelDetection', (input) => ({
      JobStatus: 'SUCCEEDED',
      ...(input.NextToken === 't1' ? pages[1] : pages[0]),
    }));
    const out = await client().vision.video.labels(CLIP, FAST);
    expect(out.items.map((i) => i.label.name)).toEqual(['A', 'B', 'C']);
    expect(out.video).toBeUndefined();
  });

  it('maps every kind of video job', async () => {
    const { video } = client().vision;
    const faces = await video.faces(CLIP, { ...FAST, faceAttributes: 'ALL' });
    expect(faces.items[0]?.face.box?.pixels).toBeDefined();
    const text = await video.text(CLIP, FAST);
    expect(text.items[3]?.text.text).toBe('FRAME 3');
    const moderation = await video.moderation(CLIP, FAST);
    expect(moderation.items[0]?.label.name).toBe('Violence');
    const celebrities = await video.celebrities(CLIP, FAST);
    expect(celebrities.items[0]?.celebrity.face.box?.pixels).toBeDefined();
    const segments = await video.segments(CLIP, FAST);
    expect(segments.items[2]).toMatchObject({
      timestampMs: 2000,
      endTimestampMs: 3000,
      type: 'SHOT',
      detail: '2',
      startTimecode: '00:00:02:00',
    });
    expect(segments.video?.frameWidth).toBe(1280);
    expect(callsTo(emu, 'StartSegmentDetection')[0]?.input.SegmentTypes).toEqual([
      'TECHNICAL_CUE',
      'SHOT',
    ]);
    const persons = await video.persons(CLIP, FAST);
    expect(persons.items.map((p) => p.index).slice(0, 3)).toEqual([0, 1, 0]);
  });

  it('start + results for SNS flows', async () => {
    const { video } = client().vision;
    const job = await video.start('text', CLIP, {
      notificationChannel: {
        snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:done',
        roleArn: 'arn:aws:iam::123456789012:role/rek',
      },
      jobTag: 'batch-7',
    });
    expect(job.kind).toBe('text');
    expect(callsTo(emu, 'StartTextDetection')[0]?.input).toMatchObject({
      NotificationChannel: { SNSTopicArn: 'arn:aws:sns:us-east-1:123456789012:done' },
      JobTag: 'batch-7',
    });
    const result = await video.results(job, FAST);
    expect(result.jobId).toBe(job.jobId);
    expect(result.items).toHaveLength(10);
  });

  it('a failed job is a ServiceError with the status message', async () => {
    emu.handle('rekognition', 'StartFaceDetection', () => ({ JobId: 'job-f' }));
    emu.handle('rekognition', 'GetFaceDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'Unsupported codec',
    }));
    const err = await client()
      .vision.video.faces(CLIP, FAST)
      .catch((e: unknown) => e);
    expect(ServiceError.isInstance(err)).toBe(true);
    expect((err as ServiceError).code).toBe('JobFailed');
    expect((err as Error).message).toMatch(/Unsupported codec/);
  });

  it('LimitExceededException on start (too many jobs) waits for a free slot, then starts', async () => {
    let refusals = 2;
    emu.handle('rekognition', 'StartLabelDetection', () => {
      if (refusals-- > 0) throw emu.error('LimitExceededException', 'Too many concurrent jobs');
      return { JobId: 'job-after-wait' };
    });
    const started = await client().vision.video.start('labels', CLIP, FAST);
    expect(started.jobId).toBe('job-after-wait');
    expect(callsTo(emu, 'StartLabelDetection')).toHaveLength(3);
  });

  it('gives up with the service error when no slot frees before polling.timeoutMs', async () => {
    emu.handle('rekognition', 'StartLabelDetection', () => {
      throw emu.error('LimitExceededException', 'Too many concurrent jobs');
    });
    const err = await client()
      .vision.video.labels(CLIP, { polling: { intervalMs: 5, maxIntervalMs: 5, timeoutMs: 400 } })
      .catch((e: unknown) => e);
    expect(AwsAIError.isInstance(err)).toBe(true);
    expect((err as AwsAIError).code).toBe('LimitExceededException');
    expect((err as AwsAIError).retryable).toBe(false);
    expect(callsTo(emu, 'StartLabelDetection').length).toBeGreaterThan(1);
  });

  it('the emulator refuses a 21st running job until one has finished', async () => {
    const { video } = client().vision;
    // Other tests may leave a job running (one aborted mid-poll), so fill the 20 slots until refused.
    const quick = { polling: { intervalMs: 5, maxIntervalMs: 5, timeoutMs: 40 } };
    const jobs = [];
    let refused: unknown;
    for (let i = 0; i <= 20 && refused === undefined; i++) {
      try {
        jobs.push(await video.start('persons', `s3://media/many/${i}.mp4`, quick));
      } catch (err) {
        refused = err;
      }
    }
    expect((refused as AwsAIError).code).toBe('LimitExceededException');
    expect(jobs.length).toBeGreaterThan(15);
    expect(jobs.length).toBeLessThanOrEqual(20);
    // Finishing the jobs frees the slots (and keeps later tests independent of this one).
    await Promise.all(jobs.map((job) => video.results(job, FAST)));
    expect((await video.start('persons', 's3://media/many/20.mp4', quick)).jobId).toBeTruthy();
  });

  it('aborting while the job runs stops polling with an AbortError', async () => {
    emu.handle('rekognition', 'StartLabelDetection', () => ({ JobId: 'job-slow' }));
    emu.handle('rekognition', 'GetLabelDetection', () => ({ JobStatus: 'IN_PROGRESS' }));
    const controller = new AbortController();
    const err = await client()
      .vision.video.labels(CLIP, {
        signal: controller.signal,
        polling: { intervalMs: 10_000, onPoll: () => controller.abort() },
      })
      .catch((e: unknown) => e);
    expect(AbortError.isInstance(err)).toBe(true);
    expect(callsTo(emu, 'GetLabelDetection')).toHaveLength(1);
  });

  it('an unknown job id is a NotFoundError', async () => {
    const err = await client()
      .vision.video.results({ kind: 'labels', jobId: 'nope' }, FAST)
      .catch((e: unknown) => e);
    expect(NotFoundError.isInstance(err)).toBe(true);
  });

  it('video bytes are staged, and the upload deleted once the job ended', async () => {
    const out = await client({ staging: { bucket: 'media' } }).vision.video.labels(mp4(), FAST);
    expect(out.items).toHaveLength(10);
    const key = callsTo(emu, 'PutObject')[0]?.input.Key;
    expect(String(key)).toMatch(/\.mp4$/);
    expect(callsTo(emu, 'StartLabelDetection')[0]?.input.Video).toEqual({
      S3Object: { Bucket: 'media', Name: key },
    });
    expect(callsTo(emu, 'DeleteObject')[0]?.input.Key).toBe(key);
  });

  it('refuses bad video input before any call', async () => {
    const { video } = client().vision;
    const attempts: Array<[() => Promise<unknown>, RegExp]> = [
      [() => video.labels(png(100, 100)), /video is a PNG file.*MP4 or MOV/],
      [() => video.labels('s3://media/song.mp3'), /looks like mp3 by its extension/],
      [() => video.labels(mp4()), /reads its input from S3.*staging/],
      [() => video.segments(CLIP, { minConfidence: 20 }), /minConfidence must be a number from 50/],
      [
        () => video.labels(CLIP, { notificationChannel: { snsTopicArn: 'x', roleArn: 'y' } }),
        /notificationChannel needs an snsTopicArn/,
      ],
      [() => video.start('gestures' as 'labels', CLIP), /video kind must be one of/],
    ];
    for (const [attempt, message] of attempts) {
      const err = await attempt().catch((e: unknown) => e);
      expect(ValidationError.isInstance(err)).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
