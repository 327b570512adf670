import type * as Package from '@aws-sdk/client-personalize-runtime';

/** The classes of `@aws-sdk/client-personalize-runtime` that the recommendations module uses. @internal */
export type PersonalizeRuntimeSdk = Pick<
  typeof Package,
  | 'GetActionRecommendationsCommand'
  | 'GetPersonalizedRankingCommand'
  | 'GetRecommendationsCommand'
  | 'PersonalizeRuntimeClient'
>;

/**
 * Loads `@aws-sdk/client-personalize-runtime` on the first call of the recommendations module. A
 * dynamic import of the package itself, never a static `export … from`: a bundler inlines
 * `import()` of our own files and hoists their static imports of an external package to the top of
 * the bundle, but keeps a dynamic import of an external package as it is, and runs a bundled one
 * only when called (decision 0701).
 * @internal
 */
export function loadPersonalizeRuntimeSdk(): Promise<PersonalizeRuntimeSdk> {
  return import('@aws-sdk/client-personalize-runtime');
}
