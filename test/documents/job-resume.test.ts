import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type JobStatus, ValidationError } from 'aws-ai';
import type { DocumentModel, ExpenseModel, LendingModel } from 'aws-ai/documents';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { pdf } from './helpers';

const { emu, client } = await useEmulator();
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 };
const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } };
const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
afterAll(() => s3.destroy());
const put = (bucket: string, key: string, body: Uint8Array) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

/** The ref as another process gets it: through JSON text. */
const shipped = (ref: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(ref)));

/** A model with its job id replaced, to compare two runs of one document. */
const withJobId = <T extends { run?: unknown }>(model: T | undefined, jobId: string) =>
  JSON.parse(JSON.stringify(model).replaceAll(/emulated-(lending-)?job-[\w-]+/g, jobId));

describe('documents.start*: the one Job type', () => {
  it('startAnalysis: start -> ref -> JSON -> ai.jobs.resume -> the model documents.analyze returns', async () => {
    const params = { forms: true, tables: true } as const;
    const job = await client(STAGING).documents.startAnalysis(pdf(3), params);
    expect(job.ref).toEqual({ kind: 'textract', id: job.id, api: 'StartDocumentAnalysis' });
    expect(job.stagedUri).toMatch(/^s3:\/\/staging\/docs\/.+\.pdf$/);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(0);
    expect(job.cancel).toBeUndefined();
    const [direct] = await job.result(FAST);
    const [again] = await client().jobs.resume<DocumentModel>(shipped(job.ref)).result(FAST);
    expect(again).toEqual(direct);
    expect(direct?.run).toEqual({ mode: 'async', jobId: job.id });
    expect(direct?.pages).toHaveLength(3);
    const own = await client(STAGING).documents.analyze(pdf(3), { ...params, ...FAST });
    expect(withJobId(own, 'J')).toEqual(withJobId(direct, 'J'));
  });

  it('startText and startExpense on s3:// objects: always a job, resumable, same models', async () => {
    const ai = client();
    await put('scans', 'one-page.pdf', pdf(1));
    await put('invoices', 'march.pdf', pdf(2));
    const text = await ai.documents.startText('s3://scans/one-page.pdf');
    expect(text.ref).toEqual({ kind: 'textract', id: text.id, api: 'StartDocumentTextDetection' });
    expect(text.stagedUri).toBeUndefined();
    const [doc] = await text.result(FAST);
    const [docAgain] = await client().jobs.resume<DocumentModel>(shipped(text.ref)).result(FAST);
    expect(docAgain).toEqual(doc);
    expect(doc?.run?.mode).toBe('async');

    const expense = await ai.documents.startExpense('s3://invoices/march.pdf');
    expect(expense.ref).toMatchObject({ api: 'StartExpenseAnalysis' });
    const [bill] = await expense.result(FAST);
    const [billAgain] = await client().jobs.resume<ExpenseModel>(shipped(expense.ref)).result(FAST);
    expect(billAgain).toEqual(bill);
    expect(bill?.documents.length).toBeGreaterThan(0);
  });

  it('startLending: kind textract.lending, resumable, the model documents.lending returns', async () => {
    const job = await client(STAGING).documents.startLending(pdf(3));
    expect(job.ref).toEqual({ kind: 'textract.lending', id: job.id });
    const [direct] = await job.result(FAST);
    const [again] = await client().jobs.resume<LendingModel>(shipped(job.ref)).result(FAST);
    expect(again).toEqual(direct);
    expect(direct?.kind).toBe('lending');
    expect(direct?.pages.map((p) => p.type)).toEqual([
      'PAYSLIPS',
      'BANK_STATEMENTS',
      'IDENTITY_DOCUMENT',
    ]);
    const own = await client(STAGING).documents.lending(pdf(3), FAST);
    expect(withJobId(own, 'J')).toEqual(withJobId(direct, 'J'));
  });

  it('a failed Lending job rejects with JobFailed and Textract message', async () => {
    emu.handle('textract', 'GetLendingAnalysis', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'Unsupported document',
    }));
    const job = client().jobs.resume({ kind: 'textract.lending', id: 'lending-1' });
    expect(await job.status()).toMatchObject({ state: 'failed', message: 'Unsupported document' });
    await expect(job.result(FAST)).rejects.toMatchObject({
      code: 'JobFailed',
      message: /Unsupported document/,
    });
  });
});

describe('documents poll options: one shape, the old one deprecated', () => {
  it('top-level pollIntervalMs / onProgress (new) and poll: { intervalMs, onPoll } (deprecated) both poll', async () => {
    const seen: JobStatus[] = [];
    const a = await client(STAGING).documents.text(pdf(2), {
      ...FAST,
      onProgress: (s) => seen.push(s),
    });
    expect(a.run?.mode).toBe('async');
    expect(seen.map((s) => [s.id, s.state, s.awsStatus])).toEqual([
      [a.run?.jobId, 'in-progress', 'IN_PROGRESS'],
    ]);
    const polls: string[] = [];
    const b = await client(STAGING).documents.text(pdf(2), {
      poll: { intervalMs: 1, onPoll: (info) => polls.push(`${info.attempt}:${info.status}`) },
    });
    expect(polls).toEqual(['1:IN_PROGRESS']);
    expect(withJobId(b, 'J')).toEqual(withJobId(a, 'J'));
  });

  it('lending takes the new names too', async () => {
    const seen: string[] = [];
    await client(STAGING).documents.lending(pdf(3), {
      ...FAST,
      onProgress: (s) => seen.push(s.state),
    });
    expect(seen).toEqual(['in-progress']);
  });

  it('bad poll options (new or deprecated) are ValidationErrors before any upload or request', async () => {
    const docs = client(STAGING).documents;
    for (const [run, name] of [
      [() => docs.text(pdf(2), { pollIntervalMs: 0 }), /pollIntervalMs/],
      [() => docs.analyze(pdf(2), { tables: true, maxPollIntervalMs: -1 }), /maxPollIntervalMs/],
      [() => docs.expense(pdf(2), { onProgress: 'log' as never }), /onProgress/],
      [() => docs.lending(pdf(2), { poll: { intervalMs: -1 } }), /poll\.intervalMs/],
      [() => docs.startText(pdf(2), { pollIntervalMs: Number.NaN }), /pollIntervalMs/],
      [() => docs.startAnalysis(pdf(2), { tables: true, poll: { onPoll: 3 as never } }), /onPoll/],
      [() => docs.startText(pdf(2), { mode: 'sync' }), /leave mode out/],
      [() => docs.startAnalysis(pdf(2), {}), /feature/],
    ] as const) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).toMatch(name);
    }
    await put('scans', 'a.pdf', pdf(2));
    const job = await client().documents.startText('s3://scans/a.pdf');
    const calls = emu.calls.length;
    await expect(job.wait({ pollIntervalMs: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(job.result({ intervalMs: -1 } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(calls);
    expect(callsTo(emu, 'PutObject')).toHaveLength(1); // the test's own object
  });
});
