import { validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { nameFailure, withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { genAiStream } from './gen-ai-telemetry';
import { Deferred, GenerativeStream } from './generative-stream';
import { checkStreamOptions } from './stream-options';
import type { GenerateParams, GenerateStreamOptions, GenerativeFinalMessage } from './types';

/**
 * ConverseStream's request code alone, not the whole `impl`: a bundle of the `stream` function
 * (functions.ts) then carries no other operation. A bundler keeps every `import()` it reaches, so
 * this file must not reach `load-impl`.
 */
const loadConverseEvents = /* @__PURE__ */ loadOnce(() => import('./converse-events'));

const SITE = { service: 'bedrock-runtime', operation: 'ConverseStream' } as const;

/**
 * ConverseStream as a {@link GenerativeStream}. Options are checked here, synchronously, so a bad
 * one throws at the call site; the request code loads and the request starts on first read.
 * `method` names the stream's span (`aws-ai.<method>`).
 * @internal
 */
export function converseStream(
  ctx: ModuleContext,
  params: GenerateParams,
  options: GenerateStreamOptions = {},
  method = 'generative.stream',
): GenerativeStream {
  return withSite(SITE, () => {
    checkRequestOptions(options);
    const final = new Deferred<GenerativeFinalMessage>();
    const settings = checkStreamOptions(options);
    if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
    const inner = AwsAIStream.from(
      async function* (signal) {
        try {
          const { converseEvents } = await loadConverseEvents();
          yield* converseEvents(ctx, params, options, settings, final, signal);
        } catch (err) {
          // finalMessage() rejects with what the reader sees: the stream's site named on it.
          const failure = nameFailure(err, SITE);
          final.reject(failure);
          throw failure;
        }
      },
      {
        signal: options.signal,
        // The deadline of the whole stream (every step of a tool loop, every restart) is the core
        // stream's: it cuts the stream with a TimeoutError, never a silent end.
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        site: SITE,
        // One span for the stream, a `chat` step span per model call of its tool loop.
        telemetry: genAiStream(ctx.config.telemetry, method, 'chat', params?.model),
      },
    );
    return new GenerativeStream(inner, final);
  });
}
