import type * as Package from '@aws-sdk/client-bedrock-runtime';

/** The classes of `@aws-sdk/client-bedrock-runtime` that the generative module uses. @internal */
export type BedrockSdk = Pick<
  typeof Package,
  | 'BedrockRuntimeClient'
  | 'ApplyGuardrailCommand'
  | 'ConverseCommand'
  | 'ConverseStreamCommand'
  | 'CountTokensCommand'
  | 'GetAsyncInvokeCommand'
  | 'InvokeGuardrailChecksCommand'
  | 'InvokeModelCommand'
  | 'InvokeModelWithResponseStreamCommand'
  | 'ListAsyncInvokesCommand'
  | 'StartAsyncInvokeCommand'
>;

/**
 * Loads `@aws-sdk/client-bedrock-runtime` on the first call of the generative module. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadBedrockSdk(): Promise<BedrockSdk> {
  return import('@aws-sdk/client-bedrock-runtime');
}
