import { describe, expect, it } from 'vitest';
import { chunk, type ItemOutcome, mapBatched, settleBatch } from '../../src/core/batching';
import {
  AbortError,
  BatchError,
  BatchItemError,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from '../../src/errors';

const ok = <R>(value: R): ItemOutcome<R> => ({ ok: true, value });
const fail = <R>(error: ThrottlingError | ValidationError | ServiceError): ItemOutcome<R> => ({
  ok: false,
  error,
});
const noDelay = { minDelayMs: 0, maxDelayMs: 0 };
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('chunk', () => {
  it('splits into consecutive groups of at most size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 5)).toEqual([[1, 2]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => chunk([1], 0)).toThrow(ValidationError);
    expect(() => chunk([1], 1.5)).toThrow(/positive integer/);
  });
});

describe('mapBatched', () => {
  it('keeps input order with concurrent batches finishing in random order', async () => {
    const items = Array.from({ length: 103 }, (_, i) => i);
    let inFlight = 0;
    let maxInFlight = 0;
    const batchSizes: number[] = [];
    const results = await mapBatched(items, {
      batchSize: 10,
      concurrency: 3,
      send: async (batch, indices) => {
        expect(indices).toEqual(batch); // items are their own indices here
        batchSizes.push(batch.length);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await wait(Math.random() * 8);
        inFlight--;
        return batch.map((n) => ok(n * 2));
      },
    });
    expect(results).toEqual(items.map((n) => n * 2));
    expect(maxInFlight).toBe(3);
    expect(batchSizes.toSorted((a, b) => b - a)).toEqual([...Array<number>(10).fill(10), 3]);
  });

  it('puts item failures at their input index, copying the AWS fields', async () => {
    const invalid = new ValidationError('text is empty', {
      service: 'comprehend',
      operation: 'BatchDetectSentiment',
      code: 'InvalidRequestException',
      statusCode: 400,
      requestId: 'req-1',
    });
    const results = await mapBatched(['a', '', 'c', '', 'e'], {
      batchSize: 2,
      send: async (batch) => batch.map((t) => (t ? ok(t.toUpperCase()) : fail<string>(invalid))),
    });
    expect(results.slice(0, 1)).toEqual(['A']);
    expect(results[2]).toBe('C');
    expect(results[4]).toBe('E');
    for (const index of [1, 3]) {
      const error = results[index];
      expect(error).toBeInstanceOf(BatchItemError);
      expect(error).toMatchObject({
        index,
        message: 'text is empty',
        service: 'comprehend',
        operation: 'BatchDetectSentiment',
        code: 'InvalidRequestException',
        statusCode: 400,
        requestId: 'req-1',
        retryable: false,
        cause: invalid,
      });
    }
  });

  it('retries retryable items alone, re-batched together, until they succeed', async () => {
    const calls: string[][] = [];
    const attempts = new Map<string, number>();
    const results = await mapBatched(['a', 'flaky1', 'b', 'c', 'flaky2', 'd'], {
      batchSize: 4,
      retryDelay: noDelay,
      send: async (batch) => {
        calls.push(batch);
        return batch.map((item) => {
          const n = (attempts.get(item) ?? 0) + 1;
          attempts.set(item, n);
          if (item.startsWith('flaky') && n === 1) return fail(new ThrottlingError('slow down'));
          return ok(`${item}#${n}`);
        });
      },
    });
    expect(results).toEqual(['a#1', 'flaky1#2', 'b#1', 'c#1', 'flaky2#2', 'd#1']);
    expect(calls).toEqual([
      ['a', 'flaky1', 'b', 'c'],
      ['flaky2', 'd'],
      ['flaky1', 'flaky2'],
    ]);
  });

  it('reports a retryable item with its last error once itemRetries rounds are used', async () => {
    let calls = 0;
    const results = await mapBatched(['x', 'y'], {
      batchSize: 25,
      itemRetries: 2,
      retryDelay: noDelay,
      send: async (batch) => {
        calls++;
        return batch.map((item) =>
          item === 'x' ? fail<string>(new ThrottlingError(`throttled #${calls}`)) : ok(item),
        );
      },
    });
    expect(calls).toBe(3); // the first call and 2 retry rounds
    expect(results[1]).toBe('y');
    expect(results[0]).toBeInstanceOf(BatchItemError);
    expect(results[0]).toMatchObject({ index: 0, retryable: true, message: 'throttled #3' });
  });

  it('does not retry with itemRetries: 0', async () => {
    let calls = 0;
    const results = await mapBatched([1], {
      batchSize: 1,
      itemRetries: 0,
      send: async () => {
        calls++;
        return [fail<number>(new ThrottlingError('throttled'))];
      },
    });
    expect(calls).toBe(1);
    expect(results[0]).toBeInstanceOf(BatchItemError);
  });

  it('fails every item of a call that throws, with the error as cause', async () => {
    const boom = new ServiceError('internal error', {
      code: 'InternalServerException',
      statusCode: 500,
      retryable: true,
      requestId: 'req-9',
    });
    let sends = 0;
    const results = await mapBatched([1, 2, 3, 4, 5], {
      batchSize: 2,
      retryDelay: { minDelayMs: 1, maxDelayMs: 2 },
      send: async (batch) => {
        sends++;
        if (batch.includes(3)) throw boom;
        return batch.map(ok);
      },
    });
    // A retryable whole-call failure is re-sent in each of the 3 retry rounds before it sticks.
    expect(sends).toBe(3 + 3);
    expect(results.slice(0, 2)).toEqual([1, 2]);
    expect(results[4]).toBe(5);
    for (const index of [2, 3]) {
      expect(results[index]).toMatchObject({
        index,
        code: 'InternalServerException',
        statusCode: 500,
        requestId: 'req-9',
        retryable: true,
        cause: boom,
      });
    }
  });

  it('re-sends the items of a call that failed for a passing reason, not of a final one', async () => {
    const calls: number[][] = [];
    let throttledOnce = false;
    const results = await mapBatched([1, 2, 3, 4], {
      batchSize: 2,
      concurrency: 1,
      retryDelay: { minDelayMs: 1, maxDelayMs: 2 },
      send: async (batch) => {
        calls.push(batch);
        if (batch.includes(1) && !throttledOnce) {
          throttledOnce = true;
          throw new ThrottlingError('slow down');
        }
        if (batch.includes(3)) throw new ValidationError('bad input');
        return batch.map(ok);
      },
    });
    expect(calls).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
    ]);
    expect(results.slice(0, 2)).toEqual([1, 2]);
    expect(results[2]).toBeInstanceOf(BatchItemError);
    expect((results[3] as BatchItemError).cause).toBeInstanceOf(ValidationError);
  });

  it('does not re-send a call that ran out of time', async () => {
    let sends = 0;
    const results = await mapBatched([1], {
      batchSize: 1,
      retryDelay: { minDelayMs: 1, maxDelayMs: 2 },
      send: async () => {
        sends++;
        throw new TimeoutError('too slow', { retryable: true });
      },
    });
    expect(sends).toBe(1);
    expect(results[0]).toBeInstanceOf(BatchItemError);
  });

  it('fails every item of a call that returns the wrong number of outcomes', async () => {
    const results = await mapBatched(['a', 'b', 'c'], {
      batchSize: 2,
      send: async (batch) => (batch.length === 2 ? [ok('only one')] : batch.map(ok)),
    });
    expect(results[2]).toBe('c');
    for (const index of [0, 1]) {
      const error = results[index] as BatchItemError;
      expect(error).toBeInstanceOf(BatchItemError);
      expect(error.index).toBe(index);
      expect(error.cause).toBeInstanceOf(ServiceError);
      expect(error.message).toBe('The batch call returned 1 results for 2 items');
      expect(error.code).toBe('BatchResultMismatch');
    }
  });

  it('splits calls by the byte budget and refuses an item larger than the budget', async () => {
    const calls: string[][] = [];
    const results = await mapBatched(['aaaa', 'bbbb', 'cc', 'dddddd', 'e', 'ffffffffff'], {
      batchSize: 25,
      maxBatchBytes: 8,
      itemBytes: (s) => s.length,
      send: async (batch) => {
        calls.push(batch);
        return batch.map(ok);
      },
    });
    expect(calls).toEqual([['aaaa', 'bbbb'], ['cc', 'dddddd'], ['e']]);
    expect(results.slice(0, 5)).toEqual(['aaaa', 'bbbb', 'cc', 'dddddd', 'e']);
    expect(results[5]).toMatchObject({ index: 5 });
    expect((results[5] as BatchItemError).message).toMatch(/10 bytes, more than the 8 bytes/);
  });

  it('rejects with AbortError promptly when aborted during a call', async () => {
    const controller = new AbortController();
    let sent = 0;
    const run = mapBatched(
      Array.from({ length: 100 }, (_, i) => i),
      {
        batchSize: 5,
        concurrency: 2,
        signal: controller.signal,
        // A send that ignores the signal: mapBatched must not wait for it.
        send: async (batch) => {
          sent++;
          await wait(5_000);
          return batch.map(ok);
        },
      },
    );
    setTimeout(() => controller.abort(), 5);
    const started = performance.now();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sent).toBe(2);
  });

  it('rejects with AbortError when aborted during the backoff between rounds', async () => {
    const controller = new AbortController();
    const run = mapBatched(['a'], {
      batchSize: 1,
      signal: controller.signal,
      retryDelay: { minDelayMs: 5000, maxDelayMs: 5000 },
      send: async () => {
        setTimeout(() => controller.abort(), 5);
        return [fail<string>(new ThrottlingError('throttled'))];
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });

  it('rejects at once when the signal is already aborted, without calling send', async () => {
    let calls = 0;
    const run = mapBatched([1], {
      batchSize: 1,
      signal: AbortSignal.abort(),
      send: async (batch) => {
        calls++;
        return batch.map(ok);
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(0);
  });

  it('rejects invalid options', async () => {
    const send = async (batch: number[]) => batch.map(ok);
    await expect(mapBatched([1], { batchSize: 0, send })).rejects.toThrow(ValidationError);
    await expect(mapBatched([1], { batchSize: 1, concurrency: 0, send })).rejects.toThrow(
      /concurrency/,
    );
    await expect(mapBatched([1], { batchSize: 1, maxBatchBytes: 10, send })).rejects.toThrow(
      /itemBytes/,
    );
  });

  it('returns [] for no items without calling send', async () => {
    let calls = 0;
    const results = await mapBatched([], {
      batchSize: 5,
      send: async () => {
        calls++;
        return [];
      },
    });
    expect(results).toEqual([]);
    expect(calls).toBe(0);
  });
});

describe('settleBatch', () => {
  const failure = new BatchItemError(1, 'bad item', {
    service: 'comprehend',
    operation: 'BatchDetectSentiment',
  });

  it('returns the values when nothing failed', () => {
    const values: number[] = settleBatch([1, 2, 3]);
    expect(values).toEqual([1, 2, 3]);
  });

  it('throws one BatchError carrying every result when an item failed', () => {
    const results = [1, failure, 3];
    let thrown: unknown;
    try {
      settleBatch(results);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BatchError);
    const error = thrown as BatchError<number>;
    expect(error.results).toEqual(results);
    expect(error.failures).toEqual([failure]);
    expect(error.service).toBe('comprehend');
    expect(error.message).toBe('1 of 3 items failed; first at index 1: bad item');
  });

  it('returns failures in place with throwOnItemError: false', () => {
    const results = [1, failure, 3];
    expect(settleBatch(results, { throwOnItemError: false })).toBe(results);
    expect(() => settleBatch(results, { throwOnItemError: true })).toThrow(BatchError);
  });
});
