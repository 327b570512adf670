import { AwsAI } from 'aws-ai';
import {
  AbortError,
  analyze,
  createDocumentsClient,
  Documents,
  expense,
  identity,
  TimeoutError,
  text,
  ValidationError,
} from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { pdf, png, tiff } from '../documents/helpers';
import { callsTo, FAST_RETRY, functionAndMethod, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } };
const FAST_POLL = { poll: { intervalMs: 1, maxIntervalMs: 2 } };
const config = { ...emu.config, retry: FAST_RETRY, ...STAGING };
const client = () => createDocumentsClient(config);

/** The Textract SDK clients cached in a module's context (the cache the functions must share). */
async function textractClientsOf(owner: object): Promise<unknown[]> {
  const { shared } = (owner as unknown as { ctx: { shared: { clients: Map<string, unknown> } } })
    .ctx;
  const entries = [...shared.clients].filter(([key]) => key.startsWith('textract|'));
  return Promise.all(
    entries.map(async ([, loaded]) => ((await loaded) as { client: unknown }).client),
  );
}

// A job's id differs from one run to the next; everything else must match.
const withoutJobId = <T extends { run?: unknown }>(model: T) => ({
  ...model,
  run: { ...(model.run as object), jobId: 'job' },
});

describe('aws-ai/documents per-operation functions', () => {
  it('answer like the Documents methods, with the same requests: text, analyze, expense, identity', async () => {
    const documents = client();
    const module = new Documents(config);

    const read = await functionAndMethod(
      emu,
      () => text(documents, png()),
      () => module.text(png()),
    );
    expect(read.fn).toEqual(read.method);
    expect(read.fn.text).toBe('Emulated Textract page 1\nRead from a 64-byte png');
    expect(read.fnCalls).toEqual({ DetectDocumentText: 1 });
    expect(read.methodCalls).toEqual(read.fnCalls);

    const features = {
      tables: true,
      forms: true,
      queries: [{ text: 'Who signed?', alias: 'signer' }],
    };
    const analyzed = await functionAndMethod(
      emu,
      () => analyze(documents, pdf(1), features),
      () => module.analyze(pdf(1), features),
    );
    expect(analyzed.fn).toEqual(analyzed.method);
    expect(analyzed.fn.tables[0]?.toArray()).toEqual([
      ['Item', 'Price'],
      ['Coffee', '3.50'],
    ]);
    expect(analyzed.fn.query('signer')?.answer).toBe('Emulated answer to: Who signed?');
    expect(analyzed.fnCalls).toEqual({ AnalyzeDocument: 1 });
    expect(analyzed.methodCalls).toEqual(analyzed.fnCalls);

    const invoice = await functionAndMethod(
      emu,
      () => expense(documents, png()),
      () => module.expense(png()),
    );
    expect(invoice.fn).toEqual(invoice.method);
    expect(invoice.fn.documents.length).toBeGreaterThan(0);
    expect(invoice.fnCalls).toEqual({ AnalyzeExpense: 1 });
    expect(invoice.methodCalls).toEqual(invoice.fnCalls);

    const id = await functionAndMethod(
      emu,
      () => identity(documents, [png(), png(80)]),
      () => module.identity([png(), png(80)]),
    );
    expect(id.fn).toEqual(id.method);
    expect(id.fn.documents.length).toBeGreaterThan(0);
    expect(id.fnCalls).toEqual({ AnalyzeID: 1 });
    expect(id.methodCalls).toEqual(id.fnCalls);
  });

  it('run a multi-page document as a staged job, like the methods', async () => {
    const documents = client();
    const module = new Documents(config);

    const read = await functionAndMethod(
      emu,
      () => text(documents, tiff(2), FAST_POLL),
      () => module.text(tiff(2), FAST_POLL),
    );
    expect(read.fn.run?.mode).toBe('async');
    expect(read.fn.pages).toHaveLength(2);
    expect(withoutJobId(read.fn)).toEqual(withoutJobId(read.method));
    expect(read.fnCalls).toMatchObject({
      PutObject: 1,
      StartDocumentTextDetection: 1,
      DeleteObject: 1,
    });
    expect(read.methodCalls).toEqual(read.fnCalls);

    const analyzed = await functionAndMethod(
      emu,
      () => analyze(documents, pdf(3), { forms: true, ...FAST_POLL }),
      () => module.analyze(pdf(3), { forms: true, ...FAST_POLL }),
    );
    expect(analyzed.fn.pageCount).toBe(3);
    expect(withoutJobId(analyzed.fn)).toEqual(withoutJobId(analyzed.method));
    expect(analyzed.fnCalls).toMatchObject({ StartDocumentAnalysis: 1, GetDocumentAnalysis: 4 });
    expect(analyzed.methodCalls).toEqual(analyzed.fnCalls);

    const invoice = await functionAndMethod(
      emu,
      () => expense(documents, pdf(2), FAST_POLL),
      () => module.expense(pdf(2), FAST_POLL),
    );
    expect(invoice.fn.documents.length).toBeGreaterThan(0);
    expect(invoice.fnCalls).toMatchObject({ StartExpenseAnalysis: 1 });
    expect(invoice.methodCalls).toEqual(invoice.fnCalls);
  });

  it('take a Documents module or ai.documents and share its SDK client cache', async () => {
    const module = new Documents(emu.config);
    expect((await text(module, png())).run?.mode).toBe('sync');
    expect((await module.text(png())).run?.mode).toBe('sync');
    const ai = new AwsAI(emu.config);
    expect((await identity(ai.documents, png())).documents).toHaveLength(1);
    expect((await ai.documents.identity(png())).documents).toHaveLength(1);
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(2);
    expect(callsTo(emu, 'AnalyzeID')).toHaveLength(2);
    // One Textract SDK client per owner, whichever of the function or the method made it.
    expect(await textractClientsOf(module)).toHaveLength(1);
    expect(await textractClientsOf(ai.documents)).toHaveLength(1);
    const before = await textractClientsOf(module);
    await expense(module, png());
    expect(await textractClientsOf(module)).toEqual(before);
  });

  it('validate before any request, as the methods do', async () => {
    const documents = client();
    await expect(analyze(documents, png(), {})).rejects.toBeInstanceOf(ValidationError);
    await expect(text(documents, new Uint8Array(0))).rejects.toBeInstanceOf(ValidationError);
    await expect(identity(documents, pdf(2))).rejects.toBeInstanceOf(ValidationError);
    await expect(
      expense(createDocumentsClient(emu.config), pdf(2), FAST_POLL),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(text(documents, png(), { timeoutMs: -1 })).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  it('refuse a first argument that is not a client, before any request', async () => {
    const refused = [
      () => text({} as never, png()),
      () => analyze(null as never, png(), { tables: true }),
      () => expense(emu.config as never, png()),
      () => identity(undefined as never, png()),
      () => text({ ctx: {} } as never, png()),
    ];
    for (const call of refused) await expect(call()).rejects.toBeInstanceOf(ValidationError);
    await expect(text('client' as never, png())).rejects.toThrow(/DocumentsClient/);
    expect(emu.calls).toHaveLength(0);
  });

  it('bound the call with timeoutMs, and stop on abort, like the methods', async () => {
    emu.fault({ service: 'textract', kind: 'delay', delayMs: 600 });
    await expect(text(client(), png(), { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(new Documents(config).text(png(), { timeoutMs: 50 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    await expect(identity(client(), png(), { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const pending = analyze(client(), png(), { tables: true, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await expect(expense(client(), png(), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });

  it('stop polling a job at once when the signal fires', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({ JobStatus: 'IN_PROGRESS' }));
    const controller = new AbortController();
    const pending = text(client(), pdf(2), {
      signal: controller.signal,
      poll: { intervalMs: 60_000, onPoll: () => controller.abort() },
    });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });
});
