import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceName } from '../errors';
import { isEmulatorError } from './emulator-error';
import { type ErrorInfo, toErrorInfo } from './error-info';
import { writeEventStream } from './event-stream-response';
import type { Exchange } from './exchange';
import { applyFault } from './fault-response';
import type { FaultTable } from './faults';
import { awsJsonResponse, readAwsJsonInput } from './protocols/aws-json';
import { BodyTooLargeError } from './protocols/body';
import { errorResponse, type WireResponse } from './protocols/error-response';
import { readRestInput, restResponse } from './protocols/rest';
import { isRecord } from './protocols/wire-json';
import { resolveRequest } from './routing';
import type { ServiceDefinition } from './services/definition';
import type { EmulatorCall, EmulatorInput, Handler, HandlerContext } from './types';

/** The mutable state requests are served from. */
export interface EmulatorState {
  readonly services: readonly ServiceDefinition[];
  readonly calls: EmulatorCall[];
  readonly custom: Map<string, Handler>;
  readonly faults: FaultTable;
  readonly nextRequestId: () => string;
  /** Whether `calls` keeps a record of each request. */
  readonly recordCalls: boolean;
}

/** Key of a custom handler. */
export function handlerKey(service: ServiceName, operation: string): string {
  return `${service} ${operation}`;
}

function send(exchange: Exchange, response: WireResponse, requestId: string): void {
  exchange.writeHead(response.status, { ...response.headers, 'x-amzn-requestid': requestId });
  exchange.end(response.body);
}

/**
 * What a default handler threw, as an answer: a code its service does not declare for the
 * operation (`ServiceDefinition.errors`) is a bug of the emulator, answered as the service's
 * internal error so that no test comes to rely on a code AWS does not send there. @internal
 */
export function checkedErrorInfo(
  err: unknown,
  service: ServiceDefinition,
  operation: string,
): ErrorInfo {
  const info = toErrorInfo(err, service, operation);
  if (!isEmulatorError(err) || (service.errors[operation] ?? []).includes(err.code)) return info;
  return {
    code: service.serverError.code,
    status: service.serverError.status,
    message: `emulator bug: its ${service.name} ${operation} handler threw ${err.code}, which it does not declare (${err.message})`,
  };
}

/** Serves one request: route, record, fault, handle, answer. Never throws. */
export async function dispatch(exchange: Exchange, state: EmulatorState): Promise<void> {
  const requestId = state.nextRequestId();
  const resolved = resolveRequest(
    state.services,
    exchange.method,
    exchange.url,
    exchange.host,
    exchange.headers,
  );
  if (!resolved) {
    exchange.drain();
    const message = `emulator cannot tell which service ${exchange.method} ${exchange.url} is for`;
    // AWS's common error for an operation it does not know (AWS API reference, Common Errors).
    const error = { code: 'UnknownOperationException', message, status: 404 };
    send(exchange, errorResponse('rest-json', error, requestId, exchange.method), requestId);
    return;
  }
  const { service, operation, route } = resolved;
  const fail = (error: ErrorInfo) =>
    send(exchange, errorResponse(service.protocol, error, requestId, exchange.method), requestId);
  const limit = service.maxRequestBody;

  const call: EmulatorCall = {
    service: service.name,
    operation,
    input: {},
    requestId,
    httpVersion: exchange.httpVersion,
  };
  if (state.recordCalls) state.calls.push(call);

  let input: EmulatorInput;
  try {
    if (route) {
      input = await readRestInput(
        route,
        exchange,
        resolved.pathParams,
        resolved.query,
        service.blobKeys ?? [],
        limit.bytes,
      );
    } else if (service.protocol === 'aws-json') {
      input = readAwsJsonInput(await exchange.readBody(limit.bytes), service.blobKeys ?? []);
    } else {
      await exchange.readBody(limit.bytes);
      input = {};
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      // Answered while the body still arrives. The rest is read and thrown away, chunk by chunk,
      // rather than closing the connection: a client still sending would then see EPIPE or a reset
      // instead of the answer.
      fail({
        code: limit.code,
        status: limit.status,
        message: `Request body is too large: ${err.message}`,
      });
      return;
    }
    const reason = err instanceof Error ? err.message : String(err);
    fail({
      code: 'SerializationException',
      message: `emulator cannot read request: ${reason}`,
      status: 400,
    });
    return;
  }
  call.input = input;

  const streaming = route?.response.body.kind === 'event-stream';
  const plan = state.faults.plan(service.name, operation, streaming);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const fault = plan.fault;
  // A reset with `afterEvents` on a stream drops the connection mid-stream (writeEventStream).
  const midStream =
    fault?.kind === 'stream-error' ||
    (fault?.kind === 'reset' && streaming && fault.afterEvents !== undefined);
  // A reset with `afterBytes` on a one-body answer drops the connection mid-body (sendCut).
  const cutAt =
    fault?.kind === 'reset' && !streaming && fault.afterBytes !== undefined
      ? fault.afterBytes
      : undefined;
  if (fault !== undefined && !midStream && cutAt === undefined) {
    applyFault(fault, { exchange, service, route, requestId, fail });
    return;
  }

  const custom = state.custom.get(handlerKey(service.name, operation));
  const handler = custom ?? service.handlers[operation];
  if (!handler) {
    fail({
      code: 'NotImplemented',
      status: 501,
      message: `emulator has no handler for ${service.name} ${operation}; add one with emu.handle(...)`,
    });
    return;
  }
  const ctx: HandlerContext = {
    service: service.name,
    operation,
    requestId,
    headers: exchange.headers,
    httpVersion: exchange.httpVersion,
  };
  let output: unknown;
  try {
    output = await handler(input, ctx);
  } catch (err) {
    fail(custom ? toErrorInfo(err, service, operation) : checkedErrorInfo(err, service, operation));
    return;
  }
  if (route && streaming) {
    await writeEventStream(output, { exchange, service, route, input, requestId, fault, fail });
    exchange.drain();
    return;
  }
  const response = route
    ? restResponse(route, isRecord(output) ? output : {}, input)
    : awsJsonResponse(output);
  if (cutAt !== undefined) sendCut(exchange, response, requestId, cutAt);
  else send(exchange, response, requestId);
}

/** The answer's status, headers and first `bytes` bytes of body, then a dropped connection. */
function sendCut(
  exchange: Exchange,
  response: WireResponse,
  requestId: string,
  bytes: number,
): void {
  exchange.writeHead(response.status, { ...response.headers, 'x-amzn-requestid': requestId });
  void exchange
    .write(response.body.subarray(0, Math.max(0, bytes)))
    .then(() => exchange.reset({ afterWrites: true, connection: true }));
}
