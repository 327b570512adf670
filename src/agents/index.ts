export type { AwsAIConfig, RequestOptions } from '../config';
export { ResultStream } from '../core/result-stream';
export { AwsAIStream } from '../core/stream';
export * from '../errors';
export { type AgentStream, Agents, type FlowStream } from './agents-module';
export { DEFAULT_AGENT_IDLE_MS, DEFAULT_MAX_STEPS, MAX_INPUT_CHARS } from './limits';
export type {
  AgentEvent,
  AgentFile,
  AgentFinalMessage,
  AgentFunctionCall,
  AgentMemorySession,
  AgentParameterValue,
  AgentRef,
  AgentStreamOptions,
  AgentTool,
  AgentToolContext,
  AgentTools,
  AgentTrace,
  AgentTraceDetail,
  AgentTraceStep,
  EndSessionResult,
  FlowEvent,
  FlowOptions,
  FlowRef,
  FlowResult,
  GetMemoryOptions,
  InlineActionGroup,
  InlineAgent,
  InlineFunction,
  InlineFunctionParameter,
  InlineKnowledgeBase,
  InvokeAgentOptions,
  KnowledgeCitation,
  KnowledgeLocation,
  RetrievedChunk,
} from './types';
