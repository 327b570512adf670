import type { ContentBlock, ConverseRequest, Message } from '@aws-sdk/client-bedrock-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { BEDROCK } from './bedrock';
import { citationsOf, fromBedrockBlock, textOf, toolCallsOf } from './content';
import { buildConverseRequest } from './converse-input';
import { DEFAULT_MAX_STEPS } from './limits';
import { explainModelError } from './model-errors';
import { canRunTools, runTools, toolResultMessage } from './tool-runner';
import type {
  GenerateOptions,
  GenerateParams,
  GenerateResult,
  GenerateStep,
  GenerativeContentPart,
  GenerativeGuardrailTrace,
  GenerativeMessage,
  GenerativeServiceTier,
} from './types';
import { addUsage, emptyUsage, toFinishReason, toUsage } from './usage';

/** One Converse call. @internal */
export async function converseOnce(
  ctx: ModuleContext,
  request: ConverseRequest,
  options: GenerateOptions | undefined,
): Promise<{ step: Omit<GenerateStep, 'toolResults'>; message: Message; extra: CallExtra }> {
  let out: Awaited<ReturnType<typeof send>>;
  // A prompt ARN may come without messages: Bedrock wants the member left out, not empty.
  if (request.messages?.length === 0) request = { ...request, messages: undefined };
  const send = () =>
    callAws(
      ctx,
      BEDROCK,
      'Converse',
      ({ client, sdk, signal }) =>
        client.send(new sdk.ConverseCommand(request), { abortSignal: signal }),
      options,
    );
  try {
    out = await send();
  } catch (err) {
    throw explainModelError(err, ctx, request.modelId ?? '');
  }
  // Blank text blocks come back from some models next to tool calls; Bedrock rejects them if replayed.
  const blocks = (out.output?.message?.content ?? []).filter(
    (b: ContentBlock) => b.text === undefined || b.text.trim() !== '',
  );
  const content = blocks
    .map(fromBedrockBlock)
    .filter((p): p is GenerativeContentPart => p !== undefined);
  return {
    step: {
      text: textOf(content),
      content,
      toolCalls: toolCallsOf(content),
      stopReason: out.stopReason ?? 'unknown',
      usage: toUsage(out.usage),
      requestId: out.$metadata.requestId,
    },
    message: { role: 'assistant', content: blocks },
    extra: {
      guardrail: out.trace?.guardrail,
      serviceTier: out.serviceTier?.type as GenerativeServiceTier | undefined,
      latency: out.performanceConfig?.latency,
    },
  };
}

/** What a Converse answer reports besides its message. @internal */
export interface CallExtra {
  guardrail: GenerativeGuardrailTrace | undefined;
  serviceTier: GenerativeServiceTier | undefined;
  latency: 'standard' | 'optimized' | undefined;
}

/**
 * Converse, with the tool loop when tools have `execute`: each round runs the requested tools
 * (errors go back to the model as error results), appends the call and results to the
 * conversation and asks again, until the model stops calling tools or `maxSteps` calls were made.
 * @internal
 */
export async function generate(
  ctx: ModuleContext,
  params: GenerateParams,
  options?: GenerateOptions,
): Promise<GenerateResult> {
  const { request } = await buildConverseRequest(params);
  const maxSteps = params.maxSteps ?? DEFAULT_MAX_STEPS;
  const tools = params.tools ?? {};
  const messages = [...(request.messages ?? [])];
  const steps: GenerateStep[] = [];
  const responseMessages: GenerativeMessage[] = [];
  let usage = emptyUsage();
  let extra: CallExtra | undefined;
  for (let n = 1; ; n += 1) {
    const answer = await converseOnce(ctx, { ...request, messages }, options);
    const { step, message } = answer;
    extra = answer.extra;
    usage = addUsage(usage, step.usage);
    responseMessages.push({ role: 'assistant', content: step.content });
    if (!canRunTools(step.stopReason, step.toolCalls, tools) || n >= maxSteps) {
      steps.push({ ...step, toolResults: [] });
      break;
    }
    const { results, blocks } = await runTools(step.toolCalls, tools, n, options?.signal);
    steps.push({ ...step, toolResults: results });
    messages.push(message, { role: 'user', content: blocks });
    responseMessages.push(toolResultMessage(results));
  }
  const last = steps.at(-1) as GenerateStep;
  return {
    text: last.text,
    content: last.content,
    toolCalls: last.toolCalls,
    stopReason: last.stopReason,
    finishReason: toFinishReason(last.stopReason),
    usage,
    steps,
    responseMessages,
    citations: citationsOf(last.content),
    guardrail: extra?.guardrail,
    serviceTier: extra?.serviceTier,
    latency: extra?.latency,
    requestId: last.requestId,
  };
}
