import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { pdf, png } from './helpers';

const { emu } = await useEmulator();
const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
const textract = new TextractClient({ ...emu.config, maxAttempts: 1 });
afterAll(() => {
  s3.destroy();
  textract.destroy();
});

const fails = (p: Promise<unknown>) =>
  p.then(
    () => ({ name: 'no error' }),
    (e: { name?: string }) => e,
  );

/**
 * Textract's quotas for asynchronous operations (developer guide, "Quotas in Amazon Textract"): JPEG
 * and PNG files up to 10 MB, PDF/TIFF up to 500 MB; 30 queries per page on StartDocumentAnalysis.
 */
describe('emulator: Textract Start* refuses what Textract refuses', () => {
  it('a PNG over 10 MB in S3: DocumentTooLargeException', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'in', Key: 'big.png', Body: png(10_485_761) }));
    const err = await fails(
      textract.send(
        new StartDocumentTextDetectionCommand({
          DocumentLocation: { S3Object: { Bucket: 'in', Name: 'big.png' } },
        }),
      ),
    );
    expect(err.name).toBe('DocumentTooLargeException');
  });

  it('a PNG of exactly 10 MB starts a job', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'in', Key: 'ok.png', Body: png(10_485_760) }));
    const out = await textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: { S3Object: { Bucket: 'in', Name: 'ok.png' } },
      }),
    );
    expect(out.JobId).toBeTruthy();
  });

  it('31 queries on StartDocumentAnalysis: InvalidParameterException; 30 start a job', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'in', Key: 'doc.pdf', Body: pdf(2) }));
    const start = (count: number) =>
      textract.send(
        new StartDocumentAnalysisCommand({
          DocumentLocation: { S3Object: { Bucket: 'in', Name: 'doc.pdf' } },
          FeatureTypes: ['QUERIES'],
          QueriesConfig: {
            Queries: Array.from({ length: count }, (_, i) => ({ Text: `Question ${i}?` })),
          },
        }),
      );
    expect((await fails(start(31))).name).toBe('InvalidParameterException');
    expect((await start(30)).JobId).toBeTruthy();
  });
});

describe('emulator: AnalyzeID DocumentPages as textract.json constrains it (1–2 pages)', () => {
  it('three pages: ValidationException from the model constraint', async () => {
    const { AnalyzeIDCommand } = await import('@aws-sdk/client-textract');
    const page = { Bytes: png() };
    const err = await fails(
      textract.send(new AnalyzeIDCommand({ DocumentPages: [page, page, page] })),
    );
    expect(err.name).toBe('ValidationException');
  });
});
