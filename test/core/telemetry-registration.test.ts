import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useEmulator } from '../helpers/emulator';

// Counts the imports of `@opentelemetry/api` that this file's module graph makes: aws-ai's own
// (core/telemetry.ts, a computed specifier the test runner still routes here) and the test's below.
const imports = vi.hoisted(() => ({ count: 0 }));
vi.mock('@opentelemetry/api', async (original) => {
  imports.count++;
  return original();
});

const apiGlobal = () =>
  Object.getOwnPropertySymbols(globalThis).filter((s) =>
    s.description?.startsWith('opentelemetry.js.api.'),
  );

const { client } = await useEmulator();

describe('telemetry waits for something to register with the OpenTelemetry API', () => {
  it('nothing registered: calls and streams run without importing the API', async () => {
    expect(apiGlobal()).toEqual([]);
    const published: string[] = [];
    const onStart = (m: unknown) => published.push((m as { method: string }).method);
    subscribe('tracing:aws-ai:call:start', onStart);
    const ai = client();
    try {
      await expect(ai.text.detectLanguage('Bonjour tout le monde')).resolves.toMatchObject({
        language: 'fr',
      });
      const message = await ai.generative
        .stream({ model: 'amazon.nova-lite-v1:0', prompt: 'hello there' })
        .finalMessage();
      expect(message.text).toContain('hello there');
    } finally {
      unsubscribe('tracing:aws-ai:call:start', onStart);
    }
    expect(imports.count).toBe(0);
    // node:diagnostics_channel is for everyone: a call and a stream are published without the API.
    expect(published).toEqual(['text.detectLanguage', 'generative.stream']);
  });

  it('a tracer provider registered after the first call: the next call is traced', async () => {
    const ai = client();
    await ai.text.detectLanguage('Bonjour tout le monde');
    const { trace } = await import('@opentelemetry/api');
    const spans = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
    );
    afterAll(() => trace.disable());
    expect(apiGlobal()).toHaveLength(1);

    await ai.text.detectLanguage('Bonjour tout le monde');
    const names = spans.getFinishedSpans().map((s) => s.name);
    expect(names).toEqual(['comprehend.DetectDominantLanguage', 'aws-ai.text.detectLanguage']);
  });
});
