import { DynamicBatcher, Tensor } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A model whose calls wait for `release()`; `pendingSeen` records the queue length after each turn. */
function gatedBatcher(options: { onFull?: 'wait'; maxQueuedRows: number }) {
  const gates: Array<() => void> = [];
  const batcher = new DynamicBatcher({
    maxInFlight: 1,
    maxBatchSize: 1,
    ...options,
    invoke: async (batch) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return Tensor.from(Array.from(batch.data as Float32Array));
    },
  });
  return { batcher, gates };
}

async function runWatchingQueue(
  batcher: DynamicBatcher,
  gates: Array<() => void>,
  done: Promise<unknown>,
): Promise<number> {
  let settled = false;
  void done.finally(() => {
    settled = true;
  });
  let most = 0;
  while (!settled) {
    await turn();
    most = Math.max(most, batcher.pending);
    gates.shift()?.();
  }
  return most;
}

describe('DynamicBatcher backpressure: maxQueuedRows holds when room comes back', () => {
  it("predict with onFull: 'wait' lets in one row per free place, not every waiter", async () => {
    const { batcher, gates } = gatedBatcher({ onFull: 'wait', maxQueuedRows: 2 });
    const rows = Array.from({ length: 12 }, (_, i) => batcher.predict([i]));
    const done = Promise.all(rows);
    const most = await runWatchingQueue(batcher, gates, done);
    // Was: 10 (every waiter woke on the first free place and all were queued).
    expect(most).toBeLessThanOrEqual(2);
    expect((await done).map((t) => t.toArray())).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('predictMany keeps the queue within maxQueuedRows, in input order', async () => {
    const { batcher, gates } = gatedBatcher({ maxQueuedRows: 3 });
    const done = batcher.predictMany(Array.from({ length: 12 }, (_, i) => [i]));
    const most = await runWatchingQueue(batcher, gates, done);
    expect(most).toBeLessThanOrEqual(3);
    expect((await done).map((t) => t.toArray())).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('a waiter aborted while it waits is counted once and never queued', async () => {
    const { batcher, gates } = gatedBatcher({ onFull: 'wait', maxQueuedRows: 1 });
    const first = batcher.predict([0]);
    await turn();
    const queued = batcher.predict([1]);
    const controller = new AbortController();
    const waiting = batcher.predict([2], { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await waiting).toMatchObject({ name: 'AbortError' });
    const done = Promise.all([first, queued]);
    await runWatchingQueue(batcher, gates, done);
    await done;
    expect(batcher.stats()).toMatchObject({ aborts: 1, rows: 2, succeeded: 2 });
  });
});

describe('DynamicBatcher: a row waiting for room keeps its deadline', () => {
  it('times out with TimeoutError while it waits, and is never sent', async () => {
    const sent: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = new DynamicBatcher({
      maxInFlight: 1,
      maxBatchSize: 1,
      maxQueuedRows: 1,
      onFull: 'wait',
      invoke: async (batch) => {
        sent.push(Number(batch.data[0]));
        await gate;
        return batch;
      },
    });
    const first = batcher.predict([0]);
    await turn();
    const queued = batcher.predict([1]);
    // Was: waited for room with no deadline at all (only a queued row's timer was armed).
    const late = await batcher.predict([2], { timeoutMs: 5 }).catch((e: unknown) => e);
    expect(late).toMatchObject({ name: 'TimeoutError' });
    release();
    await Promise.all([first, queued]);
    await batcher.flush();
    expect(sent).toEqual([0, 1]);
  });
});
