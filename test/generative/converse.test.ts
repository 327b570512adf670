import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { AbortError, StreamError, ThrottlingError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';

describe('generative.generate', () => {
  it('calls Converse over HTTP/2 and normalizes the answer', async () => {
    const result = await client().generative.generate({
      model,
      system: 'Be brief.',
      prompt: 'What is the capital of France?',
      maxTokens: 50,
      temperature: 0.2,
    });
    expect(result.text).toContain('What is the capital of France?');
    expect(result.stopReason).toBe('end_turn');
    expect(result.usage.totalTokens).toBe(result.usage.inputTokens + result.usage.outputTokens);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const [call] = callsTo(emu, 'Converse');
    expect(call?.httpVersion).toBe('2.0');
    expect(call?.input).toMatchObject({
      modelId: model,
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text: 'What is the capital of France?' }] }],
      inferenceConfig: { maxTokens: 50, temperature: 0.2 },
    });
  });

  it('retries a throttled Converse and reports a persistent one', async () => {
    emu.fault({ service: 'bedrock-runtime', kind: 'throttle', times: 1 });
    await expect(
      client().generative.generate({ model, prompt: 'hi there' }),
    ).resolves.toMatchObject({
      stopReason: 'end_turn',
    });
    expect(callsTo(emu, 'Converse')).toHaveLength(2);
    emu.fault({ service: 'bedrock-runtime', kind: 'throttle' });
    await expect(
      client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }).generative.generate({
        model,
        prompt: 'hi',
      }),
    ).rejects.toMatchObject({ name: 'ThrottlingError', statusCode: 429 });
  });

  it.each([
    [{ model: '', prompt: 'x' }, /model is required/],
    [
      { model, prompt: 'x', messages: [{ role: 'user' as const, content: 'y' }] },
      /exactly one of prompt or messages/,
    ],
    [
      { model, messages: [{ role: 'assistant' as const, content: 'y' }] },
      /start with a user message/,
    ],
    [{ model, prompt: '  ' }, /prompt is empty/],
    [{ model, prompt: 'x', maxTokens: 0 }, /maxTokens must be a positive integer/],
  ])('rejects bad parameters before any call: %j', async (params, message) => {
    await expect(client().generative.generate(params)).rejects.toThrow(message);
    await expect(client().generative.generate(params)).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
  });
});

describe('generative.stream', () => {
  it('streams typed events from ConverseStream in order', async () => {
    const events = await client()
      .generative.stream({ model, prompt: 'Tell me a short story' })
      .collect();
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('message-start');
    expect(types.slice(-2)).toEqual(['message-stop', 'metadata']);
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    expect(text).toContain('Tell me a short story');
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    const metadata = events.at(-1);
    expect(metadata?.type === 'metadata' && metadata.usage.outputTokens).toBeGreaterThan(0);
  });

  it('retries throttling before the first event', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'throttle',
      times: 2,
    });
    const events = await client().generative.stream({ model, prompt: 'hello there' }).collect();
    expect(events.some((e) => e.type === 'message-stop')).toBe(true);
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(3);
  });

  it('ends with a StreamError after an exception mid-stream, keeping what arrived', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'stream-error',
      afterEvents: 2,
    });
    const received: string[] = [];
    const err = await (async () => {
      for await (const event of client().generative.stream({ model, prompt: 'tell me more' })) {
        received.push(event.type);
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).message).toContain('mid-stream');
    expect(received).toEqual(['message-start', 'text-delta']);
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(1);
  });

  it('aborts with the caller signal', async () => {
    const controller = new AbortController();
    const stream = client().generative.stream(
      { model, prompt: 'a b c d e f g h' },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    const err = await (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === 'text-delta') controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).not.toContain('message-stop');
  });

  it('is a ThrottlingError, not a StreamError, when throttled before any event', async () => {
    emu.fault({ service: 'bedrock-runtime', operation: 'ConverseStream', kind: 'throttle' });
    const stream = client({ retry: { retries: 0 } }).generative.stream({ model, prompt: 'hi' });
    await expect(stream.collect()).rejects.toBeInstanceOf(ThrottlingError);
  });
});

describe('the emulated Converse refuses what the service model bounds', () => {
  it.each([
    [
      'temperature above 1',
      { inferenceConfig: { temperature: 1.5 } },
      /inferenceConfig\.temperature/,
    ],
    ['maxTokens 0', { inferenceConfig: { maxTokens: 0 } }, /inferenceConfig\.maxTokens/],
    ['an empty stop sequence', { inferenceConfig: { stopSequences: [''] } }, /stopSequences/],
    ['no tools in a toolConfig', { toolConfig: { tools: [] } }, /toolConfig\.tools/],
    [
      'a tool name with a dot',
      { toolConfig: { tools: [{ toolSpec: { name: 'a.b', inputSchema: { json: {} } } }] } },
      /toolSpec\.name/,
    ],
  ])('%s: ValidationException', async (_, extra, path) => {
    const sdk = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
    const err = await sdk
      .send(
        new ConverseCommand({
          modelId: 'amazon.nova-lite-v1:0',
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          ...(extra as object),
        }),
      )
      .catch((e: unknown) => e);
    sdk.destroy();
    expect(err).toMatchObject({ name: 'ValidationException' });
    expect((err as Error).message).toMatch(path);
  });
});
