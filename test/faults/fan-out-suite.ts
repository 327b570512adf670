/**
 * The fault suite: every public method that fans one call out into many requests, under each kind of
 * fault the emulator injects. Whatever the fault, the call settles within its deadline, nothing is sent
 * after it settles, every input index ends as exactly one result or one typed error in input order, no
 * item is carried by more than `retries + 1` requests, and every failure is an AwsAIError.
 */
import { AbortError, type AwsAI, AwsAIError, BatchItemError, TimeoutError } from 'aws-ai';
import { EmulatorError, type FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/** Retries every test uses: the default count, with tiny delays so the suite stays fast. */
const RETRIES = 3;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline: timers, event loop and the HTTP/2 teardown. */
const DEADLINE_MARGIN_MS = 150;

/** A non-retryable error each service models. */
const REFUSAL: Partial<Record<string, string>> = {
  comprehend: 'InvalidRequestException',
  translate: 'InvalidRequestException',
  polly: 'InvalidSsmlException',
  'bedrock-runtime': 'AccessDeniedException',
};

const marker = (i: number): string => `item${String(i).padStart(3, '0')}q`;
const sentence = (i: number): string => `The ${marker(i)} review says the stay was lovely.`;

/** A method that fans out, what it sends, and how to read its input markers back. */
export interface Scenario {
  name: string;
  service: NonNullable<FaultRule['service']>;
  operation: string;
  /** Markers of the input items; each request carries some of them in its body. */
  items: number;
  /** Runs the call; arrays are asked to keep failures in place where the method allows it. */
  run: (ai: AwsAI, options: { signal?: AbortSignal; timeoutMs?: number }) => Promise<unknown>;
  /** True when the result is one entry per item in input order (array calls). */
  perItem: boolean;
}

const docs = (n: number): string[] => Array.from({ length: n }, (_, i) => sentence(i));
const longText = (n: number): string => docs(n).join(' ');

export const scenarios: Scenario[] = [
  {
    name: 'text.sentiment of 60 documents',
    service: 'comprehend',
    operation: 'BatchDetectSentiment',
    items: 60,
    perItem: true,
    run: (ai, o) =>
      ai.text.sentiment(docs(60), { language: 'en', throwOnItemError: false, retry: RETRY, ...o }),
  },
  {
    name: 'text.detectLanguage of 60 documents',
    service: 'comprehend',
    operation: 'BatchDetectDominantLanguage',
    items: 60,
    perItem: true,
    run: (ai, o) =>
      ai.text.detectLanguage(docs(60), { throwOnItemError: false, retry: RETRY, ...o }),
  },
  {
    name: 'text.entities of 30 documents',
    service: 'comprehend',
    operation: 'BatchDetectEntities',
    items: 30,
    perItem: true,
    run: (ai, o) =>
      ai.text.entities(docs(30), { language: 'en', throwOnItemError: false, retry: RETRY, ...o }),
  },
  {
    name: 'text.toxicity of 25 documents',
    service: 'comprehend',
    operation: 'DetectToxicContent',
    items: 25,
    perItem: true,
    run: (ai, o) =>
      ai.text.toxicity(docs(25), { language: 'en', throwOnItemError: false, retry: RETRY, ...o }),
  },
  {
    name: 'text.translate of 12 documents',
    service: 'translate',
    operation: 'TranslateText',
    items: 12,
    perItem: true,
    run: (ai, o) =>
      ai.text.translate(docs(12), {
        from: 'en',
        to: 'fr',
        throwOnItemError: false,
        retry: RETRY,
        ...o,
      }),
  },
  {
    name: 'text.translate of one 40 KB text',
    service: 'translate',
    operation: 'TranslateText',
    items: 800,
    perItem: false,
    run: (ai, o) => ai.text.translate(longText(800), { from: 'en', to: 'fr', retry: RETRY, ...o }),
  },
  {
    name: 'speech.synthesize of a 12 KB text',
    service: 'polly',
    operation: 'SynthesizeSpeech',
    items: 240,
    perItem: false,
    run: (ai, o) => ai.speech.synthesize(longText(240), { retry: RETRY, ...o }),
  },
  {
    name: 'generative.embedMany of 20 texts',
    service: 'bedrock-runtime',
    operation: 'InvokeModel',
    items: 20,
    perItem: false,
    run: (ai, o) =>
      ai.generative.embedMany(docs(20), {
        model: 'amazon.titan-embed-text-v2:0',
        retry: RETRY,
        ...o,
      }),
  },
];

/** Runs the fault suite over `list` against one emulator for the file. */
export async function faultSuite(list: readonly Scenario[]): Promise<void> {
  const { emu, client } = await useEmulator();

  /** Every string the request carried, bytes decoded: the markers are found in it. */
  function bodyText(value: unknown): string {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(bodyText).join(' ');
    if (value && typeof value === 'object') return Object.values(value).map(bodyText).join(' ');
    return '';
  }

  /** Requests that carried each item, counted from what the emulator received. */
  function requestsPerItem(s: Scenario): number[] {
    const counts = new Array<number>(s.items).fill(0);
    for (const call of emu.calls) {
      if (call.operation !== s.operation) continue;
      const text = bodyText(call.input);
      for (const m of text.matchAll(/item(\d{3})q/g)) {
        const i = Number(m[1]);
        counts[i] = (counts[i] ?? 0) + 1;
      }
    }
    return counts;
  }

  /** Markers may repeat inside one request body (once per piece): count requests, not mentions. */
  function maxRequestsPerItem(s: Scenario): number {
    const perRequest = new Array<number>(s.items).fill(0);
    for (const call of emu.calls) {
      if (call.operation !== s.operation) continue;
      const seen = new Set<number>();
      for (const m of bodyText(call.input).matchAll(/item(\d{3})q/g)) seen.add(Number(m[1]));
      for (const i of seen) perRequest[i] = (perRequest[i] ?? 0) + 1;
    }
    return Math.max(...perRequest);
  }

  interface Settled {
    value?: unknown;
    error?: unknown;
    ms: number;
  }

  async function settle(promise: Promise<unknown>): Promise<Settled> {
    const start = performance.now();
    try {
      const value = await promise;
      return { value, ms: performance.now() - start };
    } catch (error) {
      return { error, ms: performance.now() - start };
    }
  }

  /**
   * Requests the emulator receives in the `ms` after a call settled: must stay zero. The emulator
   * logs a request once it has read it, so one that left the client just before the call settled may
   * be logged a moment later: the count starts after a 50 ms grace. A fan-out that keeps going (the
   * audit saw 7 Polly requests in 3 s) still shows.
   */
  async function requestsAfterSettle(ms = 300): Promise<number> {
    await new Promise((r) => setTimeout(r, 50));
    const before = emu.calls.length;
    await new Promise((r) => setTimeout(r, ms));
    return emu.calls.length - before;
  }

  /** The result holds one entry per input index, in order: a value, or a BatchItemError at its index. */
  function expectEveryIndexOnce(s: Scenario, value: unknown): void {
    if (!s.perItem) return;
    expect(Array.isArray(value)).toBe(true);
    const results = value as unknown[];
    expect(results).toHaveLength(s.items);
    results.forEach((r, i) => {
      if (r instanceof BatchItemError) expect(r.index).toBe(i);
      else expect(r).toBeDefined();
    });
  }

  describe.each(list)('fault suite: $name', (s) => {
    const rule = (extra: Partial<FaultRule>): FaultRule =>
      ({ service: s.service, operation: s.operation, ...extra }) as FaultRule;

    it.each([
      ['throttled twice', { kind: 'throttle', times: 2 }],
      ['5xx twice', { kind: 'server-error', times: 2 }],
      ['connection reset twice', { kind: 'reset', times: 2 }],
      ['one malformed body', { kind: 'malformed', times: 1 }],
    ] as const)('%s: recovers with every item, in order, within the retry budget', async (_, f) => {
      emu.fault(rule(f));
      const out = await settle(s.run(client(), {}));
      expect(out.error).toBeUndefined();
      expectEveryIndexOnce(s, out.value);
      if (s.perItem) {
        for (const r of out.value as unknown[]) expect(r).not.toBeInstanceOf(BatchItemError);
      }
      expect(requestsPerItem(s).every((n) => n >= 1)).toBe(true);
      expect(maxRequestsPerItem(s)).toBeLessThanOrEqual(RETRIES + 1);
      expect(await requestsAfterSettle(100)).toBe(0);
    });

    it.each([
      ['throttled always', { kind: 'throttle' }],
      ['5xx always', { kind: 'server-error' }],
    ] as const)(
      '%s: fails typed, each item carried by at most retries + 1 requests',
      async (_, f) => {
        emu.fault(rule(f));
        const out = await settle(s.run(client(), {}));
        if (s.perItem && out.error === undefined) {
          expectEveryIndexOnce(s, out.value);
          for (const r of out.value as unknown[]) expect(r).toBeInstanceOf(BatchItemError);
        } else {
          expect(AwsAIError.isInstance(out.error)).toBe(true);
        }
        expect(maxRequestsPerItem(s)).toBeLessThanOrEqual(RETRIES + 1);
        expect(maxRequestsPerItem(s)).toBeGreaterThanOrEqual(1);
        expect(await requestsAfterSettle()).toBe(0);
      },
    );

    it('every request slower than the deadline: settles at timeoutMs with a TimeoutError, sends nothing after', async () => {
      emu.fault(rule({ kind: 'delay', delayMs: 800 }));
      const timeoutMs = 200;
      const out = await settle(s.run(client(), { timeoutMs }));
      expect(out.ms).toBeLessThan(timeoutMs + DEADLINE_MARGIN_MS);
      if (s.perItem && out.error === undefined) {
        // Items the deadline cut are typed timeouts at their own index.
        expectEveryIndexOnce(s, out.value);
        for (const r of out.value as unknown[]) {
          expect(r).toBeInstanceOf(BatchItemError);
          expect(TimeoutError.isInstance((r as BatchItemError).cause)).toBe(true);
        }
      } else {
        expect(TimeoutError.isInstance(out.error)).toBe(true);
        expect((out.error as AwsAIError).service).toBe(s.service);
        expect((out.error as AwsAIError).operation).toBeTruthy();
      }
      expect(await requestsAfterSettle(250)).toBe(0);
    });

    it('the client timeoutMs bounds the whole call too', async () => {
      emu.fault(rule({ kind: 'delay', delayMs: 250 }));
      const out = await settle(s.run(client({ timeoutMs: 300 }), {}));
      expect(out.ms).toBeLessThan(300 + DEADLINE_MARGIN_MS);
      expect(await requestsAfterSettle(300)).toBe(0);
    });

    it('aborted mid-call: rejects with an AbortError naming the service, sends nothing after', async () => {
      emu.fault(rule({ kind: 'delay', delayMs: 400 }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const out = await settle(s.run(client(), { signal: controller.signal }));
      expect(out.ms).toBeLessThan(100 + DEADLINE_MARGIN_MS);
      expect(AbortError.isInstance(out.error)).toBe(true);
      expect((out.error as AwsAIError).service).toBe(s.service);
      expect((out.error as AwsAIError).operation).toBeTruthy();
      expect(await requestsAfterSettle(250)).toBe(0);
    });

    it('one request fails for good: the call settles and its other requests stop', async () => {
      // A non-retryable error on the second request; the rest are slow.
      let seen = 0;
      emu.handle(s.service, s.operation, async () => {
        seen++;
        if (seen === 2)
          throw new EmulatorError(REFUSAL[s.service] ?? 'InvalidRequestException', 'refused', 400);
        await new Promise((r) => setTimeout(r, 600));
        throw new EmulatorError(
          REFUSAL[s.service] ?? 'InvalidRequestException',
          'slow refusal',
          400,
        );
      });
      const out = await settle(s.run(client(), { timeoutMs: 2_000 }));
      if (out.error !== undefined) expect(AwsAIError.isInstance(out.error)).toBe(true);
      else expectEveryIndexOnce(s, out.value);
      expect(await requestsAfterSettle(300)).toBe(0);
    });
  });
}
