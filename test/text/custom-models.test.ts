import { BatchItemError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const CLASSIFIER = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
const LABELS =
  'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/topic-labels';
const RECOGNIZER = 'arn:aws:comprehend:us-east-1:123456789012:entity-recognizer-endpoint/products';

describe('text.classify (custom classifier endpoints)', () => {
  it('classifies one text through ClassifyDocument with the endpoint and no language', async () => {
    const result = await client().text.classify('My invoice was charged twice, I want a refund.', {
      endpoint: CLASSIFIER,
    });
    expect(result.classes[0]).toEqual({ name: 'BILLING', score: 1 });
    expect(result.labels).toEqual([]);
    const calls = callsTo(emu, 'ClassifyDocument');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toEqual({
      Text: 'My invoice was charged twice, I want a refund.',
      EndpointArn: CLASSIFIER,
    });
    // No language detection: the model has its own.
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(0);
  });

  it('returns labels for a multi-label model', async () => {
    const { labels, classes } = await client().text.classify('The package was never delivered.', {
      endpoint: LABELS,
    });
    expect(classes).toEqual([]);
    expect(labels).toEqual([{ name: 'SHIPPING', score: 1 }]);
  });

  it('splits a text over 10 KB and weights each piece by its bytes', async () => {
    const billing = 'The invoice is wrong. '.repeat(300); // 6,600 bytes
    const shipping = 'The parcel is late. '.repeat(700); // 14,000 bytes
    const text = billing + shipping;
    const { classes } = await client().text.classify(text, { endpoint: CLASSIFIER });
    const calls = callsTo(emu, 'ClassifyDocument');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(10_000);
    expect(calls.map((c) => c.input.Text).join('')).toBe(text);
    expect(classes.map((c) => c.name).slice(0, 2)).toEqual(['SHIPPING', 'BILLING']);
    const shippingScore = classes.find((c) => c.name === 'SHIPPING')?.score ?? 0;
    expect(shippingScore).toBeCloseTo(14_000 / 20_600, 1);
  });

  it('classifies an array in input order, a failing text at its index', async () => {
    emu.handle('comprehend', 'ClassifyDocument', (input) => {
      if (String(input.Text).includes('boom')) throw emu.error('InvalidRequestException', 'bad');
      return { Classes: [{ Name: 'TECHNICAL', Score: 0.8 }] };
    });
    const results = await client().text.classify(['app crash', 'boom', 'login error'], {
      endpoint: CLASSIFIER,
      throwOnItemError: false,
    });
    expect(results[0]).toEqual({ classes: [{ name: 'TECHNICAL', score: 0.8 }], labels: [] });
    expect(results[1]).toBeInstanceOf(BatchItemError);
    expect((results[1] as BatchItemError).index).toBe(1);
    expect(results[2]).toMatchObject({ classes: [{ name: 'TECHNICAL' }] });
  });

  it('surfaces ResourceUnavailableException while the endpoint is being created', async () => {
    const err = await client()
      .text.classify('hello there', {
        endpoint:
          'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/not-ready',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ResourceUnavailableException',
      operation: 'ClassifyDocument',
    });
  });
});

describe('text.entities with a custom recognizer endpoint', () => {
  it('finds custom types with offsets into the caller string (emoji before them)', async () => {
    const text = '🎉🎉 Order AB-1234 arrived #happy and CD-99 too';
    const found = await client().text.entities(text, { endpoint: RECOGNIZER });
    expect(found.map((e) => [e.type, e.text])).toEqual([
      ['PRODUCT_CODE', 'AB-1234'],
      ['TAG', '#happy'],
      ['PRODUCT_CODE', 'CD-99'],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(callsTo(emu, 'DetectEntities')[0]?.input).toEqual({
      Text: text,
      EndpointArn: RECOGNIZER,
    });
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(0);
  });

  it('splits texts over 5 KB and re-bases the offsets; types filter; arrays keep order', async () => {
    const filler = 'Nothing to see here at all. '.repeat(250); // 7,000 bytes
    const text = `${filler}Part ZX-4242 is late. 😀 #late`;
    const ai = client();
    const found = await ai.text.entities(text, { endpoint: RECOGNIZER, types: ['PRODUCT_CODE'] });
    const calls = callsTo(emu, 'DetectEntities');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const c of calls)
      expect(Buffer.byteLength(c.input.Text as string)).toBeLessThanOrEqual(5_000);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe('ZX-4242');
    const many = await ai.text.entities(['AB-12 one', 'none', '#two'], { endpoint: RECOGNIZER });
    expect(many.map((list) => list.map((e) => e.text))).toEqual([['AB-12'], [], ['#two']]);
  });

  it('refuses bad endpoints and options before any call', async () => {
    const ai = client();
    const bad: Array<() => Promise<unknown>> = [
      () => ai.text.classify('hi', { endpoint: RECOGNIZER }),
      () => ai.text.classify('hi', { endpoint: 'tickets' }),
      () => ai.text.classify('hi', undefined as unknown as { endpoint: string }),
      () => ai.text.classify('', { endpoint: CLASSIFIER }),
      () =>
        ai.text.classify('hi', { endpoint: CLASSIFIER, language: 'en' } as { endpoint: string }),
      () => ai.text.entities('hi', { endpoint: CLASSIFIER }),
      () => ai.text.entities('hi', { endpoint: RECOGNIZER, types: [] }),
      () => ai.text.entities('hi', { endpoint: `${RECOGNIZER}${'x'.repeat(300)}` }),
    ];
    for (const call of bad) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
