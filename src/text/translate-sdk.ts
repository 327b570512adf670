import type * as Package from '@aws-sdk/client-translate';

/** The classes of `@aws-sdk/client-translate` that the text module for Translate uses. @internal */
export type TranslateSdk = Pick<
  typeof Package,
  | 'DescribeTextTranslationJobCommand'
  | 'ImportTerminologyCommand'
  | 'ListTerminologiesCommand'
  | 'StartTextTranslationJobCommand'
  | 'TranslateClient'
  | 'TranslateDocumentCommand'
  | 'TranslateTextCommand'
>;

/**
 * Loads `@aws-sdk/client-translate` on the first call of the text module for Translate. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadTranslateSdk(): Promise<TranslateSdk> {
  return import('@aws-sdk/client-translate');
}
