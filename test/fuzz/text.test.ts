import type { AwsAI } from 'aws-ai';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  blankStrings,
  type Case,
  expectRefused,
  expectTyped,
  hugeStrings,
  oddStrings,
  QUICK,
  RUNS,
  requestOptionProperties,
  settle,
  utf16String,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

type Call = (ai: AwsAI, input: unknown, options: Record<string, unknown>) => unknown;

/** Every text method that takes one text or an array, with the options each needs to run. */
const METHODS: Record<string, Call> = {
  detectLanguage: (ai, input, o) => ai.text.detectLanguage(input as string, o),
  sentiment: (ai, input, o) => ai.text.sentiment(input as string, o),
  entities: (ai, input, o) => ai.text.entities(input as string, o),
  keyPhrases: (ai, input, o) => ai.text.keyPhrases(input as string, o),
  targetedSentiment: (ai, input, o) => ai.text.targetedSentiment(input as string, o),
  syntax: (ai, input, o) => ai.text.syntax(input as string, o),
  pii: (ai, input, o) => ai.text.pii(input as string, o),
  redactPii: (ai, input, o) => ai.text.redactPii(input as string, o),
  toxicity: (ai, input, o) => ai.text.toxicity(input as string, o),
  translate: (ai, input, o) => ai.text.translate(input as string, { to: 'fr', ...o }),
};

/** Text inputs the library refuses before any call: wrong types, blank, lone surrogates, bad arrays. */
const refusedInputs = fc.oneof(
  wrongTypes,
  blankStrings,
  badArrays,
  oddStrings.filter((c) => /[\uD800-\uDFFF]/.test(c.value as string) && !isWellFormed(c.value)),
);

function isWellFormed(value: unknown): boolean {
  return (
    typeof value === 'string' && (value as string & { isWellFormed(): boolean }).isWellFormed()
  );
}

/** A language option that is not a language code any text method takes. */
const badLanguages = fc.oneof(
  wrongTypes.filter((c) => c.value !== undefined),
  blankStrings,
  utf16String(12).filter((c) => !/^[a-z]{2}(-[A-Za-z]{2})?$/.test(c.value)),
  fc
    .constantFrom('xx', 'EN', 'en-us', 'english', 'zh-tw', '__proto__')
    .map((s) => ({ name: JSON.stringify(s), value: s }) as unknown as Case),
);

describe('text: bad inputs are refused before any call', () => {
  for (const [name, call] of Object.entries(METHODS)) {
    it(`${name}: wrong types, blank text, lone surrogates, bad arrays`, async () => {
      const ai = client();
      await fc.assert(
        fc.asyncProperty(refusedInputs, async (input) => {
          const before = emu.calls.length;
          const outcome = await settle(() => call(ai, input.value, { ...QUICK }));
          expectRefused(outcome, `text.${name}(${input.name})`, emu, before);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('text: odd and random strings settle typed', () => {
  for (const [name, call] of Object.entries(METHODS)) {
    it(`${name}: odd strings (alone and in arrays)`, async () => {
      const ai = client();
      await fc.assert(
        fc.asyncProperty(oddStrings, fc.boolean(), async (input, asArray) => {
          const value = asArray ? [input.value, 'Hello there.'] : input.value;
          const outcome = await settle(() => call(ai, value, { ...QUICK, language: 'en' }));
          expectTyped(outcome, `text.${name}(${asArray ? `[${input.name}, …]` : input.name})`);
        }),
        { numRuns: 30 },
      );
    });
  }

  it('every method: huge strings (a few MB) settle typed', async () => {
    // The default handlers' regexes are slow on megabytes of one character (and block this process,
    // timers included); empty answers keep the property about the library's own handling.
    emu.handle('comprehend', 'DetectPiiEntities', () => ({ Entities: [] }));
    emu.handle('comprehend', 'DetectSyntax', () => ({ SyntaxTokens: [] }));
    emu.handle('comprehend', 'BatchDetectSyntax', (input) => ({
      ResultList: (input.TextList as string[]).map((_, Index) => ({ Index, SyntaxTokens: [] })),
      ErrorList: [],
    }));
    emu.handle('comprehend', 'DetectToxicContent', (input) => ({
      ResultList: (input.TextSegments as unknown[]).map(() => ({ Labels: [], Toxicity: 0 })),
    }));
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(METHODS)),
        hugeStrings,
        async (name, input) => {
          const call = METHODS[name] as Call;
          const outcome = await settle(() => call(ai, input.value, { ...QUICK, language: 'en' }));
          expectTyped(outcome, `text.${name}(${input.name})`);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);
});

describe('text: bad options are refused before any call', () => {
  requestOptionProperties(
    it,
    'text',
    Object.fromEntries(
      Object.entries(METHODS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(), 'Hello there.', { language: 'en', ...o }),
      ]),
    ),
    emu,
  );

  it('language that no method supports', async () => {
    const ai = client();
    const names = Object.keys(METHODS).filter((n) => n !== 'detectLanguage' && n !== 'translate');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), badLanguages, async (name, language) => {
        const call = METHODS[name] as Call;
        const before = emu.calls.length;
        const outcome = await settle(() =>
          call(ai, ['Hello there.'], { ...QUICK, language: language.value }),
        );
        expectRefused(outcome, `text.${name}([…], { language: ${language.name} })`, emu, before);
      }),
      { numRuns: 80 },
    );
  });

  it('translate: bad to / from / formality / profanity / brevity / terminology', async () => {
    const ai = client();
    // Translate's language list is AWS's to keep; the library checks the shape of a code.
    const badCodes = badLanguages.filter(
      (c) => !(typeof c.value === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(c.value)),
    );
    const badFields = fc.oneof(
      badCodes.map((c) => ['to', c] as const),
      badCodes.map((c) => ['from', c] as const),
      fc.oneof(wrongTypes, blankStrings).map((c) => ['formality', c] as const),
      fc.oneof(wrongTypes, blankStrings).map((c) => ['profanity', c] as const),
      fc.oneof(wrongTypes, blankStrings).map((c) => ['terminology', c] as const),
      wrongTypes.map((c) => ['brevity', c] as const),
    );
    await fc.assert(
      fc.asyncProperty(badFields, fc.boolean(), async ([key, bad], asArray) => {
        if (bad.value === undefined && key !== 'to') return; // an absent optional field is fine
        if (key === 'brevity' && typeof bad.value === 'boolean') return;
        const before = emu.calls.length;
        const input = asArray ? ['Hello there.'] : 'Hello there.';
        const outcome = await settle(() =>
          ai.text.translate(
            input as string,
            {
              ...QUICK,
              to: 'de',
              from: 'en',
              [key]: bad.value,
            } as never,
          ),
        );
        expectRefused(outcome, `text.translate(…, { ${key}: ${bad.name} })`, emu, before);
      }),
      { numRuns: 100 },
    );
  });

  it('entities / pii / redactPii: bad types and mask', async () => {
    const ai = client();
    const badTypes = fc.oneof(
      badArrays,
      wrongTypes.filter((c) => c.value !== undefined),
      fc
        .constant(['PERSON', 'not a type'])
        .map((v) => ({ name: JSON.stringify(v), value: v }) as unknown as Case),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('entities', 'pii', 'redactPii', 'redactPii-mask'),
        badTypes,
        async (name, bad) => {
          const before = emu.calls.length;
          const options =
            name === 'redactPii-mask'
              ? { ...QUICK, language: 'en', mask: bad.value }
              : { ...QUICK, language: 'en', types: bad.value };
          const method = name === 'redactPii-mask' ? 'redactPii' : name;
          if (name === 'redactPii-mask' && typeof bad.value === 'string') return;
          const outcome = await settle(() =>
            (METHODS[method] as Call)(client(), 'Call Jane at 555-0100.', options),
          );
          void ai;
          expectRefused(outcome, `text.${name}(…, ${bad.name})`, emu, before);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('text jobs: bad parameters are refused before any call', () => {
  const valid = {
    input: 's3://corpus-bucket/in/',
    output: 's3://corpus-bucket/out/',
    roleArn: 'arn:aws:iam::123456789012:role/Comprehend',
    language: 'en',
  };
  const starts: Record<string, (ai: AwsAI, p: unknown, o?: unknown) => unknown> = {
    startSentimentJob: (ai, p, o) => ai.text.startSentimentJob(p as never, o as never),
    startEntitiesJob: (ai, p, o) => ai.text.startEntitiesJob(p as never, o as never),
    startKeyPhrasesJob: (ai, p, o) => ai.text.startKeyPhrasesJob(p as never, o as never),
    startTargetedSentimentJob: (ai, p, o) =>
      ai.text.startTargetedSentimentJob(p as never, o as never),
    startPiiJob: (ai, p, o) => ai.text.startPiiJob(p as never, o as never),
    startTranslationJob: (ai, p, o) =>
      ai.text.startTranslationJob({ to: 'fr', ...(p as object) } as never, o as never),
  };
  /** The fields each job takes (one is broken at a time). */
  const fieldsOf = (name: string): string[] =>
    name === 'startTranslationJob'
      ? ['input', 'output', 'roleArn', 'name', 'from', 'contentType', 'terminology']
      : name === 'startPiiJob'
        ? ['input', 'output', 'roleArn', 'language', 'name', 'format', 'mode']
        : ['input', 'output', 'roleArn', 'language', 'name', 'format'];

  it('params of the wrong type, or with one field broken', async () => {
    const ai = client();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(starts)),
        fc.option(fc.tuple(fc.nat(7), fc.oneof(wrongTypes, blankStrings))),
        wrongTypes,
        async (name, pick, whole) => {
          const fields = fieldsOf(name);
          const field = pick && ([fields[pick[0] % fields.length] as string, pick[1]] as const);
          const start = starts[name] as (typeof starts)[string];
          const before = emu.calls.length;
          if (field === null) {
            const outcome = await settle(() => start(ai, whole.value, QUICK));
            // translation jobs spread the params: a wrong-type params is then an object lacking fields
            expectRefused(outcome, `text.${name}(${whole.name})`, emu, before);
            return;
          }
          const [key, bad] = field;
          const optional = ['name', 'format', 'mode', 'from', 'contentType', 'terminology'];
          if (bad.value == null && optional.includes(key as string)) return; // null = absent
          if (
            key === 'language' &&
            name === 'startTargetedSentimentJob' &&
            bad.value === undefined
          ) {
            return;
          }
          if (key === 'name' && typeof bad.value === 'string' && bad.value !== '') return;
          const outcome = await settle(() => start(ai, { ...valid, [key]: bad.value }, QUICK));
          expectRefused(outcome, `text.${name}({ ${key}: ${bad.name} })`, emu, before);
        },
      ),
      { numRuns: 100 },
    );
  });

  requestOptionProperties(
    it,
    'text jobs',
    Object.fromEntries(
      Object.entries(starts).map(([name, start]) => [
        name,
        (o: unknown) => start(client(), valid, o),
      ]),
    ),
    emu,
  );
});
