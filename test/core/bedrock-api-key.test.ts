import { inspect } from 'node:util';
import { AwsAI, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const KEY = 'ABSKQmVkcm9ja0FQSUtleS1tYXJrZXI9PQ';
const claude = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('bedrock: { apiKey }', () => {
  it('Bedrock requests carry the key as a bearer token; other services keep SigV4', async () => {
    const seen: Record<string, string> = {};
    emu.handle('bedrock-runtime', 'Converse', (_input, ctx) => {
      seen.bedrock = ctx.headers.authorization ?? '';
      return {
        output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      };
    });
    emu.handle('comprehend', 'DetectDominantLanguage', (_input, ctx) => {
      seen.comprehend = ctx.headers.authorization ?? '';
      return { Languages: [{ LanguageCode: 'en', Score: 1 }] };
    });
    const ai = client({ bedrock: { apiKey: KEY } });
    await ai.generative.generate({ model: claude, prompt: 'x' });
    await ai.text.detectLanguage('Hello there');
    expect(seen.bedrock).toBe(`Bearer ${KEY}`);
    expect(seen.comprehend).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('an error of a keyed call never shows the key', async () => {
    emu.fault({ service: 'bedrock-runtime', kind: 'server-error' });
    const err = await client({ bedrock: { apiKey: KEY }, retry: { retries: 0 } })
      .generative.generate({ model: claude, prompt: 'x' })
      .catch((e: unknown) => e);
    const rendered = `${inspect(err, { showHidden: true, depth: Number.POSITIVE_INFINITY })}${JSON.stringify(err)}`;
    expect(rendered).not.toContain(KEY);
  });

  it('a bad key is refused at construction, without quoting it', () => {
    expect(() => new AwsAI({ bedrock: { apiKey: 'has a space' } })).toThrow(ValidationError);
    expect(() => new AwsAI({ bedrock: { apiKey: 'has a space' } })).not.toThrow(/has a space/);
    expect(() => new AwsAI({ bedrock: 'key' as never })).toThrow(ValidationError);
  });
});
