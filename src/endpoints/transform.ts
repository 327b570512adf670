/**
 * SageMaker Batch Transform: writes the rows as input objects with the endpoint codecs (CSV, JSON
 * Lines, .npy), starts one CreateTransformJob over them, and reads the `.out` files back in input
 * order, one object at a time and line by line.
 * @internal
 * @packageDocumentation
 */

import { describeInput, type RequestOptions } from '../config';
import { callAws } from '../core/call';
import { checkRequestOptions, requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { createContext } from '../core/context';
import { s3Folder, splitS3Prefix } from '../core/inputs';
import { createJob, type JobRef, type JobState, type JobStatus } from '../core/job';
import { objectLines } from '../core/object-lines';
import { listKeys, readObject, writeObject } from '../core/staging';
import {
  AwsAIError,
  BatchItemError,
  NotFoundError,
  ServiceError,
  ValidationError,
} from '../errors';
import { toCsv } from '../tensor/csv-codec';
import { fromNpy, toNpy } from '../tensor/npy';
import { stack } from '../tensor/stack';
import { Tensor, type TensorLike } from '../tensor/tensor';
import { serialize } from './codecs';
import {
  TRANSFORM_CONTENT_TYPE_MAX,
  TRANSFORM_DEFAULT_PAYLOAD_MB,
  TRANSFORM_MAX_PAYLOAD_MB,
  TRANSFORM_NAME_MAX,
  TRANSFORM_RECORDS_PER_FILE,
  TRANSFORM_S3_URI_MAX,
} from './limits';
import { SAGEMAKER_CONTROL } from './transform-service';
import type {
  EndpointTransformJob,
  EndpointTransformParams,
  EndpointTransformResult,
} from './transform-types';

/** `kind` of a Batch Transform job's {@link JobRef}. */
export const SAGEMAKER_TRANSFORM_KIND = 'sagemaker.transform';

const SITE = { service: 'sagemaker', operation: 'CreateTransformJob' } as const;
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const S3_URI = /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
const INSTANCE_TYPE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;
const MIB = 1024 * 1024;

type Format = 'csv' | 'jsonlines' | 'npy' | 'text';

/** What the `ref` of a transform job holds besides kind/id/region. */
interface TransformRefData {
  arn: string;
  output: string;
  /** Format of the `.out` files (from `Accept`). */
  format: Format;
  /** aws-ai's input objects: [name relative to the input prefix, records]. */
  files?: Array<[string, number]>;
  /** The caller's S3 input, listed when results are read. */
  input?: string;
}

interface Plan {
  name: string;
  format: Format;
  inFormat: Format;
  accept: string;
  split: 'None' | 'Line' | 'RecordIO' | 'TFRecord';
  payloadBytes: number;
  perFile: number;
  output: string;
  inputPrefix: string;
}

function formatOf(type: string): Format {
  const t = type.toLowerCase();
  if (t.includes('x-npy')) return 'npy';
  if (t.includes('csv')) return 'csv';
  if (t.includes('json')) return 'jsonlines';
  return 'text';
}

function checkS3(name: string, value: unknown): string {
  if (typeof value !== 'string' || !S3_URI.test(value) || value.length > TRANSFORM_S3_URI_MAX) {
    throw new ValidationError(
      `${name} must be an S3 URI such as s3://my-bucket/prefix/ (at most ${TRANSFORM_S3_URI_MAX} characters)`,
      SITE,
    );
  }
  return value;
}

/** A bad value for a message; `String()` throws on some objects (a null prototype, a non-callable toString). */
function shown(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value.slice(0, 40))
    : typeof value === 'number'
      ? String(value)
      : typeof value;
}

function checkInt(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      `${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${shown(value)}`,
      SITE,
    );
  }
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new ValidationError(
      `${name} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${shown(value)}`,
      SITE,
    );
  }
}

function isS3Input(input: unknown): input is string {
  return typeof input === 'string';
}

/** Checks every param before anything is read, uploaded or sent. */
function plan(params: EndpointTransformParams): Plan {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError(
      'Pass transform params: { model, input, output, instanceType, contentType }',
      SITE,
    );
  }
  const { model, instanceType, contentType } = params;
  if (typeof model !== 'string' || !NAME.test(model)) {
    throw new ValidationError(
      `model must be a SageMaker model name (letters, digits and hyphens, at most ${TRANSFORM_NAME_MAX}), got ${describeInput(model)}`,
      SITE,
    );
  }
  const output = s3Folder(checkS3('output', params.output));
  if (typeof instanceType !== 'string' || !INSTANCE_TYPE.test(instanceType)) {
    throw new ValidationError(
      `instanceType must be a SageMaker instance type such as ml.m5.xlarge, got ${describeInput(instanceType)}`,
      SITE,
    );
  }
  checkInt('instanceCount', params.instanceCount, 1);
  if (
    typeof contentType !== 'string' ||
    contentType.trim() === '' ||
    contentType.length > TRANSFORM_CONTENT_TYPE_MAX
  ) {
    throw new ValidationError(
      `contentType must be a MIME type (at most ${TRANSFORM_CONTENT_TYPE_MAX} characters), such as text/csv, application/jsonlines or application/x-npy`,
      SITE,
    );
  }
  const accept = params.accept ?? contentType;
  if (
    typeof accept !== 'string' ||
    accept.trim() === '' ||
    accept.length > TRANSFORM_CONTENT_TYPE_MAX
  ) {
    throw new ValidationError(
      `accept must be a MIME type of at most ${TRANSFORM_CONTENT_TYPE_MAX} characters`,
      SITE,
    );
  }
  oneOf('splitType', params.splitType, ['None', 'Line', 'RecordIO', 'TFRecord']);
  oneOf('batchStrategy', params.batchStrategy, ['MultiRecord', 'SingleRecord']);
  oneOf('joinSource', params.joinSource, ['Input', 'None']);
  checkInt('maxPayloadMB', params.maxPayloadMB, 0, TRANSFORM_MAX_PAYLOAD_MB);
  checkInt('maxConcurrentTransforms', params.maxConcurrentTransforms, 0);
  const payloadMB = params.maxPayloadMB ?? TRANSFORM_DEFAULT_PAYLOAD_MB;
  if (
    params.maxConcurrentTransforms !== undefined &&
    params.maxConcurrentTransforms * payloadMB > TRANSFORM_MAX_PAYLOAD_MB
  ) {
    throw new ValidationError(
      `maxConcurrentTransforms × maxPayloadMB (${params.maxConcurrentTransforms} × ${payloadMB}) may not exceed ${TRANSFORM_MAX_PAYLOAD_MB}`,
      SITE,
    );
  }
  checkInt('recordsPerFile', params.recordsPerFile, 1);
  if (params.environment !== undefined) {
    const env = params.environment;
    if (
      typeof env !== 'object' ||
      env === null ||
      Object.keys(env).length > 16 ||
      Object.values(env).some((v) => typeof v !== 'string') ||
      Object.keys(env).some((k) => k.trim() === '')
    ) {
      throw new ValidationError('environment must map at most 16 non-empty names to strings', SITE);
    }
  }
  const name = params.name ?? `aws-ai-transform-${Date.now().toString(36)}`;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ValidationError(
      `name must be 1–${TRANSFORM_NAME_MAX} letters, digits and hyphens, starting and ending with a letter or digit (SageMaker's job name pattern)`,
      SITE,
    );
  }
  const inFormat = formatOf(contentType);
  const s3 = isS3Input(params.input);
  if (s3) checkS3('input', params.input);
  else if (inFormat === 'text') {
    throw new ValidationError(
      `Rows are written as text/csv, application/jsonlines or application/x-npy; for ${contentType}, write the input to S3 yourself and pass its s3:// URI`,
      SITE,
    );
  }
  const split = params.splitType ?? (inFormat === 'npy' ? 'None' : 'Line');
  if (!s3 && inFormat === 'npy' && split !== 'None') {
    throw new ValidationError(
      'Rows sent as application/x-npy are one request per input object: splitType must be None',
      SITE,
    );
  }
  if (!s3 && inFormat !== 'npy' && split !== 'Line') {
    throw new ValidationError(
      `Rows sent as ${contentType} are one record per line: splitType must be Line`,
      SITE,
    );
  }
  const inputPrefix = s3Folder(
    checkS3('inputPrefix', params.inputPrefix ?? `${output}${name}-input/`),
  );
  return {
    name,
    format: formatOf(accept),
    inFormat,
    accept,
    split,
    payloadBytes: payloadMB === 0 ? Number.POSITIVE_INFINITY : payloadMB * MIB,
    perFile: params.recordsPerFile ?? TRANSFORM_RECORDS_PER_FILE,
    output,
    inputPrefix,
  };
}

const encoder = new TextEncoder();

function isPlainRow(row: unknown): boolean {
  return typeof row === 'object' && row !== null && !(row instanceof Tensor);
}

/** Encodes one row as its line (CSV, JSON Lines) with the endpoint codecs. */
function encodeLine(row: unknown, index: number, format: Format): string {
  try {
    if (format === 'csv') {
      if (typeof row === 'string') {
        if (/[\r\n]/.test(row)) throw new ValidationError('a CSV line may not hold a line break');
        return row;
      }
      if (row instanceof Tensor) return toCsv(row.rank > 1 ? row.reshape([1, -1]) : row);
      if (!Array.isArray(row)) {
        throw new ValidationError(`text/csv rows are arrays of numbers, got ${typeof row}`);
      }
      return toCsv(Tensor.from([row as TensorLike]));
    }
    if (row instanceof Tensor) return JSON.stringify(row.toArray());
    if (isPlainRow(row))
      return new TextDecoder().decode(serialize([row] as never, 'jsonlines').body);
    if (row === undefined || typeof row === 'function' || typeof row === 'symbol') {
      throw new ValidationError(`a JSON line needs a JSON value, got ${typeof row}`);
    }
    const line = JSON.stringify(row);
    if (typeof row === 'number' && !Number.isFinite(row)) {
      throw new ValidationError(`${row} is not a JSON number`);
    }
    return line;
  } catch (err) {
    if (ValidationError.isInstance(err)) {
      throw new ValidationError(`input[${index}]: ${err.message}`, { ...SITE, cause: err });
    }
    throw err;
  }
}

/** One `.npy` row: a Tensor row, or numbers. */
function npyRow(row: unknown, index: number): Tensor {
  if (row instanceof Tensor) return row;
  if (Array.isArray(row)) {
    try {
      return Tensor.from(row as TensorLike);
    } catch (err) {
      throw new ValidationError(`input[${index}]: ${(err as Error).message}`, {
        ...SITE,
        cause: err,
      });
    }
  }
  throw new ValidationError(
    `input[${index}]: application/x-npy rows are Tensors or arrays of numbers, got ${typeof row}`,
    SITE,
  );
}

function rowsOf(
  input: EndpointTransformParams['input'],
): Iterable<unknown> | AsyncIterable<unknown> {
  if (input instanceof Tensor) {
    const tensor = input;
    const rows = tensor.shape[0];
    if (rows === undefined) throw new ValidationError('input Tensor needs rank >= 1', SITE);
    return {
      *[Symbol.iterator]() {
        for (let i = 0; i < rows; i++) yield tensor.row(i);
      },
    };
  }
  if (
    typeof input !== 'object' ||
    input === null ||
    !(Symbol.iterator in input || Symbol.asyncIterator in input)
  ) {
    throw new ValidationError(
      'input must be an array or (async) iterable of rows, a Tensor or an s3:// URI',
      SITE,
    );
  }
  return input as Iterable<unknown> | AsyncIterable<unknown>;
}

async function* iterate<R>(records: Iterable<R> | AsyncIterable<R>): AsyncGenerator<R> {
  yield* records as AsyncIterable<R>;
}

function extension(format: Format): string {
  return format === 'csv' ? 'csv' : format === 'npy' ? 'npy' : 'jsonl';
}

/** Writes the rows as input objects; returns [relative name, records] of each. */
async function writeRows(
  ctx: ModuleContext,
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  p: Plan,
  contentType: string,
  options: RequestOptions,
): Promise<Array<[string, number]>> {
  const files: Array<[string, number]> = [];
  const put = async (body: Uint8Array, count: number): Promise<void> => {
    const name = `part-${String(files.length + 1).padStart(5, '0')}.${extension(p.inFormat)}`;
    const { bucket, key } = splitS3Prefix(`${p.inputPrefix}${name}`);
    files.push([name, count]);
    await writeObject(ctx, { bucket, key }, body, contentType, options);
  };
  let index = 0;
  if (p.inFormat === 'npy') {
    // One request per object (SplitType None): an object holds as many rows as fit the payload.
    let batch: Tensor[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const count = batch.length;
      const body = toNpy(stack(batch));
      batch = [];
      bytes = 0;
      await put(body, count);
    };
    for await (const raw of iterate(rows)) {
      const row = npyRow(raw, index);
      // 128 bytes: room for the .npy header.
      const rowBytes = row.data.byteLength;
      if (rowBytes + 128 > p.payloadBytes) {
        throw new ValidationError(
          `input[${index}] is ${rowBytes} bytes as .npy, above maxPayloadMB`,
          SITE,
        );
      }
      if (batch.length >= p.perFile || bytes + rowBytes + 128 > p.payloadBytes) await flush();
      batch.push(row);
      bytes += rowBytes;
      index++;
    }
    await flush();
  } else {
    let lines: string[] = [];
    for await (const row of iterate(rows)) {
      const line = encodeLine(row, index, p.inFormat);
      if (line.length + 1 > p.payloadBytes && encoder.encode(line).length + 1 > p.payloadBytes) {
        throw new ValidationError(
          `input[${index}] is larger than maxPayloadMB: SageMaker could not send it`,
          SITE,
        );
      }
      lines.push(line);
      index++;
      if (lines.length >= p.perFile) {
        await put(encoder.encode(`${lines.join('\n')}\n`), lines.length);
        lines = [];
      }
    }
    if (lines.length > 0) await put(encoder.encode(`${lines.join('\n')}\n`), lines.length);
  }
  if (index === 0) throw new ValidationError('input has no rows', SITE);
  return files;
}

const STATES: Record<string, JobState> = {
  InProgress: 'in-progress',
  Completed: 'completed',
  Failed: 'failed',
  Stopping: 'stopping',
  Stopped: 'stopped',
};

function refData(ref: JobRef): TransformRefData & JobRef {
  const data = ref as unknown as TransformRefData & JobRef;
  const ok =
    typeof ref === 'object' &&
    ref !== null &&
    ref.kind === SAGEMAKER_TRANSFORM_KIND &&
    typeof ref.id === 'string' &&
    typeof data.arn === 'string' &&
    typeof data.output === 'string' &&
    ['csv', 'jsonlines', 'npy', 'text'].includes(data.format) &&
    (Array.isArray(data.files) || typeof data.input === 'string');
  if (!ok) {
    throw new ValidationError(
      'Not the ref of a SageMaker transform job (kind sagemaker.transform)',
    );
  }
  return data;
}

/** A decimal number as Python and numpy write it (`1.0`, `1e-05`, `inf`, `nan`). */
const CSV_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One CSV field as a number, or undefined when it is none. `Number()` alone read a blank field (a
 * value the model left out) as 0 and `0x10` as 16: values the model never gave.
 */
function csvNumber(field: string): number | undefined {
  const f = field.trim();
  if (CSV_NUMBER.test(f)) return Number(f);
  const word = f.toLowerCase().replace(/^\+/, '');
  if (word === 'nan' || word === '-nan') return Number.NaN;
  if (word === 'inf' || word === 'infinity') return Number.POSITIVE_INFINITY;
  if (word === '-inf' || word === '-infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

/** A record's output line, decoded with the endpoint codecs; a container's error line fails it. */
function decodeLine(
  index: number,
  line: string,
  format: Format,
): EndpointTransformResult | BatchItemError {
  const failed = (code: string, message: string, cause?: unknown) =>
    new BatchItemError(index, `Record ${index} failed in the transform job (${code})`, {
      service: 'sagemaker',
      operation: 'CreateTransformJob',
      code,
      serviceMessage: message,
      ...(cause !== undefined ? { cause } : {}),
    });
  if (line.startsWith('{') && (format !== 'jsonlines' || line.includes('"error"'))) {
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      const keys = Object.keys(value);
      if ('error' in value && keys.every((k) => k === 'error' || k === 'errorCode')) {
        const error = value.error;
        return failed('RecordFailed', typeof error === 'string' ? error : JSON.stringify(error));
      }
      if (format === 'jsonlines') return { index, output: value };
    } catch {
      // Not JSON: decoded by the format below.
    }
  }
  try {
    if (format === 'jsonlines') return { index, output: JSON.parse(line) as unknown };
    if (format === 'csv') {
      const fields = line.split(',');
      const numbers = fields.map(csvNumber);
      return {
        index,
        output: numbers.every((n) => n !== undefined) ? (numbers as number[]) : fields,
      };
    }
    return { index, output: line };
  } catch (err) {
    return failed('MalformedOutput', `Output line of record ${index} is not ${format}`, err);
  }
}

/**
 * Builds the job of a transform from its ref: status is DescribeTransformJob's, results stream the
 * `.out` objects in input order, cancel is StopTransformJob.
 * @internal
 */
export function transformJob<T = unknown>(
  base: ModuleContext,
  ref: JobRef,
): EndpointTransformJob<T> {
  const data = refData(ref);
  const ctx =
    typeof ref.region === 'string' && ref.region !== base.config.region
      ? createContext({ region: ref.region }, base)
      : base;
  const output = s3Folder(data.output);

  /** The objects to read: aws-ai's own, or the caller's S3 input listed now. */
  async function outputs(options: RequestOptions): Promise<Array<[string, number | undefined]>> {
    if (data.files) return data.files;
    const input = data.input as string;
    const { bucket, key } = splitS3Prefix(input);
    const base = key.endsWith('/') ? key : key.slice(0, key.lastIndexOf('/') + 1);
    const keys = await listKeys(ctx, { bucket, prefix: key }, options);
    return keys.filter((k) => !k.endsWith('/')).map((k) => [k.slice(base.length), undefined]);
  }

  async function* read(
    options: RequestOptions,
  ): AsyncGenerator<EndpointTransformResult | BatchItemError> {
    let start = 0;
    for (const [name, count] of await outputs(options)) {
      const location = splitS3Prefix(`${output}${name}.out`);
      let k = 0;
      try {
        if (data.format === 'npy') {
          const tensor = fromNpy(await readObject(ctx, location, options));
          const rows = tensor.rank === 0 ? 1 : (tensor.shape[0] as number);
          if (count !== undefined && rows !== count) {
            throw new ServiceError(
              `${name}.out holds ${rows} rows for the ${count} records of ${name}: outputs cannot be matched to inputs`,
              { service: 'sagemaker', operation: 'CreateTransformJob', code: 'OutputMisaligned' },
            );
          }
          for (; k < rows; k++)
            yield { index: start + k, output: tensor.rank === 0 ? tensor : tensor.row(k) };
        } else {
          for await (const line of objectLines(ctx, location, options)) {
            if (line.trim() === '') continue;
            if (count !== undefined && k >= count) {
              throw new ServiceError(
                `${name}.out has more lines than the ${count} records of ${name}: outputs cannot be matched to inputs`,
                { service: 'sagemaker', operation: 'CreateTransformJob', code: 'OutputMisaligned' },
              );
            }
            yield decodeLine(start + k, line, data.format);
            k++;
          }
        }
      } catch (err) {
        if (!(NotFoundError.isInstance(err) && k === 0 && count !== undefined)) throw err;
      }
      for (; count !== undefined && k < count; k++) {
        yield new BatchItemError(start + k, `Record ${start + k} has no output in ${name}.out`, {
          service: 'sagemaker',
          operation: 'CreateTransformJob',
          code: 'MissingOutput',
        });
      }
      start += count ?? k;
    }
  }

  const describe = async (options: RequestOptions): Promise<JobStatus> => {
    const out = await callAws(
      ctx,
      SAGEMAKER_CONTROL,
      'DescribeTransformJob',
      ({ client, sdk, signal }) =>
        client.send(new sdk.DescribeTransformJobCommand({ TransformJobName: ref.id }), {
          abortSignal: signal,
        }),
      options,
    );
    return {
      id: ref.id,
      state: STATES[out.TransformJobStatus ?? 'InProgress'] ?? 'in-progress',
      ...(out.FailureReason ? { message: out.FailureReason } : {}),
    };
  };

  const job = createJob<EndpointTransformResult | BatchItemError>({
    ref,
    service: 'sagemaker',
    operation: 'DescribeTransformJob',
    describe,
    read: (_status, options) => read(options.signal ? { signal: options.signal } : {}),
    cancel: async (options) => {
      await callAws(
        ctx,
        SAGEMAKER_CONTROL,
        'StopTransformJob',
        ({ client, sdk, signal }) =>
          client.send(new sdk.StopTransformJobCommand({ TransformJobName: ref.id }), {
            abortSignal: signal,
          }),
        options,
      );
    },
  });
  const records = data.files?.reduce((n, [, c]) => n + c, 0);
  return Object.assign(job, { arn: data.arn, records }) as unknown as EndpointTransformJob<T>;
}

/**
 * `endpoints.transform`: writes the rows (unless the input is already in S3) and starts the job.
 * @internal
 */
export async function startTransform<T = unknown>(
  ctx: ModuleContext,
  params: EndpointTransformParams,
  options: RequestOptions = {},
): Promise<EndpointTransformJob<T>> {
  // Checked before plan() reads the rows and before any upload: a bad signal once failed only at PutObject.
  checkRequestOptions(options);
  const p = plan(params);
  // Keeps the call's scope (endpoints.transform runs in one): the uploads and CreateTransformJob
  // share one deadline.
  const request = requestOptionsOf(options);
  let files: Array<[string, number]> | undefined;
  let inputUri: string;
  if (isS3Input(params.input)) {
    inputUri = params.input;
  } else {
    const rows = rowsOf(params.input);
    // An array is checked whole before anything is uploaded.
    if (Array.isArray(rows)) {
      if (rows.length === 0) throw new ValidationError('input has no rows', SITE);
      for (const [i, row] of rows.entries()) {
        if (p.inFormat === 'npy') npyRow(row, i);
        else encodeLine(row, i, p.inFormat);
      }
    }
    files = await writeRows(ctx, rows, p, params.contentType, request);
    inputUri = p.inputPrefix;
  }
  const command = {
    TransformJobName: p.name,
    ModelName: params.model,
    BatchStrategy: params.batchStrategy ?? 'MultiRecord',
    MaxPayloadInMB: params.maxPayloadMB ?? TRANSFORM_DEFAULT_PAYLOAD_MB,
    ...(params.maxConcurrentTransforms !== undefined
      ? { MaxConcurrentTransforms: params.maxConcurrentTransforms }
      : {}),
    ...(params.environment ? { Environment: { ...params.environment } } : {}),
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: inputUri } },
      ContentType: params.contentType,
      SplitType: p.split,
      CompressionType: 'None',
    },
    TransformOutput: {
      S3OutputPath: p.output,
      Accept: p.accept,
      AssembleWith: p.split === 'None' ? 'None' : 'Line',
    },
    TransformResources: {
      InstanceType: params.instanceType,
      InstanceCount: params.instanceCount ?? 1,
    },
    ...(params.joinSource === 'Input' ? { DataProcessing: { JoinSource: 'Input' } } : {}),
  } as const;
  let arn: string | undefined;
  try {
    const out = await callAws(
      ctx,
      SAGEMAKER_CONTROL,
      'CreateTransformJob',
      ({ client, sdk, signal }) =>
        client.send(new sdk.CreateTransformJobCommand(command as never), { abortSignal: signal }),
      request,
    );
    arn = out.TransformJobArn;
  } catch (err) {
    // A retried Create whose first attempt started the job answers ResourceInUse: adopt that job
    // when it is this one (same model, same input), else report the name clash.
    if (!(AwsAIError.isInstance(err) && err.code === 'ResourceInUse')) throw err;
    const same = await callAws(
      ctx,
      SAGEMAKER_CONTROL,
      'DescribeTransformJob',
      ({ client, sdk, signal }) =>
        client.send(new sdk.DescribeTransformJobCommand({ TransformJobName: p.name }), {
          abortSignal: signal,
        }),
      request,
    ).catch(() => undefined);
    if (
      same?.ModelName !== params.model ||
      same.TransformInput?.DataSource?.S3DataSource?.S3Uri !== inputUri
    ) {
      throw err;
    }
    arn = same.TransformJobArn;
  }
  if (!arn) {
    throw new ServiceError('CreateTransformJob answered without a TransformJobArn', {
      ...SITE,
      code: 'MissingJobArn',
    });
  }
  const ref: JobRef = {
    kind: SAGEMAKER_TRANSFORM_KIND,
    id: p.name,
    region: ctx.config.region,
    arn,
    output: p.output,
    format: p.format,
    ...(files ? { files } : { input: inputUri }),
  };
  return transformJob<T>(ctx, ref);
}
