import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type { ServiceDef } from '../core/client-cache';

import { type LexRuntimeSdk, loadLexRuntimeSdk } from './sdk';

/** How the conversation module loads and makes its Lex V2 Runtime client (on first use). @internal */
export const LEX_RUNTIME: ServiceDef<LexRuntimeSdk, LexRuntimeV2Client> = {
  service: 'lex-runtime',
  load: loadLexRuntimeSdk,
  create: (sdk, config) => new sdk.LexRuntimeV2Client(config),
};
