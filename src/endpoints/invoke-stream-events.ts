import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type ErrorSite, fromAwsError } from '../core/error-mapping';
import { StreamError } from '../errors';
import { boundedServiceText } from '../redact';
import { mapInvokeError } from './model-error';
import { targetHeaders } from './payload';
import { SAGEMAKER } from './sagemaker';
import { framerFor } from './stream-framing';
import type { EndpointInvokeStreamOptions, EndpointStreamEvent } from './types';

const OPERATION = 'InvokeEndpointWithResponseStream';
const SITE: ErrorSite = { service: 'sagemaker-runtime', operation: OPERATION };

interface StreamEventShape {
  PayloadPart?: { Bytes?: Uint8Array | undefined } | undefined;
  ModelStreamError?: { Message?: string | undefined; ErrorCode?: string | undefined } | undefined;
  InternalStreamFailure?: { Message?: string | undefined } | undefined;
}

/** A `ModelStreamError`/`InternalStreamFailure` (event or thrown) or a dropped connection, typed. */
function midStreamError(err: unknown, streamRequestId: string | undefined): StreamError {
  const e = err as { name?: unknown; ErrorCode?: unknown };
  const mapped = fromAwsError(err, SITE);
  const detail = typeof e?.ErrorCode === 'string' ? ` (${e.ErrorCode})` : '';
  return new StreamError(`${mapped.message}${detail} (mid-stream)`, {
    ...SITE,
    code: mapped.code,
    statusCode: mapped.statusCode,
    // An exception frame has no response of its own: the stream's request id names it.
    requestId: mapped.requestId ?? streamRequestId,
    retryable: mapped.code === 'InternalStreamFailure' || mapped.retryable,
    cause: err,
  });
}

/**
 * The error of an exception event. The container's message may echo the input: the error's own
 * message carries it scrubbed and bounded, the verbatim text stays behind `serviceMessage` (ADR 0005).
 */
function streamEventError(
  event: StreamEventShape,
  requestId: string | undefined,
): StreamError | undefined {
  if (event.ModelStreamError) {
    const { Message, ErrorCode } = event.ModelStreamError;
    return new StreamError(
      `sagemaker-runtime ${OPERATION} failed: ModelStreamError${ErrorCode ? ` (${ErrorCode})` : ''}: ${boundedServiceText(Message ?? '')} (mid-stream)`,
      { ...SITE, code: 'ModelStreamError', retryable: false, requestId, serviceMessage: Message },
    );
  }
  if (event.InternalStreamFailure) {
    const { Message } = event.InternalStreamFailure;
    return new StreamError(
      `sagemaker-runtime ${OPERATION} failed: InternalStreamFailure: ${boundedServiceText(Message ?? '')} (mid-stream)`,
      {
        ...SITE,
        code: 'InternalStreamFailure',
        retryable: true,
        requestId,
        serviceMessage: Message,
      },
    );
  }
  return undefined;
}

/**
 * Sends an already checked and encoded body to InvokeEndpointWithResponseStream and yields the
 * reassembled events. @internal
 */
export async function* endpointStreamEvents(
  ctx: ModuleContext,
  endpoint: string,
  encoded: { body: Uint8Array; contentType: string },
  options: EndpointInvokeStreamOptions,
  signal: AbortSignal,
): AsyncGenerator<EndpointStreamEvent> {
  const out = await callAws(
    ctx,
    SAGEMAKER,
    OPERATION,
    ({ client, sdk, signal: attemptSignal }) =>
      client.send(
        new sdk.InvokeEndpointWithResponseStreamCommand({
          EndpointName: endpoint,
          Body: encoded.body,
          ContentType: encoded.contentType,
          ...(options.accept ? { Accept: options.accept } : {}),
          ...targetHeaders(options),
          ...(options.sessionId ? { SessionId: options.sessionId } : {}),
        }),
        { abortSignal: attemptSignal },
      ),
    { ...options, signal },
  ).catch(mapInvokeError);
  const framer = framerFor(options.framing, out.ContentType);
  try {
    for await (const event of (out.Body ?? []) as AsyncIterable<StreamEventShape>) {
      const failure = streamEventError(event, out.$metadata.requestId);
      if (failure) throw failure;
      const bytes = event.PayloadPart?.Bytes;
      if (bytes && bytes.byteLength > 0) yield* framer.push(bytes);
    }
  } catch (err) {
    if (signal.aborted || StreamError.isInstance(err)) throw err;
    throw midStreamError(err, out.$metadata.requestId);
  }
  yield* framer.end();
}
