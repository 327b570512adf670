import type { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import type { ServiceDef } from '../core/client-cache';

import { loadPersonalizeRuntimeSdk, type PersonalizeRuntimeSdk } from './sdk';

/** How the recommendations module loads and makes its Personalize Runtime client (on first use). @internal */
export const PERSONALIZE_RUNTIME: ServiceDef<PersonalizeRuntimeSdk, PersonalizeRuntimeClient> = {
  service: 'personalize-runtime',
  load: loadPersonalizeRuntimeSdk,
  create: (sdk, config) => new sdk.PersonalizeRuntimeClient(config),
};
