/**
 * docs/knowledge.md: the emulated knowledge base honours every filter operator. Each operator
 * against documents that all carry the key, so the expected set does not depend on how a missing
 * key is treated.
 */
import type { KnowledgeFilter } from 'aws-ai/knowledge';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const KB = 'KBFILTERS1';

const DOCS = [
  {
    id: 'a',
    text: 'Policy alpha about leave.',
    metadata: { dept: 'hr', year: 2022, tags: ['leave', 'policy'], remote: true },
  },
  {
    id: 'b',
    text: 'Policy beta about leave.',
    metadata: { dept: 'hr-benefits', year: 2024, tags: ['benefits'], remote: false },
  },
  {
    id: 'c',
    text: 'Policy gamma about leave.',
    metadata: { dept: 'it', year: 2025, tags: ['laptops', 'policy'], remote: true },
  },
];

const CASES: Array<[string, KnowledgeFilter, string[]]> = [
  ['equals (string)', { equals: { key: 'dept', value: 'hr' } }, ['a']],
  ['equals (boolean)', { equals: { key: 'remote', value: false } }, ['b']],
  ['notEquals', { notEquals: { key: 'dept', value: 'hr' } }, ['b', 'c']],
  ['greaterThan', { greaterThan: { key: 'year', value: 2024 } }, ['c']],
  ['greaterThanOrEquals', { greaterThanOrEquals: { key: 'year', value: 2024 } }, ['b', 'c']],
  ['lessThan', { lessThan: { key: 'year', value: 2024 } }, ['a']],
  ['lessThanOrEquals', { lessThanOrEquals: { key: 'year', value: 2024 } }, ['a', 'b']],
  ['in', { in: { key: 'year', value: [2022, 2025] } }, ['a', 'c']],
  ['notIn', { notIn: { key: 'dept', value: ['hr', 'it'] } }, ['b']],
  ['startsWith', { startsWith: { key: 'dept', value: 'hr' } }, ['a', 'b']],
  ['stringContains', { stringContains: { key: 'dept', value: 'benef' } }, ['b']],
  ['listContains', { listContains: { key: 'tags', value: 'policy' } }, ['a', 'c']],
  [
    'orAll',
    {
      orAll: [{ equals: { key: 'dept', value: 'it' } }, { lessThan: { key: 'year', value: 2023 } }],
    },
    ['a', 'c'],
  ],
  [
    'andAll',
    {
      andAll: [
        { listContains: { key: 'tags', value: 'policy' } },
        { equals: { key: 'remote', value: true } },
        { greaterThan: { key: 'year', value: 2023 } },
      ],
    },
    ['c'],
  ],
];

describe('emulator: every filter operator', () => {
  it.each(CASES)('%s', async (_name, filter, ids) => {
    emu.knowledgeBase(KB, DOCS);
    const { chunks } = await client().knowledge.retrieve(KB, 'policy leave', { topK: 10, filter });
    expect(chunks.map((c) => c.metadata['x-amz-bedrock-kb-chunk-id']).sort()).toEqual(
      ids.map((id) => `${id}-chunk-1`),
    );
  });
});
