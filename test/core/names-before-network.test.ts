import { AwsAI, AwsAIError, ValidationError } from 'aws-ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useEmulator } from '../helpers/emulator';

/**
 * Item 8c of issue 13: names AWS would refuse are ValidationErrors before the network, checked with
 * AWS's own patterns and lengths (SageMaker `EndpointName`, Bedrock `InvokeModelIdentifier` /
 * `ConversationalModelId`, a Region as one DNS label); a bad Region is refused at construction.
 */

const { emu, client } = await useEmulator();

afterEach(() => {
  vi.unstubAllEnvs();
});

async function refused(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const err = await run().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect((err as Error).message).toMatch(message);
  // Never the name itself: a 100k-character message helps nobody.
  expect((err as Error).message.length).toBeLessThan(400);
  expect(emu.calls).toHaveLength(0);
}

describe('SageMaker endpoint names', () => {
  const long = 'e'.repeat(100_000);
  it.each([
    ['100k characters', long],
    ['64 characters', 'e'.repeat(64)],
    ['an underscore', 'my_endpoint'],
    ['a leading hyphen', '-endpoint'],
    ['an ARN', 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn'],
  ])('refuses %s before any call, from invoke, invokeStream and invokeAsync', async (_, name) => {
    const ai = client({ staging: { bucket: 'stage' } });
    const message = /SageMaker endpoint name: 1–63 letters, digits and hyphens/;
    await refused(() => ai.endpoints.invoke(name, { a: 1 }), message);
    await refused(async () => {
      for await (const _chunk of ai.endpoints.invokeStream(name, { a: 1 })) break;
    }, message);
    await refused(() => ai.endpoints.invokeAsync(name, { a: 1 }), message);
    expect(() => ai.endpoints.batcher(name)).toThrow(message);
  });

  it('accepts the names SageMaker accepts', async () => {
    const ai = client();
    await expect(ai.endpoints.invoke('e'.repeat(63), { a: 1 })).resolves.toBeDefined();
    await expect(ai.endpoints.invoke('my--endpoint-2', { a: 1 })).resolves.toBeDefined();
  });
});

describe('Bedrock model ids', () => {
  it.each([
    ['100k characters', 'm'.repeat(100_000)],
    ['2,049 characters', 'm'.repeat(2049)],
    ['a URL', 'https://bedrock.example/model'],
    ['spaces', 'claude 3 haiku'],
  ])('refuses %s before any call', async (_, model) => {
    const message = /model must be a Bedrock model id/;
    await refused(() => client().generative.generate({ model, prompt: 'hi' }), message);
    await refused(() => client().generative.invoke(model, { prompt: 'hi' }), message);
  });

  it('accepts ids, inference profiles and ARNs', async () => {
    for (const model of [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'us.amazon.nova-lite-v1:0',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0',
    ]) {
      const err = await client()
        .generative.generate({ model, prompt: 'hi' })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(ValidationError.isInstance(err) && /model must be/.test(err.message)).toBe(false);
    }
  });
});

describe('Region', () => {
  it.each([
    ['spaces', 'us east 1'],
    ['upper case', 'US-EAST-1'],
    ['a URL', 'https://us-east-1.amazonaws.com'],
    ['100k characters', 'r'.repeat(100_000)],
  ])('refuses %s at construction, saying what a Region looks like', (_, region) => {
    let err: unknown;
    try {
      new AwsAI({ ...emu.config, region });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(AwsAIError.isInstance(err) && err.code).toBe('InvalidRegion');
    expect((err as Error).message).toMatch(/region must be an AWS Region code such as 'us-east-1'/);
    expect((err as Error).message.length).toBeLessThan(300);
  });

  it('names AWS_REGION when the environment holds a bad one', () => {
    vi.stubEnv('AWS_REGION', 'eu west 1');
    expect(() => new AwsAI({ endpoint: emu.endpoint })).toThrow(/AWS_REGION must be an AWS Region/);
  });

  it('accepts every Region form AWS uses', () => {
    for (const region of [
      'us-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'eusc-de-east-1',
      'ap-southeast-7',
    ]) {
      expect(() => new AwsAI({ ...emu.config, region })).not.toThrow();
    }
  });
});
