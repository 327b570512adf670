import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectPages, type PollInfo, type PollResult, pages, poll } from '../../src/core/polling';
import { AbortError, ServiceError, TimeoutError, ValidationError } from '../../src/errors';

afterEach(() => {
  vi.useRealTimers();
});

/** A job that reports IN_PROGRESS `pending` times, then finishes with `value`. */
function fakeJob<T>(pending: number, value: T) {
  const checks: number[] = [];
  const check = async (): Promise<PollResult<T>> => {
    checks.push(Date.now());
    return checks.length > pending ? { done: true, value } : { done: false, status: 'IN_PROGRESS' };
  };
  return { check, checks };
}

describe('poll', () => {
  it('checks at once, then backs off by factor up to maxIntervalMs', async () => {
    vi.useFakeTimers();
    const job = fakeJob(5, 'result');
    const infos: PollInfo[] = [];
    const started = Date.now();
    const done = poll(job.check, {
      intervalMs: 100,
      factor: 2,
      maxIntervalMs: 300,
      onPoll: (info) => infos.push(info),
    });
    await vi.runAllTimersAsync();
    await expect(done).resolves.toBe('result');
    expect(job.checks.map((t) => t - started)).toEqual([0, 100, 300, 600, 900, 1200]);
    expect(infos.map((i) => [i.attempt, i.status])).toEqual([
      [1, 'IN_PROGRESS'],
      [2, 'IN_PROGRESS'],
      [3, 'IN_PROGRESS'],
      [4, 'IN_PROGRESS'],
      [5, 'IN_PROGRESS'],
    ]);
  });

  it('uses 1000 ms growing by 1.5 up to 10000 ms by default', async () => {
    vi.useFakeTimers();
    const job = fakeJob(8, 1);
    const started = Date.now();
    const done = poll(job.check);
    await vi.runAllTimersAsync();
    await done;
    const gaps = job.checks.slice(1).map((t, i) => t - (job.checks[i] ?? started));
    expect(gaps).toEqual([1000, 1500, 2250, 3375, 5062.5, 7593.75, 10000, 10000].map(Math.floor));
  });

  it('throws TimeoutError at the deadline instead of sleeping past it', async () => {
    const job = fakeJob(Number.POSITIVE_INFINITY, 'never');
    const started = performance.now();
    const error = await poll(job.check, { intervalMs: 20, factor: 1, timeoutMs: 70 }).catch(
      (err: unknown) => err,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('ETIMEDOUT');
    expect((error as TimeoutError).message).toMatch(
      /after 70 ms \(\d checks, last status IN_PROGRESS\)/,
    );
    // The deadline is honoured (never given up early); how late is machine noise, not behaviour.
    expect(elapsed).toBeGreaterThanOrEqual(65);
    expect(job.checks.length).toBeGreaterThanOrEqual(3);
  });

  it('times out a check that hangs past the deadline and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const error = await poll(
      (signal) => {
        seen = signal;
        return new Promise<PollResult<string>>(() => {});
      },
      { timeoutMs: 30 },
    ).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it('stops with AbortError at once on abort during a wait', async () => {
    const controller = new AbortController();
    const job = fakeJob(Number.POSITIVE_INFINITY, 0);
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    const error = await poll(job.check, { intervalMs: 5000, signal: controller.signal }).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(500);
    expect(job.checks).toHaveLength(1);
  });

  it('stops with AbortError on abort during a check that ignores its signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const error = await poll(() => new Promise<PollResult<number>>(() => {}), {
      signal: controller.signal,
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AbortError);
  });

  it('rejects without checking when the signal is already aborted', async () => {
    const job = fakeJob(0, 1);
    await expect(poll(job.check, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(job.checks).toHaveLength(0);
  });

  it('lets errors thrown by check propagate unchanged', async () => {
    const failure = new ServiceError('job failed', { code: 'FAILED' });
    await expect(
      poll(async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('rejects invalid options', async () => {
    const job = fakeJob(0, 1);
    await expect(poll(job.check, { factor: 0.5 })).rejects.toThrow(ValidationError);
    await expect(poll(job.check, { intervalMs: -1 })).rejects.toThrow(/intervalMs/);
    await expect(poll(job.check, { timeoutMs: Number.NaN })).rejects.toThrow(/timeoutMs/);
  });
});

/** Pages named by their token: undefined → 'p0', 't1' → 'p1', …; `last` pages in all. */
function fakePages(last: number) {
  const tokens: Array<string | undefined> = [];
  const fetchPage = async (token: string | undefined) => {
    tokens.push(token);
    const n = token === undefined ? 0 : Number(token.slice(1));
    return { page: `p${n}`, nextToken: n + 1 < last ? `t${n + 1}` : undefined };
  };
  return { fetchPage, tokens };
}

describe('pages and collectPages', () => {
  it('follows nextToken to the last page, in order', async () => {
    const source = fakePages(4);
    expect(await collectPages(source.fetchPage)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(source.tokens).toEqual([undefined, 't1', 't2', 't3']);
  });

  it('treats an empty nextToken as the last page', async () => {
    const got = await collectPages(async () => ({ page: 1, nextToken: '' }));
    expect(got).toEqual([1]);
  });

  it('stops after maxPages', async () => {
    const source = fakePages(10);
    expect(await collectPages(source.fetchPage, { maxPages: 2 })).toEqual(['p0', 'p1']);
    expect(source.tokens).toHaveLength(2);
  });

  it('throws on a repeated token instead of looping for ever', async () => {
    let calls = 0;
    const error = await collectPages(async () => {
      calls++;
      return { page: calls, nextToken: 'same' };
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('RepeatedNextToken');
    expect(calls).toBe(2);
  });

  it('yields pages lazily from the generator', async () => {
    const source = fakePages(5);
    const seen: string[] = [];
    for await (const page of pages(source.fetchPage)) {
      seen.push(page);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['p0', 'p1']);
    expect(source.tokens).toHaveLength(2);
  });

  it('stops with AbortError when aborted during a page fetch', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = collectPages(
      async (token) => {
        calls++;
        if (token) {
          controller.abort();
          await new Promise(() => {});
        }
        return { page: calls, nextToken: 'next' };
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(2);
  });
});
