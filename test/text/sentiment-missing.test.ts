import { BatchItemError, ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/**
 * Item 9 of issue 13: an answer without `Sentiment` is a typed ServiceError (as detectLanguage does
 * for an answer without languages), not `neutral` with zero scores.
 */

const { emu, client } = await useEmulator();

describe('text.sentiment when Comprehend answers without a Sentiment', () => {
  it('one text: ServiceError MissingSentiment', async () => {
    emu.handle('comprehend', 'DetectSentiment', () => ({}));
    const err = await client()
      .text.sentiment('I love it', { language: 'en' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ service: 'comprehend', code: 'MissingSentiment' });
  });

  it('an array: the item without a Sentiment fails at its index, the others succeed', async () => {
    emu.handle('comprehend', 'BatchDetectSentiment', (input) => ({
      ResultList: (input.TextList as string[]).map((_, Index) =>
        Index === 1
          ? { Index, SentimentScore: { Positive: 0.9, Negative: 0, Neutral: 0.1, Mixed: 0 } }
          : {
              Index,
              Sentiment: 'POSITIVE',
              SentimentScore: { Positive: 0.9, Negative: 0, Neutral: 0.1, Mixed: 0 },
            },
      ),
      ErrorList: [],
    }));
    const results = await client().text.sentiment(['good', 'fine', 'great'], {
      language: 'en',
      throwOnItemError: false,
    });
    expect(results[0]).toMatchObject({ sentiment: 'positive' });
    expect(results[1]).toBeInstanceOf(BatchItemError);
    expect(results[1]).toMatchObject({ index: 1, code: 'MissingSentiment' });
    expect(results[2]).toMatchObject({ sentiment: 'positive' });
  });
});
