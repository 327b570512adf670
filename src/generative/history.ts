/**
 * History hygiene: what Bedrock rejects in a conversation that looks fine to a user, fixed or
 * reported before the call. Blank text blocks are dropped ("text field in the ContentBlock is
 * blank"), a tool call's input that is no object (a call cut at maxTokens) is replayed as `{}`,
 * every tool call gets a result in the next user turn, results without a call are dropped, and
 * the roles must alternate starting with a user turn.
 */

import type { ContentBlock, Message } from '@aws-sdk/client-bedrock-runtime';
import { ValidationError } from '../errors';

/** What a tool call left unanswered gets back, so the conversation stays valid. */
export const UNANSWERED_TOOL_CALL = 'No result: this tool call was not answered.';

function isBlankText(block: ContentBlock): boolean {
  return block.text !== undefined && block.text.trim() === '';
}

/**
 * A streamed call cut at `maxTokens` keeps its partial JSON as text, but Bedrock takes only an
 * object as a call's input ("Input should be a valid dictionary"), and a history holding it would
 * fail every later turn: such a call is replayed with `{}` (and answered as unanswered below).
 */
function objectInput(block: ContentBlock): ContentBlock {
  const input: unknown = block.toolUse?.input;
  if (!block.toolUse || (typeof input === 'object' && input !== null && !Array.isArray(input)))
    return block;
  return { toolUse: { ...block.toolUse, input: {} } };
}

function toolUseIds(message: Message | undefined): string[] {
  if (message?.role !== 'assistant') return [];
  return (message.content ?? []).flatMap((b) =>
    b.toolUse?.toolUseId ? [b.toolUse.toolUseId] : [],
  );
}

/**
 * Returns a cleaned copy of `messages`.
 *
 * @throws {@link ValidationError} when the conversation is empty, does not start with a user turn,
 *   does not alternate, or a message is left with no content.
 */
export function cleanHistory(messages: readonly Message[]): Message[] {
  if (messages.length === 0) {
    throw new ValidationError('messages is empty; pass at least one user message');
  }
  const cleaned: Message[] = messages.map((m) => ({
    role: m.role,
    content: (m.content ?? []).filter((b) => !isBlankText(b)).map(objectInput),
  }));
  // Pair tool calls and results: each assistant tool call is answered in the next user turn.
  for (let i = 0; i < cleaned.length; i += 1) {
    const message = cleaned[i] as Message;
    if (message.role !== 'user') continue;
    const open = new Set(toolUseIds(cleaned[i - 1]));
    message.content = (message.content ?? []).filter(
      (b) => !b.toolResult || open.has(b.toolResult.toolUseId ?? ''),
    );
  }
  for (let i = 0; i < cleaned.length; i += 1) {
    const ids = toolUseIds(cleaned[i]);
    if (ids.length === 0) continue;
    let next = cleaned[i + 1];
    if (next === undefined) {
      next = { role: 'user', content: [] };
      cleaned.push(next);
    }
    if (next.role !== 'user') continue;
    const answered = new Set(
      (next.content ?? []).flatMap((b) => (b.toolResult ? [b.toolResult.toolUseId] : [])),
    );
    const missing = ids
      .filter((id) => !answered.has(id))
      .map(
        (id): ContentBlock => ({
          toolResult: { toolUseId: id, status: 'error', content: [{ text: UNANSWERED_TOOL_CALL }] },
        }),
      );
    // Bedrock wants the tool results first in the user turn.
    next.content = [...missing, ...(next.content ?? [])];
  }
  cleaned.forEach((message, i) => {
    if ((message.content ?? []).length === 0) {
      throw new ValidationError(
        `messages[${i}] (${message.role}) has no content left after dropping blank text; remove it`,
      );
    }
    if (i === 0 && message.role !== 'user') {
      throw new ValidationError(
        'messages must start with a user message (Bedrock rejects anything else)',
      );
    }
    const previous = cleaned[i - 1];
    if (previous && previous.role === message.role) {
      throw new ValidationError(
        `messages must alternate between user and assistant; messages[${i - 1}] and messages[${i}] are both ${message.role}: merge them`,
      );
    }
  });
  return cleaned;
}

/** Names of the tools a conversation uses (calls and results). */
export function toolNamesInHistory(messages: readonly Message[]): {
  names: Set<string>;
  hasToolBlocks: boolean;
} {
  const names = new Set<string>();
  let hasToolBlocks = false;
  for (const message of messages) {
    for (const block of message.content ?? []) {
      if (block.toolUse?.name) names.add(block.toolUse.name);
      if (block.toolUse || block.toolResult) hasToolBlocks = true;
    }
  }
  return { names, hasToolBlocks };
}
