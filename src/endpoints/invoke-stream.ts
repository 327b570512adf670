import { validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { validateIdle } from '../core/internal/idle';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { ValidationError } from '../errors';
import { checkEndpoint, checkHeaders, encodePayload } from './payload';
import type { EndpointInvokeStreamOptions, EndpointPayload, EndpointStreamEvent } from './types';

/**
 * The stream's request code alone, not the whole `impl` (which reaches S3 through invokeAsync and
 * the batcher's code): a bundle of the `invokeStream` function (functions.ts) then carries no other
 * operation. A bundler keeps every `import()` it reaches, so this file must not reach `load-impl`.
 */
const loadStreamEvents = /* @__PURE__ */ loadOnce(() => import('./invoke-stream-events'));

const OPERATION = 'InvokeEndpointWithResponseStream';

/** No part for this long ends the stream, as in the generative streams. */
const DEFAULT_IDLE_MS = 60_000;

const SITE = { service: 'sagemaker-runtime', operation: OPERATION } as const;

/**
 * Checks the options and encodes the request at once (so bad input throws before a stream exists); the code
 * that calls the endpoint loads on the first read. @internal
 */
export function invokeEndpointStream(
  ctx: ModuleContext,
  endpoint: string,
  payload: EndpointPayload,
  options: EndpointInvokeStreamOptions = {},
): AwsAIStream<EndpointStreamEvent> {
  return withSite(SITE, () => {
    checkEndpoint(endpoint);
    // Not run through ServiceModule.call: the request options (object, signal, timeoutMs) are checked here.
    checkRequestOptions(options);
    checkHeaders(options, OPERATION);
    // InvokeEndpointWithResponseStream has no TargetModel header: the SDK would drop it and the
    // stream would go to the endpoint's default model.
    if ((options as { targetModel?: unknown }).targetModel !== undefined) {
      throw new ValidationError(
        'targetModel cannot be used with invokeStream: InvokeEndpointWithResponseStream has no TargetModel (multi-model endpoints do not stream); use invoke',
      );
    }
    const framing: unknown = options.framing;
    if (framing !== undefined && framing !== 'sse' && framing !== 'lines' && framing !== 'bytes') {
      throw new ValidationError(
        `framing must be 'sse', 'lines' or 'bytes', got ${typeof framing === 'string' ? JSON.stringify(framing.slice(0, 40)) : typeof framing}`,
      );
    }
    const idleTimeoutMs = validateIdle(options.idleTimeoutMs, DEFAULT_IDLE_MS);
    if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
    const encoded = encodePayload(payload, options.contentType, options.serializer, OPERATION);
    return AwsAIStream.from(
      async function* (signal) {
        const { endpointStreamEvents } = await loadStreamEvents();
        yield* endpointStreamEvents(ctx, endpoint, encoded, options, signal);
      },
      {
        signal: options.signal,
        // SageMaker's stream has no end event: the deadline and the idle timeout are the core
        // stream's, which cut it with a TimeoutError / StreamError('IdleTimeout'), never a silent end.
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        idleTimeoutMs,
        site: SITE,
        // The stream's span, opened at its first read.
        telemetry: { enabled: ctx.config.telemetry, method: 'endpoints.invokeStream' },
      },
    );
  });
}
