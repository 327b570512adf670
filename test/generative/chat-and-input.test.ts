import { ValidationError } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%fake\n');

type Sent = Array<{ role: string; content: Array<Record<string, unknown>> }>;

describe('generative.chat', () => {
  it('keeps the history across turns', async () => {
    const chat = client().generative.chat({ model, system: 'Be brief.' });
    await chat.send('My name is Ada.');
    const second = await chat.send('What is my name?');
    expect(second.text).toBe('Emulated reply to: What is my name?');
    expect(chat.history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const sent = callsTo(emu, 'Converse')[1]?.input.messages as Sent;
    expect(sent.map((m) => m.content[0]?.text)).toEqual([
      'My name is Ada.',
      'Emulated reply to: My name is Ada.',
      'What is my name?',
    ]);
  });

  it('streams a turn and adds it once the stream ends; a failed turn is not kept', async () => {
    const chat = client({ retry: { retries: 0 } }).generative.chat({ model });
    expect(await chat.stream('Hello there').text).toBe('Emulated reply to: Hello there');
    expect(chat.history).toHaveLength(2);
    emu.fault({ service: 'bedrock-runtime', kind: 'throttle', times: 1 });
    await expect(chat.send('again')).rejects.toMatchObject({ name: 'ThrottlingError' });
    expect(chat.history).toHaveLength(2);
  });

  it('stream options it refuses (checked when the stream is made) leave the chat free for the next turn', async () => {
    const chat = client().generative.chat({ model });
    expect(() => chat.stream('Hi', { recover: 'sometimes' as never })).toThrow(ValidationError);
    expect(emu.calls).toHaveLength(0);
    const answer = await chat.send('Hi again');
    expect(answer.text).toBe('Emulated reply to: Hi again');
    expect(chat.history.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
  });

  it('a turn send refuses (one still running, input neither text nor parts) is a ValidationError naming bedrock-runtime Converse, sent nowhere', async () => {
    const chat = client().generative.chat({ model });
    const running = chat.send('first');
    const refusals = [
      await chat.send('overlapping').catch((e: unknown) => e),
      await chat.send(42 as never).catch((e: unknown) => e),
    ];
    for (const err of refusals) {
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ service: 'bedrock-runtime', operation: 'Converse' });
    }
    await running;
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
    expect(chat.history.map((m) => m.content)).toEqual(['first', expect.anything()]);
  });

  it('a streamed turn cut at maxTokens inside a tool call leaves a history the next turn can send', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', () =>
      (async function* () {
        yield { messageStart: { role: 'assistant' } };
        yield {
          contentBlockStart: {
            contentBlockIndex: 0,
            start: { toolUse: { toolUseId: 't1', name: 'lookup' } },
          },
        };
        yield {
          contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"q": "Par' } } },
        };
        yield { contentBlockStop: { contentBlockIndex: 0 } };
        yield { messageStop: { stopReason: 'max_tokens' } };
        yield { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } } };
      })(),
    );
    const chat = client().generative.chat({
      model,
      tools: { lookup: { input: { type: 'object' }, execute: () => 'found' } },
    });
    expect((await chat.stream('look it up').finalMessage()).finishReason).toBe('length');
    emu.reset();
    // Bedrock takes only an object as a call's input: the partial JSON went back as it was.
    await expect(chat.send('and now?')).resolves.toMatchObject({ finishReason: 'stop' });
    const sent = callsTo(emu, 'Converse')[0]?.input.messages as Sent;
    expect(sent[1]?.content).toEqual([{ toolUse: { toolUseId: 't1', name: 'lookup', input: {} } }]);
    expect(sent[2]?.content[0]).toMatchObject({ toolResult: { toolUseId: 't1', status: 'error' } });
  });

  it('cleans history: blank text dropped, unanswered tool calls answered, toolConfig added', async () => {
    const chat = client().generative.chat({
      model,
      history: [
        { role: 'user', content: 'look it up' },
        {
          role: 'assistant',
          content: [
            { text: ' ' },
            { type: 'tool-call', id: 't1', name: 'lookup', input: { q: 'x' } },
          ],
        },
      ],
    });
    await expect(chat.send('never mind')).resolves.toMatchObject({ finishReason: 'stop' });
    const [call] = callsTo(emu, 'Converse');
    const sent = call?.input.messages as Sent;
    expect(sent[1]?.content).toEqual([
      { toolUse: { toolUseId: 't1', name: 'lookup', input: { q: 'x' } } },
    ]);
    expect(sent[2]?.content[0]).toMatchObject({ toolResult: { toolUseId: 't1', status: 'error' } });
    expect(sent[2]?.content[1]).toEqual({ text: 'never mind' });
    expect(call?.input.toolConfig).toMatchObject({ tools: [{ toolSpec: { name: 'lookup' } }] });
  });
});

describe('generative input checks and request shape', () => {
  it('attaches images and documents before the prompt text', async () => {
    await client().generative.generate({
      model,
      prompt: 'Describe these',
      images: [PNG, { image: 's3://bucket/cat.webp' }],
      documents: [{ document: PDF, name: 'Q3 report (final).pdf' }],
    });
    const sent = (callsTo(emu, 'Converse')[0]?.input.messages ?? []) as Sent;
    const content = sent[0]?.content ?? [];
    expect(content.map((b) => Object.keys(b)[0])).toEqual(['image', 'image', 'document', 'text']);
    expect(content[0]).toMatchObject({ image: { format: 'png' } });
    expect(content[1]).toEqual({
      image: { format: 'webp', source: { s3Location: { uri: 's3://bucket/cat.webp' } } },
    });
    expect(content[2]).toMatchObject({
      document: { format: 'pdf', name: 'Q3 report (final)-pdf' },
    });
  });

  it.each([
    [{ images: [new Uint8Array(3.75 * 1024 * 1024 + 1)] }, /image/],
    [{ images: [new Uint8Array([1, 2, 3, 4])] }, /not a png, jpeg, gif, webp image/],
    [{ images: Array.from({ length: 21 }, () => PNG) }, /at most 20/],
    [{ documents: Array.from({ length: 6 }, () => PDF) }, /at most 5/],
    [{ images: ['https://example.com/cat.png'] }, /http\(s\) URL/],
  ])('rejects bad media before any call (%#)', async (extra, message) => {
    await expect(client().generative.generate({ model, prompt: 'look', ...extra })).rejects.toThrow(
      message,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('rejects a conversation that does not alternate, and too many cache points', async () => {
    await expect(
      client().generative.generate({
        model,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      }),
    ).rejects.toThrow(/must alternate/);
    await expect(
      client().generative.generate({
        model,
        system: 's',
        cache: true,
        tools: { t: { input: { type: 'object' } } },
        messages: [
          {
            role: 'user',
            content: [
              { text: 'a' },
              { type: 'cache-point' },
              { text: 'b' },
              { type: 'cache-point' },
            ],
          },
        ],
      }),
    ).rejects.toThrow(/at most 4/);
    expect(emu.calls).toHaveLength(0);
  });

  it('sends guardrail and cache checkpoints; usage counts cache tokens', async () => {
    emu.handle('bedrock-runtime', 'Converse', () => ({
      output: { message: { role: 'assistant', content: [{ text: 'cached' }] } },
      stopReason: 'end_turn',
      usage: {
        inputTokens: 10,
        outputTokens: 2,
        totalTokens: 112,
        cacheReadInputTokens: 80,
        cacheWriteInputTokens: 20,
      },
      metrics: { latencyMs: 1 },
    }));
    const result = await client().generative.generate({
      model,
      system: 'Long instructions',
      prompt: 'hi',
      cache: { system: true, ttl: '1h' },
      guardrail: { id: 'gr1', version: '2', trace: true },
    });
    expect(result.usage).toEqual({
      inputTokens: 110,
      uncachedInputTokens: 10,
      cacheReadTokens: 80,
      cacheWriteTokens: 20,
      outputTokens: 2,
      totalTokens: 112,
    });
    expect(callsTo(emu, 'Converse')[0]?.input).toMatchObject({
      system: [{ text: 'Long instructions' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      guardrailConfig: { guardrailIdentifier: 'gr1', guardrailVersion: '2', trace: 'enabled' },
    });
  });

  it('names the inference profile when on-demand throughput is not supported', async () => {
    emu.handle('bedrock-runtime', 'Converse', () => {
      throw emu.error(
        'ValidationException',
        "Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      );
    });
    const err = await client({ region: 'eu-west-1' })
      .generative.generate({ model: 'anthropic.claude-3-7-sonnet-20250219-v1:0', prompt: 'hi' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain("'eu.anthropic.claude-3-7-sonnet-20250219-v1:0'");
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
  });

  it('retries ModelNotReadyException', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'Converse',
      kind: 'throttle',
      code: 'ModelNotReadyException',
      times: 1,
    });
    await expect(client().generative.generate({ model, prompt: 'ready?' })).resolves.toMatchObject({
      finishReason: 'stop',
    });
    expect(callsTo(emu, 'Converse')).toHaveLength(2);
  });
});
