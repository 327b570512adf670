/**
 * Telemetry for every public call: OpenTelemetry spans and metrics through `@opentelemetry/api` when
 * the application has it (an optional peer, imported on the first call and never bundled by us), and
 * `node:diagnostics_channel` events for everyone. See docs/decisions/0007-telemetry.md.
 *
 * - One span per public call, `aws-ai.<module>.<method>`, with a child span per request attempt
 *   (`<service>.<operation>`); the SDK's own instrumentation, if any, nests under the attempt.
 * - Attributes: service, operation, attempts, throttles, requests, items failed, request ids; for
 *   Bedrock the GenAI semantic conventions the module adds.
 * - Errors are recorded by class and code only (our messages are already scrubbed, but a span is
 *   exported to a third party: no message text at all).
 * - `telemetry: false` in the config turns all of it off.
 *
 * @internal
 * @packageDocumentation
 */

import { tracingChannel } from 'node:diagnostics_channel';
import type { Attributes, Context, Meter, Span, Tracer } from '@opentelemetry/api';
import { VERSION } from '../version';
import { AwsAIError, ThrottlingError } from './errors';

/** Values a span attribute may hold. @internal */
export type AttributeValue = string | number | boolean | string[];

/** What a module tells about its call beyond service and operation (e.g. GenAI attributes). @internal */
export interface CallTelemetry {
  /** `<module>.<method>`, e.g. `text.sentiment`. */
  readonly method: string;
  /** Attributes known before the call (e.g. `gen_ai.request.model`). */
  readonly attributes?: Readonly<Record<string, AttributeValue>> | undefined;
  /** Attributes read from the call's value (e.g. token usage). */
  readonly describe?: ((value: unknown) => Record<string, AttributeValue | undefined>) | undefined;
}

/** Counters of one call, filled by every request it makes. @internal */
export interface CallStats {
  requests: number;
  throttles: number;
  readonly requestIds: string[];
}

/** The OpenTelemetry API as far as aws-ai uses it. */
interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): Tracer;
    setSpan(context: Context, span: Span): Context;
  };
  context: { active(): Context; with<T>(context: Context, fn: () => T): T };
  metrics: { getMeter(name: string, version?: string): Meter };
  SpanKind: { INTERNAL: number; CLIENT: number };
  SpanStatusCode: { ERROR: number };
}

/** Loaded instruments; `undefined` when the API is absent. */
export interface Instruments {
  readonly api: OtelApi;
  readonly tracer: Tracer;
  readonly calls: ReturnType<Meter['createCounter']>;
  readonly attempts: ReturnType<Meter['createCounter']>;
  readonly throttles: ReturnType<Meter['createCounter']>;
  readonly duration: ReturnType<Meter['createHistogram']>;
  readonly tokens: ReturnType<Meter['createHistogram']>;
}

// A computed specifier: bundlers leave it alone, so an app without the package still bundles and
// runs, and one with it shares the global tracer and meter providers its own SDK registered.
const OTEL_API = ['@opentelemetry', 'api'].join('/');

let loading: Promise<Instruments | undefined> | undefined;

function load(): Promise<Instruments | undefined> {
  loading ??= import(/* @vite-ignore */ OTEL_API).then(
    (mod: Partial<OtelApi> & { default?: Partial<OtelApi> }) => {
      const api = (mod.trace ? mod : mod.default) as OtelApi | undefined;
      if (!api?.trace || !api.context || !api.metrics) return undefined;
      const meter = api.metrics.getMeter('aws-ai', VERSION);
      return {
        api,
        tracer: api.trace.getTracer('aws-ai', VERSION),
        calls: meter.createCounter('aws_ai.calls', { description: 'Public calls made' }),
        attempts: meter.createCounter('aws_ai.attempts', {
          description: 'Requests sent to AWS, retries included',
        }),
        throttles: meter.createCounter('aws_ai.throttles', {
          description: 'Requests AWS throttled',
        }),
        duration: meter.createHistogram('aws_ai.call.duration', {
          description: 'Duration of public calls',
          unit: 'ms',
        }),
        tokens: meter.createHistogram('gen_ai.client.token.usage', {
          description: 'Tokens used by generative calls',
          unit: '{token}',
        }),
      };
    },
    () => undefined,
  );
  return loading;
}

/**
 * The instruments for a client: `undefined` when `telemetry: false` or when `@opentelemetry/api` is
 * not installed (then nothing is recorded and nothing fails).
 * @internal
 */
export function instruments(enabled: boolean): Promise<Instruments | undefined> {
  return enabled ? load() : Promise.resolve(undefined);
}

/** `node:diagnostics_channel` tracing channel of every public call: `aws-ai:call`. */
const callChannel = tracingChannel<unknown, CallMessage>('aws-ai:call');

/** What subscribers of the `aws-ai:call` tracing channel receive. */
export interface CallMessage {
  /** `<module>.<method>`, e.g. `text.sentiment`. */
  method: string;
  service: string;
  operation: string;
  /** Set on `asyncEnd`: requests sent, throttled answers, wall time. */
  requests?: number;
  throttles?: number;
  ms?: number;
  /** Set on `error`: the error (an `AwsAIError`). */
  error?: unknown;
  /** Set on `asyncEnd` of a success. */
  result?: unknown;
}

/** One public call's span and counters. @internal */
export interface CallTrace {
  readonly stats: CallStats;
  /** The context children are created in (the call's span), if tracing. */
  readonly context: Context | undefined;
  readonly instruments: Instruments | undefined;
  readonly service: string;
  readonly operation: string;
  end(outcome: { value?: unknown; error?: unknown }): void;
}

/**
 * Starts the trace of one public call.
 * @internal
 */
export function startCall(
  inst: Instruments | undefined,
  site: { service: string; operation: string },
  call: CallTelemetry | undefined,
): CallTrace {
  const stats: CallStats = { requests: 0, throttles: 0, requestIds: [] };
  const method = call?.method ?? `${site.service}.${site.operation}`;
  const started = performance.now();
  const span = inst?.tracer.startSpan(`aws-ai.${method}`, {
    kind: inst.api.SpanKind.INTERNAL,
    attributes: {
      'aws_ai.method': method,
      'rpc.system': 'aws-api',
      'rpc.service': site.service,
      'rpc.method': site.operation,
      ...call?.attributes,
    },
  });
  const context =
    span && inst ? inst.api.trace.setSpan(inst.api.context.active(), span) : undefined;
  const message: CallMessage = { method, service: site.service, operation: site.operation };
  if (callChannel.hasSubscribers) callChannel.start.publish(message);
  return {
    stats,
    context,
    instruments: inst,
    service: site.service,
    operation: site.operation,
    end: ({ value, error }) => {
      const ms = performance.now() - started;
      const base: Attributes = { 'aws_ai.method': method, 'rpc.service': site.service };
      if (span && inst) {
        const failedItems = Array.isArray(value) ? value.filter(isItemError).length : 0;
        span.setAttributes({
          'aws_ai.requests': stats.requests,
          'aws_ai.throttles': stats.throttles,
          ...(Array.isArray(value)
            ? { 'aws_ai.items': value.length, 'aws_ai.items_failed': failedItems }
            : {}),
          ...(stats.requestIds.length > 0
            ? { 'aws.request_ids': stats.requestIds.slice(0, 32) }
            : {}),
          ...definedOnly(error === undefined ? call?.describe?.(value) : undefined),
        });
        if (error !== undefined) recordError(inst, span, error);
        span.end();
        inst.calls.add(1, { ...base, 'error.type': error === undefined ? '' : errorType(error) });
        inst.duration.record(ms, base);
        const usage = error === undefined ? call?.describe?.(value) : undefined;
        for (const kind of ['input', 'output'] as const) {
          const n = usage?.[`gen_ai.usage.${kind}_tokens`];
          if (typeof n === 'number') inst.tokens.record(n, { ...base, 'gen_ai.token.type': kind });
        }
      }
      if (callChannel.hasSubscribers) {
        Object.assign(message, { requests: stats.requests, throttles: stats.throttles, ms });
        if (error !== undefined) {
          message.error = error;
          callChannel.error.publish(message);
        } else message.result = value;
        callChannel.asyncEnd.publish(message);
      }
    },
  };
}

/**
 * Runs one request attempt in its own child span (under the call's span when there is one), so the
 * SDK's instrumentation nests under it; counts it into the call's stats.
 * @internal
 */
export async function traceAttempt<T>(
  trace: { context: Context | undefined; instruments: Instruments | undefined; stats?: CallStats },
  site: { service: string; operation: string },
  attempt: number,
  fn: () => Promise<T>,
): Promise<T> {
  const { instruments: inst, stats } = trace;
  if (stats) stats.requests++;
  if (!inst) {
    try {
      const out = await fn();
      noteRequestId(stats, out);
      return out;
    } catch (err) {
      if (stats && ThrottlingError.isInstance(err)) stats.throttles++;
      throw err;
    }
  }
  const parent = trace.context ?? inst.api.context.active();
  const span = inst.tracer.startSpan(
    `${site.service}.${site.operation}`,
    {
      kind: inst.api.SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': site.service,
        'rpc.method': site.operation,
        'aws_ai.attempt': attempt,
      },
    },
    parent,
  );
  const attrs = { 'rpc.service': site.service, 'rpc.method': site.operation };
  inst.attempts.add(1, attrs);
  try {
    const out = await inst.api.context.with(inst.api.trace.setSpan(parent, span), fn);
    const id = noteRequestId(stats, out);
    if (id) span.setAttribute('aws.request_id', id);
    return out;
  } catch (err) {
    if (ThrottlingError.isInstance(err)) {
      if (stats) stats.throttles++;
      inst.throttles.add(1, attrs);
    }
    if (AwsAIError.isInstance(err) && err.requestId)
      span.setAttribute('aws.request_id', err.requestId);
    recordError(inst, span, err);
    throw err;
  } finally {
    span.end();
  }
}

function noteRequestId(stats: CallStats | undefined, out: unknown): string | undefined {
  const id = (out as { $metadata?: { requestId?: unknown } } | undefined)?.$metadata?.requestId;
  if (typeof id !== 'string') return undefined;
  if (stats && stats.requestIds.length < 256) stats.requestIds.push(id);
  return id;
}

/** Class and code only: a span leaves the process, so no message text goes with it. */
function recordError(inst: Instruments, span: Span, err: unknown): void {
  const type = errorType(err);
  span.setAttribute('error.type', type);
  if (AwsAIError.isInstance(err)) {
    span.setAttributes({
      ...(err.code ? { 'aws_ai.error.code': err.code } : {}),
      ...(err.statusCode ? { 'http.response.status_code': err.statusCode } : {}),
      ...(err.requestId ? { 'aws.request_id': err.requestId } : {}),
    });
  }
  span.recordException({
    name: type,
    message: AwsAIError.isInstance(err) ? (err.code ?? type) : type,
  });
  span.setStatus({ code: inst.api.SpanStatusCode.ERROR, message: type });
}

function errorType(err: unknown): string {
  if (AwsAIError.isInstance(err)) return err.name;
  return err instanceof Error ? err.name : typeof err;
}

function isItemError(value: unknown): boolean {
  return AwsAIError.isInstance(value) && value.name === 'BatchItemError';
}

function definedOnly(
  attrs: Record<string, AttributeValue | undefined> | undefined,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined) out[k] = v;
  return out;
}
