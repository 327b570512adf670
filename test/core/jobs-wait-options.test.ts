import { type JobStatus, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import {
  awaitableResults,
  type JobStatus as CoreJobStatus,
  createJob,
  jobWaitOptions,
  type LegacyPollInfo,
} from '../../src/core/job';

const ref = { kind: 'test.kind', id: 'job-1' } as const;

/** A job whose status is `states[i]` on the i-th check (the last one repeats); no AWS involved. */
function scripted(states: Array<CoreJobStatus['state']>, output: number[] = [1, 2, 3]) {
  let checks = 0;
  const job = createJob<number>({
    ref,
    service: 'textract',
    operation: 'DescribeTest',
    describe: async () => {
      const state = states[Math.min(checks, states.length - 1)] ?? 'completed';
      checks++;
      return { id: ref.id, state, awsStatus: state.toUpperCase().replace('-', '_') };
    },
    read: async function* () {
      yield* output;
    },
  });
  return { job, checks: () => checks };
}

describe('core jobWaitOptions: one poll-options shape, the shipped names as deprecated aliases', () => {
  it('maps intervalMs / maxIntervalMs (top level) onto pollIntervalMs / maxPollIntervalMs', () => {
    expect(jobWaitOptions({ intervalMs: 7, maxIntervalMs: 70, timeoutMs: 700 })).toEqual({
      pollIntervalMs: 7,
      maxPollIntervalMs: 70,
      timeoutMs: 700,
    });
  });

  it('maps the nested poll: {} and polling: {} blocks, timeoutMs included', () => {
    expect(jobWaitOptions({ poll: { intervalMs: 3, maxIntervalMs: 30, timeoutMs: 300 } })).toEqual({
      pollIntervalMs: 3,
      maxPollIntervalMs: 30,
      timeoutMs: 300,
    });
    expect(jobWaitOptions({ polling: { intervalMs: 4, timeoutMs: 40 } })).toEqual({
      pollIntervalMs: 4,
      timeoutMs: 40,
    });
  });

  it('a new name wins over its old one', () => {
    expect(
      jobWaitOptions({
        pollIntervalMs: 10,
        intervalMs: 1,
        maxPollIntervalMs: 100,
        poll: { maxIntervalMs: 5, timeoutMs: 9 },
        timeoutMs: 1000,
      }),
    ).toEqual({ pollIntervalMs: 10, maxPollIntervalMs: 100, timeoutMs: 1000 });
  });

  it('onPoll gets the status plus attempt, status (AWS word) and elapsedMs; onProgress gets the status', () => {
    const infos: LegacyPollInfo[] = [];
    const statuses: JobStatus[] = [];
    const wait = jobWaitOptions({
      onPoll: (info) => infos.push(info),
      onProgress: (s) => statuses.push(s),
    });
    const first = { id: 'j', state: 'in-progress', awsStatus: 'IN_PROGRESS' } as const;
    wait.onProgress?.(first);
    wait.onProgress?.({ id: 'j', state: 'submitted' });
    expect(statuses).toEqual([first, { id: 'j', state: 'submitted' }]);
    expect(infos.map(({ attempt, status, state, id }) => ({ attempt, status, state, id }))).toEqual(
      [
        { attempt: 1, status: 'IN_PROGRESS', state: 'in-progress', id: 'j' },
        { attempt: 2, status: 'submitted', state: 'submitted', id: 'j' },
      ],
    );
    expect(infos[1]?.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [{ pollIntervalMs: 0 }, /^pollIntervalMs must be/],
    [{ maxPollIntervalMs: -1 }, /^maxPollIntervalMs must be/],
    [{ timeoutMs: -1 }, /^timeoutMs must be/],
    [{ onProgress: 1 }, /^onProgress must be a function/],
    [{ intervalMs: 0 }, /^intervalMs must be/],
    [{ maxIntervalMs: 'fast' }, /^maxIntervalMs must be/],
    [{ onPoll: {} }, /^onPoll must be a function/],
    [{ poll: { intervalMs: -1 } }, /^poll\.intervalMs must be/],
    [{ polling: { timeoutMs: Number.NaN } }, /^polling\.timeoutMs must be/],
    [{ poll: null }, /^poll must be an object/],
    ['soon', /must be an object/],
  ])('refuses %j with a ValidationError naming the option', (options, message) => {
    const run = () => jobWaitOptions(options as never);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(message);
  });
});

describe('createJob: the deprecated names work on every job', () => {
  it('wait({ intervalMs, onPoll }) polls like wait({ pollIntervalMs, onProgress })', async () => {
    const a = scripted(['submitted', 'in-progress', 'completed']);
    const progress: string[] = [];
    const done = await a.job.wait({ pollIntervalMs: 1, onProgress: (s) => progress.push(s.state) });
    expect(done.state).toBe('completed');
    expect(progress).toEqual(['submitted', 'in-progress']);

    const b = scripted(['submitted', 'in-progress', 'completed']);
    const polls: string[] = [];
    await b.job.wait({ intervalMs: 1, onPoll: (i) => polls.push(`${i.attempt}:${i.status}`) });
    expect(polls).toEqual(['1:SUBMITTED', '2:IN_PROGRESS']);
    expect(b.checks()).toBe(a.checks());
  });

  it('bad wait options reject before the first status check', async () => {
    const { job, checks } = scripted(['completed']);
    await expect(job.wait({ pollIntervalMs: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(job.result({ poll: { intervalMs: -1 } })).rejects.toThrow(/poll\.intervalMs/);
    const iterator = job.results({ onPoll: 5 as never })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(ValidationError);
    expect(checks()).toBe(0);
  });

  it('awaitableResults: for await and (deprecated) await give the same items', async () => {
    const { job } = scripted(['completed'], [4, 5]);
    const results = awaitableResults(job.results(), () => job.result());
    const iterated: number[] = [];
    for await (const n of results) iterated.push(n);
    expect(iterated).toEqual([4, 5]);
    expect(await results).toEqual([4, 5]);
    const failing = scripted(['failed']).job;
    const thenable = awaitableResults(failing.results(), () => failing.result());
    await expect(thenable.catch((e: unknown) => (e as { code?: string }).code)).resolves.toBe(
      'JobFailed',
    );
  });
});
