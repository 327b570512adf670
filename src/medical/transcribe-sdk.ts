import type * as Package from '@aws-sdk/client-transcribe';

/** The classes of `@aws-sdk/client-transcribe` that the medical module uses (Transcribe Medical jobs). @internal */
export type TranscribeMedicalSdk = Pick<
  typeof Package,
  'GetMedicalTranscriptionJobCommand' | 'StartMedicalTranscriptionJobCommand' | 'TranscribeClient'
>;

/**
 * Loads `@aws-sdk/client-transcribe` on the first medical transcription. A dynamic import of the
 * package itself, never a static `export … from` (decision 0701; see `sdk.ts`).
 * @internal
 */
export function loadTranscribeMedicalSdk(): Promise<TranscribeMedicalSdk> {
  return import('@aws-sdk/client-transcribe');
}
