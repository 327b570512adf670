import { BatchItemError, ThrottlingError, ValidationError } from 'aws-ai';
import { LanguageDetectionError } from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

describe('text.translate', () => {
  it('translates one text with auto-detection', async () => {
    const result = await client().text.translate('Hello world, thanks!', { to: 'fr' });
    expect(result).toEqual({ text: 'Bonjour monde, merci!', from: 'en', to: 'fr' });
    expect(callsTo(emu, 'TranslateText')[0]?.input).toMatchObject({
      SourceLanguageCode: 'auto',
      TargetLanguageCode: 'fr',
    });
  });

  it('splits a 25,000-byte text under 10,000 bytes per call and joins it in order', async () => {
    const sentences = Array.from({ length: 800 }, (_, i) => `Hello number ${i}, good cat. `);
    const text = sentences.join('');
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(20_000);
    const long = `${text}${'Thanks and yes. '.repeat(300)}`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(25_000);
    const result = await client().text.translate(long, { to: 'de' });
    const calls = callsTo(emu, 'TranslateText');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(10_000);
    // The first piece detects the language; the others are sent with it.
    expect(calls[0]?.input.SourceLanguageCode).toBe('auto');
    for (const c of calls.slice(1)) expect(c.input.SourceLanguageCode).toBe('en');
    const expected = long
      .replace(/Hello/g, 'Hallo')
      .replace(/good/g, 'gut')
      .replace(/cat/g, 'Katze')
      .replace(/Thanks/g, 'Danke')
      .replace(/yes/g, 'ja');
    expect(result.text).toBe(expected);
    expect(result.from).toBe('en');
  });

  it('translates a 1 MB text', async () => {
    const long = 'Hello world. '.repeat(80_000);
    const result = await client().text.translate(long, { from: 'en', to: 'es' });
    expect(result.text).toBe('Hola mundo. '.repeat(80_000));
    const calls = callsTo(emu, 'TranslateText');
    expect(calls.length).toBeGreaterThanOrEqual(Math.ceil(Buffer.byteLength(long) / 10_000));
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(10_000);
  });

  it('passes settings and terminology', async () => {
    // The emulator, like Translate, refuses a terminology that was never imported.
    await client().text.terminology.import('brand-names', 'en,de\nAcme,Acme\n');
    await client().text.translate('Hello', {
      from: 'en',
      to: 'de',
      formality: 'formal',
      profanity: 'mask',
      brevity: true,
      terminology: 'brand-names',
    });
    expect(callsTo(emu, 'TranslateText')[0]?.input).toMatchObject({
      Settings: { Formality: 'FORMAL', Profanity: 'MASK', Brevity: 'ON' },
      TerminologyNames: ['brand-names'],
    });
  });

  it('surfaces DetectedLanguageLowConfidenceException with the detected code', async () => {
    const err = await client()
      .text.translate('Ok!', { to: 'fr' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LanguageDetectionError);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as LanguageDetectionError).detectedLanguage).toBe('en');
    expect((err as LanguageDetectionError).code).toBe('DetectedLanguageLowConfidenceException');
    expect(callsTo(emu, 'TranslateText')).toHaveLength(1);
  });

  it('translates arrays in input order with failures at their index', async () => {
    const texts = ['Hello cat.', 'Ok', 'Good world.'];
    const results = await client().text.translate(texts, { to: 'fr', throwOnItemError: false });
    expect((results[0] as { text: string }).text).toBe('Bonjour chat.');
    expect(results[1]).toBeInstanceOf(BatchItemError);
    expect((results[1] as BatchItemError).cause).toBeInstanceOf(LanguageDetectionError);
    expect((results[2] as { text: string }).text).toBe('Bon monde.');
  });

  it('succeeds after being throttled twice', async () => {
    emu.fault({ service: 'translate', operation: 'TranslateText', kind: 'throttle', times: 2 });
    const result = await client().text.translate('Hello', { from: 'en', to: 'fr' });
    expect(result.text).toBe('Bonjour');
    expect(callsTo(emu, 'TranslateText')).toHaveLength(3);
  });

  it('gives a ThrottlingError once retries run out', async () => {
    emu.fault({ service: 'translate', operation: 'TranslateText', kind: 'throttle' });
    await expect(
      client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }).text.translate('Hello', {
        from: 'en',
        to: 'fr',
      }),
    ).rejects.toBeInstanceOf(ThrottlingError);
  });

  it.each([
    [{ to: 'french' }, /options.to must be a language code/],
    [{ to: 'fr', from: 'fr' }, /both 'fr'/],
    [{ to: 'fr', formality: 'polite' }, /formality/],
    [{ to: 'fr', profanity: 'hide' }, /profanity/],
  ])('rejects %j before any call', async (options, message) => {
    await expect(
      client().text.translate('Hello', options as unknown as { to: string }),
    ).rejects.toThrow(message);
    expect(emu.calls).toHaveLength(0);
  });
});
