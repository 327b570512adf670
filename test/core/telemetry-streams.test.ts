import { StreamError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { useSpans } from '../helpers/telemetry';

// A span per stream, whatever the module. Knowledge, agents, endpoints and the transcription
// streams pass their telemetry to AwsAIStream.from: the span is `aws-ai.<module>.<method>` and
// opens at the first read, before any request. A stream that does not (speech.synthesizeStream)
// has its span opened at its first traced request, named from core's operation table.
const { spans, finished, named, parentOf } = useSpans();

const { emu, client } = await useEmulator();

describe('telemetry: a span per stream, any module', () => {
  it('endpoints.invokeStream read to the end: the request under the stream span', async () => {
    // Warm up: the first stream of a process may start before the API's import settled.
    await client().endpoints.invokeStream('tgi', { inputs: 'warm' }).collect();
    spans.reset();
    const events = await client().endpoints.invokeStream('tgi', { inputs: 'A story' }).collect();
    const [span] = named('aws-ai.endpoints.invokeStream');
    const [attempt] = named('sagemaker-runtime.InvokeEndpointWithResponseStream');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream': true,
      'aws_ai.stream.outcome': 'completed',
      'aws_ai.events': events.length,
      'aws_ai.requests': 1,
    });
    expect(parentOf(attempt)).toBe(span?.spanContext().spanId);
  });

  it('a stream failing mid-way: the error class and code, no payload', async () => {
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
      kind: 'stream-error',
      afterEvents: 1,
    });
    const err = await client()
      .endpoints.invokeStream('tgi', { inputs: 'The diagnosis of Jane Roe' })
      .collect()
      .catch((e: unknown) => e);
    expect(StreamError.isInstance(err)).toBe(true);
    const [span] = named('aws-ai.endpoints.invokeStream');
    expect(span?.status.code).toBe(2);
    expect(span?.attributes['error.type']).toBe('StreamError');
    expect(span?.attributes['aws.request_id']).toBe((err as StreamError).requestId);
    expect(JSON.stringify(finished().map((s) => [s.attributes, s.events]))).not.toContain('Jane');
  });

  it('a stream broken out of early ends its span', async () => {
    for await (const _ of client().endpoints.invokeStream('tgi', { inputs: 'A long story' })) break;
    expect(named('aws-ai.endpoints.invokeStream')[0]?.attributes['aws_ai.stream.outcome']).toBe(
      'stopped',
    );
  });

  it('knowledge.askStream and speech.transcribeStream: named after their method', async () => {
    emu.knowledgeBase('KB12345678', [{ id: 'a', text: 'Employees get 25 vacation days.' }]);
    await client()
      .knowledge.askStream('vacation days', {
        knowledgeBaseId: 'KB12345678',
        model: 'amazon.nova-lite-v1:0',
      })
      .finalMessage();
    const [ask] = named('aws-ai.knowledge.askStream');
    expect(ask?.attributes['aws_ai.stream.outcome']).toBe('completed');
    expect(parentOf(named('bedrock-agent-runtime.RetrieveAndGenerateStream')[0])).toBe(
      ask?.spanContext().spanId,
    );

    const pcm = new Uint8Array(16_000 * 2).fill(1);
    await client()
      .speech.transcribeStream(
        (async function* () {
          yield pcm;
        })(),
        { sampleRate: 16_000, encoding: 'pcm', pace: 0 },
      )
      .collect();
    const [live] = named('aws-ai.speech.transcribeStream');
    expect(live?.attributes['aws_ai.stream.outcome']).toBe('completed');
    expect(parentOf(named('transcribe-streaming.StartStreamTranscription')[0])).toBe(
      live?.spanContext().spanId,
    );
  });

  it('telemetry: false: no span for the stream', async () => {
    await client({ telemetry: false }).endpoints.invokeStream('tgi', { inputs: 'x' }).collect();
    expect(finished()).toHaveLength(0);
  });
});

describe('telemetry: streams that name their own span', () => {
  const agent = { id: 'AGENT12345', aliasId: 'TSTALIASID' };
  const flow = { id: 'FLOW123456', aliasId: 'ALIAS12345' };
  const ordersAgent = {
    name: 'orders',
    model: 'amazon.nova-pro-v1:0',
    instruction: 'You answer questions about orders. Use the tools to look orders up.',
  };

  it('agents.invoke, invokeInline and flow: one span each, named after the method, the request under it', async () => {
    emu.agent(agent.id, { steps: [{ text: 'ok' }] });
    emu.agent('orders', { steps: [{ text: 'Order 42 shipped' }] });
    emu.flow(flow.id, { steps: [{ output: 'one' }, { output: 'two' }] });
    const invoked = await client().agents.invoke(agent, 'Hi').collect();
    expect(await client().agents.invokeInline(ordersAgent, 'Where is order 42?').text).toBe(
      'Order 42 shipped',
    );
    const flowed = await client().agents.flow(flow, 'a b c').finalMessage();
    expect(flowed.text).toBe('one\ntwo');

    const cases = [
      ['aws-ai.agents.invoke', 'bedrock-agent-runtime.InvokeAgent'],
      ['aws-ai.agents.invokeInline', 'bedrock-agent-runtime.InvokeInlineAgent'],
      ['aws-ai.agents.flow', 'bedrock-agent-runtime.InvokeFlow'],
    ] as const;
    for (const [name, attemptName] of cases) {
      const spansOf = named(name);
      expect(spansOf, name).toHaveLength(1);
      expect(spansOf[0]?.attributes, name).toMatchObject({
        'aws_ai.stream': true,
        'aws_ai.stream.outcome': 'completed',
        'aws_ai.requests': 1,
        'rpc.service': 'bedrock-agent-runtime',
      });
      const attempts = named(attemptName);
      expect(attempts, attemptName).toHaveLength(1);
      expect(parentOf(attempts[0]), attemptName).toBe(spansOf[0]?.spanContext().spanId);
    }
    expect(named('aws-ai.agents.invoke')[0]?.attributes['aws_ai.events']).toBe(invoked.length);
  });

  it('input refused at the first read, before any request: the span still opens and records it', async () => {
    // Only a stream that names its span itself has one without a request: the operation table
    // of core/stream-telemetry.ts opens a span at the first traced request.
    const refused = [
      client().agents.invoke({ id: 'bad id!', aliasId: 'TSTALIASID' }, 'x').text,
      client().agents.invokeInline({ ...ordersAgent, instruction: 'too short' }, 'x').text,
      client().agents.flow({ id: 'bad id!', aliasId: 'ALIAS12345' }, 'x').text,
      client().knowledge.askStream('vacation days', { model: 'amazon.nova-lite-v1:0' } as never)
        .text,
    ];
    for (const pending of refused) {
      await expect(pending).rejects.toBeInstanceOf(ValidationError);
    }
    for (const name of [
      'aws-ai.agents.invoke',
      'aws-ai.agents.invokeInline',
      'aws-ai.agents.flow',
      'aws-ai.knowledge.askStream',
    ]) {
      const [span] = named(name);
      expect(span?.attributes, name).toMatchObject({
        'aws_ai.stream.outcome': 'error',
        'error.type': 'ValidationError',
        'aws_ai.requests': 0,
      });
      expect(span?.status.code, name).toBe(2);
    }
    // No request was made, so no attempt span either.
    expect(finished().filter((s) => s.name.startsWith('bedrock-agent-runtime.'))).toEqual([]);
  });

  it('endpoints.invokeStream aborted between reads: its span ends at once with the AbortError', async () => {
    const stream = client().endpoints.invokeStream('tgi', { inputs: 'A long story' });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(named('aws-ai.endpoints.invokeStream')).toHaveLength(0);
    stream.abort();
    const [span] = named('aws-ai.endpoints.invokeStream');
    expect(span?.attributes).toMatchObject({
      'aws_ai.stream.outcome': 'error',
      'error.type': 'AbortError',
      'aws_ai.events': 1,
    });
  });

  it('telemetry: false on the client: no span for agents or knowledge streams', async () => {
    emu.agent(agent.id, { steps: [{ text: 'ok' }] });
    emu.knowledgeBase('KB12345678', [{ id: 'a', text: 'Employees get 25 vacation days.' }]);
    const off = client({ telemetry: false });
    await off.agents.invoke(agent, 'Hi').finalMessage();
    await off.knowledge
      .askStream('vacation days', { knowledgeBaseId: 'KB12345678', model: 'amazon.nova-lite-v1:0' })
      .finalMessage();
    await expect(
      off.agents.invoke({ id: 'bad id!', aliasId: 'TSTALIASID' }, 'x').text,
    ).rejects.toBeInstanceOf(ValidationError);
    expect(finished()).toHaveLength(0);
  });
});
