import type { Voice as AwsVoice } from '@aws-sdk/client-polly';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { collectPages } from '../core/polling';
import { ValidationError } from '../errors';
import { POLLY } from './polly';
import type { SpeechVoicesOptions, Voice } from './types';

const ENGINES: ReadonlySet<unknown> = new Set(['standard', 'neural', 'long-form', 'generative']);
/** Polly's language codes: `en-US`, `cmn-CN`, `arb`, `yue-CN`. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

function toVoice(v: AwsVoice): Voice {
  return {
    id: v.Id ?? '',
    name: v.Name ?? v.Id ?? '',
    gender: v.Gender,
    language: v.LanguageCode ?? '',
    languageName: v.LanguageName ?? '',
    additionalLanguages: v.AdditionalLanguageCodes ?? [],
    engines: (v.SupportedEngines ?? []) as Voice['engines'],
  };
}

/**
 * DescribeVoices, every page, cached for the life of the client (and its `withOptions` copies):
 * the voice list changes a few times a year, and the call is rate limited (80 TPS).
 * A failed lookup is not cached.
 * @internal
 */
export function listVoices(
  ctx: ModuleContext,
  options: SpeechVoicesOptions = {},
): Promise<Voice[]> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('voices() options must be an object such as { language: "en-US" }');
  }
  const { language, engine } = options as { language?: unknown; engine?: unknown };
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE.test(language))) {
    throw new ValidationError('language must be a Polly language code such as en-US or es-ES');
  }
  if (engine !== undefined && !ENGINES.has(engine)) {
    throw new ValidationError(`engine must be one of ${[...ENGINES].join(', ')}`);
  }
  const key = `polly.voices|${ctx.config.region ?? ''}|${language ?? '*'}|${engine ?? '*'}`;
  const cached = ctx.shared.memo.get(key) as Promise<Voice[]> | undefined;
  if (cached) return cached;
  const loading = collectPages(
    (nextToken) =>
      callAws(
        ctx,
        POLLY,
        'DescribeVoices',
        ({ client, sdk, signal }) =>
          client.send(
            new sdk.DescribeVoicesCommand({
              ...(language ? { LanguageCode: language as never } : {}),
              ...(engine ? { Engine: engine as never } : {}),
              IncludeAdditionalLanguageCodes: true,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
            { abortSignal: signal },
          ),
        options,
      ).then((out) => ({ page: (out.Voices ?? []).map(toVoice), nextToken: out.NextToken })),
    { signal: options.signal },
  ).then((pages) => pages.flat());
  ctx.shared.memo.set(key, loading);
  loading.catch(() => ctx.shared.memo.delete(key));
  return loading;
}
