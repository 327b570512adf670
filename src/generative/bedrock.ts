import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ServiceDef } from '../core/client-cache';

import { loadBedrockSdk, type BedrockSdk as Sdk } from './sdk';

/** How the generative module loads and makes its bedrock-runtime client (on first use). @internal */
export const BEDROCK: ServiceDef<Sdk, BedrockRuntimeClient> = {
  service: 'bedrock-runtime',
  load: loadBedrockSdk,
  create: (sdk, config) => new sdk.BedrockRuntimeClient(config),
};
