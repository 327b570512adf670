import { type ErrorInfo, toErrorInfo } from './error-info';
import type { Exchange } from './exchange';
import { EVENT_STREAM_CONTENT_TYPE, encodeEvent, encodeException } from './protocols/event-stream';
import { restResponseHeaders } from './protocols/rest';
import { isRecord } from './protocols/wire-json';
import type { RestRoute, ServiceDefinition } from './services/definition';
import type { EmulatorInput, FaultRule } from './types';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function'
  );
}

function exceptionMember(service: ServiceDefinition, code: string): string {
  return service.streamExceptionCase === 'camel'
    ? code.charAt(0).toLowerCase() + code.slice(1)
    : code;
}

/** Bytes of queued frames written at once. */
const BATCH_BYTES = 16 * 1024;

/** Frames queued for one write. */
class FrameBatch {
  #frames: Uint8Array[] = [];
  #bytes = 0;
  readonly #exchange: Exchange;
  constructor(exchange: Exchange) {
    this.#exchange = exchange;
  }
  get full(): boolean {
    return this.#bytes >= BATCH_BYTES;
  }
  add(frame: Uint8Array): void {
    this.#frames.push(frame);
    this.#bytes += frame.byteLength;
  }
  /** Writes the queued frames; false when the client is gone. */
  async flush(): Promise<boolean> {
    if (this.#frames.length === 0) return true;
    const frames = this.#frames;
    const bytes = this.#bytes;
    this.#frames = [];
    this.#bytes = 0;
    return this.#exchange.write(
      frames.length === 1 ? (frames[0] as Uint8Array) : Buffer.concat(frames, bytes),
    );
  }
}

/** Whether a promise settles before the event loop turns (a handler's event that is ready). */
function readyNow(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setImmediate(() => resolve(false));
    promise.then(
      () => {
        clearImmediate(timer);
        resolve(true);
      },
      () => {
        clearImmediate(timer);
        resolve(true);
      },
    );
  });
}

/** What {@link writeEventStream} needs besides the handler's output. */
export interface EventStreamAnswer {
  readonly exchange: Exchange;
  readonly service: ServiceDefinition;
  readonly route: RestRoute;
  readonly input: EmulatorInput;
  readonly requestId: string;
  /** A `stream-error` fault (or a `reset` with `afterEvents`) planned for this request. */
  readonly fault: FaultRule | undefined;
  /** Answers with an ordinary error (nothing was streamed yet). */
  readonly fail: (error: ErrorInfo) => void;
}

/**
 * Streams a handler's events. Nothing is sent until the first event exists, so a handler that
 * throws before yielding still gets an ordinary error answer; later throws become exception events,
 * which the SDK raises while the caller iterates.
 */
export async function writeEventStream(output: unknown, answer: EventStreamAnswer): Promise<void> {
  const { exchange, service, route, input, requestId, fault } = answer;
  const binding = route.response.body;
  if (binding.kind !== 'event-stream') throw new TypeError(`${route.operation} does not stream`);
  let events: AsyncIterable<unknown>;
  let members: Record<string, unknown> = {};
  if (isAsyncIterable(output)) {
    events = output;
  } else if (isRecord(output) && isAsyncIterable(output[binding.member])) {
    events = output[binding.member] as AsyncIterable<unknown>;
    members = output;
  } else {
    answer.fail({
      code: service.serverError.code,
      status: service.serverError.status,
      message: `emulator handler for ${service.name} ${route.operation} must return an AsyncIterable of events`,
    });
    return;
  }
  const iterator = events[Symbol.asyncIterator]();
  let current: IteratorResult<unknown>;
  try {
    current = await iterator.next();
  } catch (err) {
    answer.fail(toErrorInfo(err, service, route.operation));
    return;
  }
  exchange.writeHead(route.status ?? 200, {
    ...restResponseHeaders(route.response, members, input),
    'content-type': EVENT_STREAM_CONTENT_TYPE,
    'x-amzn-requestid': requestId,
  });
  const reset = fault?.kind === 'reset';
  const limit =
    fault?.kind === 'stream-error' || reset ? (fault.afterEvents ?? 1) : Number.POSITIVE_INFINITY;
  let sent = 0;
  // Events the handler has ready at once go out in one write: over HTTP/2 each write is a DATA
  // frame the client handles on its own, so 2,000 one-event writes cost several times what a
  // few 16 KB writes do. An event the handler does not have yet never waits: what is queued is
  // written before waiting for it.
  const batch = new FrameBatch(exchange);
  try {
    while (!current.done && sent < limit) {
      // A Uint8Array is an already-encoded frame (a recorded stream replayed byte for byte).
      const frame =
        current.value instanceof Uint8Array
          ? current.value
          : encodeEvent(current.value, binding.payloads);
      batch.add(frame);
      sent += 1;
      const next = iterator.next();
      if (sent >= limit || batch.full || !(await readyNow(next))) {
        if (!(await batch.flush())) {
          await iterator.return?.();
          return;
        }
      }
      current = await next;
    }
    if (!(await batch.flush())) {
      await iterator.return?.();
      return;
    }
  } catch (err) {
    if (!(await batch.flush())) return;
    const { code, message } = toErrorInfo(err, service, route.operation);
    await exchange.write(encodeException(exceptionMember(service, code), message));
    exchange.end();
    return;
  }
  if (reset) {
    await iterator.return?.();
    exchange.reset({ afterWrites: true });
    return;
  }
  if (fault?.kind === 'stream-error') {
    await iterator.return?.();
    const code = fault.code ?? service.streamError?.code ?? service.serverError.code;
    await exchange.write(
      encodeException(exceptionMember(service, code), `emulated stream error after ${sent} events`),
    );
  }
  exchange.end();
}
