import type * as Package from '@aws-sdk/client-transcribe';

/** The classes of `@aws-sdk/client-transcribe` that the speech module for Transcribe (batch jobs) uses. @internal */
export type TranscribeSdk = Pick<
  typeof Package,
  | 'GetCallAnalyticsJobCommand'
  | 'GetTranscriptionJobCommand'
  | 'StartCallAnalyticsJobCommand'
  | 'StartTranscriptionJobCommand'
  | 'TranscribeClient'
>;

/**
 * Loads `@aws-sdk/client-transcribe` on the first call of the speech module for Transcribe (batch
 * jobs). A dynamic import of the package itself, never a static `export … from`: a bundler inlines
 * `import()` of our own files and hoists their static imports of an external package to the top of
 * the bundle, but keeps a dynamic import of an external package as it is, and runs a bundled one
 * only when called (decision 0701).
 * @internal
 */
export function loadTranscribeSdk(): Promise<TranscribeSdk> {
  return import('@aws-sdk/client-transcribe');
}
