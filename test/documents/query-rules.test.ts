import { AnalyzeDocumentCommand, TextractClient } from '@aws-sdk/client-textract';
import { ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { png } from './helpers';

const { emu, client } = await useEmulator();

/**
 * Textract's model (textract.json `QueryInput`) constrains a query's `Text` and `Alias` alike: 1–200
 * characters of `^[a-zA-Z0-9\s!"#$%'&()*+,\-./:;=?@[\\\]^_`{|}~><]+$`, printable ASCII and ASCII
 * whitespace. What is measured is what is sent.
 */
describe('documents.analyze: queries checked as Textract constrains them, before any call', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a 198-character question padded to 202 characters (the padding is sent)',
      { queries: [`  ${'a'.repeat(198)}  `] },
      /queries\[0\] must be a question of 1–200 characters; it has 202/,
    ],
    [
      'an alias over 200 characters',
      { queries: [{ text: 'Who signed?', alias: 'a'.repeat(201) }] },
      /queries\[0\]\.alias must be 1–200 characters; it has 201/,
    ],
    [
      'a question with a typographic apostrophe',
      { queries: ['What is the patient\u2019s name?'] },
      /queries\[0\] has U\+2019 at position 19; Textract reads questions in ASCII/,
    ],
    [
      'a question with accented letters',
      { queries: ['Cu\u00e1l es el nombre?'] },
      /queries\[0\] has U\+00E1 at position 2/,
    ],
    [
      'an alias with an accented letter',
      { queries: [{ text: 'Which country?', alias: 'pa\u00eds' }] },
      /queries\[0\]\.alias has U\+00ED at position 2/,
    ],
  ];
  for (const [name, params, message] of cases) {
    it(name, async () => {
      const err = await client()
        .documents.analyze(png(), params)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }

  it('the refusal names the character by code point, never the question text', async () => {
    const question = 'Is the secret patient Zo\u00eb Quinn covered?';
    const err = await client()
      .documents.analyze(png(), { queries: [question] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).not.toContain('Quinn');
    expect(JSON.stringify(err)).not.toContain('Quinn');
  });

  it('queries given as one string (not an array) are refused without quoting the question', async () => {
    const err = await client()
      .documents.analyze(png(), { queries: 'Is Zoe Quinn insured?' as never })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/queries must be an array .*a 21-character string/);
    expect(JSON.stringify(err)).not.toContain('Quinn');
    expect((err as Error).message).not.toContain('Quinn');
    expect(emu.calls).toHaveLength(0);
  });

  it('a 200-character question of every printable ASCII character and a tab is sent', async () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const text = `${ascii}\t${ascii}`.padEnd(200, '?');
    const doc = await client().documents.analyze(png(), { queries: [{ text, alias: ascii }] });
    expect(doc.query(ascii)?.question).toBe(text);
  });
});

describe('emulator: AnalyzeDocument refuses queries Textract refuses', () => {
  const raw = () => new TextractClient({ ...emu.config, maxAttempts: 1 });
  const analyze = (input: Partial<ConstructorParameters<typeof AnalyzeDocumentCommand>[0]>) =>
    raw()
      .send(
        new AnalyzeDocumentCommand({
          Document: { Bytes: png() },
          FeatureTypes: ['QUERIES'],
          ...input,
        }),
      )
      .then(
        (out) => out as typeof out & { name?: string; message?: string },
        (e: unknown) => e as { name?: string; message?: string; Blocks?: undefined },
      );

  it('a question over 200 characters: ValidationException', async () => {
    const err = await analyze({ QueriesConfig: { Queries: [{ Text: 'a'.repeat(201) }] } });
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/length less than or equal to 200/);
  });

  it('a question outside the QueryInput pattern: ValidationException', async () => {
    const err = await analyze({
      QueriesConfig: { Queries: [{ Text: 'What is the patient\u2019s name?' }] },
    });
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/regular expression pattern/);
  });

  it('an empty alias: ValidationException', async () => {
    const err = await analyze({
      QueriesConfig: { Queries: [{ Text: 'Who signed?', Alias: '' }] },
    });
    expect(err.name).toBe('ValidationException');
  });

  it('QUERIES without QueriesConfig: InvalidParameterException', async () => {
    const err = await analyze({});
    expect(err.name).toBe('InvalidParameterException');
  });

  it('16 queries on the sync API: InvalidParameterException', async () => {
    const Queries = Array.from({ length: 16 }, (_, i) => ({ Text: `Question ${i}?` }));
    const err = await analyze({ QueriesConfig: { Queries } });
    expect(err.name).toBe('InvalidParameterException');
  });

  it('15 well-formed queries are answered', async () => {
    const Queries = Array.from({ length: 15 }, (_, i) => ({ Text: `Question ${i}?` }));
    const out = await analyze({ QueriesConfig: { Queries } });
    expect(out.Blocks?.filter((b) => b.BlockType === 'QUERY')).toHaveLength(15);
  });
});
