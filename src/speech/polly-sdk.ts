import type * as Package from '@aws-sdk/client-polly';

/** The classes of `@aws-sdk/client-polly` that the speech module for Polly uses. @internal */
export type PollySdk = Pick<
  typeof Package,
  | 'DescribeVoicesCommand'
  | 'GetSpeechSynthesisTaskCommand'
  | 'PollyClient'
  | 'StartSpeechSynthesisTaskCommand'
  | 'SynthesizeSpeechCommand'
>;

/**
 * Loads `@aws-sdk/client-polly` on the first call of the speech module for Polly. A dynamic import
 * of the package itself, never a static `export … from`: a bundler inlines `import()` of our own
 * files and hoists their static imports of an external package to the top of the bundle, but keeps
 * a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadPollySdk(): Promise<PollySdk> {
  return import('@aws-sdk/client-polly');
}
