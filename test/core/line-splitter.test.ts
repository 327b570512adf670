import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/core/line-splitter';

const encode = (text: string) => new TextEncoder().encode(text);

/** The lines of `bytes` fed to one splitter in pieces of `size` bytes. */
function split(bytes: Uint8Array, size: number): string[] {
  const lines = new LineSplitter();
  const out: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += size) {
    out.push(...lines.push(bytes.subarray(at, at + size)));
  }
  return [...out, ...lines.end()];
}

describe('LineSplitter', () => {
  it('splits on \\n and \\r\\n, keeps empty lines, yields a last line without a newline', () => {
    const bytes = encode('one\r\ntwo\n\nthree');
    for (const size of [1, 2, 3, 5, bytes.byteLength]) {
      expect(split(bytes, size), `pieces of ${size}`).toEqual(['one', 'two', '', 'three']);
    }
  });

  it('decodes a character split across pieces whole', () => {
    const bytes = encode('café 🎉\nnaïve');
    for (let size = 1; size <= bytes.byteLength; size++) {
      expect(split(bytes, size), `pieces of ${size}`).toEqual(['café 🎉', 'naïve']);
    }
  });

  it('a newline at the very end adds no empty line; a line waits for its newline', () => {
    const lines = new LineSplitter();
    expect(lines.push(encode('{"a":'))).toEqual([]);
    expect(lines.push(encode('1}\n'))).toEqual(['{"a":1}']);
    expect(lines.end()).toEqual([]);
  });
});
