/** Comprehend and Translate limits, from `reference/aws-limits.md` §1–2 (UTF-8 bytes). */

/** Single-document Detect* APIs (DetectDominantLanguage, DetectEntities, DetectKeyPhrases, PII). */
export const COMPREHEND_MAX_DOC_BYTES = 100_000;
/** Every Batch* API: bytes per document. */
export const COMPREHEND_BATCH_MAX_DOC_BYTES = 5_000;
/** Every Batch* API: documents per call (`BatchSizeLimitExceededException` above it). */
export const COMPREHEND_BATCH_MAX_DOCS = 25;
/** DetectSentiment and DetectSyntax: bytes per document. */
export const COMPREHEND_SENTIMENT_MAX_DOC_BYTES = 5_000;
/** DetectSyntax: bytes per document. */
export const COMPREHEND_SYNTAX_MAX_DOC_BYTES = 5_000;
/** DetectToxicContent: bytes per segment (1 KB; 1,000 as a real client uses, aws-limits §1). */
export const TOXICITY_MAX_SEGMENT_BYTES = 1_000;
/** DetectToxicContent: segments per call. */
export const TOXICITY_MAX_SEGMENTS = 10;
/** DetectToxicContent: bytes of all segments of one call together. */
export const TOXICITY_MAX_CALL_BYTES = 10_000;
/** TranslateText: bytes of `Text`. */
export const TRANSLATE_MAX_TEXT_BYTES = 10_000;

/** Languages of DetectSentiment, DetectEntities, DetectKeyPhrases (the 12 of the model enum). */
export const COMPREHEND_LANGUAGES = [
  'ar',
  'de',
  'en',
  'es',
  'fr',
  'hi',
  'it',
  'ja',
  'ko',
  'pt',
  'zh',
  'zh-TW',
] as const;
/** Languages of DetectSyntax (its own `SyntaxLanguageCode` enum). */
export const SYNTAX_LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'pt'] as const;
/** Languages DetectPiiEntities supports (docs; the model enum is wider). */
export const PII_LANGUAGES = ['en', 'es'] as const;
/** Languages DetectToxicContent supports. */
export const TOXICITY_LANGUAGES = ['en'] as const;
/** Languages of DetectTargetedSentiment (English only, aws-limits §1). */
export const TARGETED_SENTIMENT_LANGUAGES = ['en'] as const;
