import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../src/testing/services/translate-document';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('text.translateDocument', () => {
  it('translates an HTML document, keeping its markup, with settings and a terminology', async () => {
    await client().text.terminology.import('brands', 'en,fr\nAcme Cloud,Acme Nuage\n');
    const html = '<html><body><p>Hello world</p><p>Thanks, Acme Cloud!</p></body></html>';
    const result = await client().text.translateDocument(Buffer.from(html), {
      from: 'en',
      to: 'fr',
      contentType: 'text/html',
      formality: 'formal',
      profanity: 'mask',
      terminologies: ['brands'],
    });
    expect(text(result.content)).toBe(
      '<html><body><p>Bonjour monde</p><p>Merci, Acme Nuage!</p></body></html>',
    );
    expect(result).toMatchObject({
      from: 'en',
      to: 'fr',
      contentType: 'text/html',
      terminologies: ['brands'],
    });
    const [call] = callsTo(emu, 'TranslateDocument');
    expect(call?.input).toMatchObject({
      Document: { ContentType: 'text/html' },
      SourceLanguageCode: 'en',
      TargetLanguageCode: 'fr',
      Settings: { Formality: 'FORMAL', Profanity: 'MASK' },
      TerminologyNames: ['brands'],
    });
  });

  it('reads a path, takes the content type from its extension and detects the language', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-ai-doc-'));
    const path = join(dir, 'note.txt');
    await writeFile(path, 'Hello world, good cat.\nThanks!\n');
    const result = await client().text.translateDocument(path, { to: 'de' });
    expect(text(result.content)).toBe('Hallo Welt, gut Katze.\nDanke!\n');
    expect(result).toMatchObject({ from: 'en', to: 'de', contentType: 'text/plain' });
    expect(callsTo(emu, 'TranslateDocument')[0]?.input).toMatchObject({
      SourceLanguageCode: 'auto',
      Document: { ContentType: 'text/plain' },
    });
  });

  it('translates the text runs of a .docx', async () => {
    const body =
      '<w:document><w:body><w:p><w:r><w:t>Hello world</w:t></w:r><w:r><w:t xml:space="preserve"> and thanks</w:t></w:r></w:p></w:body></w:document>';
    const docx = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from(body) },
    ]);
    const result = await client().text.translateDocument(docx, {
      from: 'en',
      to: 'es',
      contentType: DOCX,
    });
    expect(result.content.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect(text(result.content)).toContain('<w:t>Hola mundo</w:t>');
    expect(text(result.content)).toContain('<w:t xml:space="preserve"> and gracias</w:t>');
  });

  it('refuses what TranslateDocument cannot take, before any call', async () => {
    const ai = client();
    const cases: Array<[unknown, Record<string, unknown>, RegExp]> = [
      [Buffer.from('x'.repeat(100_001)), { to: 'fr', contentType: 'text/plain' }, /100000 bytes/],
      [Buffer.from('Hello'), { to: 'fr' }, /contentType is needed for bytes/],
      [
        Buffer.from('Hello'),
        { to: 'fr', contentType: 'application/pdf' },
        /contentType must be one of/,
      ],
      [Buffer.from('Hello'), { to: 'fr', contentType: 'text/plain', brevity: true }, /brevity/],
      ['s3://bucket/doc.txt', { to: 'fr' }, /startTranslationJob/],
      [
        Buffer.from('Hello'),
        { to: 'fr', contentType: 'text/plain', terminologies: ['a', 'b'] },
        /at most 1 custom terminology/,
      ],
      [Buffer.from('Hello'), { to: 'french', contentType: 'text/plain' }, /options.to/],
      ['./missing-file.docx', { to: 'fr' }, /not found/],
    ];
    for (const [input, options, message] of cases) {
      const err = await ai.text
        .translateDocument(input as Uint8Array, options as { to: string })
        .catch((e: unknown) => e);
      expect(err, String(message)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(callsTo(emu, 'TranslateDocument')).toHaveLength(0);
  });

  it('maps a pair without English to UnsupportedLanguagePairException from the service', async () => {
    const err = await client()
      .text.translateDocument(Buffer.from('Bonjour monde'), {
        from: 'fr',
        to: 'de',
        contentType: 'text/plain',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'UnsupportedLanguagePairException',
      operation: 'TranslateDocument',
    });
  });
});
