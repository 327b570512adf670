import { describe, expect, it, vi } from 'vitest';
import {
  codePointToUtf16Offset,
  createOffsetMap,
  splitText,
  type TextChunk,
  utf8ByteLength,
  utf8ToUtf16Offset,
  utf16ToCodePointOffset,
  utf16ToUtf8Offset,
} from '../../src/core/chunking';
import { ValidationError } from '../../src/errors';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Every invariant splitText promises, checked on one result. */
function expectValidSplit(text: string, chunks: TextChunk[], maxBytes: number): void {
  expect(chunks.map((c) => c.text).join('')).toBe(text);
  let expectedStart = 0;
  for (const chunk of chunks) {
    expect(chunk.start).toBe(expectedStart);
    expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(bytes(chunk.text)).toBeLessThanOrEqual(maxBytes);
    // Never between the two halves of a surrogate pair.
    const last = chunk.text.charCodeAt(chunk.text.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    expectedStart = chunk.end;
  }
  expect(expectedStart).toBe(text.length);
}

/** Greedy whole-sentence packing over a full segmentation: what splitText must match. */
function referenceSentencePacking(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) {
    if (bytes(segment) > maxBytes) throw new Error('reference only handles sentences that fit');
    if (bytes(current + segment) > maxBytes) {
      pieces.push(current);
      current = segment;
    } else current += segment;
  }
  if (current) pieces.push(current);
  return pieces;
}

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['héllo', 6],
    ['日本', 6],
    ['👋', 4],
    ['e\u0301', 3],
    ['👨‍👩‍👧', 18],
  ])('counts %j as %i bytes, like Buffer.byteLength', (text, expected) => {
    expect(utf8ByteLength(text)).toBe(expected);
    expect(utf8ByteLength(text)).toBe(bytes(text));
  });

  it('counts a lone surrogate as the 3 bytes of U+FFFD', () => {
    expect(utf8ByteLength('a\ud800b')).toBe(5);
    expect(utf8ByteLength('a\udc00')).toBe(bytes('a\udc00'));
  });
});

describe('splitText', () => {
  it('returns [] for an empty string and one piece for text that fits', () => {
    expect(splitText('', 10)).toEqual([]);
    expect(splitText('Hello.', 6)).toEqual([{ text: 'Hello.', start: 0, end: 6 }]);
  });

  it('rejects budgets below 4 bytes and NaN', () => {
    expect(() => splitText('abc', 3)).toThrow(ValidationError);
    expect(() => splitText('abc', Number.NaN)).toThrow(/at least 4/);
  });

  it('rejects an invalid locale with a ValidationError', () => {
    expect(() => splitText('abc', 10, { locale: 'not a locale!' })).toThrow(ValidationError);
  });

  it('builds no Intl.Segmenter for a text under the limit without a locale (cold-start cost)', async () => {
    vi.resetModules();
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    const Original = intl.Segmenter;
    let built = 0;
    intl.Segmenter = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        built++;
      }
    };
    try {
      const fresh = await import('../../src/core/chunking');
      expect(fresh.splitText('Bonjour. Ça va ?', 100)).toEqual([
        { text: 'Bonjour. Ça va ?', start: 0, end: 16 },
      ]);
      expect(built).toBe(0);
      // A cut needs one: the first split over the limit builds it.
      expect(fresh.splitText('One two. Three four five.', 12).length).toBeGreaterThan(1);
      expect(built).toBeGreaterThan(0);
    } finally {
      intl.Segmenter = Original;
    }
  });

  it('packs as many whole sentences as fit', () => {
    const text = 'One two. Three four five. Six. Seven eight nine ten. ';
    const chunks = splitText(text, 27);
    expectValidSplit(text, chunks, 27);
    expect(chunks.map((c) => c.text)).toEqual([
      'One two. Three four five. ',
      'Six. Seven eight nine ten. ',
    ]);
  });

  it('cuts exactly where greedy whole-sentence packing does, on a long multilingual text', () => {
    const sentences = [
      'The quick brown fox jumps over the lazy dog. ',
      'Ça coûte 5 € à Zürich! ',
      '東京は大きい都市です。',
      'Is this 👋🏽 right? ',
      'Ünïcödé ẞ straße. ',
    ];
    let text = '';
    for (let i = 0; i < 400; i++) text += sentences[i % sentences.length];
    for (const maxBytes of [64, 200, 1000, 5000]) {
      const chunks = splitText(text, maxBytes, { locale: 'en' });
      expectValidSplit(text, chunks, maxBytes);
      expect(chunks.map((c) => c.text)).toEqual(referenceSentencePacking(text, maxBytes));
    }
  });

  it('cuts a sentence longer than maxBytes at word boundaries', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta';
    const chunks = splitText(text, 12);
    expectValidSplit(text, chunks, 12);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text.endsWith(' ')).toBe(true);
    expect(chunks[0]?.text).toBe('alpha beta ');
  });

  it('splits text with no sentence punctuation and no spaces (CJK) at word boundaries', () => {
    const text = '日本語の文章を分割します'.repeat(50);
    const chunks = splitText(text, 100, { locale: 'ja' });
    expectValidSplit(text, chunks, 100);
    const wordStarts = new Set(
      [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(text)].map((s) => s.index),
    );
    for (const chunk of chunks) expect(wordStarts.has(chunk.start)).toBe(true);
  });

  it('splits one giant word at code points without breaking surrogate pairs', () => {
    const word = 'x'.repeat(1001);
    expectValidSplit(word, splitText(word, 100), 100);
    expect(splitText(word, 100).map((c) => c.text.length)).toEqual([
      ...Array<number>(10).fill(100),
      1,
    ]);
    const emoji = '😀'.repeat(100);
    const chunks = splitText(emoji, 10);
    expectValidSplit(emoji, chunks, 10);
    expect(chunks.every((c) => c.text === '😀😀' || c.text === '😀')).toBe(true);
  });

  it('keeps combining marks and ZWJ sequences with their base when the budget allows', () => {
    const accented = 'e\u0301'.repeat(40); // 3 bytes per grapheme, 2 code units
    const chunks = splitText(accented, 10);
    expectValidSplit(accented, chunks, 10);
    for (const chunk of chunks) expect(chunk.text.charCodeAt(0)).toBe(0x65);

    const family = '👨‍👩‍👧'.repeat(10); // 18 bytes per grapheme
    const familyChunks = splitText(family, 40);
    expectValidSplit(family, familyChunks, 40);
    expect(familyChunks.every((c) => c.text === '👨‍👩‍👧👨‍👩‍👧')).toBe(true);
  });

  it('cuts a grapheme cluster longer than maxBytes at code points', () => {
    const family = '👨‍👩‍👧';
    const chunks = splitText(family, 8);
    expectValidSplit(family, chunks, 8);
    expect(chunks.length).toBeGreaterThan(1);
  });

  // Speed on 1 MB is measured in bench/split-text.ts, not asserted here.
  it('splits 1 MB of text at sentence ends', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog, then 狐狸 runs 🦊 away. ';
    const text = sentence.repeat(Math.ceil(1_000_000 / bytes(sentence)));
    const chunks = splitText(text, 5000);
    expectValidSplit(text, chunks, 5000);
    expect(chunks.every((c) => c.text.endsWith('away. '))).toBe(true);
  });

  it('splits 1 MB without punctuation or without any boundary', () => {
    const noPunctuation = 'lorem ipsum dolor sit amet '.repeat(40_000);
    const noBoundary = 'a'.repeat(1_000_000);
    const a = splitText(noPunctuation, 5000);
    const b = splitText(noBoundary, 5000);
    expectValidSplit(noPunctuation, a, 5000);
    expect(a.every((c) => c.text.endsWith(' '))).toBe(true);
    expectValidSplit(noBoundary, b, 5000);
    expect(b).toHaveLength(200);
  });
});

describe('offset conversion', () => {
  const text = 'aé日👋e\u0301z'; // units: a1 é1 日1 👋2 e1 ◌́1 z1 = 8; bytes 1+2+3+4+1+2+1 = 14

  it('converts UTF-16 indices to UTF-8 bytes and back', () => {
    const utf16 = [0, 1, 2, 3, 5, 6, 7, 8];
    const utf8 = [0, 1, 3, 6, 10, 11, 13, 14];
    utf16.forEach((index, k) => {
      expect(utf16ToUtf8Offset(text, index)).toBe(utf8[k]);
      expect(utf8ToUtf16Offset(text, utf8[k] ?? -1)).toBe(index);
    });
    expect(utf16ToUtf8Offset(text, 5)).toBe(bytes(text.slice(0, 5)));
  });

  it('rounds offsets inside a code point down to its start', () => {
    expect(utf16ToUtf8Offset(text, 4)).toBe(6); // between the surrogates of 👋
    expect(utf8ToUtf16Offset(text, 8)).toBe(3); // inside the 4 bytes of 👋
    expect(utf8ToUtf16Offset(text, 2)).toBe(1); // inside é
  });

  it('converts between UTF-16 indices and code points (Comprehend offsets)', () => {
    expect(utf16ToCodePointOffset(text, 5)).toBe(4);
    expect(codePointToUtf16Offset(text, 4)).toBe(5);
    expect(codePointToUtf16Offset(text, 7)).toBe(8);
    expect('👋 hi'.slice(codePointToUtf16Offset('👋 hi', 2))).toBe('hi');
  });

  it('rejects negative, fractional and out-of-range offsets', () => {
    expect(() => utf16ToUtf8Offset(text, 9)).toThrow(ValidationError);
    expect(() => utf8ToUtf16Offset(text, 15)).toThrow(/past the end/);
    expect(() => codePointToUtf16Offset(text, 8)).toThrow(ValidationError);
    expect(() => utf16ToCodePointOffset(text, -1)).toThrow(/non-negative integer/);
    expect(() => utf8ToUtf16Offset(text, 1.5)).toThrow(ValidationError);
  });

  it('createOffsetMap agrees with the linear conversions on a long mixed text', () => {
    const long = 'ab😀cé日\u0301 '.repeat(500);
    const map = createOffsetMap(long);
    expect(map.utf16Length).toBe(long.length);
    expect(map.utf8Length).toBe(bytes(long));
    expect(map.codePointLength).toBe([...long].length);
    for (let i = 0; i <= long.length; i += 7) {
      expect(map.utf16ToUtf8(i)).toBe(utf16ToUtf8Offset(long, i));
      expect(map.utf16ToCodePoint(i)).toBe(utf16ToCodePointOffset(long, i));
    }
    for (let b = 0; b <= map.utf8Length; b += 11) {
      expect(map.utf8ToUtf16(b)).toBe(utf8ToUtf16Offset(long, b));
    }
    for (let c = 0; c <= map.codePointLength; c += 13) {
      expect(map.codePointToUtf16(c)).toBe(codePointToUtf16Offset(long, c));
    }
    expect(() => map.utf8ToUtf16(map.utf8Length + 1)).toThrow(ValidationError);
    expect(createOffsetMap('').utf16ToUtf8(0)).toBe(0);
  });
});
