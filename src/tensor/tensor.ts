/**
 * The {@link Tensor} type: a typed array, a shape and a dtype, in C (row-major) order. Tensors are
 * immutable values in their metadata; `data` is exposed as-is so that packing and codecs never re-box
 * numbers into JavaScript arrays.
 */

import { ValidationError } from '../errors';
import {
  type AnyTypedArray,
  allocate,
  checkDType,
  type DType,
  type DTypeOfArray,
  dtypeOfArray,
  type ElementFor,
  isBigIntDType,
  isTypedArray,
  matchesDType,
  type RawArray,
  raw,
  type TypedArrayFor,
  toStored,
} from './dtype';
import { float16ToNumber, numberToFloat16 } from './float16';
import { checkShape, formatIndex, formatShape, sizeOf } from './shape';

/**
 * A value nested in arrays to any depth, such as `[[1, 2], [3, 4]]`; a bare leaf is a rank-0 value.
 *
 * @example
 * ```ts
 * import type { NestedArray } from 'aws-ai/tensor';
 * const rows: NestedArray<number> = [[1, 2], [3, 4]];
 * ```
 */
export type NestedArray<T> = T | NestedArray<T>[];

/** Read-only nesting of one leaf type, for the typed overloads of {@link Tensor.from}: `[[1, 2], [3, 4]]`. */
export type ReadonlyNestedArray<T> = T | readonly ReadonlyNestedArray<T>[];

/**
 * What {@link Tensor.from} accepts: a typed array, a scalar, or arrays nested to any depth whose leaves
 * are numbers, booleans, bigints or typed arrays (a typed array counts as the innermost axis).
 *
 * @example
 * ```ts
 * import type { TensorLike } from 'aws-ai/tensor';
 * const batch: TensorLike = [new Float32Array([1, 2]), new Float32Array([3, 4])];
 * ```
 */
export type TensorLike = number | boolean | bigint | AnyTypedArray | readonly TensorLike[];

/**
 * Options of {@link Tensor.from}.
 *
 * @example
 * ```ts
 * import { Tensor } from 'aws-ai/tensor';
 * Tensor.from([1, 2, 3, 4], { dtype: 'int32', shape: [2, 2] });
 * ```
 */
export interface TensorFromOptions<D extends DType = DType> {
  /**
   * Element type. Default: the typed array's own dtype; otherwise `float32` for numbers, `bool` for
   * booleans, `int64` for bigints.
   */
  dtype?: D | undefined;
  /** Final shape; the data is reshaped to it. Default: the typed array's length or the nesting. */
  shape?: readonly number[] | undefined;
}

/**
 * An n-dimensional array: `data` holds `size` elements of `dtype` in C (row-major) order and `shape`
 * gives the length of each axis. Axis 0 is the batch axis for the batching helpers.
 *
 * Views ({@link Tensor.row}, {@link Tensor.reshape}, `split`) share `data` with their source.
 *
 * @example
 * ```ts
 * import { Tensor } from 'aws-ai/tensor';
 * const t = new Tensor('float32', [2, 3], new Float32Array([1, 2, 3, 4, 5, 6]));
 * t.row(1).toArray(); // [4, 5, 6]
 * ```
 */
export class Tensor<D extends DType = DType> {
  /** Element type. */
  readonly dtype: D;
  /** Length of each axis; `[]` for a scalar. Frozen. */
  readonly shape: readonly number[];
  /** The elements in C order; exactly `size` long. */
  readonly data: TypedArrayFor<D>;

  /**
   * Wraps `data` without copying it.
   *
   * `bool` data is not scanned: bytes other than 0/1 are kept as they are (and read as `true`).
   *
   * @param dtype - element type; `data` must be the typed array that stores it (see {@link TypedArrayFor}).
   * @param shape - non-negative integer dimensions whose product equals `data.length`.
   * @param data - the elements in C order.
   * @throws {ValidationError} for an unknown dtype, a malformed shape, a typed array of the wrong kind
   *   or a length that does not match the shape.
   * @example
   * ```ts
   * const ids = new Tensor('int64', [1, 3], new BigInt64Array([101n, 7592n, 102n]));
   * ```
   */
  constructor(dtype: D, shape: readonly number[], data: TypedArrayFor<D>) {
    checkDType(dtype);
    const frozen = checkShape(shape);
    if (!matchesDType(dtype, data)) {
      const kind = isTypedArray(data) ? data.constructor.name : typeof data;
      throw new ValidationError(
        `dtype ${dtype} needs a ${allocate(dtype, 0).constructor.name}, got ${kind}`,
      );
    }
    const size = sizeOf(frozen);
    if (data.length !== size) {
      throw new ValidationError(
        `shape ${formatShape(frozen)} needs ${size} elements, got ${data.length}`,
      );
    }
    this.dtype = dtype;
    this.shape = frozen;
    this.data = data;
  }

  /** Number of elements (product of the shape; 1 for a scalar). */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * Row `index` along axis 0, as a view sharing this tensor's memory (shape = `shape.slice(1)`).
   *
   * @throws {ValidationError} for a scalar or an index outside `[0, shape[0])`.
   * @example
   * ```ts
   * Tensor.from([[1, 2], [3, 4]]).row(1).toArray(); // [3, 4]
   * ```
   */
  row(index: number): Tensor<D> {
    const rows = this.shape[0];
    if (rows === undefined) throw new ValidationError('row() needs a tensor of rank >= 1');
    if (!Number.isInteger(index) || index < 0 || index >= rows) {
      throw new ValidationError(`row index ${index} is out of range for ${rows} rows`);
    }
    const inner = this.shape.slice(1);
    const stride = sizeOf(inner);
    const view = raw(this.data).subarray(index * stride, (index + 1) * stride);
    return new Tensor(this.dtype, inner, view as unknown as TypedArrayFor<D>);
  }

  /**
   * The same elements under another shape, as a view sharing this tensor's memory. One dimension may
   * be `-1`; it is inferred from the others.
   *
   * @throws {ValidationError} when the sizes differ, or for more than one `-1`.
   * @example
   * ```ts
   * Tensor.from([1, 2, 3, 4, 5, 6]).reshape([2, -1]).shape; // [2, 3]
   * ```
   */
  reshape(shape: readonly number[]): Tensor<D> {
    const resolved = resolveShape(shape, this.size);
    return new Tensor(this.dtype, resolved, this.data);
  }

  /**
   * The elements as nested plain arrays, like numpy's `tolist()`: numbers (half floats decoded),
   * bigints for 64-bit integers, booleans for `bool`. A scalar returns its bare value.
   *
   * @example
   * ```ts
   * Tensor.from([[true, false]]).toArray(); // [[true, false]]
   * ```
   */
  toArray(): NestedArray<ElementFor<D>> {
    const read = elementReader(this.dtype, this.data) as (i: number) => ElementFor<D>;
    const shape = this.shape;
    if (shape.length === 0) return read(0);
    const build = (axis: number, offset: number, stride: number): NestedArray<ElementFor<D>>[] => {
      const dim = shape[axis] ?? 0;
      const out: NestedArray<ElementFor<D>>[] = new Array(dim);
      if (axis === shape.length - 1) {
        for (let i = 0; i < dim; i++) out[i] = read(offset + i);
      } else {
        const inner = stride / (dim || 1);
        for (let i = 0; i < dim; i++) out[i] = build(axis + 1, offset + i * inner, inner);
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  /**
   * A zero-filled tensor (`false` for `bool`, `+0` for floats).
   *
   * @throws {ValidationError} for an unknown dtype or a malformed shape.
   * @example
   * ```ts
   * Tensor.zeros('float32', [2, 3]).size; // 6
   * ```
   */
  static zeros<D extends DType>(dtype: D, shape: readonly number[]): Tensor<D> {
    checkDType(dtype);
    return new Tensor(dtype, shape, allocate(dtype, sizeOf(checkShape(shape))));
  }

  /**
   * Builds a tensor from a typed array, a scalar or nested arrays.
   *
   * - A typed array of the requested dtype (or with no dtype asked for) is wrapped **without copying**;
   *   otherwise the elements are converted into a new array.
   * - Nested arrays give the shape (`[[1, 2], [3, 4]]` is `[2, 2]`); typed arrays may be the innermost
   *   level (`[f32a, f32b]`).
   * - Default dtype: the typed array's own (`Uint16Array` is `uint16`; ask for `float16` explicitly, the
   *   bits are then taken as half floats), else `float32` for numbers, `bool` for booleans, `int64` for
   *   bigints. With an explicit `dtype`, plain numbers are encoded to it (half floats round to nearest
   *   even); integer dtypes take only exact in-range integers — unlike a typed-array store, nothing is
   *   silently truncated or wrapped.
   *
   * @throws {ValidationError} for ragged nesting (naming the axis, the index and both lengths), mixed
   *   leaf kinds, values the dtype cannot hold (naming the index), or a `shape` of another size.
   * @example
   * ```ts
   * Tensor.from([[1, 2, 3], [4, 5, 6]]).shape; // [2, 3], float32
   * Tensor.from(new Int32Array([1, 2, 3, 4]), { shape: [2, 2] }).dtype; // 'int32'
   * Tensor.from([[101n, 102n]]).dtype; // 'int64'
   * ```
   */
  static from<D extends DType>(
    value: TensorLike,
    options: TensorFromOptions<D> & { dtype: D },
  ): Tensor<D>;
  static from<A extends AnyTypedArray>(
    value: A | readonly A[],
    options?: TensorFromOptions<never>,
  ): Tensor<DTypeOfArray<A>>;
  static from(
    value: ReadonlyNestedArray<number>,
    options?: TensorFromOptions<never>,
  ): Tensor<'float32'>;
  static from(
    value: ReadonlyNestedArray<boolean>,
    options?: TensorFromOptions<never>,
  ): Tensor<'bool'>;
  static from(
    value: ReadonlyNestedArray<bigint>,
    options?: TensorFromOptions<never>,
  ): Tensor<'int64'>;
  static from(value: TensorLike, options?: TensorFromOptions): Tensor;
  static from(value: TensorLike, options: TensorFromOptions = {}): Tensor {
    return tensorFrom(value, options, 'float32');
  }
}

/** Resolves one `-1` and checks the size. @internal */
export function resolveShape(shape: readonly number[], size: number): number[] {
  if (!Array.isArray(shape)) throw new ValidationError('shape must be an array of integers');
  const out = shape.slice();
  const free = out.indexOf(-1);
  if (free !== -1) {
    if (out.indexOf(-1, free + 1) !== -1) {
      throw new ValidationError(`shape ${formatShape(shape)} has more than one -1`);
    }
    out[free] = 1;
    checkShape(out);
    const known = sizeOf(out);
    if (known === 0 || size % known !== 0) {
      throw new ValidationError(`cannot reshape ${size} elements to ${formatShape(shape)}`);
    }
    out[free] = size / known;
  }
  checkShape(out);
  if (sizeOf(out) !== size) {
    throw new ValidationError(`cannot reshape ${size} elements to ${formatShape(shape)}`);
  }
  return out;
}

/** A function reading element `i` of `data` as its JavaScript value. @internal */
export function elementReader(dtype: DType, data: AnyTypedArray): (i: number) => unknown {
  const array = raw(data);
  if (dtype === 'float16') return (i) => float16ToNumber(array[i] as number);
  if (dtype === 'bool') return (i) => array[i] !== 0;
  return (i) => array[i];
}

/** Writes converted values into `out`, encoding half floats. @internal */
function storeInto(dtype: DType, out: RawArray, index: number, value: number | bigint): void {
  out[index] = dtype === 'float16' ? numberToFloat16(value as number) : value;
}

/**
 * Shared implementation of {@link Tensor.from} and the text decoders; `numberDefault` is the dtype
 * plain numbers get when none is asked for (the decoders use float64 so no precision is lost).
 * @internal
 */
export function tensorFrom(
  value: TensorLike,
  options: TensorFromOptions,
  numberDefault: DType,
): Tensor {
  const requested = options.dtype === undefined ? undefined : checkDType(options.dtype);
  let tensor: Tensor;
  if (isTypedArray(value)) {
    tensor = fromTypedArray(value, requested);
  } else {
    tensor = fromNested(value, requested, numberDefault);
  }
  return options.shape === undefined ? tensor : tensor.reshape(options.shape);
}

function fromTypedArray(value: AnyTypedArray, requested: DType | undefined): Tensor {
  const own = dtypeOfArray(value);
  const dtype = requested ?? own;
  if (matchesDType(dtype, value) && dtype !== 'bool') {
    return new Tensor(dtype, [value.length], value as TypedArrayFor<DType>);
  }
  const out = raw(allocate(dtype, value.length));
  const source = raw(value);
  // Half floats in a Uint16Array are only ever bits when the caller said so; here they are integers.
  const fastFloat = (dtype === 'float32' || dtype === 'float64') && !isBigIntDType(own);
  if (fastFloat) {
    out.set(source);
  } else {
    for (let i = 0; i < source.length; i++) {
      const stored = toStored(dtype, source[i]);
      if (stored === undefined) throw unrepresentable(source[i], dtype, `index ${i}`);
      storeInto(dtype, out, i, stored);
    }
  }
  return new Tensor(dtype, [value.length], out as unknown as TypedArrayFor<DType>);
}

/** Most axes a tensor may have (numpy 2's NPY_MAXDIMS). */
const MAX_RANK = 64;

function fromNested(value: TensorLike, requested: DType | undefined, numberDefault: DType): Tensor {
  // The first path down the nesting fixes the shape; every other branch must match it.
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    // numpy's own limit (NPY_MAXDIMS); it also keeps the recursive walk below off the stack limit.
    if (shape.length === MAX_RANK) {
      throw new ValidationError(`a tensor has at most ${MAX_RANK} axes; the array nests deeper`);
    }
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (isTypedArray(probe)) shape.push(probe.length);

  const leaves: unknown[] = [];
  let firstTyped: AnyTypedArray | undefined;
  const walk = (node: unknown, axis: number, path: number[]): void => {
    if (axis === shape.length) {
      if (Array.isArray(node) || isTypedArray(node)) {
        throw ragged(axis, path, 'a scalar', node);
      }
      leaves.push(node);
      return;
    }
    const expected = shape[axis] as number;
    if (isTypedArray(node)) {
      if (axis !== shape.length - 1 || node.length !== expected)
        throw ragged(axis, path, expected, node);
      firstTyped ??= node;
      for (let i = 0; i < node.length; i++) leaves.push(node[i]);
      return;
    }
    if (!Array.isArray(node) || node.length !== expected) throw ragged(axis, path, expected, node);
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walk(node[i], axis + 1, path);
      path.pop();
    }
  };
  walk(value, 0, []);

  const dtype =
    requested ??
    (firstTyped ? dtypeOfArray(firstTyped) : inferLeafDType(leaves, shape, numberDefault));
  const out = raw(allocate(dtype, leaves.length));
  for (let i = 0; i < leaves.length; i++) {
    const stored = toStored(dtype, leaves[i]);
    if (stored === undefined)
      throw unrepresentable(leaves[i], dtype, `index ${formatIndex(i, shape)}`);
    storeInto(dtype, out, i, stored);
  }
  return new Tensor(dtype, shape, out as unknown as TypedArrayFor<DType>);
}

function inferLeafDType(
  leaves: readonly unknown[],
  shape: readonly number[],
  numberDefault: DType,
): DType {
  const kind = typeof leaves[0];
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    const leafKind = typeof leaf;
    if (leafKind !== 'number' && leafKind !== 'boolean' && leafKind !== 'bigint') {
      throw new ValidationError(
        `${describe(leaf)} at index ${formatIndex(i, shape)} is not a number, boolean or bigint`,
      );
    }
    if (leafKind !== kind) {
      throw new ValidationError(
        `mixed element types: ${kind} at index ${formatIndex(0, shape)} but ${describe(leaf)} at index ${formatIndex(i, shape)}`,
      );
    }
  }
  if (kind === 'boolean') return 'bool';
  if (kind === 'bigint') return 'int64';
  return numberDefault;
}

function ragged(
  axis: number,
  path: readonly number[],
  expected: number | string,
  got: unknown,
): ValidationError {
  const length = Array.isArray(got) || isTypedArray(got) ? `length ${got.length}` : describe(got);
  const where = path.length === 0 ? 'the top level' : `index ${formatShape(path)}`;
  const want = typeof expected === 'number' ? `length ${expected}` : expected;
  return new ValidationError(
    `ragged nested array at axis ${axis}: expected ${want} (as at index ${formatShape(path.map(() => 0))}) but ${where} has ${length}`,
  );
}

function unrepresentable(value: unknown, dtype: DType, where: string): ValidationError {
  return new ValidationError(`${describe(value)} at ${where} cannot be stored as ${dtype}`);
}

/**
 * Short description of a value for error messages. A string is named by its length, never quoted:
 * a string among a tensor's elements is the caller's payload (a token, a patient's name), and
 * errors hold no payload text (ADR 0005). @internal
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/**
 * Throws a ValidationError unless `value` is a {@link Tensor}: the tensor functions check their
 * arguments, so `stack([null])` or `toNpy({})` names the bad argument instead of failing inside.
 * @internal
 */
export function assertTensor(value: unknown, label: string): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new ValidationError(
      `${label} must be a Tensor (Tensor.from(...)), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
}
