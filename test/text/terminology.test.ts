import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
  <tu><tuv xml:lang="en"><seg>Widget Pro</seg></tuv><tuv xml:lang="de"><seg>Widget Profi</seg></tuv></tu>
</body></tmx>`;

describe('text.terminology', () => {
  it('imports a CSV given inline and applies it with terminologies: [name]', async () => {
    const ai = client();
    const imported = await ai.text.terminology.import(
      'brand-names',
      'en,fr,de\nAcme Cloud,Acme Nuage,Acme Wolke\n',
      { description: 'Brand names' },
    );
    expect(imported).toMatchObject({
      name: 'brand-names',
      from: 'en',
      to: ['fr', 'de'],
      termCount: 1,
      format: 'csv',
      description: 'Brand names',
    });
    const [call] = callsTo(emu, 'ImportTerminology');
    expect(call?.input).toMatchObject({
      Name: 'brand-names',
      MergeStrategy: 'OVERWRITE',
      TerminologyData: { Format: 'CSV' },
    });
    const result = await ai.text.translate('Hello from Acme Cloud.', {
      from: 'en',
      to: 'fr',
      terminologies: ['brand-names'],
    });
    expect(result.text).toBe('Bonjour from Acme Nuage.');
    expect(callsTo(emu, 'TranslateText')[0]?.input).toMatchObject({
      TerminologyNames: ['brand-names'],
    });
  });

  it('imports a TMX file from a path (format from the extension) and lists every page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-ai-term-'));
    const path = join(dir, 'products.tmx');
    await writeFile(path, TMX);
    const ai = client();
    const imported = await ai.text.terminology.import('products', path, {
      directionality: 'multi',
    });
    expect(imported).toMatchObject({
      name: 'products',
      format: 'tmx',
      to: ['de'],
      directionality: 'multi',
    });
    expect(callsTo(emu, 'ImportTerminology')[0]?.input).toMatchObject({
      TerminologyData: { Format: 'TMX', Directionality: 'MULTI' },
    });
    const { text } = await ai.text.translate('Hello Widget Pro', {
      from: 'en',
      to: 'de',
      terminologies: ['products'],
    });
    expect(text).toBe('Hallo Widget Profi');
    await ai.text.terminology.import('brand-names', 'en,fr\nAcme Cloud,Acme Nuage\n');
    const names = (await ai.text.terminology.list()).map((t) => t.name);
    expect(names).toEqual(['brand-names', 'products']);
    expect(callsTo(emu, 'ListTerminologies')[0]?.input).toMatchObject({ MaxResults: 500 });
  });

  it('follows NextToken until the last page', async () => {
    let page = 0;
    emu.handle('translate', 'ListTerminologies', (input) => {
      page++;
      return page === 1
        ? {
            TerminologyPropertiesList: [{ Name: 'a', TargetLanguageCodes: ['fr'] }],
            NextToken: 't2',
          }
        : {
            TerminologyPropertiesList: [{ Name: 'b', TargetLanguageCodes: ['de'] }],
            ...(input.NextToken === 't2' ? {} : { NextToken: 'loop' }),
          };
    });
    const all = await client().text.terminology.list();
    expect(all.map((t) => [t.name, t.to])).toEqual([
      ['a', ['fr']],
      ['b', ['de']],
    ]);
    expect(callsTo(emu, 'ListTerminologies').map((c) => c.input.NextToken)).toEqual([
      undefined,
      't2',
    ]);
  });

  it('an unknown terminology is a NotFoundError from TranslateText', async () => {
    const err = await client()
      .text.translate('Hello', { from: 'en', to: 'fr', terminologies: ['nope'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 'ResourceNotFoundException', operation: 'TranslateText' });
  });

  it('refuses bad names, files and options before any call', async () => {
    const ai = client();
    const bad: Array<() => Promise<unknown>> = [
      () => ai.text.terminology.import('bad name', 'en,fr\na,b\n'),
      () => ai.text.terminology.import('x'.repeat(257), 'en,fr\na,b\n'),
      () => ai.text.terminology.import('ok', new Uint8Array(10_485_761)),
      () => ai.text.terminology.import('ok', new Uint8Array(0)),
      () => ai.text.terminology.import('ok', 'en,fr\na,b\n', { format: 'xlsx' as 'csv' }),
      () => ai.text.terminology.import('ok', 'en,fr\na,b\n', { description: 'd'.repeat(257) }),
      () => ai.text.terminology.import('ok', './no-such-file.csv'),
      () => ai.text.terminology.import('ok', 's3://bucket/terms.csv'),
      () => ai.text.translate('Hello', { to: 'fr', terminologies: ['a', 'b'] }),
      () => ai.text.translate('Hello', { to: 'fr', terminologies: 'a' as unknown as string[] }),
      () => ai.text.translate('Hello', { to: 'fr', terminology: 'a', terminologies: ['a'] }),
      () => ai.text.translate('Hello', { to: 'fr', terminologies: ['bad name'] }),
    ];
    for (const call of bad) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
