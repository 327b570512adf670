import { type JobStatus, ServiceError, ValidationError } from 'aws-ai';
import type { MedicalTranscript } from 'aws-ai/medical';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 };
const OUT = { output: 's3://clinic-out/visits/' };
const STAGING = { staging: { bucket: 'staging-bucket', prefix: 'tmp/' } };

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(ref)));

describe('medical.startTranscription: the one Job type', () => {
  it('start -> ref -> JSON -> ai.jobs.resume in a fresh client -> the transcript the job reads', async () => {
    const job = await client().medical.startTranscription('s3://clinic/visit.mp3', {
      ...OUT,
      speakers: 2,
    });
    expect(job.ref).toEqual({ kind: 'transcribe.medical', id: job.name });
    expect(job.id).toBe(job.name);
    expect(job.name).toMatch(/^aws-ai-medical-/);
    expect(job.stagedUri).toBeUndefined();
    expect(job.cancel).toBeUndefined();
    const start = callsTo(emu, 'StartMedicalTranscriptionJob')[0]?.input;
    expect(start).toMatchObject({
      MedicalTranscriptionJobName: job.name,
      OutputBucketName: 'clinic-out',
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
    });
    expect(job.output).toBe(`s3://clinic-out/${String(start?.OutputKey)}`);
    // Nothing polled yet: the start returns once AWS accepted the job.
    expect(callsTo(emu, 'GetMedicalTranscriptionJob')).toHaveLength(0);

    const [direct, ...more] = await job.result(FAST);
    expect(more).toHaveLength(0);
    const resumed = client().jobs.resume<MedicalTranscript>(shipped(job.ref));
    const [again] = await resumed.result(FAST);
    expect(again?.toJSON()).toEqual(direct?.toJSON());
    expect(direct?.segments.map((s) => s.speaker)).toEqual(['spk_0', 'spk_1', 'spk_0', 'spk_1']);
    expect(await resumed.status()).toEqual({
      id: job.name,
      state: 'completed',
      awsStatus: 'COMPLETED',
    });
  });

  it('gives the same transcript as medical.transcribe of the same media', async () => {
    const own = await client().medical.transcribe('s3://clinic/visit.mp3', { ...OUT, ...FAST });
    const job = await client().medical.startTranscription('s3://clinic/visit.mp3', OUT);
    const [fromJob] = await job.result(FAST);
    // Two jobs: only their generated names differ.
    const named = (t: MedicalTranscript | undefined) =>
      JSON.stringify(t?.toJSON()).replaceAll(job.name, 'NAME');
    expect(named(fromJob)).toBe(
      JSON.stringify(own.toJSON()).replaceAll(own.jobName ?? '?', 'NAME'),
    );
    expect(fromJob?.text).toBe(own.text);
  });

  // docs/medical.md: `output: 's3://bucket/prefix/'` (a key ending in .json names the file). A
  // prefix written without its closing slash is still a folder: the generated name glued to it
  // ('visitsaws-ai-medical-….json', at the bucket's root) is a file nobody asked for.
  it.each([
    ['s3://clinic-out/visits/', 'visits/NAME.json'],
    ['s3://clinic-out/visits', 'visits/NAME.json'],
    ['s3://clinic-out/2024/visits', '2024/visits/NAME.json'],
    ['s3://clinic-out/visits/visit-42.json', 'visits/visit-42.json'],
    ['s3://clinic-out', 'NAME.json'],
    ['s3://clinic-out/', 'NAME.json'],
  ])('output %s: the transcript is written to %s', async (output, key) => {
    const job = await client().medical.startTranscription('s3://clinic/visit.mp3', { output });
    const start = callsTo(emu, 'StartMedicalTranscriptionJob')[0]?.input;
    const expected = key.replace('NAME', job.name);
    expect(start).toMatchObject({ OutputBucketName: 'clinic-out', OutputKey: expected });
    expect(job.output).toBe(`s3://clinic-out/${expected}`);
    const [transcript] = await job.result(FAST);
    expect(transcript?.jobName).toBe(job.name);
  });

  it('stages bytes and keeps them while the job runs (stagedUri)', async () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    const job = await client(STAGING).medical.startTranscription(mp3);
    expect(job.stagedUri).toMatch(/^s3:\/\/staging-bucket\/tmp\/.+\.mp3$/);
    expect(job.output).toMatch(
      /^s3:\/\/staging-bucket\/tmp\/transcripts\/aws-ai-medical-.+\.json$/,
    );
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(0);
    const [t] = await job.result(FAST);
    expect(t?.text.length).toBeGreaterThan(0);
  });

  it('wait: onProgress sees each running check', async () => {
    const job = await client().medical.startTranscription('s3://clinic/a.mp3', OUT);
    const seen: JobStatus[] = [];
    const done = await job.wait({ ...FAST, onProgress: (s) => seen.push(s) });
    expect(seen.map((s) => [s.state, s.awsStatus])).toEqual([
      ['in-progress', 'IN_PROGRESS'],
      ['in-progress', 'IN_PROGRESS'],
    ]);
    expect(done).toMatchObject({ id: job.name, state: 'completed' });
  });

  it('a failed job rejects the resumed job with JobFailed and the reason', async () => {
    emu.handle('transcribe', 'GetMedicalTranscriptionJob', (input) => ({
      MedicalTranscriptionJob: {
        MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
        TranscriptionJobStatus: 'FAILED',
        FailureReason: 'Unsupported media format',
      },
    }));
    const job = client().jobs.resume({ kind: 'transcribe.medical', id: 'visit-1' });
    const err = await job.result(FAST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'JobFailed', message: /Unsupported media format/ });
    expect(await job.status()).toEqual({
      id: 'visit-1',
      state: 'failed',
      awsStatus: 'FAILED',
      message: 'Unsupported media format',
    });
    await expect(job.cancel?.()).rejects.toThrow(/cannot be cancelled/);
  });

  it('bad start options, bad wait options and bad refs are ValidationErrors before any request', async () => {
    const medical = client().medical;
    for (const options of [
      {},
      { output: 'https://x' },
      { ...OUT, speakers: 31 },
      { ...OUT, specialty: 'CARDIOLOGY' },
      { ...OUT, jobNamePrefix: 'no spaces' },
      { ...OUT, timeoutMs: -1 },
    ]) {
      const err = await medical
        .startTranscription('s3://clinic/a.mp3', options as never)
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
    const job = await medical.startTranscription('s3://clinic/a.mp3', OUT);
    const calls = emu.calls.length;
    for (const options of [
      { pollIntervalMs: 0 },
      { maxPollIntervalMs: -1 },
      { onProgress: 'log' },
      { intervalMs: Number.NaN },
      { onPoll: 1 },
      { timeoutMs: -5 },
    ]) {
      const err = await job.result(options as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    for (const ref of [
      { kind: 'transcribe.medical', id: 'has space' },
      { kind: 'transcribe.medical', id: '' },
      { kind: 'transcribe.medical', id: 'a', region: 5 },
    ]) {
      const err = await Promise.resolve()
        .then(() =>
          client()
            .jobs.resume(ref as never)
            .status(),
        )
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(ref)).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(calls);
  });
});

describe('medical.transcribe: the shared wait options', () => {
  it('onProgress (new) and onPoll (deprecated) both see each check', async () => {
    const progress: JobStatus[] = [];
    const polls: Array<[number, string]> = [];
    await client().medical.transcribe('s3://clinic/a.mp3', {
      ...OUT,
      ...FAST,
      onProgress: (s) => progress.push(s),
      onPoll: (info) => polls.push([info.attempt, info.status]),
    });
    expect(progress.map((s) => s.awsStatus)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(progress[0]).toMatchObject({ state: 'in-progress' });
    expect(polls).toEqual([
      [1, 'IN_PROGRESS'],
      [2, 'IN_PROGRESS'],
    ]);
  });

  it('bad poll options (new or deprecated) are refused before any request', async () => {
    const medical = client().medical;
    for (const [options, name] of [
      [{ pollIntervalMs: 0 }, /pollIntervalMs/],
      [{ pollIntervalMs: Number.POSITIVE_INFINITY }, /pollIntervalMs/],
      [{ maxPollIntervalMs: -1 }, /maxPollIntervalMs/],
      [{ onProgress: 'log' }, /onProgress/],
      [{ onPoll: 1 }, /onPoll/],
      [{ timeoutMs: -1 }, /timeoutMs/],
    ] as const) {
      const err = await medical
        .transcribe(new Uint8Array([0x49, 0x44, 0x33, 4]), { ...OUT, ...(options as object) })
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).toMatch(name);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
