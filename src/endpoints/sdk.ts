import type * as Package from '@aws-sdk/client-sagemaker-runtime';

/** The classes of `@aws-sdk/client-sagemaker-runtime` that the endpoints module uses. @internal */
export type SageMakerSdk = Pick<
  typeof Package,
  | 'InvokeEndpointAsyncCommand'
  | 'InvokeEndpointCommand'
  | 'InvokeEndpointWithResponseStreamCommand'
  | 'SageMakerRuntimeClient'
>;

/**
 * Loads `@aws-sdk/client-sagemaker-runtime` on the first call of the endpoints module. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadSageMakerSdk(): Promise<SageMakerSdk> {
  return import('@aws-sdk/client-sagemaker-runtime');
}
