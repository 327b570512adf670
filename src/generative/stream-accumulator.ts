import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { citationsOf, fromBedrockCitation, textOf, toolCallsOf } from './content';
import type {
  GenerativeCitation,
  GenerativeContentPart,
  GenerativeFinalMessage,
  GenerativeGuardrailTrace,
  GenerativeStreamEvent,
  GenerativeUsage,
} from './types';
import { addUsage, emptyUsage, toFinishReason, toUsage } from './usage';

type Block =
  | { kind: 'text'; text: string; citations: GenerativeCitation[] }
  | { kind: 'reasoning'; text: string; signature: string | undefined; redacted: Uint8Array[] }
  | { kind: 'tool'; id: string; name: string; json: string };

function parseToolInput(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    // A truncated input (max_tokens mid-call) stays visible as text rather than failing the stream.
    return json;
  }
}

/**
 * Turns ConverseStream events into our events and assembles the final message on the way: text
 * and reasoning joined per block, tool inputs joined from their partial JSON deltas (the first of
 * which may be empty) and parsed when the block stops, usage summed over attempts.
 * @internal
 */
export class StreamAccumulator {
  #blocks = new Map<number, Block>();
  #stopReason = 'unknown';
  #usage: GenerativeUsage = emptyUsage();
  #guardrail: GenerativeGuardrailTrace | undefined;
  requestId: string | undefined;
  /** True once a model token (text, reasoning, tool input) arrived in the current attempt. */
  sawToken = false;
  /** True once the `messageStop` event of the current attempt arrived: the answer is complete. */
  sawStop = false;

  /** Forgets the partial answer of a failed attempt; usage is kept (it was billed). */
  reset(): void {
    this.#blocks.clear();
    this.#guardrail = undefined;
    this.#stopReason = 'unknown';
    this.sawToken = false;
    this.sawStop = false;
  }

  #block<K extends Block['kind']>(index: number, kind: K, make: () => Block): Block {
    const existing = this.#blocks.get(index);
    if (existing?.kind === kind) return existing;
    const block = make();
    this.#blocks.set(index, block);
    return block;
  }

  /** Our events for one SDK event (none for events we do not surface). */
  apply(event: ConverseStreamOutput): GenerativeStreamEvent[] {
    if (event.messageStart) {
      return [{ type: 'message-start', role: event.messageStart.role ?? 'assistant' }];
    }
    if (event.contentBlockStart) {
      const index = event.contentBlockStart.contentBlockIndex ?? 0;
      const toolUse = event.contentBlockStart.start?.toolUse;
      if (!toolUse) return [];
      const id = toolUse.toolUseId ?? '';
      const name = toolUse.name ?? '';
      this.#blocks.set(index, { kind: 'tool', id, name, json: '' });
      return [{ type: 'tool-call-start', index, id, name }];
    }
    if (event.contentBlockDelta) {
      return this.#delta(event.contentBlockDelta.contentBlockIndex ?? 0, event.contentBlockDelta);
    }
    if (event.contentBlockStop) {
      const index = event.contentBlockStop.contentBlockIndex ?? 0;
      const block = this.#blocks.get(index);
      const events: GenerativeStreamEvent[] = [];
      if (block?.kind === 'tool') {
        events.push({
          type: 'tool-call-end',
          index,
          id: block.id,
          name: block.name,
          input: parseToolInput(block.json),
        });
      }
      events.push({ type: 'content-stop', index });
      return events;
    }
    if (event.messageStop) {
      this.sawStop = true;
      this.#stopReason = event.messageStop.stopReason ?? 'unknown';
      return [{ type: 'message-stop', stopReason: this.#stopReason }];
    }
    if (event.metadata) {
      const usage = toUsage(event.metadata.usage);
      this.#usage = addUsage(this.#usage, usage);
      if (event.metadata.trace?.guardrail) this.#guardrail = event.metadata.trace.guardrail;
      return [{ type: 'metadata', usage, latencyMs: event.metadata.metrics?.latencyMs }];
    }
    return [];
  }

  #delta(
    index: number,
    event: NonNullable<ConverseStreamOutput['contentBlockDelta']>,
  ): GenerativeStreamEvent[] {
    const delta = event.delta;
    if (delta?.text !== undefined) {
      this.sawToken = true;
      const block = this.#block(index, 'text', () => ({ kind: 'text', text: '', citations: [] }));
      if (block.kind === 'text') block.text += delta.text;
      return [{ type: 'text-delta', index, text: delta.text }];
    }
    if (delta?.citation) {
      const block = this.#block(index, 'text', () => ({ kind: 'text', text: '', citations: [] }));
      const citation = fromBedrockCitation(delta.citation);
      if (block.kind === 'text') block.citations.push(citation);
      return [{ type: 'citation', index, citation }];
    }
    if (delta?.toolUse) {
      this.sawToken = true;
      const block = this.#block(index, 'tool', () => ({
        kind: 'tool',
        id: '',
        name: '',
        json: '',
      }));
      if (block.kind !== 'tool') return [];
      block.json += delta.toolUse.input ?? '';
      return [
        { type: 'tool-call-delta', index, id: block.id, inputDelta: delta.toolUse.input ?? '' },
      ];
    }
    const reasoning = delta?.reasoningContent;
    if (reasoning) {
      this.sawToken = true;
      const block = this.#block(index, 'reasoning', () => ({
        kind: 'reasoning',
        text: '',
        signature: undefined,
        redacted: [],
      }));
      if (block.kind !== 'reasoning') return [];
      if (reasoning.text !== undefined) {
        block.text += reasoning.text;
        return [{ type: 'reasoning-delta', index, text: reasoning.text }];
      }
      if (reasoning.signature !== undefined) {
        block.signature = (block.signature ?? '') + reasoning.signature;
        return [{ type: 'reasoning-signature', index, signature: reasoning.signature }];
      }
      if (reasoning.redactedContent) block.redacted.push(reasoning.redactedContent);
    }
    return [];
  }

  /** The assembled assistant message of this step (`steps` and `responseMessages` are the caller's). */
  finalMessage(): Omit<GenerativeFinalMessage, 'steps' | 'responseMessages'> {
    const content: GenerativeContentPart[] = [...this.#blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, block]): GenerativeContentPart => {
        if (block.kind === 'text') {
          return block.citations.length > 0
            ? { type: 'citations', text: block.text, citations: block.citations }
            : { type: 'text', text: block.text };
        }
        if (block.kind === 'tool') {
          return {
            type: 'tool-call',
            id: block.id,
            name: block.name,
            input: parseToolInput(block.json),
          };
        }
        const redacted = Buffer.concat(block.redacted);
        return {
          type: 'reasoning',
          text: block.text,
          ...(block.signature !== undefined ? { signature: block.signature } : {}),
          ...(redacted.byteLength > 0 ? { redacted: new Uint8Array(redacted) } : {}),
        };
      });
    return {
      role: 'assistant',
      content,
      text: textOf(content),
      toolCalls: toolCallsOf(content),
      stopReason: this.#stopReason,
      finishReason: toFinishReason(this.#stopReason),
      usage: this.#usage,
      citations: citationsOf(content),
      guardrail: this.#guardrail,
      requestId: this.requestId,
    };
  }
}
