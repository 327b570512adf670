import type { AwsAI } from 'aws-ai';
import * as documentsFns from 'aws-ai/documents';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { png } from '../documents/helpers';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badClientConfigs,
  badFields,
  badNumbers,
  badWaitOptions,
  blankStrings,
  Case,
  defined,
  expectRefused,
  expectTyped,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settle,
  settlesTyped,
  trickyObjects,
  utf16String,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } };
const FAST = { ...QUICK, poll: { intervalMs: 1, maxIntervalMs: 2 } };

type Call = (ai: AwsAI, input: unknown, o: Record<string, unknown>) => unknown;

/** Methods that take one document and the job options. */
const JOBS: Record<string, Call> = {
  text: (ai, i, o) => ai.documents.text(i as never, o),
  analyze: (ai, i, o) => ai.documents.analyze(i as never, { tables: true, ...o }),
  expense: (ai, i, o) => ai.documents.expense(i as never, o),
  lending: (ai, i, o) => ai.documents.lending(i as never, o),
};
const ALL: Record<string, Call> = {
  ...JOBS,
  identity: (ai, i, o) => ai.documents.identity(i as never, o),
};

/** Documents no method can read: wrong types, blank paths, empty or unrecognised bytes. */
const notADocument = fc.oneof(
  wrongTypes.filter((c) => typeof c.value !== 'string'),
  blankStrings,
  value('empty bytes', () => new Uint8Array(0)),
  value('bytes of text', () => new TextEncoder().encode('hello, not a document')),
  value('truncated PNG', () => png().subarray(0, 20)),
  value('GIF bytes', () => new TextEncoder().encode('GIF89a\0\0\0\0')),
  value('missing file', () => './no/such/file.png'),
  value('s3:// without key', () => 's3://bucket'),
  value('s3:// of an mp3', () => 's3://bucket/song.mp3'),
  value('[] (no sides)', () => []),
);

const notABoolean = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'boolean' && c.value !== null),
    blankStrings,
  ),
);
const notAString = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'string' && c.value !== null),
    blankStrings,
  ),
);

/** The options every Textract job takes, bad: jobTag, clientRequestToken, output (or `outputAlso`), notificationChannel. */
const jobFields = (...outputAlso: fc.Arbitrary<Case>[]): Record<string, fc.Arbitrary<Case>> => ({
  jobTag: fc.oneof(
    notAString,
    value('65 chars', () => 't'.repeat(65)),
    value('"a b"', () => 'a b'),
  ),
  clientRequestToken: fc.oneof(
    notAString,
    value('"a.b"', () => 'a.b'),
  ),
  output: fc.oneof(
    notAString,
    value('"bucket/prefix"', () => 'bucket/prefix'),
    value('"s3://"', () => 's3://'),
    ...outputAlso,
  ),
  notificationChannel: fc.oneof(
    notAString.filter((c) => typeof c.value !== 'object'),
    value('{}', () => ({})),
    value('{ snsTopicArn: "x" }', () => ({ snsTopicArn: 'x' })),
  ),
});

describe('documents: bad documents are refused before any call or upload', () => {
  for (const [name, call] of Object.entries(ALL)) {
    it(
      `${name}: wrong types, blank, empty, unreadable or missing documents`,
      refusesAll(emu, `documents.${name}`, notADocument, (d) => call(client(STAGING), d, FAST), 30),
    );
  }

  it(
    'odd strings as a path or URI settle typed',
    settlesTyped(
      'documents.text',
      fc.oneof(
        oddStrings,
        utf16String(),
        value('s3://b/k\\0.png', () => 's3://bkt/k\0.png'),
      ),
      (s) => client(STAGING).documents.text(s as string, FAST),
      30,
    ),
  );

  it(
    'identity: more than two sides, or a bad side, is refused',
    refusesAll(
      emu,
      'documents.identity',
      fc.oneof(
        value('3 sides', () => [png(), png(), png()]),
        value('[png, null]', () => [png(), null]),
        value('[png, "", ]', () => [png(), '']),
        value('[42, png]', () => [42, png()]),
        badArrays.filter((c) => c.name !== '[undefined]'),
      ),
      (sides) => client().documents.identity(sides as never, QUICK),
      30,
    ),
  );

  it(
    'lending: bytes without staging are refused',
    refusesAll(
      emu,
      'documents.lending',
      value('png bytes', () => png()),
      (d) => client().documents.lending(d as never, FAST),
      3,
    ),
  );
});

describe('documents: bad options are refused before any call or upload', () => {
  it(
    'analyze: feature flags, queries and adapters of the wrong type or value',
    refusesAll(
      emu,
      'documents.analyze',
      fc.oneof(
        badFields({
          tables: notABoolean,
          forms: notABoolean,
          signatures: notABoolean,
          layout: notABoolean,
          queries: fc.oneof(
            defined(wrongTypes).filter((c) => c.value !== null),
            blankStrings,
            badArrays,
            value('[""]', () => ['']),
            value('201-char query', () => ['q'.repeat(201)]),
            value('16 queries (sync)', () => Array.from({ length: 16 }, (_, i) => `Q${i}?`)),
            value('[{ text: 42 }]', () => [{ text: 42 }]),
            value('[{ text: "a", pages: "1" }]', () => [{ text: 'a', pages: '1' }]),
            value('[{ text: "a", pages: ["x"] }]', () => [{ text: 'a', pages: ['x'] }]),
            value('[{ text: "a", alias: 7 }]', () => [{ text: 'a', alias: 7 }]),
          ),
        }),
        value('{} (no feature)', () => ({ tables: undefined })),
        value('{ tables: false }', () => ({ tables: false })),
        value('adapters without queries', () => ({
          adapters: [{ id: '2e9bf1c4a1b2', version: '1' }],
        })),
        badFields({
          adapters: fc.oneof(
            defined(wrongTypes).filter((c) => c.value !== null),
            badArrays,
            value('short id', () => [{ id: 'x', version: '1' }]),
            value('no version', () => [{ id: '2e9bf1c4a1b2' }]),
            value('101 adapters', () =>
              Array.from({ length: 101 }, () => ({ id: '2e9bf1c4a1b2', version: '1' })),
            ),
            value('bad pages', () => [{ id: '2e9bf1c4a1b2', version: '1', pages: ['one'] }]),
          ),
        }).map(
          (c) =>
            new Case(`{ queries, ${c.name.slice(2)}`, () => ({ queries: ['Who?'], ...c.value })),
        ),
      ),
      (o) =>
        client().documents.analyze(png(), {
          ...FAST,
          ...(o as object),
          ...('tables' in (o as object) ? {} : { tables: undefined }),
        } as never),
      40,
    ),
  );

  it('job options of the wrong type or value, on every job method', async () => {
    const options = badFields({
      mode: fc.oneof(
        notAString,
        value('"batch"', () => 'batch'),
        value('"SYNC"', () => 'SYNC'),
      ),
      syncMaxBytes: fc.oneof(
        badNumbers,
        value('0', () => 0),
        value('20 MB', () => 20 * 1024 * 1024),
        value('"1000"', () => '1000'),
      ),
      poll: fc.oneof(
        value('{ intervalMs: -1 }', () => ({ intervalMs: -1 })),
        value('{ intervalMs: NaN }', () => ({ intervalMs: Number.NaN })),
        value('{ maxIntervalMs: "2" }', () => ({ maxIntervalMs: '2' })),
        value('{ timeoutMs: -5 }', () => ({ timeoutMs: -5 })),
        value('{ onPoll: 1 }', () => ({ onPoll: 1 })),
        value('"fast"', () => 'fast'),
      ),
      ...jobFields(value('"s3://ab"', () => 's3://ab')),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(JOBS)), options, async (name, bad) => {
        const call = JOBS[name] as Call;
        await refusesAll(
          emu,
          `documents.${name}(png, ${bad.name})`,
          value('…', () => 0),
          () => call(client(STAGING), png(), { ...FAST, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it(
    'kmsKeyId without output, or malformed, is refused',
    refusesAll(
      emu,
      'documents.text',
      fc.oneof(
        value('{ kmsKeyId } alone', () => ({ kmsKeyId: 'alias/key' })),
        notAString.map(
          (c) =>
            new Case(`{ output, kmsKeyId: ${c.name} }`, () => ({
              output: 's3://out-bucket/p',
              kmsKeyId: c.value,
            })),
        ),
      ),
      (o) => client(STAGING).documents.text(png(), { ...FAST, ...(o as object) }),
      20,
    ),
  );

  it(
    'options that are not an object are refused',
    refusesAll(
      emu,
      'documents.*',
      fc
        .tuple(
          fc.constantFrom(...Object.keys(ALL)),
          defined(wrongTypes).filter((c) => c.value !== null && typeof c.value !== 'object'),
        )
        .map(([n, c]) => new Case(`${n}(png, ${c.name})`, () => [n, c.value] as const)),
      (pair) => {
        const [n, o] = pair as readonly [string, unknown];
        const name = n === 'analyze' ? 'text' : n;
        const documents = client(STAGING).documents as unknown as Record<
          string,
          (input: unknown, options: unknown) => unknown
        >;
        return documents[name]?.call(client(STAGING).documents, png(), o);
      },
      20,
    ),
  );

  requestOptionProperties(
    it,
    'documents',
    Object.fromEntries(
      Object.entries(ALL).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) =>
          call(client(STAGING), png(), { poll: { intervalMs: 1 }, ...o }),
      ]),
    ),
    emu,
  );
});

describe('documents.parse', () => {
  it(
    'wrong types, tricky objects, bad arrays and odd responses settle typed',
    settlesTyped(
      'documents.parse',
      fc.oneof(
        wrongTypes,
        trickyObjects,
        badArrays,
        oddStrings,
        value('{ Blocks: "x" }', () => ({ Blocks: 'x' })),
        value('{ Blocks: [null] }', () => ({ Blocks: [null] })),
        value('{ Blocks: [{}] }', () => ({ Blocks: [{}] })),
        value('{ Blocks: [{ BlockType: "LINE", Text: 5 }] }', () => ({
          Blocks: [{ BlockType: 'LINE', Text: 5, Page: 'x' }],
        })),
        value('cyclic Relationships', () => ({
          Blocks: [{ Id: 'a', BlockType: 'PAGE', Relationships: [{ Type: 'CHILD', Ids: ['a'] }] }],
        })),
        value('{ ExpenseDocuments: [null] }', () => ({ ExpenseDocuments: [null] })),
        value('{ IdentityDocuments: {} }', () => ({ IdentityDocuments: {} })),
        value('{ Results: [{ Page: "x" }] }', () => ({ Results: [{ Page: 'x' }] })),
        value('{ Summary: 1 }', () => ({ Summary: 1 })),
        value('[{ Blocks: [] }, null]', () => [{ Blocks: [] }, null]),
      ),
      (r) => {
        const doc = client().documents.parse(r as never);
        // Reading the model must not throw untyped either.
        if (doc && typeof doc === 'object' && 'text' in doc) void (doc as { text: unknown }).text;
        return doc;
      },
      40,
      false,
    ),
  );

  it('not a Textract response is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          defined(wrongTypes).filter((c) => c.name !== '{}' || true),
          blankStrings,
          value('[]', () => []),
        ),
        async (bad) => {
          const outcome = await settle(() => client().documents.parse(bad.value as never));
          expectTyped(outcome, `documents.parse(${bad.name})`, false);
          if (outcome.ok) throw new Error(`documents.parse(${bad.name}): accepted`);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('documents start methods and their jobs', () => {
  /** The methods that start a Textract job and return it. */
  const STARTS: Record<string, Call> = {
    startText: (ai, i, o) => ai.documents.startText(i as never, o),
    startAnalysis: (ai, i, o) => ai.documents.startAnalysis(i as never, { tables: true, ...o }),
    startExpense: (ai, i, o) => ai.documents.startExpense(i as never, o),
    startLending: (ai, i, o) => ai.documents.startLending(i as never, o),
  };
  const NAMES = Object.keys(STARTS);

  it('bad documents are refused before any call or upload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notADocument, async (name, doc) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          (STARTS[name] as Call)(client(STAGING), doc.value, { ...QUICK }),
        );
        expectRefused(outcome, `documents.${name}(${doc.name})`, emu, before);
      }),
      { numRuns: 60 },
    );
  });

  it('odd strings as a path or URI settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), oddStrings, async (name, s) => {
        expectTyped(
          await settle(() => (STARTS[name] as Call)(client(STAGING), s.value, { ...QUICK })),
          `documents.${name}(${s.name})`,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('job options of the wrong type or value are refused', async () => {
    const options = badFields({
      ...jobFields(),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), options, async (name, bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          (STARTS[name] as Call)(client(STAGING), png(), { ...QUICK, ...bad.value }),
        );
        expectRefused(outcome, `documents.${name}(png, ${bad.name})`, emu, before);
      }),
      { numRuns: 50 },
    );
  });

  it(
    'startAnalysis: no feature, or a feature flag of the wrong type, is refused',
    refusesAll(
      emu,
      'documents.startAnalysis',
      fc.oneof(
        value('{} (no feature)', () => ({})),
        value('{ tables: false }', () => ({ tables: false })),
        badFields({ tables: notABoolean, forms: notABoolean, signatures: notABoolean }),
      ),
      (o) => client(STAGING).documents.startAnalysis(png(), { ...QUICK, ...(o as object) }),
      30,
    ),
  );

  it('their jobs refuse bad wait options before any request', async () => {
    const ai = client(STAGING);
    const jobs = {
      startText: await ai.documents.startText(png(), QUICK),
      startAnalysis: await ai.documents.startAnalysis(png(), {
        ...QUICK,
        tables: true,
      }),
      startExpense: await ai.documents.startExpense(png(), QUICK),
      startLending: await ai.documents.startLending(png(), QUICK),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(jobs) as Array<keyof typeof jobs>)),
        badWaitOptions,
        fc.constantFrom('wait', 'result'),
        async (name, bad, method) => {
          const job = jobs[name] as { wait(o: never): unknown; result(o: never): unknown };
          const before = emu.calls.length;
          const outcome = await settle(() =>
            method === 'wait' ? job.wait(bad.value as never) : job.result(bad.value as never),
          );
          expectRefused(outcome, `documents.${name} job.${method}(${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  requestOptionProperties(
    it,
    'documents start methods',
    Object.fromEntries(
      Object.entries(STARTS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(STAGING), 's3://docs/a.pdf', o),
      ]),
    ),
    emu,
  );
});

describe('aws-ai/documents: the per-operation functions', () => {
  type Fn = (c: unknown, input: unknown, o: Record<string, unknown>) => unknown;
  const FUNCTIONS: Record<string, Fn> = {
    text: (c, i, o) => documentsFns.text(c as never, i as never, o),
    analyze: (c, i, o) => documentsFns.analyze(c as never, i as never, { tables: true, ...o }),
    expense: (c, i, o) => documentsFns.expense(c as never, i as never, o),
    identity: (c, i, o) => documentsFns.identity(c as never, i as never, o),
  };
  const NAMES = Object.keys(FUNCTIONS);
  const documentsClient = () =>
    documentsFns.createDocumentsClient({ ...emu.config, ...STAGING, retry: { retries: 0 } });
  /** First arguments that are neither a DocumentsClient nor a Documents module. */
  const notAClient = fc.oneof(
    wrongTypes,
    blankStrings,
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('[documentsClient]', () => [documentsClient()]),
    value('a config', () => ({ ...emu.config })),
    value('an AwsAI (not ai.documents)', () => client()),
  );

  it('a first argument that is not a DocumentsClient or a Documents module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notAClient, async (name, bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() => (FUNCTIONS[name] as Fn)(bad.value, png(), { ...FAST }));
        expectRefused(outcome, `documents ${name}(${bad.name}, png)`, emu, before, false);
      }),
      { numRuns: 60 },
    );
  });

  it('bad documents are refused before any call or upload, with a client or ai.documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        notADocument,
        fc.boolean(),
        async (name, bad, module) => {
          const before = emu.calls.length;
          const first = module ? client(STAGING).documents : documentsClient();
          const outcome = await settle(() => (FUNCTIONS[name] as Fn)(first, bad.value, FAST));
          expectRefused(outcome, `documents ${name}(client, ${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it(
    'createDocumentsClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createDocumentsClient',
      badClientConfigs,
      (config) => documentsFns.createDocumentsClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/documents functions',
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) =>
          fn(documentsClient(), png(), { poll: { intervalMs: 1 }, ...o }),
      ]),
    ),
    emu,
  );
});
