/**
 * The fault suite: every public method that fans one call out into many requests, under each kind of
 * fault the emulator injects. Whatever the fault, the call settles within its deadline, nothing is sent
 * after it settles, every input index ends as exactly one result or one typed error in input order, no
 * item is carried by more than `retries + 1` requests, and every failure is an AwsAIError.
 */
import {
  AbortError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  BatchItemError,
  TimeoutError,
} from 'aws-ai';
import type { DocumentModel } from 'aws-ai/documents';
import { fromNpy } from 'aws-ai/tensor';
import {
  type Emulator,
  type EmulatorCall,
  EmulatorError,
  type FaultRule,
  sageMakerModels,
} from 'aws-ai/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';

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
  textract: 'InvalidJobIdException',
  'sagemaker-runtime': 'ValidationError',
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
  /** Client settings the call needs (a staging bucket, …), under the test's own. */
  config?: AwsAIConfig;
  /** Runs before each test, after the emulator's reset (an endpoint model to answer, …). */
  setup?: (emu: Emulator) => void;
  /**
   * The items one request carried, when its body does not hold the `itemNNNq` markers (a job's
   * NextToken pages, `.npy` rows).
   */
  itemsOf?: (call: EmulatorCall) => number[];
  /** Checks a successful result holds every item once, in order (calls whose result is no array). */
  checkValue?: (value: unknown) => void;
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
    // A Start*/Get* job: one status poll, then one Get* page per document page (NextToken hops).
    name: 'documents.analyze of a 6-page PDF (job, results in 6 NextToken pages)',
    service: 'textract',
    operation: 'GetDocumentAnalysis',
    items: 6,
    perItem: false,
    config: { staging: { bucket: 'staging', prefix: 'docs/' } },
    // Page n is read by the Get* with NextToken `page-n`; page 1 by a Get* without one, which is also
    // what the status polls are, so they count against page 1's bound too.
    itemsOf: (call) => {
      const token = call.input.NextToken;
      if (token === undefined) return [0];
      const page = /^page-(\d+)$/.exec(String(token));
      return page ? [Number(page[1]) - 1] : [];
    },
    checkValue: (doc) => {
      const pages = (doc as DocumentModel).pages;
      expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    },
    run: (ai, o) =>
      ai.documents.analyze(pdf(6), {
        tables: true,
        mode: 'async',
        poll: { intervalMs: 1, maxIntervalMs: 2 },
        retry: RETRY,
        ...o,
      }),
  },
  {
    // The batcher owns retries (whole batches); each row is its own call with its own deadline.
    name: 'endpoints.batcher of 48 rows (8 per InvokeEndpoint)',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    items: 48,
    perItem: true,
    setup: (emu) => emu.handle('sagemaker-runtime', 'InvokeEndpoint', sageMakerModels({ m: {} })),
    // Each row's first value is its index (rows() below); a padded or bisected call shows it too.
    itemsOf: (call) => {
      const body = call.input.Body;
      if (!(body instanceof Uint8Array)) return [];
      const batch = fromNpy(body);
      const width = batch.shape[1] ?? 1;
      return [
        ...new Set(
          Array.from({ length: batch.shape[0] ?? 0 }, (_, r) => Number(batch.data[r * width])),
        ),
      ];
    },
    run: async (ai, o) => {
      const batcher = ai.endpoints.batcher('m', {
        maxBatchSize: 8,
        retries: RETRIES,
        retryDelayMs: 1,
      });
      const rows = Array.from({ length: 48 }, (_, i) => Float32Array.from([i, 1, 1, 1]));
      // Like throwOnItemError: false: a failed row is a BatchItemError at its index; anything else
      // a row rejects with (not an AwsAIError) stays as it is, and fails the suite's checks.
      const settled = await Promise.allSettled(rows.map((row) => batcher.predict(row, o)));
      await batcher.close();
      return settled.map((r, i) =>
        r.status === 'fulfilled'
          ? r.value
          : AwsAIError.isInstance(r.reason)
            ? new BatchItemError(i, r.reason.message, { cause: r.reason })
            : r.reason,
      );
    },
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
  const { emu, client: makeClient } = await useEmulator();

  /** Every string the request carried, bytes decoded: the markers are found in it. */
  function bodyText(value: unknown): string {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(bodyText).join(' ');
    if (value && typeof value === 'object') return Object.values(value).map(bodyText).join(' ');
    return '';
  }

  /** The items one request carried: the scenario's reader, or the markers in its body. */
  function itemsOf(s: Scenario, call: EmulatorCall): Set<number> {
    if (s.itemsOf) return new Set(s.itemsOf(call));
    // Markers may repeat inside one request body (once per piece): a set, so requests are counted.
    return new Set(Array.from(bodyText(call.input).matchAll(/item(\d{3})q/g), (m) => Number(m[1])));
  }

  /** Requests that carried each item, counted from what the emulator received. */
  function requestsPerItem(s: Scenario): number[] {
    const counts = new Array<number>(s.items).fill(0);
    for (const call of emu.calls) {
      if (call.operation !== s.operation) continue;
      for (const i of itemsOf(s, call)) counts[i] = (counts[i] ?? 0) + 1;
    }
    return counts;
  }

  function maxRequestsPerItem(s: Scenario): number {
    return Math.max(...requestsPerItem(s));
  }

  // Requests after a call settled (requestsAfterSettle: a 50 ms grace, then up to 300 ms): must
  // stay zero. A fan-out that keeps going (the audit saw 7 Polly requests in 3 s) still shows.

  /** The result holds one entry per input index, in order: a value, or a BatchItemError at its index. */
  function expectEveryIndexOnce(s: Scenario, value: unknown): void {
    if (!s.perItem) return;
    expect(Array.isArray(value)).toBe(true);
    const results = value as unknown[];
    expect(results).toHaveLength(s.items);
    results.forEach((r, i) => {
      if (r instanceof BatchItemError) expect(r.index).toBe(i);
      else expect(r).toBeDefined();
      // A failure in place is typed too: never a bare Error or TypeError at an index.
      if (r instanceof Error) expect(r).toBeInstanceOf(BatchItemError);
    });
  }

  describe.each(list)('fault suite: $name', (s) => {
    const rule = (extra: Partial<FaultRule>): FaultRule =>
      ({ service: s.service, operation: s.operation, ...extra }) as FaultRule;
    /** A client with the scenario's settings. */
    const client = (extra: AwsAIConfig = {}): AwsAI => makeClient({ ...s.config, ...extra });
    // After the emulator's reset (useEmulator's beforeEach runs first), before the test's faults.
    beforeEach(() => s.setup?.(emu));

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
      s.checkValue?.(out.value);
      if (s.perItem) {
        for (const r of out.value as unknown[]) expect(r).not.toBeInstanceOf(BatchItemError);
      }
      expect(requestsPerItem(s).every((n) => n >= 1)).toBe(true);
      expect(maxRequestsPerItem(s)).toBeLessThanOrEqual(RETRIES + 1);
      expect(await requestsAfterSettle(emu, { ms: 100 })).toHaveLength(0);
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
        expect(await requestsAfterSettle(emu, { ms: 300 })).toHaveLength(0);
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
          const cause = (r as BatchItemError).cause as AwsAIError;
          expect(TimeoutError.isInstance(cause)).toBe(true);
          expect(cause.service).toBe(s.service);
        }
      } else {
        expect(TimeoutError.isInstance(out.error)).toBe(true);
        expect((out.error as AwsAIError).service).toBe(s.service);
        expect((out.error as AwsAIError).operation).toBeTruthy();
      }
      expect(await requestsAfterSettle(emu, { ms: 250 })).toHaveLength(0);
    });

    it('the client timeoutMs bounds the whole call too', async () => {
      emu.fault(rule({ kind: 'delay', delayMs: 250 }));
      const out = await settle(s.run(client({ timeoutMs: 300 }), {}));
      expect(out.ms).toBeLessThan(300 + DEADLINE_MARGIN_MS);
      expect(await requestsAfterSettle(emu, { ms: 300 })).toHaveLength(0);
    });

    it('aborted mid-call: rejects with an AbortError naming the service, sends nothing after', async () => {
      emu.fault(rule({ kind: 'delay', delayMs: 400 }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const out = await settle(s.run(client(), { signal: controller.signal }));
      expect(out.ms).toBeLessThan(100 + DEADLINE_MARGIN_MS);
      // A call whose items are separate calls (the batcher's rows) ends every row aborted instead.
      const errors =
        s.perItem && out.error === undefined
          ? (out.value as unknown[]).map((r) => {
              expect(r).toBeInstanceOf(BatchItemError);
              return (r as BatchItemError).cause;
            })
          : [out.error];
      if (s.perItem && out.error === undefined) expectEveryIndexOnce(s, out.value);
      for (const error of errors) {
        expect(AbortError.isInstance(error)).toBe(true);
        expect((error as AwsAIError).service).toBe(s.service);
        expect((error as AwsAIError).operation).toBeTruthy();
      }
      expect(await requestsAfterSettle(emu, { ms: 250 })).toHaveLength(0);
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
      expect(await requestsAfterSettle(emu, { ms: 300 })).toHaveLength(0);
    });
  });
}
