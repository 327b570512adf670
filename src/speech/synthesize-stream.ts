import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
import { ValidationError } from '../errors';
import { audioRequest, checkFormat, planSpeech } from './synthesize-request';
import type { SpeechSynthesizeOptions } from './types';

// The Polly synthesis code only, not the module's whole `impl`: a bundle of the `synthesizeStream`
// function then carries neither Transcribe nor S3 code (decision 0701).
const synthesis = /* @__PURE__ */ loadOnce(() => import('./synthesize'));

const STREAM_SITE = { service: 'polly', operation: 'SynthesizeSpeech' } as const;

/**
 * Checks and splits the text at once (so bad input throws before a stream exists); the code that
 * calls Polly loads on the first read. @internal
 */
export function synthesizeStream(
  ctx: ModuleContext,
  text: string,
  options: SpeechSynthesizeOptions = {},
): AwsAIStream<Uint8Array> {
  return withSite(STREAM_SITE, () => {
    checkRequestOptions(options);
    const checked = planSpeech(text, options);
    const format = options.format ?? 'mp3';
    checkFormat(format, options.sampleRate);
    if (options.marks !== undefined) {
      throw new ValidationError(
        'synthesizeStream returns audio only; use synthesize({ marks }) or speechMarks()',
      );
    }
    const request = audioRequest(options);
    return AwsAIStream.from(
      async function* (signal) {
        const { synthesizeAudio } = await synthesis();
        yield* synthesizeAudio(ctx, checked, request, options, signal);
      },
      {
        signal: options.signal,
        binary: true,
        // The deadline of the whole stream, every piece's request included (ADR 0006).
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        site: STREAM_SITE,
      },
    );
  });
}
