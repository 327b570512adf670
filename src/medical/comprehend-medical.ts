import type { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import type { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import type { ServiceDef } from '../core/client-cache';

import { type ComprehendMedicalSdk, loadComprehendMedicalSdk } from './sdk';
import { loadTranscribeMedicalSdk, type TranscribeMedicalSdk } from './transcribe-sdk';
import {
  loadTranscribeStreamingMedicalSdk,
  type TranscribeStreamingMedicalSdk,
} from './transcribe-streaming-sdk';

/** How the medical module loads and makes its Comprehend Medical client (on first use). @internal */
export const COMPREHEND_MEDICAL: ServiceDef<ComprehendMedicalSdk, ComprehendMedicalClient> = {
  service: 'comprehendmedical',
  load: loadComprehendMedicalSdk,
  create: (sdk, config) => new sdk.ComprehendMedicalClient(config),
};

/**
 * How the medical module loads and makes its Transcribe client (on first use). Same service name
 * as the speech module's, so both share one cached client, one endpoint setting and one
 * concurrency limit.
 * @internal
 */
export const TRANSCRIBE_MEDICAL: ServiceDef<TranscribeMedicalSdk, TranscribeClient> = {
  service: 'transcribe',
  load: loadTranscribeMedicalSdk,
  create: (sdk, config) => new sdk.TranscribeClient(config),
};

/**
 * How the medical module loads and makes its Transcribe Streaming client (on first use); shared
 * with the speech module's streams like {@link TRANSCRIBE_MEDICAL}.
 * @internal
 */
export const TRANSCRIBE_STREAMING_MEDICAL: ServiceDef<
  TranscribeStreamingMedicalSdk,
  TranscribeStreamingClient
> = {
  service: 'transcribe-streaming',
  load: loadTranscribeStreamingMedicalSdk,
  create: (sdk, config) => new sdk.TranscribeStreamingClient(config),
};
