import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ServiceError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { intervalMs: 1, maxIntervalMs: 2 };

async function read(uri: string): Promise<Uint8Array> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body?.transformToByteArray() ?? new Uint8Array();
}

describe('speech.synthesizeToS3', () => {
  it('starts one Polly task, polls it with the shared poller and returns the S3 file', async () => {
    const job = await client().speech.synthesizeToS3('Hello there. This is a short article.', {
      output: 's3://audio-out/articles/',
      voice: 'Joanna',
      engine: 'neural',
    });
    expect(job.tasks).toHaveLength(1);
    expect(job.tasks[0]).toMatchObject({ start: 0, end: 37 });
    const [start] = callsTo(emu, 'StartSpeechSynthesisTask');
    expect(start?.input).toMatchObject({
      Text: 'Hello there. This is a short article.',
      VoiceId: 'Joanna',
      Engine: 'neural',
      OutputFormat: 'mp3',
      OutputS3BucketName: 'audio-out',
      OutputS3KeyPrefix: 'articles/',
      TextType: 'text',
    });
    const polls: string[] = [];
    const out = await job.wait({ ...FAST, onPoll: (info) => polls.push(String(info.status)) });
    expect(polls).toEqual(['in-progress']);
    expect(out.audio).toEqual([`s3://audio-out/articles/${job.tasks[0]?.id}.mp3`]);
    expect(out.characters).toBe(37);
    const bytes = await read(out.audio[0] as string);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(await job.status()).toMatchObject({ state: 'completed', completed: 1, total: 1 });
  });

  it('splits a text over 100,000 billed characters into tasks in order, with marks tasks', async () => {
    const sentence = 'The quick brown fox jumps over the lazy dog. ';
    const text = sentence.repeat(5_000); // 225,000 characters
    const job = await client().speech.synthesizeToS3(text, {
      output: 's3://audio-out/book',
      marks: ['sentence', 'word'],
    });
    const starts = callsTo(emu, 'StartSpeechSynthesisTask');
    const audio = starts.filter((c) => c.input.OutputFormat === 'mp3');
    const marks = starts.filter((c) => c.input.OutputFormat === 'json');
    expect(audio.length).toBe(3);
    expect(marks.length).toBe(3);
    for (const c of audio) expect((c.input.Text as string).length).toBeLessThanOrEqual(100_000);
    expect(audio.map((c) => c.input.Text).join('')).toBe(text);
    expect(marks[0]?.input.SpeechMarkTypes).toEqual(['sentence', 'word']);
    // The tasks cover the text in order.
    expect(job.tasks.map((t) => [t.start, t.end])).toEqual(
      audio.map((_, i) => [job.tasks[i]?.start, job.tasks[i]?.end]),
    );
    expect(job.tasks[0]?.start).toBe(0);
    expect(job.tasks.at(-1)?.end).toBe(text.length);
    const out = await job.wait(FAST);
    expect(out.audio).toHaveLength(3);
    expect(out.marks).toHaveLength(3);
    expect(out.marks?.[0]).toMatch(/^s3:\/\/audio-out\/book.*\.marks$/);
    const firstMarks = new TextDecoder().decode(await read(out.marks?.[0] as string));
    expect(firstMarks.split('\n')[0]).toContain('"type":"sentence"');
    expect(out.characters).toBe(text.length);
  });

  it('a failed task ends wait with SynthesisTaskFailed and Polly reason', async () => {
    const job = await client().speech.synthesizeToS3('Hello world.', { output: 's3://audio-out/' });
    emu.handle('polly', 'GetSpeechSynthesisTask', (input) => ({
      SynthesisTask: {
        TaskId: input.TaskId,
        TaskStatus: 'failed',
        TaskStatusReason: 'Access denied to the bucket',
      },
    }));
    const err = await job.wait(FAST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'SynthesisTaskFailed' });
    expect((err as Error).message).toContain('Access denied to the bucket');
    expect(await job.status()).toMatchObject({
      state: 'failed',
      message: 'Access denied to the bucket',
    });
  });

  it('refuses bad input before any call', async () => {
    const speech = client().speech;
    const bad: Array<[string, Record<string, unknown>]> = [
      ['', { output: 's3://audio-out/' }],
      ['Hello', {}],
      ['Hello', { output: 'https://bucket/x' }],
      ['Hello', { output: 's3://Bad_Bucket/' }],
      ['Hello', { output: `s3://audio-out/${'a'.repeat(801)}` }],
      ['Hello', { output: 's3://audio-out/', format: 'wav' }],
      ['Hello', { output: 's3://audio-out/', format: 'pcm', sampleRate: 44100 }],
      ['Hello', { output: 's3://audio-out/', marks: ['ssml'] }],
      ['Hello', { output: 's3://audio-out/', snsTopic: 'topic' }],
    ];
    for (const [text, options] of bad) {
      const err = await speech
        .synthesizeToS3(text, options as { output: string })
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it("runs the docs' long-form example, and refuses long-form for a voice Polly has no long-form for", async () => {
    // Polly's long-form US English voices are Danielle, Gregory and Ruth; Joanna and Matthew have none.
    const speech = client().speech;
    const job = await speech.synthesizeToS3('Call me Ishmael. Some years ago.', {
      output: 's3://my-audio/books/moby-dick/',
      voice: 'Ruth',
      engine: 'long-form',
    });
    const [output] = await job.result(FAST);
    expect(output?.audio).toEqual([`s3://my-audio/books/moby-dick/${job.id}.mp3`]);
    expect(callsTo(emu, 'StartSpeechSynthesisTask')[0]?.input).toMatchObject({
      VoiceId: 'Ruth',
      Engine: 'long-form',
    });
    const calls = emu.calls.length;
    for (const voice of ['Joanna', 'Matthew']) {
      await expect(
        speech.synthesizeToS3('Call me Ishmael.', {
          output: 's3://my-audio/books/',
          voice,
          engine: 'long-form',
        }),
      ).rejects.toThrow(new RegExp(`${voice} does not support the long-form engine`));
    }
    expect(callsTo(emu, 'StartSpeechSynthesisTask')).toHaveLength(1);
    expect(emu.calls.slice(calls).map((c) => c.operation)).toEqual([]);
  });
});
