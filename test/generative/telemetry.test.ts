import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { StreamError, tool } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useEmulator } from '../helpers/emulator';
import { useSpans } from '../helpers/telemetry';

// Spans of tool loops and streams (issue 20): the tree under the call's or the stream's span, the
// GenAI semantic conventions, and a stream's span ending however the stream is read.
const { spans, finished, named, idOf, parentOf } = useSpans();

const { emu, client } = await useEmulator();

const model = 'amazon.nova-lite-v1:0';
/** Everything a span exports besides its name: attributes, events, status. */
const exported = () =>
  JSON.stringify(finished().map((s) => [s.attributes, s.events, s.status, s.links]));

const SECRET_CITY = 'Secret City of Jane Roe';
const weather = () =>
  tool({
    description: 'Weather in a city',
    input: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, celsius: 21, note: SECRET_CITY }),
  });

describe('telemetry: tool loop spans', () => {
  it('generate: call span -> a chat span per step -> the attempts and the tool of that step', async () => {
    const out = await client().generative.generate({
      model,
      prompt: 'use get_weather for Paris',
      tools: { get_weather: weather() },
    });
    expect(out.steps).toHaveLength(2);

    const [call] = named('aws-ai.generative.generate');
    const steps = named(`chat ${model}`).sort((a, b) =>
      Number(a.attributes['aws_ai.step']) > Number(b.attributes['aws_ai.step']) ? 1 : -1,
    );
    const tools = named('execute_tool get_weather');
    const attempts = named('bedrock-runtime.Converse');
    expect(call).toBeDefined();
    expect(steps).toHaveLength(2);
    expect(tools).toHaveLength(1);
    expect(attempts).toHaveLength(2);

    // The tree: call -> steps; step n -> its Converse attempt; step 1 -> the tool it asked for.
    for (const step of steps) expect(parentOf(step)).toBe(idOf(call));
    expect(attempts.map(parentOf).sort()).toEqual(steps.map(idOf).sort());
    expect(parentOf(tools[0])).toBe(idOf(steps[0]));
    for (const s of finished()) expect(s.spanContext().traceId).toBe(call?.spanContext().traceId);

    // GenAI semantic conventions, per step: operation, model, usage and finish reason.
    const [first, second] = out.steps;
    expect(steps[0]?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.request.model': model,
      'aws_ai.step': 1,
      'gen_ai.usage.input_tokens': first?.usage.inputTokens,
      'gen_ai.usage.output_tokens': first?.usage.outputTokens,
      'gen_ai.response.finish_reasons': ['tool-calls'],
    });
    expect(steps[1]?.attributes).toMatchObject({
      'aws_ai.step': 2,
      'gen_ai.usage.output_tokens': second?.usage.outputTokens,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(tools[0]?.attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'tooluse_emulated_get_weather',
      'gen_ai.tool.type': 'function',
    });
    expect(call?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'aws_ai.requests': 2,
      'aws_ai.steps': 2,
      'gen_ai.usage.output_tokens': out.usage.outputTokens,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    // Tool arguments and outputs stay out of the spans.
    expect(exported()).not.toContain('Jane');
    // Children end before their parents (the exporter sees spans in the order they end).
    const order = finished();
    for (const step of steps) {
      expect(order.indexOf(step)).toBeLessThan(order.indexOf(call as ReadableSpan));
    }
  });

  it('a tool that throws: its span records the error class, not the message', async () => {
    await client().generative.generate({
      model,
      prompt: 'use get_weather for Paris',
      tools: {
        get_weather: tool({
          description: 'Weather in a city',
          input: z.object({ city: z.string() }),
          execute: async () => {
            throw new RangeError(`no weather for ${SECRET_CITY}`);
          },
        }),
      },
    });
    const [toolSpan] = named('execute_tool get_weather');
    expect(toolSpan?.status.code).toBe(2);
    expect(toolSpan?.attributes['error.type']).toBe('RangeError');
    expect(exported()).not.toContain('Jane');
  });

  it('stream with tools: stream span -> chat steps -> the tool; the stream span ends at the end', async () => {
    const stream = client().generative.stream({
      model,
      prompt: 'use get_weather for Paris',
      tools: { get_weather: weather() },
    });
    const message = await stream.finalMessage();
    expect(message.steps).toBe(2);

    const [streamSpan] = named('aws-ai.generative.stream');
    const steps = named(`chat ${model}`);
    const [toolSpan] = named('execute_tool get_weather');
    const attempts = named('bedrock-runtime.ConverseStream');
    expect(steps).toHaveLength(2);
    expect(attempts).toHaveLength(2);
    for (const step of steps) expect(parentOf(step)).toBe(idOf(streamSpan));
    expect(attempts.map(parentOf).sort()).toEqual(steps.map(idOf).sort());
    const first = steps.find((s) => s.attributes['aws_ai.step'] === 1);
    expect(parentOf(toolSpan)).toBe(idOf(first));
    expect(first?.attributes['gen_ai.response.finish_reasons']).toEqual(['tool-calls']);
    expect(typeof first?.attributes['gen_ai.usage.output_tokens']).toBe('number');
    expect(streamSpan?.attributes).toMatchObject({
      'aws_ai.stream': true,
      'aws_ai.stream.outcome': 'completed',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': model,
      'aws_ai.requests': 2,
      'aws_ai.steps': 2,
      'gen_ai.usage.input_tokens': message.usage.inputTokens,
      'gen_ai.usage.output_tokens': message.usage.outputTokens,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(streamSpan?.status.code).toBe(0);
    expect(exported()).not.toContain('Jane');
  });
});

describe('telemetry: stream spans', () => {
  it('a stream read to the end: one span, open until the last event', async () => {
    const stream = client().generative.stream({ model, prompt: 'one two three' });
    let events = 0;
    for await (const _ of stream) {
      events++;
      // Still open while the stream is being read.
      expect(named('aws-ai.generative.stream')).toHaveLength(0);
    }
    const [span] = named('aws-ai.generative.stream');
    const [attempt] = named('bedrock-runtime.ConverseStream');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream.outcome': 'completed',
      'aws_ai.events': events,
      'rpc.service': 'bedrock-runtime',
      'rpc.method': 'ConverseStream',
    });
    expect(parentOf(named(`chat ${model}`)[0])).toBe(idOf(span));
    expect(parentOf(attempt)).toBe(idOf(named(`chat ${model}`)[0]));
    expect(span?.attributes['aws.request_ids']).toEqual([attempt?.attributes['aws.request_id']]);
  });

  it('a stream broken out of early: the span ends at the break, not an error', async () => {
    const stream = client().generative.stream({ model, prompt: 'one two three four five six' });
    for await (const event of stream) {
      if (event.type === 'text-delta') break;
    }
    const [span] = named('aws-ai.generative.stream');
    expect(span).toBeDefined();
    expect(span?.attributes['aws_ai.stream.outcome']).toBe('stopped');
    expect(span?.status.code).toBe(0);
    // The open step ends with it.
    expect(named(`chat ${model}`)).toHaveLength(1);
  });

  it('a stream aborted between reads: the span ends with the AbortError at once', async () => {
    const stream = client().generative.stream({ model, prompt: 'one two three four five six' });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(named('aws-ai.generative.stream')).toHaveLength(0);
    stream.abort();
    const [span] = named('aws-ai.generative.stream');
    expect(span?.attributes['error.type']).toBe('AbortError');
    expect(span?.status.code).toBe(2);
  });

  it('a stream failing mid-way: StreamError class and code recorded, no payload text', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'stream-error',
      afterEvents: 3,
      code: 'ValidationException',
    });
    const prompt = `Summarize the record of ${SECRET_CITY}`;
    const err = await client()
      .generative.stream({ model, prompt })
      .collect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    const [span] = named('aws-ai.generative.stream');
    expect(span?.status.code).toBe(2);
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream.outcome': 'error',
      'error.type': 'StreamError',
      'aws_ai.error.code': 'ValidationException',
    });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
    expect(span?.events[0]?.attributes).toEqual({
      'exception.type': 'StreamError',
      'exception.message': 'ValidationException',
    });
    // The open step records the failure too.
    expect(named(`chat ${model}`)[0]?.attributes['error.type']).toBe('StreamError');
    expect(exported()).not.toContain('Jane');
    expect(exported()).not.toContain('Summarize');
  });

  it('finalMessage() reads the stream: the span ends when the message settles', async () => {
    const stream = client().generative.stream({ model, prompt: 'hello there' });
    await stream.finalMessage();
    expect(named('aws-ai.generative.stream')[0]?.attributes['aws_ai.stream.outcome']).toBe(
      'completed',
    );
  });

  it('a web ReadableStream cancelled early: the span ends as stopped', async () => {
    const reader = client()
      .generative.stream({ model, prompt: 'one two three four five six' })
      .toReadableStream()
      .getReader();
    await reader.read();
    await reader.cancel();
    const [span] = named('aws-ai.generative.stream');
    expect(span?.attributes['aws_ai.stream.outcome']).toBe('stopped');
  });

  it('invokeStream: its own span, the request under it', async () => {
    const stream = client().generative.invokeStream('anthropic.claude-3-haiku-20240307-v1:0', {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await stream.collect();
    const [span] = named('aws-ai.generative.invokeStream');
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke',
      'aws_ai.stream.outcome': 'completed',
    });
    const [attempt] = named('bedrock-runtime.InvokeModelWithResponseStream');
    expect(parentOf(attempt)).toBe(idOf(span));
  });

  it('a stream cut by its deadline while nobody reads: the span ends with the TimeoutError', async () => {
    let release = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      yield { messageStart: { role: 'assistant' } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Once upon ' } } };
      await stalled;
      yield { messageStop: { stopReason: 'end_turn' } };
    });
    try {
      const stream = client().generative.stream({ model, prompt: 'a story' }, { timeoutMs: 300 });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      // The reader holds the stream without reading; the deadline passes.
      await new Promise((resolve) => setTimeout(resolve, 450));
      const [span] = named('aws-ai.generative.stream');
      expect(span?.attributes).toMatchObject({
        'aws_ai.stream.outcome': 'error',
        'error.type': 'TimeoutError',
      });
      await iterator.return?.();
    } finally {
      release();
    }
  });

  it('streamObject: a span named after it, its request under it', async () => {
    const stream = client().generative.streamObject({
      model,
      schema: z.object({ name: z.string(), steps: z.array(z.string()).min(2) }),
      prompt: 'Pancakes',
    });
    for await (const _ of stream.partialObjectStream) {
      // read to the end
    }
    await stream.object;
    const [span] = named('aws-ai.generative.streamObject');
    expect(span?.attributes['aws_ai.stream.outcome']).toBe('completed');
    const attempts = named('bedrock-runtime.ConverseStream');
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) expect(parentOf(attempt)).toBe(idOf(span));
  });

  it('streamObject: object settles after the read it started ended, so the span is closed by then', async () => {
    const stream = client().generative.streamObject({
      model,
      schema: z.object({ name: z.string(), steps: z.array(z.string()).min(2) }),
      prompt: 'Pancakes',
    });
    const object = await stream.object;
    expect(object.steps.length).toBeGreaterThanOrEqual(2);
    const [span] = named('aws-ai.generative.streamObject');
    expect(span?.attributes['aws_ai.stream.outcome']).toBe('completed');
    expect(span?.attributes['aws_ai.events']).toBeGreaterThan(0);
  });

  it('streamObject: usage and result() settle after the span ended too, and a failure as well', async () => {
    const usage = await client().generative.streamObject({
      model,
      schema: z.object({ name: z.string() }),
      prompt: 'A name',
    }).usage;
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(named('aws-ai.generative.streamObject')).toHaveLength(1);
    spans.reset();

    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'stream-error',
      afterEvents: 2,
      code: 'ValidationException',
    });
    const err = await client()
      .generative.streamObject({ model, schema: z.object({ name: z.string() }), prompt: 'A name' })
      .result()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    const [span] = named('aws-ai.generative.streamObject');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream.outcome': 'error',
      'error.type': 'StreamError',
    });
  });

  it('chat.stream: its own span, the chat step and its request under it', async () => {
    const chat = client().generative.chat({ model, system: 'Be brief.' });
    expect(await chat.stream('My name is Ada.').text).not.toBe('');
    const [span] = named('aws-ai.generative.chat.stream');
    expect(named('aws-ai.generative.stream')).toHaveLength(0);
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream.outcome': 'completed',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': model,
      'aws_ai.steps': 1,
    });
    const [step] = named(`chat ${model}`);
    expect(parentOf(step)).toBe(idOf(span));
    expect(parentOf(named('bedrock-runtime.ConverseStream')[0])).toBe(idOf(step));
    // The turn joined the history once the stream ended.
    expect(chat.history).toHaveLength(2);
  });

  it('voice: a span for the session, opened at its first read', async () => {
    const session = client().generative.voice({ model: 'amazon.nova-sonic-v1:0' });
    session.sendText('Hello there');
    let events = 0;
    for await (const event of session) {
      events++;
      if (event.type === 'turn-end') session.close();
    }
    const [span] = named('aws-ai.generative.voice');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream': true,
      'aws_ai.stream.outcome': 'completed',
      'aws_ai.events': events,
      'rpc.service': 'bedrock-runtime',
      'rpc.method': 'InvokeModelWithBidirectionalStream',
    });
  });

  it('telemetry: false: no stream span, no step span', async () => {
    await client({ telemetry: false })
      .generative.stream({
        model,
        prompt: 'use get_weather for Paris',
        tools: { get_weather: weather() },
      })
      .finalMessage();
    await client({ telemetry: false })
      .generative.streamObject({ model, schema: z.object({ name: z.string() }), prompt: 'A name' })
      .result();
    await client({ telemetry: false }).generative.chat({ model }).stream('Hi').finalMessage();
    expect(finished()).toHaveLength(0);
  });
});
