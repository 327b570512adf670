/**
 * `aws-ai/tensor`: a small, dependency-free tensor core for batching SageMaker endpoint calls — a
 * typed-array {@link Tensor}, batch assembly (`stack`, `concat`, `split`, `pad`, `padSequence`,
 * `bucketFor`), the `DynamicBatcher` and the request/response codecs of the SageMaker Python SDK (`.npy`, JSON, JSON Lines,
 * CSV). Runs anywhere: no Node built-ins, no native code.
 *
 * @example
 * ```ts
 * import { fromNpy, stack, Tensor, toNpy } from 'aws-ai/tensor';
 * const batch = stack(rows.map((r) => Tensor.from(r)));
 * const body = toNpy(batch); // ContentType: 'application/x-npy'
 * ```
 *
 * @packageDocumentation
 */

export { DynamicBatcher } from './batcher';
export { QueueFullError } from './batcher-errors';
export type { DynamicBatcherStats, LatencySummary } from './batcher-stats';
export type {
  BatchInvoke,
  BatchInvokeContext,
  BatchInvokeOutput,
  BatchRow,
  BatchRowFailure,
  CloseOptions,
  DynamicBatcherOptions,
  DynamicBatcherSettings,
  PredictOptions,
} from './batcher-types';
export { type FromCsvOptions, fromCsv, toCsv } from './csv-codec';
export {
  type AnyTypedArray,
  DTYPES,
  type DType,
  type DTypeOfArray,
  type ElementFor,
  isDType,
  itemSize,
  type TypedArrayFor,
} from './dtype';
export { float16ToNumber, numberToFloat16 } from './float16';
export {
  type FromJsonOptions,
  fromJson,
  fromJsonLines,
  type ToJsonOptions,
  toJson,
  toJsonLines,
} from './json-codec';
export { type FromNpyOptions, fromNpy, npyDescr, toNpy } from './npy';
export {
  bucketFor,
  type PaddedSequence,
  type PadOptions,
  type PadSequenceOptions,
  pad,
  padSequence,
} from './pad';
export { concat, type StackOptions, split, stack } from './stack';
export {
  type NestedArray,
  type ReadonlyNestedArray,
  Tensor,
  type TensorFromOptions,
  type TensorLike,
} from './tensor';
