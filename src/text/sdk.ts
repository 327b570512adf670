import type * as Package from '@aws-sdk/client-comprehend';

/** The classes of `@aws-sdk/client-comprehend` that the text module uses. @internal */
export type ComprehendSdk = Pick<
  typeof Package,
  | 'BatchDetectDominantLanguageCommand'
  | 'BatchDetectEntitiesCommand'
  | 'BatchDetectKeyPhrasesCommand'
  | 'BatchDetectSentimentCommand'
  | 'BatchDetectSyntaxCommand'
  | 'BatchDetectTargetedSentimentCommand'
  | 'ClassifyDocumentCommand'
  | 'ComprehendClient'
  | 'DescribeEntitiesDetectionJobCommand'
  | 'DescribeKeyPhrasesDetectionJobCommand'
  | 'DescribePiiEntitiesDetectionJobCommand'
  | 'DescribeSentimentDetectionJobCommand'
  | 'DescribeTargetedSentimentDetectionJobCommand'
  | 'DetectDominantLanguageCommand'
  | 'DetectEntitiesCommand'
  | 'DetectKeyPhrasesCommand'
  | 'DetectPiiEntitiesCommand'
  | 'DetectSentimentCommand'
  | 'DetectSyntaxCommand'
  | 'DetectTargetedSentimentCommand'
  | 'DetectToxicContentCommand'
  | 'StartEntitiesDetectionJobCommand'
  | 'StartKeyPhrasesDetectionJobCommand'
  | 'StartPiiEntitiesDetectionJobCommand'
  | 'StartSentimentDetectionJobCommand'
  | 'StartTargetedSentimentDetectionJobCommand'
>;

/**
 * Loads `@aws-sdk/client-comprehend` on the first call of the text module. A dynamic import of the
 * package itself, never a static `export … from`: a bundler inlines `import()` of our own files and
 * hoists their static imports of an external package to the top of the bundle, but keeps a dynamic
 * import of an external package as it is, and runs a bundled one only when called (decision 0701).
 * @internal
 */
export function loadComprehendSdk(): Promise<ComprehendSdk> {
  return import('@aws-sdk/client-comprehend');
}
