import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { AwsAIError, ServiceError, ValidationError } from '../errors';
import { batchToNpy } from '../tensor/batcher-npy';
import type { BatchInvokeOutput, BatchRowFailure } from '../tensor/batcher-types';
import { fromCsv } from '../tensor/csv-codec';
import { fromJson, fromJsonLines } from '../tensor/json-codec';
import { fromNpy } from '../tensor/npy';
import { Tensor, type TensorLike } from '../tensor/tensor';
import { CONTENT_TYPES, decodeFailureReason } from './codecs';
import { mapInvokeError } from './model-error';
import { checkBodySize, encodePayload } from './payload';
import { SAGEMAKER } from './sagemaker';

const OPERATION = 'InvokeEndpoint';

/** What an endpoint batcher fixed when it was made: the request every batch is sent with. @internal */
export interface BatchTarget {
  endpoint: string;
  serializer: 'npy' | 'json' | 'csv' | 'jsonlines';
  accept: string;
  headers: Record<string, string>;
  callTimeoutMs: number | undefined;
}

/** Sends one batch to the endpoint (one attempt: the batcher owns retries) and decodes the answer. @internal */
export async function invokeBatch(
  ctx: ModuleContext,
  target: BatchTarget,
  batch: Tensor,
  signal: AbortSignal,
): Promise<Tensor | BatchInvokeOutput> {
  const { serializer } = target;
  let encoded: { body: Uint8Array; contentType: string };
  try {
    encoded =
      serializer === 'npy'
        ? { body: checkBodySize(batchToNpy(batch)), contentType: CONTENT_TYPES.npy }
        : encodePayload(batch, undefined, serializer);
  } catch (err) {
    // Over 6 MiB once serialized (JSON/CSV grow): a 413 makes the batcher split and resend.
    if (AwsAIError.isInstance(err) && err.code === 'PayloadTooLarge') {
      throw new ValidationError(err.message, { ...err, statusCode: 413, code: err.code });
    }
    // A row the serializer cannot write (NaN or Infinity in JSON): a ValidationError, which the
    // batcher bisects, so that row fails alone and its neighbours are sent (was: all of them failed).
    if (ValidationError.isInstance(err)) {
      throw new ValidationError(
        `the ${serializer} serializer cannot send this row: ${err.message}; replace NaN and Infinity, or use serializer 'npy'`,
        { code: err.code ?? 'UnencodableRow', cause: err },
      );
    }
    throw err;
  }
  const out = await callAws(
    ctx,
    SAGEMAKER,
    OPERATION,
    ({ client, sdk, signal: attemptSignal }) =>
      client.send(
        new sdk.InvokeEndpointCommand({
          EndpointName: target.endpoint,
          Body: encoded.body,
          ContentType: encoded.contentType,
          Accept: target.accept,
          ...target.headers,
        }),
        { abortSignal: attemptSignal },
      ),
    // The batcher owns retries: one attempt per call, so retries never stack.
    { signal, retry: false, timeoutMs: target.callTimeoutMs },
  ).catch(mapInvokeError);
  try {
    return decodeBatch(out.Body ?? new Uint8Array(), out.ContentType);
  } catch (err) {
    // The endpoint's answer, not the caller's rows, is at fault: a ServiceError as invoke() gives
    // (was: a ValidationError, or an InternalError for a JSON that does not parse), never retried
    // (the model answered; the same batch would answer the same). The decoder's error quotes the
    // body, so neither it nor its wording is kept.
    throw new ServiceError(
      `sagemaker-runtime ${OPERATION}: endpoint ${target.endpoint} answered ${out.ContentType ?? 'an untyped body'} that could not be decoded as a batch: ${decodeFailureReason(err)}`,
      {
        service: 'sagemaker-runtime',
        operation: OPERATION,
        code: 'UndecodableResponse',
        requestId: out.$metadata.requestId,
        retryable: false,
      },
    );
  }
}

/** Decodes a batch answer; JSON may carry per-row errors (`errors: [{ index, message }]`, `null` rows). @internal */
export function decodeBatch(
  body: Uint8Array,
  contentType: string | undefined,
): Tensor | BatchInvokeOutput {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('x-npy')) return fromNpy(body);
  if (type.includes('jsonlines')) return fromJsonLines(body);
  if (type.includes('csv')) return fromCsv(body);
  if (type.includes('json')) {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as unknown;
    const record =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    const rows = record ? (record.predictions ?? record.outputs) : parsed;
    if (Array.isArray(rows) && (rows.includes(null) || Array.isArray(record?.errors))) {
      return withRowErrors(rows, record?.errors);
    }
    return fromJson(body);
  }
  throw new ValidationError(
    `cannot decode a batch answer of type ${contentType ?? 'unknown'}: use accept application/x-npy or JSON`,
  );
}

function withRowErrors(rows: unknown[], listed: unknown): BatchInvokeOutput {
  const errors: BatchRowFailure[] = [];
  const seen = new Set<number>();
  if (Array.isArray(listed)) {
    for (const item of listed) {
      const e = item as { index?: unknown; message?: unknown; code?: unknown };
      if (typeof e?.index !== 'number') continue;
      seen.add(e.index);
      errors.push({
        index: e.index,
        message: typeof e.message === 'string' ? e.message : 'the model failed this row',
        code: typeof e.code === 'string' ? e.code : undefined,
      });
    }
  }
  const template = rows.find((r) => r !== null);
  const filler = template === undefined ? 0 : zeroLike(template);
  const filled = rows.map((row, index) => {
    if (row !== null) return row;
    if (!seen.has(index))
      errors.push({ index, message: 'the model returned no output for this row' });
    return filler;
  });
  return { output: Tensor.from(filled as TensorLike, { dtype: 'float64' }), errors };
}

function zeroLike(value: unknown): unknown {
  return Array.isArray(value) ? value.map(zeroLike) : 0;
}
