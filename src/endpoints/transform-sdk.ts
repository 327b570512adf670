import type * as Package from '@aws-sdk/client-sagemaker';

/** The classes of `@aws-sdk/client-sagemaker` (the control plane) that Batch Transform uses. @internal */
export type SageMakerControlSdk = Pick<
  typeof Package,
  | 'CreateTransformJobCommand'
  | 'DescribeTransformJobCommand'
  | 'SageMakerClient'
  | 'StopTransformJobCommand'
>;

/**
 * Loads `@aws-sdk/client-sagemaker` on the first transform call. A dynamic import of the package
 * itself, never a static `export … from`: a bundler inlines `import()` of our own files and hoists
 * their static imports of an external package to the top of the bundle, but keeps a dynamic import
 * of an external package as it is, and runs a bundled one only when called (decision 0701).
 * @internal
 */
export function loadSageMakerControlSdk(): Promise<SageMakerControlSdk> {
  return import('@aws-sdk/client-sagemaker');
}
