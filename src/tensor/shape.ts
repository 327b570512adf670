/** Shape helpers shared by the tensor operations. @internal */

import { ValidationError } from '../errors';

/** Number of elements of a shape (1 for a scalar). @internal */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Throws unless every dimension is a non-negative safe integer; returns a frozen copy. @internal */
export function checkShape(shape: readonly number[], what = 'shape'): readonly number[] {
  if (!Array.isArray(shape)) {
    throw new ValidationError(`${what} must be an array of non-negative integers`);
  }
  for (let axis = 0; axis < shape.length; axis++) {
    const dim = shape[axis];
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw new ValidationError(
        `${what} ${formatShape(shape)} has an invalid dimension ${String(dim)} at axis ${axis}`,
      );
    }
  }
  return Object.freeze(shape.slice());
}

/** `[2, 3]`-style text for messages. @internal */
export function formatShape(shape: readonly unknown[]): string {
  return `[${shape.map(String).join(', ')}]`;
}

/** True when two shapes are equal. @internal */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The multi-index of a flat C-order offset, as `[i, j, k]` text for error messages. @internal */
export function formatIndex(flat: number, shape: readonly number[]): string {
  const index: number[] = new Array(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis] ?? 1;
    index[axis] = dim === 0 ? 0 : rest % dim;
    rest = dim === 0 ? 0 : Math.floor(rest / dim);
  }
  return formatShape(index);
}
