import { AwsAI } from 'aws-ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveRate } from '../../src/core/adaptive-rate';
import { FAST_RETRY, useEmulator } from '../helpers/emulator';

afterEach(() => {
  vi.useRealTimers();
});

/** Accepts `n` requests spread over the last second. */
async function acceptMany(rate: AdaptiveRate, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await rate.acquire();
    rate.onAccepted();
    vi.advanceTimersByTime(1000 / n);
  }
}

describe('AdaptiveRate', () => {
  it('is unlimited until AWS throttles: no wait, no cost', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] });
    const rate = new AdaptiveRate();
    const start = performance.now();
    for (let i = 0; i < 1_000; i++) await rate.acquire();
    expect(performance.now() - start).toBe(0);
    expect(rate.rate).toBe(Number.POSITIVE_INFINITY);
  });

  it('after a throttle, paces at the rate AWS accepted, less a margin', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] });
    const rate = new AdaptiveRate();
    await acceptMany(rate, 40); // 40 accepted over one second: AWS accepts ~40/s
    const sentAt = await rate.acquire();
    rate.onThrottle(sentAt);
    // ~40/s observed over the span they cover, kept at 95 %.
    expect(rate.rate).toBeGreaterThan(36);
    expect(rate.rate).toBeLessThan(40);
    // The next requests are spaced 1/38 s apart.
    const a = await settleAfter(rate);
    const b = await settleAfter(rate);
    expect(b - a).toBeCloseTo(1000 / rate.rate, 0);
  });

  it('cuts once per round trip: throttles of requests sent before the cut are ignored', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] });
    const rate = new AdaptiveRate();
    await acceptMany(rate, 40);
    const inFlight = await Promise.all(Array.from({ length: 8 }, () => rate.acquire()));
    rate.onThrottle(inFlight[0] as number);
    const once = rate.rate;
    for (const sentAt of inFlight.slice(1)) rate.onThrottle(sentAt);
    expect(rate.rate).toBe(once);
  });

  it('leaves a throttle with little traffic behind it to the backoff: no pacing of a lone caller', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] });
    const rate = new AdaptiveRate();
    await acceptMany(rate, 3);
    rate.onThrottle(await rate.acquire());
    expect(rate.rate).toBe(Number.POSITIVE_INFINITY);
    // With traffic behind it, the same throttle is a quota.
    await acceptMany(rate, 10);
    rate.onThrottle(await rate.acquire());
    expect(rate.rate).toBeLessThan(12);
  });

  it('grows with every accepted request and forgets the learned rate after a quiet minute', async () => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] });
    const rate = new AdaptiveRate();
    await acceptMany(rate, 40);
    rate.onThrottle(await rate.acquire());
    const cut = rate.rate;
    rate.onAccepted();
    rate.onAccepted();
    expect(rate.rate).toBeGreaterThan(cut);
    vi.advanceTimersByTime(61_000);
    await rate.acquire();
    expect(rate.rate).toBe(Number.POSITIVE_INFINITY);
  });
});

/** Acquires under fake timers and returns when the request could go. */
async function settleAfter(rate: AdaptiveRate): Promise<number> {
  const pending = rate.acquire();
  await vi.runOnlyPendingTimersAsync();
  return pending;
}

const { emu } = await useEmulator();

describe('adaptive rate in calls', () => {
  it('learns a 20 requests/s quota: far fewer throttled requests than backoff alone', async () => {
    // A token bucket of 20/s (burst 5) in front of DetectDominantLanguage.
    const bucket = (() => {
      let tokens = 5;
      let last = performance.now();
      return () => {
        const now = performance.now();
        tokens = Math.min(5, tokens + ((now - last) / 1000) * 20);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
      };
    })();
    let throttled = 0;
    emu.handle('comprehend', 'DetectDominantLanguage', () => {
      if (!bucket()) {
        throttled++;
        throw emu.error('ThrottlingException', 'Rate exceeded', 400);
      }
      return { Languages: [{ LanguageCode: 'en', Score: 0.99 }] };
    });
    const texts = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is in English.`);
    const run = async (adaptiveRate: boolean) => {
      throttled = 0;
      const ai = new AwsAI({ ...emu.config, adaptiveRate, retry: { ...FAST_RETRY, retries: 8 } });
      const t0 = performance.now();
      const out = await Promise.allSettled(texts.map((t) => ai.text.detectLanguage(t)));
      return {
        throttled,
        failed: out.filter((o) => o.status === 'rejected').length,
        ms: performance.now() - t0,
      };
    };
    const adaptive = await run(true);
    await new Promise((r) => setTimeout(r, 300));
    const backoff = await run(false);
    expect(adaptive.failed).toBe(0);
    expect(adaptive.throttled).toBeLessThan(backoff.throttled / 2);
  });
});
