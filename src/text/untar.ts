import { ServiceError } from '../errors';

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

/** What a {@link TarReader} hands on: the bytes of each regular file, piece by piece. */
export interface TarSink {
  /** The next piece of the file `name`, in order; pieces of one file are contiguous. */
  data(name: string, bytes: Uint8Array): void;
  /** The file `name` ended (also called for an empty file, with no `data` before it). */
  end(name: string): void;
}

/**
 * Reads a tar archive (ustar, with pax and GNU long names) fed in pieces of any size, without
 * holding it: only a header and the current piece are in memory. Regular files go to the sink in
 * archive order; pax and long-name entries (small) are kept until the entry they name.
 * Comprehend writes its job output as `output.tar.gz` holding one JSON Lines file. @internal
 */
export class TarReader {
  readonly #sink: TarSink;
  readonly #header = new Uint8Array(BLOCK);
  #headerFill = 0;
  /** Bytes consumed so far, for the errors. */
  #offset = 0;
  #entry: { name: string; type: string; left: number; pad: number; at: number } | undefined;
  /** The data of a pax or long-name entry, which describes the next entry. */
  #meta: Uint8Array[] = [];
  #padding = 0;
  #longName: string | undefined;
  #pax = new Map<string, string>();
  #finished = false;

  constructor(sink: TarSink) {
    this.#sink = sink;
  }

  /** Feeds the next piece of the archive. */
  push(chunk: Uint8Array): void {
    let from = 0;
    while (from < chunk.byteLength && !this.#finished) {
      const rest = chunk.byteLength - from;
      let take: number;
      if (this.#padding > 0) {
        take = Math.min(this.#padding, rest);
        this.#padding -= take;
      } else if (this.#entry) {
        take = Math.min(this.#entry.left, rest);
        const piece = chunk.subarray(from, from + take);
        if (isMeta(this.#entry.type)) this.#meta.push(piece.slice());
        else if (isFile(this.#entry.type)) this.#sink.data(this.#entry.name, piece);
        this.#entry.left -= take;
      } else {
        take = Math.min(BLOCK - this.#headerFill, rest);
        this.#header.set(chunk.subarray(from, from + take), this.#headerFill);
        this.#headerFill += take;
      }
      from += take;
      this.#offset += take;
      if (this.#entry?.left === 0) this.#endEntry();
      else if (this.#headerFill === BLOCK) this.#startEntry();
    }
  }

  /** The archive ended: an entry cut short is {@link malformed}, never a shorter file. */
  end(): void {
    if (this.#entry) throw malformed(`entry at byte ${this.#entry.at} runs past the end`);
    if (this.#headerFill > 0 && !this.#finished)
      throw malformed('the archive ends inside a header');
  }

  #startEntry(): void {
    const header = this.#header;
    const at = this.#offset - BLOCK;
    this.#headerFill = 0;
    if (header.every((b) => b === 0)) {
      this.#finished = true;
      return;
    }
    if (!checksumOk(header)) throw malformed(`bad header checksum at byte ${at}`);
    const size = Number(this.#pax.get('size') ?? number(header, 124, 12));
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 257, 6) === 'ustar' ? text(header, 345, 155) : '';
    const name =
      this.#pax.get('path') ??
      this.#longName ??
      (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    this.#entry = { name, type, left: size, pad: (BLOCK - (size % BLOCK)) % BLOCK, at };
    if (size === 0) this.#endEntry();
  }

  #endEntry(): void {
    const entry = this.#entry;
    if (!entry) return;
    this.#entry = undefined;
    // Data is padded to whole blocks: skipped before the next header.
    this.#padding = entry.pad;
    if (isMeta(entry.type)) {
      const data = Buffer.concat(this.#meta);
      this.#meta = [];
      if (entry.type === 'x') this.#pax = paxRecords(data);
      else this.#longName = text(data, 0, data.byteLength);
      return;
    }
    if (isFile(entry.type)) this.#sink.end(entry.name);
    this.#longName = undefined;
    this.#pax = new Map();
  }
}

/** A regular file's type flag (old archives leave it NUL). */
const isFile = (type: string): boolean => type === '0' || type === '\0';
/** A pax extended header or a GNU long name: it describes the next entry. */
const isMeta = (type: string): boolean => type === 'x' || type === 'L';
