import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortError, StreamError, TimeoutError, ValidationError } from 'aws-ai/knowledge';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { dig } from './dig';

const { emu, client } = await useEmulator();
const KB = 'KB12345678';
const model = 'amazon.nova-lite-v1:0';

const DOCS = [
  {
    id: 'vacation',
    text: 'Employees get 25 vacation days per year 🌴. Unused vacation days expire in March.',
    metadata: { department: 'hr', year: 2025 },
  },
  {
    id: 'parental',
    text: 'Parental leave lasts 16 weeks. Parents may split parental leave.',
    metadata: { department: 'hr', year: 2023 },
  },
  {
    id: 'laptops',
    text: 'Laptops are replaced every three years. Request a laptop through the IT portal.',
    metadata: { department: 'it', year: 2024 },
  },
];

describe('knowledge.ask', () => {
  it('answers with citations whose spans point into the text (UTF-16, non-BMP text before them)', async () => {
    emu.knowledgeBase(KB, DOCS);
    const answer = await client().knowledge.ask('How many vacation days 🌴 do I get?', {
      knowledgeBaseId: KB,
      model,
    });
    expect(
      answer.text.startsWith('Emulated answer to "How many vacation days 🌴 do I get?":'),
    ).toBe(true);
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    for (const c of answer.citations) {
      expect(answer.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.references).toHaveLength(1);
      expect(c.references[0]?.text).toContain(c.text);
    }
    expect(answer.citations[0]?.text).toBe('Employees get 25 vacation days per year 🌴.');
    expect(answer.citations[0]?.references[0]?.location).toEqual({
      kind: 's3',
      uri: 's3://emulated-kb-kb12345678/vacation.txt',
    });
    expect(answer.citations.map((c) => c.start)).toEqual(
      [...answer.citations.map((c) => c.start)].sort((a, b) => a - b),
    );
    expect(answer.sessionId).toMatch(/^emulated-session-/);
    expect(answer.requestId).toBe(callsTo(emu, 'RetrieveAndGenerate')[0]?.requestId);
  });

  it('passes the filter, topK, session, template, guardrail and inference to AWS', async () => {
    emu.knowledgeBase(KB, DOCS);
    const answer = await client().knowledge.ask('laptops', {
      knowledgeBaseId: KB,
      model,
      sessionId: 'my-session.1',
      topK: 1,
      filter: { equals: { key: 'department', value: 'it' } },
      promptTemplate: 'Answer from $search_results$',
      guardrail: { id: 'gr1abc', version: 'DRAFT' },
      inference: { maxTokens: 200, temperature: 0.2 },
    });
    expect(answer.sessionId).toBe('my-session.1');
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.references[0]?.metadata.department).toBe('it');
    const sent = callsTo(emu, 'RetrieveAndGenerate')[0]?.input;
    const cfg = dig(sent, 'retrieveAndGenerateConfiguration', 'knowledgeBaseConfiguration');
    expect(cfg).toMatchObject({
      knowledgeBaseId: KB,
      modelArn: model,
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          numberOfResults: 1,
          filter: { equals: { key: 'department', value: 'it' } },
        },
      },
      generationConfiguration: {
        promptTemplate: { textPromptTemplate: 'Answer from $search_results$' },
        guardrailConfiguration: { guardrailId: 'gr1abc', guardrailVersion: 'DRAFT' },
        inferenceConfig: { textInferenceConfig: { maxTokens: 200, temperature: 0.2 } },
      },
    });
  });

  it('answers from a document passed as a file path (EXTERNAL_SOURCES, bytes inline)', async () => {
    const path = join(tmpdir(), `aws-ai-kb-${process.pid}.txt`);
    writeFileSync(path, 'The office opens at 8am. The cafeteria closes at 3pm.');
    const answer = await client().knowledge.ask('When does the cafeteria close?', {
      sources: { document: path },
      model,
    });
    expect(answer.citations.map((c) => c.text)).toContain('The cafeteria closes at 3pm.');
    const sent = callsTo(emu, 'RetrieveAndGenerate')[0]?.input;
    const source = dig(
      sent,
      'retrieveAndGenerateConfiguration',
      'externalSourcesConfiguration',
      'sources',
      0,
    );
    expect(source).toMatchObject({
      sourceType: 'BYTE_CONTENT',
      byteContent: { identifier: `aws-ai-kb-${process.pid}.txt`, contentType: 'text/plain' },
    });
  });

  it('an inline document is sent as application/pdf when it is a PDF, else text/plain (the contentType default)', async () => {
    const sentType = () =>
      dig(
        callsTo(emu, 'RetrieveAndGenerate').at(-1)?.input,
        'retrieveAndGenerateConfiguration',
        'externalSourcesConfiguration',
        'sources',
        0,
        'byteContent',
        'contentType',
      );
    const ask = (bytes: string) =>
      client().knowledge.ask('When does the cafeteria close?', {
        sources: { document: new TextEncoder().encode(bytes) },
        model,
      });
    await ask('%PDF-1.4 The cafeteria closes at 3pm.');
    expect(sentType()).toBe('application/pdf');
    await ask('The cafeteria closes at 3pm.');
    expect(sentType()).toBe('text/plain');
  });

  it('refuses bad input before any request', async () => {
    const kb = client().knowledge;
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [kb.ask('x'.repeat(1001), { knowledgeBaseId: KB, model }), /at most 1,000/],
      [kb.ask('q', { model } as never), /exactly one of knowledgeBaseId/],
      [
        kb.ask('q', {
          knowledgeBaseId: KB,
          sources: { document: new Uint8Array([1]) },
          model,
        } as never),
        /exactly one/,
      ],
      [
        kb.ask('q', {
          sources: [{ document: new Uint8Array([1]) }, { document: new Uint8Array([2]) }],
          model,
        }),
        /exactly 1 external source/,
      ],
      [kb.ask('q', { knowledgeBaseId: KB, model: 'Not A Model!' }), /not a Bedrock model id/],
      [kb.ask('q', { knowledgeBaseId: KB, model, sessionId: 'x' }), /sessionId/],
      [kb.ask('q', { knowledgeBaseId: KB, model, inference: { temperature: 2 } }), /temperature/],
      [
        kb.ask('q', { knowledgeBaseId: KB, model, promptTemplate: 'p'.repeat(4001) }),
        /at most 4000/,
      ],
      // S3Uri is at most 1,024 characters; this one matched the pattern and was sent.
      [
        kb.ask('q', { sources: { document: `s3://bucket/${'k'.repeat(1_020)}` }, model }),
        /S3 URI of 1032 characters; AWS takes at most 1,024/,
      ],
      [
        kb.ask('q', { sources: { document: new Uint8Array(10_485_761) }, model }),
        /10485760|10,485,760|too large|exceeds|limit/i,
      ],
    ];
    for (const [call, message] of cases) {
      const err = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, String(message)).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('knowledge.askStream', () => {
  it('streams text deltas and citation events; the final answer equals ask()', async () => {
    emu.knowledgeBase(KB, DOCS);
    const q = 'vacation days, parental leave and laptops';
    const stream = client().knowledge.askStream(q, { knowledgeBaseId: KB, model });
    const events = await stream.collect();
    const deltas = events.filter((e) => e.type === 'text-delta');
    const cites = events.filter((e) => e.type === 'citation');
    expect(deltas.length).toBeGreaterThan(5);
    expect(cites).toHaveLength(3);
    const final = await stream.finalMessage();
    expect(final.text).toBe(deltas.map((d) => (d.type === 'text-delta' ? d.text : '')).join(''));
    const whole = await client().knowledge.ask(q, { knowledgeBaseId: KB, model });
    expect(final.text).toBe(whole.text);
    expect(final.citations.map((c) => [c.start, c.end])).toEqual(
      whole.citations.map((c) => [c.start, c.end]),
    );
    for (const c of final.citations) expect(final.text.slice(c.start, c.end)).toBe(c.text);
    expect(final.sessionId).toMatch(/^emulated-session-/);
    expect(callsTo(emu, 'RetrieveAndGenerateStream')[0]?.httpVersion).toBe('2.0');
  });

  it('a throttling exception mid-stream rejects every reader with a StreamError (cause ThrottlingError)', async () => {
    emu.knowledgeBase(KB, DOCS);
    emu.fault({
      service: 'bedrock-agent-runtime',
      operation: 'RetrieveAndGenerateStream',
      kind: 'stream-error',
      code: 'ThrottlingException',
      afterEvents: 3,
    });
    const stream = client().knowledge.askStream('vacation days', { knowledgeBaseId: KB, model });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({
      code: 'ThrottlingException',
      retryable: true,
      operation: 'RetrieveAndGenerateStream',
    });
    expect((err as StreamError).cause).toMatchObject({ name: 'ThrottlingError' });
    await expect(stream.finalMessage()).rejects.toBe(err);
    await expect(stream.text).rejects.toBe(err);
  });

  it('abort mid-stream rejects the reader and finalMessage with AbortError', async () => {
    emu.knowledgeBase(KB, DOCS);
    const stream = client().knowledge.askStream('vacation days', { knowledgeBaseId: KB, model });
    const err = await (async () => {
      for await (const e of stream) if (e.type === 'text-delta') stream.abort();
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
  });

  it('idle timeout and deadline end the stream with StreamError(IdleTimeout) / TimeoutError', async () => {
    emu.knowledgeBase(KB, DOCS);
    emu.fault({ service: 'bedrock-agent-runtime', kind: 'delay', delayMs: 400 });
    const idle = client().knowledge.askStream('vacation', {
      knowledgeBaseId: KB,
      model,
      idleTimeoutMs: 100,
    });
    await expect(idle.text).rejects.toMatchObject({ name: 'StreamError', code: 'IdleTimeout' });
    const late = client().knowledge.askStream('vacation', {
      knowledgeBaseId: KB,
      model,
      timeoutMs: 100,
    });
    const err = await late.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });
});

describe('knowledge.rerank', () => {
  it('returns { index, score, document } best first, keeping input indexes', async () => {
    const docs = [
      'The cafeteria serves lunch at noon.',
      'Vacation days: employees get 25 vacation days.',
      { title: 'Laptop policy', body: 'laptops every three years' },
      'Unused vacation days expire in March.',
    ];
    const ranked = await client().knowledge.rerank('vacation days', docs, {
      model: 'amazon.rerank-v1:0',
      topN: 2,
    });
    expect(ranked.map((r) => r.index)).toEqual([1, 3]);
    expect(ranked[0]?.document).toBe(docs[1]);
    expect(ranked[0]?.score).toBeGreaterThanOrEqual(ranked[1]?.score ?? 0);
    const sent = callsTo(emu, 'Rerank')[0]?.input;
    expect(dig(sent, 'sources', 2)).toEqual({
      type: 'INLINE',
      inlineDocumentSource: { type: 'JSON', jsonDocument: docs[2] },
    });
  });

  it('splits more than 1,000 documents into calls of 1,000 and merges by score', async () => {
    const docs = Array.from({ length: 2_100 }, (_, i) =>
      i === 1_700 ? 'refund policy: refunds within 30 days' : `unrelated note number ${i}`,
    );
    const ranked = await client().knowledge.rerank('refund policy', docs, {
      model: 'amazon.rerank-v1:0',
      topN: 3,
    });
    expect(ranked[0]).toMatchObject({ index: 1_700, document: docs[1_700] });
    const calls = callsTo(emu, 'Rerank');
    expect(calls.map((c) => (c.input.sources as unknown[]).length)).toEqual([1000, 1000, 100]);
  });

  it('refuses bad input before any request', async () => {
    const kb = client().knowledge;
    await expect(kb.rerank('q', [], { model: 'amazon.rerank-v1:0' })).rejects.toThrow(
      /non-empty array/,
    );
    await expect(
      kb.rerank('q', ['x'.repeat(32_001)], { model: 'amazon.rerank-v1:0' }),
    ).rejects.toThrow(/32,000/);
    await expect(kb.rerank('', ['a'], { model: 'amazon.rerank-v1:0' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
