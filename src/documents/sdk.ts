import type * as Package from '@aws-sdk/client-textract';

/** The classes of `@aws-sdk/client-textract` that the documents module uses. @internal */
export type TextractSdk = Pick<
  typeof Package,
  | 'AnalyzeDocumentCommand'
  | 'AnalyzeExpenseCommand'
  | 'AnalyzeIDCommand'
  | 'DetectDocumentTextCommand'
  | 'GetDocumentAnalysisCommand'
  | 'GetDocumentTextDetectionCommand'
  | 'GetExpenseAnalysisCommand'
  | 'GetLendingAnalysisCommand'
  | 'GetLendingAnalysisSummaryCommand'
  | 'StartDocumentAnalysisCommand'
  | 'StartDocumentTextDetectionCommand'
  | 'StartExpenseAnalysisCommand'
  | 'StartLendingAnalysisCommand'
  | 'TextractClient'
>;

/**
 * Loads `@aws-sdk/client-textract` on the first call of the documents module. A dynamic import of
 * the package itself, never a static `export … from`: a bundler inlines `import()` of our own files
 * and hoists their static imports of an external package to the top of the bundle, but keeps a
 * dynamic import of an external package as it is, and runs a bundled one only when called (decision
 * 0701).
 * @internal
 */
export function loadTextractSdk(): Promise<TextractSdk> {
  return import('@aws-sdk/client-textract');
}
