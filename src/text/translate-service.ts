import type { TranslateClient } from '@aws-sdk/client-translate';
import type { ServiceDef } from '../core/client-cache';

import { loadTranslateSdk, type TranslateSdk } from './translate-sdk';

/** How the text module loads and makes its Translate client (on first use). @internal */
export const TRANSLATE: ServiceDef<TranslateSdk, TranslateClient> = {
  service: 'translate',
  load: loadTranslateSdk,
  create: (sdk, config) => new sdk.TranslateClient(config),
};
