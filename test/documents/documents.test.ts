import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AbortError, ServiceError, ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { pdf, png, tiff } from './helpers';

const { emu, client } = await useEmulator();

const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } };
const FAST_POLL = { poll: { intervalMs: 1, maxIntervalMs: 2 } };

describe('documents: sync vs async chosen by input', () => {
  it('a single-page PNG goes to DetectDocumentText with inline bytes', async () => {
    const doc = await client().documents.text(png());
    expect(doc.run).toEqual({ mode: 'sync', jobId: undefined });
    expect(doc.pages).toHaveLength(1);
    expect(doc.lines.map((l) => l.text)).toEqual([
      'Emulated Textract page 1',
      'Read from a 64-byte png',
    ]);
    expect(doc.text).toBe('Emulated Textract page 1\nRead from a 64-byte png');
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(1);
    expect(callsTo(emu, 'StartDocumentTextDetection')).toHaveLength(0);
  });

  it('a 1-page PDF goes sync too', async () => {
    const doc = await client().documents.analyze(pdf(1), { tables: true });
    expect(doc.run?.mode).toBe('sync');
    expect(doc.tables[0]?.toArray()).toEqual([
      ['Item', 'Price'],
      ['Coffee', '3.50'],
    ]);
    expect(callsTo(emu, 'AnalyzeDocument')[0]?.input).toMatchObject({ FeatureTypes: ['TABLES'] });
  });

  it('a 3-page PDF is staged, analyzed as a job, polled through IN_PROGRESS and 3 Get* pages merged', async () => {
    const polls: string[] = [];
    const doc = await client(STAGING).documents.analyze(pdf(3), {
      forms: true,
      queries: [{ text: 'Who signed?', alias: 'signer' }],
      layout: true,
      poll: { intervalMs: 1, onPoll: (info) => polls.push(info.status ?? '') },
    });
    expect(doc.run).toEqual({ mode: 'async', jobId: expect.stringMatching(/^emulated-job-/) });
    expect(doc.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(doc.pageCount).toBe(3);
    expect(doc.forms.size).toBe(6);
    expect(doc.forms.toObject()).toEqual({
      Name: ['Emulated', 'Emulated', 'Emulated'],
      Approved: [true, true, true],
    });
    expect(doc.query('signer')?.answer).toBe('Emulated answer to: Who signed?');
    expect(doc.pages[2]?.text).toBe(
      `Emulated Textract page 3\nRead from a ${pdf(3).byteLength}-byte pdf`,
    );
    expect(polls).toEqual(['IN_PROGRESS']);
    expect(callsTo(emu, 'AnalyzeDocument')).toHaveLength(0);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, 'StartDocumentAnalysis')[0]?.input).toMatchObject({
      DocumentLocation: { S3Object: { Bucket: 'staging' } },
      FeatureTypes: ['FORMS', 'QUERIES', 'LAYOUT'],
    });
    const gets = callsTo(emu, 'GetDocumentAnalysis');
    expect(gets.map((g) => g.input.NextToken)).toEqual([undefined, undefined, 'page-2', 'page-3']);
    // The staged upload is removed once the job is over.
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
  });

  it('a 2-page TIFF goes to text detection as a job', async () => {
    const doc = await client(STAGING).documents.text(tiff(2), FAST_POLL);
    expect(doc.run?.mode).toBe('async');
    expect(doc.pages).toHaveLength(2);
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(3);
  });

  it('a file over syncMaxBytes goes async even with one page', async () => {
    const doc = await client(STAGING).documents.text(png(2048), {
      syncMaxBytes: 1024,
      ...FAST_POLL,
    });
    expect(doc.run?.mode).toBe('async');
  });

  it('an s3:// PDF goes to a job without staging; an s3:// PNG goes sync', async () => {
    const ai = client();
    // Put the objects in the emulator's S3 through the staging path of another client.
    const put = client({ staging: { bucket: 'inbox', prefix: 'in/', deleteAfterUse: false } });
    await put.documents.text(pdf(2), FAST_POLL);
    await put.documents.text(png(), { mode: 'async', ...FAST_POLL });
    const [pdfKey, pngKey] = callsTo(emu, 'PutObject').map((c) => String(c.input.Key));
    // emu.reset() would clear S3 too: look only at the calls made from here on.
    const from = emu.calls.length;
    const since = (operation: string) =>
      emu.calls.slice(from).filter((call) => call.operation === operation);
    const fromPdf = await ai.documents.text(`s3://inbox/${pdfKey}`, FAST_POLL);
    expect(fromPdf.pages).toHaveLength(2);
    expect(since('PutObject')).toHaveLength(0);
    expect(since('StartDocumentTextDetection')[0]?.input).toMatchObject({
      DocumentLocation: { S3Object: { Bucket: 'inbox', Name: pdfKey } },
    });
    const fromPng = await ai.documents.text(`s3://inbox/${pngKey}`);
    expect(fromPng.run?.mode).toBe('sync');
    expect(since('DetectDocumentText')[0]?.input).toMatchObject({
      Document: { S3Object: { Bucket: 'inbox', Name: pngKey } },
    });
  });

  it('PARTIAL_SUCCESS warnings are reported on the result', async () => {
    let checks = 0;
    emu.handle('textract', 'GetDocumentAnalysis', () => {
      checks++;
      return {
        JobStatus: 'PARTIAL_SUCCESS',
        DocumentMetadata: { Pages: 2 },
        Warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2] }],
        Blocks: [{ BlockType: 'PAGE', Id: 'p1', Page: 1 }],
      };
    });
    const doc = await client(STAGING).documents.analyze(pdf(2), { tables: true, ...FAST_POLL });
    expect(checks).toBe(1);
    expect(doc.warnings).toEqual([{ code: 'UNSUPPORTED_DOCUMENT', pages: [2] }]);
    expect(doc.pageCount).toBe(2);
  });

  it('a FAILED job throws a ServiceError with the status message and still deletes the staged object', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'bad page',
    }));
    const err = await client(STAGING)
      .documents.text(pdf(2), FAST_POLL)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'JobFailed', message: expect.stringContaining('bad page') });
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(1);
  });

  it('polling stops at once with AbortError when the signal fires', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({ JobStatus: 'IN_PROGRESS' }));
    const controller = new AbortController();
    const promise = client(STAGING).documents.text(pdf(2), {
      signal: controller.signal,
      poll: { intervalMs: 60_000, onPoll: () => controller.abort() },
    });
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });

  it('retries a throttled Get* page and still merges every page', async () => {
    emu.fault({
      service: 'textract',
      operation: 'GetDocumentAnalysis',
      kind: 'throttle',
      times: 1,
    });
    const doc = await client(STAGING).documents.analyze(pdf(2), { signatures: true, ...FAST_POLL });
    expect(doc.signatures).toHaveLength(2);
  });
});

describe('documents: job options (SNS, S3 output, KMS, idempotency)', () => {
  const CHANNEL = {
    snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:ocr-done',
    roleArn: 'arn:aws:iam::123456789012:role/textract-sns',
  };

  it('a one-page PNG with output and SNS runs as a job; every option reaches Start*, the pages land in S3', async () => {
    const ai = client(STAGING);
    const doc = await ai.documents.analyze(png(), {
      tables: true,
      notificationChannel: CHANNEL,
      output: 's3://ocr-results/invoices/',
      kmsKeyId: 'alias/ocr-results',
      clientRequestToken: 'invoice-42',
      jobTag: 'batch-7',
      ...FAST_POLL,
    });
    expect(doc.run?.mode).toBe('async');
    expect(callsTo(emu, 'AnalyzeDocument')).toHaveLength(0);
    expect(callsTo(emu, 'StartDocumentAnalysis')[0]?.input).toMatchObject({
      NotificationChannel: { SNSTopicArn: CHANNEL.snsTopicArn, RoleArn: CHANNEL.roleArn },
      OutputConfig: { S3Bucket: 'ocr-results', S3Prefix: 'invoices' },
      KMSKeyId: 'alias/ocr-results',
      ClientRequestToken: 'invoice-42',
      JobTag: 'batch-7',
    });
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    const written = await s3.send(
      new GetObjectCommand({ Bucket: 'ocr-results', Key: `invoices/${doc.run?.jobId}/1` }),
    );
    const page = JSON.parse((await written.Body?.transformToString()) ?? '{}');
    expect(page.JobStatus).toBe('SUCCEEDED');
    expect(page.Blocks.length).toBeGreaterThan(0);
    // One page, one object.
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'ocr-results', Key: `invoices/${doc.run?.jobId}/2` })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    s3.destroy();
  });

  it('the same clientRequestToken starts one job: a second call reads the same JobId', async () => {
    // The same S3 object: bytes are staged under a new key each call, which Textract answers with
    // IdempotentParameterMismatchException (test/documents/idempotency.test.ts).
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: 'inbox', Key: 'same.pdf', Body: pdf(2) }));
    s3.destroy();
    const ai = client();
    const first = await ai.documents.text('s3://inbox/same.pdf', {
      clientRequestToken: 'same-doc',
      ...FAST_POLL,
    });
    const second = await ai.documents.text('s3://inbox/same.pdf', {
      clientRequestToken: 'same-doc',
      ...FAST_POLL,
    });
    expect(first.run?.jobId).toMatch(/^emulated-job-/);
    expect(second.run?.jobId).toBe(first.run?.jobId);
    expect(callsTo(emu, 'StartDocumentTextDetection')).toHaveLength(2);
  });

  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'SNS with mode sync',
      { notificationChannel: CHANNEL, mode: 'sync' },
      /only in a Textract job/,
    ],
    [
      'output with mode sync',
      { output: 's3://ocr-results', mode: 'sync' },
      /only in a Textract job/,
    ],
    [
      'a topic that is not an SNS ARN',
      { notificationChannel: { ...CHANNEL, snsTopicArn: 'ocr-done' } },
      /notificationChannel needs an snsTopicArn/,
    ],
    [
      'a role that is not an IAM role ARN',
      { notificationChannel: { ...CHANNEL, roleArn: 'arn:aws:iam::123456789012:user/bob' } },
      /notificationChannel needs an snsTopicArn/,
    ],
    [
      'output that is not an S3 URI',
      { output: 'ocr-results/invoices' },
      /output must be s3:\/\/bucket/,
    ],
    ['a bucket name too short', { output: 's3://ab/x' }, /output must be s3:\/\/bucket/],
    ['kmsKeyId without output', { kmsKeyId: 'alias/ocr' }, /pass output/],
    ['a jobTag with spaces', { jobTag: 'batch 7' }, /jobTag must be 1–64 characters/],
    ['a jobTag of 65 characters', { jobTag: 'a'.repeat(65) }, /jobTag must be 1–64 characters/],
    [
      'a clientRequestToken with a dot',
      { clientRequestToken: 'a.b' },
      /clientRequestToken must be/,
    ],
  ];
  for (const [name, options, message] of refused) {
    it(`refuses ${name} before any call`, async () => {
      const err = await client(STAGING)
        .documents.text(png(), options)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }
});

describe('documents: expense and identity', () => {
  it('expense sync: summary and line items', async () => {
    const result = await client().documents.expense(png());
    expect(result.run?.mode).toBe('sync');
    expect(result.documents[0]?.summary).toMatchObject({
      vendorName: 'Emulated Vendor',
      invoiceReceiptId: 'EMU-1',
      total: '$42.00',
    });
    expect(result.documents[0]?.lineItems[0]).toMatchObject({
      item: 'Emulated item',
      quantity: '1',
    });
  });

  it('expense of a 2-page PDF: a job with one invoice per page', async () => {
    const result = await client(STAGING).documents.expense(pdf(2), FAST_POLL);
    expect(result.run?.mode).toBe('async');
    expect(result.documents.map((d) => d.summary.invoiceReceiptId)).toEqual(['EMU-1', 'EMU-2']);
    expect(callsTo(emu, 'GetExpenseAnalysis')).toHaveLength(3);
  });

  it('identity takes one image or [front, back]', async () => {
    const one = await client().documents.identity(png());
    expect(one.documents[0]?.values).toMatchObject({
      firstName: 'EMULATED',
      dateOfBirth: '1990-01-02',
      idType: 'DRIVER LICENSE FRONT',
    });
    await client().documents.identity([png(), png(80)]);
    const calls = callsTo(emu, 'AnalyzeID');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.input.DocumentPages).toHaveLength(2);
  });
});

describe('documents: bad input is refused before any call', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['an empty file', () => client().documents.text(new Uint8Array()), /empty/],
    [
      'a format Textract does not read',
      () => client().documents.text(new TextEncoder().encode('GIF89a not a document')),
      /JPEG, PNG, PDF and TIFF/,
    ],
    [
      'an s3 key of another format',
      () => client().documents.text('s3://bucket/audio.mp3'),
      /looks like mp3/,
    ],
    [
      'an image over 10 MB',
      () => client(STAGING).documents.text(png(10_485_761)),
      /images up to 10485760 bytes/,
    ],
    [
      'a multi-page PDF forced sync',
      () => client().documents.text(pdf(2), { mode: 'sync' }),
      /2 pages; the sync API reads one page/,
    ],
    [
      'a multi-page PDF without staging',
      () => client().documents.text(pdf(2)),
      /configure staging/,
    ],
    [
      'analyze with no feature',
      () => client().documents.analyze(png(), {}),
      /at least one feature/,
    ],
    [
      'an empty query',
      () => client().documents.analyze(png(), { queries: ['  '] }),
      /queries\[0\] must be a question of 1–200/,
    ],
    [
      '16 queries on the sync API',
      () =>
        client().documents.analyze(png(), {
          queries: Array.from({ length: 16 }, (_, i) => `Question ${i}?`),
        }),
      /16 queries; Textract takes up to 15/,
    ],
    [
      'three identity sides',
      () => client().documents.identity([png(), png(), png()] as never),
      /1–2 pages/,
    ],
    [
      'a multi-page identity PDF',
      () => client().documents.identity(pdf(2)),
      /single-page documents only/,
    ],
    ['a missing file', () => client().documents.text('./no-such-file.pdf'), /not found/],
    [
      'a syncMaxBytes over the API limit',
      () => client().documents.text(png(), { syncMaxBytes: 20_000_000 }),
      /syncMaxBytes must be between 1 and 10485760/,
    ],
  ];
  for (const [name, run, message] of cases) {
    it(name, async () => {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
      expect(emu.calls).toHaveLength(0);
    });
  }

  it('Textract errors map to typed errors (UnsupportedDocumentException → ValidationError, no retry)', async () => {
    emu.handle('textract', 'DetectDocumentText', () => {
      throw emu.error('UnsupportedDocumentException', 'Request has unsupported document format');
    });
    await expect(client().documents.text(png())).rejects.toBeInstanceOf(ValidationError);
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(1);
  });

  it('LimitExceededException on Start* is "too many jobs": waits for a slot, not a blind retry', async () => {
    let refusals = 2;
    emu.handle('textract', 'StartDocumentTextDetection', () => {
      if (refusals-- > 0) throw emu.error('LimitExceededException', 'Too many concurrent jobs');
      return { JobId: 'job-after-wait' };
    });
    emu.handle('textract', 'GetDocumentTextDetection', () => ({
      JobStatus: 'SUCCEEDED',
      DocumentMetadata: { Pages: 1 },
      Blocks: [],
    }));
    const doc = await client(STAGING).documents.text(pdf(2), FAST_POLL);
    expect(doc.run?.jobId).toBe('job-after-wait');
    expect(callsTo(emu, 'StartDocumentTextDetection')).toHaveLength(3);
  });

  it('gives up with the LimitExceededException when no slot frees before poll.timeoutMs', async () => {
    emu.handle('textract', 'StartDocumentTextDetection', () => {
      throw emu.error('LimitExceededException', 'Too many concurrent jobs');
    });
    const err = await client(STAGING)
      .documents.text(pdf(2), { poll: { intervalMs: 5, maxIntervalMs: 5, timeoutMs: 60 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).code).toBe('LimitExceededException');
    expect(callsTo(emu, 'StartDocumentTextDetection').length).toBeGreaterThan(1);
  });
});
