/** Minimal, structurally valid documents for the emulator (which reads magic bytes and page objects). */

/** A PDF with `pages` uncompressed page objects. */
export function pdf(pages: number): Uint8Array {
  const objects = Array.from(
    { length: pages },
    (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n`,
  ).join('');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n` +
      `2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n${objects}%%EOF\n`,
  );
}

/** A little-endian TIFF with `pages` empty IFDs chained. */
export function tiff(pages: number): Uint8Array {
  const bytes = new Uint8Array(8 + pages * 6);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, 8, true);
  for (let i = 0; i < pages; i++) {
    const at = 8 + i * 6;
    view.setUint16(at, 0, true);
    view.setUint32(at + 2, i + 1 < pages ? at + 6 : 0, true);
  }
  return bytes;
}

/** PNG signature, filler and an IEND chunk at the end: enough for format sniffing and the end check. */
export function png(size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  bytes.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], size - 12);
  return bytes;
}
