import { ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { pdf, png } from './helpers';

const { emu, client } = await useEmulator();

const ADAPTER = '2e9bf1c4a1b2';

describe('documents.analyze with custom adapters', () => {
  it('sends AdaptersConfig beside the queries on AnalyzeDocument', async () => {
    const doc = await client().documents.analyze(png(), {
      queries: [{ text: 'What is the policy number?', alias: 'policy' }],
      adapters: [{ id: ADAPTER, version: '3', pages: ['1'] }],
    });
    expect(doc.query('policy')?.answer).toBe('Emulated answer to: What is the policy number?');
    expect(callsTo(emu, 'AnalyzeDocument')[0]?.input).toMatchObject({
      FeatureTypes: ['QUERIES'],
      QueriesConfig: { Queries: [{ Text: 'What is the policy number?', Alias: 'policy' }] },
      AdaptersConfig: { Adapters: [{ AdapterId: ADAPTER, Version: '3', Pages: ['1'] }] },
    });
  });

  it('sends AdaptersConfig on StartDocumentAnalysis for a multi-page job', async () => {
    const doc = await client({ staging: { bucket: 'staging', prefix: 'docs/' } }).documents.analyze(
      pdf(2),
      {
        queries: ['Who signed?'],
        adapters: [{ id: ADAPTER, version: '1' }],
        poll: { intervalMs: 1, maxIntervalMs: 2 },
      },
    );
    expect(doc.run?.mode).toBe('async');
    expect(callsTo(emu, 'StartDocumentAnalysis')[0]?.input).toMatchObject({
      AdaptersConfig: { Adapters: [{ AdapterId: ADAPTER, Version: '1' }] },
    });
  });

  it('the emulator refuses adapters without QUERIES as Textract does', async () => {
    const { TextractClient, AnalyzeDocumentCommand } = await import('@aws-sdk/client-textract');
    const raw = new TextractClient({ ...emu.config, maxAttempts: 1 });
    const err = await raw
      .send(
        new AnalyzeDocumentCommand({
          Document: { Bytes: png() },
          FeatureTypes: ['TABLES'],
          AdaptersConfig: { Adapters: [{ AdapterId: ADAPTER, Version: '1' }] },
        }),
      )
      .catch((e: unknown) => e);
    expect((err as { name?: string }).name).toBe('InvalidParameterException');
  });

  it('refuses bad adapters before any call', async () => {
    const ai = client();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ tables: true, adapters: [{ id: ADAPTER, version: '1' }] }, /pass queries too/],
      [{ queries: ['Q?'], adapters: [] }, /1–100/],
      [{ queries: ['Q?'], adapters: Array(101).fill({ id: ADAPTER, version: '1' }) }, /1–100/],
      [{ queries: ['Q?'], adapters: [{ id: 'short', version: '1' }] }, /adapters\[0\]\.id/],
      [{ queries: ['Q?'], adapters: [{ id: ADAPTER, version: '' }] }, /adapters\[0\]\.version/],
      [{ queries: ['Q?'], adapters: [{ id: ADAPTER, version: '1', pages: ['one'] }] }, /pages/],
      [{ queries: ['Q?'], adapters: [{ id: ADAPTER, version: '1', pages: [] }] }, /pages/],
    ];
    for (const [params, message] of cases) {
      const err = await ai.documents.analyze(png(), params).catch((e: unknown) => e);
      expect(err, String(message)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});
