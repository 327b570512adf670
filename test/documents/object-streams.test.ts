import { ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/**
 * A PDF 1.5+ whose page objects are compressed in an object stream (`/Type /ObjStm`): no page object
 * can be counted without inflating the stream. The emulator counts what it sees, as aws-ai does.
 */
function compressedPdf(): Uint8Array {
  return new TextEncoder().encode(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '5 0 obj\n<< /Type /ObjStm /N 3 /First 20 /Filter /FlateDecode /Length 8 >>\nstream\n\u0078\u009c\u0003\u0000\u0000\u0000\u0000\u0001\nendstream\nendobj\n%%EOF\n',
  );
}

/** docs/documents.md: "A PDF whose pages are hidden in compressed object streams goes to a job when staging is configured." */
describe('documents: a PDF whose pages hide in compressed object streams', () => {
  it('goes to a job on S3 when staging is configured (its page count is unknown)', async () => {
    const doc = await client({ staging: { bucket: 'stage' } }).documents.text(compressedPdf(), {
      pollIntervalMs: 1,
      maxPollIntervalMs: 2,
    });
    expect(doc.run?.mode).toBe('async');
    expect(callsTo(emu, 'StartDocumentTextDetection')).toHaveLength(1);
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(0);
  });

  it('goes sync without staging (the one way it can run), and forced async it asks for staging', async () => {
    const doc = await client().documents.text(compressedPdf());
    expect(doc.run?.mode).toBe('sync');
    const err = await client()
      .documents.text(compressedPdf(), { mode: 'async' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/staging/);
  });
});
