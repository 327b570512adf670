/**
 * The `.npy` format (numpy `format.py`), the `application/x-npy` body of the SageMaker SDK's
 * NumpySerializer. Writing reproduces `numpy.save` byte for byte; reading accepts every header
 * version, both byte orders and Fortran order.
 *
 * Layout: `\x93NUMPY`, major and minor version bytes, the header length (u16 LE for 1.0, u32 LE for
 * 2.0 and 3.0), then a Python dict literal padded with spaces and ended by `\n` so the data starts at
 * a multiple of 64 bytes, then the raw elements.
 */

import { ValidationError } from '../errors';
import {
  allocate,
  arrayConstructor,
  type DType,
  itemSize,
  type RawArray,
  raw,
  type TypedArrayFor,
} from './dtype';
import { formatShape, sizeOf } from './shape';
import { assertTensor, Tensor } from './tensor';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
/** numpy ≥ 1.24 leaves room for the batch axis to grow to 21 digits, for in-place appends. */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** True on little-endian hosts (every platform Node ships for). @internal */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const DESCR: Record<DType, string> = {
  float16: '<f2',
  float32: '<f4',
  float64: '<f8',
  int8: '|i1',
  int16: '<i2',
  int32: '<i4',
  int64: '<i8',
  uint8: '|u1',
  uint16: '<u2',
  uint32: '<u4',
  uint64: '<u8',
  bool: '|b1',
};

const FROM_CODE: Record<string, DType> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

/**
 * The numpy descriptor of a dtype as `numpy.save` writes it: `<f4`, `|u1`, `|b1`, …
 *
 * @example
 * ```ts
 * import { npyDescr } from 'aws-ai/tensor';
 * npyDescr('float32'); // '<f4'
 * ```
 */
export function npyDescr(dtype: DType): string {
  return DESCR[dtype];
}

/** Python's `repr()` of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The header dict as `numpy.save` (≥ 1.24) writes it, with the growth room numpy leaves after the
 * first axis so the file can be appended to in place. Padding and the final newline are not included.
 * @internal
 */
export function npyHeaderText(dtype: DType, shape: readonly number[]): string {
  const header = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  const first = shape[0];
  if (first === undefined) return header;
  return header + ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(first).length));
}

/**
 * Encodes a tensor as `.npy` bytes, identical to `numpy.save` (numpy ≥ 1.24) of the same array: version
 * 1.0 unless the header needs more than 65535 bytes (then 2.0), C order, little-endian. The data is
 * copied exactly once, into the returned buffer.
 *
 * @example
 * ```ts
 * import { Tensor, toNpy } from 'aws-ai/tensor';
 * const body = toNpy(Tensor.from([[1, 2, 3], [4, 5, 6]])); // 128-byte header + 24 bytes of <f4
 * ```
 */
export function toNpy(tensor: Tensor): Uint8Array {
  assertTensor(tensor, 'toNpy() tensor');
  const header = npyHeaderText(tensor.dtype, tensor.shape);
  // numpy: padlen = 64 - ((magic + len field + header + '\n') % 64), so an exact fit still gets 64.
  let version = 1;
  let prefix = 10;
  let padding = ALIGN - ((prefix + header.length + 1) % ALIGN);
  if (header.length + 1 + padding > 0xffff) {
    version = 2;
    prefix = 12;
    padding = ALIGN - ((prefix + header.length + 1) % ALIGN);
  }
  const headerLength = header.length + padding + 1;
  const dataOffset = prefix + headerLength;
  const out = new Uint8Array(dataOffset + tensor.data.byteLength);
  out.set(MAGIC);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.fill(0x20, prefix + header.length, dataOffset - 1);
  out[dataOffset - 1] = 0x0a;
  const data = tensor.data;
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataOffset);
  if (!LITTLE_ENDIAN_HOST) swapBytes(out, dataOffset, data.byteLength, itemSize(tensor.dtype));
  return out;
}

/**
 * Options of {@link fromNpy}.
 *
 * @example
 * ```ts
 * import { fromNpy } from 'aws-ai/tensor';
 * const t = fromNpy(new Uint8Array(await response.arrayBuffer()), { copy: true });
 * ```
 */
export interface FromNpyOptions {
  /**
   * Always copy the data. Default `false`: when the file is little-endian C order and the data is
   * aligned in memory, the tensor is a view of `bytes` (no copy, but it keeps `bytes` alive and sees
   * changes to it).
   */
  copy?: boolean | undefined;
}

/**
 * Decodes `.npy` bytes (format versions 1.0, 2.0 and 3.0) into a C-order tensor. Big-endian data
 * (`>f8`, …) is converted to native order and `fortran_order: True` data is transposed, both into a new
 * array. Trailing bytes after the data are ignored, as numpy does.
 *
 * @throws {ValidationError} for a missing magic string, an unknown version, a malformed header,
 *   an unsupported descriptor (naming it, e.g. `<U10`, `|O`, structured dtypes), or truncated data.
 * @example
 * ```ts
 * import { fromNpy } from 'aws-ai/tensor';
 * const x = fromNpy(bytes);
 * x.dtype; // 'float64'
 * x.shape; // [302, 8]
 * ```
 */
export function fromNpy(bytes: Uint8Array, options: FromNpyOptions = {}): Tensor {
  if (!(bytes instanceof Uint8Array)) throw new ValidationError('fromNpy() needs a Uint8Array');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i])
      throw new ValidationError('not a .npy file: the magic string \\x93NUMPY is missing');
  }
  const major = bytes[6];
  const minor = bytes[7];
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    throw new ValidationError(`unsupported .npy format version ${major}.${minor}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefix = major === 1 ? 10 : 12;
  if (bytes.length < prefix) throw new ValidationError('truncated .npy header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = prefix + headerLength;
  if (bytes.length < dataOffset) throw new ValidationError('truncated .npy header');
  const headerBytes = bytes.subarray(prefix, dataOffset);
  const headerText =
    major === 3 ? new TextDecoder('utf-8').decode(headerBytes) : latin1(headerBytes);
  const header = parseHeader(headerText);

  const dtype = dtypeOfDescr(header.descr);
  const littleEndian = !header.descr.startsWith('>');
  const size = sizeOf(header.shape);
  const width = itemSize(dtype);
  const byteLength = size * width;
  if (bytes.length - dataOffset < byteLength) {
    throw new ValidationError(
      `truncated .npy data: shape ${formatShape(header.shape)} of ${header.descr} needs ${byteLength} bytes, got ${bytes.length - dataOffset}`,
    );
  }
  const start = bytes.byteOffset + dataOffset;
  const native = littleEndian === LITTLE_ENDIAN_HOST || width === 1;
  let data: RawArray;
  if (native && !options.copy && !header.fortranOrder && start % width === 0) {
    data = raw(new (arrayConstructor(dtype))(bytes.buffer, start, size));
  } else {
    data = raw(allocate(dtype, size));
    new Uint8Array(data.buffer, data.byteOffset, byteLength).set(
      bytes.subarray(dataOffset, dataOffset + byteLength),
    );
    if (!native)
      swapBytes(new Uint8Array(data.buffer, data.byteOffset, byteLength), 0, byteLength, width);
  }
  if (header.fortranOrder && header.shape.length > 1) data = fortranToC(data, header.shape);
  return new Tensor(dtype, header.shape, data as unknown as TypedArrayFor<DType>);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

function dtypeOfDescr(descr: string): DType {
  const match = /^([<>|=]?)([a-z?]\d*)$/.exec(descr);
  const code = match?.[2] === '?' ? 'b1' : match?.[2];
  const dtype = code === undefined ? undefined : FROM_CODE[code];
  if (dtype === undefined) {
    throw new ValidationError(`unsupported .npy dtype descriptor '${descr}'`);
  }
  return dtype;
}

/** Reverses the bytes of each `width`-byte element in place. */
function swapBytes(bytes: Uint8Array, offset: number, length: number, width: number): void {
  if (width === 1) return;
  for (let i = offset; i < offset + length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/** Reorders column-major elements of `shape` into row-major order (a new array). */
function fortranToC(source: RawArray, shape: readonly number[]): RawArray {
  const out = raw(
    new (source.constructor as unknown as new (n: number) => Float64Array)(source.length),
  );
  const rank = shape.length;
  if (rank === 2) {
    const rows = shape[0] as number;
    const cols = shape[1] as number;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * cols + j] = source[j * rows + i] as number;
    }
    return out;
  }
  // Column-major strides: axis k advances by the product of the dimensions before it.
  const strides: number[] = [];
  let stride = 1;
  for (let k = 0; k < rank; k++) {
    strides.push(stride);
    stride *= shape[k] as number;
  }
  const index: number[] = new Array(rank).fill(0);
  let from = 0;
  for (let to = 0; to < out.length; to++) {
    out[to] = source[from] as number;
    // Advance the row-major counter from the last axis, keeping the column-major offset in step.
    for (let k = rank - 1; k >= 0; k--) {
      const next = (index[k] as number) + 1;
      if (next < (shape[k] as number)) {
        index[k] = next;
        from += strides[k] as number;
        break;
      }
      from -= (index[k] as number) * (strides[k] as number);
      index[k] = 0;
    }
  }
  return out;
}

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/**
 * Parses the header, a Python literal such as `{'descr': '<f8', 'fortran_order': True, 'shape':
 * (302, 8), }`. A tiny literal parser (strings, ints, True/False/None, tuples, lists, dicts) instead
 * of regexes, so key order, quoting, spacing and old `3L` longs do not matter.
 */
function parseHeader(text: string): NpyHeader {
  let pos = 0;
  const fail = (why: string): never => {
    throw new ValidationError(
      `malformed .npy header (${why}): ${JSON.stringify(text.trim().slice(0, 120))}`,
    );
  };
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const expect = (char: string): void => {
    skip();
    if (text[pos] !== char) fail(`expected '${char}' at ${pos}`);
    pos++;
  };
  const sequence = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    skip();
    while (text[pos] !== close) {
      items.push(value());
      skip();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) fail(`expected ',' or '${close}' at ${pos}`);
      skip();
    }
    pos++;
    return items;
  };
  const value = (): PyValue => {
    skip();
    const char = text[pos];
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, pos + 1);
      if (end === -1) fail('unterminated string');
      const body = text.slice(pos + 1, end);
      pos = end + 1;
      return body;
    }
    if (char === '(') {
      pos++;
      return sequence(')');
    }
    if (char === '[') {
      pos++;
      return sequence(']');
    }
    if (char === '{') {
      pos++;
      const dict: { [key: string]: PyValue } = {};
      skip();
      while (text[pos] !== '}') {
        const key = value();
        if (typeof key !== 'string') fail('non-string key');
        expect(':');
        dict[key as string] = value();
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== '}') fail(`expected ',' or '}' at ${pos}`);
        skip();
      }
      pos++;
      return dict;
    }
    const word = /^(?:True|False|None|-?\d+L?)/.exec(text.slice(pos))?.[0];
    if (word === undefined) return fail(`unexpected character at ${pos}`);
    pos += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    return Number.parseInt(word, 10);
  };

  const dict = value();
  skip();
  if (pos !== text.length) fail('trailing characters');
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) fail('not a dict');
  const fields = dict as { [key: string]: PyValue };
  const keys = Object.keys(fields).sort().join(',');
  if (keys !== 'descr,fortran_order,shape')
    fail(`keys are ${keys}, expected descr, fortran_order, shape`);
  const { descr, fortran_order: fortranOrder, shape } = fields;
  if (Array.isArray(descr)) {
    throw new ValidationError(
      'unsupported .npy dtype: structured (record) arrays are not supported',
    );
  }
  if (typeof descr !== 'string') return fail('descr is not a string');
  if (typeof fortranOrder !== 'boolean') return fail('fortran_order is not a bool');
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    return fail('shape is not a tuple of non-negative integers');
  }
  return { descr, fortranOrder, shape: shape as number[] };
}
