import type { SessionState } from '@aws-sdk/client-bedrock-agent-runtime';
import type { RequestOptions } from '../config';
import type { KnowledgeCitation, KnowledgeLocation, RetrievedChunk } from '../core/retrieval';

export type { KnowledgeCitation, KnowledgeLocation, RetrievedChunk };

/** An agent alias to invoke. */
export interface AgentRef {
  /** Agent id (10 characters). */
  id: string;
  /** Alias id, e.g. `TSTALIASID` for the draft version. */
  aliasId: string;
}

/** A parameter value the agent passes to a function. */
export type AgentParameterValue = string | number | boolean;

/** What a local tool receives besides its parameters. */
export interface AgentToolContext {
  actionGroup: string;
  /** The function name, or `METHOD /path` for API-schema action groups. */
  function: string;
  /** The return-of-control id this call belongs to. */
  invocationId: string;
  /** 1 for the first agent call of the turn. */
  step: number;
  /** Aborts when the turn is cancelled or times out. */
  signal: AbortSignal;
}

/** A function of an action group run locally when the agent returns control. */
export interface AgentTool {
  /**
   * Runs the function. A string goes back to the agent as it is, anything else as JSON; a thrown
   * error goes back as a `REPROMPT` result with its message, so the agent can recover.
   * Without `execute`, the stream ends at the return of control (see `finalMessage().returnControl`).
   */
  execute?:
    | ((params: Record<string, AgentParameterValue>, ctx: AgentToolContext) => unknown)
    | undefined;
}

/** Local tools by action group, then by function name (or `METHOD /path`). */
export type AgentTools = Record<string, Record<string, AgentTool>>;

/** One function the agent asks the caller to run (return of control). */
export interface AgentFunctionCall {
  actionGroup: string;
  /** Function name, or `METHOD /path` for an API-schema action group. */
  function: string;
  parameters: Record<string, AgentParameterValue>;
  /** `RESULT`, or a confirmation type when the action group asks the user to confirm. */
  invocationType: string | undefined;
  /** For API-schema action groups. */
  apiPath?: string | undefined;
  httpMethod?: string | undefined;
}

/** Where in the agent's work a trace comes from. */
export type AgentTraceStep =
  | 'pre-processing'
  | 'orchestration'
  | 'post-processing'
  | 'routing'
  | 'guardrail'
  | 'failure'
  | 'custom';

/** The kind-specific part of an {@link AgentTrace}. */
export type AgentTraceDetail =
  | { kind: 'rationale'; text: string }
  | { kind: 'model-input'; promptType: string | undefined; text: string | undefined }
  | {
      kind: 'model-output';
      text: string | undefined;
      usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined;
    }
  | {
      kind: 'invocation-input';
      invocationType: string | undefined;
      actionGroup: string | undefined;
      function: string | undefined;
      knowledgeBaseId: string | undefined;
    }
  | {
      kind: 'observation';
      type: string | undefined;
      text: string | undefined;
      references: RetrievedChunk[];
    }
  | { kind: 'parsed-output'; isValid: boolean | undefined; rationale: string | undefined }
  | { kind: 'guardrail'; action: string | undefined }
  | { kind: 'failure'; reason: string | undefined }
  | { kind: 'other' };

/** A trace event, typed by kind; `raw` is AWS's trace member. */
export type AgentTrace = {
  step: AgentTraceStep;
  agentId: string | undefined;
  eventTime: Date | undefined;
  raw: unknown;
} & AgentTraceDetail;

/** A file the agent produced (e.g. by its code interpreter). */
export interface AgentFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Events of an agent stream. */
export type AgentEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'citation'; citation: KnowledgeCitation }
  | { type: 'trace'; trace: AgentTrace }
  | { type: 'files'; files: AgentFile[] }
  /** The agent asks the caller to run functions; with `execute` tools the library runs them. */
  | { type: 'return-control'; invocationId: string; calls: AgentFunctionCall[] }
  /** A local tool ran; its output goes back to the agent in the next call. */
  | {
      type: 'tool-result';
      step: number;
      actionGroup: string;
      function: string;
      output: string;
      isError: boolean;
    };

/** What an agent stream ends with. */
export interface AgentFinalMessage {
  /** The agent's answer (empty when the stream ended at a return of control). */
  text: string;
  citations: KnowledgeCitation[];
  sessionId: string;
  memoryId: string | undefined;
  files: AgentFile[];
  /** Set when the stream ended at a return of control no local tool answered. */
  returnControl: { invocationId: string; calls: AgentFunctionCall[] } | undefined;
  /** Agent calls made (tool rounds included). */
  steps: number;
  /** `x-amzn-requestid` of each agent call. */
  requestIds: string[];
}

/** Options of agent streams ({@link Agents.invoke}, {@link Agents.invokeInline}). */
export interface AgentStreamOptions extends RequestOptions {
  /** Continue a conversation; a new UUID when left out (read it from `finalMessage()`). */
  sessionId?: string | undefined;
  /** Send trace events (rationale, model input/output, observations, guardrails). @default false */
  trace?: boolean | undefined;
  /** Local functions by action group and name, run when the agent returns control. */
  tools?: AgentTools | undefined;
  /** Stream the answer as it is generated instead of in one chunk at the end. @default false */
  streamFinalResponse?: boolean | undefined;
  /** Agent calls at most (the first plus tool rounds). @default 10 */
  maxSteps?: number | undefined;
  /**
   * End the session with this turn. Sent with every agent call of the turn; with local tools the
   * agent may return control first, so end a session with tools by a separate last call.
   */
  endSession?: boolean | undefined;
  /**
   * Longest wait for the next event (the first included); a longer stall ends the stream with a
   * `StreamError` (code `IdleTimeout`). `timeoutMs` is the deadline of the whole turn.
   * @default 300000
   */
  idleTimeoutMs?: number | undefined;
}

/** Options of {@link Agents.invoke}. */
export interface InvokeAgentOptions extends AgentStreamOptions {
  /** Session attributes, prompt attributes, conversation history, files, knowledge base settings. */
  sessionState?: Omit<SessionState, 'returnControlInvocationResults' | 'invocationId'> | undefined;
  /** Long-term memory id of the user (agents with memory enabled). */
  memoryId?: string | undefined;
}

/** A parameter of an inline agent's function. */
export interface InlineFunctionParameter {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  description?: string | undefined;
  required?: boolean | undefined;
}

/** A function of an inline agent's action group, run locally. */
export interface InlineFunction extends AgentTool {
  description?: string | undefined;
  parameters?: Record<string, InlineFunctionParameter> | undefined;
}

/** An inline agent's action group: functions returned to the caller (return of control). */
export interface InlineActionGroup {
  name: string;
  description?: string | undefined;
  functions: Record<string, InlineFunction>;
}

/** A knowledge base an inline agent may search. */
export interface InlineKnowledgeBase {
  id: string;
  /** Tells the agent when to use it (1–200 characters). */
  description: string;
}

/** An agent defined at call time ({@link Agents.invokeInline}). */
export interface InlineAgent {
  /** Foundation model id or ARN. */
  model: string;
  /** What the agent should do (at least 40 characters). */
  instruction: string;
  name?: string | undefined;
  actionGroups?: InlineActionGroup[] | undefined;
  knowledgeBases?: InlineKnowledgeBase[] | undefined;
  guardrail?: { id: string; version: string } | undefined;
  /** Seconds an idle session is kept (60–3,600). */
  idleSessionTtlSeconds?: number | undefined;
}

/** A flow alias to invoke. */
export interface FlowRef {
  id: string;
  aliasId: string;
}

/** Options of {@link Agents.flow}. */
export interface FlowOptions extends RequestOptions {
  /** Node that receives the input. @default 'FlowInputNode' */
  nodeName?: string | undefined;
  /** Output of the input node the content is sent as. @default 'document' (unless nodeInputName) */
  nodeOutputName?: string | undefined;
  /** Input of `nodeName` (answering a multi-turn input request). */
  nodeInputName?: string | undefined;
  /** Continue an execution that asked for input. */
  executionId?: string | undefined;
  /** Send trace events. @default false */
  trace?: boolean | undefined;
  /** Longest wait for the next event. @default 300000 */
  idleTimeoutMs?: number | undefined;
}

/** Events of a flow stream. */
export type FlowEvent =
  | { type: 'output'; nodeName: string; nodeType: string | undefined; content: unknown }
  | {
      type: 'input-required';
      nodeName: string;
      nodeType: string | undefined;
      content: unknown;
      executionId: string | undefined;
    }
  | { type: 'completion'; reason: string }
  | { type: 'trace'; trace: unknown };

/** What a flow stream ends with. */
export interface FlowResult {
  /** The outputs' string contents joined by newlines (JSON for other values). */
  text: string;
  outputs: Array<{ nodeName: string; content: unknown }>;
  /** `SUCCESS`, or `INPUT_REQUIRED` when a node waits for {@link inputRequest}. */
  completionReason: string | undefined;
  /** Pass it as `executionId` to answer an input request. */
  executionId: string | undefined;
  inputRequest: { nodeName: string; content: unknown } | undefined;
}

/** One session summary of an agent's long-term memory. */
export interface AgentMemorySession {
  memoryId: string | undefined;
  sessionId: string | undefined;
  summaryText: string | undefined;
  sessionStartTime: Date | undefined;
  sessionExpiryTime: Date | undefined;
}

/** Options of {@link Agents.getMemory}. */
export interface GetMemoryOptions extends RequestOptions {
  /** Summaries per page (1–1,000); every page is read. */
  pageSize?: number | undefined;
}

/** What {@link Agents.endSession} returns. */
export interface EndSessionResult {
  sessionId: string;
  sessionArn: string;
  status: string;
}
