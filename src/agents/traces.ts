import type { TracePart } from '@aws-sdk/client-bedrock-agent-runtime';
import { toChunk } from '../core/retrieval';
import type { AgentTrace, AgentTraceDetail, AgentTraceStep } from './types';

type Rec = Record<string, unknown>;

function rec(value: unknown): Rec {
  return typeof value === 'object' && value !== null ? (value as Rec) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const STEPS: Record<string, AgentTraceStep> = {
  preProcessingTrace: 'pre-processing',
  orchestrationTrace: 'orchestration',
  postProcessingTrace: 'post-processing',
  routingClassifierTrace: 'routing',
  guardrailTrace: 'guardrail',
  failureTrace: 'failure',
  customOrchestrationTrace: 'custom',
};

/** The kind-specific fields of one step trace (the union member inside it). */
function detail(step: AgentTraceStep, body: Rec): AgentTraceDetail {
  if (step === 'guardrail') return { kind: 'guardrail', action: str(body.action) };
  if (step === 'failure') return { kind: 'failure', reason: str(body.failureReason) };
  if (body.rationale !== undefined) {
    return { kind: 'rationale', text: str(rec(body.rationale).text) ?? '' };
  }
  if (body.modelInvocationInput !== undefined) {
    const input = rec(body.modelInvocationInput);
    return { kind: 'model-input', promptType: str(input.type), text: str(input.text) };
  }
  if (body.modelInvocationOutput !== undefined) {
    const output = rec(body.modelInvocationOutput);
    const usage = rec(rec(output.metadata).usage);
    return {
      kind: 'model-output',
      text: str(rec(output.rawResponse).content),
      usage:
        output.metadata === undefined
          ? undefined
          : {
              inputTokens: typeof usage.inputTokens === 'number' ? usage.inputTokens : undefined,
              outputTokens: typeof usage.outputTokens === 'number' ? usage.outputTokens : undefined,
            },
    };
  }
  if (body.invocationInput !== undefined) {
    const input = rec(body.invocationInput);
    const action = rec(input.actionGroupInvocationInput);
    return {
      kind: 'invocation-input',
      invocationType: str(input.invocationType),
      actionGroup: str(action.actionGroupName),
      function: str(action.function) ?? str(action.apiPath),
      knowledgeBaseId: str(rec(input.knowledgeBaseLookupInput).knowledgeBaseId),
    };
  }
  if (body.observation !== undefined) {
    const obs = rec(body.observation);
    const kb = rec(obs.knowledgeBaseLookupOutput);
    const refs = Array.isArray(kb.retrievedReferences) ? kb.retrievedReferences : [];
    const text =
      str(rec(obs.finalResponse).text) ??
      str(rec(obs.actionGroupInvocationOutput).text) ??
      str(rec(obs.repromptResponse).text);
    return {
      kind: 'observation',
      type: str(obs.type),
      text,
      references: refs.map((r) => toChunk(r as Parameters<typeof toChunk>[0])),
    };
  }
  if (body.modelInvocationOutput === undefined && rec(body).parsedResponse !== undefined) {
    const parsed = rec(body.parsedResponse);
    return {
      kind: 'parsed-output',
      isValid: typeof parsed.isValid === 'boolean' ? parsed.isValid : undefined,
      rationale: str(parsed.rationale),
    };
  }
  return { kind: 'other' };
}

/** AWS's TracePart as a typed {@link AgentTrace}. @internal */
export function toTrace(part: TracePart): AgentTrace {
  const trace = rec(part.trace);
  const [member, body] = Object.entries(trace).find(([, v]) => v !== undefined) ?? ['', {}];
  const step = STEPS[member] ?? 'custom';
  const inner = rec(body);
  // Pre/post-processing traces nest one more union level (modelInvocationOutput.parsedResponse).
  const output = rec(inner.modelInvocationOutput);
  const fields =
    (step === 'pre-processing' || step === 'post-processing') && output.parsedResponse !== undefined
      ? detail(step, { parsedResponse: output.parsedResponse })
      : detail(step, inner);
  return {
    step,
    agentId: part.agentId,
    eventTime: part.eventTime,
    raw: body,
    ...fields,
  } as AgentTrace;
}
