import type { CallTelemetry, Described, StepTelemetry, StreamTelemetry } from '../core/telemetry';
import { toFinishReason } from './usage';

/**
 * The OpenTelemetry GenAI semantic conventions of a Bedrock call (`gen_ai.*`): the system, the
 * operation and model before the call; usage and finish reason from a `generate`-style result; for
 * chat, a `chat <model>` span per model call of the tool loop (the tools it asked for run under it,
 * see tool-runner.ts). Light on purpose: it sits on the import path of the generative module.
 * @internal
 */
export function genAiCall(
  method: string,
  operation: 'chat' | 'embeddings' | 'invoke',
  model: unknown,
): Pick<CallTelemetry, 'method' | 'attributes' | 'describe' | 'steps'> {
  const attributes = genAiAttributes(operation, model);
  return {
    method,
    attributes,
    describe: operation === 'chat' ? describeGeneration : undefined,
    steps: operation === 'chat' ? chatSteps('Converse', attributes, model) : undefined,
  };
}

/**
 * The telemetry of a Bedrock stream: for `ConverseStream`, a step span per model call as in
 * {@link genAiCall}, its usage and finish reason read from the `metadata` and `message-stop`
 * events; the stream's span gets the usage summed over the steps. @internal
 */
export function genAiStream(
  enabled: boolean,
  method: string,
  operation: 'chat' | 'invoke',
  model: unknown,
): StreamTelemetry {
  const attributes = genAiAttributes(operation, model);
  return {
    enabled,
    method,
    attributes,
    steps: operation === 'chat' ? chatSteps('ConverseStream', attributes, model) : undefined,
  };
}

function genAiAttributes(operation: string, model: unknown): Record<string, string> {
  return {
    'gen_ai.system': 'aws.bedrock',
    'gen_ai.operation.name': operation,
    ...(typeof model === 'string' ? { 'gen_ai.request.model': model } : {}),
  };
}

function chatSteps(
  operation: 'Converse' | 'ConverseStream',
  attributes: Record<string, string>,
  model: unknown,
): StepTelemetry {
  return {
    operation,
    name: typeof model === 'string' ? `chat ${model}` : 'chat',
    attributes: { ...attributes, 'gen_ai.operation.name': 'chat' },
    describeOutput: operation === 'Converse' ? describeConverse : undefined,
    describeEvent: operation === 'ConverseStream' ? describeStreamEvent : undefined,
  };
}

function describeGeneration(value: unknown): Described {
  const result = value as
    | { usage?: { inputTokens?: number; outputTokens?: number }; finishReason?: string }
    | undefined;
  return {
    'gen_ai.usage.input_tokens': result?.usage?.inputTokens,
    'gen_ai.usage.output_tokens': result?.usage?.outputTokens,
    'gen_ai.response.finish_reasons': result?.finishReason ? [result.finishReason] : undefined,
  };
}

/** One Converse answer (the SDK's output): the step's usage and finish reason. */
function describeConverse(out: unknown): Described {
  const answer = out as
    | { usage?: { inputTokens?: number; outputTokens?: number }; stopReason?: string }
    | undefined;
  return {
    'gen_ai.usage.input_tokens': answer?.usage?.inputTokens,
    'gen_ai.usage.output_tokens': answer?.usage?.outputTokens,
    'gen_ai.response.finish_reasons': answer?.stopReason
      ? [toFinishReason(answer.stopReason)]
      : undefined,
  };
}

/** A ConverseStream event that tells the step's usage or finish reason; others are skipped. */
function describeStreamEvent(event: unknown): Described | undefined {
  const e = event as {
    type?: string;
    usage?: { inputTokens?: number; outputTokens?: number };
    stopReason?: string;
  };
  if (e.type === 'metadata') {
    return {
      'gen_ai.usage.input_tokens': e.usage?.inputTokens,
      'gen_ai.usage.output_tokens': e.usage?.outputTokens,
    };
  }
  if (e.type === 'message-stop' && typeof e.stopReason === 'string') {
    return { 'gen_ai.response.finish_reasons': [toFinishReason(e.stopReason)] };
  }
  return undefined;
}
