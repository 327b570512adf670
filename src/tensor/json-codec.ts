/**
 * `application/json` and `application/jsonlines` bodies, laid out like the SageMaker Python SDK's
 * JSONSerializer (`json.dumps(array.tolist())`) and JSONLinesSerializer (one `json.dumps` per row,
 * joined by `\n`).
 */

import { ValidationError } from '../errors';
import { type DType, isBigIntDType, isFloatDType, raw } from './dtype';
import { float16ToNumber } from './float16';
import { pythonFloat } from './format-number';
import { formatIndex, sizeOf } from './shape';
import { assertTensor, type Tensor, type TensorLike, tensorFrom } from './tensor';

/**
 * Options of {@link toJson} and {@link toJsonLines}.
 *
 * @example
 * ```ts
 * import { Tensor, toJson } from 'aws-ai/tensor';
 * toJson(Tensor.from([[1, 2]]), { key: 'instances', style: 'compact' }); // '{"instances":[[1,2]]}'
 * ```
 */
export interface ToJsonOptions {
  /**
   * Wrap the array in an object under this key: `'instances'` (TF Serving row format), `'inputs'`
   * (columnar format / Hugging Face), or any other name. Default: the bare nested array.
   */
  key?: 'instances' | 'inputs' | (string & {}) | undefined;
  /**
   * Number and separator layout. Default `'python'`: byte-identical to Python's `json.dumps` of
   * `tolist()` — `", "` and `": "` separators, floats as `1.0`, `1e-05`, `-0.0`, float32 widened to
   * float64 as numpy does (`0.10000000149011612`). `'compact'`: what `JSON.stringify` would write (no
   * spaces, `1`, `1e-7`), except that -0 stays `-0`. Both parse to the same values.
   */
  style?: 'python' | 'compact' | undefined;
}

/**
 * Encodes a tensor as JSON, like the SageMaker SDK's `JSONSerializer` (`json.dumps(x.tolist())`, or
 * `json.dumps({key: x.tolist()})` with `key`). 64-bit integers are written exactly (no precision loss
 * through `Number`); `bool` as `true`/`false`; a scalar as a bare number.
 *
 * Cost: ~0.5–1 µs per float32 element (widened float32 values print 17 digits), hundreds of times
 * {@link toNpy}; prefer `.npy` when the container accepts `application/x-npy`.
 *
 * @throws {ValidationError} for NaN or ±Infinity, naming the index: JSON cannot carry them (Python
 *   would write the non-standard `NaN`, which most servers reject).
 * @example
 * ```ts
 * import { Tensor, toJson } from 'aws-ai/tensor';
 * toJson(Tensor.from([[1, 2], [3, 4]]), { key: 'instances' }); // '{"instances": [[1.0, 2.0], [3.0, 4.0]]}'
 * ```
 */
export function toJson(tensor: Tensor, options: ToJsonOptions = {}): string {
  assertTensor(tensor, 'toJson() tensor');
  const python = (options.style ?? 'python') === 'python';
  const body = encodeNested(tensor, 0, tensor.shape, python);
  if (options.key === undefined) return body;
  return `{${JSON.stringify(options.key)}${python ? ': ' : ':'}${body}}`;
}

/**
 * Encodes each row along axis 0 as one JSON line, joined by `\n` with no trailing newline, like the
 * SageMaker SDK's `JSONLinesSerializer` over `x.tolist()`. With `key`, each line is `{"key": row}`
 * (e.g. `{"features": [...]}` for the built-in algorithms).
 *
 * @throws {ValidationError} for a scalar, or for NaN/±Infinity (naming the index).
 * @example
 * ```ts
 * import { Tensor, toJsonLines } from 'aws-ai/tensor';
 * toJsonLines(Tensor.from([[1, 2], [3, 4]])); // '[1.0, 2.0]\n[3.0, 4.0]'
 * ```
 */
export function toJsonLines(tensor: Tensor, options: ToJsonOptions = {}): string {
  assertTensor(tensor, 'toJsonLines() tensor');
  const rows = tensor.shape[0];
  if (rows === undefined) throw new ValidationError('toJsonLines() needs a tensor of rank >= 1');
  const python = (options.style ?? 'python') === 'python';
  const inner = tensor.shape.slice(1);
  const rowSize = sizeOf(inner);
  const lines: string[] = [];
  const keyPrefix =
    options.key === undefined ? undefined : `{${JSON.stringify(options.key)}${python ? ': ' : ':'}`;
  for (let r = 0; r < rows; r++) {
    const line = encodeNested(tensor, r * rowSize, inner, python);
    lines.push(keyPrefix === undefined ? line : `${keyPrefix}${line}}`);
  }
  return lines.join('\n');
}

/**
 * Options of {@link fromJson} and {@link fromJsonLines}.
 *
 * @example
 * ```ts
 * import { fromJson } from 'aws-ai/tensor';
 * fromJson('{"predictions": [[0.1, 0.9]]}', { dtype: 'float32' });
 * ```
 */
export interface FromJsonOptions {
  /**
   * The property holding the array when the body is an object. Default: the only property of a
   * one-property object, else `predictions`, `outputs`, `instances` or `inputs`, whichever exists.
   */
  key?: string | undefined;
  /**
   * Element type. Default: `float64` for numbers (lossless for JSON numbers, like the SDK's
   * NumpyDeserializer), `bool` for booleans. `int64` / `uint64` read integers exactly, beyond 2^53
   * too.
   */
  dtype?: DType | undefined;
  /** Final shape to reshape to. Default: the nesting. */
  shape?: readonly number[] | undefined;
}

const RESPONSE_KEYS = ['predictions', 'outputs', 'instances', 'inputs'];

/**
 * Decodes a JSON body (text or UTF-8 bytes) holding nested arrays, or an object with the array under a
 * key such as `{"predictions": [...]}`, into a tensor.
 *
 * @throws {ValidationError} for invalid JSON, an object without a usable key (listing its keys), ragged
 *   arrays, `null`s or strings in the array (naming the index), or values the dtype cannot hold.
 * @example
 * ```ts
 * import { fromJson } from 'aws-ai/tensor';
 * fromJson('{"predictions": [[0.25, 0.75]]}').toArray(); // [[0.25, 0.75]]
 * ```
 */
export function fromJson<D extends DType>(
  body: string | Uint8Array,
  options: FromJsonOptions & { dtype: D },
): Tensor<D>;
export function fromJson(body: string | Uint8Array, options?: FromJsonOptions): Tensor;
export function fromJson(body: string | Uint8Array, options: FromJsonOptions = {}): Tensor {
  const value = parseJson(decodeText(body), 'JSON body', options.dtype);
  return toTensor(unwrap(value, options.key, 'JSON body'), options);
}

/**
 * Decodes JSON Lines (one row per line, like the SDK's JSONLinesDeserializer: trailing whitespace
 * stripped, blank lines skipped) and stacks the rows along a new axis 0. Lines that are objects are
 * unwrapped as in {@link fromJson}.
 *
 * @throws {ValidationError} naming the line for invalid JSON or a missing key; for ragged rows, naming
 *   the axis and index (axis 0 is the line).
 * @example
 * ```ts
 * import { fromJsonLines } from 'aws-ai/tensor';
 * fromJsonLines('[1, 2]\n[3, 4]\n').shape; // [2, 2]
 * ```
 */
export function fromJsonLines<D extends DType>(
  body: string | Uint8Array,
  options: FromJsonOptions & { dtype: D },
): Tensor<D>;
export function fromJsonLines(body: string | Uint8Array, options?: FromJsonOptions): Tensor;
export function fromJsonLines(body: string | Uint8Array, options: FromJsonOptions = {}): Tensor {
  const text = decodeText(body).trimEnd();
  const rows: unknown[] = [];
  const lines = text === '' ? [] : text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    rows.push(
      unwrap(
        parseJson(line, `JSON line ${i + 1}`, options.dtype),
        options.key,
        `JSON line ${i + 1}`,
      ),
    );
  }
  if (rows.length === 0) throw new ValidationError('JSON Lines body has no rows');
  return toTensor(rows, options);
}

function toTensor(value: unknown, options: FromJsonOptions): Tensor {
  return tensorFrom(value as TensorLike, { dtype: options.dtype, shape: options.shape }, 'float64');
}

/** Decodes UTF-8 bytes; strings pass through. @internal */
export function decodeText(body: string | Uint8Array): string {
  if (typeof body === 'string') return body;
  if (!ArrayBuffer.isView(body) && !((body as unknown) instanceof ArrayBuffer)) {
    throw new ValidationError(
      `the body must be a string or bytes (Uint8Array), got ${body === null ? 'null' : typeof body}`,
    );
  }
  return new TextDecoder('utf-8').decode(body);
}

function parseJson(text: string, what: string, dtype?: DType | undefined): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  // JSON.parse rounds integers beyond 2^53 to the nearest double: 9007199254740993 became
  // ...992 in an int64 tensor, silently, though toJson writes 64-bit integers exactly.
  return dtype !== undefined && isBigIntDType(dtype) ? exactIntegers(text, value) : value;
}

/** A JSON string, or a number literal: strings are matched whole so digits inside them are skipped. */
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
/** Marks an exact integer while it travels through JSON.parse as a string. */
const EXACT = '\u0000int:';

/** `value` (parsed from `text`) with every integer literal outside the safe range as an exact bigint. */
function exactIntegers(text: string, value: unknown): unknown {
  let found = false;
  const marked = text.replace(JSON_TOKEN, (token) => {
    if (token.startsWith('"') || !/^-?\d+$/.test(token) || Number.isSafeInteger(Number(token))) {
      return token;
    }
    found = true;
    // Escaped in the text (a raw control character is not JSON); JSON.parse makes it EXACT.
    return `"\\u0000int:${token}"`;
  });
  if (!found) return value;
  const revive = (node: unknown): unknown => {
    if (typeof node === 'string' && node.startsWith(EXACT)) return BigInt(node.slice(EXACT.length));
    if (Array.isArray(node)) return node.map(revive);
    if (typeof node === 'object' && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) out[key] = revive(item);
      return out;
    }
    return node;
  };
  return revive(JSON.parse(marked));
}

function unwrap(value: unknown, key: string | undefined, what: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const chosen =
    key ?? (keys.length === 1 ? keys[0] : RESPONSE_KEYS.find((k) => Object.hasOwn(record, k)));
  if (chosen === undefined || !Object.hasOwn(record, chosen)) {
    throw new ValidationError(
      `${what} is an object without ${key === undefined ? 'an array key' : `key '${key}'`}; its keys are ${keys.join(', ') || '(none)'}`,
    );
  }
  return record[chosen];
}

/** Writes the sub-array of `shape` starting at flat `offset` as JSON. */
function encodeNested(
  tensor: Tensor,
  offset: number,
  shape: readonly number[],
  python: boolean,
): string {
  const format = elementFormatter(tensor, python);
  const separator = python ? ', ' : ',';
  if (shape.length === 0) return format(offset);
  const level = (axis: number, start: number, stride: number): string => {
    const dim = shape[axis] as number;
    if (dim === 0) return '[]';
    let text = '[';
    if (axis === shape.length - 1) {
      text += format(start);
      for (let i = 1; i < dim; i++) text += separator + format(start + i);
    } else {
      const inner = stride / dim;
      text += level(axis + 1, start, inner);
      for (let i = 1; i < dim; i++) text += separator + level(axis + 1, start + i * inner, inner);
    }
    return `${text}]`;
  };
  return level(0, offset, sizeOf(shape));
}

function elementFormatter(tensor: Tensor, python: boolean): (i: number) => string {
  const data = raw(tensor.data);
  const dtype = tensor.dtype;
  if (dtype === 'bool') return (i) => (data[i] !== 0 ? 'true' : 'false');
  if (!isFloatDType(dtype)) return (i) => String(data[i]);
  const half = dtype === 'float16';
  return (i) => {
    const value = half ? float16ToNumber(data[i] as number) : (data[i] as number);
    if (!Number.isFinite(value)) {
      throw new ValidationError(
        `${value} at index ${formatIndex(i, tensor.shape)} cannot be encoded as JSON`,
      );
    }
    if (python) return pythonFloat(value);
    // JSON.stringify writes -0 as 0; keeping the sign costs nothing and round-trips.
    return value === 0 && Object.is(value, -0) ? '-0' : String(value);
  };
}
