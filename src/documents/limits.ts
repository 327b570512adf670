/** Textract limits, from `reference/aws-limits.md` §5. */

/**
 * Sync APIs (DetectDocumentText, AnalyzeDocument, AnalyzeExpense, AnalyzeID): inline bytes. The
 * model's `ImageBlob` max and the developer guide say 10 MB; an older doc string says 5 MB (see ADR
 * 0201), so callers can lower it with `syncMaxBytes`.
 */
export const TEXTRACT_SYNC_MAX_BYTES = 10_485_760;
/** Async APIs: JPEG/PNG objects in S3. */
export const TEXTRACT_ASYNC_IMAGE_MAX_BYTES = 10_485_760;
/** Async APIs: PDF/TIFF objects in S3 (500 MB). */
export const TEXTRACT_ASYNC_DOCUMENT_MAX_BYTES = 500 * 1024 * 1024;
/** Async APIs: pages of one PDF/TIFF. */
export const TEXTRACT_ASYNC_MAX_PAGES = 3000;
/** Sync APIs: pages of one PDF/TIFF (a multi-page file gets `UnsupportedDocumentException`). */
export const TEXTRACT_SYNC_MAX_PAGES = 1;
/** Queries per page: sync AnalyzeDocument. */
export const TEXTRACT_SYNC_MAX_QUERIES = 15;
/** Queries per page: StartDocumentAnalysis. */
export const TEXTRACT_ASYNC_MAX_QUERIES = 30;
/** Characters of one query's text. */
export const TEXTRACT_QUERY_MAX_CHARS = 200;
/** AnalyzeID: pages (front and back) per call. */
export const TEXTRACT_ID_MAX_PAGES = 2;
/** Get* `MaxResults`: blocks per page (default and max). */
export const TEXTRACT_GET_MAX_RESULTS = 1000;
/** Formats Textract reads. */
export const TEXTRACT_FORMATS = ['jpeg', 'png', 'pdf', 'tiff'] as const;

/** AnalyzeDocument / StartDocumentAnalysis `AdaptersConfig.Adapters`: 1–100 (textract.json `Adapters`). */
export const TEXTRACT_MAX_ADAPTERS = 100;
/** `AdapterId`: 12–1,011 characters (textract.json). */
export const TEXTRACT_ADAPTER_ID_CHARS = { min: 12, max: 1011 } as const;
/** `AdapterVersion`: 1–128 characters (textract.json). */
export const TEXTRACT_ADAPTER_VERSION_MAX_CHARS = 128;
