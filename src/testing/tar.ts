/** A ustar archive of regular files (no directories, names up to 100 bytes), as job outputs are. */
export function tar(files: ReadonlyArray<{ name: string; data: Uint8Array }>): Uint8Array {
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    const header = new Uint8Array(512);
    const put = (at: number, value: string) => header.set(encoder.encode(value), at);
    put(0, file.name.slice(0, 100));
    put(100, '0000644\0');
    put(108, '0000000\0');
    put(116, '0000000\0');
    put(124, `${file.data.byteLength.toString(8).padStart(11, '0')}\0`);
    put(136, '00000000000\0');
    header.fill(0x20, 148, 156);
    put(156, '0');
    put(257, 'ustar\x0000');
    let sum = 0;
    for (const byte of header) sum += byte;
    put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, file.data, new Uint8Array((512 - (file.data.byteLength % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const block of blocks) {
    out.set(block, at);
    at += block.byteLength;
  }
  return out;
}
