import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { AbortError, TimeoutError, tool, ValidationError } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';
const input = z.object({ city: z.string() });

type Sent = Array<{ role: string; content: Array<Record<string, unknown>> }>;

/** The toolResult blocks of the request that answered the first step. */
const answered = (operation: 'Converse' | 'ConverseStream') =>
  (callsTo(emu, operation)[1]?.input.messages as Sent | undefined)?.[2]?.content.map(
    (b) => b.toolResult,
  );

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

/** A model that calls `slow` and `fast` in one step, then answers. */
function parallelModel(fastInput: Record<string, unknown>) {
  emu.handle('bedrock-runtime', 'Converse', (request) => {
    const messages = request.messages as Sent;
    if (messages.length > 1) {
      return {
        output: { message: { role: 'assistant', content: [{ text: 'done' }] } },
        stopReason: 'end_turn',
        usage,
      };
    }
    return {
      output: {
        message: {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'call_slow', name: 'slow', input: { city: 'Oslo' } } },
            { toolUse: { toolUseId: 'call_fast', name: 'fast', input: fastInput } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage,
    };
  });
}

describe('tool results the model gets back', () => {
  it('an output that is blank, a Date or not JSON still answers the call in a form Bedrock accepts; the loop goes on', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const cases: Array<[unknown, unknown]> = [
      // Bedrock refuses a blank text block, in a tool result too.
      ['', { content: [{ json: { result: '' } }], status: 'success' }],
      // A Date serializes to a string: Claude and Nova take only objects as JSON documents.
      [
        new Date(0),
        { content: [{ json: { result: '1970-01-01T00:00:00.000Z' } }], status: 'success' },
      ],
      [{ big: 1n }, { status: 'error' }],
      [circular, { status: 'error' }],
    ];
    for (const [output, expected] of cases) {
      emu.reset();
      const result = await client().generative.generate({
        model,
        prompt: 'use get_weather',
        tools: { get_weather: tool({ input, execute: () => output }) },
      });
      expect(result.finishReason).toBe('stop');
      expect(result.steps).toHaveLength(2);
      const [sent] = answered('Converse') ?? [];
      expect(sent).toMatchObject({
        toolUseId: 'tooluse_emulated_get_weather',
        ...(expected as object),
      });
      if ((expected as { status: string }).status === 'error') {
        expect(result.steps[0]?.toolResults[0]).toMatchObject({ isError: true });
        expect(String(result.steps[0]?.toolResults[0]?.output)).toMatch(/not JSON/);
      }
    }
  });

  it('the same in a stream: a blank output does not end the loop with a ValidationException', async () => {
    const stream = client().generative.stream({
      model,
      prompt: 'use get_weather',
      tools: { get_weather: tool({ input, execute: () => '  ' }) },
    });
    expect((await stream.finalMessage()).steps).toBe(2);
    expect(answered('ConverseStream')).toEqual([
      {
        toolUseId: 'tooluse_emulated_get_weather',
        content: [{ json: { result: '  ' } }],
        status: 'success',
      },
    ]);
  });

  it('parallel calls run together; their results answer them in call order, in one user turn', async () => {
    parallelModel({ city: 'Rome' });
    const log: string[] = [];
    let fastDone: () => void = () => {};
    const fastEnded = new Promise<void>((resolve) => {
      fastDone = resolve;
    });
    // `slow` ends only after `fast` ran: run one after the other, the call would hit its deadline.
    const result = await client().generative.generate(
      {
        model,
        prompt: 'weather in two places',
        tools: {
          slow: tool({
            input,
            execute: async ({ city }) => {
              await fastEnded;
              log.push('slow');
              return { city, celsius: 3 };
            },
          }),
          fast: tool({
            input,
            execute: ({ city }) => {
              log.push('fast');
              fastDone();
              return { city, celsius: 20 };
            },
          }),
        },
      },
      { timeoutMs: 5_000 },
    );
    expect(log).toEqual(['fast', 'slow']);
    expect(result.steps[0]?.toolResults).toEqual([
      { id: 'call_slow', name: 'slow', output: { city: 'Oslo', celsius: 3 }, isError: false },
      { id: 'call_fast', name: 'fast', output: { city: 'Rome', celsius: 20 }, isError: false },
    ]);
    const sent = callsTo(emu, 'Converse')[1]?.input.messages as Sent;
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(answered('Converse')?.map((r) => (r as { toolUseId: string }).toolUseId)).toEqual([
      'call_slow',
      'call_fast',
    ]);
    expect(result.text).toBe('done');
  });

  it('input that fails its schema answers only its own call with the issues, without running the tool', async () => {
    parallelModel({ city: 42 });
    const ran: string[] = [];
    const result = await client().generative.generate({
      model,
      prompt: 'weather in two places',
      tools: {
        slow: tool({ input, execute: ({ city }) => ran.push(city) && 'mild' }),
        fast: tool({ input, execute: ({ city }) => ran.push(city) && 'hot' }),
      },
    });
    expect(ran).toEqual(['Oslo']);
    expect(result.steps[0]?.toolResults.map((r) => [r.id, r.isError])).toEqual([
      ['call_slow', false],
      ['call_fast', true],
    ]);
    expect(String(result.steps[0]?.toolResults[1]?.output)).toMatch(/^Invalid input: \/city: /);
    expect(answered('Converse')?.[1]).toMatchObject({ toolUseId: 'call_fast', status: 'error' });
    expect(result.finishReason).toBe('stop');
  });

  it('a tool result in the history that cannot be sent is a ValidationError before any request', async () => {
    await expect(
      client().generative.generate({
        model,
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', id: 't1', name: 'get_weather', input: {} }],
          },
          {
            role: 'user',
            content: [{ type: 'tool-result', id: 't1', output: { n: 1n }, isError: false }],
          },
        ],
        tools: { get_weather: { input: { type: 'object' } } },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });

  const replayed = (id: string, name = 'get_weather') => [
    { role: 'user' as const, content: 'weather?' },
    { role: 'assistant' as const, content: [{ type: 'tool-call' as const, id, name, input: {} }] },
    {
      role: 'user' as const,
      content: [{ type: 'tool-result' as const, id, output: 'sunny', isError: false }],
    },
  ];

  it.each([
    ['an id with a space', 'call 1', 'get_weather'],
    ['an id over 64 characters', 'c'.repeat(65), 'get_weather'],
    ['a tool name with a dot', 'call_1', 'weather.get'],
  ])(
    'a replayed tool call with %s (Bedrock ToolUseId / ToolName) is a ValidationError before any request',
    async (_, id, name) => {
      const err = await client()
        .generative.generate({
          model,
          messages: replayed(id, name),
          tools: { get_weather: { input: { type: 'object' } } },
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(/messages\[1\]\.content\[0\]\.(id|name)/);
      expect(emu.calls).toHaveLength(0);
    },
  );

  it('the emulator refuses such an id as Bedrock does (ValidationException), and a toolUse left unanswered', async () => {
    const sdk = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
    const send = (messages: unknown) =>
      sdk
        .send(
          new ConverseCommand({
            modelId: model,
            messages: messages as never,
            toolConfig: {
              tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: {} } } }],
            },
          }),
        )
        .catch((e: unknown) => e);
    const badId = await send([
      { role: 'user', content: [{ text: 'weather?' }] },
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'call 1', name: 'get_weather', input: {} } }],
      },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: 'call 1', content: [{ text: 'sunny' }] } }],
      },
    ]);
    expect(badId).toMatchObject({ name: 'ValidationException' });
    expect((badId as Error).message).toMatch(/toolUse\.toolUseId' failed to satisfy constraint/);
    const unanswered = await send([
      { role: 'user', content: [{ text: 'weather?' }] },
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'a', name: 'get_weather', input: {} } }],
      },
      { role: 'user', content: [{ text: 'never mind' }] },
    ]);
    expect(unanswered).toMatchObject({ name: 'ValidationException' });
    expect((unanswered as Error).message).toBe(
      'Expected toolResult blocks at messages.2.content for the following Ids: a',
    );
    sdk.destroy();
  });

  it('stream: parallel calls answered in call order in one user turn, a tool-result event each in that order', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', (request) => {
      const first = (request.messages as Sent).length === 1;
      return (async function* () {
        yield { messageStart: { role: 'assistant' } };
        if (first) {
          for (const [i, [id, name, city]] of [
            ['call_slow', 'slow', 'Oslo'],
            ['call_fast', 'fast', 'Rome'],
          ].entries()) {
            yield {
              contentBlockStart: {
                contentBlockIndex: i,
                start: { toolUse: { toolUseId: id, name } },
              },
            };
            yield {
              contentBlockDelta: {
                contentBlockIndex: i,
                delta: { toolUse: { input: JSON.stringify({ city }) } },
              },
            };
            yield { contentBlockStop: { contentBlockIndex: i } };
          }
        } else {
          yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'done' } } };
          yield { contentBlockStop: { contentBlockIndex: 0 } };
        }
        yield { messageStop: { stopReason: first ? 'tool_use' : 'end_turn' } };
        yield { metadata: { usage } };
      })();
    });
    let fastDone: () => void = () => {};
    const fastEnded = new Promise<void>((resolve) => {
      fastDone = resolve;
    });
    const stream = client().generative.stream(
      {
        model,
        prompt: 'weather in two places',
        tools: {
          slow: tool({
            input,
            execute: async ({ city }) => {
              await fastEnded;
              return `${city}: 3`;
            },
          }),
          fast: tool({
            input,
            execute: ({ city }) => {
              fastDone();
              return `${city}: 20`;
            },
          }),
        },
      },
      { timeoutMs: 5_000 },
    );
    const events = await stream.collect();
    expect(events.flatMap((e) => (e.type === 'tool-result' ? [[e.id, e.output]] : []))).toEqual([
      ['call_slow', 'Oslo: 3'],
      ['call_fast', 'Rome: 20'],
    ]);
    expect((await stream.finalMessage()).text).toBe('done');
    expect(answered('ConverseStream')).toEqual([
      { toolUseId: 'call_slow', content: [{ text: 'Oslo: 3' }], status: 'success' },
      { toolUseId: 'call_fast', content: [{ text: 'Rome: 20' }], status: 'success' },
    ]);
  });

  it.each([
    ['signal', AbortError],
    ['timeoutMs', TimeoutError],
  ] as const)(
    'generate: the %s ending the call while a tool runs (and ignores its signal) settles it at once; nothing is sent after the tool ends',
    async (how, Class) => {
      const controller = new AbortController();
      let toolSignal: AbortSignal | undefined;
      let finish: () => void = () => {};
      const err = await client()
        .generative.generate(
          {
            model,
            prompt: 'use get_weather',
            tools: {
              get_weather: tool({
                input,
                execute: async (_, { signal }) => {
                  toolSignal = signal;
                  if (how === 'signal') controller.abort();
                  // Ignores its signal: ends only when the test lets it.
                  await new Promise<void>((resolve) => {
                    finish = resolve;
                  });
                  return 'sunny';
                },
              }),
            },
          },
          how === 'signal' ? { signal: controller.signal } : { timeoutMs: 150 },
        )
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Class);
      expect(err).toMatchObject({ service: 'bedrock-runtime', operation: 'Converse' });
      expect(toolSignal?.aborted).toBe(true);
      finish();
      // Let the loop see the tool's result: it must stop there, not ask the model again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(callsTo(emu, 'Converse')).toHaveLength(1);
    },
  );
});
