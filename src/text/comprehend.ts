import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import type { ServiceDef } from '../core/client-cache';

import { type ComprehendSdk, loadComprehendSdk } from './sdk';

/** How the text module loads and makes its Comprehend client (on first use). @internal */
export const COMPREHEND: ServiceDef<ComprehendSdk, ComprehendClient> = {
  service: 'comprehend',
  load: loadComprehendSdk,
  create: (sdk, config) => new sdk.ComprehendClient(config),
};
