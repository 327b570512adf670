import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type JobStatus, ServiceError, ValidationError } from 'aws-ai';
import type { TextJobRecord, TextJobSentiment, TextTranslationFile } from 'aws-ai/text';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
afterAll(() => s3.destroy());
const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

const roleArn = 'arn:aws:iam::123456789012:role/ComprehendAccess';
const FAST = { pollIntervalMs: 1 };

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown) => JSON.parse(JSON.stringify(ref));

describe('text jobs are the one Job type', () => {
  it('sentiment: start -> ref -> JSON -> ai.jobs.resume -> the same records as the job itself', async () => {
    await put('jr-in', 'reviews/a.txt', 'I love this hotel\nThe room was dirty');
    const job = await client().text.startSentimentJob({
      input: 's3://jr-in/reviews/',
      output: 's3://jr-out/',
      roleArn,
      language: 'en',
    });
    expect(job.ref).toEqual({ kind: 'comprehend.detection', id: job.id, api: 'Sentiment' });
    const direct = await job.result(FAST);
    const other = client(); // a fresh client, as in another Lambda
    const resumed = other.jobs.resume<TextJobRecord<TextJobSentiment>>(
      JSON.stringify(shipped(job.ref)),
    );
    expect(resumed.id).toBe(job.id);
    const again: TextJobRecord<TextJobSentiment>[] = [];
    for await (const record of resumed.results(FAST)) again.push(record);
    expect(again).toEqual(direct);
    expect(again.map((r) => r.result?.sentiment)).toEqual(['positive', 'negative']);
  });

  it('translation: the resumed job reads the same files, in the order of `to`', async () => {
    await put('jt-in', 'docs/a.txt', 'Hello cat');
    const job = await client().text.startTranslationJob({
      input: 's3://jt-in/docs/',
      output: 's3://jt-out/',
      roleArn,
      to: ['de', 'fr'],
    });
    expect(job.ref).toEqual({ kind: 'translate.text', id: job.id, to: ['de', 'fr'] });
    const direct = await job.result(FAST);
    const again = await client().jobs.resume<TextTranslationFile>(shipped(job.ref)).result(FAST);
    expect(again).toEqual(direct);
    expect(again.map((f) => [f.to, f.text])).toEqual([
      ['de', 'Hallo Katze'],
      ['fr', 'Bonjour chat'],
    ]);
  });

  it('results() is an async iterable and, deprecated, still awaitable as an array', async () => {
    await put('jw-in', 'r.txt', 'Wonderful breakfast');
    const job = await client().text.startKeyPhrasesJob({
      input: 's3://jw-in/r.txt',
      output: 's3://jw-out/',
      roleArn,
      language: 'en',
    });
    const iterated = [];
    for await (const record of job.results(FAST)) iterated.push(record);
    const awaited = await job.results(FAST);
    expect(Array.isArray(awaited)).toBe(true);
    expect(awaited).toEqual(iterated);
    expect(awaited[0]?.result?.keyPhrases.map((k) => k.text)).toEqual(['Wonderful', 'breakfast']);
  });

  it('wait: the new names (pollIntervalMs, onProgress) and the deprecated ones (intervalMs, onPoll) both poll', async () => {
    const ai = client();
    const base = { input: 's3://corpus/in/', output: 's3://corpus/out/', roleArn, language: 'en' };
    const fresh = await ai.text.startEntitiesJob(base);
    const progress: JobStatus[] = [];
    const done = await fresh.wait({ pollIntervalMs: 1, onProgress: (s) => progress.push(s) });
    expect(done).toMatchObject({ id: fresh.id, state: 'completed', awsStatus: 'COMPLETED' });
    expect(progress.map((s) => [s.state, s.awsStatus])).toEqual([['in-progress', 'IN_PROGRESS']]);

    const old = await ai.text.startEntitiesJob(base);
    const polls: Array<[string, number, string]> = [];
    const finished = await old.wait({
      intervalMs: 1,
      maxIntervalMs: 2,
      onPoll: (info) => polls.push([info.state, info.attempt, info.status]),
    });
    expect(finished.state).toBe('completed');
    expect(polls).toEqual([['in-progress', 1, 'IN_PROGRESS']]);
  });

  it('COMPLETED_WITH_ERROR is partially-completed (a success), STOP_REQUESTED is stopping', async () => {
    let describes = 0;
    emu.handle('translate', 'DescribeTextTranslationJob', (input) => ({
      TextTranslationJobProperties: {
        JobId: input.JobId,
        JobStatus: ++describes === 1 ? 'STOP_REQUESTED' : 'COMPLETED_WITH_ERROR',
      },
    }));
    const job = await client().text.startTranslationJob({
      input: 's3://corpus/in/',
      output: 's3://corpus/out/',
      roleArn,
      to: 'fr',
    });
    const seen: string[] = [];
    const done = await job.wait({ ...FAST, onProgress: (s) => seen.push(s.state) });
    expect(seen).toEqual(['stopping']);
    expect(done.state).toBe('partially-completed');
  });

  it('cancel() is Stop<Kind>DetectionJob / StopTextTranslationJob: stopping, then wait() rejects JobFailed', async () => {
    const base = { input: 's3://corpus/in/', output: 's3://corpus/out/', roleArn };
    const pii = await client().text.startPiiJob({ ...base, language: 'en' });
    await pii.cancel();
    expect(callsTo(emu, 'StopPiiEntitiesDetectionJob').map((c) => c.input)).toEqual([
      { JobId: pii.id },
    ]);
    expect(await pii.status()).toMatchObject({
      id: pii.id,
      state: 'stopping',
      awsStatus: 'STOP_REQUESTED',
    });
    // A job that ends `stopped` rejects wait() with ServiceError JobFailed (docs/jobs.md).
    const stopped = await pii.wait(FAST).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ServiceError);
    expect(stopped).toMatchObject({
      code: 'JobFailed',
      message: `Job ${pii.id} ended stopped`,
    });
    expect(await pii.status()).toMatchObject({ state: 'stopped', awsStatus: 'STOPPED' });

    const translation = await client().text.startTranslationJob({ ...base, to: 'fr' });
    const resumed = client().jobs.resume(shipped(translation.ref));
    await resumed.cancel?.();
    expect(callsTo(emu, 'StopTextTranslationJob').map((c) => c.input)).toEqual([
      { JobId: translation.id },
    ]);
    expect(await resumed.status()).toMatchObject({ state: 'stopping' });
    const seen: string[] = [];
    const err = await resumed
      .wait({ ...FAST, onProgress: (s) => seen.push(s.state) })
      .catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({
      code: 'JobFailed',
      message: `Job ${translation.id} ended stopped`,
    });
    await expect(resumed.result(FAST)).rejects.toMatchObject({ code: 'JobFailed' });
  });

  it('cancel() of a completed job: Comprehend refuses it (InvalidRequestException), Translate leaves it completed', async () => {
    const base = { input: 's3://corpus/in/', output: 's3://corpus/out/', roleArn };
    const sentiment = await client().text.startSentimentJob({ ...base, language: 'en' });
    expect((await sentiment.wait(FAST)).state).toBe('completed');
    const err = await sentiment.cancel().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({
      code: 'InvalidRequestException',
      operation: 'StopSentimentDetectionJob',
    });
    expect(await sentiment.status()).toMatchObject({ state: 'completed' });

    const translation = await client().text.startTranslationJob({ ...base, to: 'fr' });
    expect((await translation.wait(FAST)).state).toBe('completed');
    await translation.cancel();
    expect(await translation.status()).toMatchObject({ state: 'completed' });
  });

  it('a failed job rejects with ServiceError JobFailed and AWS reason', async () => {
    emu.handle('comprehend', 'DescribeSentimentDetectionJob', (input) => ({
      SentimentDetectionJobProperties: {
        JobId: input.JobId,
        JobStatus: 'FAILED',
        Message: 'role cannot read input',
      },
    }));
    const job = await client().text.startSentimentJob({
      input: 's3://corpus/in/',
      output: 's3://corpus/out/',
      roleArn,
      language: 'en',
    });
    const err = await client()
      .jobs.resume(shipped(job.ref))
      .result(FAST)
      .catch((e) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'JobFailed', message: /role cannot read input/ });
  });

  it('poll options are checked before any request, new and deprecated names alike', async () => {
    const job = await client().text.startSentimentJob({
      input: 's3://corpus/in/',
      output: 's3://corpus/out/',
      roleArn,
      language: 'en',
    });
    const resumed = client().jobs.resume(shipped(job.ref));
    const calls = emu.calls.length;
    for (const [options, name] of [
      [{ pollIntervalMs: 0 }, /pollIntervalMs/],
      [{ maxPollIntervalMs: -1 }, /maxPollIntervalMs/],
      [{ timeoutMs: Number.NaN }, /timeoutMs/],
      [{ onProgress: 'log' }, /onProgress/],
      [{ intervalMs: -1 }, /intervalMs/],
      [{ maxIntervalMs: 0 }, /maxIntervalMs/],
      [{ onPoll: 42 }, /onPoll/],
    ] as const) {
      const err = await job.wait(options as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).toMatch(name);
      await expect(resumed.result(options as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(calls);
  });

  it("a ref's region is read by a client of another region; a region that is not a string is refused", async () => {
    const job = await client().text.startSentimentJob({
      input: 's3://corpus/in/',
      output: 's3://corpus/out/',
      roleArn,
      language: 'en',
    });
    const other = client({ region: 'eu-west-1' });
    const resumed = other.jobs.resume({ ...job.ref, region: 'us-east-1' });
    expect((await resumed.wait(FAST)).state).toBe('completed');
    const calls = emu.calls.length;
    const bad = other.jobs.resume({ ...job.ref, region: 7 } as never);
    await expect(bad.status()).rejects.toThrow(/ref\.region must be a string/);
    expect(emu.calls).toHaveLength(calls);
  });

  it('a malformed text ref is a ValidationError before any request', async () => {
    const ai = client();
    for (const ref of [
      { kind: 'comprehend.detection', id: 'abc', api: 'Syntax' },
      { kind: 'comprehend.detection', id: '', api: 'Sentiment' },
      { kind: 'comprehend.detection', id: 'abc', api: 'PiiEntities', mode: 'masked' },
      { kind: 'translate.text', id: 'abc', to: [] },
      { kind: 'translate.text', id: 'abc', to: 'fr' },
      { kind: 'translate.text', id: 'abc', to: ['fr'], contentType: 'image/png' },
      // Without `to` (the ref a completion event gives) it is valid, but a content type is checked.
      { kind: 'translate.text', id: 'abc', contentType: 'image/png' },
    ]) {
      await expect(ai.jobs.resume(ref).status()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
