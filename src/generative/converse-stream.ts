import { validateTimeout } from '../config';
import type { ModuleContext } from '../core/context';
import { AwsAIStream } from '../core/stream';
import { Deferred, GenerativeStream } from './generative-stream';
import { loadImpl as impl } from './load-impl';
import { checkStreamOptions } from './stream-options';
import type { GenerateParams, GenerateStreamOptions, GenerativeFinalMessage } from './types';

const SITE = { service: 'bedrock-runtime', operation: 'ConverseStream' } as const;

/**
 * ConverseStream as a {@link GenerativeStream}. Options are checked here, synchronously, so a bad
 * one throws at the call site; the request code loads and the request starts on first read.
 * @internal
 */
export function converseStream(
  ctx: ModuleContext,
  params: GenerateParams,
  options: GenerateStreamOptions = {},
): GenerativeStream {
  const final = new Deferred<GenerativeFinalMessage>();
  const settings = checkStreamOptions(options);
  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
  const inner = AwsAIStream.from(
    async function* (signal) {
      try {
        const { converseEvents } = await impl();
        yield* converseEvents(ctx, params, options, settings, final, signal);
      } catch (err) {
        final.reject(err);
        throw err;
      }
    },
    {
      signal: options.signal,
      // The deadline of the whole stream (every step of a tool loop, every restart) is the core
      // stream's: it cuts the stream with a TimeoutError, never a silent end.
      timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
      site: SITE,
    },
  );
  return new GenerativeStream(inner, final);
}
