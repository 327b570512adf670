import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  StartDocumentTextDetectionCommand,
  StartLendingAnalysisCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { AwsAIError } from 'aws-ai';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { pdf } from './helpers';

const { emu, client } = await useEmulator();
const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
const textract = new TextractClient({ ...emu.config, maxAttempts: 1 });
afterAll(() => {
  s3.destroy();
  textract.destroy();
});
beforeEach(async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'in', Key: 'a.pdf', Body: pdf(2) }));
  await s3.send(new PutObjectCommand({ Bucket: 'in', Key: 'b.pdf', Body: pdf(3) }));
});

const at = (Name: string) => ({ S3Object: { Bucket: 'in', Name } });
const fails = (p: Promise<unknown>) =>
  p.then(
    () => ({ name: 'no error' }),
    (e: { name?: string }) => e,
  );

/**
 * textract.json: the same `ClientRequestToken` on a Start* returns the same `JobId`;
 * `IdempotentParameterMismatchException` when "a ClientRequestToken input parameter was reused with
 * an operation, but at least one of the other input parameters is different".
 */
describe('emulator: Textract ClientRequestToken as Textract models it', () => {
  it('the same token and request: the same JobId', async () => {
    const start = () =>
      textract.send(
        new StartDocumentTextDetectionCommand({
          DocumentLocation: at('a.pdf'),
          ClientRequestToken: 't1',
        }),
      );
    const first = await start();
    expect((await start()).JobId).toBe(first.JobId);
  });

  it('the same token on another document: IdempotentParameterMismatchException', async () => {
    await textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: at('a.pdf'),
        ClientRequestToken: 't1',
      }),
    );
    const err = await fails(
      textract.send(
        new StartDocumentTextDetectionCommand({
          DocumentLocation: at('b.pdf'),
          ClientRequestToken: 't1',
        }),
      ),
    );
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });

  it("a token is the operation's: StartDocumentAnalysis with a text job's token starts an analysis", async () => {
    await textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: at('a.pdf'),
        ClientRequestToken: 't2',
      }),
    );
    const { JobId } = await textract.send(
      new StartDocumentAnalysisCommand({
        DocumentLocation: at('a.pdf'),
        FeatureTypes: ['TABLES'],
        ClientRequestToken: 't2',
      }),
    );
    // The analysis job exists as one: its first Get* is IN_PROGRESS, not InvalidJobIdException.
    const got = await textract.send(new GetDocumentAnalysisCommand({ JobId }));
    expect(got.JobStatus).toBe('IN_PROGRESS');
  });

  it('StartLendingAnalysis: another document under a used token is a mismatch', async () => {
    await textract.send(
      new StartLendingAnalysisCommand({ DocumentLocation: at('a.pdf'), ClientRequestToken: 'l1' }),
    );
    const err = await fails(
      textract.send(
        new StartLendingAnalysisCommand({
          DocumentLocation: at('b.pdf'),
          ClientRequestToken: 'l1',
        }),
      ),
    );
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });
});

describe('documents: clientRequestToken', () => {
  const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 };

  it('the same token on the same s3:// document reads the one job', async () => {
    const ai = client();
    const first = await ai.documents.text('s3://in/a.pdf', { clientRequestToken: 'same', ...FAST });
    const second = await ai.documents.text('s3://in/a.pdf', {
      clientRequestToken: 'same',
      ...FAST,
    });
    expect(second.run?.jobId).toBe(first.run?.jobId);
  });

  it('bytes are staged under a new key each call, so a repeated token is a typed mismatch (docs/documents.md)', async () => {
    const ai = client({ staging: { bucket: 'stage' } });
    await ai.documents.text(pdf(2), { clientRequestToken: 'bytes', ...FAST });
    const err = await ai.documents
      .text(pdf(2), { clientRequestToken: 'bytes', ...FAST })
      .catch((e: unknown) => e);
    expect(AwsAIError.isInstance(err) && err.code).toBe('IdempotentParameterMismatchException');
    expect(err).toMatchObject({ service: 'textract', operation: 'StartDocumentTextDetection' });
    // Both staged copies are gone: the refused start's too.
    const put = callsTo(emu, 'PutObject')
      .filter((c) => c.input.Bucket === 'stage')
      .map((c) => c.input.Key);
    expect(put).toHaveLength(2);
    expect(callsTo(emu, 'DeleteObject').map((c) => c.input.Key)).toEqual(put);
  });
});
