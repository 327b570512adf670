import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach } from 'vitest';

/** What {@link useSpans} hands a test file: the exporter and the lookups the telemetry tests share. */
export interface SpanRecorder {
  /** The in-memory exporter every finished span lands in; reset before each test. */
  spans: InMemorySpanExporter;
  /** The spans finished so far, in the order they ended. */
  finished: () => ReadableSpan[];
  /** The finished spans called `name`. */
  named: (name: string) => ReadableSpan[];
  /** A span's own id. */
  idOf: (s: ReadableSpan | undefined) => string | undefined;
  /** The id of a span's parent. */
  parentOf: (s: ReadableSpan | undefined) => string | undefined;
}

/**
 * Registers a global tracer provider that exports to memory, for one test file: disabled after the
 * file, the exporter reset before each test. Call it at the top of the file, before `useEmulator()`,
 * so that the clients the file builds trace into it.
 */
export function useSpans(): SpanRecorder {
  const spans = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  afterAll(() => trace.disable());
  beforeEach(() => spans.reset());
  const finished = (): ReadableSpan[] => spans.getFinishedSpans();
  return {
    spans,
    finished,
    named: (name) => finished().filter((s) => s.name === name),
    idOf: (s) => s?.spanContext().spanId,
    parentOf: (s) => s?.parentSpanContext?.spanId,
  };
}
