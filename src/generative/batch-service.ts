import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { ServiceDef } from '../core/client-cache';
import { type BedrockControlSdk, loadBedrockControlSdk } from './batch-sdk';

/** How batch inference loads and makes its Bedrock control-plane client (on first use). @internal */
export const BEDROCK_CONTROL: ServiceDef<BedrockControlSdk, BedrockClient> = {
  service: 'bedrock',
  load: loadBedrockControlSdk,
  create: (sdk, config) => new sdk.BedrockClient(config),
};
