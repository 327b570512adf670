import { StructuredOutputError } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
/** Claude 3 Haiku: no native structured output, so `auto` forces the `respond` tool. */
const toolModel = 'anthropic.claude-3-haiku-20240307-v1:0';
const City = z.object({ city: z.string(), population: z.number().int() });
const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

type Block = Record<string, unknown>;
type Sent = Array<{ role: string; content: Block[] }>;

/** A Converse model that answers each call with the next of `answers` (the last one repeats). */
function converseAnswers(...answers: Array<{ content: Block[]; stopReason: string }>) {
  let call = 0;
  emu.handle('bedrock-runtime', 'Converse', () => {
    const answer = answers[Math.min(call, answers.length - 1)] as (typeof answers)[number];
    call += 1;
    return {
      output: { message: { role: 'assistant', content: answer.content } },
      stopReason: answer.stopReason,
      usage,
    };
  });
}

/** The same over ConverseStream: text blocks as text deltas, tool calls as one input delta. */
function streamAnswers(...answers: Array<{ content: Block[]; stopReason: string }>) {
  let call = 0;
  emu.handle('bedrock-runtime', 'ConverseStream', () => {
    const answer = answers[Math.min(call, answers.length - 1)] as (typeof answers)[number];
    call += 1;
    return (async function* () {
      yield { messageStart: { role: 'assistant' } };
      for (const [i, block] of answer.content.entries()) {
        const use = block.toolUse as
          | { toolUseId: string; name: string; input: unknown }
          | undefined;
        if (use) {
          const { toolUseId, name } = use;
          yield {
            contentBlockStart: { contentBlockIndex: i, start: { toolUse: { toolUseId, name } } },
          };
          const input = JSON.stringify(use.input);
          yield { contentBlockDelta: { contentBlockIndex: i, delta: { toolUse: { input } } } };
        } else {
          yield { contentBlockDelta: { contentBlockIndex: i, delta: { text: block.text } } };
        }
        yield { contentBlockStop: { contentBlockIndex: i } };
      }
      yield { messageStop: { stopReason: answer.stopReason } };
      yield { metadata: { usage } };
    })();
  });
}

const respond = (toolUseId: string, input: unknown): Block => ({
  toolUse: { toolUseId, name: 'respond', input },
});

describe('structured output: answers Bedrock sends back', () => {
  it('generateObject: two calls of the tool in one answer, the first invalid: the repair turn answers both, as Bedrock requires', async () => {
    converseAnswers(
      {
        content: [respond('a', { city: 'Paris' }), respond('b', { city: 'Lyon' })],
        stopReason: 'tool_use',
      },
      { content: [respond('c', { city: 'Paris', population: 2 })], stopReason: 'tool_use' },
    );
    const result = await client().generative.generateObject({
      model: toolModel,
      schema: City,
      prompt: 'Largest city in France?',
    });
    expect(result).toMatchObject({ object: { city: 'Paris', population: 2 }, repaired: true });
    const repair = (callsTo(emu, 'Converse')[1]?.input.messages as Sent | undefined)?.at(-1);
    // Bedrock: "Expected toolResult blocks at messages.2.content for the following Ids: b".
    const results = repair?.content.flatMap((b) =>
      b.toolResult ? [b.toolResult as { toolUseId: string; status: string }] : [],
    );
    expect(results?.map((r) => [r.toolUseId, r.status])).toEqual([
      ['a', 'error'],
      ['b', 'error'],
    ]);
    // Tool results come first in the user turn.
    expect(repair?.content[0]?.toolResult).toBeDefined();
    expect(repair?.content[1]?.toolResult).toBeDefined();
  });

  const cut = [
    // Cut before the tool call began: only the preamble arrived.
    { content: [{ text: 'Let me look that up.' }], stopReason: 'max_tokens' },
    // Cut inside the tool call: Bedrock passes on what parsed.
    { content: [respond('a', { city: 'Paris' })], stopReason: 'max_tokens' },
  ];

  it.each(cut)(
    'generateObject: an answer cut at maxTokens says so in its issue (%#)',
    async (answer) => {
      converseAnswers(answer);
      const err = await client()
        .generative.generateObject({ model: toolModel, schema: City, prompt: 'x', maxTokens: 20 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StructuredOutputError);
      expect((err as StructuredOutputError).message).toMatch(/cut at maxTokens/);
      expect((err as StructuredOutputError).issues.map((i) => i.message).join(' ')).toMatch(
        /cut at maxTokens/,
      );
    },
  );

  it.each(cut)(
    'streamObject: an answer cut at maxTokens says so in its issue (%#)',
    async (answer) => {
      streamAnswers(answer);
      const stream = client().generative.streamObject({
        model: toolModel,
        schema: City,
        prompt: 'x',
        maxTokens: 20,
      });
      const err = await stream.object.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StructuredOutputError);
      expect((err as StructuredOutputError).message).toMatch(/cut at maxTokens/);
    },
  );
});
