import { ValidationError } from 'aws-ai';
import { createTextClient, detectLanguage } from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/**
 * docs/errors-and-retries.md: every failure is an AwsAIError with `service` and `operation`. A
 * ValidationError our own checks raise before any request knows no service; the call names it.
 */
const { emu, client } = await useEmulator();

async function refusal(run: () => Promise<unknown>): Promise<ValidationError> {
  const err = await run().catch((e: unknown) => e);
  expect(ValidationError.isInstance(err)).toBe(true);
  expect(emu.calls).toHaveLength(0);
  return err as ValidationError;
}

describe('a ValidationError raised before any request names the call', () => {
  it.each([
    [
      'text.sentiment of blank text',
      () => client().text.sentiment('  '),
      'comprehend',
      'DetectSentiment',
    ],
    [
      'recommendations.forUser with no ARN',
      () => client().recommendations.forUser('campaign/movies', { userId: 'u1' }),
      'personalize-runtime',
      'GetRecommendations',
    ],
    [
      'vision.labels of no bytes',
      () => client().vision.labels(new Uint8Array(0)),
      'rekognition',
      'DetectLabels',
    ],
    [
      'bad request options',
      () => client().text.sentiment('fine', 'fast' as never),
      'comprehend',
      'DetectSentiment',
    ],
    [
      'the per-operation function',
      () => detectLanguage(createTextClient(emu.config), ''),
      'comprehend',
      'DetectDominantLanguage',
    ],
  ])('%s', async (_, run, service, operation) => {
    const err = await refusal(run);
    expect({ service: err.service, operation: err.operation }).toEqual({ service, operation });
    expect(err.retryable).toBe(false);
  });
});
