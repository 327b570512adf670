// The fault suite (fan-out-suite.ts) over a Textract job read in NextToken pages and the endpoints
// DynamicBatcher (many rows, batched InvokeEndpoint calls), and faults in the middle of a job's pages.
import { AwsAIError, ThrottlingError } from 'aws-ai';
import { EmulatorError, type EmulatorInput } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { callsTo, useEmulator } from '../helpers/emulator';
import { faultSuite, scenarios } from './fan-out-suite';

await faultSuite(
  scenarios.filter((s) => s.name.startsWith('documents.') || s.name.startsWith('endpoints.')),
);

// An emulator of its own for the page-fault tests (the suite above has one too).
const { emu, client } = await useEmulator();

describe('documents: a fault between the NextToken pages of a job', () => {
  const PAGES = 6;
  const RETRY = { retries: 3, minDelayMs: 1, maxDelayMs: 5 } as const;
  const staged = () => client({ staging: { bucket: 'staging', prefix: 'docs/' } });

  /** One Textract page: a PAGE block and a LINE with one WORD saying which page it is. */
  const page = (n: number) => {
    const box = { BoundingBox: { Left: 0.1, Top: 0.1, Width: 0.5, Height: 0.05 }, Polygon: [] };
    return [
      {
        BlockType: 'PAGE',
        Id: `p${n}`,
        Page: n,
        Geometry: box,
        Relationships: [{ Type: 'CHILD', Ids: [`l${n}`] }],
      },
      {
        BlockType: 'LINE',
        Id: `l${n}`,
        Page: n,
        Text: `page${n}`,
        Confidence: 99,
        Geometry: box,
        Relationships: [{ Type: 'CHILD', Ids: [`w${n}`] }],
      },
      { BlockType: 'WORD', Id: `w${n}`, Page: n, Text: `page${n}`, Confidence: 99, Geometry: box },
    ];
  };

  /**
   * A finished job answered page by page (`page-n` tokens); `fail(n, attempt)` may throw for the
   * request of page n (attempt counts from 1). Returns how many requests each page got.
   */
  function pagedJob(fail: (page: number, attempt: number) => void): number[] {
    const requests = new Array<number>(PAGES + 1).fill(0);
    emu.handle('textract', 'GetDocumentAnalysis', (input: EmulatorInput) => {
      const token = input.NextToken;
      const n = token === undefined ? 1 : Number(/^page-(\d+)$/.exec(String(token))?.[1]);
      requests[n] = (requests[n] ?? 0) + 1;
      fail(n, requests[n] as number);
      return {
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: PAGES },
        Blocks: page(n),
        ...(n < PAGES ? { NextToken: `page-${n + 1}` } : {}),
      };
    });
    return requests;
  }

  const analyze = () =>
    staged().documents.analyze(pdf(PAGES), {
      tables: true,
      mode: 'async',
      poll: { intervalMs: 1, maxIntervalMs: 2 },
      retry: RETRY,
    });

  it('page 3 throttled twice, page 5 a 5xx once: those pages are asked again, no other; every page once, in order', async () => {
    const requests = pagedJob((n, attempt) => {
      if (n === 3 && attempt <= 2) throw new EmulatorError('ThrottlingException', 'slow down', 400);
      if (n === 5 && attempt === 1) throw new EmulatorError('InternalServerError', 'oops', 500);
    });
    const doc = await analyze();
    expect(doc.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.pages.map((p) => p.text)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `page${n}`));
    // Retried on the page that failed, with its own token: never a restart from page 1.
    expect(requests.slice(1)).toEqual([1, 1, 3, 1, 2, 1]);
  });

  it('page 4 throttled for good: fails typed after retries + 1 requests for it, pages 5-6 never asked, nothing after', async () => {
    const requests = pagedJob((n) => {
      if (n === 4) throw new EmulatorError('ThrottlingException', 'slow down', 400);
    });
    const error = await analyze().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(ThrottlingError.isInstance(error)).toBe(true);
    expect((error as AwsAIError).service).toBe('textract');
    expect(requests.slice(1)).toEqual([1, 1, 1, RETRY.retries + 1, 0, 0]);
    // The staged PDF was deleted before the call settled; then nothing more is sent.
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
    const settledAt = emu.calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.calls.length).toBe(settledAt);
  });

  it('a bad NextToken answer (InvalidParameterException) on page 2 fails typed at once, not retried', async () => {
    const requests = pagedJob((n) => {
      if (n === 2)
        throw new EmulatorError('InvalidParameterException', 'Request has invalid parameters', 400);
    });
    const error = await analyze().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(AwsAIError.isInstance(error)).toBe(true);
    expect((error as AwsAIError).code).toBe('InvalidParameterException');
    expect((error as AwsAIError).service).toBe('textract');
    expect((error as AwsAIError).retryable).toBe(false);
    expect(requests.slice(1)).toEqual([1, 1, 0, 0, 0, 0]);
  });
});
