import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { type AttemptBudget, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { abortErrorFrom } from '../core/internal/abort';
import { StreamError } from '../errors';
import { BEDROCK } from './bedrock';
import { midStreamError } from './converse-events';
import { within } from './idle';
import { encodeBody } from './invoke-body';
import { explainModelError } from './model-errors';
import { assertModel } from './model-id';
import type { InvokeOptions, InvokeResult } from './types';

const decoder = new TextDecoder();

/** JSON bodies parsed; anything else stays bytes. */
function decodeBody(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (contentType !== undefined && !/json/i.test(contentType)) return bytes;
  const text = decoder.decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return contentType === undefined ? bytes : text;
  }
}

function requestOptions(options: InvokeOptions) {
  const { contentType: _c, accept: _a, idleTimeoutMs: _i, ...rest } = options;
  return rest;
}

/** InvokeModel with JSON in and out. @internal */
export async function invokeModel<T>(
  ctx: ModuleContext,
  model: string,
  body: unknown,
  options: InvokeOptions & { budget?: AttemptBudget | undefined } = {},
): Promise<InvokeResult<T>> {
  assertModel(model);
  const bytes = encodeBody(body);
  let out: Awaited<ReturnType<typeof send>>;
  const send = () =>
    callAws(
      ctx,
      BEDROCK,
      'InvokeModel',
      ({ client, sdk, signal }) =>
        // A cut answer is refused by the client's own middleware (core/body-end.ts).
        client.send(
          new sdk.InvokeModelCommand({
            modelId: model,
            body: bytes,
            contentType: options.contentType ?? 'application/json',
            accept: options.accept ?? 'application/json',
          }),
          { abortSignal: signal },
        ),
      requestOptions(options),
    );
  try {
    out = await send();
  } catch (err) {
    throw explainModelError(err, ctx, model);
  }
  return {
    body: decodeBody(out.body ?? new Uint8Array(), out.contentType) as T,
    contentType: out.contentType,
    requestId: out.$metadata.requestId,
  };
}

/** The chunks of one InvokeModelWithResponseStream, loaded on first read. @internal */
export async function* invokeEvents<T>(
  ctx: ModuleContext,
  model: string,
  bytes: Uint8Array,
  idleMs: number,
  options: InvokeOptions,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const site = { service: 'bedrock-runtime', operation: 'InvokeModelWithResponseStream' } as const;
  const attempt = new AbortController();
  const stop = () => attempt.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  try {
    let out: Awaited<ReturnType<typeof send>>;
    const send = () =>
      callAws(
        ctx,
        BEDROCK,
        site.operation,
        ({ client, sdk, signal: attemptSignal }) =>
          client.send(
            new sdk.InvokeModelWithResponseStreamCommand({
              modelId: model,
              body: bytes,
              contentType: options.contentType ?? 'application/json',
              accept: options.accept ?? 'application/json',
            }),
            { abortSignal: attemptSignal },
          ),
        { ...requestOptions(options), signal: attempt.signal },
      );
    try {
      out = await within(send(), idleMs, () => attempt.abort());
    } catch (err) {
      if (signal.aborted) throw abortErrorFrom(signal.reason);
      throw explainModelError(
        err instanceof Error && 'idleMs' in err ? midStreamError(err, site) : err,
        ctx,
        model,
      );
    }
    if (!out.body) throw new StreamError(`${site.operation} answered without a stream`, site);
    const chunks: AsyncIterator<ResponseStream> = out.body[Symbol.asyncIterator]();
    const contentType = out.contentType;
    while (true) {
      let next: IteratorResult<ResponseStream>;
      try {
        next = await within(chunks.next(), idleMs, () => attempt.abort());
      } catch (err) {
        if (signal.aborted) throw abortErrorFrom(signal.reason);
        throw midStreamError(err, site);
      }
      if (next.done) return;
      const chunk = next.value.chunk?.bytes;
      if (chunk) yield decodeBody(chunk, contentType ?? 'application/json') as T;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    attempt.abort();
  }
}
