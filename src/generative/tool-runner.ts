import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { throwIfAborted } from '../core/internal/abort';
import { toBedrockBlock, toolResultContent } from './content';
import { endToolStep, traceTool } from './gen-ai-telemetry';
import { MediaBudget } from './media';
import { validateValue } from './schema';
import type {
  GenerativeMessage,
  GenerativeTool,
  GenerativeToolCall,
  GenerativeToolResult,
  GenerativeToolSet,
} from './types';

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `Error: ${message.slice(0, 1000)}`;
}

async function runOne(
  call: GenerativeToolCall,
  tool: GenerativeTool<unknown>,
  step: number,
  signal: AbortSignal | undefined,
): Promise<GenerativeToolResult> {
  const base = { id: call.id, name: call.name };
  // An `execute_tool` span under the step that asked for the call, when the loop is traced: name,
  // call id and the error's class only (no arguments, no output, no message).
  const span = traceTool(signal, call.id, call.name);
  const checked = await validateValue(tool.input, call.input).catch((err: unknown) => {
    span?.end({ error: err });
    throw err;
  });
  if (!checked.ok) {
    span?.end({ invalidInput: true });
    // The model can fix its own arguments when it is told what was wrong.
    const issues = checked.issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ');
    return { ...base, output: `Invalid input: ${issues}`, isError: true };
  }
  try {
    const output = await tool.execute?.(checked.value, { toolCallId: call.id, step, signal });
    const sent = output === undefined ? 'done' : output;
    // An output JSON cannot carry (a BigInt, a cycle) fails this call only, like a throw: the
    // model is told, and the other calls of the step still answer theirs.
    toolResultContent(sent, `tool ${call.name}`);
    span?.end({});
    return { ...base, output: sent, isError: false };
  } catch (err) {
    span?.end({ error: err });
    if (signal?.aborted) throw err;
    return { ...base, output: errorText(err), isError: true };
  }
}

/**
 * Runs the tool calls of one step concurrently. A tool that throws, or input that fails the
 * tool's schema, becomes an error result the model sees; only an abort stops the loop.
 * @internal
 */
export async function runTools(
  calls: readonly GenerativeToolCall[],
  tools: GenerativeToolSet,
  step: number,
  signal: AbortSignal | undefined,
): Promise<{ results: GenerativeToolResult[]; blocks: ContentBlock[] }> {
  throwIfAborted(signal);
  const results = await Promise.all(
    calls.map((call) => runOne(call, tools[call.name] as GenerativeTool<unknown>, step, signal)),
  );
  // The step's tools ran: its span ends; the next model call opens the next step.
  endToolStep(signal);
  throwIfAborted(signal);
  const media = new MediaBudget();
  const blocks = await Promise.all(
    results.map((r) =>
      toBedrockBlock(
        { type: 'tool-result', id: r.id, output: r.output, isError: r.isError },
        'tool result',
        media,
      ),
    ),
  );
  return { results, blocks };
}

/**
 * Whether a step ends in tool calls the loop can run itself: the model stopped for tools and every
 * one it called has `execute` (otherwise the calls go back to the caller). @internal
 */
export function canRunTools(
  stopReason: string,
  calls: readonly GenerativeToolCall[],
  tools: GenerativeToolSet,
): boolean {
  return (
    stopReason === 'tool_use' &&
    calls.length > 0 &&
    calls.every((call) => typeof tools[call.name]?.execute === 'function')
  );
}

/** The user message that answers a step's tool calls, as it goes into `responseMessages`. @internal */
export function toolResultMessage(results: readonly GenerativeToolResult[]): GenerativeMessage {
  return {
    role: 'user',
    content: results.map((r) => ({
      type: 'tool-result' as const,
      id: r.id,
      output: r.output,
      isError: r.isError,
    })),
  };
}
