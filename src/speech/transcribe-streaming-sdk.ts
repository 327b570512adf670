import type * as Package from '@aws-sdk/client-transcribe-streaming';

/** The classes of `@aws-sdk/client-transcribe-streaming` that the speech module for Transcribe Streaming uses. @internal */
export type TranscribeStreamingSdk = Pick<
  typeof Package,
  | 'StartCallAnalyticsStreamTranscriptionCommand'
  | 'StartStreamTranscriptionCommand'
  | 'TranscribeStreamingClient'
>;

/**
 * Loads `@aws-sdk/client-transcribe-streaming` on the first call of the speech module for
 * Transcribe Streaming. A dynamic import of the package itself, never a static `export … from`: a
 * bundler inlines `import()` of our own files and hoists their static imports of an external
 * package to the top of the bundle, but keeps a dynamic import of an external package as it is, and
 * runs a bundled one only when called (decision 0701).
 * @internal
 */
export function loadTranscribeStreamingSdk(): Promise<TranscribeStreamingSdk> {
  return import('@aws-sdk/client-transcribe-streaming');
}
