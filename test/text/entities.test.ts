import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { cliFixture } from '../helpers/cli-fixture';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** Emoji (astral), CJK, combining marks (e + U+0301) and precomposed letters before each name. */
const SENTENCE = 'Nous avons vu 😀👍🏽 Zoë Saldaña à 東京 avec José\u0301 Martínez 🎉 et 𠀀𠀁. ';

describe('text.entities', () => {
  it('returns offsets into the JS string for emoji, CJK and combining marks', async () => {
    const text = `I met Ana in Paris 😀. ${SENTENCE}`;
    const entities = await client().text.entities(text, { language: 'en' });
    expect(entities.map((e) => e.text)).toEqual([
      'Ana',
      'Paris',
      'Zoë Saldaña',
      '東京',
      'José\u0301 Martínez',
      '𠀀𠀁',
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities.find((e) => e.text === 'Paris')?.type).toBe('LOCATION');
  });

  it('splits a 12,000-byte text and re-bases every offset; no call exceeds its limit', async () => {
    const text = SENTENCE.repeat(Math.ceil(12_000 / Buffer.byteLength(SENTENCE)));
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(12_000);
    const entities = await client().text.entities([text], { language: 'fr' });
    const found = entities[0] ?? [];
    const repeats = text.split(SENTENCE).length - 1;
    expect(found).toHaveLength(repeats * 4);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
    const sent = callsTo(emu, 'BatchDetectEntities').flatMap((c) => c.input.TextList as string[]);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.join('')).toBe(text);
    for (const piece of sent) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(5_000);
  });

  it('splits a text over 100,000 bytes for DetectEntities and keeps the identity', async () => {
    const text = SENTENCE.repeat(Math.ceil(250_000 / Buffer.byteLength(SENTENCE)));
    const entities = await client().text.entities(text, { language: 'fr' });
    const calls = callsTo(emu, 'DetectEntities');
    expect(calls).toHaveLength(3);
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(100_000);
    expect(entities).toHaveLength((text.split(SENTENCE).length - 1) * 4);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    // Entities come back in text order.
    expect(entities.every((e, i) => i === 0 || (entities[i - 1]?.start ?? 0) < e.start)).toBe(true);
  });

  it('filters by type', async () => {
    const people = await client().text.entities('On 12 May, Ana Silva met Bob in Paris.', {
      language: 'en',
      types: ['PERSON'],
    });
    expect(people.map((e) => e.text)).toEqual(['Ana Silva', 'Bob']);
    await expect(
      client().text.entities('x', { types: ['PEOPLE' as 'PERSON'] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('maps arrays by index through BatchDetectEntities', async () => {
    const texts = ['Ana Lima went home.', '😀 and Bob stayed.', 'Nobody else.'];
    const results = await client().text.entities(texts, { language: 'en' });
    expect(results.map((r) => r.map((e) => e.text))).toEqual([['Ana Lima'], ['Bob'], []]);
    expect(texts[1]?.slice(results[1]?.[0]?.start, results[1]?.[0]?.end)).toBe('Bob');
    expect(callsTo(emu, 'BatchDetectEntities')).toHaveLength(1);
  });
});

/** The real DetectEntities answer of the AWS CLI docs (test/fixtures/aws/SOURCES.md). */
const cliEntities = () =>
  cliFixture<{ Entities: Array<Record<string, unknown>> }>('comprehend/detect-entities.rst');

describe('text.entities with a real AWS response', () => {
  it('maps every field of the AWS CLI example answer', async () => {
    const fixture = cliEntities();
    emu.handle('comprehend', 'DetectEntities', () => fixture);
    const text =
      'Hello Zhang Wei, I am John. Your AnyCompany Financial Services, LLC credit card account ' +
      '1111-XXXX-1111-XXXX has a minimum payment of $24.53 that is due by July 31st. Based on ' +
      'your autopay settings, we will withdraw your payment on the due date from your bank ' +
      'account number XXXXXX1111 with the routing number XXXXX0000. Customer feedback for ' +
      'Sunshine Spa, 123 Main St, Anywhere. Send comments to Alice at AnySpa@example.com.';
    const entities = await client().text.entities(text, { language: 'en' });
    expect(entities).toHaveLength(12);
    expect(entities[0]).toEqual({
      text: 'Zhang Wei',
      type: 'PERSON',
      score: 0.9994556307792664,
      start: 6,
      end: 15,
    });
    entities.forEach((e, i) => {
      const raw = fixture.Entities[i] ?? {};
      expect([e.text, e.type, e.score, e.start, e.end]).toEqual([
        raw.Text,
        raw.Type,
        raw.Score,
        raw.BeginOffset,
        raw.EndOffset,
      ]);
    });
    // The captured run's input differs after `$24.53` (see SOURCES); the first four line up.
    for (const e of entities.slice(0, 4)) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});

describe('text.keyPhrases', () => {
  it('returns phrases with offsets into the JS string', async () => {
    const text = '🎉🎉 Wonderful breakfast, 東京タワー, and combined naïve\u0301ness.';
    const phrases = await client().text.keyPhrases(text, { language: 'en' });
    expect(phrases.length).toBeGreaterThan(2);
    for (const p of phrases) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(phrases.map((p) => p.text)).toContain('breakfast');
  });

  it('runs arrays through BatchDetectKeyPhrases', async () => {
    const results = await client().text.keyPhrases(['Beautiful mountains', 'Terrible weather'], {
      language: 'en',
    });
    expect(results.map((r) => r.map((p) => p.text))).toEqual([
      ['Beautiful', 'mountains'],
      ['Terrible', 'weather'],
    ]);
  });
});

describe('text.syntax', () => {
  it('tags tokens and numbers them over a split text', async () => {
    const sentence = 'The cat 😺 jumped over Bob. ';
    const text = sentence.repeat(Math.ceil(6_000 / Buffer.byteLength(sentence)));
    const tokens = await client().text.syntax(text, { language: 'en' });
    expect(callsTo(emu, 'BatchDetectSyntax').length).toBeGreaterThan(0);
    expect(tokens.map((t) => t.id)).toEqual(tokens.map((_, i) => i + 1));
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.slice(0, 7).map((t) => t.partOfSpeech)).toEqual([
      'DET',
      'NOUN',
      'PUNCT',
      'VERB',
      'NOUN',
      'PROPN',
      'PUNCT',
    ]);
  });

  it('rejects a language outside its six, naming them', async () => {
    await expect(client().text.syntax('今日は', { language: 'ja' })).rejects.toThrow(
      /supported: de, en, es, fr, it, pt/,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
