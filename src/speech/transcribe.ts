import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import type { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import type { ServiceDef } from '../core/client-cache';

import { loadTranscribeSdk, type TranscribeSdk } from './transcribe-sdk';
import {
  loadTranscribeStreamingSdk,
  type TranscribeStreamingSdk as StreamingSdk,
} from './transcribe-streaming-sdk';

/** How the speech module loads and makes its Transcribe client (on first use). @internal */
export const TRANSCRIBE: ServiceDef<TranscribeSdk, TranscribeClient> = {
  service: 'transcribe',
  load: loadTranscribeSdk,
  create: (sdk, config) => new sdk.TranscribeClient(config),
};

/** How the speech module loads and makes its Transcribe Streaming client (on first use). @internal */
export const TRANSCRIBE_STREAMING: ServiceDef<StreamingSdk, TranscribeStreamingClient> = {
  service: 'transcribe-streaming',
  load: loadTranscribeStreamingSdk,
  create: (sdk, config) => new sdk.TranscribeStreamingClient(config),
};
