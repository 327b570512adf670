/**
 * `text/csv` bodies, laid out like the SageMaker Python SDK's CSVSerializer: each row along axis 0 is
 * flattened and written with `csv.writer`, rows are joined by `\n`, no trailing newline.
 */

import { ValidationError } from '../errors';
import {
  allocate,
  type DType,
  isBigIntDType,
  isFloatDType,
  raw,
  type TypedArrayFor,
  toStored,
} from './dtype';
import { float16ToNumber, numberToFloat16 } from './float16';
import { numpyFloat } from './format-number';
import { decodeText } from './json-codec';
import { assertTensor, Tensor } from './tensor';

/**
 * Encodes a tensor as CSV exactly as the SageMaker SDK's `CSVSerializer` does for a numpy array of the
 * same dtype: one line per row along axis 0 (each row flattened, so `[n, h, w]` gives `n` lines of
 * `h × w` values), values joined by `,`, lines by `\n`, no trailing newline. A rank-1 tensor is one
 * line; a scalar is one value.
 *
 * Values are written as numpy's `str()` of each element (what `csv.writer` calls): float64 like
 * Python's `repr` (`1.0`, `0.1`, `1e-05`, `1e+16`); float32 and float16 at their *own* shortest
 * precision (`0.1`, not `0.10000000149011612`) with numpy's switch to scientific at 1e6 (float32) or
 * 1e3 (float16); `nan`, `inf`, `-inf`; integers plainly; `bool` as `True`/`False`.
 *
 * @throws {ValidationError} for an empty tensor or empty rows (the SDK raises "Cannot serialize empty
 *   array").
 * @example
 * ```ts
 * import { Tensor, toCsv } from 'aws-ai/tensor';
 * toCsv(Tensor.from([[1, 0.1], [2.5, 1e-5]])); // '1.0,0.1\n2.5,1e-05'
 * ```
 */
export function toCsv(tensor: Tensor): string {
  assertTensor(tensor, 'toCsv() tensor');
  if (tensor.size === 0) throw new ValidationError('toCsv() cannot serialize an empty tensor');
  const rows = tensor.rank >= 2 ? (tensor.shape[0] as number) : 1;
  const columns = tensor.size / rows;
  const format = formatter(tensor.dtype, tensor.data);
  const lines: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * columns;
    let line = format(start);
    for (let c = 1; c < columns; c++) line += `,${format(start + c)}`;
    lines[r] = line;
  }
  return lines.join('\n');
}

/**
 * Options of {@link fromCsv}.
 *
 * @example
 * ```ts
 * import { fromCsv } from 'aws-ai/tensor';
 * fromCsv('1,2\n3,4', { dtype: 'int32' });
 * ```
 */
export interface FromCsvOptions<D extends DType = DType> {
  /** Element type. Default `float64`, as `numpy.genfromtxt` in the SDK's NumpyDeserializer. */
  dtype?: D | undefined;
  /** Final shape to reshape to. Default `[rows, columns]`. */
  shape?: readonly number[] | undefined;
}

/**
 * Decodes CSV text (or UTF-8 bytes) of numbers into a `[rows, columns]` tensor. Accepts `\n` or `\r\n`
 * line ends, a trailing newline, blank lines (skipped), double-quoted fields, Python/numpy spellings
 * (`nan`, `inf`, `-inf`, `True`, `False`) and JavaScript ones (`NaN`, `Infinity`). 64-bit integer
 * dtypes are parsed exactly.
 *
 * @throws {ValidationError} for an empty body, rows with differing column counts (naming the line), or
 *   a field that is not a number of the dtype (naming the line and column).
 * @example
 * ```ts
 * import { fromCsv } from 'aws-ai/tensor';
 * fromCsv('0.1,0.9\n0.8,0.2\n').toArray(); // [[0.1, 0.9], [0.8, 0.2]]
 * ```
 */
export function fromCsv<D extends DType = 'float64'>(
  body: string | Uint8Array,
  options: FromCsvOptions<D> = {},
): Tensor<D> {
  const dtype = (options.dtype ?? 'float64') as D;
  const lines = decodeText(body)
    .split(/\r?\n/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '');
  const firstLine = lines[0];
  if (firstLine === undefined) throw new ValidationError('CSV body has no rows');
  const columns = firstLine.line.split(',').length;
  const out = raw(allocate(dtype, lines.length * columns));
  const big = isBigIntDType(dtype);
  for (let r = 0; r < lines.length; r++) {
    const { line, number } = lines[r] as { line: string; number: number };
    const fields = line.split(',');
    if (fields.length !== columns) {
      throw new ValidationError(
        `CSV line ${number} has ${fields.length} columns, expected ${columns} (as line ${firstLine.number})`,
      );
    }
    for (let c = 0; c < columns; c++) {
      const text = unquote((fields[c] as string).trim());
      const parsed = big ? parseBigInt(text) : parseNumber(text);
      const stored = parsed === undefined ? undefined : toStored(dtype, parsed);
      if (stored === undefined) {
        throw new ValidationError(
          `CSV line ${number}, column ${c + 1}: ${JSON.stringify(text.slice(0, 30))} is not a valid ${dtype}`,
        );
      }
      out[r * columns + c] = dtype === 'float16' ? numberToFloat16(stored as number) : stored;
    }
  }
  const tensor = new Tensor(dtype, [lines.length, columns], out as unknown as TypedArrayFor<D>);
  return options.shape === undefined ? tensor : tensor.reshape(options.shape);
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"')
    ? text.slice(1, -1).replaceAll('""', '"')
    : text;
}

const SPECIAL: Record<string, number | boolean> = {
  nan: Number.NaN,
  '+nan': Number.NaN,
  '-nan': Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
  true: true,
  false: false,
};

function parseNumber(text: string): number | boolean | undefined {
  const special = SPECIAL[text.toLowerCase()];
  if (special !== undefined) return special;
  // Number('') is 0 and Number('0x10') is 16; neither is a CSV number.
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function parseBigInt(text: string): bigint | boolean | undefined {
  const special = SPECIAL[text.toLowerCase()];
  if (typeof special === 'boolean') return special;
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  return BigInt(text);
}

function formatter(dtype: DType, data: TypedArrayFor<DType>): (i: number) => string {
  const array = raw(data);
  if (dtype === 'bool') return (i) => (array[i] !== 0 ? 'True' : 'False');
  if (dtype === 'float16') return (i) => numpyFloat(float16ToNumber(array[i] as number), 'float16');
  if (isFloatDType(dtype)) return (i) => numpyFloat(array[i] as number, dtype);
  return (i) => String(array[i]);
}
