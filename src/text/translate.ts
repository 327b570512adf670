import type { TranslateTextRequest } from '@aws-sdk/client-translate';
import { concurrencyFor, type RequestOptions } from '../config';
import { mapBatched } from '../core/batching';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import { splitText } from '../core/chunking';
import type { ModuleContext } from '../core/context';
import { failureFields } from '../core/internal/failure-fields';
import { assertText, assertTexts } from '../core/text-input';
import { AwsAIError, type BatchItemError, ValidationError } from '../errors';
import { LanguageDetectionError } from './errors';
import { TRANSLATE_MAX_TERMINOLOGIES, TRANSLATE_MAX_TEXT_BYTES } from './limits';
import { TRANSLATE } from './translate-service';
import type { TextTranslateOptions, TextTranslateResult } from './types';

/** Translate language codes are 2–5 characters (`en`, `fr-CA`, `zh-TW`). */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** Translate's terminology names (ResourceName): letters, digits, hyphens, single underscores. */
const TERMINOLOGY_NAME = /^([A-Za-z0-9-]_?)+$/;

/** A short, safe description of a rejected value (never throws: bigint, symbol, null-prototype). @internal */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  return value.length > 20 ? `a ${value.length}-character string` : JSON.stringify(value);
}

/** @internal */
export type Settings = Pick<TranslateTextRequest, 'Settings' | 'TerminologyNames'>;

function assertCode(value: unknown, label: string): void {
  if (typeof value !== 'string' || value.length > 5 || !LANGUAGE_CODE.test(value)) {
    throw new ValidationError(
      `${label} must be a language code such as 'fr', 'de' or 'zh-TW' (2–5 characters), got ${describeValue(value)}`,
    );
  }
}

/** The names of `terminologies` (and the deprecated `terminology`), checked. */
function terminologyNames(options: { terminology?: unknown; terminologies?: unknown }): string[] {
  const { terminology, terminologies } = options;
  if (terminology !== undefined && terminologies !== undefined) {
    throw new ValidationError(
      'pass options.terminologies only (options.terminology is its old name)',
    );
  }
  if (terminologies !== undefined && !Array.isArray(terminologies)) {
    throw new ValidationError(
      "options.terminologies must be an array of names, e.g. ['brand-names']",
    );
  }
  const names: unknown[] =
    terminologies !== undefined
      ? (terminologies as unknown[])
      : terminology !== undefined
        ? [terminology]
        : [];
  if (names.length > TRANSLATE_MAX_TERMINOLOGIES) {
    throw new ValidationError(
      `Translate applies at most ${TRANSLATE_MAX_TERMINOLOGIES} custom terminology per request; got ${names.length}`,
    );
  }
  for (const name of names) assertTerminologyName(name, 'options.terminologies');
  return names as string[];
}

/**
 * A terminology name as Translate's `ResourceName` allows it (1–256 characters).
 * @internal
 */
export function assertTerminologyName(name: unknown, label: string): void {
  if (typeof name !== 'string' || name.length > 256 || !TERMINOLOGY_NAME.test(name)) {
    throw new ValidationError(
      `${label} must name custom terminologies (letters, digits, hyphens, single underscores, at most 256 characters); got ${describeValue(name)}`,
    );
  }
}

/**
 * Checks `to`/`from`/settings before any call and turns them into TranslateText (or
 * TranslateDocument) members; `brevity` only where the operation has it.
 * @internal
 */
export function settingsOf(options: TextTranslateOptions): Settings {
  const { to, from = 'auto', formality, profanity, brevity } = options;
  assertCode(to, 'options.to');
  if (from !== 'auto') assertCode(from, 'options.from');
  if (from === to) {
    throw new ValidationError(`options.from and options.to are both '${to}'; pick another target`);
  }
  if (formality !== undefined && formality !== 'formal' && formality !== 'informal') {
    throw new ValidationError("options.formality must be 'formal' or 'informal'");
  }
  if (profanity !== undefined && profanity !== 'mask') {
    throw new ValidationError("options.profanity must be 'mask'");
  }
  if (brevity !== undefined && typeof brevity !== 'boolean') {
    throw new ValidationError('options.brevity must be a boolean');
  }
  const names = terminologyNames(options);
  const settings: NonNullable<TranslateTextRequest['Settings']> = {
    ...(formality ? { Formality: formality === 'formal' ? 'FORMAL' : 'INFORMAL' } : {}),
    ...(profanity ? { Profanity: 'MASK' } : {}),
    ...(brevity ? { Brevity: 'ON' } : {}),
  };
  return {
    ...(Object.keys(settings).length > 0 ? { Settings: settings } : {}),
    ...(names.length > 0 ? { TerminologyNames: names } : {}),
  };
}

/** The piece without its outer whitespace, which Translate may drop and the join must keep. */
function trimmed(text: string): { lead: string; core: string; trail: string } {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const trail = lead.length === text.length ? '' : (/\s*$/.exec(text)?.[0] ?? '');
  return { lead, core: text.slice(lead.length, text.length - trail.length), trail };
}

/**
 * Translate's DetectedLanguageLowConfidenceException as a LanguageDetectionError carrying its guess;
 * any other error as it is.
 * @internal
 */
export function detectionError(err: unknown): unknown {
  if (AwsAIError.isInstance(err) && err.code === 'DetectedLanguageLowConfidenceException') {
    const detected = (err.cause as { DetectedLanguageCode?: string } | undefined)
      ?.DetectedLanguageCode;
    return new LanguageDetectionError(
      `Translate could not detect the source language with confidence${detected ? ` (best guess '${detected}')` : ''}; pass options.from`,
      {
        ...failureFields(err),
        cause: err,
        detectedLanguage: detected,
      },
    );
  }
  return err;
}

async function translatePiece(
  ctx: ModuleContext,
  text: string,
  from: string,
  to: string,
  settings: Settings,
  options: RequestOptions,
): Promise<{ text: string; from: string }> {
  try {
    const out = await callAws(
      ctx,
      TRANSLATE,
      'TranslateText',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.TranslateTextCommand({
            Text: text,
            SourceLanguageCode: from,
            TargetLanguageCode: to,
            ...settings,
          }),
          { abortSignal: signal },
        ),
      options,
    );
    return { text: out.TranslatedText ?? '', from: out.SourceLanguageCode ?? from };
  } catch (err) {
    throw detectionError(err);
  }
}

/**
 * One text of any length: split at sentence boundaries under 10,000 bytes, the first piece
 * translated first so that with `from: 'auto'` the rest use the language it detected (decision
 * 0102), then the rest concurrently, joined in order with the original spacing.
 */
async function translateOne(
  ctx: ModuleContext,
  text: string,
  options: TextTranslateOptions,
  settings: Settings,
  request: RequestOptions,
): Promise<TextTranslateResult> {
  const pieces = splitText(text, TRANSLATE_MAX_TEXT_BYTES).map((c) => trimmed(c.text));
  const first = pieces.findIndex((p) => p.core !== '');
  const head = pieces[first] as (typeof pieces)[number];
  const { to } = options;
  const start = await translatePiece(ctx, head.core, options.from ?? 'auto', to, settings, request);
  const rest = await Promise.all(
    pieces.map((p, i) =>
      i === first || p.core === ''
        ? undefined
        : translatePiece(ctx, p.core, start.from, to, settings, request),
    ),
  );
  const text_ = pieces
    .map((p, i) => p.lead + (i === first ? start.text : (rest[i]?.text ?? '')) + p.trail)
    .join('');
  return { text: text_, from: start.from, to };
}

/** @internal */
export async function translate(
  ctx: ModuleContext,
  input: string | readonly string[],
  options: TextTranslateOptions,
): Promise<Array<TextTranslateResult | BatchItemError>> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError("translate needs options with a target language, e.g. { to: 'fr' }");
  }
  const settings = settingsOf(options);
  const request = requestOptionsOf(options);
  const { signal } = request;
  if (!Array.isArray(input)) {
    assertText(input, 'text');
    return [await translateOne(ctx, input as string, options, settings, request)];
  }
  assertTexts(input, 'texts');
  return mapBatched(input as readonly string[], {
    batchSize: 1,
    concurrency: concurrencyFor(ctx.config, 'translate'),
    // The call layer already retried each call.
    itemRetries: 0,
    signal,
    send: async ([text], _indices, itemSignal) => [
      {
        ok: true,
        value: await translateOne(ctx, text as string, options, settings, {
          ...request,
          signal: itemSignal,
        }),
      },
    ],
  });
}
