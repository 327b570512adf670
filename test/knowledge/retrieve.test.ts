import {
  BatchError,
  BatchItemError,
  type KnowledgeFilter,
  NotFoundError,
  ThrottlingError,
  ValidationError,
} from 'aws-ai/knowledge';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { dig } from './dig';

const { emu, client } = await useEmulator();
const KB = 'KB12345678';

const DOCS = [
  {
    id: 'vacation',
    text: 'Employees get 25 vacation days per year. Unused vacation days expire in March.',
    metadata: { department: 'hr', year: 2025, tags: ['leave', 'policy'] },
  },
  {
    id: 'parental',
    text: 'Parental leave lasts 16 weeks. Parents may split parental leave.',
    metadata: { department: 'hr', year: 2023, tags: ['leave'] },
  },
  {
    id: 'laptops',
    uri: 'https://intranet.example.com/it/laptops',
    text: 'Laptops are replaced every three years. Request a laptop through the IT portal.',
    metadata: { department: 'it', year: 2024 },
  },
];

describe('knowledge.retrieve', () => {
  it('returns chunks in rank order with text, score, typed location and metadata', async () => {
    emu.knowledgeBase(KB, DOCS);
    const { chunks, pages } = await client().knowledge.retrieve(KB, 'how many vacation days');
    expect(pages).toBe(1);
    expect(chunks[0]?.text).toContain('25 vacation days');
    expect(chunks[0]?.location).toEqual({
      kind: 's3',
      uri: 's3://emulated-kb-kb12345678/vacation.txt',
    });
    expect(chunks[0]?.metadata).toMatchObject({
      department: 'hr',
      year: 2025,
      tags: ['leave', 'policy'],
    });
    const scores = chunks.map((c) => c.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const web = await client().knowledge.retrieve(KB, 'replace my laptop', { topK: 1 });
    expect(web.chunks).toHaveLength(1);
    expect(web.chunks[0]?.location).toEqual({
      kind: 'web',
      url: 'https://intranet.example.com/it/laptops',
    });
    expect(callsTo(emu, 'Retrieve')).toHaveLength(2);
    expect(callsTo(emu, 'Retrieve')[1]?.httpVersion).toBe('2.0');
  });

  it('honours typed filters (andAll, in, greaterThanOrEquals, listContains) on the wire', async () => {
    emu.knowledgeBase(KB, DOCS);
    const { chunks } = await client().knowledge.retrieve(KB, 'leave days laptops', {
      topK: 10,
      filter: {
        andAll: [
          { in: { key: 'department', value: ['hr', 'finance'] } },
          { greaterThanOrEquals: { key: 'year', value: 2024 } },
        ],
      },
    });
    expect(chunks.map((c) => c.metadata.department)).toEqual(['hr']);
    expect(chunks[0]?.metadata.year).toBe(2025);
    const sent = callsTo(emu, 'Retrieve')[0]?.input as {
      retrievalConfiguration: {
        vectorSearchConfiguration: { filter: unknown; numberOfResults: number };
      };
    };
    expect(sent.retrievalConfiguration.vectorSearchConfiguration).toEqual({
      numberOfResults: 10,
      filter: {
        andAll: [
          { in: { key: 'department', value: ['hr', 'finance'] } },
          { greaterThanOrEquals: { key: 'year', value: 2024 } },
        ],
      },
    });
    const listed = await client().knowledge.retrieve(KB, 'leave', {
      topK: 10,
      filter: { listContains: { key: 'tags', value: 'policy' } },
    });
    expect(listed.chunks.map((c) => c.text)).toEqual([DOCS[0]?.text]);
  });

  it('follows nextToken pages until topK chunks arrived', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `faq-${i}`,
      text: `Question ${i} about the expense policy: receipts are needed above ${i * 10} euros.`,
    }));
    emu.knowledgeBase(KB, many, { pageSize: 4 });
    const { chunks, pages } = await client().knowledge.retrieve(KB, 'expense policy receipts', {
      topK: 10,
    });
    expect(chunks).toHaveLength(10);
    expect(pages).toBe(3);
    const calls = callsTo(emu, 'Retrieve');
    expect(calls).toHaveLength(3);
    expect(calls[0]?.input.nextToken).toBeUndefined();
    expect(typeof calls[1]?.input.nextToken).toBe('string');
    expect(new Set(chunks.map((c) => c.text)).size).toBe(10);
  });

  it('retries a throttled Retrieve, then answers; a throttle that outlasts the retries is a ThrottlingError', async () => {
    emu.knowledgeBase(KB, DOCS);
    emu.fault({
      service: 'bedrock-agent-runtime',
      operation: 'Retrieve',
      kind: 'throttle',
      times: 2,
    });
    const { chunks } = await client().knowledge.retrieve(KB, 'vacation', { topK: 1 });
    expect(chunks).toHaveLength(1);
    expect(callsTo(emu, 'Retrieve')).toHaveLength(3);
    emu.fault({ service: 'bedrock-agent-runtime', operation: 'Retrieve', kind: 'throttle' });
    const err = await client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } })
      .knowledge.retrieve(KB, 'vacation')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottlingError);
    expect(callsTo(emu, 'Retrieve')).toHaveLength(5);
  });

  it('answers an array of queries in order', async () => {
    emu.knowledgeBase(KB, DOCS);
    const results = await client().knowledge.retrieve(KB, ['laptop', 'parental leave'], {
      topK: 1,
    });
    expect(results.map((r) => r.chunks[0]?.metadata['x-amz-bedrock-kb-chunk-id'])).toEqual([
      'laptops-chunk-1',
      'parental-chunk-1',
    ]);
  });

  it('an array with a query AWS refuses is a BatchError keeping the other results at their index', async () => {
    emu.knowledgeBase(KB, DOCS);
    // One Retrieve refused for good (not retried); which query's request comes first is not fixed.
    emu.fault({
      service: 'bedrock-agent-runtime',
      operation: 'Retrieve',
      kind: 'server-error',
      code: 'AccessDeniedException',
      status: 403,
      times: 1,
    });
    const err = await client()
      .knowledge.retrieve(KB, ['laptop', 'vacation', 'parental leave'], { topK: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchError);
    const results = (err as BatchError<{ chunks: unknown[] }>).results;
    expect(results).toHaveLength(3);
    const failed = results.flatMap((r, i) => (r instanceof BatchItemError ? [i] : []));
    expect(failed).toHaveLength(1);
    const item = results[failed[0] as number] as BatchItemError;
    expect(item.index).toBe(failed[0]);
    expect(item.code).toBe('AccessDeniedException');
    for (const [i, r] of results.entries()) {
      if (i !== failed[0]) expect((r as { chunks: unknown[] }).chunks).toHaveLength(1);
    }
    expect(callsTo(emu, 'Retrieve')).toHaveLength(3);
  });

  it('an array with an empty query is refused whole before any request, naming its index', async () => {
    emu.knowledgeBase(KB, DOCS);
    const err = await client()
      .knowledge.retrieve(KB, ['laptop', '', 'parental leave'], { topK: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/query\[1\] is empty/);
    expect(callsTo(emu, 'Retrieve')).toHaveLength(0);
  });

  it('refuses bad input before any request, saying what to change', async () => {
    const kb = client().knowledge;
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [kb.retrieve('short', 'q'), /10-character id/],
      [kb.retrieve(KB, ''), /empty/],
      [kb.retrieve(KB, 'x'.repeat(20_001)), /at most 20,000/],
      [kb.retrieve(KB, 'q', { topK: 101 }), /topK must be an integer from 1 to 100/],
      [
        kb.retrieve(KB, 'q', { filter: { andAll: [{ equals: { key: 'a', value: 1 } }] } }),
        /at least 2/,
      ],
      [
        kb.retrieve(KB, 'q', {
          filter: { greaterThan: { key: 'year', value: '2020' as unknown as number } },
        }),
        /filter.greaterThan.value must be a finite number/,
      ],
      [kb.retrieve(KB, 'q', { filter: { in: { key: 'a', value: [] } } }), /non-empty array/],
      [
        kb.retrieve(KB, 'q', { filter: { equals: { key: 'k'.repeat(101), value: 1 } } }),
        /1-100 characters/,
      ],
      [
        kb.retrieve(KB, 'q', {
          filter: { equals: { key: 'a', value: 1 }, notEquals: { key: 'b', value: 2 } } as never,
        }),
        /exactly one operator/,
      ],
      [kb.retrieve(KB, 'q', { searchType: 'fuzzy' as never }), /searchType/],
    ];
    for (const [call, message] of cases) {
      const err = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, String(message)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('filter groups nest 5 levels deep, not 6 (our guard, limits.ts MAX_FILTER_DEPTH)', async () => {
    emu.knowledgeBase(KB, DOCS);
    const leaf = { equals: { key: 'department', value: 'hr' } };
    const nested = (levels: number): KnowledgeFilter =>
      levels === 0 ? leaf : { andAll: [nested(levels - 1), leaf] };
    await client().knowledge.retrieve(KB, 'leave', { filter: nested(5) });
    expect(
      dig(
        callsTo(emu, 'Retrieve')[0]?.input,
        'retrievalConfiguration',
        'vectorSearchConfiguration',
        'filter',
      ),
    ).toEqual(nested(5));
    const err = await client()
      .knowledge.retrieve(KB, 'leave', { filter: nested(6) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(
      /^filter(\.andAll\[0\]){5}\.andAll nests filter groups more than 5 levels deep/,
    );
    expect(emu.calls).toHaveLength(1);
  });

  it('an unknown knowledge base is a NotFoundError from AWS', async () => {
    const err = await client()
      .knowledge.retrieve('NOSUCHKB00', 'q')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      service: 'bedrock-agent-runtime',
      operation: 'Retrieve',
      code: 'ResourceNotFoundException',
    });
  });
});
