import type { AwsAI } from 'aws-ai';
import * as textFns from 'aws-ai/text';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badClientConfigs,
  badWaitOptions,
  blankStrings,
  type Case,
  expectRefused,
  expectTyped,
  hugeStrings,
  loneSurrogates,
  oddStrings,
  QUICK,
  RUNS,
  refusesAll,
  requestOptionProperties,
  settle,
  utf16String,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const TEXT = 'I love this product. It works well.';

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

describe('text jobs: the jobs refuse bad wait options before any request', () => {
  it('wait / result of every start*Job', async () => {
    const valid = {
      input: 's3://corpus-bucket/in/',
      output: 's3://corpus-bucket/out/',
      roleArn: 'arn:aws:iam::123456789012:role/Comprehend',
      language: 'en' as const,
    };
    const ai = client();
    const jobs = {
      startSentimentJob: await ai.text.startSentimentJob(valid, QUICK),
      startEntitiesJob: await ai.text.startEntitiesJob(valid, QUICK),
      startKeyPhrasesJob: await ai.text.startKeyPhrasesJob(valid, QUICK),
      startTargetedSentimentJob: await ai.text.startTargetedSentimentJob(valid, QUICK),
      startPiiJob: await ai.text.startPiiJob(valid, QUICK),
      startTranslationJob: await ai.text.startTranslationJob({ ...valid, to: 'fr' }, QUICK),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(jobs) as Array<keyof typeof jobs>)),
        badWaitOptions,
        fc.constantFrom('wait', 'result'),
        async (name, bad, method) => {
          const job = jobs[name];
          const before = emu.calls.length;
          const outcome = await settle(() =>
            method === 'wait' ? job.wait(bad.value as never) : job.result(bad.value as never),
          );
          expectRefused(outcome, `text.${name} job.${method}(${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('aws-ai/text: the per-operation functions', () => {
  type Fn = (c: unknown, input: unknown, o: Record<string, unknown>) => unknown;
  const FUNCTIONS: Record<string, Fn> = {
    detectLanguage: (c, i, o) => textFns.detectLanguage(c as never, i as string, o),
    sentiment: (c, i, o) => textFns.sentiment(c as never, i as string, o),
    entities: (c, i, o) => textFns.entities(c as never, i as string, o),
    keyPhrases: (c, i, o) => textFns.keyPhrases(c as never, i as string, o),
    targetedSentiment: (c, i, o) => textFns.targetedSentiment(c as never, i as string, o),
    syntax: (c, i, o) => textFns.syntax(c as never, i as string, o),
    pii: (c, i, o) => textFns.pii(c as never, i as string, o),
    redactPii: (c, i, o) => textFns.redactPii(c as never, i as string, o),
    toxicity: (c, i, o) => textFns.toxicity(c as never, i as string, o),
    translate: (c, i, o) => textFns.translate(c as never, i as string, { to: 'fr', ...o }),
  };
  const NAMES = Object.keys(FUNCTIONS);
  type Other = (c: unknown, o: Record<string, unknown>) => unknown;
  const CLASSIFIER =
    'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
  const JOB = {
    input: 's3://corpus-bucket/in/',
    output: 's3://corpus-bucket/out/',
    roleArn: 'arn:aws:iam::123456789012:role/Comprehend',
    language: 'en',
  } as const;
  /** The functions that take something else than one text or an array, with a valid input each. */
  const OTHERS: Record<string, Other> = {
    classify: (c, o) => textFns.classify(c as never, TEXT, { endpoint: CLASSIFIER, ...o }),
    translateDocument: (c, o) =>
      textFns.translateDocument(c as never, new TextEncoder().encode(TEXT), {
        to: 'fr',
        contentType: 'text/plain',
        ...o,
      }),
    startSentimentJob: (c, o) => textFns.startSentimentJob(c as never, JOB, o),
    startEntitiesJob: (c, o) => textFns.startEntitiesJob(c as never, JOB, o),
    startKeyPhrasesJob: (c, o) => textFns.startKeyPhrasesJob(c as never, JOB, o),
    startTargetedSentimentJob: (c, o) =>
      textFns.startTargetedSentimentJob(c as never, { ...JOB, language: 'en' }, o),
    startPiiJob: (c, o) => textFns.startPiiJob(c as never, JOB, o),
    startTranslationJob: (c, o) => textFns.startTranslationJob(c as never, { ...JOB, to: 'fr' }, o),
  };
  /** Every function, called with a valid input: `ALL[name](client, options)`. */
  const ALL: Record<string, Other> = {
    ...Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (c: unknown, o: Record<string, unknown>) => fn(c, TEXT, o),
      ]),
    ),
    ...OTHERS,
  };
  const textClient = () => textFns.createTextClient({ ...emu.config, retry: { retries: 0 } });
  /** First arguments that are neither a TextClient nor a Text module. */
  const notAClient = fc.oneof(
    wrongTypes,
    blankStrings,
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('[textClient]', () => [textClient()]),
  );

  it('a first argument that is not a TextClient or a Text module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(ALL)), notAClient, async (name, bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() => (ALL[name] as Other)(bad.value, { ...QUICK }));
        expectRefused(outcome, `text ${name}(${bad.name}, …)`, emu, before, false);
      }),
      { numRuns: 100 },
    );
  });

  it('bad text is refused before any call, with a client or ai.text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        refusedInputs,
        fc.boolean(),
        async (name, bad, module) => {
          const before = emu.calls.length;
          const first = module ? client().text : textClient();
          const outcome = await settle(() => (FUNCTIONS[name] as Fn)(first, bad.value, QUICK));
          expectRefused(outcome, `text ${name}(client, ${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('odd strings (alone and in arrays) settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        oddStrings,
        fc.boolean(),
        async (name, text, asArray) => {
          const input = asArray ? [text.value, TEXT] : text.value;
          const outcome = await settle(() =>
            (FUNCTIONS[name] as Fn)(textClient(), input, { ...QUICK }),
          );
          expectTyped(
            outcome,
            `text ${name}(client, ${asArray ? `[${text.name}, …]` : text.name})`,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('languages no function supports are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES.filter((n) => n !== 'detectLanguage' && n !== 'translate')),
        badLanguages,
        async (name, language) => {
          const before = emu.calls.length;
          const outcome = await settle(() =>
            (FUNCTIONS[name] as Fn)(textClient(), TEXT, { ...QUICK, language: language.value }),
          );
          expectRefused(
            outcome,
            `text ${name}(client, text, { language: ${language.name} })`,
            emu,
            before,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it(
    'createTextClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createTextClient',
      badClientConfigs,
      (config) => textFns.createTextClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/text functions',
    Object.fromEntries(
      Object.entries(ALL).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) => fn(textClient(), o),
      ]),
    ),
    emu,
  );
});

describe('text.classify with a document (ClassifyDocument Bytes)', () => {
  const CLASSIFIER =
    'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
  /** A text PDF of `pages` pages. */
  const pdf = (pages = 1): Uint8Array => {
    const content = 'BT 72 720 Td (You charged my card twice) Tj ET';
    const objects = Array.from(
      { length: pages },
      (_, i) => `${4 + i} 0 obj << /Type /Page /Parent 2 0 R /Contents 3 0 R >> endobj`,
    );
    const kids = objects.map((_, i) => `${4 + i} 0 R`).join(' ');
    return new TextEncoder().encode(
      [
        '%PDF-1.4',
        '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
        `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
        `3 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj`,
        ...objects,
        'trailer << /Root 1 0 R >>',
        '%%EOF',
      ].join('\n'),
    );
  };
  const classify = (document: unknown, o: Record<string, unknown>) =>
    client().text.classify(document as Uint8Array, { endpoint: CLASSIFIER, ...QUICK, ...o });

  it(
    'an endpoint that is not a document-classifier endpoint ARN is refused',
    refusesAll(
      emu,
      'text.classify(pdf, { endpoint })',
      fc.oneof(
        wrongTypes,
        blankStrings,
        loneSurrogates,
        value('an entity-recognizer endpoint', () =>
          CLASSIFIER.replace('document-classifier-endpoint', 'entity-recognizer-endpoint'),
        ),
        value('a classifier (not an endpoint)', () =>
          CLASSIFIER.replace('document-classifier-endpoint', 'document-classifier'),
        ),
        value('"tickets"', () => 'tickets'),
      ),
      (endpoint) => classify(pdf(), { endpoint }),
      30,
    ),
  );

  it(
    'documents no endpoint can read are refused before any call',
    refusesAll(
      emu,
      'text.classify(document, { endpoint })',
      fc.oneof(
        value('empty bytes', () => new Uint8Array(0)),
        value('bytes of text', () => new TextEncoder().encode('hello, not a document')),
        value('GIF bytes', () => new TextEncoder().encode('GIF89a\0\0\0\0')),
        value('empty ArrayBuffer', () => new ArrayBuffer(0)),
        value('{ path: missing file }', () => ({ path: './no/such/file.pdf' })),
        value('{ path: s3:// URI }', () => ({ path: 's3://bucket/doc.pdf' })),
        value('{ path: "" }', () => ({ path: '' })),
        value('a 2-page PDF', () => pdf(2)),
      ),
      (document) => classify(document, {}),
      30,
    ),
  );

  it(
    'reader options of the wrong type or value are refused',
    refusesAll(
      emu,
      'text.classify(pdf, { reader })',
      fc.oneof(
        wrongTypes.filter((c) => c.value !== undefined && c.value !== null),
        blankStrings,
        value('{ action: "ocr" }', () => ({ action: 'ocr' })),
        value('{ action: "analyze-document" } (no features)', () => ({
          action: 'analyze-document',
        })),
        value('{ action: "analyze-document", features: ["layout"] }', () => ({
          action: 'analyze-document',
          features: ['layout'],
        })),
        value('{ action: "detect-text", forcePdf: "yes" }', () => ({
          action: 'detect-text',
          forcePdf: 'yes',
        })),
      ),
      (reader) => classify(pdf(), { reader }),
      30,
    ),
  );

  it('random bytes after a PDF, PNG or JPEG signature settle typed', async () => {
    const SIGNATURES = [
      [0x25, 0x50, 0x44, 0x46, 0x2d],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff],
      [0x49, 0x49, 0x2a, 0x00],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SIGNATURES),
        fc.uint8Array({ maxLength: 64 }),
        async (signature, tail) => {
          const bytes = new Uint8Array([...signature, ...tail]);
          expectTyped(
            await settle(() => classify(bytes, {})),
            `text.classify(${signature.map((b) => b.toString(16)).join(' ')} + ${tail.length} bytes)`,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  requestOptionProperties(
    it,
    'text.classify(document)',
    { classify: (o) => classify(pdf(), o) },
    emu,
  );
});
