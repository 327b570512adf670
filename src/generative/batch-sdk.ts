import type * as Package from '@aws-sdk/client-bedrock';

/** The classes of `@aws-sdk/client-bedrock` (the control plane) that batch inference uses. @internal */
export type BedrockControlSdk = Pick<
  typeof Package,
  | 'BedrockClient'
  | 'CreateModelInvocationJobCommand'
  | 'GetModelInvocationJobCommand'
  | 'StopModelInvocationJobCommand'
>;

/**
 * Loads `@aws-sdk/client-bedrock` on the first batch call. A dynamic import of the package itself,
 * never a static `export … from`: a bundler inlines `import()` of our own files and hoists their
 * static imports of an external package to the top of the bundle, but keeps a dynamic import of an
 * external package as it is, and runs a bundled one only when called (decision 0701).
 * @internal
 */
export function loadBedrockControlSdk(): Promise<BedrockControlSdk> {
  return import('@aws-sdk/client-bedrock');
}
