import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { responseOf, ThrottlingError } from 'aws-ai';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { useSpans } from '../helpers/telemetry';

const { finished, named, parentOf } = useSpans();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 60_000,
});
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
afterAll(() => metrics.disable());

const { emu, client } = await useEmulator();

describe('telemetry: OpenTelemetry spans', () => {
  it('a retried call: one call span, a child span per attempt, throttles counted', async () => {
    emu.fault({ service: 'comprehend', kind: 'throttle', times: 2 });
    const result = await client().text.detectLanguage('Hello there, how are you?');
    const [call] = named('aws-ai.text.detectLanguage');
    expect(call).toBeDefined();
    const attempts = named('comprehend.DetectDominantLanguage');
    expect(attempts).toHaveLength(3);
    for (const a of attempts) {
      expect(parentOf(a)).toBe(call?.spanContext().spanId);
      expect(a.spanContext().traceId).toBe(call?.spanContext().traceId);
    }
    expect(attempts.map((a) => a.attributes['aws_ai.attempt'])).toEqual([1, 2, 3]);
    expect(
      attempts.slice(0, 2).every((a) => a.attributes['error.type'] === 'ThrottlingError'),
    ).toBe(true);
    expect(call?.attributes).toMatchObject({
      'rpc.service': 'comprehend',
      'aws_ai.requests': 3,
      'aws_ai.throttles': 2,
    });
    // The same figures, on the result, in one shape for every module.
    const meta = responseOf(result);
    expect(meta?.attempts).toBe(3);
    expect(meta?.throttles).toBe(2);
    expect(meta?.requestIds).toHaveLength(1);
    expect(meta?.requestIds[0]).toBe(emu.calls.at(-1)?.requestId);
  });

  it('a 60-document sentiment call: three batch spans under one call span', async () => {
    const docs = Array.from({ length: 60 }, (_, i) => `Review ${i} was great.`);
    const results = await client().text.sentiment(docs, { language: 'en' });
    const [call] = named('aws-ai.text.sentiment');
    const batches = named('comprehend.BatchDetectSentiment');
    expect(batches).toHaveLength(3);
    expect(batches.every((b) => parentOf(b) === call?.spanContext().spanId)).toBe(true);
    expect(call?.attributes).toMatchObject({ 'aws_ai.items': 60, 'aws_ai.items_failed': 0 });
    expect(responseOf(results)?.requestIds).toHaveLength(3);
  });

  it('a failed call records the error class and code, never the message text', async () => {
    emu.fault({ service: 'comprehend', kind: 'throttle' });
    const secret = 'Patient record of Jane Roe, born 1970';
    const err = await client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } })
      .text.detectLanguage(secret)
      .catch((e: unknown) => e);
    expect(ThrottlingError.isInstance(err)).toBe(true);
    const [call] = named('aws-ai.text.detectLanguage');
    expect(call?.status.code).toBe(2); // ERROR
    expect(call?.attributes['error.type']).toBe('ThrottlingError');
    expect(call?.attributes['aws_ai.error.code']).toBe('ThrottlingException');
    expect(JSON.stringify(finished().map((s) => [s.attributes, s.events, s.status]))).not.toContain(
      'Jane',
    );
  });

  it('generative calls carry the GenAI semantic conventions', async () => {
    const out = await client().generative.generate({
      model: 'amazon.nova-lite-v1:0',
      prompt: 'Say hi',
    });
    const [call] = named('aws-ai.generative.generate');
    expect(call?.attributes).toMatchObject({
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.request.model': 'amazon.nova-lite-v1:0',
      'gen_ai.usage.input_tokens': out.usage.inputTokens,
      'gen_ai.usage.output_tokens': out.usage.outputTokens,
    });
    expect(call?.attributes['gen_ai.response.finish_reasons']).toEqual([out.finishReason]);
  });

  it('telemetry: false records nothing', async () => {
    await client({ telemetry: false }).text.detectLanguage('Hello there');
    expect(finished()).toHaveLength(0);
  });

  it('metrics: calls, attempts, throttles and duration', async () => {
    emu.fault({ service: 'comprehend', kind: 'throttle', times: 1 });
    await client().text.detectLanguage('Hello again');
    await reader.forceFlush();
    const names = metricExporter
      .getMetrics()
      .flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics.map((x) => x.descriptor.name)));
    expect(names).toEqual(
      expect.arrayContaining([
        'aws_ai.calls',
        'aws_ai.attempts',
        'aws_ai.throttles',
        'aws_ai.call.duration',
      ]),
    );
  });
});

describe('telemetry: node:diagnostics_channel', () => {
  it('publishes start and end of every public call on aws-ai:call', async () => {
    const seen: string[] = [];
    const onStart = (m: unknown) => seen.push(`start ${(m as { method: string }).method}`);
    const onEnd = (m: unknown) =>
      seen.push(
        `end ${(m as { method: string; requests: number }).method} ${(m as { requests: number }).requests}`,
      );
    subscribe('tracing:aws-ai:call:start', onStart);
    subscribe('tracing:aws-ai:call:asyncEnd', onEnd);
    try {
      await client({ telemetry: false }).text.detectLanguage('Hello there');
    } finally {
      unsubscribe('tracing:aws-ai:call:start', onStart);
      unsubscribe('tracing:aws-ai:call:asyncEnd', onEnd);
    }
    expect(seen).toEqual(['start text.detectLanguage', 'end text.detectLanguage 1']);
  });
});
