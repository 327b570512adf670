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

/**
 * TranslateDocument: bytes of `Document.Content`. The model allows 102,400 (`DocumentContent`
 * `@length max`); the docs say 100,000 bytes and 100,000 characters, the lower is used
 * (aws-limits.md §2, reference/aws-models/translate.json).
 */
export const TRANSLATE_DOCUMENT_MAX_BYTES = 100_000;
/** Custom terminologies per TranslateText / TranslateDocument request (Translate docs, aws-limits §2). */
export const TRANSLATE_MAX_TERMINOLOGIES = 1;
/** ImportTerminology: bytes of `TerminologyData.File` (`TerminologyFile` `@length max`, translate.json). */
export const TERMINOLOGY_MAX_FILE_BYTES = 10_485_760;
/** ImportTerminology: characters of `Description` (`Description` `@length max`, translate.json). */
export const TERMINOLOGY_MAX_DESCRIPTION = 256;
/** ListTerminologies: `MaxResults` (`MaxResultsInteger` 1–500, translate.json). */
export const TERMINOLOGY_LIST_PAGE = 500;
/** ClassifyDocument with a plain-text custom model: 10 KB of text (aws-limits.md §1, Comprehend docs). */
export const COMPREHEND_CLASSIFY_MAX_DOC_BYTES = 10_000;
/** DetectEntities with a custom recognizer endpoint: 5 KB of text (aws-limits.md §1, Comprehend docs). */
export const COMPREHEND_CUSTOM_ENTITIES_MAX_DOC_BYTES = 5_000;
/**
 * ClassifyDocument and DetectEntities (custom endpoints) with `Bytes`: a PDF, Word or image file of
 * at most 10 MB ("Inputs for real-time custom analysis", Comprehend Developer Guide, quoted in
 * aws-limits.md §1; the model's `SemiStructuredDocumentBlob` only says `min 1`). Read as
 * 10,000,000 bytes, the stricter of the two ways to count a MB.
 */
export const COMPREHEND_DOCUMENT_MAX_BYTES = 10_000_000;
/** Real-time custom analysis reads 1 page per document (aws-limits.md §1, same guide page). */
export const COMPREHEND_DOCUMENT_MAX_PAGES = 1;
/** Formats aws-ai sends as `Bytes`, recognised by their magic bytes (the guide's PDF and images). */
export const COMPREHEND_DOCUMENT_FORMATS = ['pdf', 'png', 'jpeg', 'tiff'] as const;
/** `DocumentReaderConfig.FeatureTypes`: 1–2 of TABLES, FORMS (comprehend.json `ListOfDocumentReadFeatureTypes`). */
export const COMPREHEND_DOCUMENT_FEATURES = ['tables', 'forms'] as const;
