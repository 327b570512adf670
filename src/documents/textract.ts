import type { TextractClient } from '@aws-sdk/client-textract';
import type { ServiceDef } from '../core/client-cache';

import { loadTextractSdk, type TextractSdk } from './sdk';

/** How the documents module loads and makes its Textract client (on first use). @internal */
export const TEXTRACT: ServiceDef<TextractSdk, TextractClient> = {
  service: 'textract',
  load: loadTextractSdk,
  create: (sdk, config) => new sdk.TextractClient(config),
};
