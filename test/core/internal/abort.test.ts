import { describe, expect, it } from 'vitest';
import {
  abortErrorFrom,
  deadlineSignal,
  raceSignal,
  sleep,
  throwIfAborted,
} from '../../../src/core/internal/abort';
import { AbortError, ServiceError, TimeoutError } from '../../../src/errors';

describe('abortErrorFrom', () => {
  it('keeps an aws-ai error, maps a DOM TimeoutError, wraps anything else in AbortError', () => {
    const own = new TimeoutError('late');
    expect(abortErrorFrom(own)).toBe(own);
    expect(abortErrorFrom(new DOMException('t', 'TimeoutError'))).toBeInstanceOf(TimeoutError);
    const reason = new DOMException('a', 'AbortError');
    const error = abortErrorFrom(reason);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe(reason);
    expect(error.code).toBe('ABORT_ERR');
  });
});

describe('throwIfAborted', () => {
  it('throws AbortError only for an aborted signal', () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(AbortSignal.abort())).toThrow(AbortError);
  });
});

describe('sleep', () => {
  it('waits about the given time', async () => {
    const started = performance.now();
    await sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(18);
  });

  it('rejects with AbortError at once when aborted, before or during the wait', async () => {
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 5);
    await expect(sleep(10_000, controller.signal)).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('raceSignal', () => {
  it('settles like the promise when the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(raceSignal(Promise.resolve(1), signal)).resolves.toBe(1);
    const failure = new ServiceError('x');
    await expect(raceSignal(Promise.reject(failure), signal)).rejects.toBe(failure);
    await expect(raceSignal(Promise.resolve(2), undefined)).resolves.toBe(2);
  });

  it('rejects as soon as the signal fires, without waiting for the promise', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    await expect(raceSignal(new Promise(() => {}), controller.signal)).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});

describe('deadlineSignal', () => {
  it('returns the caller signal unchanged without a timeout', () => {
    const caller = new AbortController().signal;
    const deadline = deadlineSignal(caller, undefined);
    expect(deadline.signal).toBe(caller);
    expect(deadlineSignal(undefined, undefined).signal).toBeUndefined();
  });

  it('fires with a TimeoutError reason at the deadline and reports timedOut()', async () => {
    const deadline = deadlineSignal(undefined, 10);
    expect(deadline.timedOut()).toBe(false);
    await expect(sleep(1000, deadline.signal)).rejects.toBeInstanceOf(TimeoutError);
    expect(deadline.timedOut()).toBe(true);
    expect(deadline.signal?.reason).toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('fires with the caller reason when the caller aborts first', () => {
    const caller = new AbortController();
    const deadline = deadlineSignal(caller.signal, 10_000);
    caller.abort('stop');
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.signal?.reason).toBe('stop');
    expect(deadline.timedOut()).toBe(false);
    deadline.cleanup();
  });

  it('is aborted at once for an already aborted caller signal', () => {
    const deadline = deadlineSignal(AbortSignal.abort('early'), 10_000);
    expect(deadline.signal?.reason).toBe('early');
  });

  it('never fires after cleanup()', async () => {
    const caller = new AbortController();
    const deadline = deadlineSignal(caller.signal, 5);
    deadline.cleanup();
    await sleep(20);
    caller.abort();
    expect(deadline.signal?.aborted).toBe(false);
    expect(deadline.timedOut()).toBe(false);
  });
});
