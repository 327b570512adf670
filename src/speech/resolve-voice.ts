import type { ModuleContext } from '../core/context';
import { AbortError, ValidationError } from '../errors';
import { DEFAULT_VOICE } from './synthesize-request';
import type { SpeechVoiceOptions } from './types';
import { listVoices } from './voices';

/**
 * The voice to use: the caller's (checked against the engine), else for a `language` the first
 * voice of the cached list that speaks it natively (then as an additional language) and supports
 * the requested engine, or `standard` (Polly's default) when none is requested; else
 * {@link DEFAULT_VOICE}. Needs the voice list only when choosing by language.
 * @internal
 */
export async function resolveVoice(
  ctx: ModuleContext,
  options: SpeechVoiceOptions,
): Promise<string> {
  const { language } = options;
  if (options.voice !== undefined || language === undefined) {
    await checkVoiceEngine(ctx, options);
    return options.voice ?? DEFAULT_VOICE;
  }
  const voices = await listVoices(ctx, { signal: options.signal });
  const code = language.toLowerCase();
  const candidates = [
    ...voices.filter((v) => v.language.toLowerCase() === code),
    ...voices.filter(
      (v) =>
        v.language.toLowerCase() !== code &&
        v.additionalLanguages.some((other) => other.toLowerCase() === code),
    ),
  ];
  if (candidates.length === 0) {
    throw new ValidationError(
      `Polly has no voice for language ${language}; pass voice, or a language from speech.voices()`,
    );
  }
  const engine = options.engine ?? 'standard';
  const voice = candidates.find((v) => v.engines.includes(engine));
  if (!voice) {
    const engines = [...new Set(candidates.flatMap((v) => v.engines))];
    throw new ValidationError(
      `No ${language} voice supports the ${engine} engine${options.engine ? '' : " (Polly's default)"}; pass engine: one of ${engines.join(', ')}`,
    );
  }
  return voice.id;
}

/**
 * Rejects a voice that does not support the requested engine, from the cached DescribeVoices list
 * (one call per client). When the list cannot be read (no `polly:DescribeVoices` permission, an
 * outage) the check is skipped and Polly itself answers.
 * @internal
 */
async function checkVoiceEngine(ctx: ModuleContext, options: SpeechVoiceOptions): Promise<void> {
  if (options.engine === undefined) return;
  const id = options.voice ?? DEFAULT_VOICE;
  let voices: Awaited<ReturnType<typeof listVoices>>;
  try {
    voices = await listVoices(ctx, { signal: options.signal });
  } catch (err) {
    if (AbortError.isInstance(err)) throw err;
    ctx.config.logger?.debug('aws-ai: voice list unavailable; Polly will check the engine', err);
    return;
  }
  const voice = voices.find((v) => v.id === id);
  if (!voice) {
    throw new ValidationError(`Polly has no voice ${id}; see speech.voices() for the list`);
  }
  if (!voice.engines.includes(options.engine)) {
    throw new ValidationError(
      `Voice ${id} does not support the ${options.engine} engine; it supports ${voice.engines.join(', ')}`,
    );
  }
}
