import { AbortError } from 'aws-ai';
import { DynamicBatcher, Tensor } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';

/** What each row's promise settled with, read after the batcher says it is idle. */
function outcomes(promises: Array<Promise<Tensor>>) {
  const seen: unknown[] = promises.map(() => 'pending');
  promises.forEach((p, i) => {
    p.then(
      (t) => {
        seen[i] = t.toArray();
      },
      (e: unknown) => {
        seen[i] = e;
      },
    );
  });
  return seen;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DynamicBatcher close({ drain: false })', () => {
  it('rejects the rows of a batch waiting to be retried, and sends it no more', async () => {
    let calls = 0;
    let failed!: () => void;
    const firstFailure = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const batcher = new DynamicBatcher({
      // Long enough that close() always lands in the wait before the retry.
      retryDelayMs: 60_000,
      invoke: async () => {
        calls++;
        queueMicrotask(failed);
        throw Object.assign(new Error('service unavailable'), { statusCode: 503 });
      },
    });
    const seen = outcomes([batcher.predict([1]), batcher.predict([2])]);
    await firstFailure;
    await turn();
    await batcher.close({ drain: false });
    await turn();
    // Was: both stayed 'pending' for ever (the wait's abort was taken for the rows' own).
    expect(seen.map((s) => (s instanceof AbortError ? s.code : s))).toEqual([
      'BatcherClosed',
      'BatcherClosed',
    ]);
    expect(calls).toBe(1);
  });

  it('sends no half of a batch being bisected once closed, and rejects every row', async () => {
    const sent: number[][] = [];
    const batcher = new DynamicBatcher({
      invoke: async (batch, { signal }) => {
        const rows = Array.from(batch.data as Float32Array);
        sent.push(rows);
        if (sent.length === 1) throw Object.assign(new Error('bad row'), { statusCode: 400 });
        if (sent.length === 2) {
          // The first half is in flight until the batcher aborts it.
          await new Promise<never>((_, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          });
        }
        return Tensor.from(rows);
      },
    });
    const seen = outcomes([1, 2, 3, 4].map((v) => batcher.predict([v])));
    while (sent.length < 2) await turn();
    await batcher.close({ drain: false });
    await turn();
    // Was: the second half [3, 4] was sent after close and its rows resolved.
    expect(sent).toEqual([
      [1, 2, 3, 4],
      [1, 2],
    ]);
    expect(seen.every((s) => s instanceof AbortError)).toBe(true);
  });
});
