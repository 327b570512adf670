import type { RequestOptions } from '../config';
import type { ModuleContext } from '../core/context';
import { type AwsAIError, BatchItemError, ValidationError } from '../errors';
import { detectLanguageMany, detectLanguageOne } from './detect-language';

/** What the language of one text resolved to: a code, or why the text cannot be analysed. */
export type ResolvedLanguage = string | AwsAIError;

function unsupported(
  what: string,
  language: string,
  supported: readonly string[],
  detected: boolean,
) {
  const how = detected
    ? `was detected as '${language}', which ${what} does not support`
    : `language '${language}' is not supported by ${what}`;
  const fix = detected ? '; pass options.language if the detection is wrong' : '';
  return `Text ${how}; supported: ${supported.join(', ')}${fix}`;
}

/** The rejected value as the message quotes it; never throws (symbols, null-prototype objects). */
function describeLanguage(value: unknown): string {
  if (typeof value !== 'string') return `of type ${value === null ? 'null' : typeof value}`;
  return value.length > 20 ? `${value.slice(0, 20)}…` : value;
}

/**
 * Checks a language the caller gave, before any call.
 * @throws ValidationError naming the supported languages
 */
export function assertLanguage(
  language: unknown,
  supported: readonly string[],
  what: string,
): void {
  if (typeof language !== 'string' || !supported.includes(language)) {
    throw new ValidationError(unsupported(what, describeLanguage(language), supported, false), {
      code: 'UnsupportedLanguage',
    });
  }
}

/**
 * The language of each text: the one given (checked before any call), else the detected one. One text
 * that is detected in an unsupported language throws; in an array, that text alone fails.
 * @internal
 */
export async function resolveLanguages(
  ctx: ModuleContext,
  texts: readonly string[],
  many: boolean,
  spec: { what: string; supported: readonly string[]; language?: string | undefined },
  options: RequestOptions,
): Promise<ResolvedLanguage[]> {
  const { what, supported, language } = spec;
  if (language !== undefined) {
    assertLanguage(language, supported, what);
    return texts.map(() => language);
  }
  const check = (detected: string, index: number): ResolvedLanguage => {
    if (supported.includes(detected)) return detected;
    const message = unsupported(what, detected, supported, true);
    if (!many) throw new ValidationError(message, { code: 'UnsupportedLanguage' });
    return new BatchItemError(index, message, {
      code: 'UnsupportedLanguage',
      cause: new ValidationError(message, { code: 'UnsupportedLanguage' }),
    });
  };
  if (!many) {
    const detected = await detectLanguageOne(ctx, texts[0] as string, options);
    return [check(detected.language, 0)];
  }
  const detected = await detectLanguageMany(ctx, texts, options);
  return detected.map((d, i) => (d instanceof BatchItemError ? d : check(d.language, i)));
}
