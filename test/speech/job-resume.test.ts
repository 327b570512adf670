import { type JobStatus, ServiceError, ValidationError } from 'aws-ai';
import type { CallAnalysis, SpeechSynthesisOutput, Transcript } from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 };
const STAGING = { staging: { bucket: 'staging-bucket', prefix: 'tmp/' } };

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(ref)));

describe('speech.startTranscription: the one Job type', () => {
  it('start -> ref -> JSON -> ai.jobs.resume -> the transcript the job itself reads', async () => {
    const job = await client(STAGING).speech.startTranscription('s3://media/talk.mp3', {
      speakers: 2,
      subtitles: true,
    });
    expect(job.ref).toEqual({ kind: 'transcribe.transcription', id: job.name });
    expect(job.id).toBe(job.name);
    expect(job.stagedUri).toBeUndefined();
    expect(callsTo(emu, 'StartTranscriptionJob')[0]?.input).toMatchObject({
      TranscriptionJobName: job.name,
      OutputBucketName: 'staging-bucket',
    });
    const [direct] = await job.result(FAST);
    const resumed = client(STAGING).jobs.resume<Transcript>(shipped(job.ref));
    const [again, ...rest] = await resumed.result(FAST);
    expect(rest).toHaveLength(0);
    expect(again?.toJSON()).toEqual(direct?.toJSON());
    expect(again?.subtitles?.srt).toBe(direct?.subtitles?.srt);
    expect(direct?.segments.length).toBeGreaterThan(0);
  });

  it('gives the same transcript as speech.transcribe of the same media', async () => {
    const own = await client(STAGING).speech.transcribe('s3://media/talk.mp3', FAST);
    const job = await client(STAGING).speech.startTranscription('s3://media/talk.mp3');
    const [fromJob] = await job.result(FAST);
    // Two jobs: only their generated names differ.
    expect({ ...fromJob?.toJSON(), jobName: own.jobName }).toEqual(own.toJSON());
    expect(fromJob?.jobName).toBe(job.name);
  });

  it('stages bytes and keeps them while the job runs (stagedUri), no cancel', async () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    const job = await client(STAGING).speech.startTranscription(mp3);
    expect(job.stagedUri).toMatch(/^s3:\/\/staging-bucket\/tmp\/.+\.mp3$/);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(0);
    expect(job.cancel).toBeUndefined();
  });

  it('transcribe: onProgress (new) and onPoll (deprecated) both see each check', async () => {
    const progress: JobStatus[] = [];
    await client().speech.transcribe('s3://media/a.mp3', {
      ...FAST,
      onProgress: (s) => progress.push(s),
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ state: 'in-progress', awsStatus: 'IN_PROGRESS' });
    const polls: Array<[number, string]> = [];
    await client().speech.transcribe('s3://media/a.mp3', {
      pollIntervalMs: 1,
      onPoll: (info) => polls.push([info.attempt, info.status]),
    });
    expect(polls).toEqual(progress.map((_, i) => [i + 1, 'IN_PROGRESS']));
  });

  it('poll options are checked before any request', async () => {
    const speech = client(STAGING).speech;
    for (const [options, name] of [
      [{ pollIntervalMs: 0 }, /pollIntervalMs/],
      [{ maxPollIntervalMs: -1 }, /maxPollIntervalMs/],
      [{ onProgress: 'log' }, /onProgress/],
      [{ onPoll: 1 }, /onPoll/],
    ] as const) {
      const err = await speech
        .transcribe(new Uint8Array([0x49, 0x44, 0x33, 4]), options as never)
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).toMatch(name);
    }
    const job = await client().speech.startTranscription('s3://media/a.mp3');
    const calls = emu.calls.length;
    await expect(job.wait({ pollIntervalMs: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(job.result({ intervalMs: -1 } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(calls);
  });
});

describe('speech.startCallAnalysis: the one Job type', () => {
  const options = { output: 's3://calls/analytics/', summarization: true };

  it('start -> ref -> JSON -> ai.jobs.resume -> the analysis analyzeCall returns', async () => {
    const own = await client().speech.analyzeCall('s3://calls/1.wav', {
      ...options,
      name: 'call-own',
      ...FAST,
    });
    const job = await client().speech.startCallAnalysis('s3://calls/1.wav', {
      ...options,
      name: 'call-job',
    });
    expect(job.ref).toEqual({ kind: 'transcribe.call-analytics', id: 'call-job' });
    const [direct] = await job.result(FAST);
    const [again] = await client().jobs.resume<CallAnalysis>(shipped(job.ref)).result(FAST);
    expect(again).toEqual(direct);
    // Two jobs: only their names differ.
    const named = (value: unknown) => JSON.stringify(value).replaceAll('call-job', 'call-own');
    expect(named(direct)).toBe(JSON.stringify(own));
    expect(direct?.summary).toContain('refunded the second charge');
  });

  it('analyzeCall: top-level pollIntervalMs/onProgress and the deprecated poll: {} both work', async () => {
    const progress: string[] = [];
    await client().speech.analyzeCall('s3://calls/1.wav', {
      ...options,
      pollIntervalMs: 1,
      maxPollIntervalMs: 2,
      onProgress: (s) => progress.push(String(s.awsStatus)),
    });
    expect(progress).toEqual(['IN_PROGRESS']);
    const polls: string[] = [];
    await client().speech.analyzeCall('s3://calls/1.wav', {
      ...options,
      poll: { intervalMs: 1, maxIntervalMs: 2, onPoll: (info) => polls.push(info.status) },
    });
    expect(polls).toEqual(['IN_PROGRESS']);
  });

  it('bad poll options (new or deprecated) are refused before any request', async () => {
    for (const bad of [
      { pollIntervalMs: 0 },
      { maxPollIntervalMs: Number.NaN },
      { poll: { intervalMs: -1 } },
      { poll: { timeoutMs: -5 } },
      { poll: 'fast' },
    ]) {
      const err = await client()
        .speech.analyzeCall('s3://calls/1.wav', { ...options, ...(bad as object) })
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('a failed job rejects the resumed job with JobFailed and Transcribe reason', async () => {
    emu.handle('transcribe', 'GetCallAnalyticsJob', (input) => ({
      CallAnalyticsJob: {
        CallAnalyticsJobName: input.CallAnalyticsJobName,
        CallAnalyticsJobStatus: 'FAILED',
        FailureReason: 'The media format is not supported.',
      },
    }));
    const job = client().jobs.resume({ kind: 'transcribe.call-analytics', id: 'call-x' });
    const err = await job.result(FAST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'JobFailed', message: /media format is not supported/ });
    await expect(job.cancel?.()).rejects.toThrow(/cannot be cancelled/);
  });
});

describe('speech.synthesizeToS3: the one Job type', () => {
  const text = 'Hello there. This is a short article.';
  const options = { output: 's3://audio-out/articles/', voice: 'Joanna', marks: ['word'] } as const;

  it('start -> ref -> JSON -> ai.jobs.resume -> the same files', async () => {
    const job = await client().speech.synthesizeToS3(text, options);
    const [task] = job.tasks;
    expect(job.id).toBe(task?.id);
    expect(job.ref).toEqual({
      kind: 'polly.synthesis',
      id: task?.id,
      voice: 'Joanna',
      tasks: [{ id: task?.id, marksId: task?.marksId, start: 0, end: 37 }],
    });
    const [direct] = await job.result(FAST);
    expect(direct).toEqual({
      audio: [`s3://audio-out/articles/${task?.id}.mp3`],
      marks: [`s3://audio-out/articles/${task?.marksId}.marks`],
      characters: 37,
    });
    const resumed = client().jobs.resume<SpeechSynthesisOutput>(shipped(job.ref));
    expect(await resumed.result(FAST)).toEqual([direct]);
    expect(await resumed.status()).toMatchObject({
      id: task?.id,
      state: 'completed',
      progress: { done: 2, total: 2 },
    });
  });

  it('wait: new names and deprecated ones; it resolves to the status holding the output', async () => {
    const job = await client().speech.synthesizeToS3(text, options);
    const seen: JobStatus[] = [];
    const done = await job.wait({ ...FAST, onProgress: (s) => seen.push(s) });
    expect(seen.map((s) => s.state)).toEqual(['in-progress']);
    expect(done).toMatchObject({ state: 'completed', characters: 37, audio: [expect.any(String)] });
    const again = await client().speech.synthesizeToS3(text, options);
    const polls: string[] = [];
    const old = await again.wait({
      intervalMs: 1,
      maxIntervalMs: 2,
      onPoll: (info) => polls.push(`${info.attempt}:${info.status}`),
    });
    expect(polls).toEqual(['1:in-progress']);
    expect(old.audio).toEqual([`s3://audio-out/articles/${again.tasks[0]?.id}.mp3`]);
  });

  it('bad wait options and bad refs are ValidationErrors before any request', async () => {
    const job = await client().speech.synthesizeToS3(text, options);
    const calls = emu.calls.length;
    await expect(job.wait({ pollIntervalMs: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(job.wait({ maxIntervalMs: -1 })).rejects.toBeInstanceOf(ValidationError);
    const ai = client();
    for (const ref of [
      { kind: 'polly.synthesis', id: 'a', voice: 'Joanna' },
      { kind: 'polly.synthesis', id: 'a', voice: 'Joanna', tasks: [{ id: 'b', start: 0, end: 1 }] },
      { kind: 'polly.synthesis', id: 'a', tasks: [{ id: 'a', start: 0, end: 1 }] },
      { kind: 'polly.synthesis', id: 'a', voice: 'J', tasks: [{ id: 'a', start: -1, end: 1 }] },
      // TaskId: 1-100 of [a-zA-Z0-9_-] (polly.json).
      {
        kind: 'polly.synthesis',
        id: 'a'.repeat(101),
        voice: 'J',
        tasks: [{ id: 'a'.repeat(101), start: 0, end: 1 }],
      },
    ]) {
      await expect(ai.jobs.resume(ref).status()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(calls);
  });

  it("resumes a ref whose task ids use Polly's whole TaskId alphabet (underscores included)", async () => {
    const ref = {
      kind: 'polly.synthesis',
      id: 'task_1',
      voice: 'J',
      tasks: [{ id: 'task_1', start: 0, end: 1 }],
    };
    // Sent, and answered by Polly: this task is unknown to the emulator.
    await expect(client().jobs.resume(ref).status()).rejects.toMatchObject({
      code: 'SynthesisTaskNotFoundException',
    });
    expect(callsTo(emu, 'GetSpeechSynthesisTask')[0]?.input.TaskId).toBe('task_1');
  });
});
