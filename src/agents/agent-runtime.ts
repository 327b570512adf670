import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ServiceDef } from '../core/client-cache';
import { agentRuntimeClientConfig } from '../core/retrieval';
import { loadAgentsSdk, type AgentsSdk as Sdk } from './sdk';

/**
 * How the agents module loads and makes its bedrock-agent-runtime client (on first use). Agent
 * turns and flows routinely run past a minute: the request handler's own timeouts are off, so only
 * `timeoutMs` / `idleTimeoutMs` end a call. @internal
 */
export const AGENT_RUNTIME: ServiceDef<Sdk, BedrockAgentRuntimeClient> = {
  service: 'bedrock-agent-runtime',
  load: loadAgentsSdk,
  create: (sdk, config) => new sdk.BedrockAgentRuntimeClient(agentRuntimeClientConfig(config)),
};
