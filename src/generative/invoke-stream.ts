import { validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { genAiStream } from './gen-ai-telemetry';
import { validateIdle } from './idle';
import { encodeBody } from './invoke-body';
import { DEFAULT_STREAM_IDLE_MS } from './limits';
import { assertModel } from './model-id';
import type { InvokeOptions } from './types';

/**
 * The InvokeModel code alone, not the whole `impl`: a bundle of the `invokeStream` function
 * (functions.ts) then carries no other operation. This file must not reach `load-impl`.
 */
const loadInvoke = /* @__PURE__ */ loadOnce(() => import('./invoke'));

const SITE = { service: 'bedrock-runtime', operation: 'InvokeModelWithResponseStream' } as const;

/**
 * InvokeModelWithResponseStream as an {@link AwsAIStream}. Model, body and idle timeout are checked
 * here, synchronously; the request code loads and the request starts on first read.
 * @internal
 */
export function invokeModelStream<T>(
  ctx: ModuleContext,
  model: string,
  body: unknown,
  options: InvokeOptions = {},
): AwsAIStream<T> {
  return withSite(SITE, () => {
    checkRequestOptions(options);
    assertModel(model);
    const bytes = encodeBody(body);
    const idleMs = validateIdle(options.idleTimeoutMs, DEFAULT_STREAM_IDLE_MS);
    if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
    return AwsAIStream.from(
      async function* (signal) {
        const { invokeEvents } = await loadInvoke();
        yield* invokeEvents<T>(ctx, model, bytes, idleMs, options, signal);
      },
      {
        signal: options.signal,
        // The stream has no end event to check: the deadline is the core stream's, which cuts it
        // with a TimeoutError instead of the silent end of a cancelled request.
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        site: SITE,
        telemetry: genAiStream(ctx.config.telemetry, 'generative.invokeStream', 'invoke', model),
      },
    );
  });
}
