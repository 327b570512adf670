import type { RequestOptions } from '../config';
import type { Job } from '../core/job';
import type { BatchItemError } from '../errors';
import type { Tensor } from '../tensor/tensor';

/**
 * One input row of {@link Endpoints.transform}: for `text/csv` an array of numbers (or a ready CSV
 * line as a string), for `application/jsonlines` any JSON value, for `application/x-npy` a `Tensor`
 * row or an array of numbers.
 */
export type EndpointTransformRow = readonly unknown[] | Record<string, unknown> | string | Tensor;

/** Params of {@link Endpoints.transform}. */
export interface EndpointTransformParams {
  /** The SageMaker model (CreateModel name) the job runs. */
  model: string;
  /**
   * The records: an array or (async) iterable of rows, a `Tensor` whose rows (axis 0) are the
   * records, or an `s3://` prefix or object holding input you wrote yourself.
   */
  input:
    | Iterable<EndpointTransformRow>
    | AsyncIterable<EndpointTransformRow>
    | Tensor
    | `s3://${string}`;
  /** Where SageMaker writes the `.out` files: `s3://bucket/prefix/`. */
  output: string;
  /** e.g. `ml.m5.xlarge`, `ml.inf2.xlarge`. */
  instanceType: string;
  /** @default 1 */
  instanceCount?: number | undefined;
  /** `text/csv`, `application/jsonlines` or `application/x-npy` for rows; anything for S3 input. */
  contentType: string;
  /** What the container is asked to answer (`Accept`). @default the content type (`.npy` for .npy) */
  accept?: string | undefined;
  /** How SageMaker splits an input object into records. @default `Line` (`None` for .npy) */
  splitType?: 'None' | 'Line' | 'RecordIO' | 'TFRecord' | undefined;
  /** One record or as many as fit `maxPayloadMB` per request. @default `MultiRecord` */
  batchStrategy?: 'MultiRecord' | 'SingleRecord' | undefined;
  /** Largest request in MB (0–100; 0 streams, for containers that support it). @default 6 */
  maxPayloadMB?: number | undefined;
  /** Parallel requests per instance; `maxConcurrentTransforms × maxPayloadMB` ≤ 100. */
  maxConcurrentTransforms?: number | undefined;
  /** `Input` writes each record joined with its output (CSV columns appended, JSON `SageMakerOutput`). @default `None` */
  joinSource?: 'Input' | 'None' | undefined;
  /** Transform job name (SageMaker's pattern, ≤ 63). @default `aws-ai-transform-<time>` */
  name?: string | undefined;
  /** Where aws-ai writes the rows (`s3://bucket/prefix/`). @default `<output><name>-input/` */
  inputPrefix?: string | undefined;
  /** Rows per input object aws-ai writes. @default 10000 */
  recordsPerFile?: number | undefined;
  /** Environment variables of the container (at most 16). */
  environment?: Readonly<Record<string, string>> | undefined;
}

/** One record's output, read from the `.out` files in input order. */
export interface EndpointTransformResult<T = unknown> {
  /** Position of the record in the input. */
  index: number;
  /**
   * The record's output decoded with the endpoint codecs: a number array for a CSV line (strings for
   * fields that are not numbers), the JSON value of a JSON line, a `Tensor` row for `.npy`, the
   * text for any other type.
   */
  output: T;
}

/** A SageMaker Batch Transform job. Results are `BatchItemError`s at their index for failed records. */
export interface EndpointTransformJob<T = unknown>
  extends Job<EndpointTransformResult<T> | BatchItemError> {
  /** The transform job's ARN. */
  readonly arn: string;
  /** Records written (undefined for S3 input aws-ai did not write). */
  readonly records: number | undefined;
  /** Stops the job (StopTransformJob). */
  cancel(options?: RequestOptions): Promise<void>;
}

/** Options of {@link Endpoints.transform}: bound starting the job (uploads and CreateTransformJob). */
export interface EndpointTransformOptions extends RequestOptions {}
