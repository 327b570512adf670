import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ServiceDef } from '../core/client-cache';
import { agentRuntimeClientConfig } from '../core/retrieval';
import { loadKnowledgeSdk, type KnowledgeSdk as Sdk } from './sdk';

/**
 * How the knowledge module loads and makes its bedrock-agent-runtime client (on first use), with
 * the request handler's own timeouts off so only `timeoutMs` / `idleTimeoutMs` end a call. @internal
 */
export const AGENT_RUNTIME: ServiceDef<Sdk, BedrockAgentRuntimeClient> = {
  service: 'bedrock-agent-runtime',
  load: loadKnowledgeSdk,
  create: (sdk, config) => new sdk.BedrockAgentRuntimeClient(agentRuntimeClientConfig(config)),
};
