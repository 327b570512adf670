import { BatchError, BatchItemError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { cliFixture } from '../helpers/cli-fixture';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** The real DetectTargetedSentiment answer of the AWS CLI docs; upstream doubles one `{`. */
const fixture = () =>
  cliFixture('comprehend/detect-targeted-sentiment.rst', (json) => json.replace(/\{\s*\{/g, '{'));

describe('text.targetedSentiment', () => {
  it('maps the real AWS answer: entities in text order, mentions with their own sentiment', async () => {
    emu.handle('comprehend', 'DetectTargetedSentiment', () => fixture());
    const text =
      'I do not enjoy January because it is too cold but August is the perfect temperature';
    const entities = await client().text.targetedSentiment(text);
    expect(entities.map((e) => [e.descriptive.text, e.descriptive.type])).toEqual([
      ['I', 'PERSON'],
      ['January', 'DATE'],
      ['August', 'DATE'],
      ['temperature', 'ATTRIBUTE'],
    ]);
    expect(entities.map((e) => e.mentions.map((m) => m.sentiment))).toEqual([
      ['neutral'],
      ['negative'],
      ['positive'],
      ['positive'],
    ]);
    // The first three offsets match the documented input; the upstream example's `temperature`
    // offsets (77–88) do not (it sits at 72) and run past the end: clamped, never thrown (ADR 0103).
    for (const { mentions } of entities.slice(0, 3)) {
      for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
    expect(entities[3]?.descriptive).toMatchObject({
      text: 'temperature',
      start: 77,
      end: text.length,
    });
    expect(entities[1]?.mentions[0]?.scores.negative).toBeCloseTo(0.9967, 4);
    expect(entities[1]?.mentions[0]).toMatchObject({ groupScore: 1, score: expect.any(Number) });
    // English only: sent as en, no detection call.
    expect(callsTo(emu, 'DetectTargetedSentiment')[0]?.input.LanguageCode).toBe('en');
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(0);
  });

  it('groups mentions of one entity and maps offsets past astral characters', async () => {
    const text = 'We loved Paris 🎉 so much. The food in Paris 🎉 was terrible.';
    const [paris, ...rest] = await client().text.targetedSentiment(text);
    expect(rest).toEqual([]);
    expect(paris?.descriptive.text).toBe('Paris');
    expect(paris?.mentions.map((m) => [m.start, m.sentiment])).toEqual([
      [text.indexOf('Paris'), 'positive'],
      [text.lastIndexOf('Paris'), 'negative'],
    ]);
    for (const m of paris?.mentions ?? []) expect(text.slice(m.start, m.end)).toBe('Paris');
  });

  it('arrays go 25 per BatchDetectTargetedSentiment call, results in input order', async () => {
    const texts = Array.from({ length: 30 }, (_, i) =>
      i % 2 ? `We found Tokyo great.` : `We found Berlin awful.`,
    );
    const results = await client().text.targetedSentiment(texts);
    expect(
      callsTo(emu, 'BatchDetectTargetedSentiment').map(
        (c) => (c.input.TextList as string[]).length,
      ),
    ).toEqual([25, 5]);
    expect(results.map((r) => r[0]?.descriptive.text)).toEqual(
      texts.map((t) => (t.includes('Tokyo') ? 'Tokyo' : 'Berlin')),
    );
    expect(results[1]?.[0]?.mentions[0]?.sentiment).toBe('positive');
    expect(results[0]?.[0]?.mentions[0]?.sentiment).toBe('negative');
  });

  it('splits a text over 5,000 bytes; offsets stay in the whole string', async () => {
    const sentence = 'The staff in Lisbon were wonderful and kind to everyone. ';
    const text = sentence.repeat(120);
    expect(Buffer.byteLength(text)).toBeGreaterThan(5_000);
    const entities = await client().text.targetedSentiment(text);
    expect(callsTo(emu, 'DetectTargetedSentiment')).toHaveLength(0);
    expect(callsTo(emu, 'BatchDetectTargetedSentiment')).toHaveLength(1);
    const mentions = entities.flatMap((e) => e.mentions);
    expect(mentions).toHaveLength(120);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe('Lisbon');
    // Mentions group within a piece: one entity per piece.
    const sent = callsTo(emu, 'BatchDetectTargetedSentiment')[0]?.input.TextList as string[];
    expect(sent.length).toBeGreaterThan(1);
    expect(entities).toHaveLength(sent.length);
  });

  it('refuses another language or an empty text before any call', async () => {
    await expect(
      client().text.targetedSentiment('Hallo Berlin', { language: 'de' }),
    ).rejects.toThrow(ValidationError);
    await expect(client().text.targetedSentiment(['Paris is great', ''])).rejects.toThrow(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('a text Comprehend refuses in a batch fails alone, at its index', async () => {
    emu.handle('comprehend', 'BatchDetectTargetedSentiment', (input) => ({
      ResultList: [{ Index: 0, Entities: [] }],
      ErrorList: (input.TextList as string[]).slice(1).map((_, i) => ({
        Index: i + 1,
        ErrorCode: 'InvalidRequestException',
        ErrorMessage: 'not analysable',
      })),
    }));
    const texts = ['We loved Paris.', 'gibberish'];
    const kept = await client().text.targetedSentiment(texts, { throwOnItemError: false });
    expect(kept[0]).toEqual([]);
    expect(kept[1]).toBeInstanceOf(BatchItemError);
    expect(kept[1]).toMatchObject({ index: 1 });
    await expect(client().text.targetedSentiment(texts)).rejects.toBeInstanceOf(BatchError);
  });
});
