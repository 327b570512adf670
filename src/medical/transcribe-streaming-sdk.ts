import type * as Package from '@aws-sdk/client-transcribe-streaming';

/** The classes of `@aws-sdk/client-transcribe-streaming` that the medical module uses. @internal */
export type TranscribeStreamingMedicalSdk = Pick<
  typeof Package,
  'StartMedicalStreamTranscriptionCommand' | 'TranscribeStreamingClient'
>;

/**
 * Loads `@aws-sdk/client-transcribe-streaming` on the first medical stream. A dynamic import of the
 * package itself, never a static `export … from` (decision 0701; see `sdk.ts`).
 * @internal
 */
export function loadTranscribeStreamingMedicalSdk(): Promise<TranscribeStreamingMedicalSdk> {
  return import('@aws-sdk/client-transcribe-streaming');
}
