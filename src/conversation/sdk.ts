import type * as Package from '@aws-sdk/client-lex-runtime-v2';

/** The classes of `@aws-sdk/client-lex-runtime-v2` that the conversation module uses. @internal */
export type LexRuntimeSdk = Pick<
  typeof Package,
  | 'DeleteSessionCommand'
  | 'GetSessionCommand'
  | 'LexRuntimeV2Client'
  | 'PutSessionCommand'
  | 'RecognizeTextCommand'
  | 'RecognizeUtteranceCommand'
  | 'StartConversationCommand'
>;

/**
 * Loads `@aws-sdk/client-lex-runtime-v2` on the first call of the conversation module. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadLexRuntimeSdk(): Promise<LexRuntimeSdk> {
  return import('@aws-sdk/client-lex-runtime-v2');
}
