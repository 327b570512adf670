import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BinaryInput,
  formatFromKey,
  type MediaFormat,
  parseS3Uri,
  resolveBinary,
  sniffFormat,
} from '../../src/core/inputs';
import { ValidationError } from '../../src/errors';

const hex = (text: string): Uint8Array =>
  new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

/** A complete 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Real headers, byte for byte, as the encoders write them. */
const HEADERS: Array<[MediaFormat, string, Uint8Array]> = [
  ['jpeg', 'JFIF APP0', hex(`ffd8ffe0 0010 ${ascii('JFIF')}00 0101 0048 0048 0000`)],
  ['jpeg', 'Exif APP1', hex(`ffd8ffe1 1c45 ${ascii('Exif')}0000 4d4d002a`)],
  ['png', '1x1 image', new Uint8Array(PNG)],
  ['pdf', 'PDF 1.7', hex(`${ascii('%PDF-1.7\n%')}e2e3cfd30a`)],
  ['pdf', 'PDF after junk bytes', hex(`${'00'.repeat(20)}${ascii('%PDF-1.4\n')}`)],
  ['tiff', 'little-endian', hex('49492a00 08000000 0e00')],
  ['tiff', 'big-endian', hex('4d4d002a 00000008 000e')],
  // Python's wave module, 16 kHz mono 16-bit, 4 frames.
  [
    'wav',
    'PCM',
    hex(
      '524946462c00000057415645666d74201000000001000100803e0000007d000002001000646174610800000000000000000000000000',
    ),
  ],
  ['mp3', 'ID3v2.4 tag', hex(`${ascii('ID3')}04000000000f76`)],
  ['mp3', 'MPEG-1 Layer III frame, 128 kbps 44.1 kHz', hex('fffb9064 00000000')],
  ['mp3', 'MPEG-2 Layer III frame', hex('fff39464 00000000')],
  ['flac', 'STREAMINFO', hex(`${ascii('fLaC')}00000022 1000 1000`)],
  ['ogg', 'Opus first page', hex(`${ascii('OggS')}0002 0000000000000000 ${ascii('OpusHead')}`)],
  ['webm', 'EBML with DocType webm', hex(`1a45dfa3 9f 4286 81 01 4282 84 ${ascii('webm')}`)],
  ['mp4', 'ftyp isom', hex(`00000020 ${ascii('ftypisom')}00000200 ${ascii('isomiso2avc1mp41')}`)],
  ['mp4', 'ftyp M4A', hex(`0000001c ${ascii('ftypM4A ')}00000000`)],
];

describe('sniffFormat', () => {
  it.each(HEADERS)('recognises %s (%s)', (format, _name, header) => {
    expect(sniffFormat(header)).toBe(format);
  });

  it.each([
    ['text', hex(ascii('hello world'))],
    ['empty', new Uint8Array()],
    ['frame sync cut short', hex('ffe0')],
    ['AAC ADTS (layer 00)', hex('fff15080 2fff fc')],
    ['MPEG frame with bad bitrate index', hex('fffbf064')],
    ['RIFF that is not WAVE', hex(`${ascii('RIFF')}00000000${ascii('AVI LIST')}`)],
    ['GIF', hex(ascii('GIF89a'))],
    ['base64 text of a PNG', hex(ascii(PNG.toString('base64')))],
  ])('returns undefined for %s', (_name, header) => {
    expect(sniffFormat(header)).toBeUndefined();
  });
});

describe('formatFromKey', () => {
  it.each([
    ['photos/cat.JPG', 'jpeg'],
    ['scan.tif', 'tiff'],
    ['calls/2026/a.wav', 'wav'],
    ['voice.m4a', 'mp4'],
    ['song.opus', 'ogg'],
    ['doc.pdf', 'pdf'],
    ['archive.tar.gz', undefined],
    ['no-extension', undefined],
    ['dir.jpg/file', undefined],
  ])('%s → %s', (key, format) => {
    expect(formatFromKey(key)).toBe(format);
  });
});

describe('parseS3Uri', () => {
  it('splits bucket and key and URL-decodes the key', () => {
    expect(parseS3Uri('s3://media/calls/a%20b.wav')).toEqual({
      bucket: 'media',
      key: 'calls/a b.wav',
    });
    expect(parseS3Uri('s3://my.bucket-1/k%C3%A9y+x.jpg')).toEqual({
      bucket: 'my.bucket-1',
      key: 'kéy+x.jpg',
    });
  });

  it('keeps a key with a literal % as written', () => {
    expect(parseS3Uri('s3://bucket/100%.txt').key).toBe('100%.txt');
  });

  it('reads a ?versionId= suffix', () => {
    expect(parseS3Uri('s3://bucket/a.pdf?versionId=3%2Fabc')).toEqual({
      bucket: 'bucket',
      key: 'a.pdf',
      versionId: '3/abc',
    });
  });

  it.each([
    ['s3://bucket', /no object key/],
    ['s3://bucket/', /no object key/],
    ['s3:///key.jpg', /no valid bucket/],
    ['s3://bucket/folder/', /names a folder/],
    ['https://bucket.s3.amazonaws.com/key', /not an S3 URI/],
    ['bucket/key', /not an S3 URI/],
  ])('rejects %s', (uri, message) => {
    expect(() => parseS3Uri(uri)).toThrow(ValidationError);
    expect(() => parseS3Uri(uri)).toThrow(message);
  });
});

describe('resolveBinary', () => {
  let dir: string;
  let pngPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aws-ai-inputs-'));
    pngPath = join(dir, 'pixel.png');
    await writeFile(pngPath, PNG);
    await writeFile(join(dir, 'empty.bin'), new Uint8Array());
    await mkdir(join(dir, 'folder'));
  });

  it('returns a Buffer itself, without copying, with its sniffed format', async () => {
    const buffer = Buffer.from(PNG);
    const resolved = await resolveBinary(buffer);
    expect(resolved).toEqual({ kind: 'bytes', bytes: buffer, format: 'png', source: 'bytes' });
    expect(resolved.kind === 'bytes' && resolved.bytes).toBe(buffer);
  });

  it('views an ArrayBuffer or a typed array without copying', async () => {
    const copy = new Uint8Array(PNG);
    const fromBuffer = await resolveBinary(copy.buffer);
    expect(fromBuffer.kind === 'bytes' && fromBuffer.bytes.buffer).toBe(copy.buffer);
    expect(fromBuffer.format).toBe('png');

    const words = new Uint16Array([0xd8ff, 0xe0ff]); // little-endian FF D8 FF E0
    const fromView = await resolveBinary(words as unknown as BinaryInput);
    expect(fromView.kind === 'bytes' && [...fromView.bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(fromView.format).toBe('jpeg');
  });

  it('reads a Blob', async () => {
    const resolved = await resolveBinary(new Blob([PNG]));
    expect(resolved).toMatchObject({ kind: 'bytes', format: 'png', source: 'blob' });
    expect(resolved.kind === 'bytes' && resolved.bytes.byteLength).toBe(PNG.byteLength);
  });

  it('reads a file path or a file:// URL', async () => {
    const resolved = await resolveBinary(pngPath, { maxBytes: 1000 });
    expect(resolved).toMatchObject({ kind: 'bytes', format: 'png', source: pngPath });
    expect(resolved.kind === 'bytes' && Buffer.from(resolved.bytes).equals(PNG)).toBe(true);
    const viaUrl = await resolveBinary(pathToFileURL(pngPath).href);
    expect(viaUrl.format).toBe('png');
  });

  it('keeps an s3:// URI as a location with the format of its extension', async () => {
    expect(await resolveBinary('s3://media/calls/x.MP3?versionId=v1')).toEqual({
      kind: 's3',
      bucket: 'media',
      key: 'calls/x.MP3',
      versionId: 'v1',
      format: 'mp3',
    });
  });

  it('refuses empty input of every kind', async () => {
    await expect(resolveBinary(new Uint8Array(), { label: 'image' })).rejects.toThrow(
      'image is empty (0 bytes)',
    );
    await expect(resolveBinary(new Blob([]))).rejects.toThrow(/empty/);
    await expect(resolveBinary('')).rejects.toThrow(/empty string/);
    await expect(resolveBinary(join(dir, 'empty.bin'))).rejects.toThrow(/empty \(0 bytes\)/);
  });

  it('names the path of a missing file, and refuses a directory', async () => {
    const missing = join(dir, 'no-such.jpg');
    const error = await resolveBinary(missing, { label: 'image' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      `image file not found: ${JSON.stringify(missing)}`,
    );
    await expect(resolveBinary(join(dir, 'folder'))).rejects.toThrow(/is not a file/);
  });

  it('says "pass bytes, not base64" for base64 and data URLs, without echoing them', async () => {
    const base64 = PNG.toString('base64');
    const big = Buffer.alloc(100_000, 7).toString('base64');
    for (const input of [base64, `data:image/png;base64,${base64}`, big, '/9j/4AAQSkZJRg==']) {
      const error = await resolveBinary(input, { label: 'image' }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(ValidationError);
      const { message } = error as ValidationError;
      expect(message).toContain('pass bytes, not base64');
      expect(message).not.toContain(input.slice(0, 16));
      expect(message.length).toBeLessThan(200);
    }
  });

  it('does not echo binary data passed as a string', async () => {
    const binary = PNG.toString('latin1');
    const error = await resolveBinary(binary).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/pass bytes/);
    expect((error as ValidationError).message).not.toContain('IHDR');
  });

  it('gives the limit and the size for input over maxBytes, before reading files and Blobs', async () => {
    const limit = PNG.byteLength - 1;
    const expected = `image is ${PNG.byteLength} bytes; the limit is ${limit} bytes`;
    await expect(resolveBinary(PNG, { maxBytes: limit, label: 'image' })).rejects.toThrow(expected);
    await expect(
      resolveBinary(new Blob([PNG]), { maxBytes: limit, label: 'image' }),
    ).rejects.toThrow(expected);
    await expect(resolveBinary(pngPath, { maxBytes: limit, label: 'image' })).rejects.toThrow(
      `is ${PNG.byteLength} bytes; the limit is ${limit} bytes`,
    );
  });

  it('refuses http URLs and values of other types', async () => {
    await expect(resolveBinary('https://example.com/cat.jpg')).rejects.toThrow(/download it/);
    await expect(resolveBinary(42 as unknown as BinaryInput)).rejects.toThrow(/got number/);
  });
});
