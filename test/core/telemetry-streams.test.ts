import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { StreamError } from 'aws-ai';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

// Streams of modules that do not describe their telemetry themselves: their span opens at their
// first traced request (the client's `telemetry` setting decides) and is named after the method.
const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
);
afterAll(() => trace.disable());

const { emu, client } = await useEmulator();
beforeEach(() => spans.reset());

const finished = (): ReadableSpan[] => spans.getFinishedSpans();
const named = (name: string) => finished().filter((s) => s.name === name);
const parentOf = (s: ReadableSpan | undefined) => s?.parentSpanContext?.spanId;

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
