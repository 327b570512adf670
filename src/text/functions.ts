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
import { type CallSite, guardCall, runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { contextOfClient, functionClient } from '../core/function-client';
import type { BinaryInput } from '../core/inputs';
import type { KeepItemErrors } from '../core/item-errors';
import { settleItems as settle } from '../core/item-results';
import type { Job, JobRef } from '../core/job';
import {
  jobFromEvent as jobFromEventOf,
  moduleJobsOwner,
  resumeJob as resumeJobOf,
} from '../core/jobs';
import { loadOnce } from '../core/load-once';
import type { BatchItemError } from '../errors';
import { isDocumentInput } from './custom-document-input';
import type {
  TextClassifyDocumentResult,
  TextDocumentEntitiesResult,
  TextDocumentInput,
  TextDocumentOptions,
} from './custom-document-types';
import { detectLanguageMany, detectLanguageOne } from './detect-language';
import { entities as entitiesOp } from './entities';
import { TEXT_JOB_KINDS } from './job-kinds';
import { keyPhrases as keyPhrasesOp } from './key-phrases';
import { pii as piiOp, redactPii as redactPiiOp } from './pii';
import { sentiment as sentimentOp } from './sentiment';
import { syntax as syntaxOp } from './syntax';
import { targetedSentiment as targetedSentimentOp } from './targeted-sentiment';
import type { Text } from './text-module';
import { toxicity as toxicityOp } from './toxicity';
import { translate as translateOp } from './translate';
import type {
  Terminology,
  TerminologyImportOptions,
  TextBatchOptions,
  TextClassifyOptions,
  TextClassifyResult,
  TextCustomEntitiesOptions,
  TextCustomEntity,
  TextDetectionJob,
  TextDetectionJobParams,
  TextDetectLanguageResult,
  TextEntitiesOptions,
  TextEntity,
  TextJobEntities,
  TextJobKeyPhrases,
  TextJobPiiEntities,
  TextJobSentiment,
  TextJobTargetedSentiment,
  TextKeyPhrase,
  TextLanguageOptions,
  TextPiiEntity,
  TextPiiJobParams,
  TextPiiOptions,
  TextRedactPiiOptions,
  TextRedactPiiResult,
  TextSentimentResult,
  TextSyntaxToken,
  TextTargetedEntity,
  TextTargetedSentimentJobParams,
  TextToxicityResult,
  TextTranslateDocumentOptions,
  TextTranslateDocumentResult,
  TextTranslateOptions,
  TextTranslateResult,
  TextTranslationJob,
  TextTranslationJobParams,
} from './types';

// The operations that are not on every text path, each file loaded on its first call: a bundle
// inlines only the files its functions reach (never `impl`, which reaches every service).
const loadCustom = /* @__PURE__ */ loadOnce(() => import('./custom'));
const loadCustomDocument = /* @__PURE__ */ loadOnce(() => import('./custom-document'));
const loadTranslateDocument = /* @__PURE__ */ loadOnce(() => import('./translate-document'));
const loadDetectionJobs = /* @__PURE__ */ loadOnce(() => import('./detection-jobs'));
const loadTranslationJobs = /* @__PURE__ */ loadOnce(() => import('./translation-jobs'));
const loadTerminology = /* @__PURE__ */ loadOnce(() => import('./terminology'));

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

/** The method's call site: an array names the Batch* form when `batch`; `method` for telemetry. */
function site(
  method: string,
  service: 'comprehend' | 'translate',
  operation: string,
  input: string | readonly string[],
  batch = true,
): CallSite {
  return {
    service,
    operation: batch && Array.isArray(input) ? `Batch${operation}` : operation,
    method: `text.${method}`,
  };
}

/** One text or an array through `op`, in one call scope, settled like the `Text` methods. */
async function run<T, O extends TextBatchOptions>(
  client: AnyTextClient,
  where: CallSite,
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
  return runCall(
    ctx,
    options,
    site('detectLanguage', 'comprehend', 'DetectDominantLanguage', input),
    async (o) => {
      if (!Array.isArray(input)) return detectLanguageOne(ctx, input as string, o);
      return settle(input, await detectLanguageMany(ctx, input, o), options);
    },
  );
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
  return run(
    client,
    site('sentiment', 'comprehend', 'DetectSentiment', input),
    input,
    options,
    sentimentOp,
  );
}

/**
 * Named entities of a text or of each text of an array, with a custom recognizer when `endpoint` is
 * given, or of a one-page document (PDF, image) with a custom recognizer; see `Text.entities`.
 * The custom forms load their code on first use, but a bundle of this function carries it.
 *
 * @throws ValidationError before any request for a bad client, empty text, a bad language,
 *   endpoint ARN or document
 * @example
 * ```ts
 * const found = await entities(text, 'Jane Doe flew to Paris', { language: 'en' });
 * const custom = await entities(text, 'Order 42 for ACME', { endpoint: recognizerEndpointArn });
 * ```
 */
export function entities(
  client: AnyTextClient,
  document: TextDocumentInput,
  options: TextDocumentOptions & { types?: readonly string[] | undefined },
): Promise<TextDocumentEntitiesResult>;
export function entities(
  client: AnyTextClient,
  text: string,
  options: TextCustomEntitiesOptions,
): Promise<TextCustomEntity[]>;
export function entities(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextCustomEntitiesOptions & KeepItemErrors,
): Promise<Array<TextCustomEntity[] | BatchItemError>>;
export function entities(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextCustomEntitiesOptions,
): Promise<TextCustomEntity[][]>;
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
  input: string | readonly string[] | TextDocumentInput,
  options?: TextEntitiesOptions | TextCustomEntitiesOptions | TextDocumentOptions,
): Promise<
  | TextEntity[]
  | TextCustomEntity[]
  | TextDocumentEntitiesResult
  | Array<TextEntity[] | TextCustomEntity[] | BatchItemError>
> {
  const ctx = contextOf(client);
  if (isDocumentInput(input)) {
    return runCall(
      ctx,
      options,
      { service: 'comprehend', operation: 'DetectEntities', method: 'text.entities' },
      async (scoped) =>
        (await loadCustomDocument()).documentEntities(ctx, input, scoped as TextDocumentOptions),
    );
  }
  if (typeof options === 'object' && options !== null && 'endpoint' in options) {
    return runCall(
      ctx,
      options,
      { service: 'comprehend', operation: 'DetectEntities', method: 'text.entities' },
      async (scoped) =>
        settle(
          input,
          await (await loadCustom()).customEntities(
            ctx,
            input,
            scoped as TextCustomEntitiesOptions,
          ),
          options as TextCustomEntitiesOptions,
        ),
    );
  }
  return run(
    client,
    site('entities', 'comprehend', 'DetectEntities', input),
    input,
    options as TextEntitiesOptions | undefined,
    entitiesOp,
  );
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
  return run(
    client,
    site('keyPhrases', 'comprehend', 'DetectKeyPhrases', input),
    input,
    options,
    keyPhrasesOp,
  );
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
  const where = site('targetedSentiment', 'comprehend', 'DetectTargetedSentiment', input);
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
  return run(client, site('syntax', 'comprehend', 'DetectSyntax', input), input, options, syntaxOp);
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
  const where = site('pii', 'comprehend', 'DetectPiiEntities', input, false);
  return run(client, where, input, options, piiOp);
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
  const where = site('redactPii', 'comprehend', 'DetectPiiEntities', input, false);
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
  const where = site('toxicity', 'comprehend', 'DetectToxicContent', input, false);
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
  const where = site('translate', 'translate', 'TranslateText', input, false);
  return run(client, where, input, options, translateOp);
}

/**
 * Classifies a text, each text of an array, or a one-page document with your custom classifier
 * (ClassifyDocument on a Comprehend endpoint, or AWS's prompt-safety classifier); see
 * `Text.classify`. Texts over 10 KB are split and their scores byte-weighted; an array makes one
 * call per text (per piece) with the concurrency limit. A bundle of this function carries
 * Comprehend only.
 *
 * @returns `{ classes, labels }` highest score first (plus `document` for a document), or an array
 *   of them in input order
 * @throws ValidationError before any request for a bad client, bad text, an endpoint that is not a
 *   document-classifier endpoint ARN, `language`, or a document that is not one page of PDF, PNG,
 *   JPEG or TIFF within 10 MB
 * @throws ServiceError with code `ResourceUnavailableException` while the endpoint is not ready
 * @throws BatchError when array items fail and `throwOnItemError` is not `false`
 * @example
 * ```ts
 * const endpoint = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
 * const { classes } = await classify(text, 'My invoice was charged twice.', { endpoint });
 * const scanned = await classify(text, { path: 'ticket.pdf' }, { endpoint });
 * ```
 */
export function classify(
  client: AnyTextClient,
  document: TextDocumentInput,
  options: TextDocumentOptions,
): Promise<TextClassifyDocumentResult>;
export function classify(
  client: AnyTextClient,
  text: string,
  options: TextClassifyOptions,
): Promise<TextClassifyResult>;
export function classify(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextClassifyOptions & KeepItemErrors,
): Promise<Array<TextClassifyResult | BatchItemError>>;
export function classify(
  client: AnyTextClient,
  texts: readonly string[],
  options: TextClassifyOptions,
): Promise<TextClassifyResult[]>;
export async function classify(
  client: AnyTextClient,
  input: string | readonly string[] | TextDocumentInput,
  options: TextClassifyOptions | TextDocumentOptions,
): Promise<
  TextClassifyResult | TextClassifyDocumentResult | Array<TextClassifyResult | BatchItemError>
> {
  const ctx = contextOf(client);
  const where = {
    service: 'comprehend',
    operation: 'ClassifyDocument',
    method: 'text.classify',
  } as const;
  if (isDocumentInput(input)) {
    return runCall(ctx, options, where, async (scoped) =>
      (await loadCustomDocument()).classifyDocument(ctx, input, scoped),
    );
  }
  return runCall(ctx, options, where, async (scoped) => {
    const results = await (await loadCustom()).classify(ctx, input, scoped as TextClassifyOptions);
    return settle(input, results, options as TextClassifyOptions);
  });
}

/**
 * Translates one document (plain text, HTML or Word .docx, at most 100,000 bytes) with
 * TranslateDocument, keeping its format; see `Text.translateDocument`. A bundle of this function
 * carries Translate only.
 *
 * @returns `{ content, contentType, from, to, terminologies }`: the translated document as bytes
 * @throws ValidationError before any request for a bad client, a missing or oversized document, an
 *   unknown format, an S3 URI or bad options
 * @throws LanguageDetectionError when `from: 'auto'` could not detect the language with confidence
 * @example
 * ```ts
 * const { content } = await translateDocument(text, './letter.docx', { to: 'de' });
 * await writeFile('./letter.de.docx', content);
 * ```
 */
export async function translateDocument(
  client: AnyTextClient,
  document: BinaryInput,
  options: TextTranslateDocumentOptions,
): Promise<TextTranslateDocumentResult> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'translate', operation: 'TranslateDocument', method: 'text.translateDocument' },
    async (scoped) => (await loadTranslateDocument()).translateDocument(ctx, document, scoped),
  );
}

/**
 * Starts a sentiment batch job on S3 (StartSentimentDetectionJob); see `Text.startSentimentJob`.
 * Not a scoped call: `timeoutMs` bounds each request of the start. A bundle of this function
 * carries Comprehend and S3 (the job's results are read from S3).
 *
 * @returns the same {@link TextDetectionJob} as the method: `job.ref` rebuilds it anywhere with
 *   `ai.jobs.resume(ref)`; `wait()`, `results()`, `result()`, `cancel()`
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN, language or format
 * @example
 * ```ts
 * const job = await startSentimentJob(text, { input, output, roleArn, language: 'en' });
 * await queue.send(JSON.stringify(job.ref)); // elsewhere: ai.jobs.resume(ref).result()
 * ```
 */
export async function startSentimentJob(
  client: AnyTextClient,
  params: TextDetectionJobParams,
  options?: RequestOptions,
): Promise<TextDetectionJob<TextJobSentiment>> {
  return guardCall(
    { service: 'comprehend', operation: 'StartSentimentDetectionJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadDetectionJobs()).startDetectionJob<TextJobSentiment>(
        ctx,
        'Sentiment',
        params,
        options,
      );
    },
  );
}

/**
 * Starts an entities batch job on S3 (StartEntitiesDetectionJob); see `Text.startEntitiesJob`. A
 * bundle of this function carries Comprehend and S3.
 *
 * @returns a {@link TextDetectionJob} whose `results()` reads each document's entities
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN, language or format
 * @example
 * ```ts
 * const job = await startEntitiesJob(text, { input, output, roleArn, language: 'en' });
 * const records = await job.result();
 * ```
 */
export async function startEntitiesJob(
  client: AnyTextClient,
  params: TextDetectionJobParams,
  options?: RequestOptions,
): Promise<TextDetectionJob<TextJobEntities>> {
  return guardCall(
    { service: 'comprehend', operation: 'StartEntitiesDetectionJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadDetectionJobs()).startDetectionJob<TextJobEntities>(
        ctx,
        'Entities',
        params,
        options,
      );
    },
  );
}

/**
 * Starts a key-phrases batch job on S3 (StartKeyPhrasesDetectionJob); see
 * `Text.startKeyPhrasesJob`. A bundle of this function carries Comprehend and S3.
 *
 * @returns a {@link TextDetectionJob} whose `results()` reads each document's key phrases
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN, language or format
 * @example
 * ```ts
 * const job = await startKeyPhrasesJob(text, { input, output, roleArn, language: 'de' });
 * ```
 */
export async function startKeyPhrasesJob(
  client: AnyTextClient,
  params: TextDetectionJobParams,
  options?: RequestOptions,
): Promise<TextDetectionJob<TextJobKeyPhrases>> {
  return guardCall(
    { service: 'comprehend', operation: 'StartKeyPhrasesDetectionJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadDetectionJobs()).startDetectionJob<TextJobKeyPhrases>(
        ctx,
        'KeyPhrases',
        params,
        options,
      );
    },
  );
}

/**
 * Starts a targeted-sentiment batch job on S3 (StartTargetedSentimentDetectionJob; English only);
 * see `Text.startTargetedSentimentJob`. A bundle of this function carries Comprehend and S3.
 *
 * @returns a {@link TextDetectionJob} whose `results()` reads each document's entities with their
 *   mentions and sentiments
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN, format or a
 *   language other than `en`
 * @example
 * ```ts
 * const job = await startTargetedSentimentJob(text, { input, output, roleArn });
 * ```
 */
export async function startTargetedSentimentJob(
  client: AnyTextClient,
  params: TextTargetedSentimentJobParams,
  options?: RequestOptions,
): Promise<TextDetectionJob<TextJobTargetedSentiment>> {
  return guardCall(
    { service: 'comprehend', operation: 'StartTargetedSentimentDetectionJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadDetectionJobs()).startDetectionJob<TextJobTargetedSentiment>(
        ctx,
        'TargetedSentiment',
        { ...params, language: params?.language ?? 'en' },
        options,
      );
    },
  );
}

/**
 * Starts a PII batch job on S3 (StartPiiEntitiesDetectionJob; en/es), `mode: 'offsets'` (default)
 * or `'redaction'`; see `Text.startPiiJob`. A bundle of this function carries Comprehend and S3.
 *
 * @returns a {@link TextDetectionJob}; `results()` reads the entities in `offsets` mode
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN, mode or a
 *   language other than en/es
 * @example
 * ```ts
 * const job = await startPiiJob(text, { input, output, roleArn, language: 'en', mode: 'redaction' });
 * ```
 */
export async function startPiiJob(
  client: AnyTextClient,
  params: TextPiiJobParams,
  options?: RequestOptions,
): Promise<TextDetectionJob<TextJobPiiEntities>> {
  return guardCall(
    { service: 'comprehend', operation: 'StartPiiEntitiesDetectionJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadDetectionJobs()).startDetectionJob<TextJobPiiEntities>(
        ctx,
        'PiiEntities',
        params,
        options,
      );
    },
  );
}

/**
 * Starts a Translate batch job on S3 (StartTextTranslationJob, up to 10 targets); see
 * `Text.startTranslationJob`. A bundle of this function carries Translate and S3.
 *
 * @returns the same {@link TextTranslationJob} as the method (resumable from `job.ref`), whose
 *   `results()` reads the translated files
 * @throws ValidationError before any request for a bad client, S3 URIs, role ARN or language codes
 * @example
 * ```ts
 * const job = await startTranslationJob(text, { input, output, roleArn, to: ['fr', 'de'] });
 * for (const { file, to, text: translated } of await job.result()) console.log(file, to, translated);
 * ```
 */
export async function startTranslationJob(
  client: AnyTextClient,
  params: TextTranslationJobParams,
  options?: RequestOptions,
): Promise<TextTranslationJob> {
  return guardCall(
    { service: 'translate', operation: 'StartTextTranslationJob' },
    options,
    async () => {
      const ctx = contextOf(client);
      return (await loadTranslationJobs()).startTranslationJob(ctx, params, options);
    },
  );
}

/**
 * Creates or replaces a custom terminology of Amazon Translate (ImportTerminology, merge strategy
 * OVERWRITE); see `Text.terminology.import`. `file` is the CSV, TSV or TMX text itself (a string
 * with a line break or starting with `<`), its bytes, or a local file path; the format comes from
 * `options.format`, the file extension, or the content. A bundle of this function carries
 * Translate only.
 *
 * @returns the terminology as Translate describes it (term count, languages, ARN)
 * @throws ValidationError before any request for a bad client, a bad name (1–256 of letters,
 *   digits, hyphens, single underscores), an empty, missing or >10 MB file, an `s3://` URI, or bad
 *   options
 * @example
 * ```ts
 * const text = createTextClient({ region: 'us-east-1' });
 * const t = await importTerminology(text, 'brand-names', 'en,fr\nAcme Cloud,Acme Nuage\n');
 * console.log(t.termCount, t.to); // 1 [ 'fr' ]
 * await translate(text, 'Try Acme Cloud.', { to: 'fr', terminologies: ['brand-names'] });
 * ```
 */
export async function importTerminology(
  client: AnyTextClient,
  name: string,
  file: string | Uint8Array,
  options?: TerminologyImportOptions,
): Promise<Terminology> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'translate', operation: 'ImportTerminology', method: 'text.terminology.import' },
    async (scoped) => (await loadTerminology()).importTerminology(ctx, name, file, scoped),
  );
}

/**
 * Every custom terminology of the account and Region (ListTerminologies, every page); see
 * `Text.terminology.list`. A bundle of this function carries Translate only.
 *
 * @returns the terminologies as Translate describes them (name, languages, term count, ARN)
 * @throws ValidationError before any request for a bad client or bad options
 * @example
 * ```ts
 * const names = (await listTerminologies(text)).map((t) => t.name);
 * ```
 */
export async function listTerminologies(
  client: AnyTextClient,
  options?: RequestOptions,
): Promise<Terminology[]> {
  const ctx = contextOf(client);
  return runCall(
    ctx,
    options,
    { service: 'translate', operation: 'ListTerminologies', method: 'text.terminology.list' },
    async (scoped) => (await loadTerminology()).listTerminologies(ctx, scoped),
  );
}

const JOBS_OWNER = /* @__PURE__ */ moduleJobsOwner('aws-ai/text');

/**
 * A job of this module rebuilt from its `ref` (the object or its JSON text), as `ai.jobs.resume`
 * does, for Comprehend detection and Translate batch jobs only.
 * A handler that imports `aws-ai/text` then holds this module's job code, not every
 * module's. Nothing loads or is sent until the job is read.
 *
 * @throws ValidationError when `ref` is not a job ref, or is another module's kind
 * @example
 * ```ts
 * const text = createTextClient();
 * const job = resumeJob(text, JSON.parse(message.body)); // a ref saved with JSON.stringify(job.ref)
 * console.log((await job.status()).state);
 * ```
 */
export function resumeJob<T = unknown>(client: AnyTextClient, ref: JobRef | string): Job<T> {
  return resumeJobOf<T>(contextOf(client), TEXT_JOB_KINDS, ref, JOBS_OWNER);
}

/**
 * The Translate batch job a completion event is about (Translate's EventBridge "Translate
 * TextTranslationJob State Change", directly or through SQS), rebuilt as {@link resumeJob} does.
 * The event names only the job id, so the job reads its target languages from its description.
 * Comprehend sends no completion event: resume its jobs from the ref you kept.
 *
 * @throws ValidationError when the event is not one job's event, or the job is another module's kind
 * @example
 * ```ts
 * const text = createTextClient();
 * export const handler = async (event: unknown) => {
 *   for (const file of await jobFromEvent<TextTranslationFile>(text, event).result()) {
 *     console.log(file.file, file.to, file.text);
 *   }
 * };
 * ```
 */
export function jobFromEvent<T = unknown>(client: AnyTextClient, event: unknown): Job<T> {
  return jobFromEventOf<T>(contextOf(client), TEXT_JOB_KINDS, event, JOBS_OWNER);
}
