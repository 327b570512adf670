import type { CallTelemetry } from '../core/telemetry';

/**
 * The OpenTelemetry GenAI semantic conventions of a Bedrock call (`gen_ai.*`): the system, the
 * operation and model before the call; usage and finish reason from a `generate`-style result.
 * Light on purpose: it sits on the import path of the generative module. @internal
 */
export function genAiCall(
  method: string,
  operation: 'chat' | 'embeddings' | 'invoke',
  model: unknown,
): Pick<CallTelemetry, 'method' | 'attributes' | 'describe'> {
  return {
    method,
    attributes: {
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.operation.name': operation,
      ...(typeof model === 'string' ? { 'gen_ai.request.model': model } : {}),
    },
    describe: operation === 'chat' ? describeGeneration : undefined,
  };
}

function describeGeneration(value: unknown) {
  const result = value as
    | { usage?: { inputTokens?: number; outputTokens?: number }; finishReason?: string }
    | undefined;
  return {
    'gen_ai.usage.input_tokens': result?.usage?.inputTokens,
    'gen_ai.usage.output_tokens': result?.usage?.outputTokens,
    'gen_ai.response.finish_reasons': result?.finishReason ? [result.finishReason] : undefined,
  };
}
