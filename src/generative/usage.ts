import type { GenerativeFinishReason, GenerativeUsage } from './types';

/** Bedrock's usage shape (Converse, ConverseStream metadata). */
export interface BedrockUsage {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  cacheReadInputTokens?: number | undefined;
  cacheWriteInputTokens?: number | undefined;
}

/** All-zero usage. */
export function emptyUsage(): GenerativeUsage {
  return {
    inputTokens: 0,
    uncachedInputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
  };
}

/**
 * Bedrock usage, normalized: Bedrock's `inputTokens` excludes cache reads and writes, so they are
 * added back for `inputTokens` and kept apart in their own fields.
 */
export function toUsage(usage: BedrockUsage | undefined): GenerativeUsage {
  const uncached = usage?.inputTokens ?? 0;
  const cacheRead = usage?.cacheReadInputTokens ?? 0;
  const cacheWrite = usage?.cacheWriteInputTokens ?? 0;
  const input = uncached + cacheRead + cacheWrite;
  const output = usage?.outputTokens ?? 0;
  return {
    inputTokens: input,
    uncachedInputTokens: uncached,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    totalTokens: input + output,
  };
}

/** Sum of usages (tool-loop steps, stream attempts, repair rounds). */
export function addUsage(a: GenerativeUsage, b: GenerativeUsage): GenerativeUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    uncachedInputTokens: a.uncachedInputTokens + b.uncachedInputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** Bedrock's stop reason, normalized across families. */
export function toFinishReason(stopReason: string): GenerativeFinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'guardrail_intervened':
      return 'guardrail-intervened';
    case 'content_filtered':
      return 'content-filter';
    default:
      return 'other';
  }
}
