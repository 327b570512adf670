import type { Voice as AwsVoice } from '@aws-sdk/client-polly';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { raceSignal } from '../core/internal/abort';
import { collectPages } from '../core/polling';
import { ValidationError } from '../errors';
import { POLLY } from './polly';
import type { SpeechVoicesOptions, Voice } from './types';

const ENGINES: ReadonlySet<unknown> = new Set(['standard', 'neural', 'long-form', 'generative']);
/** Polly's language codes (polly.json enum `LanguageCode`): `en-US`, `cmn-CN`, `arb`, `en-GB-WLS`. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2}(-[A-Z]{3})?)?$/;

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

/** One DescribeVoices lookup shared by the calls that wait for it. */
interface SharedLookup {
  readonly voices: Promise<Voice[]>;
  /** Cancels the lookup's requests; fired when the last waiting call leaves before it ends. */
  readonly controller: AbortController;
  /** Calls still waiting for it. */
  waiting: number;
  done: boolean;
}

/** The shared lookup behind each cached voice-list promise. */
const LOOKUPS = new WeakMap<Promise<unknown>, SharedLookup>();

/**
 * DescribeVoices, every page, cached for the life of the client (and its `withOptions` copies):
 * the voice list changes a few times a year, and the call is rate limited (80 TPS).
 * A failed lookup is not cached.
 *
 * Calls that ask while a lookup is under way share it, each bounded by its own signal: one that
 * ends (its deadline, its caller's abort) rejects alone and leaves the lookup to the others; the
 * lookup's requests are cancelled only when no call waits for it any more, so nothing is sent for a
 * call that has settled.
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
  const signal = options.signal;
  if (signal?.aborted) return raceSignal(Promise.resolve([]), signal);
  const key = `polly.voices|${ctx.config.region ?? ''}|${language ?? '*'}|${engine ?? '*'}`;
  const cached = ctx.shared.memo.get(key);
  let lookup = cached ? LOOKUPS.get(cached) : undefined;
  if (!lookup) {
    const controller = new AbortController();
    const voices = collectPages(
      (nextToken) =>
        callAws(
          ctx,
          POLLY,
          'DescribeVoices',
          ({ client, sdk, signal: attempt }) =>
            client.send(
              new sdk.DescribeVoicesCommand({
                ...(language ? { LanguageCode: language as never } : {}),
                ...(engine ? { Engine: engine as never } : {}),
                IncludeAdditionalLanguageCodes: true,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
              { abortSignal: attempt },
            ),
          // Not the first caller's scope: the lookup serves every call that joins it.
          {
            signal: controller.signal,
            ...(options.retry === undefined ? {} : { retry: options.retry }),
          },
        ).then((out) => ({ page: (out.Voices ?? []).map(toVoice), nextToken: out.NextToken })),
      { signal: controller.signal },
    ).then((pages) => pages.flat());
    const started: SharedLookup = { voices, controller, waiting: 0, done: false };
    lookup = started;
    LOOKUPS.set(voices, started);
    ctx.shared.memo.set(key, voices);
    voices.then(
      () => {
        started.done = true;
      },
      () => {
        started.done = true;
        if (ctx.shared.memo.get(key) === voices) ctx.shared.memo.delete(key);
      },
    );
  }
  if (lookup.done) return lookup.voices;
  const joined = lookup;
  joined.waiting++;
  return raceSignal(joined.voices, signal).finally(() => {
    joined.waiting--;
    if (joined.waiting === 0 && !joined.done) {
      // Every call that waited has ended: stop the lookup's requests; the next call starts afresh.
      if (ctx.shared.memo.get(key) === joined.voices) ctx.shared.memo.delete(key);
      joined.controller.abort(signal?.reason);
    }
  });
}
