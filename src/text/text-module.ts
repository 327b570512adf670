import type { RequestOptions } from '../config';
import { guardCall } from '../core/call-scope';
import type { BinaryInput } from '../core/inputs';
import type { KeepItemErrors } from '../core/item-errors';
import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import type { BatchItemError } from '../errors';
import { isDocumentInput } from './custom-document-input';
import type {
  TextClassifyDocumentResult,
  TextDocumentEntitiesResult,
  TextDocumentInput,
  TextDocumentOptions,
} from './custom-document-types';
import { TextTerminologies } from './terminology-api';
import type {
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

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));

/** The operation an array call names in errors no request produced: the Batch* form for arrays. */
function textSite(
  service: 'comprehend',
  operation: string,
  input: string | readonly string[],
): { service: 'comprehend'; operation: string } {
  return { service, operation: Array.isArray(input) ? `Batch${operation}` : operation };
}

/**
 * Natural-language calls (Amazon Comprehend, Amazon Translate) for one text or thousands, of any
 * length. Available as `ai.text`, or alone for a small Lambda bundle.
 *
 * Offsets (`start`, `end`) are UTF-16 indices into the string you passed:
 * `input.slice(start, end) === entity.text`, also with emoji, CJK and combining marks.
 *
 * @example
 * ```ts
 * import { Text } from 'aws-ai/text';
 * const text = new Text({ region: 'us-east-1' });
 * export const handler = async (event: { body: string }) => text.detectLanguage(event.body);
 * ```
 */
export class Text extends ServiceModule {
  #terminology: TextTerminologies | undefined;

  /** Custom terminologies of Amazon Translate: `import` and `list`. */
  get terminology(): TextTerminologies {
    this.#terminology ??= new TextTerminologies(this.ctx);
    return this.#terminology;
  }

  /**
   * Detects the dominant language of a text, or of each text of an array.
   *
   * One text uses DetectDominantLanguage; a text over its 100,000-byte limit is judged on its
   * leading sentences that fit. An array uses BatchDetectDominantLanguage, 25 texts per call
   * (each judged on its first 5,000 bytes), with the service's concurrency limit; result `i`
   * belongs to text `i`, and items that fail with a retryable code are retried alone.
   * Texts under about 20 characters give low scores.
   *
   * @returns `{ language, score, candidates }`, or an array of them in input order
   * @throws ValidationError for an empty, whitespace-only or non-string text (before any call)
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { language } = await ai.text.detectLanguage('¿Dónde está la biblioteca?'); // 'es'
   * const all = await ai.text.detectLanguage(reviews, { throwOnItemError: false });
   * ```
   */
  detectLanguage(text: string, options?: RequestOptions): Promise<TextDetectLanguageResult>;
  detectLanguage(
    texts: readonly string[],
    options: TextBatchOptions & KeepItemErrors,
  ): Promise<Array<TextDetectLanguageResult | BatchItemError>>;
  detectLanguage(
    texts: readonly string[],
    options?: TextBatchOptions,
  ): Promise<TextDetectLanguageResult[]>;
  async detectLanguage(
    input: string | readonly string[],
    options?: TextBatchOptions,
  ): Promise<TextDetectLanguageResult | Array<TextDetectLanguageResult | BatchItemError>> {
    return this.call(
      { ...textSite('comprehend', 'DetectDominantLanguage', input), method: 'text.detectLanguage' },
      options,
      async (scoped) => {
        const op = await impl();
        if (!Array.isArray(input)) return op.detectLanguageOne(this.ctx, input as string, scoped);
        return op.settle(input, await op.detectLanguageMany(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Sentiment of a text, or of each text of an array: `positive`, `negative`, `neutral` or `mixed`
   * with the four scores.
   *
   * Languages: ar de en es fr hi it ja ko pt zh zh-TW; detected first when `language` is absent.
   * One text up to 5,000 UTF-8 bytes: DetectSentiment. A longer text (any length, 1 MB and more) is
   * split at sentence boundaries into pieces of at most 5,000 bytes, sent 25 per
   * BatchDetectSentiment call, and combined: each score is the byte-weighted mean over the pieces,
   * the label the highest combined score (decision 0101). An array: BatchDetectSentiment, 25 texts
   * per call, longer texts split first; retryable item failures are retried alone.
   *
   * @returns `{ sentiment, scores, language }`, or an array of them in input order
   * @throws ValidationError for empty, whitespace-only or non-string text, or an unsupported
   *   `language` (naming the supported ones), before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { sentiment, scores } = await ai.text.sentiment('The room was lovely.');
   * const all = await ai.text.sentiment(reviews, { language: 'en' });
   * ```
   */
  sentiment(text: string, options?: TextLanguageOptions): Promise<TextSentimentResult>;
  sentiment(
    texts: readonly string[],
    options: TextLanguageOptions & KeepItemErrors,
  ): Promise<Array<TextSentimentResult | BatchItemError>>;
  sentiment(
    texts: readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextSentimentResult[]>;
  async sentiment(
    input: string | readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextSentimentResult | Array<TextSentimentResult | BatchItemError>> {
    return this.call(
      { ...textSite('comprehend', 'DetectSentiment', input), method: 'text.sentiment' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.sentiment(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Named entities (people, places, organizations, dates, quantities, …) of a text or of each text
   * of an array, with `start`/`end` into your string.
   *
   * Languages: the 12 of {@link Text.sentiment}; detected when absent. One text up to 100,000 bytes:
   * DetectEntities; longer texts are split at sentence boundaries and the offsets re-based to the
   * whole text. An array: BatchDetectEntities, 25 texts of at most 5,000 bytes per call (longer ones
   * split first). `types` filters the result.
   *
   * With a custom recognizer `endpoint`, a document (the bytes of a one-page PDF, PNG, JPEG or TIFF,
   * or `{ path }`) goes as DetectEntities' `Bytes` (for models trained with PDF annotations): the
   * result is `{ entities, blocks, document }`, each entity placed in the text blocks (lines) it
   * spans (`block.text.slice(start, end)`). Format, size and page count are checked first.
   *
   * @returns the entities in text order, or one list per input text
   * @throws ValidationError for bad text, an unsupported `language` or unknown `types`, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const people = await ai.text.entities(article, { types: ['PERSON'] });
   * for (const e of people) console.log(e.text, article.slice(e.start, e.end));
   * const endpoint = 'arn:aws:comprehend:us-east-1:123456789012:entity-recognizer-endpoint/claims';
   * const { entities, blocks } = await ai.text.entities(await readFile('claim.pdf'), { endpoint });
   * ```
   */
  entities(
    document: TextDocumentInput,
    options: TextDocumentOptions & { types?: readonly string[] | undefined },
  ): Promise<TextDocumentEntitiesResult>;
  entities(text: string, options: TextCustomEntitiesOptions): Promise<TextCustomEntity[]>;
  entities(
    texts: readonly string[],
    options: TextCustomEntitiesOptions & KeepItemErrors,
  ): Promise<Array<TextCustomEntity[] | BatchItemError>>;
  entities(
    texts: readonly string[],
    options: TextCustomEntitiesOptions,
  ): Promise<TextCustomEntity[][]>;
  entities(text: string, options?: TextEntitiesOptions): Promise<TextEntity[]>;
  entities(
    texts: readonly string[],
    options: TextEntitiesOptions & KeepItemErrors,
  ): Promise<Array<TextEntity[] | BatchItemError>>;
  entities(texts: readonly string[], options?: TextEntitiesOptions): Promise<TextEntity[][]>;
  async entities(
    input: string | readonly string[] | TextDocumentInput,
    options?: TextEntitiesOptions | TextCustomEntitiesOptions | TextDocumentOptions,
  ): Promise<
    | TextEntity[]
    | TextCustomEntity[]
    | TextDocumentEntitiesResult
    | Array<TextEntity[] | TextCustomEntity[] | BatchItemError>
  > {
    if (isDocumentInput(input)) {
      return this.call(
        { service: 'comprehend', operation: 'DetectEntities', method: 'text.entities' },
        options,
        async (scoped) =>
          (await impl()).documentEntities(this.ctx, input, scoped as TextDocumentOptions),
      );
    }
    const custom = typeof options === 'object' && options !== null && 'endpoint' in options;
    return this.call(
      {
        ...(custom
          ? { service: 'comprehend' as const, operation: 'DetectEntities' }
          : textSite('comprehend', 'DetectEntities', input)),
        method: 'text.entities',
      },
      options,
      async (scoped) => {
        const op = await impl();
        if (custom) {
          const results = await op.customEntities(
            this.ctx,
            input,
            scoped as TextCustomEntitiesOptions,
          );
          return op.settle(input, results, options as TextCustomEntitiesOptions);
        }
        return op.settle(
          input,
          await op.entities(this.ctx, input, scoped as TextEntitiesOptions),
          options,
        );
      },
    );
  }

  /**
   * Classifies a text, or each text of an array, with your custom classifier (ClassifyDocument on a
   * Comprehend endpoint, or AWS's prompt-safety classifier).
   *
   * The model uses the language it was trained in (de en es fr it pt), so no language is detected
   * and `language` is refused. A text over ClassifyDocument's 10 KB is split at sentence boundaries
   * into pieces under it, each classified; the text's score of each class or label is the
   * byte-weighted mean over its pieces. An array makes one call per text (per piece) with the
   * concurrency limit: ClassifyDocument has no batch form. Each inference unit of an endpoint
   * handles 2 documents a second; the throttling past it is retried.
   *
   * @returns `{ classes, labels }` highest score first (multi-class models fill `classes`,
   *   multi-label models `labels`), or an array of them in input order
   * @throws ValidationError for bad text or an endpoint that is not a document-classifier endpoint
   *   ARN, before any call
   * A document instead of text: the bytes of a one-page PDF, PNG, JPEG or TIFF (a Buffer, an
   * ArrayBuffer, a Blob) or `{ path }` of such a file go as ClassifyDocument's `Bytes`; Comprehend
   * extracts the text (Textract; `reader` sets `DocumentReaderConfig`) and the result adds
   * `document` (type, pages, characters per page, page errors and warnings). The format (from the
   * magic bytes), the 10 MB size and the one page are checked before the call.
   *
   * @throws ServiceError with code `ResourceUnavailableException` while the endpoint is not ready
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const endpoint = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
   * const { classes } = await ai.text.classify('My invoice was charged twice.', { endpoint });
   * console.log(classes[0]?.name); // 'BILLING'
   * const scanned = await ai.text.classify({ path: 'ticket.pdf' }, { endpoint });
   * console.log(scanned.classes[0]?.name, scanned.document.type); // 'BILLING' 'NATIVE_PDF'
   * ```
   */
  classify(
    document: TextDocumentInput,
    options: TextDocumentOptions,
  ): Promise<TextClassifyDocumentResult>;
  classify(text: string, options: TextClassifyOptions): Promise<TextClassifyResult>;
  classify(
    texts: readonly string[],
    options: TextClassifyOptions & KeepItemErrors,
  ): Promise<Array<TextClassifyResult | BatchItemError>>;
  classify(texts: readonly string[], options: TextClassifyOptions): Promise<TextClassifyResult[]>;
  async classify(
    input: string | readonly string[] | TextDocumentInput,
    options: TextClassifyOptions | TextDocumentOptions,
  ): Promise<
    TextClassifyResult | TextClassifyDocumentResult | Array<TextClassifyResult | BatchItemError>
  > {
    if (isDocumentInput(input)) {
      return this.call(
        { service: 'comprehend', operation: 'ClassifyDocument', method: 'text.classify' },
        options,
        async (scoped) => (await impl()).classifyDocument(this.ctx, input, scoped),
      );
    }
    return this.call(
      { service: 'comprehend', operation: 'ClassifyDocument', method: 'text.classify' },
      options,
      async (scoped) => {
        const op = await impl();
        const results = await op.classify(this.ctx, input, scoped as TextClassifyOptions);
        return op.settle(input, results, options as TextClassifyOptions);
      },
    );
  }

  /**
   * Key phrases (noun phrases) of a text or of each text of an array, with offsets into your string.
   *
   * Same limits and splitting as {@link Text.entities}: DetectKeyPhrases up to 100,000 bytes per
   * piece, BatchDetectKeyPhrases for arrays.
   *
   * @returns `{ text, score, start, end }[]` in text order, or one list per input text
   * @throws ValidationError for bad text or an unsupported `language`, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const phrases = await ai.text.keyPhrases('The quick brown fox jumps over the lazy dog.');
   * ```
   */
  keyPhrases(text: string, options?: TextLanguageOptions): Promise<TextKeyPhrase[]>;
  keyPhrases(
    texts: readonly string[],
    options: TextLanguageOptions & KeepItemErrors,
  ): Promise<Array<TextKeyPhrase[] | BatchItemError>>;
  keyPhrases(texts: readonly string[], options?: TextLanguageOptions): Promise<TextKeyPhrase[][]>;
  async keyPhrases(
    input: string | readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextKeyPhrase[] | Array<TextKeyPhrase[] | BatchItemError>> {
    return this.call(
      { ...textSite('comprehend', 'DetectKeyPhrases', input), method: 'text.keyPhrases' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.keyPhrases(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Sentiment towards each entity (targeted sentiment): who or what is mentioned, and whether each
   * mention speaks of it positively, negatively, neutrally or mixed. Mentions of one entity are
   * grouped (`I` and `me`, `the hotel` and `it`), with the mention that names it best as
   * `descriptive`. English only: no language is detected, and another `language` is refused.
   *
   * Up to 5,000 bytes: DetectTargetedSentiment; longer texts are split and sent through
   * BatchDetectTargetedSentiment (mentions are grouped within a piece), arrays 25 per call.
   *
   * @returns entities in text order, each with its mentions (offsets into your string), or one list
   *   per input text
   * @throws ValidationError for bad text or a language other than `en`, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const entities = await ai.text.targetedSentiment('The room was great but the staff were rude.');
   * for (const { descriptive, mentions } of entities) {
   *   console.log(descriptive.text, mentions.map((m) => m.sentiment)); // room ['positive'], staff ['negative']
   * }
   * ```
   */
  targetedSentiment(text: string, options?: TextLanguageOptions): Promise<TextTargetedEntity[]>;
  targetedSentiment(
    texts: readonly string[],
    options: TextLanguageOptions & KeepItemErrors,
  ): Promise<Array<TextTargetedEntity[] | BatchItemError>>;
  targetedSentiment(
    texts: readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextTargetedEntity[][]>;
  async targetedSentiment(
    input: string | readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextTargetedEntity[] | Array<TextTargetedEntity[] | BatchItemError>> {
    return this.call(
      {
        ...textSite('comprehend', 'DetectTargetedSentiment', input),
        method: 'text.targetedSentiment',
      },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.targetedSentiment(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Tokens with their part of speech (`NOUN`, `VERB`, `PUNCT`, …).
   *
   * Languages: de en es fr it pt only (DetectSyntax has its own list); detected when absent. Up to
   * 5,000 bytes: DetectSyntax; longer texts are split and sent through BatchDetectSyntax, token ids
   * renumbered over the whole text. Arrays: BatchDetectSyntax, 25 per call.
   *
   * @returns tokens in text order (`id` from 1), or one list per input text
   * @throws ValidationError for bad text or a language outside de, en, es, fr, it, pt, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const nouns = (await ai.text.syntax('Cats chase mice.')).filter((t) => t.partOfSpeech === 'NOUN');
   * ```
   */
  syntax(text: string, options?: TextLanguageOptions): Promise<TextSyntaxToken[]>;
  syntax(
    texts: readonly string[],
    options: TextLanguageOptions & KeepItemErrors,
  ): Promise<Array<TextSyntaxToken[] | BatchItemError>>;
  syntax(texts: readonly string[], options?: TextLanguageOptions): Promise<TextSyntaxToken[][]>;
  async syntax(
    input: string | readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextSyntaxToken[] | Array<TextSyntaxToken[] | BatchItemError>> {
    return this.call(
      { ...textSite('comprehend', 'DetectSyntax', input), method: 'text.syntax' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.syntax(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Personally identifiable information (names, addresses, emails, card numbers, …) with offsets
   * into your string.
   *
   * Languages: en and es only; detected when absent. DetectPiiEntities takes 100,000 bytes; longer
   * texts are split and offsets re-based. There is no Batch API for PII: an array makes one call per
   * text (per piece), with the concurrency limit.
   *
   * @returns PII entities in text order, or one list per input text
   * @throws ValidationError for bad text or a language other than en/es, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const found = await ai.text.pii('Call me at 555-010-1234', { types: ['PHONE'] });
   * ```
   */
  pii(text: string, options?: TextPiiOptions): Promise<TextPiiEntity[]>;
  pii(
    texts: readonly string[],
    options: TextPiiOptions & KeepItemErrors,
  ): Promise<Array<TextPiiEntity[] | BatchItemError>>;
  pii(texts: readonly string[], options?: TextPiiOptions): Promise<TextPiiEntity[][]>;
  async pii(
    input: string | readonly string[],
    options?: TextPiiOptions,
  ): Promise<TextPiiEntity[] | Array<TextPiiEntity[] | BatchItemError>> {
    return this.call(
      { service: 'comprehend', operation: 'DetectPiiEntities', method: 'text.pii' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.pii(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Replaces every PII span by `[TYPE]` (default) or by your mask. Same calls and limits as
   * {@link Text.pii}.
   *
   * @returns `{ text, entities }`: the redacted text and the PII found (offsets into the original)
   * @throws ValidationError for bad text, a language other than en/es, or a non-string mask
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { text } = await ai.text.redactPii('Mail jane@example.com'); // 'Mail [EMAIL]'
   * const masked = await ai.text.redactPii(note, { mask: '***', types: ['SSN'] });
   * ```
   */
  redactPii(text: string, options?: TextRedactPiiOptions): Promise<TextRedactPiiResult>;
  redactPii(
    texts: readonly string[],
    options: TextRedactPiiOptions & KeepItemErrors,
  ): Promise<Array<TextRedactPiiResult | BatchItemError>>;
  redactPii(
    texts: readonly string[],
    options?: TextRedactPiiOptions,
  ): Promise<TextRedactPiiResult[]>;
  async redactPii(
    input: string | readonly string[],
    options?: TextRedactPiiOptions,
  ): Promise<TextRedactPiiResult | Array<TextRedactPiiResult | BatchItemError>> {
    return this.call(
      { service: 'comprehend', operation: 'DetectPiiEntities', method: 'text.redactPii' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.redactPii(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Toxicity of a text or of each text of an array: an overall score and per-label scores
   * (`PROFANITY`, `INSULT`, `HATE_SPEECH`, `HARASSMENT_OR_ABUSE`, `SEXUAL`, `VIOLENCE_OR_THREAT`,
   * `GRAPHIC`).
   *
   * English only (`language` may only be `en`; nothing is detected). Texts are split into segments
   * of at most 1,000 bytes and sent 10 segments (at most 10,000 bytes) per DetectToxicContent call;
   * a split text is as toxic as its worst segment (each label keeps its highest score).
   *
   * @returns `{ toxicity, labels }`, or an array of them in input order
   * @throws ValidationError for bad text or a language other than en, before any call
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { toxicity } = await ai.text.toxicity(comment);
   * if (toxicity > 0.5) hide(comment);
   * ```
   */
  toxicity(text: string, options?: TextLanguageOptions): Promise<TextToxicityResult>;
  toxicity(
    texts: readonly string[],
    options: TextLanguageOptions & KeepItemErrors,
  ): Promise<Array<TextToxicityResult | BatchItemError>>;
  toxicity(texts: readonly string[], options?: TextLanguageOptions): Promise<TextToxicityResult[]>;
  async toxicity(
    input: string | readonly string[],
    options?: TextLanguageOptions,
  ): Promise<TextToxicityResult | Array<TextToxicityResult | BatchItemError>> {
    return this.call(
      { service: 'comprehend', operation: 'DetectToxicContent', method: 'text.toxicity' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.toxicity(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Translates a text, or each text of an array, with Amazon Translate.
   *
   * `from` defaults to `'auto'` (Translate detects the language through Comprehend). A text over
   * 10,000 UTF-8 bytes (up to 1 MB and more) is split at sentence boundaries into pieces under the
   * limit; the first piece is translated first and, with `'auto'`, fixes the source language of
   * the others (decision 0102), which then run concurrently; the pieces are joined in order with
   * their original spacing. Arrays run one text per call with the concurrency limit. Settings:
   * `formality`, `profanity: 'mask'`, `brevity`, and `terminologies` (one custom terminology
   * imported with {@link Text.terminology}).
   *
   * @returns `{ text, from, to }`, or an array of them in input order
   * @throws ValidationError for bad text or option values (language codes are 2–5 characters)
   *   before any call, and for unsupported pairs (`UnsupportedLanguagePairException`)
   * @throws LanguageDetectionError when `from: 'auto'` could not detect the language with confidence;
   *   `detectedLanguage` carries Translate's guess
   * @throws BatchError when array items fail and `throwOnItemError` is not `false`
   * @example
   * ```ts
   * const { text } = await ai.text.translate('Where is the station?', { to: 'fr' });
   * const many = await ai.text.translate(reviews, { from: 'en', to: 'de', formality: 'formal' });
   * const branded = await ai.text.translate(copy, { to: 'fr', terminologies: ['brand-names'] });
   * ```
   */
  translate(text: string, options: TextTranslateOptions): Promise<TextTranslateResult>;
  translate(
    texts: readonly string[],
    options: TextTranslateOptions & KeepItemErrors,
  ): Promise<Array<TextTranslateResult | BatchItemError>>;
  translate(
    texts: readonly string[],
    options: TextTranslateOptions,
  ): Promise<TextTranslateResult[]>;
  async translate(
    input: string | readonly string[],
    options: TextTranslateOptions,
  ): Promise<TextTranslateResult | Array<TextTranslateResult | BatchItemError>> {
    return this.call(
      { service: 'translate', operation: 'TranslateText', method: 'text.translate' },
      options,
      async (scoped) => {
        const op = await impl();
        return op.settle(input, await op.translate(this.ctx, input, scoped), options);
      },
    );
  }

  /**
   * Translates one document (TranslateDocument): plain text, HTML or Word (.docx), keeping its
   * format. At most 100,000 bytes (checked before any call; larger documents and pptx/xlsx go
   * through {@link Text.startTranslationJob}). Takes `formality`, `profanity: 'mask'` and one custom
   * terminology; `brevity` is TranslateText's alone. `contentType` defaults from the file
   * extension of a path.
   *
   * @returns `{ content, contentType, from, to, terminologies }`: the translated document as bytes
   * @throws ValidationError for a missing or oversized document, an unknown format, an S3 URI or bad
   *   options, before any call
   * @throws LanguageDetectionError when `from: 'auto'` could not detect the language with confidence
   * @example
   * ```ts
   * import { writeFile } from 'node:fs/promises';
   * const { content } = await ai.text.translateDocument('./letter.docx', { to: 'de', formality: 'formal' });
   * await writeFile('./letter.de.docx', content);
   * const page = await ai.text.translateDocument(html, { to: 'fr', contentType: 'text/html' });
   * ```
   */
  async translateDocument(
    document: BinaryInput,
    options: TextTranslateDocumentOptions,
  ): Promise<TextTranslateDocumentResult> {
    return this.call(
      { service: 'translate', operation: 'TranslateDocument', method: 'text.translateDocument' },
      options,
      async (scoped) => (await impl()).translateDocument(this.ctx, document, scoped),
    );
  }

  /**
   * Starts a sentiment batch job on S3 (StartSentimentDetectionJob) for corpora too large for a
   * process: up to 5 KB per document, 5 GB and 1,000,000 documents per job, 10 active jobs per type.
   *
   * @returns a {@link TextDetectionJob}, the one `Job<T>` of aws-ai: `job.ref` (plain JSON) rebuilds
   *   it anywhere with `ai.jobs.resume(ref)`; `wait()` polls DescribeSentimentDetectionJob until it
   *   ends, `results()` / `result()` also read the output: one record per document, in input order;
   *   `cancel()` is StopSentimentDetectionJob
   * @throws ValidationError for S3 URIs, role ARN, language or format that are wrong, before any call
   * @example
   * ```ts
   * const job = await ai.text.startSentimentJob({
   *   input: 's3://corpus/reviews/', output: 's3://corpus/out/', roleArn, language: 'en',
   * });
   * await queue.send(JSON.stringify(job.ref)); // or read it here:
   * for await (const { file, line, result } of job.results({ timeoutMs: 3_600_000 })) {
   *   console.log(file, line, result?.sentiment);
   * }
   * ```
   */
  async startSentimentJob(
    params: TextDetectionJobParams,
    options?: RequestOptions,
  ): Promise<TextDetectionJob<TextJobSentiment>> {
    return guardCall(
      { service: 'comprehend', operation: 'StartSentimentDetectionJob' },
      options,
      async () =>
        (await impl()).startDetectionJob<TextJobSentiment>(this.ctx, 'Sentiment', params, options),
    );
  }

  /**
   * Starts an entities batch job on S3 (StartEntitiesDetectionJob; 1 MB per document).
   *
   * @returns a {@link TextDetectionJob} whose `wait()` polls DescribeEntitiesDetectionJob and
   *   `results()` reads each document's entities (offsets in code points)
   * @throws ValidationError for wrong S3 URIs, role ARN, language or format, before any call
   * @example
   * ```ts
   * const job = await ai.text.startEntitiesJob({ input, output, roleArn, language: 'en' });
   * const records = await job.result();
   * ```
   */
  async startEntitiesJob(
    params: TextDetectionJobParams,
    options?: RequestOptions,
  ): Promise<TextDetectionJob<TextJobEntities>> {
    return guardCall(
      { service: 'comprehend', operation: 'StartEntitiesDetectionJob' },
      options,
      async () =>
        (await impl()).startDetectionJob<TextJobEntities>(this.ctx, 'Entities', params, options),
    );
  }

  /**
   * Starts a key-phrases batch job on S3 (StartKeyPhrasesDetectionJob; 1 MB per document).
   *
   * @returns a {@link TextDetectionJob} whose `wait()` polls DescribeKeyPhrasesDetectionJob and
   *   `results()` reads each document's key phrases
   * @throws ValidationError for wrong S3 URIs, role ARN, language or format, before any call
   * @example
   * ```ts
   * const job = await ai.text.startKeyPhrasesJob({ input, output, roleArn, language: 'de' });
   * ```
   */
  async startKeyPhrasesJob(
    params: TextDetectionJobParams,
    options?: RequestOptions,
  ): Promise<TextDetectionJob<TextJobKeyPhrases>> {
    return guardCall(
      { service: 'comprehend', operation: 'StartKeyPhrasesDetectionJob' },
      options,
      async () =>
        (await impl()).startDetectionJob<TextJobKeyPhrases>(
          this.ctx,
          'KeyPhrases',
          params,
          options,
        ),
    );
  }

  /**
   * Starts a targeted-sentiment batch job on S3 (StartTargetedSentimentDetectionJob; English only,
   * 10 KB per document, 300 MB and 30,000 documents per job).
   *
   * @returns a {@link TextDetectionJob} whose `results()` reads each document's entities with their
   *   mentions and sentiments (offsets in code points)
   * @throws ValidationError for wrong S3 URIs, role ARN, format or a language other than `en`
   * @example
   * ```ts
   * const job = await ai.text.startTargetedSentimentJob({ input, output, roleArn });
   * for await (const { file, line, result } of job.results()) {
   *   for (const { descriptive, mentions } of result?.entities ?? []) {
   *     console.log(file, line, descriptive.text, mentions.map((m) => m.sentiment));
   *   }
   * }
   * ```
   */
  async startTargetedSentimentJob(
    params: TextTargetedSentimentJobParams,
    options?: RequestOptions,
  ): Promise<TextDetectionJob<TextJobTargetedSentiment>> {
    return guardCall(
      { service: 'comprehend', operation: 'StartTargetedSentimentDetectionJob' },
      options,
      async () =>
        (await impl()).startDetectionJob<TextJobTargetedSentiment>(
          this.ctx,
          'TargetedSentiment',
          { ...params, language: params?.language ?? 'en' },
          options,
        ),
    );
  }

  /**
   * Starts a PII batch job on S3 (StartPiiEntitiesDetectionJob; en/es): `mode: 'offsets'` (default)
   * writes the entities, `'redaction'` writes redacted copies.
   *
   * @returns a {@link TextDetectionJob} whose `wait()` polls DescribePiiEntitiesDetectionJob;
   *   `results()` reads the entities in `offsets` mode (redaction writes files, not records)
   * @throws ValidationError for wrong S3 URIs, role ARN, mode or a language other than en/es
   * @example
   * ```ts
   * const job = await ai.text.startPiiJob({ input, output, roleArn, language: 'en', mode: 'redaction' });
   * ```
   */
  async startPiiJob(
    params: TextPiiJobParams,
    options?: RequestOptions,
  ): Promise<TextDetectionJob<TextJobPiiEntities>> {
    return guardCall(
      { service: 'comprehend', operation: 'StartPiiEntitiesDetectionJob' },
      options,
      async () =>
        (await impl()).startDetectionJob<TextJobPiiEntities>(
          this.ctx,
          'PiiEntities',
          params,
          options,
        ),
    );
  }

  /**
   * Starts a Translate batch job on S3 (StartTextTranslationJob): up to 10 targets, 20 MB per
   * document, 5 GB and 1,000,000 documents per job.
   *
   * @returns a {@link TextTranslationJob} (a `Job<T>`, resumable from `job.ref`) whose `wait()` polls
   *   DescribeTextTranslationJob (resolves on `completed` or `partially-completed`, Translate's
   *   COMPLETED_WITH_ERROR), whose `results()` reads the translated files and whose `cancel()` is
   *   StopTextTranslationJob
   * @throws ValidationError for wrong S3 URIs, role ARN or language codes, before any call
   * @example
   * ```ts
   * const job = await ai.text.startTranslationJob({ input, output, roleArn, to: ['fr', 'de'] });
   * for (const { file, to, text } of await job.result()) console.log(file, to, text);
   * ```
   */
  async startTranslationJob(
    params: TextTranslationJobParams,
    options?: RequestOptions,
  ): Promise<TextTranslationJob> {
    return guardCall(
      { service: 'translate', operation: 'StartTextTranslationJob' },
      options,
      async () => (await impl()).startTranslationJob(this.ctx, params, options),
    );
  }
}
