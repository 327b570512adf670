import type { PollInfo } from 'aws-ai';
import type { SpeechSynthesisOutput } from 'aws-ai/speech';
import type { TextJobRecord, TextJobSentiment, TextJobStatus } from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { useEmulator } from '../helpers/emulator';

// Code written against the shipped job shapes, with the callback and result types spelled as users
// spelled them: it must still compile (tsc runs over test/) and still run.
const { client } = await useEmulator();
const roleArn = 'arn:aws:iam::123456789012:role/ComprehendAccess';

describe('code written for the shipped job shapes still compiles and runs', () => {
  it('text: wait({ intervalMs, onPoll(status: TextJobStatus) }) and await job.results()', async () => {
    const job = await client().text.startSentimentJob({
      input: 's3://corpus/in/',
      output: 's3://corpus/out/',
      roleArn,
      language: 'en',
    });
    const seen: TextJobStatus[] = [];
    const status: TextJobStatus = await job.wait({
      intervalMs: 1,
      maxIntervalMs: 2,
      onPoll: (s: TextJobStatus) => seen.push(s),
    });
    expect(status.outputUri).toMatch(/^s3:\/\/corpus\/out\//);
    expect(seen.map((s) => s.id)).toEqual([job.id]);
    const records: TextJobRecord<TextJobSentiment>[] = await job.results({ intervalMs: 1 });
    expect(Array.isArray(records)).toBe(true);
  });

  it('speech: onPoll(info: PollInfo) on transcribe, poll: {} on analyzeCall, wait() as the output', async () => {
    const polls: PollInfo[] = [];
    await client().speech.transcribe('s3://media/a.mp3', {
      pollIntervalMs: 1,
      onPoll: (info: PollInfo) => polls.push(info),
    });
    expect(polls.map((p) => [p.attempt, p.status])).toEqual([
      [1, 'IN_PROGRESS'],
      [2, 'IN_PROGRESS'],
    ]);
    const call = await client().speech.analyzeCall('s3://calls/1.wav', {
      output: 's3://calls/out/',
      poll: { intervalMs: 1, maxIntervalMs: 2, timeoutMs: 60_000 },
    });
    expect(call.turns.length).toBeGreaterThan(0);
    const job = await client().speech.synthesizeToS3('Hello there.', {
      output: 's3://audio-out/x/',
      voice: 'Joanna',
    });
    const out: SpeechSynthesisOutput = await job.wait({
      intervalMs: 1,
      onPoll: (info: PollInfo) => polls.push(info),
    });
    expect(out.audio).toHaveLength(1);
    expect(out.characters).toBe(12);
  });

  it('documents: poll: { intervalMs, onPoll(info: PollInfo) }', async () => {
    const statuses: Array<string | undefined> = [];
    const doc = await client({ staging: { bucket: 'staging' } }).documents.text(pdf(2), {
      poll: { intervalMs: 1, onPoll: (info: PollInfo) => statuses.push(info.status) },
    });
    expect(doc.run?.mode).toBe('async');
    expect(statuses).toEqual(['IN_PROGRESS']);
  });
});
