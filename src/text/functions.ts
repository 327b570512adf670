/**
 * The text operations as standalone functions, for Lambda bundles: `import { detectLanguage } from
 * 'aws-ai/text'` puts only that operation and the Comprehend client in a bundle, where the `Text`
 * class (whose methods a bundler cannot drop) also carries Translate and S3 code (decision 0701).
 *
 * Each function takes a {@link TextClient} first (or a `Text` module, or `ai.text`, sharing their
 * SDK clients), then the same input and options as the method of the same name, and behaves exactly
 * like it: same validation, splitting, batching, retries, deadline and errors.
 *
 * @example
 * ```ts
 * import { createTextClient, detectLanguage } from 'aws-ai/text';
 * const text = createTextClient({ region: 'us-east-1' }); // outside the handler
 * export const handler = async (event: { body: string }) => detectLanguage(text, event.body);
 * ```
 * @packageDocumentation
 */

import type { AwsAIConfig, RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import type { ErrorSite } from '../core/error-mapping';
import { contextOfClient, functionClient } from '../core/function-client';
import type { KeepItemErrors } from '../core/item-errors';
import { settleItems as settle } from '../core/item-results';
import type { BatchItemError } from '../errors';
import { detectLanguageMany, detectLanguageOne } from './detect-language';
import { entities as entitiesOp } from './entities';
import { keyPhrases as keyPhrasesOp } from './key-phrases';
import { pii as piiOp, redactPii as redactPiiOp } from './pii';
import { sentiment as sentimentOp } from './sentiment';
import { syntax as syntaxOp } from './syntax';
import { targetedSentiment as targetedSentimentOp } from './targeted-sentiment';
import type { Text } from './text-module';
import { toxicity as toxicityOp } from './toxicity';
import { translate as translateOp } from './translate';
import type {
  TextBatchOptions,
  TextDetectLanguageResult,
  TextEntitiesOptions,
  TextEntity,
  TextKeyPhrase,
  TextLanguageOptions,
  TextPiiEntity,
  TextPiiOptions,
  TextRedactPiiOptions,
  TextRedactPiiResult,
  TextSentimentResult,
  TextSyntaxToken,
  TextTargetedEntity,
  TextToxicityResult,
  TextTranslateOptions,
  TextTranslateResult,
} from './types';

declare const textClientBrand: unique symbol;

/**
 * What the text functions take first: the config and the SDK-client cache, without methods (so a
 * bundle keeps only the functions you import). Make one with {@link createTextClient} outside the
 * handler; a `Text` module or `ai.text` works too.
 */
export interface TextClient {
  readonly [textClientBrand]: true;
}

/** What the per-operation functions take: a {@link createTextClient} client or a `Text` module. */
export type AnyTextClient = TextClient | Text;

/**
 * Makes a {@link TextClient}: cheap, nothing is loaded or sent until the first call. Keep it outside
 * the handler so warm invocations reuse its SDK client.
 *
 * @param config region, credentials, endpoints, retry, concurrency, timeout… as for `new Text(config)`
 * @throws ValidationError for an invalid retry, concurrency or timeout setting
 */
export function createTextClient(config?: AwsAIConfig): TextClient {
  return functionClient(config) as unknown as TextClient;
}

function contextOf(client: AnyTextClient): ModuleContext {
  return contextOfClient(client, 'a TextClient (createTextClient) or a Text module');
}

function site(
  service: 'comprehend' | 'translate',
  operation: string,
  input: string | readonly string[],
  batch = true,
): ErrorSite {
  return { service, operation: batch && Array.isArray(input) ? `Batch${operation}` : operation };
}

/** One text or an array through `op`, in one call scope, settled like the `Text` methods. */
async function run<T, O extends TextBatchOptions>(
  client: AnyTextClient,
  where: ErrorSite,
  input: string | readonly string[],
  options: O | undefined,
  op: (
    ctx: ModuleContext,
    input: string | readonly string[],
    options: O & RequestOptions,
  ) => Promise<Array<T | BatchItemError>>,
): Promise<T | Array<T | BatchItemError>> {
  const ctx = contextOf(client);
  return runCall(ctx, options, where, async (scoped) =>
    settle(input, await op(ctx, input, scoped), options),
  );
}

/** Dominant language of a text or of each text of an array; see `Text.detectLanguage`. */
export function detectLanguage(
  client: AnyTextClient,
  text: string,
  options?: RequestOptions,
): Promise<TextDetectLanguageResult>;
export function detectLanguage(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextBatchOptions & KeepItemErrors,
): Promise<Array<TextDetectLanguageResult | BatchItemError>>;
export function detectLanguage(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextBatchOptions,
): Promise<TextDetectLanguageResult[]>;
export async function detectLanguage(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextBatchOptions,
): Promise<TextDetectLanguageResult | Array<TextDetectLanguageResult | BatchItemError>> {
  const ctx = contextOf(client);
  return runCall(ctx, options, site('comprehend', 'DetectDominantLanguage', input), async (o) => {
    if (!Array.isArray(input)) return detectLanguageOne(ctx, input as string, o);
    return settle(input, await detectLanguageMany(ctx, input, o), options);
  });
}

/** Sentiment of a text or of each text of an array; see `Text.sentiment`. */
export function sentiment(
  client: AnyTextClient,
  text: string,
  options?: TextLanguageOptions,
): Promise<TextSentimentResult>;
export function sentiment(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextLanguageOptions & KeepItemErrors,
): Promise<Array<TextSentimentResult | BatchItemError>>;
export function sentiment(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextLanguageOptions,
): Promise<TextSentimentResult[]>;
export async function sentiment(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextLanguageOptions,
): Promise<TextSentimentResult | Array<TextSentimentResult | BatchItemError>> {
  return run(client, site('comprehend', 'DetectSentiment', input), input, options, sentimentOp);
}

/** Named entities of a text or of each text of an array; see `Text.entities`. */
export function entities(
  client: AnyTextClient,
  text: string,
  options?: TextEntitiesOptions,
): Promise<TextEntity[]>;
export function entities(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextEntitiesOptions & KeepItemErrors,
): Promise<Array<TextEntity[] | BatchItemError>>;
export function entities(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextEntitiesOptions,
): Promise<TextEntity[][]>;
export async function entities(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextEntitiesOptions,
): Promise<TextEntity[] | Array<TextEntity[] | BatchItemError>> {
  return run(client, site('comprehend', 'DetectEntities', input), input, options, entitiesOp);
}

/** Key phrases of a text or of each text of an array; see `Text.keyPhrases`. */
export function keyPhrases(
  client: AnyTextClient,
  text: string,
  options?: TextLanguageOptions,
): Promise<TextKeyPhrase[]>;
export function keyPhrases(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextLanguageOptions & KeepItemErrors,
): Promise<Array<TextKeyPhrase[] | BatchItemError>>;
export function keyPhrases(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextLanguageOptions,
): Promise<TextKeyPhrase[][]>;
export async function keyPhrases(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextLanguageOptions,
): Promise<TextKeyPhrase[] | Array<TextKeyPhrase[] | BatchItemError>> {
  return run(client, site('comprehend', 'DetectKeyPhrases', input), input, options, keyPhrasesOp);
}

/** Entity-level sentiment of a text or of each text of an array; see `Text.targetedSentiment`. */
export function targetedSentiment(
  client: AnyTextClient,
  text: string,
  options?: TextLanguageOptions,
): Promise<TextTargetedEntity[]>;
export function targetedSentiment(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextLanguageOptions & KeepItemErrors,
): Promise<Array<TextTargetedEntity[] | BatchItemError>>;
export function targetedSentiment(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextLanguageOptions,
): Promise<TextTargetedEntity[][]>;
export async function targetedSentiment(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextLanguageOptions,
): Promise<TextTargetedEntity[] | Array<TextTargetedEntity[] | BatchItemError>> {
  const where = site('comprehend', 'DetectTargetedSentiment', input);
  return run(client, where, input, options, targetedSentimentOp);
}

/** Tokens with their part of speech; see `Text.syntax`. */
export function syntax(
  client: AnyTextClient,
  text: string,
  options?: TextLanguageOptions,
): Promise<TextSyntaxToken[]>;
export function syntax(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextLanguageOptions & KeepItemErrors,
): Promise<Array<TextSyntaxToken[] | BatchItemError>>;
export function syntax(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextLanguageOptions,
): Promise<TextSyntaxToken[][]>;
export async function syntax(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextLanguageOptions,
): Promise<TextSyntaxToken[] | Array<TextSyntaxToken[] | BatchItemError>> {
  return run(client, site('comprehend', 'DetectSyntax', input), input, options, syntaxOp);
}

/** PII entities of a text or of each text of an array; see `Text.pii`. */
export function pii(
  client: AnyTextClient,
  text: string,
  options?: TextPiiOptions,
): Promise<TextPiiEntity[]>;
export function pii(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextPiiOptions & KeepItemErrors,
): Promise<Array<TextPiiEntity[] | BatchItemError>>;
export function pii(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextPiiOptions,
): Promise<TextPiiEntity[][]>;
export async function pii(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextPiiOptions,
): Promise<TextPiiEntity[] | Array<TextPiiEntity[] | BatchItemError>> {
  return run(client, site('comprehend', 'DetectPiiEntities', input, false), input, options, piiOp);
}

/** A text (or each text of an array) with its PII replaced; see `Text.redactPii`. */
export function redactPii(
  client: AnyTextClient,
  text: string,
  options?: TextRedactPiiOptions,
): Promise<TextRedactPiiResult>;
export function redactPii(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextRedactPiiOptions & KeepItemErrors,
): Promise<Array<TextRedactPiiResult | BatchItemError>>;
export function redactPii(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextRedactPiiOptions,
): Promise<TextRedactPiiResult[]>;
export async function redactPii(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextRedactPiiOptions,
): Promise<TextRedactPiiResult | Array<TextRedactPiiResult | BatchItemError>> {
  const where = site('comprehend', 'DetectPiiEntities', input, false);
  return run(client, where, input, options, redactPiiOp);
}

/** Toxicity of a text or of each text of an array; see `Text.toxicity`. */
export function toxicity(
  client: AnyTextClient,
  text: string,
  options?: TextLanguageOptions,
): Promise<TextToxicityResult>;
export function toxicity(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextLanguageOptions & KeepItemErrors,
): Promise<Array<TextToxicityResult | BatchItemError>>;
export function toxicity(
  client: AnyTextClient,
  texts: readonly string[],
  options?: TextLanguageOptions,
): Promise<TextToxicityResult[]>;
export async function toxicity(
  client: AnyTextClient,
  input: string | readonly string[],
  options?: TextLanguageOptions,
): Promise<TextToxicityResult | Array<TextToxicityResult | BatchItemError>> {
  const where = site('comprehend', 'DetectToxicContent', input, false);
  return run(client, where, input, options, toxicityOp);
}

/**
 * A text (or each text of an array) translated with Amazon Translate; see `Text.translate`. A bundle
 * using only this function carries Translate, neither Comprehend nor S3.
 */
export function translate(
  client: AnyTextClient,
  text: string,
  options: TextTranslateOptions,
): Promise<TextTranslateResult>;
export function translate(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextTranslateOptions & KeepItemErrors,
): Promise<Array<TextTranslateResult | BatchItemError>>;
export function translate(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextTranslateOptions,
): Promise<TextTranslateResult[]>;
export async function translate(
  client: AnyTextClient,
  input: string | readonly string[],
  options: TextTranslateOptions,
): Promise<TextTranslateResult | Array<TextTranslateResult | BatchItemError>> {
  const where = site('translate', 'TranslateText', input, false);
  return run(client, where, input, options, translateOp);
}
