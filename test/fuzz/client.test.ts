import { AwsAI } from 'aws-ai';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badNumbers,
  blankStrings,
  Case,
  expectTyped,
  oddStrings,
  QUICK,
  settle,
  trickyObjects,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

/** Values whose String() throws: config.ts must name them without calling String() on them. */
const unprintable = (c: Case) =>
  c.name === 'null-prototype object' || c.name.startsWith('{ toString: 1 }') || c.name === 'symbol';

/** One config field broken at a time. */
const badConfig = fc.oneof(
  fc
    .oneof(
      wrongTypes,
      blankStrings,
      oddStrings,
      fc.constant(new Case('100k-char region', () => 'a'.repeat(100_000))),
    )
    .map((c) => new Case(`{ region: ${c.name} }`, () => ({ region: c.value }))),
  fc
    .oneof(badNumbers, wrongTypes, trickyObjects)
    .map((c) => new Case(`{ timeoutMs: ${c.name} }`, () => ({ timeoutMs: c.value }), c)),
  fc
    .oneof(badNumbers, wrongTypes, trickyObjects)
    .map((c) => new Case(`{ concurrency: ${c.name} }`, () => ({ concurrency: c.value }), c)),
  fc
    .oneof(badNumbers, wrongTypes)
    .map(
      (c) =>
        new Case(`{ retry: { retries: ${c.name} } }`, () => ({ retry: { retries: c.value } }), c),
    ),
  fc
    .oneof(wrongTypes, blankStrings, badArrays)
    .map((c) => new Case(`{ staging: ${c.name} }`, () => ({ staging: c.value }))),
  fc
    .oneof(wrongTypes, blankStrings, badArrays)
    .map((c) => new Case(`{ credentials: ${c.name} }`, () => ({ credentials: c.value }))),
  // logger left out: { logger: null } escapes as a TypeError at the first call (reported: core/context.ts).
  fc
    .oneof(wrongTypes, trickyObjects)
    .map((c) => new Case(`{ clients: ${c.name} }`, () => ({ clients: c.value }))),
  fc
    .oneof(wrongTypes, blankStrings, oddStrings)
    .map((c) => new Case(`{ endpoint: ${c.name} }`, () => ({ endpoint: c.value }))),
);

describe('new AwsAI(config) / withOptions(config): bad config', () => {
  it('construction, withOptions and the first call fail typed (never another error type, never a hang)', async () => {
    await fc.assert(
      fc.asyncProperty(badConfig, fc.boolean(), async (config, derived) => {
        const label = `${derived ? 'withOptions' : 'new AwsAI'}(${config.name})`;
        const built = await settle(() =>
          derived
            ? client().withOptions(config.value as never)
            : new AwsAI({ ...emu.config, ...(config.value as object) } as never),
        );
        // Building a client is no call to AWS: its error names no service.
        expectTyped(built, label, false);
        if (!built.ok) return;
        const ai = built.value as AwsAI;
        const outcome = await settle(() =>
          ai.text.detectLanguage('Hello there, how are you?', { ...QUICK }),
        );
        expectTyped(outcome, `${label} then detectLanguage`);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('config values whose String() throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('timeoutMs', 'concurrency'),
        trickyObjects.filter(unprintable),
        async (key, bad) => {
          const outcome = await settle(() => new AwsAI({ [key]: bad.value } as never));
          expectTyped(outcome, `new AwsAI({ ${key}: ${bad.name} })`, false);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('new AwsAI(null)', async () => {
    expectTyped(await settle(() => new AwsAI(null as never)), 'new AwsAI(null)', false);
  });

  it('a config that is not an object', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(wrongTypes, blankStrings, badArrays), async (config) => {
        const outcome = await settle(() => new AwsAI(config.value as never));
        expectTyped(outcome, `new AwsAI(${config.name})`, false);
      }),
      { numRuns: 40 },
    );
  });
});
