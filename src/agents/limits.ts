/**
 * Bedrock Agents and Flows limits checked before a call. "Model" means AWS's service model of
 * Bedrock Agent Runtime (reference/aws-models/bedrock-agent-runtime.json, botocore service-2.json,
 * apiVersion 2023-07-26), giving the shape whose constraint it is.
 */

/** Agent id and alias id: up to 10 alphanumerics (model: AgentId, AgentAliasId), e.g. TSTALIASID. */
export const AGENT_ID = /^[0-9a-zA-Z]{1,10}$/;
/** Session id (model: SessionId, 2–100 of `[0-9a-zA-Z._:-]`). */
export const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
/** Memory id (model: MemoryId, 2–100 of `[0-9a-zA-Z._:-]`). */
export const MEMORY_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
/** Characters of the input text (model: InputText, max 25,000,000). */
export const MAX_INPUT_CHARS = 25_000_000;
/** Return-of-control results per request (model: ReturnControlInvocationResults, 1–5). */
export const MAX_RETURN_CONTROL_RESULTS = 5;
/** Inline agent instruction: at least 40 characters (model: Instruction). */
export const MIN_INSTRUCTION_CHARS = 40;
/** Inline agent idle session TTL in seconds (model: SessionTTL, 60–3,600). */
export const MIN_IDLE_SESSION_TTL_S = 60;
export const MAX_IDLE_SESSION_TTL_S = 3_600;
/** Action group and agent names (model: ResourceName / Name). */
export const RESOURCE_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
/** Action group and knowledge base descriptions (model: ResourceDescription, 1–200). */
export const MAX_DESCRIPTION_CHARS = 200;
/** Function descriptions (model: FunctionDescription, 1–1,200). */
export const MAX_FUNCTION_DESCRIPTION_CHARS = 1_200;
/** Function parameter descriptions (model: ParameterDescription, 1–500). */
export const MAX_PARAMETER_DESCRIPTION_CHARS = 500;
/** Foundation model id or ARN length (model: ModelIdentifier, 1–2,048). */
export const MAX_MODEL_ID_CHARS = 2_048;
/**
 * Foundation model id or ARN of an inline agent (model: ModelIdentifier): a model id, a custom or
 * foundation model ARN, an inference profile ARN, or a name of letters, digits, `_` and `-`. AWS
 * matches the pattern whole, so it is wrapped in `^(?:…)$` here.
 */
export const MODEL_IDENTIFIER =
  /^(?:(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}(([:][a-z0-9-]{1,63}){0,2})?\/[a-z0-9]{12})|(:foundation-model\/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})))|(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}))|(([0-9a-zA-Z][_-]?)+))$|(^arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{1,20}):(|[0-9]{12}):inference-profile\/[a-zA-Z0-9-:.]+)$)$/;
/** Guardrail of an inline agent: its id or ARN (model: GuardrailIdentifierWithArn, at most 2,048). */
export const GUARDRAIL_IDENTIFIER =
  /^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/;
export const MAX_GUARDRAIL_IDENTIFIER_CHARS = 2_048;
/** Guardrail version (model: GuardrailVersion, a version number or DRAFT). */
export const GUARDRAIL_VERSION = /^(([1-9][0-9]{0,7})|(DRAFT))$/;
/** Knowledge base id of an inline agent (model: KnowledgeBaseId, up to 10 alphanumerics). */
export const KNOWLEDGE_BASE_ID = /^[0-9a-zA-Z]{1,10}$/;

/**
 * Flow id or ARN (model: FlowIdentifier). AWS's patterns are matched whole (Java `matches()`); the
 * model's `^(a)|(b)$` read as a JS regex would accept any string ending in 10 alphanumerics, so the
 * alternation is grouped here.
 */
export const FLOW_ID =
  /^(?:arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow\/[0-9a-zA-Z]{10}|[0-9a-zA-Z]{10})$/;
/** Flow alias id or ARN (model: FlowAliasIdentifier), matched whole like {@link FLOW_ID}. */
export const FLOW_ALIAS_ID =
  /^(?:arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow\/[0-9a-zA-Z]{10}\/alias\/[0-9a-zA-Z]{10}|TSTALIASID|[0-9a-zA-Z]+)$/;
/** Flow execution id (model: FlowExecutionId, 2–100 of `[0-9a-zA-Z._:-]`). */
export const FLOW_EXECUTION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
/** Flow node, node input and node output names (model: NodeName, NodeInputName, NodeOutputName). */
export const NODE_NAME = /^[a-zA-Z]([_]?[0-9a-zA-Z]){0,99}$/;
/**
 * Session identifier of EndSession: a UUID or the session ARN (model: SessionIdentifier), matched
 * whole like {@link FLOW_ID}: the model's `^(arn…)|(uuid)$` read as a JS regex takes any string
 * that starts with a session ARN or ends with a UUID (the caller's text before a UUID went out in
 * the request path).
 */
export const SESSION_IDENTIFIER =
  /^(?:arn:aws(-[^:]+)?:bedrock:[a-z0-9-]+:[0-9]{12}:session\/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})$/;
/** Session summaries per GetAgentMemory page (model: MaxResults, 1–1,000). */
export const MAX_MEMORY_ITEMS = 1_000;

/** Agent calls (InvokeAgent / InvokeInlineAgent) one `invoke` makes at most, tool rounds included. */
export const DEFAULT_MAX_STEPS = 10;
/**
 * Longest wait for the next event of an agent or flow. Without `streamFinalResponse` and traces,
 * an agent sends nothing until its answer is complete, and a turn with action groups routinely
 * takes minutes, so the default is generous.
 */
export const DEFAULT_AGENT_IDLE_MS = 300_000;
