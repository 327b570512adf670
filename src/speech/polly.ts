import type { PollyClient } from '@aws-sdk/client-polly';
import type { ServiceDef } from '../core/client-cache';

import { loadPollySdk, type PollySdk as Sdk } from './polly-sdk';

/** How the speech module loads and makes its polly client (on first use). @internal */
export const POLLY: ServiceDef<Sdk, PollyClient> = {
  service: 'polly',
  load: loadPollySdk,
  create: (sdk, config) => new sdk.PollyClient(config),
};
