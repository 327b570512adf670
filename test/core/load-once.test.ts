import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../src/core/load-once';

describe('loadOnce', () => {
  it('runs the load once and hands every caller the same promise', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads++;
      return { value: 42 };
    });
    const [a, b] = await Promise.all([load(), load()]);
    const c = await load();
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(c.value).toBe(42);
  });

  it('forgets a failed load so that the next call tries again', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads++;
      if (loads === 1) throw new Error('chunk missing');
      return 'ok';
    });
    await expect(load()).rejects.toThrow('chunk missing');
    await expect(load()).resolves.toBe('ok');
    await expect(load()).resolves.toBe('ok');
    expect(loads).toBe(2);
  });
});
