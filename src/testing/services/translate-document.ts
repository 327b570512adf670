import { inflateRawSync } from 'node:zlib';
import { EmulatorError } from '../emulator-error';
import type { EmulatorInput } from '../types';
import { constraintViolation, missingMember } from './constraint';

/** `DocumentContent` `@length max` in Translate's model (the docs say 100 KB). */
export const MAX_DOCUMENT_BYTES = 102_400;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The content types of the model's `Document.ContentType` documentation. */
const CONTENT_TYPES = ['text/plain', 'text/html', DOCX];

/** The document of a TranslateDocument request, checked as AWS checks it. */
export function requireDocument(input: EmulatorInput): { content: Uint8Array; type: string } {
  const document = input.Document as Record<string, unknown> | undefined;
  if (!document) throw missingMember('document');
  const content = document.Content;
  const type = document.ContentType;
  if (!(content instanceof Uint8Array)) throw missingMember('document.content');
  if (typeof type !== 'string') throw missingMember('document.contentType');
  if (content.byteLength > MAX_DOCUMENT_BYTES) {
    throw constraintViolation(
      'document.content',
      undefined,
      `Member must have length less than or equal to ${MAX_DOCUMENT_BYTES}`,
    );
  }
  if (!CONTENT_TYPES.includes(type)) {
    throw new EmulatorError('InvalidRequestException', `Unsupported content type: ${type}`);
  }
  return { content, type };
}

/** The document's text runs translated by `translate`, in the document's own format. */
export function translateDocumentContent(
  content: Uint8Array,
  type: string,
  translate: (text: string) => string,
): Uint8Array {
  const text = Buffer.from(content).toString('utf8');
  if (type === 'text/plain') return Buffer.from(runs(text, translate));
  if (type === 'text/html') {
    return Buffer.from(text.replace(/>([^<]+)</g, (_, run: string) => `>${runs(run, translate)}<`));
  }
  return translateDocx(content, translate);
}

/** Translates a run keeping its outer whitespace (the canned translator trims). */
function runs(text: string, translate: (text: string) => string): string {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  if (lead.length === text.length) return text;
  const trail = /\s*$/.exec(text)?.[0] ?? '';
  return lead + translate(text.slice(lead.length, text.length - trail.length)) + trail;
}

interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** The entries of a ZIP archive (stored or deflated), read from its central directory. */
function readZip(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new EmulatorError('InvalidRequestException', 'The .docx is not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** CRC-32 (ZIP's polynomial), for writing entries. */
function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A ZIP archive of stored (uncompressed) entries. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.byteLength, 18);
    local.writeUInt32LE(data.byteLength, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(data.byteLength, 20);
    head.writeUInt32LE(data.byteLength, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, Buffer.from(data));
    central.push(head, nameBytes);
    offset += 30 + nameBytes.length + data.byteLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A .docx with the text of every `<w:t>` run of its body translated. */
function translateDocx(content: Uint8Array, translate: (text: string) => string): Uint8Array {
  let entries: ZipEntry[];
  try {
    entries = readZip(Buffer.from(content));
  } catch (err) {
    if (err instanceof EmulatorError) throw err;
    throw new EmulatorError('InvalidRequestException', 'The .docx could not be read');
  }
  return writeZip(
    entries.map((entry) =>
      entry.name === 'word/document.xml'
        ? {
            name: entry.name,
            data: Buffer.from(
              Buffer.from(entry.data)
                .toString('utf8')
                .replace(
                  /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g,
                  (_, open: string, run: string, close: string) =>
                    open + runs(run, translate) + close,
                ),
            ),
          }
        : entry,
    ),
  );
}
