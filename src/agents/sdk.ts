import type * as Package from '@aws-sdk/client-bedrock-agent-runtime';

/** The classes of `@aws-sdk/client-bedrock-agent-runtime` that the agents module uses. @internal */
export type AgentsSdk = Pick<
  typeof Package,
  | 'BedrockAgentRuntimeClient'
  | 'DeleteAgentMemoryCommand'
  | 'EndSessionCommand'
  | 'GetAgentMemoryCommand'
  | 'InvokeAgentCommand'
  | 'InvokeFlowCommand'
  | 'InvokeInlineAgentCommand'
>;

/**
 * Loads `@aws-sdk/client-bedrock-agent-runtime` on the first call of the agents module. A dynamic
 * import of the package itself, never a static `export … from`: a bundler inlines `import()` of our
 * own files and hoists their static imports of an external package to the top of the bundle, but
 * keeps a dynamic import of an external package as it is, and runs a bundled one only when called
 * (decision 0701).
 * @internal
 */
export function loadAgentsSdk(): Promise<AgentsSdk> {
  return import('@aws-sdk/client-bedrock-agent-runtime');
}
