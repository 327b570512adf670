/**
 * Telemetry for every public call: OpenTelemetry spans and metrics through `@opentelemetry/api` when
 * the application has it (an optional peer, imported on the first call and never bundled by us), and
 * `node:diagnostics_channel` events for everyone. See docs/decisions/0007-telemetry-and-result-metadata.md.
 *
 * - One span per public call, `aws-ai.<module>.<method>`, with a child span per request attempt
 *   (`<service>.<operation>`); the SDK's own instrumentation, if any, nests under the attempt.
 * - One span per stream, open from its first read until it ends, fails, is aborted or stopped
 *   (stream-telemetry.ts; the hook here is {@link streamOf}).
 * - Tool loops (generative): a span per step (`chat <model>`, one model call with its retries and
 *   the tools it asked for) and per tool execution (`execute_tool <name>`), after the OpenTelemetry
 *   GenAI semantic conventions (made by the module: {@link CallTelemetry.loop}, {@link Loop}).
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
import { AwsAIError, ThrottlingError } from '../errors';
import { VERSION } from '../version';

/** Values a span attribute may hold. @internal */
export type AttributeValue = string | number | boolean | string[];

/** Attributes read from a value; `undefined` ones are left out. @internal */
export type Described = Record<string, AttributeValue | undefined>;

/**
 * The steps of a tool loop, made by the module that runs it (generative's gen-ai-telemetry.ts): a
 * step span per model call (the requests of {@link operation}, retries and restarts included),
 * parent of that call's attempts and of the tools it asked for. @internal
 */
export interface Loop {
  /** The AWS operation of the loop's model calls, e.g. `Converse`. */
  readonly operation: string;
  /** The current step's context, opening a step when none is open. */
  open(): Context;
  /** A model call answered `out` (its usage and finish reason). */
  noted(out: unknown): void;
  /** One streamed event (its usage and finish reason). */
  event(event: unknown): void;
  /** A span for one tool execution, under the current step. */
  tool(id: string, name: string): ToolSpan;
  /** Ends the open step, if any: its tools ran, or the call ended (`error` when it failed). */
  close(error?: unknown): void;
  /** For the call's span: steps, usage summed, the last finish reasons. */
  totals(): Attributes;
}

/** One tool execution's span. @internal */
export interface ToolSpan {
  end(outcome: { error?: unknown; invalidInput?: boolean }): void;
}

/** What a module tells about its call beyond service and operation (e.g. GenAI attributes). @internal */
export interface CallTelemetry {
  /** `<module>.<method>`, e.g. `text.sentiment`. */
  readonly method: string;
  /** Attributes known before the call (e.g. `gen_ai.request.model`). */
  readonly attributes?: Readonly<Record<string, AttributeValue>> | undefined;
  /** Attributes read from the call's value (e.g. token usage). */
  readonly describe?: ((value: unknown) => Described) | undefined;
  /** The call is a tool loop: its steps, under the call's span. */
  readonly loop?: ((inst: Instruments, parent: Context) => Loop) | undefined;
}

/** A stream's telemetry: its call's, and whether its client has telemetry on. @internal */
export interface StreamTelemetry extends CallTelemetry {
  readonly enabled: boolean;
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
/** What the import gave, once it settled: every later request reads it without awaiting. */
let loaded: { readonly instruments: Instruments | undefined } | undefined;

function load(): Promise<Instruments | undefined> {
  loading ??= import(/* @vite-ignore */ OTEL_API)
    .then(
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
    )
    .then((instruments) => {
      loaded = { instruments };
      untracedLoaded = { context: undefined, instruments };
      return instruments;
    });
  return loading;
}

/**
 * The instruments for a client: `undefined` when `telemetry: false`, when nothing registered with
 * the OpenTelemetry API yet, or when `@opentelemetry/api` is not installed (then nothing is recorded
 * and nothing fails).
 * @internal
 */
export function instruments(enabled: boolean): Promise<Instruments | undefined> {
  if (!enabled) return Promise.resolve(undefined);
  if (loaded) return Promise.resolve(loaded.instruments);
  return registered() ? load() : Promise.resolve(undefined);
}

/** The start of the key the API keeps its registered globals under, one per major version. */
const OTEL_GLOBAL = 'opentelemetry.js.api.';

/**
 * Whether anything registered with the OpenTelemetry API: it keeps registered providers on
 * `globalThis` under `Symbol.for('opentelemetry.js.api.<major>')`. Without that object every tracer
 * and meter the API hands out is a no-op, so aws-ai does not import it: that import cost the first
 * call of every process about 1 ms, a failed lookup through `node_modules` in a Lambda without the
 * package. Asked on every call until an SDK registers, so one started after the first call is
 * still used from the next call on.
 */
function registered(): boolean {
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (key.description?.startsWith(OTEL_GLOBAL)) return true;
  }
  return false;
}

/** What a request made outside a public call is traced with (its parent is found per attempt). */
export interface RequestTrace {
  readonly context: Context | undefined;
  readonly instruments: Instruments | undefined;
  readonly stats?: CallStats | undefined;
}

const UNTRACED: RequestTrace = { context: undefined, instruments: undefined };
let untracedLoaded: RequestTrace | undefined;

/**
 * The trace a request runs under, synchronously once the API's import has settled (every request
 * but the first ones of a process): the public call's when there is one, else the instruments alone
 * (the attempt then finds its stream's span, or the active context). `undefined`: await
 * {@link loadTrace} once.
 * @internal
 */
export function requestTrace(
  scope: { readonly signal: AbortSignal; readonly trace: CallTrace } | undefined,
  enabled: boolean,
): RequestTrace | undefined {
  if (scope) {
    // The tools of a tool loop get the scope's signal only: it leads them to the call's steps.
    if (scope.trace.instruments) bySignal.set(scope.signal, scope.trace);
    return scope.trace;
  }
  if (!enabled) return UNTRACED;
  return untracedLoaded ?? (registered() ? undefined : UNTRACED);
}

/** The first requests of a process, while the API's import is under way. @internal */
export async function loadTrace(enabled: boolean): Promise<RequestTrace> {
  await instruments(enabled);
  return untracedLoaded ?? UNTRACED;
}

/** `node:diagnostics_channel` tracing channel of every public call: `aws-ai:call`. */
const callChannel = tracingChannel<unknown, CallMessage>('aws-ai:call');

/** Whether anyone subscribed to `aws-ai:call`: a stream then publishes its call without the API. @internal */
export function callsObserved(): boolean {
  return callChannel.hasSubscribers;
}

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

/** One public call's (or stream's) span and counters. @internal */
export interface CallTrace extends RequestTrace {
  readonly stats: CallStats;
  /** The context children are created in (the call's span), if tracing. */
  readonly context: Context | undefined;
  readonly instruments: Instruments | undefined;
  readonly service: string;
  readonly operation: string;
  /** The tool loop's steps, when the call is a traced tool loop. */
  readonly loop: Loop | undefined;
  /** Whether the call's span records (an SDK is registered and sampled it). */
  readonly recording: boolean;
  end(outcome: { value?: unknown; error?: unknown; attributes?: Attributes }): void;
}

/** The public call or stream whose tools run with a signal: the tool loop's tools find it here. */
const bySignal = new WeakMap<AbortSignal, CallTrace>();

/** The traced call or stream whose work runs with `signal` (a tool loop's tools). @internal */
export function traceOf(signal: AbortSignal | undefined): CallTrace | undefined {
  return signal && bySignal.get(signal);
}

/** Links a traced stream's signal to its trace, for the tools its loop runs. @internal */
export function linkSignal(signal: AbortSignal, trace: CallTrace): void {
  bySignal.set(signal, trace);
}

/**
 * The stream whose source is sending a request, set by stream-telemetry.ts (only bundles with
 * streams carry it): a request made outside a public call opens that stream's span. @internal
 */
export const streamOf: { current?: () => { begin(inst: Instruments): CallTrace } | undefined } = {};

/**
 * Starts the trace of one public call (or of a stream: `stream`).
 * @internal
 */
export function startCall(
  inst: Instruments | undefined,
  site: { service: string; operation: string },
  call: CallTelemetry | undefined,
  stream = false,
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
      ...(stream ? { 'aws_ai.stream': true } : {}),
      ...call?.attributes,
    },
  });
  const context =
    span && inst ? inst.api.trace.setSpan(inst.api.context.active(), span) : undefined;
  const loop = inst && context ? call?.loop?.(inst, context) : undefined;
  const message: CallMessage = { method, service: site.service, operation: site.operation };
  if (callChannel.hasSubscribers) callChannel.start.publish(message);
  let ended = false;
  return {
    stats,
    context,
    instruments: inst,
    service: site.service,
    operation: site.operation,
    loop,
    recording: span?.isRecording() ?? false,
    end: ({ value, error, attributes }) => {
      if (ended) return;
      ended = true;
      const ms = performance.now() - started;
      const base: Attributes = { 'aws_ai.method': method, 'rpc.service': site.service };
      if (span && inst) {
        loop?.close(error);
        // Once per call (describe() may walk a large result); a tool loop's totals first.
        const described: Attributes = {
          ...loop?.totals(),
          ...(error === undefined ? definedOnly(call?.describe?.(value)) : {}),
        };
        span.setAttributes({
          'aws_ai.requests': stats.requests,
          'aws_ai.throttles': stats.throttles,
          ...(Array.isArray(value)
            ? {
                'aws_ai.items': value.length,
                'aws_ai.items_failed': value.filter(isItemError).length,
              }
            : {}),
          ...(stats.requestIds.length > 0
            ? { 'aws.request_ids': stats.requestIds.slice(0, 32) }
            : {}),
          ...described,
          ...attributes,
        });
        if (error !== undefined) recordError(inst, span, error);
        span.end();
        inst.calls.add(1, { ...base, 'error.type': error === undefined ? '' : errorType(error) });
        inst.duration.record(ms, base);
        for (const type of ['input', 'output'] as const) {
          const n = described[`gen_ai.usage.${type}_tokens`];
          if (typeof n === 'number') inst.tokens.record(n, { ...base, 'gen_ai.token.type': type });
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
 * Runs one request attempt in its own child span (under the call's span, its tool-loop step, or the
 * stream it is sent from), so the SDK's instrumentation nests under it; counts it into the call's
 * stats.
 * @internal
 */
export async function traceAttempt<T>(
  given: RequestTrace,
  site: { service: string; operation: string },
  attempt: number,
  fn: () => Promise<T>,
): Promise<T> {
  const inst = given.instruments;
  // Outside a public call: the stream it is sent from, if any, opens its span now.
  const trace: RequestTrace & { loop?: Loop | undefined } =
    inst && !('end' in given) ? (streamOf.current?.()?.begin(inst) ?? given) : given;
  const stats = trace.stats;
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
  const loop = trace.loop?.operation === site.operation ? trace.loop : undefined;
  const parent = loop?.open() ?? trace.context ?? inst.api.context.active();
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
    loop?.noted(out);
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

/** Class and code only: a span leaves the process, so no message text goes with it. @internal */
export function recordError(inst: Instruments, span: Span, err: unknown): void {
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

/** @internal */
export function definedOnly(attrs: Described | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined) out[k] = v;
  return out;
}
