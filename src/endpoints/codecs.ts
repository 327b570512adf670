import { ValidationError } from '../errors';
import { fromCsv, toCsv } from '../tensor/csv-codec';
import { fromJson, fromJsonLines, toJson, toJsonLines } from '../tensor/json-codec';
import { fromNpy, toNpy } from '../tensor/npy';
import { Tensor, type TensorLike } from '../tensor/tensor';
import type { EndpointDeserializer, EndpointPayload, EndpointSerializer } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Content types of the named serializers, as the SageMaker Python SDK sends them. */
export const CONTENT_TYPES = {
  npy: 'application/x-npy',
  json: 'application/json',
  csv: 'text/csv',
  jsonlines: 'application/jsonlines',
  raw: 'application/octet-stream',
} as const;

function asTensor(payload: EndpointPayload, serializer: string): Tensor {
  if (payload instanceof Tensor) return payload;
  if (payload instanceof Uint8Array || typeof payload === 'string' || !Array.isArray(payload)) {
    throw new ValidationError(
      `the ${serializer} serializer needs a Tensor or (nested) arrays of numbers, got ${describe(payload)}`,
    );
  }
  return Tensor.from(payload as TensorLike);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'bytes';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * JSON has no NaN or ±Infinity: `JSON.stringify` would send them as `null`, a different input. Refused
 * like a Tensor holding them; the message gives the path of the first one (`[2].features[0]`).
 */
function assertFiniteJson(value: unknown, serializer: string): void {
  const seen = new Set<object>();
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) {
        throw new ValidationError(
          `payload${path} is ${node}; the ${serializer} serializer cannot send NaN or Infinity (JSON would turn it into null): replace it, or send a Tensor with the npy serializer`,
          { service: 'sagemaker-runtime', code: 'NonFiniteNumber' },
        );
      }
      return;
    }
    if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node) || seen.has(node)) {
      return;
    }
    seen.add(node);
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      walk(
        item,
        /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
      );
    }
  };
  walk(value, '');
}

/** Serializes a payload; returns the body and the content type it implies. @internal */
export function serialize(
  payload: EndpointPayload,
  serializer: EndpointSerializer | undefined,
): { body: Uint8Array; contentType: string } {
  if (typeof serializer === 'object' && serializer !== null) {
    if (typeof serializer.serialize !== 'function' || typeof serializer.contentType !== 'string') {
      throw new ValidationError(
        'a custom serializer must be { contentType: string, serialize(payload): Uint8Array }',
      );
    }
    return { body: serializer.serialize(payload), contentType: serializer.contentType };
  }
  try {
    return serializeBuiltIn(payload, serializer);
  } catch (error) {
    // JSON.stringify throws a TypeError on a cycle or a bigint, a RangeError on a too-deep value.
    if (error instanceof TypeError || error instanceof RangeError) {
      throw new ValidationError(
        `payload cannot be serialized (${error.message.split('\n')[0]}): send a Tensor, bytes, a string, or plain JSON data without cycles or bigints`,
        { cause: error },
      );
    }
    throw error;
  }
}

function serializeBuiltIn(
  payload: EndpointPayload,
  serializer: EndpointSerializer | undefined,
): { body: Uint8Array; contentType: string } {
  switch (serializer) {
    case 'npy':
      return { body: toNpy(asTensor(payload, 'npy')), contentType: CONTENT_TYPES.npy };
    case 'csv':
      return {
        body: encoder.encode(toCsv(asTensor(payload, 'csv'))),
        contentType: CONTENT_TYPES.csv,
      };
    case 'jsonlines': {
      const objects =
        Array.isArray(payload) &&
        payload.some((p) => p !== null && !Array.isArray(p) && typeof p === 'object');
      if (objects) assertFiniteJson(payload, 'jsonlines');
      const text = objects
        ? (payload as unknown[]).map((p) => JSON.stringify(p)).join('\n')
        : toJsonLines(asTensor(payload, 'jsonlines'));
      return { body: encoder.encode(text), contentType: CONTENT_TYPES.jsonlines };
    }
    case 'json':
      if (!(payload instanceof Tensor)) assertFiniteJson(payload, 'json');
      return {
        body: encoder.encode(payload instanceof Tensor ? toJson(payload) : JSON.stringify(payload)),
        contentType: CONTENT_TYPES.json,
      };
    case 'raw':
      if (payload instanceof Uint8Array) return { body: payload, contentType: CONTENT_TYPES.raw };
      if (typeof payload === 'string')
        return { body: encoder.encode(payload), contentType: 'text/plain' };
      throw new ValidationError(
        `the raw serializer needs bytes or a string, got ${describe(payload)}`,
      );
    case undefined:
      break;
    default:
      throw new ValidationError(
        `unknown serializer ${JSON.stringify(serializer)}: use 'npy', 'json', 'csv', 'jsonlines', 'raw' or { contentType, serialize }`,
      );
  }
  if (payload instanceof Tensor) return { body: toNpy(payload), contentType: CONTENT_TYPES.npy };
  if (payload instanceof Uint8Array) return { body: payload, contentType: CONTENT_TYPES.raw };
  if (typeof payload === 'string')
    return { body: encoder.encode(payload), contentType: 'text/plain' };
  if (payload !== null && typeof payload === 'object') {
    assertFiniteJson(payload, 'json');
    return { body: encoder.encode(JSON.stringify(payload)), contentType: CONTENT_TYPES.json };
  }
  throw new ValidationError(
    `payload must be a Tensor, bytes, a string, an object or an array, got ${describe(payload)}`,
  );
}

const DESERIALIZERS = ['auto', 'tensor', 'json', 'jsonlines', 'text', 'bytes'];

/**
 * Checks a deserializer option before any call: a bad one used to surface only once the answer
 * came back, as an `UndecodableResponse` after the endpoint had run. @internal
 */
export function checkDeserializer(deserializer: unknown): void {
  if (deserializer === undefined) return;
  if (typeof deserializer === 'string' && DESERIALIZERS.includes(deserializer)) return;
  if (
    typeof deserializer === 'object' &&
    deserializer !== null &&
    typeof (deserializer as { accept?: unknown }).accept === 'string' &&
    typeof (deserializer as { deserialize?: unknown }).deserialize === 'function'
  ) {
    return;
  }
  throw new ValidationError(
    `deserializer must be ${DESERIALIZERS.map((d) => `'${d}'`).join(', ')} or { accept: string, deserialize(body, contentType) }, got ${describe(deserializer)}`,
  );
}

/** The Accept header a deserializer asks for. @internal */
export function acceptFor(deserializer: EndpointDeserializer | undefined): string {
  if (typeof deserializer === 'object' && deserializer !== null) return deserializer.accept;
  switch (deserializer) {
    case 'tensor':
      return CONTENT_TYPES.npy;
    case 'jsonlines':
      return CONTENT_TYPES.jsonlines;
    case 'text':
      return 'text/plain';
    case 'bytes':
      return CONTENT_TYPES.raw;
    default:
      return CONTENT_TYPES.json;
  }
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

function isNpy(body: Uint8Array): boolean {
  return NPY_MAGIC.every((b, i) => body[i] === b);
}

function parseLines(text: string): unknown[] {
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/**
 * Decodes a response body. `auto` goes by content type: `.npy` → Tensor, JSON → value, JSON Lines →
 * array of values, `text/*` → string, anything else → bytes. @internal
 */
export function deserialize(
  body: Uint8Array,
  contentType: string | undefined,
  deserializer: EndpointDeserializer | undefined,
): unknown {
  if (typeof deserializer === 'object' && deserializer !== null) {
    return deserializer.deserialize(body, contentType);
  }
  const type = (contentType ?? '').toLowerCase();
  switch (deserializer) {
    case 'bytes':
      return body;
    case 'text':
      return decoder.decode(body);
    case 'json':
      return body.byteLength === 0 ? null : JSON.parse(decoder.decode(body));
    case 'jsonlines':
      return parseLines(decoder.decode(body));
    case 'tensor':
      if (type.includes('npy') || isNpy(body)) return fromNpy(body);
      if (type.includes('jsonlines')) return fromJsonLines(body);
      if (type.includes('json')) return fromJson(body);
      if (type.includes('csv')) return fromCsv(body);
      throw new ValidationError(
        `cannot decode ${contentType ?? 'an untyped body'} as a tensor: ask for application/x-npy, JSON or CSV`,
      );
    case undefined:
    case 'auto':
      break;
    default:
      throw new ValidationError(
        `unknown deserializer ${JSON.stringify(deserializer)}: use 'auto', 'tensor', 'json', 'jsonlines', 'text', 'bytes' or { accept, deserialize }`,
      );
  }
  if (type.includes('x-npy') || (type === '' && isNpy(body))) return fromNpy(body);
  if (type.includes('jsonlines')) return parseLines(decoder.decode(body));
  if (type.includes('json')) return body.byteLength === 0 ? null : JSON.parse(decoder.decode(body));
  if (type.startsWith('text/')) return decoder.decode(body);
  return body;
}

/**
 * Why a body could not be decoded, without quoting it: the body is the model's output, which may
 * echo the caller's input (ADR 0005, as `EndpointAsyncError.failureBody`), and parsers quote what
 * they could not read (`Unexpected token 'j', "jane.roe@e"...`, `column 1: "jane.roe@example.com"`).
 * @internal
 */
export function decodeFailureReason(err: unknown): string {
  if (err instanceof SyntaxError) return 'the body is not valid JSON';
  const message = err instanceof Error ? err.message : typeof err;
  return message
    .replace(/(is not valid JSON):[\s\S]*$/, '$1')
    .replace(/"(?:[^"\\]|\\.)*"(\.\.\.)?/g, (quoted, cut: string | undefined) => {
      const length = quoted.length - 2 - (cut ? 3 : 0);
      return `[${cut ? 'at least ' : ''}${length} characters]`;
    });
}
