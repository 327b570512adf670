// A PDF with one uncompressed page object and more pages in an /ObjStm (an incremental update, a
// hybrid writer): core/page-count.ts counts one visible page, a lower bound, so the document is of
// unknown page count, never sent to the sync API (which refuses multi-page documents) as one page.
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

function hybridPdf(): Uint8Array {
  return new TextEncoder().encode(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n' +
      '5 0 obj\n<< /Type /ObjStm /N 2 /First 12 /Filter /FlateDecode /Length 8 >>\nstream\nxxxxxxxx\nendstream\nendobj\n%%EOF\n',
  );
}

describe('documents: one visible page object and an object stream', () => {
  it('is a document of unknown page count: a job when staging is configured', async () => {
    const doc = await client({ staging: { bucket: 'stage' } }).documents.text(hybridPdf(), {
      pollIntervalMs: 1,
    });
    expect(doc.run?.mode).toBe('async');
    expect(callsTo(emu, 'DetectDocumentText')).toHaveLength(0);
  });
});
