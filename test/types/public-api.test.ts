import {
  AwsAI,
  type AwsAIConfig,
  type BatchItemError,
  type GenerativeStream,
  type GenerativeStreamEvent,
  type TextDetectLanguageResult,
} from 'aws-ai';
import { Text } from 'aws-ai/text';
import { describe, expect, expectTypeOf, it } from 'vitest';

// These assertions are checked by `tsc` (npm run typecheck); the runtime part only constructs objects.
describe('public types', () => {
  const ai = new AwsAI({ region: 'us-east-1' });

  it('returns one result for one text and an array for an array', () => {
    expectTypeOf(ai.text.detectLanguage('hi')).resolves.toEqualTypeOf<TextDetectLanguageResult>();
    expectTypeOf(ai.text.detectLanguage(['a', 'b'])).resolves.toEqualTypeOf<
      TextDetectLanguageResult[]
    >();
    expectTypeOf(ai.text.detectLanguage(['a'], { throwOnItemError: false })).resolves.toEqualTypeOf<
      Array<TextDetectLanguageResult | BatchItemError>
    >();
  });

  it('keeps modules read-only and standalone modules config-compatible', () => {
    expectTypeOf(ai).toHaveProperty('text').toEqualTypeOf<Text>();
    expectTypeOf<ConstructorParameters<typeof Text>[0]>().toMatchTypeOf<AwsAIConfig | undefined>();
    const assign = () => {
      // @ts-expect-error modules are getters without setters
      ai.text = new Text();
    };
    expectTypeOf(assign).toBeFunction();
  });

  it('streams typed events', () => {
    const stream = ai.generative.stream({ model: 'm', prompt: 'p' });
    expectTypeOf(stream).toEqualTypeOf<GenerativeStream>();
    expectTypeOf(stream).toMatchTypeOf<AsyncIterable<GenerativeStreamEvent>>();
  });

  it('accepts only known config fields and options', () => {
    // @ts-expect-error unknown service name in the endpoint map
    new AwsAI({ endpoint: { dynamo: 'http://x' } });
    // The type refuses it, and at run time it is a ValidationError, not a silently ignored value.
    // @ts-expect-error retry must be an object
    expect(() => new AwsAI({ retry: 3 })).toThrow(/retry must be an object/);
  });
});
