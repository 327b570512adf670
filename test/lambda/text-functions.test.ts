import { BatchItemError, TimeoutError, ValidationError } from 'aws-ai';
import {
  createTextClient,
  detectLanguage,
  entities,
  keyPhrases,
  pii,
  redactPii,
  sentiment,
  syntax,
  Text,
  targetedSentiment,
  toxicity,
  translate,
} from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const client = () => createTextClient({ ...emu.config, retry: FAST_RETRY });

describe('aws-ai/text per-operation functions', () => {
  it('answer like the Text methods, for one text and for arrays', async () => {
    const text = client();
    const module = new Text({ ...emu.config, retry: FAST_RETRY });
    const fr = 'Bonjour, je voudrais un café, s’il vous plaît.';
    expect(await detectLanguage(text, fr)).toEqual(await module.detectLanguage(fr));
    const reviews = ['The room was lovely.', 'The staff were rude.'];
    expect(await sentiment(text, reviews, { language: 'en' })).toEqual(
      await module.sentiment(reviews, { language: 'en' }),
    );
    const one = 'Jane Doe flew from Paris to Seattle on Monday.';
    expect(await entities(text, one, { language: 'en' })).toEqual(
      await module.entities(one, { language: 'en' }),
    );
    expect(await keyPhrases(text, one, { language: 'en' })).toEqual(
      await module.keyPhrases(one, { language: 'en' }),
    );
    expect(await syntax(text, one, { language: 'en' })).toEqual(
      await module.syntax(one, { language: 'en' }),
    );
    expect(await targetedSentiment(text, one, { language: 'en' })).toEqual(
      await module.targetedSentiment(one, { language: 'en' }),
    );
    expect(await pii(text, one, { language: 'en' })).toEqual(
      await module.pii(one, { language: 'en' }),
    );
    expect(await redactPii(text, one, { language: 'en' })).toEqual(
      await module.redactPii(one, { language: 'en' }),
    );
    expect(await toxicity(text, one, { language: 'en' })).toEqual(
      await module.toxicity(one, { language: 'en' }),
    );
    expect(await translate(text, one, { from: 'en', to: 'de' })).toEqual(
      await module.translate(one, { from: 'en', to: 'de' }),
    );
  });

  it('take a Text module or ai.text and share its SDK client cache', async () => {
    const module = new Text(emu.config);
    const result = await detectLanguage(module, 'Hello there, how are you today?');
    expect(result.language).toBe('en');
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(1);
  });

  it('validate before any call and keep item errors on request', async () => {
    await expect(detectLanguage(client(), '   ')).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
    const out = await detectLanguage(client(), ['Hello there friend', 'Bonjour mon ami'], {
      throwOnItemError: false,
    });
    expect(out.map((r) => (r instanceof BatchItemError ? r : r.language))).toEqual(['en', 'fr']);
  });

  it('bound the whole call with timeoutMs', async () => {
    emu.fault({ service: 'comprehend', kind: 'delay', delayMs: 500 });
    await expect(
      detectLanguage(client(), 'Hello there, how are you?', { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('refuse a first argument that is not a client', async () => {
    await expect(detectLanguage({} as never, 'Hello')).rejects.toBeInstanceOf(ValidationError);
  });
});
