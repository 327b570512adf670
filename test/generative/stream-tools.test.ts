import { AbortError, tool } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';

const weather = (execute: (input: { city: string }) => Promise<unknown>) =>
  tool({
    description: 'Weather in a city',
    input: z.object({ city: z.string() }),
    execute: (input) => execute(input),
  });

describe('generative.stream tool loop', () => {
  it('runs the tools between two model calls: tool-result and step-finish events, usage summed', async () => {
    const seen: unknown[] = [];
    const stream = client().generative.stream({
      model,
      prompt: 'use get_weather for Paris',
      tools: {
        get_weather: weather(async ({ city }) => {
          seen.push(city);
          return { city, celsius: 21 };
        }),
      },
    });
    const events = await stream.collect();
    const types = events.map((e) => e.type);
    // Step 1 streams the call, the tool runs, step 2 streams the answer.
    const result = types.indexOf('tool-result');
    expect(types.indexOf('tool-call-end')).toBeLessThan(result);
    expect(types.indexOf('step-finish')).toBe(result + 1);
    expect(types.lastIndexOf('message-start')).toBeGreaterThan(result + 1);
    expect(types.filter((t) => t === 'message-start')).toHaveLength(2);
    expect(seen).toEqual(['emulated']);
    expect(events[result]).toEqual({
      type: 'tool-result',
      step: 1,
      id: 'tooluse_emulated_get_weather',
      name: 'get_weather',
      output: { city: 'emulated', celsius: 21 },
      isError: false,
    });
    expect(events[result + 1]).toMatchObject({
      type: 'step-finish',
      step: 1,
      stopReason: 'tool_use',
    });

    const message = await stream.finalMessage();
    expect(message).toMatchObject({ steps: 2, stopReason: 'end_turn', finishReason: 'stop' });
    expect(message.toolCalls).toEqual([]);
    const metadata = events.filter((e) => e.type === 'metadata');
    expect(metadata).toHaveLength(2);
    expect(message.usage.outputTokens).toBe(
      metadata.reduce((sum, e) => sum + (e.type === 'metadata' ? e.usage.outputTokens : 0), 0),
    );
    expect(message.responseMessages.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant']);

    const calls = callsTo(emu, 'ConverseStream');
    expect(calls).toHaveLength(2);
    const messages = calls[1]?.input.messages as Array<{ role: string; content: unknown[] }>;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toContainEqual({
      toolUse: {
        toolUseId: 'tooluse_emulated_get_weather',
        name: 'get_weather',
        input: { city: 'emulated' },
      },
    });
    expect(messages[2]?.content[0]).toEqual({
      toolResult: {
        toolUseId: 'tooluse_emulated_get_weather',
        content: [{ json: { city: 'emulated', celsius: 21 } }],
        status: 'success',
      },
    });
  });

  it('a tool that throws becomes an error result the model sees; the stream goes on', async () => {
    const stream = client().generative.stream({
      model,
      prompt: 'use get_weather',
      tools: {
        get_weather: weather(async () => {
          throw new Error('weather service down');
        }),
      },
    });
    const events = await stream.collect();
    expect(events.find((e) => e.type === 'tool-result')).toMatchObject({
      isError: true,
      output: 'Error: weather service down',
    });
    expect((await stream.finalMessage()).steps).toBe(2);
    const second = callsTo(emu, 'ConverseStream')[1]?.input.messages as Array<{
      content: Array<{ toolResult?: { status?: string } }>;
    }>;
    expect(second[2]?.content[0]?.toolResult?.status).toBe('error');
  });

  it('tools without execute, and maxSteps: 1, stop after one call with the tool calls returned', async () => {
    for (const params of [
      { tools: { get_weather: { input: { type: 'object', properties: {} } } } },
      { tools: { get_weather: weather(async () => 'sunny') }, maxSteps: 1 },
    ]) {
      emu.reset();
      const stream = client().generative.stream({ model, prompt: 'use get_weather', ...params });
      const events = await stream.collect();
      expect(events.some((e) => e.type === 'tool-result' || e.type === 'step-finish')).toBe(false);
      const message = await stream.finalMessage();
      expect(message).toMatchObject({
        steps: 1,
        stopReason: 'tool_use',
        finishReason: 'tool-calls',
      });
      expect(message.toolCalls.map((c) => c.name)).toEqual(['get_weather']);
      expect(callsTo(emu, 'ConverseStream')).toHaveLength(1);
    }
  });

  it('aborting while a tool runs ends the stream with AbortError and makes no second call', async () => {
    const controller = new AbortController();
    const stream = client().generative.stream(
      {
        model,
        prompt: 'use get_weather',
        tools: {
          get_weather: weather(
            () =>
              new Promise((_, reject) => {
                controller.abort();
                reject(new Error('cancelled'));
              }),
          ),
        },
      },
      { signal: controller.signal },
    );
    const err = await stream.collect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(1);
  });

  it('a chat turn streamed with tools keeps the whole loop in its history', async () => {
    const chat = client().generative.chat({
      model,
      tools: { get_weather: weather(async ({ city }) => ({ city, celsius: 21 })) },
    });
    expect(await chat.stream('use get_weather for Rome').text).toMatch(/^Emulated reply to/);
    expect(chat.history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const [, call, results] = chat.history;
    expect(call?.content).toContainEqual(
      expect.objectContaining({ type: 'tool-call', name: 'get_weather' }),
    );
    expect(results?.content).toEqual([
      {
        type: 'tool-result',
        id: 'tooluse_emulated_get_weather',
        output: { city: 'emulated', celsius: 21 },
        isError: false,
      },
    ]);
    // The next turn replays that history and Bedrock accepts it (every tool call answered).
    expect(await chat.stream('thanks').text).toBe('Emulated reply to: thanks');
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(3);
  });
});
