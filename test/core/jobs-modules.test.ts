import { ValidationError } from 'aws-ai';
import type { Transcript } from 'aws-ai/speech';
import type { VideoLabel, VideoResult } from 'aws-ai/vision';
import { describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { callsTo, useEmulator } from '../helpers/emulator';
import { sampleEvent as event, withJobId } from '../helpers/job-events';

const { emu, client } = await useEmulator();
const FAST = { pollIntervalMs: 1 };

describe('ai.jobs: Transcribe transcription jobs', () => {
  it('fromEvent on the "Transcribe Job State Change" event reads the transcript speech.transcribe read', async () => {
    const staging = { staging: { bucket: 'staging-bucket', prefix: 'tmp/' } };
    const own = await client(staging).speech.transcribe('s3://media/talk.mp3', {
      subtitles: true,
      speakers: 2,
      ...FAST,
    });
    const name = String(callsTo(emu, 'StartTranscriptionJob')[0]?.input.TranscriptionJobName);
    const sample = event('transcribe-job-state-change') as { detail: Record<string, unknown> };
    sample.detail.TranscriptionJobName = name;
    const job = client(staging).jobs.fromEvent<Transcript>(sample);
    expect(job.ref).toEqual({ kind: 'transcribe.transcription', id: name, region: 'us-west-2' });
    expect(job.cancel).toBeTypeOf('function'); // lazy: refuses when called
    await expect(job.cancel?.()).rejects.toThrow(/cannot be cancelled/);
    expect(await job.status()).toEqual({ id: name, state: 'completed', awsStatus: 'COMPLETED' });
    const [again, ...rest] = await job.result(FAST);
    expect(rest).toHaveLength(0);
    expect(again?.toJSON()).toEqual(own.toJSON());
    expect(again?.subtitles?.srt).toBe(own.subtitles?.srt);
  });

  it('resume from the JSON ref: wait polls through QUEUED/IN_PROGRESS with onProgress', async () => {
    const ai = client();
    const started = ai.speech.transcribe('s3://media/interview.mp3', { pollIntervalMs: 50 });
    // The job's name once StartTranscriptionJob went out.
    let name: string | undefined;
    while (!name) {
      await new Promise((r) => setTimeout(r, 1));
      name = callsTo(emu, 'StartTranscriptionJob')[0]?.input.TranscriptionJobName as string;
    }
    const job = client().jobs.resume(
      JSON.stringify({ kind: 'transcribe.transcription', id: name }),
    );
    const seen: string[] = [];
    const status = await job.wait({ ...FAST, onProgress: (s) => seen.push(s.state) });
    expect(status.state).toBe('completed');
    const own = await started;
    const [again] = (await job.result()) as [typeof own];
    expect(again.toJSON()).toEqual(own.toJSON());
    expect(seen.every((s) => s === 'in-progress' || s === 'submitted')).toBe(true);
  });

  it('a failed job rejects with JobFailed and the reason; a bad name is refused before any request', async () => {
    emu.handle('transcribe', 'GetTranscriptionJob', () => ({
      TranscriptionJob: {
        TranscriptionJobName: 'gone',
        TranscriptionJobStatus: 'FAILED',
        FailureReason: 'Bad media',
      },
    }));
    const job = client().jobs.resume({ kind: 'transcribe.transcription', id: 'gone' });
    expect(await job.status()).toMatchObject({ state: 'failed', message: 'Bad media' });
    await expect(job.result(FAST)).rejects.toMatchObject({
      code: 'JobFailed',
      message: /Bad media/,
    });
    emu.reset();
    const bad = client().jobs.resume({ kind: 'transcribe.transcription', id: 'no spaces allowed' });
    await expect(bad.status()).rejects.toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('ai.jobs: Textract jobs', () => {
  const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } };
  const POLL = { poll: { intervalMs: 1, maxIntervalMs: 2 } };

  it("fromEvent on Textract's SNS message through SQS reads the analysis documents.analyze read", async () => {
    const own = await client(STAGING).documents.analyze(pdf(3), {
      forms: true,
      tables: true,
      ...POLL,
    });
    const jobId = own.run?.jobId as string;
    const sample = withJobId(event('textract-sns-message-via-sqs'), jobId, 'sqs');
    const job = client().jobs.fromEvent(sample);
    expect(job.ref).toMatchObject({ kind: 'textract', id: jobId, api: 'StartDocumentAnalysis' });
    const [again] = await job.result(FAST);
    expect(again).toEqual(own);
  });

  it('resumes text detection and expense jobs from a hand-made ref', async () => {
    const ai = client(STAGING);
    const text = await ai.documents.text(pdf(2), POLL);
    const expense = await ai.documents.expense(pdf(2), POLL);
    const fresh = client();
    const [t] = await fresh.jobs
      .resume({
        kind: 'textract',
        id: text.run?.jobId as string,
        api: 'StartDocumentTextDetection',
      })
      .result(FAST);
    expect(t).toEqual(text);
    const [e] = await fresh.jobs
      .resume({ kind: 'textract', id: expense.run?.jobId as string, api: 'StartExpenseAnalysis' })
      .result(FAST);
    expect(e).toEqual(expense);
  });

  it('status() reports in-progress, then failed with the message; refs without a known api are refused before any request', async () => {
    const ai = client();
    emu.handle('textract', 'StartDocumentTextDetection', () => ({ JobId: 'job-1' }));
    let checks = 0;
    emu.handle('textract', 'GetDocumentTextDetection', () =>
      ++checks === 1
        ? { JobStatus: 'IN_PROGRESS' }
        : { JobStatus: 'FAILED', StatusMessage: 'Unsupported document' },
    );
    const job = ai.jobs.resume({
      kind: 'textract',
      id: 'job-1',
      api: 'StartDocumentTextDetection',
    });
    expect(await job.status()).toEqual({
      id: 'job-1',
      state: 'in-progress',
      awsStatus: 'IN_PROGRESS',
    });
    expect(await job.status()).toEqual({
      id: 'job-1',
      state: 'failed',
      awsStatus: 'FAILED',
      message: 'Unsupported document',
    });
    expect(callsTo(emu, 'GetDocumentTextDetection')[0]?.input).toEqual({
      JobId: 'job-1',
      MaxResults: 1,
    });
    emu.reset();
    for (const ref of [
      { kind: 'textract', id: 'job-1' },
      { kind: 'textract', id: 'job-1', api: 'StartLendingAnalysis' },
      { kind: 'textract', id: 'bad id', api: 'StartDocumentAnalysis' },
    ]) {
      await expect(ai.jobs.resume(ref).status()).rejects.toThrow(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('ai.jobs: Rekognition Video jobs', () => {
  const POLLING = { polling: { intervalMs: 1, maxIntervalMs: 2 } } as const;

  it("fromEvent on Rekognition's SNS message reads the result video.results reads", async () => {
    const { video } = client().vision;
    const started = await video.start('labels', 's3://media/clips/lobby.mp4');
    const own = await video.results(started, POLLING);
    const sample = withJobId(event('rekognition-sns-message-lambda'), started.jobId, 'sns');
    const job = client().jobs.fromEvent<VideoResult<VideoLabel>>(sample);
    expect(job.ref).toMatchObject({
      kind: 'rekognition.video',
      id: started.jobId,
      api: 'StartLabelDetection',
    });
    expect((await job.status()).state).toBe('completed');
    const [again] = await job.result(FAST);
    expect(again).toEqual(own);
    expect(again?.items).toHaveLength(10);
  });

  it('resumes every kind from its JSON ref, waiting through IN_PROGRESS', async () => {
    const { video } = client().vision;
    const started = await video.start('persons', 's3://media/clips/lobby.mp4');
    const job = client().jobs.resume(
      JSON.stringify({ kind: 'rekognition.video', id: started.jobId, api: 'StartPersonTracking' }),
    );
    const seen: string[] = [];
    await job.wait({ ...FAST, onProgress: (s) => seen.push(s.state) });
    expect(seen).toEqual(['in-progress']);
    expect(callsTo(emu, 'GetPersonTracking')[0]?.input).toMatchObject({ MaxResults: 1 });
    const [again] = await job.result();
    expect(again).toEqual(await video.results(started, POLLING));
  });

  it('refuses unknown APIs and job ids before any request', async () => {
    const ai = client();
    for (const ref of [
      { kind: 'rekognition.video', id: 'abc' },
      { kind: 'rekognition.video', id: 'abc', api: 'StartFaceSearch' },
      { kind: 'rekognition.video', id: 'a/b', api: 'StartLabelDetection' },
    ]) {
      await expect(ai.jobs.resume(ref).result()).rejects.toThrow(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
