import { describe, expect, it } from 'vitest';
import { tar } from '../../src/testing/tar';
import { TarReader } from '../../src/text/untar';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

/** The regular files of an archive fed whole. */
function untar(archive: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const files: Array<{ name: string; data: Uint8Array }> = [];
  let pieces: Uint8Array[] = [];
  const reader = new TarReader({
    data: (_, piece) => pieces.push(piece.slice()),
    end: (name) => {
      files.push({ name, data: new Uint8Array(pieces.flatMap((p) => [...p])) });
      pieces = [];
    },
  });
  reader.push(archive);
  reader.end();
  return files;
}

/** Changes an entry's type flag and fixes its checksum, to build pax and GNU headers. */
function retype(archive: Uint8Array, headerAt: number, type: string): void {
  const header = archive.subarray(headerAt, headerAt + 512);
  header[156] = type.charCodeAt(0);
  header.fill(0x20, 148, 156);
  const sum = header.reduce((n, b) => n + b, 0);
  header.set(bytes(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
}

describe('untar', () => {
  it('reads the regular files of a ustar archive in order', () => {
    const archive = tar([
      { name: 'output', data: bytes('{"File":"a"}\n') },
      { name: 'empty', data: new Uint8Array() },
      { name: 'big', data: new Uint8Array(1500).fill(7) },
    ]);
    const entries = untar(archive);
    expect(entries.map((e) => [e.name, e.data.byteLength])).toEqual([
      ['output', 13],
      ['empty', 0],
      ['big', 1500],
    ]);
    expect(text(entries[0]?.data)).toBe('{"File":"a"}\n');
    expect(entries[2]?.data.every((b) => b === 7)).toBe(true);
  });

  it('takes long names from a pax header and from a GNU long-name entry', () => {
    const long = `${'deep/'.repeat(30)}output`;
    const pax = bytes(`${long.length + 10} path=${long}\n`);
    const archive = tar([
      { name: 'PaxHeader', data: pax },
      { name: 'short-1', data: bytes('one') },
      { name: '././@LongLink', data: bytes(`${long}-gnu\0`) },
      { name: 'short-2', data: bytes('two') },
    ]);
    retype(archive, 0, 'x');
    retype(archive, 512 * 4, 'L');
    expect(untar(archive).map((e) => [e.name, text(e.data)])).toEqual([
      [long, 'one'],
      [`${long}-gnu`, 'two'],
    ]);
  });

  it('refuses a corrupt header or a truncated entry with MalformedOutput', () => {
    const archive = tar([{ name: 'output', data: bytes('x'.repeat(600)) }]);
    const corrupt = archive.slice();
    corrupt[0] = 0x41;
    expect(() => untar(corrupt)).toThrow(expect.objectContaining({ code: 'MalformedOutput' }));
    expect(() => untar(archive.subarray(0, 700))).toThrow(/runs past the end/);
  });

  it('fed in pieces of any size: the same files, handed on piece by piece', () => {
    const long = `${'deep/'.repeat(30)}output`;
    const archive = tar([
      { name: 'PaxHeader', data: bytes(`${long.length + 10} path=${long}\n`) },
      { name: 'short', data: bytes('x'.repeat(700)) },
      { name: 'empty', data: new Uint8Array() },
      { name: 'output', data: bytes('{"File":"a"}\n{"File":"b"}\n') },
    ]);
    retype(archive, 0, 'x');
    const whole = untar(archive).map((e) => [e.name, text(e.data)]);
    expect(whole.map(([name]) => name)).toEqual([long, 'empty', 'output']);
    for (const size of [1, 7, 511, 512, 513, 1000, archive.byteLength]) {
      const files: Array<[string, string]> = [];
      let current = '';
      let pieces = 0;
      const reader = new TarReader({
        data: (_, piece) => {
          current += text(piece);
          pieces++;
        },
        end: (name) => {
          files.push([name, current]);
          current = '';
        },
      });
      for (let at = 0; at < archive.byteLength; at += size) {
        reader.push(archive.subarray(at, at + size));
      }
      reader.end();
      expect(files, `pieces of ${size}`).toEqual(whole);
      // Handed on as it arrives, not gathered: one piece per input piece a file's data touches.
      if (size === 1) expect(pieces).toBe(700 + 26);
    }
  });

  it('an archive cut inside a header or an entry is MalformedOutput when it ends', () => {
    const archive = tar([{ name: 'output', data: bytes('x'.repeat(600)) }]);
    for (const cut of [100, 700]) {
      const reader = new TarReader({ data: () => {}, end: () => {} });
      reader.push(archive.subarray(0, cut));
      expect(() => reader.end()).toThrow(expect.objectContaining({ code: 'MalformedOutput' }));
    }
  });
});
