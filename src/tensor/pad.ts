/**
 * Padding for static-shape endpoints (Inferentia/Neuron, TF Serving `allowed_batch_sizes`): `pad`
 * rounds the batch axis up to a compiled batch size; `padSequence` and `bucketFor` round a sequence
 * axis up to a compiled length and say which positions are real.
 */

import { ValidationError } from '../errors';
import { allocate, type DType, type RawArray, raw, type TypedArrayFor, toStored } from './dtype';
import { numberToFloat16 } from './float16';
import { formatShape, sameShape, sizeOf } from './shape';
import { assertTensor, describe, Tensor } from './tensor';

/**
 * Options of {@link pad}.
 *
 * @example
 * ```ts
 * import { pad, Tensor } from 'aws-ai/tensor';
 * pad(Tensor.from([[1, 2]]), 4, { mode: 'zeros' });
 * ```
 */
export interface PadOptions {
  /**
   * What fills the extra rows. Default `'repeat'`:
   * - `'repeat'`: copies of the last real row, so the model only ever sees realistic inputs (no
   *   all-zero rows that can hit NaN or degenerate paths); the outputs for those rows are dropped.
   * - `'repeat-first'`: copies of row 0, which is what TensorFlow's batching ops use.
   * - `'zeros'`: zero-filled rows.
   */
  mode?: 'repeat' | 'repeat-first' | 'zeros' | undefined;
}

/**
 * Pads axis 0 up to `rows` rows. Returns `tensor` itself when it already has `rows` rows; otherwise one
 * new allocation. Callers keep the real row count to drop the padded outputs afterwards.
 *
 * @param rows - target row count, ≥ `tensor.shape[0]`.
 * @throws {ValidationError} for a scalar, a `rows` smaller than the current count or not an integer,
 *   or a repeat mode on a tensor without rows.
 * @example
 * ```ts
 * import { pad, Tensor } from 'aws-ai/tensor';
 * pad(Tensor.from([[1, 2], [3, 4], [5, 6]]), 4).toArray(); // [[1, 2], [3, 4], [5, 6], [5, 6]]
 * ```
 */
export function pad<D extends DType>(
  tensor: Tensor<D>,
  rows: number,
  options: PadOptions = {},
): Tensor<D> {
  assertTensor(tensor, 'pad() tensor');
  const mode = options.mode ?? 'repeat';
  if (mode !== 'repeat' && mode !== 'repeat-first' && mode !== 'zeros') {
    throw new ValidationError(`unknown pad mode ${JSON.stringify(mode)}`);
  }
  const current = tensor.shape[0];
  if (current === undefined) throw new ValidationError('pad() needs a tensor of rank >= 1');
  if (!Number.isSafeInteger(rows) || rows < current) {
    throw new ValidationError(`cannot pad ${current} rows to ${describe(rows)}`);
  }
  if (rows === current) return tensor;
  if (mode !== 'zeros' && current === 0) {
    throw new ValidationError(`pad mode '${mode}' needs at least one real row`);
  }
  const inner = tensor.shape.slice(1);
  const rowSize = sizeOf(inner);
  const out = raw(allocate(tensor.dtype, rows * rowSize));
  out.set(raw(tensor.data));
  if (mode !== 'zeros' && rowSize > 0) {
    const source = mode === 'repeat' ? current - 1 : 0;
    out.copyWithin(current * rowSize, source * rowSize, (source + 1) * rowSize);
    // Double the filled span each step: log2(n) memmoves instead of one per row.
    let filled = current + 1;
    while (filled < rows) {
      const chunk = Math.min(filled - current, rows - filled);
      out.copyWithin(filled * rowSize, current * rowSize, (current + chunk) * rowSize);
      filled += chunk;
    }
  }
  return new Tensor(tensor.dtype, [rows, ...inner], out as unknown as TypedArrayFor<D>);
}

/**
 * Options of {@link padSequence}.
 *
 * @example
 * ```ts
 * import { padSequence, Tensor } from 'aws-ai/tensor';
 * padSequence(Tensor.from([[101, 7592, 102]], { dtype: 'int32' }), 8, { value: 0 });
 * ```
 */
export interface PadSequenceOptions {
  /** The sequence axis of the output (axis 0 is the batch). Default `1`. */
  axis?: number | undefined;
  /** The pad value (a pad token id, 0.0, …); stored in the tensor's dtype. Default `0`. */
  value?: number | bigint | boolean | undefined;
}

/**
 * The result of {@link padSequence}.
 *
 * @example
 * ```ts
 * import { padSequence, Tensor } from 'aws-ai/tensor';
 * const { tensor, mask, lengths } = padSequence([Tensor.from([1, 2]), Tensor.from([3])], 4);
 * ```
 */
export interface PaddedSequence<D extends DType> {
  /** The padded tensor; the sequence axis is `length` long. */
  tensor: Tensor<D>;
  /** `bool` tensor `[batch, length]`: 1 where a position holds real data, 0 where it is padding. */
  mask: Tensor<'bool'>;
  /** The real length of each batch row along the sequence axis. */
  lengths: number[];
}

/**
 * Pads a sequence axis up to `length` (a compiled bucket length) and returns an attention-style mask.
 *
 * Two forms:
 * - a batch tensor `[batch, seq, ...]`: every row has the same real length `seq`;
 * - a list of per-item tensors without the batch axis (`[seq_i, ...]`, same dtype and trailing shape):
 *   they are padded and stacked in one allocation into `[n, length, ...]`, with per-row lengths.
 *
 * @param length - the target length of the sequence axis.
 * @throws {ValidationError} for `axis` < 1 or beyond the rank, a sequence longer than `length` (use
 *   {@link bucketFor} to choose it), mismatching dtypes or other axes between items, an empty list, or
 *   a `value` the dtype cannot hold.
 * @example
 * ```ts
 * import { padSequence, Tensor } from 'aws-ai/tensor';
 * const items = [Tensor.from([101, 7592, 102], { dtype: 'int64' }), Tensor.from([101, 102], { dtype: 'int64' })];
 * const { tensor, mask } = padSequence(items, 4);
 * tensor.toArray(); // [[101n, 7592n, 102n, 0n], [101n, 102n, 0n, 0n]]
 * mask.toArray(); // [[true, true, true, false], [true, true, false, false]]
 * ```
 */
export function padSequence<D extends DType>(
  input: Tensor<D> | readonly Tensor<D>[],
  length: number,
  options: PadSequenceOptions = {},
): PaddedSequence<D> {
  const axis = options.axis ?? 1;
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new ValidationError(`sequence length ${describe(length)} is not a non-negative integer`);
  }
  // Items are the batch rows: the output axis `axis` is their axis `axis - 1`.
  if (!(input instanceof Tensor)) {
    if (!Array.isArray(input)) {
      throw new ValidationError(
        `padSequence() needs a Tensor or an array of tensors, got ${describe(input)}`,
      );
    }
    for (let i = 0; i < input.length; i++) assertTensor(input[i], `padSequence() items[${i}]`);
  }
  const items: readonly Tensor<D>[] = input instanceof Tensor ? rowsOf(input, axis) : input;
  if (input instanceof Tensor && items.length === 0) {
    // An empty batch has no row to take the item shape from; derive it from the batch shape.
    const shape = input.shape.slice();
    shape[axis] = length;
    return {
      tensor: Tensor.zeros(input.dtype, shape),
      mask: Tensor.zeros('bool', [0, length]),
      lengths: [],
    };
  }
  const first = items[0];
  if (first === undefined) throw new ValidationError('padSequence() needs at least one item');
  const itemAxis = axis - 1;
  if (!Number.isInteger(axis) || itemAxis < 0 || itemAxis >= first.rank) {
    throw new ValidationError(
      `padSequence() axis ${axis} is out of range for items of shape ${formatShape(first.shape)} (batch axis 0 excluded)`,
    );
  }
  const dtype = first.dtype;
  const outer = first.shape.slice(0, itemAxis);
  const inner = first.shape.slice(itemAxis + 1);
  const outerSize = sizeOf(outer);
  const innerSize = sizeOf(inner);
  const lengths: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Tensor<D>;
    if (item.dtype !== dtype) {
      throw new ValidationError(
        `padSequence(): item ${i} has dtype ${item.dtype}, expected ${dtype}`,
      );
    }
    const seq = item.shape[itemAxis];
    if (
      seq === undefined ||
      item.rank !== first.rank ||
      !sameShape(item.shape.slice(0, itemAxis), outer) ||
      !sameShape(item.shape.slice(itemAxis + 1), inner)
    ) {
      throw new ValidationError(
        `padSequence(): item ${i} has shape ${formatShape(item.shape)}, which differs from ${formatShape(first.shape)} outside axis ${axis}`,
      );
    }
    if (seq > length) {
      throw new ValidationError(
        `padSequence(): item ${i} has length ${seq} along axis ${axis}, longer than ${length}`,
      );
    }
    lengths.push(seq);
  }

  const fill = padValue(dtype, options.value ?? 0);
  const itemOut = outerSize * length * innerSize;
  const out = raw(allocate(dtype, items.length * itemOut));
  const needsFill = fill !== 0 && fill !== 0n;
  if (needsFill) out.fill(fill as never);
  const mask = new Uint8Array(items.length * length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Tensor<D>;
    const seq = lengths[i] as number;
    const src = raw(item.data);
    const block = seq * innerSize;
    for (let o = 0; o < outerSize; o++) {
      copyBlock(out, i * itemOut + o * length * innerSize, src, o * block, block);
    }
    mask.fill(1, i * length, i * length + seq);
  }
  const shape = [items.length, ...outer, length, ...inner];
  return {
    tensor: new Tensor(dtype, shape, out as unknown as TypedArrayFor<D>),
    mask: new Tensor('bool', [items.length, length], mask),
    lengths,
  };
}

/**
 * The smallest bucket that can hold `length` (buckets need not be sorted).
 *
 * @param buckets - the compiled lengths (or batch sizes), positive integers.
 * @throws {ValidationError} when `length` exceeds the largest bucket, or for an empty or invalid list.
 * @example
 * ```ts
 * import { bucketFor } from 'aws-ai/tensor';
 * bucketFor(70, [32, 64, 128]); // 128
 * ```
 */
export function bucketFor(length: number, buckets: readonly number[]): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new ValidationError(`length ${length} is not a non-negative integer`);
  }
  if (buckets.length === 0) throw new ValidationError('bucketFor() needs at least one bucket');
  let best = Number.POSITIVE_INFINITY;
  let largest = 0;
  for (const bucket of buckets) {
    if (!Number.isSafeInteger(bucket) || bucket <= 0) {
      throw new ValidationError(`bucket ${String(bucket)} is not a positive integer`);
    }
    if (bucket >= length && bucket < best) best = bucket;
    if (bucket > largest) largest = bucket;
  }
  if (best === Number.POSITIVE_INFINITY) {
    throw new ValidationError(`length ${length} exceeds the largest bucket ${largest}`);
  }
  return best;
}

function rowsOf<D extends DType>(tensor: Tensor<D>, axis: number): Tensor<D>[] {
  if (tensor.rank < 2 || !Number.isInteger(axis) || axis < 1 || axis >= tensor.rank) {
    throw new ValidationError(
      `padSequence() axis ${axis} is out of range for shape ${formatShape(tensor.shape)} (axis 0 is the batch)`,
    );
  }
  const rows: Tensor<D>[] = [];
  for (let i = 0; i < (tensor.shape[0] as number); i++) rows.push(tensor.row(i));
  return rows;
}

function copyBlock(out: RawArray, at: number, src: RawArray, from: number, count: number): void {
  if (count > 0) out.set(src.subarray(from, from + count), at);
}

function padValue(dtype: DType, value: number | bigint | boolean): number | bigint {
  const stored = toStored(dtype, value);
  if (stored === undefined) {
    throw new ValidationError(`pad value ${String(value)} cannot be stored as ${dtype}`);
  }
  return dtype === 'float16' ? numberToFloat16(stored as number) : stored;
}
