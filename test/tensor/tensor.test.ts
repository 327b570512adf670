import { DTYPES, float16ToNumber, numberToFloat16, Tensor } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';

describe('Tensor', () => {
  it('wraps data without copying and exposes size, rank and shape', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const t = new Tensor('float32', [2, 3], data);
    expect(t.data).toBe(data);
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(t.shape).toEqual([2, 3]);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it('rejects a length that does not match the shape', () => {
    expect(() => new Tensor('float32', [2, 3], new Float32Array(5))).toThrow(ValidationError);
    expect(() => new Tensor('float32', [2, 3], new Float32Array(5))).toThrow(
      'shape [2, 3] needs 6 elements, got 5',
    );
  });

  it('rejects an array of the wrong kind for the dtype', () => {
    // A Float64Array is not a float32 tensor; Uint8Array is not float16 bits.
    expect(() => new Tensor('float32', [2], new Float64Array(2) as never)).toThrow(
      'dtype float32 needs a Float32Array, got Float64Array',
    );
    expect(() => new Tensor('float16', [2], new Uint8Array(2) as never)).toThrow(ValidationError);
    expect(() => new Tensor('int64', [1], new BigUint64Array(1) as never)).toThrow(ValidationError);
    expect(() => new Tensor('bfloat16' as string as 'float16', [1], new Uint16Array(1))).toThrow(
      'unsupported dtype',
    );
  });

  it('rejects malformed shapes', () => {
    expect(() => new Tensor('int32', [-1], new Int32Array(0))).toThrow(
      'invalid dimension -1 at axis 0',
    );
    expect(() => new Tensor('int32', [1.5], new Int32Array(1))).toThrow(ValidationError);
  });

  it('supports scalars and empty tensors', () => {
    const scalar = new Tensor('int32', [], new Int32Array([7]));
    expect(scalar.rank).toBe(0);
    expect(scalar.size).toBe(1);
    expect(scalar.toArray()).toBe(7);
    const empty = new Tensor('float32', [0, 4], new Float32Array(0));
    expect(empty.toArray()).toEqual([]);
  });

  it('row() is a zero-copy view of one row along axis 0', () => {
    const t = Tensor.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const row = t.row(1);
    expect(row.shape).toEqual([3]);
    expect(row.toArray()).toEqual([4, 5, 6]);
    expect(row.data.buffer).toBe(t.data.buffer);
    row.data[0] = 40;
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [40, 5, 6],
    ]);
    expect(() => t.row(2)).toThrow('row index 2 is out of range for 2 rows');
    expect(() => Tensor.from(1).row(0)).toThrow(ValidationError);
  });

  it('reshape() is a view and infers one -1', () => {
    const t = Tensor.from(new Int32Array([1, 2, 3, 4, 5, 6]));
    const r = t.reshape([3, -1]);
    expect(r.shape).toEqual([3, 2]);
    expect(r.data).toBe(t.data);
    expect(r.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(() => t.reshape([4, -1])).toThrow('cannot reshape 6 elements to [4, -1]');
    expect(() => t.reshape([-1, -1])).toThrow('more than one -1');
    expect(() => t.reshape([5])).toThrow(ValidationError);
  });

  it('zeros() allocates a zero-filled tensor of any dtype', () => {
    for (const dtype of DTYPES) {
      const t = Tensor.zeros(dtype, [2, 2]);
      expect(t.dtype).toBe(dtype);
      expect(t.size).toBe(4);
    }
    expect(Tensor.zeros('int64', [2]).toArray()).toEqual([0n, 0n]);
    expect(Tensor.zeros('bool', [2]).toArray()).toEqual([false, false]);
  });
});

describe('Tensor.from', () => {
  it('infers the shape from nested arrays and defaults numbers to float32', () => {
    const t = Tensor.from([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    ]);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([1, 3, 2]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('infers bool from booleans and int64 from bigints', () => {
    const b = Tensor.from([true, false, true]);
    expect(b.dtype).toBe('bool');
    expect(b.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(b.data)).toEqual([1, 0, 1]);
    expect(b.toArray()).toEqual([true, false, true]);
    const ids = Tensor.from([[101n, 7592n, 102n]]);
    expect(ids.dtype).toBe('int64');
    expect(ids.data).toBeInstanceOf(BigInt64Array);
    expect(ids.toArray()).toEqual([[101n, 7592n, 102n]]);
  });

  it('takes the dtype from a typed array and wraps it without copying', () => {
    const data = new Int16Array([1, 2, 3, 4]);
    const t = Tensor.from(data, { shape: [2, 2] });
    expect(t.dtype).toBe('int16');
    expect(t.data).toBe(data);
    expect(Tensor.from(new Uint8ClampedArray([1, 255])).dtype).toBe('uint8');
    expect(Tensor.from(new BigUint64Array([1n])).dtype).toBe('uint64');
  });

  it('accepts typed arrays as the innermost level', () => {
    const t = Tensor.from([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('names the axis, index and lengths of ragged arrays', () => {
    const ragged = () =>
      Tensor.from([
        [1, 2, 3],
        [4, 5],
      ]);
    expect(ragged).toThrow(ValidationError);
    expect(ragged).toThrow(
      'ragged nested array at axis 1: expected length 3 (as at index [0]) but index [1] has length 2',
    );
    expect(() =>
      Tensor.from([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow(
      'ragged nested array at axis 2: expected length 1 (as at index [0, 0]) but index [1, 1] has length 2',
    );
    expect(() => Tensor.from([[1, 2], 3] as never)).toThrow('index [1] has 3');
    expect(() => Tensor.from([1, [2]] as never)).toThrow('expected a scalar');
  });

  it('rejects mixed element kinds and non-numeric leaves with their index', () => {
    expect(() => Tensor.from([1, true] as never)).toThrow(
      'mixed element types: number at index [0] but true at index [1]',
    );
    expect(() => Tensor.from([[1, null]] as never, { dtype: 'float32' })).toThrow(
      'null at index [0, 1] cannot be stored as float32',
    );
  });

  it('converts to an explicit dtype, strictly for integers', () => {
    expect(Tensor.from([1, 2, 3], { dtype: 'int64' }).toArray()).toEqual([1n, 2n, 3n]);
    expect(Tensor.from([[1, 0]], { dtype: 'bool' }).toArray()).toEqual([[true, false]]);
    expect(Array.from(Tensor.from([255], { dtype: 'uint8' }).data)).toEqual([255]);
    expect(() => Tensor.from([256], { dtype: 'uint8' })).toThrow(
      '256 at index [0] cannot be stored as uint8',
    );
    expect(() => Tensor.from([1.5], { dtype: 'int32' })).toThrow(ValidationError);
    expect(() => Tensor.from([-1n], { dtype: 'uint64' })).toThrow(ValidationError);
    expect(() => Tensor.from(new Float32Array([0.5]), { dtype: 'int8' })).toThrow(
      '0.5 at index 0 cannot be stored as int8',
    );
    const f64 = Tensor.from(new Float32Array([0.5, 1.25]), { dtype: 'float64' });
    expect(f64.data).toBeInstanceOf(Float64Array);
    expect(Array.from(f64.data)).toEqual([0.5, 1.25]);
  });

  it('encodes numbers to float16 bits and reads Uint16Array bits as float16 on request', () => {
    const h = Tensor.from([1, 0.1, -2, 65504], { dtype: 'float16' });
    expect(Array.from(h.data)).toEqual([0x3c00, 0x2e66, 0xc000, 0x7bff]);
    expect(h.toArray()).toEqual([1, 0.0999755859375, -2, 65504]);
    const bits = new Uint16Array([0x3c00]);
    const fromBits = Tensor.from(bits, { dtype: 'float16' });
    expect(fromBits.data).toBe(bits);
    expect(fromBits.toArray()).toEqual([1]);
  });

  it('builds scalars', () => {
    const t = Tensor.from(3.5);
    expect(t.shape).toEqual([]);
    expect(t.toArray()).toBe(3.5);
  });
});

describe('float16', () => {
  it('decodes the special values exactly', () => {
    expect(float16ToNumber(0x0000)).toBe(0);
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
    expect(float16ToNumber(0x0001)).toBe(2 ** -24);
    expect(float16ToNumber(0x03ff)).toBe(1023 * 2 ** -24);
    expect(float16ToNumber(0x0400)).toBe(2 ** -14);
    expect(float16ToNumber(0x7bff)).toBe(65504);
    expect(float16ToNumber(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(float16ToNumber(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(float16ToNumber(0x7e00)).toBeNaN();
    expect(float16ToNumber(0x3555)).toBe(0.333251953125);
  });

  it('round-trips every one of the 65536 bit patterns (NaNs to the quiet NaN)', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16ToNumber(bits);
      const expected = Number.isNaN(value) ? 0x7e00 : bits;
      if (numberToFloat16(value) !== expected) throw new Error(`bits 0x${bits.toString(16)}`);
    }
  });

  it('rounds to nearest, ties to even, like numpy astype(float16)', () => {
    // Values checked against numpy 2.4.6: np.array([...]).astype(np.float16).view(np.uint16).
    expect(numberToFloat16(0.1)).toBe(0x2e66);
    expect(numberToFloat16(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1+2^-10: even (1)
    expect(numberToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: even mantissa 2
    expect(numberToFloat16(1 + 2 ** -11 + 2 ** -30)).toBe(0x3c01); // just above the tie
    expect(numberToFloat16(65519.99)).toBe(0x7bff);
    expect(numberToFloat16(65520)).toBe(0x7c00); // halfway to 2^16 rounds to even: Infinity
    expect(numberToFloat16(2 ** -25)).toBe(0x0000); // half the smallest subnormal: even (0)
    expect(numberToFloat16(3 * 2 ** -25)).toBe(0x0002);
    expect(numberToFloat16(-0)).toBe(0x8000);
    expect(numberToFloat16(-1e9)).toBe(0xfc00);
    expect(numberToFloat16(Number.NaN)).toBe(0x7e00);
  });
});
