import type * as Package from '@aws-sdk/client-comprehendmedical';

/** The classes of `@aws-sdk/client-comprehendmedical` that the medical module uses. @internal */
export type ComprehendMedicalSdk = Pick<
  typeof Package,
  | 'ComprehendMedicalClient'
  | 'DetectEntitiesV2Command'
  | 'DetectPHICommand'
  | 'InferICD10CMCommand'
  | 'InferRxNormCommand'
  | 'InferSNOMEDCTCommand'
>;

/**
 * Loads `@aws-sdk/client-comprehendmedical` on the first call of the medical module. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadComprehendMedicalSdk(): Promise<ComprehendMedicalSdk> {
  return import('@aws-sdk/client-comprehendmedical');
}
