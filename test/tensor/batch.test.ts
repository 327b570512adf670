import { bucketFor, concat, pad, padSequence, split, stack, Tensor } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';

const f32 = (...values: number[]) => Tensor.from(new Float32Array(values));

describe('stack', () => {
  it('stacks rows along a new axis 0 into one allocation', () => {
    const rows = [f32(1, 2, 3), f32(4, 5, 6)];
    const batch = stack(rows);
    expect(batch.shape).toEqual([2, 3]);
    expect(batch.dtype).toBe('float32');
    expect(Array.from(batch.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batch.data.buffer).not.toBe(rows[0]?.data.buffer);
  });

  it('stacks matrices and 64-bit integers', () => {
    const a = Tensor.from([[1n, 2n]]);
    const b = Tensor.from([[3n, 4n]]);
    const batch = stack([a, b]);
    expect(batch.shape).toEqual([2, 1, 2]);
    expect(batch.toArray()).toEqual([[[1n, 2n]], [[3n, 4n]]]);
  });

  it('names the first index whose shape or dtype differs', () => {
    const ok = f32(1, 2);
    expect(() => stack([ok, ok, f32(1, 2, 3), f32(1)])).toThrow(
      'stack(): tensor 2 has shape [3], expected [2] (as tensor 0)',
    );
    expect(() => stack([ok, Tensor.from([1, 2], { dtype: 'float64' })] as never)).toThrow(
      'stack(): tensor 1 has dtype float64, expected float32 (as tensor 0)',
    );
    expect(() => stack([])).toThrow(ValidationError);
  });

  it('writes into a caller-provided buffer', () => {
    const into = new Float32Array(8).fill(-1);
    const batch = stack([f32(1, 2), f32(3, 4)], { into });
    expect(batch.data.buffer).toBe(into.buffer);
    expect(Array.from(into)).toEqual([1, 2, 3, 4, -1, -1, -1, -1]);
    expect(() => stack([f32(1, 2)], { into: new Float32Array(1) })).toThrow(
      'holds 1 elements, 2 needed',
    );
  });

  it('packs 1024 × 512 float32 rows in order (speed is measured in bench/tensor-stack.ts)', () => {
    const rows = Array.from({ length: 1024 }, (_, i) => Tensor.from(new Float32Array(512).fill(i)));
    const batch = stack(rows);
    expect(batch.shape).toEqual([1024, 512]);
    expect(batch.data[0]).toBe(0);
    expect(batch.data[1023 * 512 + 511]).toBe(1023);
    const into = new Float32Array(1024 * 512);
    expect(stack(rows, { into }).data).toBe(into);
    expect(into[512 * 7]).toBe(7);
  });
});

describe('concat', () => {
  it('joins along the existing axis 0', () => {
    const t = concat([
      Tensor.from([[1, 2]]),
      Tensor.from([
        [3, 4],
        [5, 6],
      ]),
      Tensor.zeros('float32', [0, 2]),
    ]);
    expect(t.shape).toEqual([3, 2]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(() => concat([Tensor.from([[1, 2]]), Tensor.from([[1, 2, 3]])])).toThrow(
      'concat(): tensor 1 has trailing shape [3], expected [2] (as tensor 0)',
    );
    expect(() => concat([Tensor.from(1)])).toThrow(ValidationError);
  });
});

describe('split', () => {
  it('returns zero-copy views with the given row counts', () => {
    const batch = Tensor.from([[1], [2], [3], [4]]);
    const [a, b, c] = split(batch, [1, 0, 3]);
    expect(a?.toArray()).toEqual([[1]]);
    expect(b?.shape).toEqual([0, 1]);
    expect(c?.toArray()).toEqual([[2], [3], [4]]);
    expect(c?.data.buffer).toBe(batch.data.buffer);
    expect(c?.data.byteOffset).toBe(4);
  });

  it('rejects counts that do not sum to the row count', () => {
    expect(() => split(Tensor.from([1, 2, 3]), [1, 1])).toThrow(
      'split counts sum to 2 but the tensor has 3 rows',
    );
    expect(() => split(Tensor.from([1, 2, 3]), [-1, 4])).toThrow(ValidationError);
    expect(() => split(Tensor.from(1), [1])).toThrow(ValidationError);
  });

  it('inverts stack', () => {
    const rows = [f32(1, 2), f32(3, 4), f32(5, 6)];
    const back = split(stack(rows), [1, 1, 1]).map((t) => t.reshape([2]).toArray());
    expect(back).toEqual(rows.map((r) => r.toArray()));
  });
});

describe('pad', () => {
  const three = Tensor.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it('repeats the last real row by default', () => {
    const padded = pad(three, 8);
    expect(padded.shape).toEqual([8, 2]);
    expect(padded.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [5, 6],
      [5, 6],
      [5, 6],
      [5, 6],
      [5, 6],
    ]);
  });

  it('can repeat the first row or fill zeros', () => {
    expect(pad(three, 5, { mode: 'repeat-first' }).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [1, 2],
      [1, 2],
    ]);
    expect(pad(three, 4, { mode: 'zeros' }).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [0, 0],
    ]);
  });

  it('returns the tensor itself when no padding is needed, and rejects shrinking', () => {
    expect(pad(three, 3)).toBe(three);
    expect(() => pad(three, 2)).toThrow('cannot pad 3 rows to 2');
    expect(() => pad(Tensor.zeros('float32', [0, 2]), 2)).toThrow('needs at least one real row');
    expect(pad(Tensor.zeros('float32', [0, 2]), 2, { mode: 'zeros' }).shape).toEqual([2, 2]);
  });
});

describe('padSequence', () => {
  it('pads the sequence axis of a batch tensor and returns the mask', () => {
    const ids = Tensor.from(
      [
        [101, 7592, 102],
        [101, 2088, 102],
      ],
      { dtype: 'int32' },
    );
    const { tensor, mask, lengths } = padSequence(ids, 5, { value: 0 });
    expect(tensor.shape).toEqual([2, 5]);
    expect(tensor.toArray()).toEqual([
      [101, 7592, 102, 0, 0],
      [101, 2088, 102, 0, 0],
    ]);
    expect(mask.dtype).toBe('bool');
    expect(mask.shape).toEqual([2, 5]);
    expect(Array.from(mask.data)).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 0, 0]);
    expect(lengths).toEqual([3, 3]);
  });

  it('pads and stacks items of different lengths with a pad value', () => {
    const items = [Tensor.from([5n, 6n, 7n]), Tensor.from([8n])];
    const { tensor, mask, lengths } = padSequence(items, 4, { value: -1 });
    expect(tensor.toArray()).toEqual([
      [5n, 6n, 7n, -1n],
      [8n, -1n, -1n, -1n],
    ]);
    expect(mask.toArray()).toEqual([
      [true, true, true, false],
      [true, false, false, false],
    ]);
    expect(lengths).toEqual([3, 1]);
  });

  it('keeps trailing feature axes and pads a later axis', () => {
    // [batch=1, seq=2, features=2] padded to seq 3.
    const emb = Tensor.from([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(padSequence(emb, 3).tensor.toArray()).toEqual([
      [
        [1, 2],
        [3, 4],
        [0, 0],
      ],
    ]);
    // [batch=1, channels=2, time=1] padded along axis 2.
    const audio = Tensor.from([[[1], [2]]]);
    const out = padSequence(audio, 3, { axis: 2, value: 9 });
    expect(out.tensor.toArray()).toEqual([
      [
        [1, 9, 9],
        [2, 9, 9],
      ],
    ]);
    expect(out.mask.toArray()).toEqual([[true, false, false]]);
  });

  it('stores the pad value in the dtype (float16 bits)', () => {
    const h = Tensor.from([[1]], { dtype: 'float16' });
    expect(padSequence(h, 2, { value: 0.5 }).tensor.toArray()).toEqual([[1, 0.5]]);
  });

  it('handles an empty batch', () => {
    const { tensor, mask, lengths } = padSequence(Tensor.zeros('int32', [0, 3]), 8);
    expect(tensor.shape).toEqual([0, 8]);
    expect(mask.shape).toEqual([0, 8]);
    expect(lengths).toEqual([]);
  });

  it('rejects sequences longer than the target and bad axes', () => {
    const items = [Tensor.from([1, 2, 3]), Tensor.from([1, 2, 3, 4, 5])];
    expect(() => padSequence(items, 4)).toThrow('item 1 has length 5 along axis 1, longer than 4');
    expect(() => padSequence(Tensor.from([[1, 2]]), 4, { axis: 0 })).toThrow(ValidationError);
    expect(() => padSequence(Tensor.from([[1, 2]]), 4, { axis: 2 })).toThrow(ValidationError);
    expect(() => padSequence([Tensor.from([[1, 2]]), Tensor.from([[1, 2, 3]])], 4)).toThrow(
      'differs from [1, 2] outside axis 1',
    );
    expect(() => padSequence(Tensor.from([[1, 2]], { dtype: 'uint8' }), 4, { value: -1 })).toThrow(
      'pad value -1 cannot be stored as uint8',
    );
  });
});

describe('bucketFor', () => {
  it('returns the smallest bucket that fits', () => {
    expect(bucketFor(70, [32, 64, 128])).toBe(128);
    expect(bucketFor(64, [128, 64, 32])).toBe(64);
    expect(bucketFor(0, [8])).toBe(8);
  });

  it('rejects lengths beyond the largest bucket', () => {
    expect(() => bucketFor(300, [64, 128, 256])).toThrow(ValidationError);
    expect(() => bucketFor(300, [64, 128, 256])).toThrow(
      'length 300 exceeds the largest bucket 256',
    );
    expect(() => bucketFor(1, [])).toThrow(ValidationError);
    expect(() => bucketFor(1, [0])).toThrow('bucket 0 is not a positive integer');
  });
});
