import type { Exchange } from '../exchange';
import type { HttpBinding, RestRoute } from '../services/definition';
import type { EmulatorInput } from '../types';
import { decodeAwsChunked } from './body';
import type { WireResponse } from './error-response';
import { decodeEventStream } from './event-stream';
import { decodeJsonBody, encodeJsonBody, isRecord } from './wire-json';

function parseHeader(value: string, type: 'number' | 'boolean' | undefined): unknown {
  if (type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

/**
 * Builds a REST operation's input from labels, headers, query and body. Event-stream bodies stay
 * live (`AsyncIterable`) so the handler can answer while the client is still sending; any other
 * body over `maxBodyBytes` rejects with `BodyTooLargeError` before it is buffered.
 */
export async function readRestInput(
  route: RestRoute,
  exchange: Exchange,
  pathParams: Readonly<Record<string, string>>,
  query: URLSearchParams,
  blobKeys: readonly string[],
  maxBodyBytes: number,
): Promise<EmulatorInput> {
  const binding = route.request;
  const input: EmulatorInput = {};
  const body = binding.body;
  if (body.kind === 'json') {
    const bytes = await exchange.readBody(maxBodyBytes);
    const parsed = decodeJsonBody(bytes, blobKeys);
    if (isRecord(parsed)) Object.assign(input, parsed);
  } else if (body.kind === 'payload') {
    let bytes = await exchange.readBody(maxBodyBytes);
    if ((exchange.headers['content-encoding'] ?? '').includes('aws-chunked')) {
      bytes = decodeAwsChunked(bytes);
    }
    input[body.member] = bytes;
  } else if (body.kind === 'event-stream') {
    input[body.member] = decodeEventStream(exchange.body, body.payloads);
  } else {
    await exchange.readBody(maxBodyBytes);
  }
  Object.assign(input, pathParams);
  for (const [member, header] of Object.entries(binding.headers ?? {})) {
    const value = exchange.headers[header.toLowerCase()];
    if (value !== undefined) input[member] = parseHeader(value, binding.headerTypes?.[member]);
  }
  for (const [member, prefix] of Object.entries(binding.prefixHeaders ?? {})) {
    const map: Record<string, string> = {};
    for (const [name, value] of Object.entries(exchange.headers)) {
      if (name.startsWith(prefix)) map[name.slice(prefix.length)] = value;
    }
    if (Object.keys(map).length > 0) input[member] = map;
  }
  for (const [member, param] of Object.entries(binding.query ?? {})) {
    const value = query.get(param);
    if (value !== null) input[member] = value;
  }
  return input;
}

function headerValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toUTCString();
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** Header members of an answer (and, with `echoHeaders`, the request's values for missing ones). */
export function restResponseHeaders(
  binding: HttpBinding & { readonly echoHeaders?: boolean },
  output: Record<string, unknown>,
  input: EmulatorInput,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [member, header] of Object.entries(binding.headers ?? {})) {
    const value = headerValue(output[member] ?? (binding.echoHeaders ? input[member] : undefined));
    if (value !== undefined) headers[header.toLowerCase()] = value;
  }
  for (const [member, prefix] of Object.entries(binding.prefixHeaders ?? {})) {
    const map = output[member];
    if (!isRecord(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      const text = headerValue(value);
      if (text !== undefined) headers[`${prefix}${key}`.toLowerCase()] = text;
    }
  }
  return headers;
}

/** A non-streaming REST answer: header members, then the JSON or payload body. */
export function restResponse(
  route: RestRoute,
  output: Record<string, unknown>,
  input: EmulatorInput,
): WireResponse {
  const binding = route.response;
  const headers = restResponseHeaders(binding, output, input);
  let body: Uint8Array = new Uint8Array();
  const bodyBinding = binding.body;
  if (bodyBinding.kind === 'json') {
    const bound = new Set([
      ...Object.keys(binding.headers ?? {}),
      ...Object.keys(binding.prefixHeaders ?? {}),
    ]);
    const members = Object.fromEntries(Object.entries(output).filter(([key]) => !bound.has(key)));
    body = new Uint8Array(encodeJsonBody(members));
    headers['content-type'] ??= 'application/json';
  } else if (bodyBinding.kind === 'payload') {
    const payload = output[bodyBinding.member];
    body =
      typeof payload === 'string'
        ? new Uint8Array(Buffer.from(payload))
        : payload instanceof Uint8Array
          ? payload
          : new Uint8Array();
    headers['content-type'] ??= bodyBinding.contentType ?? 'application/octet-stream';
  }
  // HEAD answers keep the object's Content-Length member although they carry no body.
  headers['content-length'] ??= String(body.byteLength);
  return { status: route.status ?? 200, headers, body };
}
