import { AwsAI, TimeoutError, ValidationError } from 'aws-ai';
import { createGenerativeClient, embed, Generative, generate, stream } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const client = () => createGenerativeClient({ ...emu.config, retry: FAST_RETRY });
const model = 'amazon.nova-lite-v1:0';

describe('aws-ai/generative per-operation functions', () => {
  it('answer like the Generative methods: generate, stream, embed', async () => {
    const bedrock = client();
    const module = new Generative({ ...emu.config, retry: FAST_RETRY });
    const params = { model, prompt: 'What is Amazon Bedrock?' };
    const viaFunction = await generate(bedrock, params);
    const viaMethod = await module.generate(params);
    expect(viaFunction.text).toBe(viaMethod.text);
    expect(viaFunction.text.length).toBeGreaterThan(0);
    expect(viaFunction.usage).toEqual(viaMethod.usage);

    let streamed = '';
    for await (const chunk of stream(bedrock, params).textStream) streamed += chunk;
    expect(streamed).toBe((await module.stream(params).finalMessage()).text);

    const options = { model: 'amazon.titan-embed-text-v2:0', dimensions: 256 } as const;
    const vector = await embed(bedrock, 'hello world', options);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(Array.from(vector)).toEqual(Array.from(await module.embed('hello world', options)));
    expect(callsTo(emu, 'Converse')).toHaveLength(2);
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(2);
    expect(callsTo(emu, 'InvokeModel')).toHaveLength(2);
  });

  it('take ai.generative and share its SDK client cache', async () => {
    const ai = new AwsAI(emu.config);
    const result = await generate(ai.generative, { model, prompt: 'Hi' });
    expect(result.text.length).toBeGreaterThan(0);
    expect(callsTo(emu, 'Converse')).toHaveLength(1);
  });

  it('validate before any request', async () => {
    await expect(generate(client(), { model, prompt: '   ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      embed(client(), 'hello', { model: 'not-an-embedding-model' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(() => stream(client(), { model, prompt: 'Hi' }, { signal: 'no' as never })).toThrow(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('bound the call with timeoutMs, and a stream from every reader', async () => {
    emu.fault({ service: 'bedrock-runtime', kind: 'delay', delayMs: 600 });
    await expect(
      generate(client(), { model, prompt: 'Hi' }, { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(TimeoutError);
    const cut = stream(client(), { model, prompt: 'Hi' }, { timeoutMs: 50 });
    await expect(cut.finalMessage()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('refuse a first argument that is not a client', async () => {
    await expect(generate({} as never, { model, prompt: 'Hi' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(() => stream(undefined as never, { model, prompt: 'Hi' })).toThrow(ValidationError);
  });
});
