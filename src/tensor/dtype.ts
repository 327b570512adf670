/**
 * The element types a {@link Tensor} can hold, and the typed array each one is stored in. Names follow
 * numpy (`float32`, `int64`, `bool`, …) so they map one-to-one onto `.npy` descriptors.
 */

import { ValidationError } from '../errors';

/**
 * A tensor element type. `float16` is stored as raw IEEE-754 half bits in a `Uint16Array` (Node 20
 * has no `Float16Array`); `bool` as 0/1 bytes in a `Uint8Array`; the 64-bit integers as `BigInt`
 * arrays.
 *
 * @example
 * ```ts
 * import type { DType } from 'aws-ai/tensor';
 * const dtype: DType = 'float32';
 * ```
 */
export type DType =
  | 'float16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

/**
 * The typed array that stores the elements of a given {@link DType}.
 *
 * @example
 * ```ts
 * import type { TypedArrayFor } from 'aws-ai/tensor';
 * const ids: TypedArrayFor<'int64'> = new BigInt64Array([101n, 2023n, 102n]);
 * ```
 */
export type TypedArrayFor<D extends DType> = {
  float16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
}[D];

/**
 * The JavaScript value of one element of a given {@link DType}, as {@link Tensor.toArray} returns it:
 * `number` for floats (half floats decoded) and 8–32-bit integers, `bigint` for 64-bit integers,
 * `boolean` for `bool`.
 *
 * @example
 * ```ts
 * import type { ElementFor } from 'aws-ai/tensor';
 * const id: ElementFor<'int64'> = 42n;
 * ```
 */
export type ElementFor<D extends DType> = D extends 'int64' | 'uint64'
  ? bigint
  : D extends 'bool'
    ? boolean
    : number;

/**
 * Any typed array {@link Tensor.from} accepts (`Uint8ClampedArray` is read as `uint8`).
 *
 * @example
 * ```ts
 * import type { AnyTypedArray } from 'aws-ai/tensor';
 * const rows: AnyTypedArray[] = [new Float32Array(4), new Float32Array(4)];
 * ```
 */
export type AnyTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/**
 * The {@link DType} a typed array is read as when no `dtype` is given (`Uint16Array` is `uint16`,
 * never `float16`: half floats must be asked for).
 *
 * @example
 * ```ts
 * import type { DTypeOfArray } from 'aws-ai/tensor';
 * type D = DTypeOfArray<Float32Array>; // 'float32'
 * ```
 */
export type DTypeOfArray<A extends AnyTypedArray> = A extends Float32Array
  ? 'float32'
  : A extends Float64Array
    ? 'float64'
    : A extends Int8Array
      ? 'int8'
      : A extends Int16Array
        ? 'int16'
        : A extends Int32Array
          ? 'int32'
          : A extends BigInt64Array
            ? 'int64'
            : A extends Uint16Array
              ? 'uint16'
              : A extends Uint32Array
                ? 'uint32'
                : A extends BigUint64Array
                  ? 'uint64'
                  : 'uint8';

/** Constructor of a typed array, loose enough to cover all of them. */
export interface TypedArrayConstructorLike {
  new (length: number): AnyTypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): AnyTypedArray;
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
}

/**
 * The methods shared by every typed array, typed loosely so generic code can copy between arrays of
 * the same kind without a cast at every call (TypeScript cannot call `set` on a union of them).
 * @internal
 */
export interface RawArray {
  readonly length: number;
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly BYTES_PER_ELEMENT: number;
  subarray(begin?: number, end?: number): RawArray;
  set(array: RawArray, offset?: number): void;
  copyWithin(target: number, start: number, end?: number): RawArray;
  fill(value: never, start?: number, end?: number): RawArray;
  [index: number]: number | bigint;
}

/** Reinterprets a typed array as a {@link RawArray}. @internal */
export const raw = (array: AnyTypedArray): RawArray => array as unknown as RawArray;

const CONSTRUCTORS: Record<DType, TypedArrayConstructorLike> = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/**
 * Every supported {@link DType}, in a stable order.
 *
 * @example
 * ```ts
 * import { DTYPES } from 'aws-ai/tensor';
 * DTYPES.includes('float32'); // true
 * ```
 */
export const DTYPES: readonly DType[] = Object.freeze(Object.keys(CONSTRUCTORS) as DType[]);

/**
 * True when `value` names a supported {@link DType}.
 *
 * @example
 * ```ts
 * import { isDType } from 'aws-ai/tensor';
 * isDType('float32'); // true
 * isDType('bfloat16'); // false
 * ```
 */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && Object.hasOwn(CONSTRUCTORS, value);
}

/** Throws unless `dtype` is supported; returns it narrowed. @internal */
export function checkDType(dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new ValidationError(
      `unsupported dtype ${typeof dtype === 'string' ? JSON.stringify(dtype.slice(0, 20)) : typeof dtype}; expected one of ${DTYPES.join(', ')}`,
    );
  }
  return dtype;
}

/** The typed-array constructor that stores `dtype`. @internal */
export function arrayConstructor(dtype: DType): TypedArrayConstructorLike {
  return CONSTRUCTORS[dtype];
}

/** Allocates a zero-filled array for `length` elements of `dtype`. @internal */
export function allocate<D extends DType>(dtype: D, length: number): TypedArrayFor<D> {
  return new CONSTRUCTORS[dtype](length) as TypedArrayFor<D>;
}

/**
 * Bytes per element of `dtype` (`float16` is 2, `bool` is 1).
 *
 * @example
 * ```ts
 * import { itemSize } from 'aws-ai/tensor';
 * itemSize('float32'); // 4
 * ```
 */
export function itemSize(dtype: DType): number {
  return CONSTRUCTORS[dtype].BYTES_PER_ELEMENT;
}

/** True for the dtypes stored in BigInt arrays. @internal */
export function isBigIntDType(dtype: DType): dtype is 'int64' | 'uint64' {
  return dtype === 'int64' || dtype === 'uint64';
}

/** True for the floating-point dtypes. @internal */
export function isFloatDType(dtype: DType): dtype is 'float16' | 'float32' | 'float64' {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}

/** True when `value` is any typed array (not a DataView). @internal */
export function isTypedArray(value: unknown): value is AnyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** The dtype a typed array is read as by default; see {@link DTypeOfArray}. @internal */
export function dtypeOfArray(array: AnyTypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int8Array) return 'int8';
  if (array instanceof Int16Array) return 'int16';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof BigInt64Array) return 'int64';
  if (array instanceof Uint16Array) return 'uint16';
  if (array instanceof Uint32Array) return 'uint32';
  if (array instanceof BigUint64Array) return 'uint64';
  return 'uint8';
}

/** True when `data` is the exact array kind that stores `dtype`. @internal */
export function matchesDType(dtype: DType, data: unknown): boolean {
  const ctor = CONSTRUCTORS[dtype];
  // Uint8ClampedArray is not a Uint8Array subclass, so instanceof already rejects it; Buffer passes.
  return data instanceof (ctor as unknown as new () => object);
}

const INT_RANGES: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

const BIG_RANGES = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
} as const;

/**
 * Converts one JavaScript value to the stored representation of `dtype`, or returns `undefined` when
 * it cannot be represented exactly (a fraction or out-of-range value for an integer dtype, a string, …).
 * Floats accept any number (including NaN); integers must be exact and in range; `bool` takes
 * booleans and 0/1. The caller names the position in its error.
 * @internal
 */
export function toStored(dtype: DType, value: unknown): number | bigint | undefined {
  switch (dtype) {
    case 'float32':
    case 'float64':
    case 'float16':
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'bigint') return Number(value);
      return undefined;
    case 'bool':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 0 || value === 1) return value;
      if (value === 0n || value === 1n) return Number(value);
      return undefined;
    case 'int64':
    case 'uint64': {
      let big: bigint;
      if (typeof value === 'bigint') big = value;
      else if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value);
      else if (typeof value === 'boolean') big = value ? 1n : 0n;
      else return undefined;
      const [lo, hi] = BIG_RANGES[dtype];
      return big >= lo && big <= hi ? big : undefined;
    }
    default: {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'boolean') n = value ? 1 : 0;
      else if (typeof value === 'bigint') n = Number(value);
      else return undefined;
      const range = INT_RANGES[dtype];
      if (!range || !Number.isInteger(n) || n < range[0] || n > range[1]) return undefined;
      return n;
    }
  }
}
