import type { Attributes, Context, Span } from '@opentelemetry/api';
import {
  type CallTelemetry,
  type Described,
  definedOnly,
  type Instruments,
  type Loop,
  recordError,
  type StreamTelemetry,
  type ToolSpan,
  traceOf,
} from '../core/telemetry';
import { toFinishReason } from './usage';

/**
 * The OpenTelemetry GenAI semantic conventions of a Bedrock call (`gen_ai.*`): the system, the
 * operation and model before the call; usage and finish reason from a `generate`-style result; for
 * chat, a `chat <model>` span per model call of the tool loop, parent of the tools it asked for
 * (`execute_tool <name>`, see tool-runner.ts). Light on purpose: it sits on the import path of the
 * generative module.
 * @internal
 */
export function genAiCall(
  method: string,
  operation: 'chat' | 'embeddings' | 'invoke',
  model: unknown,
): Pick<CallTelemetry, 'method' | 'attributes' | 'describe' | 'loop'> {
  const chat = operation === 'chat';
  return {
    method,
    attributes: genAi(operation, model),
    describe: chat ? describeGeneration : undefined,
    loop: chat ? loopOf('Converse', model) : undefined,
  };
}

/**
 * The telemetry of a Bedrock stream: for `ConverseStream` the steps of {@link genAiCall}, their
 * usage and finish reason read from the `metadata` and `message-stop` events; the stream's span
 * gets the usage summed over the steps. @internal
 */
export function genAiStream(
  enabled: boolean,
  method: string,
  operation: 'chat' | 'invoke',
  model: unknown,
): StreamTelemetry {
  return {
    enabled,
    method,
    attributes: genAi(operation, model),
    loop: operation === 'chat' ? loopOf('ConverseStream', model) : undefined,
  };
}

function genAi(operation: string, model: unknown): Record<string, string> {
  return {
    'gen_ai.system': 'aws.bedrock',
    'gen_ai.operation.name': operation,
    ...(typeof model === 'string' ? { 'gen_ai.request.model': model } : {}),
  };
}

/** The usage and finish reason of a result, a Converse answer or a streamed event. */
function usage(
  value: { usage?: { inputTokens?: number; outputTokens?: number } } | undefined,
  finish: string | undefined,
): Described {
  return {
    'gen_ai.usage.input_tokens': value?.usage?.inputTokens,
    'gen_ai.usage.output_tokens': value?.usage?.outputTokens,
    'gen_ai.response.finish_reasons': finish ? [finish] : undefined,
  };
}

function describeGeneration(value: unknown): Described {
  const result = value as Parameters<typeof usage>[0] & { finishReason?: string };
  return usage(result, result?.finishReason);
}

/**
 * The steps of a chat tool loop: a `chat <model>` span per model call (the requests of
 * `operation`, retries and restarts included) under the call's or stream's span, with the step's
 * usage and finish reason; the tools the call asked for run under it.
 */
function loopOf(
  operation: 'Converse' | 'ConverseStream',
  model: unknown,
): (inst: Instruments, parent: Context) => Loop {
  const name = typeof model === 'string' ? `chat ${model}` : 'chat';
  const attributes = genAi('chat', model);
  return (inst, parent) => {
    let span: Span | undefined;
    let context: Context | undefined;
    let steps = 0;
    let input = 0;
    let output = 0;
    let finish: Attributes[string];
    const set = (described: Described | undefined): void => {
      if (!described || !span) return;
      const defined = definedOnly(described);
      span.setAttributes(defined);
      const { 'gen_ai.usage.input_tokens': i, 'gen_ai.usage.output_tokens': o } = defined;
      if (typeof i === 'number') input += i;
      if (typeof o === 'number') output += o;
      finish = defined['gen_ai.response.finish_reasons'] ?? finish;
    };
    return {
      operation,
      open: () => {
        if (!context) {
          steps++;
          span = inst.tracer.startSpan(
            name,
            {
              kind: inst.api.SpanKind.INTERNAL,
              attributes: { ...attributes, 'aws_ai.step': steps },
            },
            parent,
          );
          context = inst.api.trace.setSpan(parent, span);
        }
        return context;
      },
      noted: (out) => {
        const answer = out as Parameters<typeof usage>[0] & { stopReason?: string };
        set(usage(answer, answer?.stopReason && toFinishReason(answer.stopReason)));
      },
      event: (event) => {
        const e = event as Parameters<typeof usage>[0] & { type?: string; stopReason?: string };
        if (e.type === 'metadata') set(usage(e, undefined));
        else if (e.type === 'message-stop' && e.stopReason) {
          set({ 'gen_ai.response.finish_reasons': [toFinishReason(e.stopReason)] });
        }
      },
      tool: (id, name) => toolSpan(inst, context ?? parent, id, name),
      close: (error) => {
        if (!span) return;
        if (error !== undefined) recordError(inst, span, error);
        span.end();
        span = undefined;
        context = undefined;
      },
      totals: () =>
        steps === 0
          ? {}
          : {
              'aws_ai.steps': steps,
              'gen_ai.usage.input_tokens': input,
              'gen_ai.usage.output_tokens': output,
              ...(finish === undefined ? {} : { 'gen_ai.response.finish_reasons': finish }),
            },
    };
  };
}

/** An `execute_tool` span: the tool's name and call id, the error's class only. */
function toolSpan(inst: Instruments, parent: Context, id: string, name: string): ToolSpan {
  const span = inst.tracer.startSpan(
    `execute_tool ${name}`,
    {
      kind: inst.api.SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': name,
        'gen_ai.tool.call.id': id,
        'gen_ai.tool.type': 'function',
      },
    },
    parent,
  );
  return {
    end: ({ error, invalidInput }) => {
      if (invalidInput) {
        span.setAttribute('error.type', 'InvalidToolInput');
        span.setStatus({ code: inst.api.SpanStatusCode.ERROR, message: 'InvalidToolInput' });
      } else if (error !== undefined) recordError(inst, span, error);
      span.end();
    },
  };
}

/**
 * The span of one tool execution of the tool loop whose tools run with `signal` (a public call's
 * or a stream's); `undefined` when that loop is not traced. @internal
 */
export function traceTool(
  signal: AbortSignal | undefined,
  id: string,
  name: string,
): ToolSpan | undefined {
  return traceOf(signal)?.loop?.tool(id, name);
}

/** The current step of the tool loop whose tools run with `signal` is over: its tools ran. @internal */
export function endToolStep(signal: AbortSignal | undefined): void {
  traceOf(signal)?.loop?.close();
}
