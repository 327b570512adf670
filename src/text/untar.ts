import { ServiceError } from '../errors';

/** One regular file of a tar archive. */
export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

/** A numeric field: octal text, or base-256 when the high bit of the first byte is set. */
function number(block: Uint8Array, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  return Number.parseInt(text(block, start, length).trim() || '0', 8);
}

function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === number(header, 148, 8);
}

/** `len key=value\n` records of a pax extended header. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const all = decoder.decode(data);
  for (const line of all.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match?.[1] !== undefined) records.set(match[1], match[2] ?? '');
  }
  return records;
}

function malformed(why: string): ServiceError {
  return new ServiceError(`the job's output archive is not a readable tar file: ${why}`, {
    code: 'MalformedOutput',
  });
}

/**
 * The regular files of a tar archive (ustar, with pax and GNU long names), in archive order.
 * Comprehend writes its job output as `output.tar.gz` holding one JSON Lines file. @internal
 */
export function untar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let pax = new Map<string, string>();
  for (let at = 0; at + BLOCK <= archive.byteLength; ) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw malformed(`bad header checksum at byte ${at}`);
    const size = Number(pax.get('size') ?? number(header, 124, 12));
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + BLOCK;
    if (start + size > archive.byteLength) throw malformed(`entry at byte ${at} runs past the end`);
    const data = archive.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'L') {
      longName = text(data, 0, data.byteLength);
      continue;
    }
    const prefix = text(header, 257, 6) === 'ustar' ? text(header, 345, 155) : '';
    const name =
      pax.get('path') ??
      longName ??
      (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    if (type === '0' || type === '\0') entries.push({ name, data });
    longName = undefined;
    pax = new Map();
  }
  return entries;
}
