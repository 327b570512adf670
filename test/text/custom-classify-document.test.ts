import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassifyDocumentCommand, ComprehendClient } from '@aws-sdk/client-comprehend';
import { ValidationError } from 'aws-ai';
import { COMPREHEND_DOCUMENT_MAX_BYTES } from 'aws-ai/text';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const CLASSIFIER = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
const LABELS =
  'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/topic-labels';
const RECOGNIZER = 'arn:aws:comprehend:us-east-1:123456789012:entity-recognizer-endpoint/products';

/** A minimal PDF whose pages show `lines` with `Tj` (uncompressed, as a text-based PDF writer makes). */
function pdf(lines: readonly string[], pages = 1): Uint8Array {
  const content = lines.map((line, i) => `BT 72 ${720 - i * 20} Td (${line}) Tj ET`).join('\n');
  const pageObjects = Array.from(
    { length: pages },
    (_, i) => `${4 + i} 0 obj << /Type /Page /Parent 2 0 R /Contents 3 0 R >> endobj`,
  );
  const kids = pageObjects.map((_, i) => `${4 + i} 0 R`).join(' ');
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
    `3 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj`,
    ...pageObjects,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return new TextEncoder().encode(body);
}

/** A PNG signature and a `tEXt` chunk carrying `text` (no pixels: the emulator reads the text). */
function png(text: string): Uint8Array<ArrayBuffer> {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const chunk = new TextEncoder().encode(`\u0000\u0000\u0000\u0020tEXtComment\u0000${text}`);
  return new Uint8Array([...signature, ...chunk]);
}

/** A TIFF with `pages` empty IFDs chained from the header. */
function tiff(pages: number): Uint8Array {
  const bytes = new Uint8Array(8 + pages * 6);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, 8, true);
  for (let i = 0; i < pages; i++) {
    const at = 8 + i * 6;
    view.setUint16(at, 0, true);
    view.setUint32(at + 2, i === pages - 1 ? 0 : at + 6, true);
  }
  return bytes;
}

describe('text.classify with a document (ClassifyDocument Bytes)', () => {
  it('classifies a one-page PDF from its bytes, with what Comprehend read', async () => {
    const document = pdf(['Invoice 2291', 'You charged my card twice, please refund']);
    const result = await client().text.classify(document, { endpoint: CLASSIFIER });
    expect(result.classes[0]).toEqual({ name: 'BILLING', score: 1 });
    expect(result.labels).toEqual([]);
    expect(result.document).toEqual({
      type: 'NATIVE_PDF',
      pages: 1,
      characters: [52],
      errors: [],
      warnings: [],
    });
    const calls = callsTo(emu, 'ClassifyDocument');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input.EndpointArn).toBe(CLASSIFIER);
    expect(calls[0]?.input.Text).toBeUndefined();
    expect(Buffer.from(calls[0]?.input.Bytes as Uint8Array).equals(Buffer.from(document))).toBe(
      true,
    );
    expect(calls[0]?.input.DocumentReaderConfig).toBeUndefined();
  });

  it('reads a path and sends the reader settings as DocumentReaderConfig', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-ai-classify-'));
    const path = join(dir, 'ticket.pdf');
    await writeFile(path, pdf(['The parcel was never delivered', 'tracking shows nothing']));
    const { labels, document } = await client().text.classify(
      { path },
      { endpoint: LABELS, reader: { action: 'analyze-document', features: ['tables', 'forms'] } },
    );
    expect(labels).toEqual([{ name: 'SHIPPING', score: 1 }]);
    expect(document.type).toBe('NATIVE_PDF');
    expect(callsTo(emu, 'ClassifyDocument')[0]?.input.DocumentReaderConfig).toEqual({
      DocumentReadAction: 'TEXTRACT_ANALYZE_DOCUMENT',
      FeatureTypes: ['TABLES', 'FORMS'],
    });
  });

  it('classifies an image from a Blob, forcing the read action on PDFs when asked', async () => {
    const image = new Blob([png('the app shows an error after login')]);
    const result = await client().text.classify(image, {
      endpoint: CLASSIFIER,
      reader: { action: 'detect-text', forcePdf: true },
    });
    expect(result.classes[0]).toEqual({ name: 'TECHNICAL', score: 1 });
    expect(result.document.type).toBe('IMAGE');
    expect(callsTo(emu, 'ClassifyDocument')[0]?.input.DocumentReaderConfig).toEqual({
      DocumentReadAction: 'TEXTRACT_DETECT_DOCUMENT_TEXT',
      DocumentReadMode: 'FORCE_DOCUMENT_READ_ACTION',
    });
  });

  it.each([
    [
      'a document over 10 MB',
      () => {
        const big = new Uint8Array(COMPREHEND_DOCUMENT_MAX_BYTES + 1);
        big.set(new TextEncoder().encode('%PDF-1.4'));
        return big;
      },
      {},
      /10000000|10,000,000/,
    ],
    ['a GIF', () => new TextEncoder().encode('GIF89a....'), {}, /PDF, PNG, JPEG or TIFF/],
    ['a two-page PDF', () => pdf(['page'], 2), {}, /2 pages/],
    ['a two-page TIFF', () => tiff(2), {}, /2 pages/],
    [
      'analyze-document without features',
      () => pdf(['x']),
      { reader: { action: 'analyze-document' } },
      /features/,
    ],
    [
      'features with detect-text',
      () => pdf(['x']),
      { reader: { action: 'detect-text', features: ['tables'] } },
      /features/,
    ],
    ['an unknown read action', () => pdf(['x']), { reader: { action: 'ocr' } }, /action/],
    ['a recognizer endpoint', () => pdf(['x']), { endpoint: RECOGNIZER }, /document-classifier/],
    ['a language', () => pdf(['x']), { language: 'en' }, /language/],
    ['an S3 path', () => ({ path: 's3://docs/ticket.pdf' }), {}, /not an S3 URI/],
    ['a missing file', () => ({ path: '/nonexistent/aws-ai/ticket.pdf' }), {}, /ticket\.pdf/],
    ['an empty document', () => new Uint8Array(0), {}, /empty/],
  ] as const)('refuses %s before any request', async (_, input, extra, message) => {
    const error = await client()
      .text.classify(input() as never, { endpoint: CLASSIFIER, ...extra } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('text.entities with a document (DetectEntities Bytes on a custom recognizer)', () => {
  it('finds entities per block with offsets into the block text; types filter', async () => {
    const document = pdf(['Order AB-1234 arrived broken', 'Please replace #urgent']);
    const result = await client().text.entities(document, { endpoint: RECOGNIZER });
    expect(result.blocks).toEqual([
      { id: 'line-1', type: 'LINE', text: 'Order AB-1234 arrived broken', page: 1 },
      { id: 'line-2', type: 'LINE', text: 'Please replace #urgent', page: 1 },
    ]);
    expect(result.entities).toEqual([
      {
        text: 'AB-1234',
        type: 'PRODUCT_CODE',
        score: 0.97,
        at: [{ blockId: 'line-1', start: 6, end: 13 }],
      },
      {
        text: '#urgent',
        type: 'TAG',
        score: 0.97,
        at: [{ blockId: 'line-2', start: 15, end: 22 }],
      },
    ]);
    for (const entity of result.entities) {
      const place = entity.at[0];
      const block = result.blocks.find((b) => b.id === place?.blockId);
      expect(block?.text.slice(place?.start, place?.end)).toBe(entity.text);
    }
    expect(result.document).toMatchObject({ type: 'NATIVE_PDF', pages: 1 });
    const call = callsTo(emu, 'DetectEntities')[0];
    expect(call?.input.EndpointArn).toBe(RECOGNIZER);
    expect(call?.input.Text).toBeUndefined();
    expect(call?.input.LanguageCode).toBeUndefined();

    const tags = await client().text.entities(document, { endpoint: RECOGNIZER, types: ['TAG'] });
    expect(tags.entities.map((e) => e.text)).toEqual(['#urgent']);
  });

  it('refuses a classifier endpoint, bad types and a two-page PDF before any request', async () => {
    const bad = [
      client().text.entities(pdf(['x']), { endpoint: CLASSIFIER }),
      client().text.entities(pdf(['x']), { endpoint: RECOGNIZER, types: [] }),
      client().text.entities(pdf(['x'], 2), { endpoint: RECOGNIZER }),
    ];
    for (const pending of bad) await expect(pending).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('emulator: ClassifyDocument Bytes checked as Comprehend does', () => {
  const comprehend = () => new ComprehendClient({ ...emu.config, maxAttempts: 1 });

  it.each([
    ['a two-page PDF', { Bytes: pdf(['x'], 2) }, 'PAGE_LIMIT_EXCEEDED'],
    ['an unsupported type', { Bytes: new TextEncoder().encode('GIF89a') }, 'UNSUPPORTED_DOC_TYPE'],
  ])('answers %s with InvalidRequestException and its reason', async (_, input, reason) => {
    const error = await comprehend()
      .send(new ClassifyDocumentCommand({ EndpointArn: CLASSIFIER, ...input }))
      .catch((e: unknown) => e);
    expect((error as { name: string }).name).toBe('InvalidRequestException');
    expect((error as { Detail?: { Reason?: string } }).Detail?.Reason).toBe(reason);
  });

  it('refuses Text and Bytes together', async () => {
    const error = await comprehend()
      .send(new ClassifyDocumentCommand({ EndpointArn: CLASSIFIER, Text: 'x', Bytes: pdf(['x']) }))
      .catch((e: unknown) => e);
    expect((error as { name: string }).name).toBe('InvalidRequestException');
  });
});
