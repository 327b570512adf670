import { BatchItemError, ThrottlingError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const texts = Array.from({ length: 25 }, (_, i) =>
  i % 2 === 0 ? `Review ${i}: a great stay.` : `Review ${i}: a bad stay.`,
);
const expected = texts.map((_, i) => (i % 2 === 0 ? 'positive' : 'negative'));

describe('text: a throttled Batch call draws on one retry budget per document', () => {
  it('is retried within the budget: no document lost, results in order', async () => {
    // One call of 25; default policy 1 attempt + 3 retries: three throttled, the fourth answers.
    emu.fault({
      service: 'comprehend',
      operation: 'BatchDetectSentiment',
      kind: 'throttle',
      times: 3,
    });
    const results = await client().text.sentiment(texts, { language: 'en' });
    expect(results.map((r) => r.sentiment)).toEqual(expected);
    expect(callsTo(emu, 'BatchDetectSentiment')).toHaveLength(4);
  });

  it('is retried for language detection too', async () => {
    emu.fault({
      service: 'comprehend',
      operation: 'BatchDetectDominantLanguage',
      kind: 'throttle',
      times: 3,
    });
    const results = await client().text.detectLanguage(texts);
    expect(results.map((r) => r.language)).toEqual(texts.map(() => 'en'));
    expect(callsTo(emu, 'BatchDetectDominantLanguage')).toHaveLength(4);
  });

  it('sends no document more than retries + 1 times, whatever layer retries (was 16)', async () => {
    emu.fault({ service: 'comprehend', operation: 'BatchDetectSentiment', kind: 'throttle' });
    const results = await client().text.sentiment(texts, {
      language: 'en',
      throwOnItemError: false,
    });
    expect(results).toHaveLength(25);
    expect(results.every((r) => r instanceof BatchItemError)).toBe(true);
    expect(callsTo(emu, 'BatchDetectSentiment')).toHaveLength(4);
  });

  it('holds the budget over many batches: 200 documents, 8 calls of 4 attempts (was 128)', async () => {
    emu.fault({ service: 'comprehend', operation: 'BatchDetectSentiment', kind: 'throttle' });
    const many = Array.from({ length: 200 }, (_, i) => `Review ${i}: fine.`);
    const results = await client().text.sentiment(many, {
      language: 'en',
      throwOnItemError: false,
    });
    expect(results.map((r) => (r as BatchItemError).index)).toEqual(many.map((_, i) => i));
    expect(callsTo(emu, 'BatchDetectSentiment')).toHaveLength(32);
  });

  it('keeps failing for good when the throttling outlasts the budget', async () => {
    emu.fault({ service: 'comprehend', operation: 'BatchDetectSentiment', kind: 'throttle' });
    const results = await client().text.sentiment(texts, {
      language: 'en',
      retry: { retries: 1 },
      throwOnItemError: false,
    });
    expect(results).toHaveLength(25);
    for (const [i, r] of results.entries()) {
      expect(r).toBeInstanceOf(BatchItemError);
      expect((r as BatchItemError).index).toBe(i);
      expect((r as BatchItemError).cause).toBeInstanceOf(ThrottlingError);
    }
    // retries: 1 means two requests carry each document, in all.
    expect(callsTo(emu, 'BatchDetectSentiment')).toHaveLength(2);
  });

  it('makes a single attempt when the caller says retry: false', async () => {
    emu.fault({ service: 'comprehend', operation: 'BatchDetectSentiment', kind: 'throttle' });
    const results = await client().text.sentiment(texts, {
      language: 'en',
      retry: false,
      throwOnItemError: false,
    });
    expect(results.every((r) => r instanceof BatchItemError)).toBe(true);
    expect(callsTo(emu, 'BatchDetectSentiment')).toHaveLength(1);
  });
});
