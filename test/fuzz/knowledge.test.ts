import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badFields,
  badNumbers,
  blankStrings,
  Case,
  defined,
  hugeStrings,
  loneSurrogates,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settlesTyped,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const KB = 'KB12345678';
const MODEL = 'amazon.nova-lite-v1:0';
const RERANKER = 'amazon.rerank-v1:0';
const DOCS = [
  { id: 'a', text: 'Refunds are issued within 30 days of purchase.', metadata: { year: 2024 } },
  { id: 'b', text: 'Shipping takes five business days.', metadata: { year: 2023 } },
];

const notText = fc.oneof(wrongTypes, blankStrings, loneSurrogates);
const notANumber = fc.oneof(
  badNumbers,
  wrongTypes.filter((c) => typeof c.value !== 'number' && c.value != null),
);
const notAnObject = defined(wrongTypes).filter(
  (c) => c.value === null || (typeof c.value !== 'object' && typeof c.value !== 'function'),
);
/** Strings that are not a Bedrock model id or ARN. */
const notAModel = fc.oneof(
  defined(wrongTypes),
  blankStrings,
  value('"Amazon Nova"', () => 'Amazon Nova'),
  value('3 MB model', () => 'a'.repeat(3 * 1024 * 1024)),
);

/** One leaf of each operator, with a value of the kind it takes. */
const goodLeaf: fc.Arbitrary<Case> = fc.oneof(
  ...(
    [
      ['equals', 'x'],
      ['notEquals', 3],
      ['greaterThan', 2020],
      ['greaterThanOrEquals', 2020],
      ['lessThan', 2025],
      ['lessThanOrEquals', 2025],
      ['in', ['a', 'b']],
      ['notIn', [1, 2]],
      ['startsWith', 'Re'],
      ['stringContains', 'ship'],
      ['listContains', true],
    ] as const
  ).map(([op, v]) => value(`{ ${op}: year }`, () => ({ [op]: { key: 'year', value: v } }))),
);

/** Valid filters of every shape: a leaf, andAll / orAll of 2-3 leaves, nested groups. */
const goodFilter: fc.Arbitrary<Case> = fc.letrec<{ f: Case }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    goodLeaf,
    fc
      .tuple(fc.constantFrom('andAll', 'orAll'), fc.array(tie('f'), { minLength: 2, maxLength: 3 }))
      .map(
        ([op, members]) =>
          new Case(`{ ${op}: [${members.map((m) => m.name).join(', ')}] }`, () => ({
            [op]: members.map((m) => m.value),
          })),
      ),
  ),
})).f;

const nest = (depth: number): unknown =>
  depth === 0
    ? { equals: { key: 'k', value: 1 } }
    : { andAll: [nest(depth - 1), { equals: { key: 'k', value: 2 } }] };

/** Filters AWS refuses, of every shape. */
const badFilter: fc.Arbitrary<Case> = fc.oneof(
  notAnObject,
  badArrays,
  fc.constantFrom(
    ...(
      [
        ['{}', () => ({})],
        [
          'two operators',
          () => ({ equals: { key: 'a', value: 1 }, notEquals: { key: 'b', value: 2 } }),
        ],
        ['unknown operator', () => ({ like: { key: 'a', value: 'x' } })],
        ['__proto__ operator', () => JSON.parse('{"__proto__":{"key":"a","value":1}}')],
        ['{ equals: null }', () => ({ equals: null })],
        ['{ equals: "x" }', () => ({ equals: 'x' })],
        ['{ equals: { value: 1 } } (no key)', () => ({ equals: { value: 1 } })],
        ['{ equals: { key: "", … } }', () => ({ equals: { key: '', value: 1 } })],
        ['key of 101 chars', () => ({ equals: { key: 'k'.repeat(101), value: 1 } })],
        ['key 42', () => ({ equals: { key: 42, value: 1 } })],
        ['equals NaN', () => ({ equals: { key: 'a', value: Number.NaN } })],
        ['equals null', () => ({ equals: { key: 'a', value: null } })],
        ['equals object', () => ({ equals: { key: 'a', value: {} } })],
        ['equals no value', () => ({ equals: { key: 'a' } })],
        ['greaterThan "5"', () => ({ greaterThan: { key: 'a', value: '5' } })],
        ['lessThan Infinity', () => ({ lessThan: { key: 'a', value: Number.POSITIVE_INFINITY } })],
        ['in []', () => ({ in: { key: 'a', value: [] } })],
        ['in "a"', () => ({ in: { key: 'a', value: 'a' } })],
        ['notIn [null]', () => ({ notIn: { key: 'a', value: [null] } })],
        ['in [{}]', () => ({ in: { key: 'a', value: [{}] } })],
        ['startsWith 1', () => ({ startsWith: { key: 'a', value: 1 } })],
        ['stringContains []', () => ({ stringContains: { key: 'a', value: [] } })],
        ['listContains [1]', () => ({ listContains: { key: 'a', value: [1] } })],
        ['andAll []', () => ({ andAll: [] })],
        ['andAll of one', () => ({ andAll: [{ equals: { key: 'a', value: 1 } }] })],
        ['orAll {}', () => ({ orAll: {} })],
        ['orAll with a bad member', () => ({ orAll: [{ equals: { key: 'a', value: 1 } }, {}] })],
        ['andAll with null', () => ({ andAll: [{ equals: { key: 'a', value: 1 } }, null] })],
        ['nested 6 deep', () => nest(7)],
        ['nested 1000 deep', () => nest(1000)],
      ] as Array<[string, () => unknown]>
    ).map(([n, make]) => new Case(n, make)),
  ),
);

/** Retrieval options (retrieve and ask with a knowledge base) AWS refuses. */
const badRetrieval = badFields({
  topK: fc.oneof(
    notANumber,
    nonIntegers,
    value('0', () => 0),
    value('101', () => 101),
  ),
  filter: badFilter,
  searchType: fc.oneof(
    defined(wrongTypes),
    blankStrings,
    value('"HYBRID"', () => 'HYBRID'),
  ),
  rerank: fc.oneof(
    notAnObject,
    value('{}', () => ({})),
    value('{ model: "" }', () => ({ model: '' })),
    value('{ model: "x y" }', () => ({ model: 'x y' })),
    value('{ model, topN: 0 }', () => ({ model: RERANKER, topN: 0 })),
    value('{ model, topN: 1.5 }', () => ({ model: RERANKER, topN: 1.5 })),
    value('{ model, topN: "5" }', () => ({ model: RERANKER, topN: '5' })),
  ),
  implicitFilter: fc.oneof(
    notAnObject,
    value('{}', () => ({})),
    value('{ model, attributes: [] }', () => ({ model: MODEL, attributes: [] })),
    value('{ model, attributes: "year" }', () => ({ model: MODEL, attributes: 'year' })),
    value('{ attributes: [1 attr] } (no model)', () => ({
      attributes: [{ key: 'year', type: 'NUMBER', description: 'Year' }],
    })),
    value('26 attributes', () => ({
      model: MODEL,
      attributes: Array.from({ length: 26 }, (_, i) => ({
        key: `k${i}`,
        type: 'STRING',
        description: 'd',
      })),
    })),
  ),
});

/** A knowledge base id that is neither a 10-character id nor an ARN. */
const badKbId = fc.oneof(
  defined(wrongTypes),
  blankStrings,
  oddStrings,
  value('"KB123456789" (11)', () => 'KB123456789'),
  value('"kb-12345678"', () => 'kb-12345678'),
);

describe('knowledge.retrieve', () => {
  it(
    'knowledgeBaseId that is not an id or ARN is refused',
    refusesAll(emu, 'knowledge.retrieve', badKbId, (id) =>
      client().knowledge.retrieve(id as string, 'refunds', { ...QUICK }),
    ),
  );

  it(
    'query of the wrong type, blank, ill-formed or over 20,000 characters is refused',
    refusesAll(
      emu,
      'knowledge.retrieve',
      fc.oneof(
        notText.filter((c) => !Array.isArray(c.value)),
        value('20,001 chars', () => 'q'.repeat(20_001)),
        hugeStrings,
      ),
      (q) => client().knowledge.retrieve(KB, q as string, { ...QUICK }),
      30,
    ),
  );

  it(
    'query lists holding bad queries settle typed (a BatchError keeps each bad query at its index)',
    settlesTyped(
      'knowledge.retrieve',
      badArrays.filter((c) => !c.name.startsWith('100k')), // 100k Retrieve calls: too slow here
      (q) => client().knowledge.retrieve(KB, q as string[], { ...QUICK }),
      30,
    ),
  );

  it(
    'an empty query list is refused',
    refusesAll(
      emu,
      'knowledge.retrieve',
      value('[]', () => []),
      (q) => client().knowledge.retrieve(KB, q as string[], { ...QUICK }),
      30,
    ),
  );

  it(
    'odd queries settle typed',
    settlesTyped(
      'knowledge.retrieve',
      oddStrings,
      (q) => {
        emu.knowledgeBase(KB, DOCS);
        return client().knowledge.retrieve(KB, q as string, { ...QUICK });
      },
      30,
    ),
  );

  it(
    'retrieval options out of range, filters of every bad shape are refused',
    refusesAll(
      emu,
      'knowledge.retrieve(kb, q, …)',
      badRetrieval,
      (o) => client().knowledge.retrieve(KB, 'refunds', { ...QUICK, ...(o as object) }),
      40,
    ),
  );

  it(
    'filters of every valid shape settle typed',
    settlesTyped(
      'knowledge.retrieve(kb, q, { filter })',
      goodFilter,
      (filter) => {
        emu.knowledgeBase(KB, DOCS);
        return client().knowledge.retrieve(KB, 'refunds', { ...QUICK, filter: filter as never });
      },
      30,
    ),
  );

  it(
    'options that are not an object are refused',
    refusesAll(
      emu,
      'knowledge.retrieve(kb, q, options)',
      // null is "no options", as everywhere
      defined(wrongTypes).filter((c) => typeof c.value !== 'object'),
      (o) => client().knowledge.retrieve(KB, 'refunds', o as never),
      20,
    ),
  );
});

const ASKS = {
  ask: (o: unknown, q: unknown = 'What is the refund window?') =>
    client().knowledge.ask(q as string, o as never),
  askStream: (o: unknown, q: unknown = 'What is the refund window?') =>
    client().knowledge.askStream(q as string, o as never),
};

const badAskParams = badFields({
  model: notAModel,
  sessionId: fc.oneof(
    defined(wrongTypes),
    blankStrings,
    value('"a"', () => 'a'),
    value('"has space"', () => 'has space'),
    value('101 chars', () => 's'.repeat(101)),
  ),
  knowledgeBaseId: fc.oneof(
    badKbId,
    value('KB ARN', () => `arn:aws:bedrock:us-east-1:123456789012:knowledge-base/${KB}`),
  ),
  promptTemplate: fc.oneof(
    notText,
    value('4,001 chars', () => 'p'.repeat(4_001)),
  ),
  guardrail: fc.oneof(
    notAnObject,
    value('{}', () => ({})),
    value('{ id: "G!", version: "1" }', () => ({ id: 'G!', version: '1' })),
    value('{ id: "g1", version: "v1" }', () => ({ id: 'g1', version: 'v1' })),
    value('{ id: null-prototype object, version: "1" }', () => ({
      id: Object.create(null),
      version: '1',
    })),
    value('{ id: "g1", version: 1 }', () => ({ id: 'g1', version: 1 })),
  ),
  inference: fc.oneof(
    notAnObject,
    value('{ maxTokens: -1 }', () => ({ maxTokens: -1 })),
    value('{ maxTokens: 1.5 }', () => ({ maxTokens: 1.5 })),
    value('{ temperature: 2 }', () => ({ temperature: 2 })),
    value('{ temperature: NaN }', () => ({ temperature: Number.NaN })),
    value('{ topP: -0.1 }', () => ({ topP: -0.1 })),
    value('{ stopSequences: "x" }', () => ({ stopSequences: 'x' })),
    value('{ stopSequences: 5 items }', () => ({ stopSequences: ['a', 'b', 'c', 'd', 'e'] })),
    value('{ stopSequences: [""] }', () => ({ stopSequences: [''] })),
    value('{ stopSequences: [1] }', () => ({ stopSequences: [1] })),
  ),
});

for (const [name, call] of Object.entries(ASKS)) {
  describe(`knowledge.${name}`, () => {
    it(
      'question of the wrong type, blank, ill-formed or over 1,000 characters is refused',
      refusesAll(
        emu,
        `knowledge.${name}`,
        fc.oneof(
          notText,
          badArrays,
          value('1,001 chars', () => 'q'.repeat(1_001)),
        ),
        (q) => call({ ...QUICK, knowledgeBaseId: KB, model: MODEL }, q),
        30,
      ),
    );

    it(
      'options that are not an object, or name neither or both of knowledgeBaseId and sources, are refused',
      refusesAll(
        emu,
        `knowledge.${name}(q, options)`,
        fc.oneof(
          notAnObject,
          value('{ model } (no source)', () => ({ ...QUICK, model: MODEL })),
          value('{ knowledgeBaseId, sources, model }', () => ({
            ...QUICK,
            model: MODEL,
            knowledgeBaseId: KB,
            sources: { document: new TextEncoder().encode('Refunds in 30 days.') },
          })),
          value('{ sources: [] }', () => ({ ...QUICK, model: MODEL, sources: [] })),
          value('{ sources: [2 docs] }', () => ({
            ...QUICK,
            model: MODEL,
            sources: [{ document: 's3://bucket-a/a.txt' }, { document: 's3://bucket-a/b.txt' }],
          })),
          value('{ sources: null }', () => ({ ...QUICK, model: MODEL, sources: null })),
          value('{ sources: { document: 42 } }', () => ({
            ...QUICK,
            model: MODEL,
            sources: { document: 42 },
          })),
          value('{ sources: { document: bytes, contentType: "text" } }', () => ({
            ...QUICK,
            model: MODEL,
            sources: { document: new Uint8Array([104, 105]), contentType: 'text' },
          })),
          value('{ sources: { document: bytes, name: "" } }', () => ({
            ...QUICK,
            model: MODEL,
            sources: { document: new Uint8Array([104, 105]), name: '' },
          })),
        ),
        (o) => call(o),
        30,
      ),
    );

    it(
      'model, sessionId, knowledgeBaseId, promptTemplate, guardrail, inference of the wrong type or value are refused',
      refusesAll(
        emu,
        `knowledge.${name}(q, …)`,
        badAskParams,
        (o) => call({ ...QUICK, knowledgeBaseId: KB, model: MODEL, ...(o as object) }),
        40,
      ),
    );

    it(
      'retrieval options out of range and bad filters are refused',
      refusesAll(
        emu,
        `knowledge.${name}(q, …)`,
        badRetrieval,
        (o) => call({ ...QUICK, knowledgeBaseId: KB, model: MODEL, ...(o as object) }),
        30,
      ),
    );

    it(
      'odd questions and valid filters settle typed',
      settlesTyped(
        `knowledge.${name}`,
        fc
          .tuple(oddStrings, goodFilter)
          .map(([q, f]) => new Case(`${q.name}, { filter: ${f.name} }`, () => [q.value, f.value])),
        (v) => {
          const [q, filter] = v as [string, unknown];
          emu.knowledgeBase(KB, DOCS);
          return call({ ...QUICK, knowledgeBaseId: KB, model: MODEL, filter }, q);
        },
        20,
      ),
    );
  });
}

describe('knowledge.askStream: idleTimeoutMs', () => {
  it(
    'idleTimeoutMs that is not a positive number is refused',
    refusesAll(
      emu,
      'knowledge.askStream(q, { idleTimeoutMs })',
      fc.oneof(
        badNumbers.filter((c) => !((c.value as number) > 0)),
        value('0', () => 0),
        value('"100"', () => '100'),
        value('null', () => null),
      ),
      (idle) =>
        ASKS.askStream({ ...QUICK, knowledgeBaseId: KB, model: MODEL, idleTimeoutMs: idle }),
      20,
    ),
  );
});

describe('knowledge.rerank', () => {
  const rerank = (q: unknown, docs: unknown, o: unknown) =>
    client().knowledge.rerank(q as string, docs as string[], o as never);

  it(
    'query of the wrong type, blank, ill-formed or over 32,000 characters is refused',
    refusesAll(
      emu,
      'knowledge.rerank',
      fc.oneof(
        notText,
        badArrays,
        value('32,001 chars', () => 'q'.repeat(32_001)),
      ),
      (q) => rerank(q, ['a', 'b'], { ...QUICK, model: RERANKER }),
      30,
    ),
  );

  it(
    'documents that are not a non-empty array of strings or JSON objects are refused',
    refusesAll(
      emu,
      'knowledge.rerank(q, documents)',
      fc.oneof(
        notAnObject,
        badArrays.filter((c) => !['[[1],[1,2]] (ragged)', '[{}]'].includes(c.name)),
        value('{ length: 1 }', () => ({ length: 1, 0: 'a' })),
        value('["a", 32,001 chars]', () => ['a', 'd'.repeat(32_001)]),
        value('[circular]', () => {
          const o: Record<string, unknown> = {};
          o.self = o;
          return [o];
        }),
        value('[{ n: 1n }]', () => [{ n: 1n }]),
        value('[symbol]', () => [Symbol('s')]),
        value('[function]', () => [() => 'x']),
      ),
      (docs) => rerank('refunds', docs, { ...QUICK, model: RERANKER }),
      40,
    ),
  );

  it(
    'model and topN of the wrong type or value are refused',
    refusesAll(
      emu,
      'knowledge.rerank(q, docs, …)',
      fc.oneof(
        notAnObject,
        badFields({
          model: notAModel,
          topN: fc.oneof(
            notANumber,
            nonIntegers,
            value('0', () => 0),
          ),
        }).map((c) => new Case(c.name, () => ({ model: RERANKER, ...c.value }))),
      ),
      (o) => rerank('refunds', ['a', 'b'], { ...QUICK, ...(o as object) }),
      40,
    ),
  );

  it(
    'odd strings as query and documents settle typed',
    settlesTyped(
      'knowledge.rerank',
      oddStrings,
      (s) => rerank(s, [s, 'plain', { s }], { ...QUICK, model: RERANKER }),
      30,
    ),
  );
});

requestOptionProperties(
  it,
  'knowledge',
  {
    retrieve: (o) => client().knowledge.retrieve(KB, 'refunds', o),
    retrieveMany: (o) => client().knowledge.retrieve(KB, ['refunds', 'shipping'], o),
    ask: (o) =>
      client().knowledge.ask('Refund window?', { knowledgeBaseId: KB, model: MODEL, ...o }),
    askStream: (o) =>
      client().knowledge.askStream('Refund window?', { knowledgeBaseId: KB, model: MODEL, ...o }),
    rerank: (o) => client().knowledge.rerank('refunds', ['a', 'b'], { model: RERANKER, ...o }),
  },
  emu,
);
