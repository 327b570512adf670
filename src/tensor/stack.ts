/**
 * Batch assembly along axis 0: `stack` rows into a batch, `concat` batches, `split` a batch back into
 * per-request views. The copies are `TypedArray.set` calls into one allocation, which V8 lowers to
 * memcpy; nothing is re-boxed.
 */

import { ValidationError } from '../errors';
import { allocate, arrayConstructor, type DType, raw, type TypedArrayFor } from './dtype';
import { formatShape, sameShape, sizeOf } from './shape';
import { assertTensor, Tensor } from './tensor';

/**
 * Options of {@link stack}.
 *
 * @example
 * ```ts
 * import { stack, Tensor } from 'aws-ai/tensor';
 * const scratch = new Float32Array(64 * 512);
 * stack([Tensor.from(new Float32Array(512))], { into: scratch }).shape; // [1, 512]
 * ```
 */
export interface StackOptions<D extends DType = DType> {
  /**
   * A preallocated array to write the batch into (reused between calls to avoid allocating); the
   * result is a view of its first `rows × rowSize` elements. Default: a fresh allocation.
   */
  into?: TypedArrayFor<D> | undefined;
}

/**
 * Stacks tensors of identical dtype and shape along a new axis 0: `n` tensors of shape `S` give one of
 * shape `[n, ...S]`. One allocation, one `TypedArray.set` per row.
 *
 * @throws {ValidationError} for an empty list, or naming the first index whose dtype or shape differs
 *   from `tensors[0]`, or when `into` is of the wrong kind or too small.
 * @example
 * ```ts
 * import { stack, Tensor } from 'aws-ai/tensor';
 * const batch = stack([Tensor.from([1, 2]), Tensor.from([3, 4])]);
 * batch.shape; // [2, 2]
 * ```
 */
export function stack<D extends DType>(
  tensors: readonly Tensor<D>[],
  options: StackOptions<D> = {},
): Tensor<D> {
  const first = checkSame(tensors, 'stack', false);
  const rowSize = first.size;
  const total = rowSize * tensors.length;
  const out = raw(output(first.dtype, total, options.into));
  for (let i = 0; i < tensors.length; i++) {
    out.set(raw((tensors[i] as Tensor<D>).data), i * rowSize);
  }
  return new Tensor(
    first.dtype,
    [tensors.length, ...first.shape],
    out as unknown as TypedArrayFor<D>,
  );
}

/**
 * Joins tensors along their existing axis 0: shapes `[a, ...S]` and `[b, ...S]` give `[a + b, ...S]`.
 * One allocation, one `TypedArray.set` per input.
 *
 * @throws {ValidationError} for an empty list, a scalar, or naming the first index whose dtype or
 *   trailing shape differs from `tensors[0]`.
 * @example
 * ```ts
 * import { concat, Tensor } from 'aws-ai/tensor';
 * concat([Tensor.from([[1, 2]]), Tensor.from([[3, 4], [5, 6]])]).shape; // [3, 2]
 * ```
 */
export function concat<D extends DType>(tensors: readonly Tensor<D>[]): Tensor<D> {
  const first = checkSame(tensors, 'concat', true);
  let rows = 0;
  for (const t of tensors) rows += t.shape[0] as number;
  const inner = first.shape.slice(1);
  const out = raw(allocate(first.dtype, rows * sizeOf(inner)));
  let offset = 0;
  for (const t of tensors) {
    out.set(raw(t.data), offset);
    offset += t.size;
  }
  return new Tensor(first.dtype, [rows, ...inner], out as unknown as TypedArrayFor<D>);
}

/**
 * Splits a tensor along axis 0 into consecutive pieces of `counts[i]` rows each, as views that share
 * its memory (no copy). A count of 0 gives an empty `[0, ...]` view.
 *
 * @throws {ValidationError} for a scalar, a count that is not a non-negative integer, or counts that do
 *   not sum to `shape[0]`.
 * @example
 * ```ts
 * import { split, Tensor } from 'aws-ai/tensor';
 * const [a, b] = split(Tensor.from([[1], [2], [3]]), [1, 2]);
 * b?.toArray(); // [[2], [3]]
 * ```
 */
export function split<D extends DType>(tensor: Tensor<D>, counts: readonly number[]): Tensor<D>[] {
  assertTensor(tensor, 'split() tensor');
  if (!Array.isArray(counts)) {
    throw new ValidationError(
      `split() counts must be an array of row counts, got ${typeof counts}`,
    );
  }
  const rows = tensor.shape[0];
  if (rows === undefined) throw new ValidationError('split() needs a tensor of rank >= 1');
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new ValidationError(
        `split count ${String(count)} at index ${i} is not a non-negative integer`,
      );
    }
    sum += count;
  }
  if (sum !== rows) {
    throw new ValidationError(`split counts sum to ${sum} but the tensor has ${rows} rows`);
  }
  const inner = tensor.shape.slice(1);
  const rowSize = sizeOf(inner);
  const data = raw(tensor.data);
  const pieces: Tensor<D>[] = [];
  let start = 0;
  for (const count of counts) {
    const view = data.subarray(start * rowSize, (start + count) * rowSize);
    pieces.push(new Tensor(tensor.dtype, [count, ...inner], view as unknown as TypedArrayFor<D>));
    start += count;
  }
  return pieces;
}

function checkSame<D extends DType>(
  tensors: readonly Tensor<D>[],
  op: string,
  trailingOnly: boolean,
): Tensor<D> {
  if (!Array.isArray(tensors)) {
    throw new ValidationError(`${op}() needs an array of tensors, got ${typeof tensors}`);
  }
  for (let i = 0; i < tensors.length; i++) assertTensor(tensors[i], `${op}() tensors[${i}]`);
  const first = tensors[0];
  if (first === undefined) throw new ValidationError(`${op}() needs at least one tensor`);
  if (trailingOnly && first.rank === 0) throw new ValidationError(`${op}() cannot join scalars`);
  const expected = trailingOnly ? first.shape.slice(1) : first.shape;
  for (let i = 1; i < tensors.length; i++) {
    const t = tensors[i] as Tensor<D>;
    if (t.dtype !== first.dtype) {
      throw new ValidationError(
        `${op}(): tensor ${i} has dtype ${t.dtype}, expected ${first.dtype} (as tensor 0)`,
      );
    }
    const shape = trailingOnly ? t.shape.slice(1) : t.shape;
    if (t.rank === 0 && trailingOnly) throw new ValidationError(`${op}(): tensor ${i} is a scalar`);
    if (!sameShape(shape, expected)) {
      const what = trailingOnly ? 'trailing shape' : 'shape';
      throw new ValidationError(
        `${op}(): tensor ${i} has ${what} ${formatShape(shape)}, expected ${formatShape(expected)} (as tensor 0)`,
      );
    }
  }
  return first;
}

function output<D extends DType>(
  dtype: D,
  length: number,
  into: TypedArrayFor<D> | undefined,
): TypedArrayFor<D> {
  if (into === undefined) return allocate(dtype, length);
  const ctor = arrayConstructor(dtype);
  if (!(into instanceof (ctor as unknown as new () => object))) {
    throw new ValidationError(`stack(): 'into' must be a ${ctor.name} for dtype ${dtype}`);
  }
  if (into.length < length) {
    throw new ValidationError(`stack(): 'into' holds ${into.length} elements, ${length} needed`);
  }
  if (into.length === length) return into;
  return raw(into).subarray(0, length) as unknown as TypedArrayFor<D>;
}
