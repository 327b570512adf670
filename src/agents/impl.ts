/**
 * The operation code of the agents module, loaded on first use so that importing `aws-ai` or
 * `aws-ai/agents` does not load it.
 * @internal
 */
export { flowEvents } from './flow';
export { agentEvents } from './invoke';
export { deleteMemory, endSession, getMemory } from './memory';
