import type { AwsAI } from 'aws-ai';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badFields,
  badNumbers,
  blankStrings,
  defined,
  hugeStrings,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settlesTyped,
  trickyObjects,
  utf16String,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const CAMPAIGN = 'arn:aws:personalize:us-east-1:123456789012:campaign/movies';
const RECOMMENDER = 'arn:aws:personalize:us-east-1:123456789012:recommender/top-picks';
const FILTER = 'arn:aws:personalize:us-east-1:123456789012:filter/genre';

type Call = (ai: AwsAI, arn: unknown, o: Record<string, unknown>) => unknown;

/** Each method with the options it needs to be valid. */
const METHODS: Record<string, Call> = {
  forUser: (ai, arn, o) => ai.recommendations.forUser(arn as string, { userId: 'u1', ...o }),
  forItem: (ai, arn, o) => ai.recommendations.forItem(arn as string, { itemId: 'm1', ...o }),
  rank: (ai, arn, o) =>
    ai.recommendations.rank(arn as string, { userId: 'u1', items: ['m1', 'm2'], ...o }),
  actions: (ai, arn, o) => ai.recommendations.actions(arn as string, { userId: 'u1', ...o }),
};
const NAMES = Object.keys(METHODS);

function load(): void {
  emu.personalize(CAMPAIGN, {
    items: ['m1', 'm2', 'm3'],
    interactions: [
      { userId: 'u1', itemId: 'm1' },
      { userId: 'u2', itemId: 'm2' },
    ],
    actions: ['signup', 'upgrade'],
  });
}

const notAString = defined(fc.oneof(wrongTypes, badArrays));
const badArns = fc.oneof(
  notAString,
  blankStrings,
  hugeStrings,
  oddStrings,
  value('"campaign/movies"', () => 'campaign/movies'),
  value('arn of another service', () => 'arn:aws:s3:::bucket'),
  value('arn of 300 characters', () => `${CAMPAIGN}${'x'.repeat(300)}`),
  value('filter arn', () => FILTER),
);
const badIds = fc.oneof(
  notAString,
  value('empty string', () => ''),
  value('257 characters', () => 'u'.repeat(257)),
  hugeStrings,
);
const badCounts = defined(
  fc.oneof(
    badNumbers,
    nonIntegers,
    wrongTypes.filter((c) => typeof c.value !== 'number'),
    value('501', () => 501),
  ),
);
const badFilters = defined(
  fc.oneof(
    wrongTypes.filter((c) => c.value !== undefined && !(typeof c.value === 'object')),
    value('null', () => null),
    value('{}', () => ({})),
    badArns
      .filter((c) => c.value !== FILTER)
      .map((c) => ({ ...c, name: `{ arn: ${c.name} }`, value: { arn: c.value } }) as never),
    value('{ values: null }', () => ({ arn: FILTER, values: null })),
    value('{ values: "x" }', () => ({ arn: FILTER, values: 'x' })),
    value('{ values: { GENRE: null } }', () => ({ arn: FILTER, values: { GENRE: null } })),
    value('{ values: { GENRE: [] } }', () => ({ arn: FILTER, values: { GENRE: [] } })),
    value('{ values: { GENRE: NaN } }', () => ({ arn: FILTER, values: { GENRE: Number.NaN } })),
    value('{ values: { GENRE: {} } }', () => ({ arn: FILTER, values: { GENRE: {} } })),
    value("{ values: { GENRE: 'a\"b' } }", () => ({ arn: FILTER, values: { GENRE: 'a"b' } })),
    value('{ values: { "bad key": "x" } }', () => ({ arn: FILTER, values: { 'bad key': 'x' } })),
    value('{ values: 26 parameters }', () => ({
      arn: FILTER,
      values: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`P${i}`, 'x'])),
    })),
    value('{ values: { GENRE: 2,000 chars } }', () => ({
      arn: FILTER,
      values: { GENRE: 'x'.repeat(2_000) },
    })),
  ),
);
const badContexts = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'object' || c.value === null),
    badArrays.filter((c) => c.name !== '[]'),
    value('{ DEVICE: 1 }', () => ({ DEVICE: 1 })),
    value('{ DEVICE: null }', () => ({ DEVICE: null })),
    value('{ "bad key": "x" }', () => ({ 'bad key': 'x' })),
    value('{ DEVICE: 2,000 chars }', () => ({ DEVICE: 'x'.repeat(2_000) })),
    value('151 entries', () =>
      Object.fromEntries(Array.from({ length: 151 }, (_, i) => [`K${i}`, 'x'])),
    ),
  ),
);
const badColumns = defined(
  fc.oneof(
    wrongTypes,
    blankStrings,
    badArrays.filter((c) => !c.name.startsWith('[ , "a"]')),
    value('11 columns', () => Array.from({ length: 11 }, (_, i) => `C${i}`)),
    value('[151 chars]', () => ['c'.repeat(151)]),
  ),
);
const badPromotions = defined(
  fc.oneof(
    wrongTypes,
    blankStrings,
    badArrays.filter((c) => c.name !== '[]'),
    value('2 promotions', () => [
      { name: 'a', percent: 10, filter: { arn: FILTER } },
      { name: 'b', percent: 10, filter: { arn: FILTER } },
    ]),
    value('[{ name: "-x" }]', () => [{ name: '-x', percent: 10, filter: { arn: FILTER } }]),
    value('[{ percent: 0 }]', () => [{ name: 'a', percent: 0, filter: { arn: FILTER } }]),
    value('[{ percent: 10.5 }]', () => [{ name: 'a', percent: 10.5, filter: { arn: FILTER } }]),
    value('[{ no filter }]', () => [{ name: 'a', percent: 10 }]),
    value('[{ filter: { arn: "x" } }]', () => [{ name: 'a', percent: 10, filter: { arn: 'x' } }]),
  ),
);

describe('recommendations: bad ARNs and ids are refused before any call', () => {
  for (const [name, call] of Object.entries(METHODS)) {
    it(
      `${name}: ARN of the wrong type, blank, malformed or of another resource`,
      refusesAll(
        emu,
        `recommendations.${name}`,
        name === 'rank' || name === 'actions'
          ? fc.oneof(
              badArns,
              value('recommender arn', () => RECOMMENDER),
            )
          : badArns,
        (arn) => call(client(), arn, { ...QUICK }),
        30,
      ),
    );
  }

  it('options missing or not an object', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        fc.oneof(wrongTypes.filter((c) => typeof c.value !== 'object' || c.value === null)),
        async (name, bad) => {
          const fn = (
            client().recommendations as unknown as Record<string, (...a: unknown[]) => unknown>
          )[name];
          await refusesAll(
            emu,
            `recommendations.${name}(arn, ${bad.name})`,
            value('…', () => 0),
            () => fn?.call(client().recommendations, CAMPAIGN, bad.value),
            1,
          )();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('userId / itemId of the wrong type, empty or too long', async () => {
    const fields: Record<string, string[]> = {
      forUser: ['userId'],
      forItem: ['itemId', 'userId'],
      rank: ['userId'],
      actions: ['userId'],
    };
    const pairs = Object.entries(fields).flatMap(([m, keys]) => keys.map((k) => `${m}.${k}`));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pairs), badIds, async (pair, bad) => {
        const [name, key] = pair.split('.') as [string, string];
        const call = METHODS[name] as Call;
        await refusesAll(
          emu,
          `recommendations.${name}({ ${key}: ${bad.name} })`,
          value('…', () => 0),
          () => call(client(), CAMPAIGN, { ...QUICK, [key]: bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it('odd and random ids settle typed', async () => {
    load();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        fc.oneof(oddStrings, utf16String(256)).filter((c) => c.value !== ''),
        async (name, id) => {
          const key = name === 'forItem' ? 'itemId' : 'userId';
          await settlesTyped(
            `recommendations.${name}({ ${key}: ${id.name} })`,
            value('…', () => 0),
            () => (METHODS[name] as Call)(client(), CAMPAIGN, { ...QUICK, [key]: id.value }),
            1,
          )();
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('recommendations: bad options are refused before any call', () => {
  it('numResults, filter, context, metadataColumns, promotions (forUser / forItem)', async () => {
    const options = badFields({
      numResults: badCounts,
      filter: badFilters,
      context: badContexts,
      metadataColumns: badColumns,
      promotions: badPromotions,
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('forUser', 'forItem'), options, async (name, bad) => {
        await refusesAll(
          emu,
          `recommendations.${name}(arn, ${bad.name})`,
          value('…', () => 0),
          () => (METHODS[name] as Call)(client(), CAMPAIGN, { ...QUICK, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it('numResults over 50 with metadataColumns', async () => {
    await refusesAll(
      emu,
      'recommendations.forUser(…, { numResults: 51, metadataColumns })',
      value('…', () => 0),
      () =>
        METHODS.forUser?.(client(), CAMPAIGN, {
          ...QUICK,
          numResults: 51,
          metadataColumns: ['GENRES'],
        }),
      1,
    )();
  });

  it('rank: items, filter, context, metadataColumns', async () => {
    const badItems = defined(
      fc.oneof(
        wrongTypes,
        blankStrings,
        badArrays,
        value('["m1", "m1"] (repeat)', () => ['m1', 'm1']),
        value('501 items', () => Array.from({ length: 501 }, (_, i) => `m${i}`)),
        value('[257 chars]', () => ['m'.repeat(257)]),
      ),
    );
    const options = badFields({
      items: badItems,
      filter: badFilters,
      context: badContexts,
      metadataColumns: badColumns,
    });
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refusesAll(
          emu,
          `recommendations.rank(arn, ${bad.name})`,
          value('…', () => 0),
          () => (METHODS.rank as Call)(client(), CAMPAIGN, { ...QUICK, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it('actions: numResults and filter', async () => {
    const options = badFields({
      numResults: fc.oneof(
        badCounts,
        value('101', () => 101),
      ),
      filter: badFilters,
    });
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refusesAll(
          emu,
          `recommendations.actions(arn, ${bad.name})`,
          value('…', () => 0),
          () => (METHODS.actions as Call)(client(), CAMPAIGN, { ...QUICK, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 30 },
    );
  });

  it(
    'prototype-trick option objects settle typed',
    settlesTyped(
      'recommendations.forUser(arn, { context/filter: tricky })',
      trickyObjects,
      (v) => {
        load();
        return METHODS.forUser?.(client(), CAMPAIGN, { ...QUICK, context: v, filter: undefined });
      },
      20,
    ),
  );

  requestOptionProperties(
    it,
    'recommendations',
    Object.fromEntries(
      Object.entries(METHODS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(), CAMPAIGN, o),
      ]),
    ),
    emu,
  );
});
