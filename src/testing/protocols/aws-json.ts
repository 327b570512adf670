import type { EmulatorInput } from '../types';
import type { WireResponse } from './error-response';
import { decodeJsonBody, encodeJsonBody, isRecord } from './wire-json';

/** Content type of awsJson1_1 requests and answers. */
export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Reads an awsJson1_1 request: the whole body is the input structure. */
export function readAwsJsonInput(body: Uint8Array, blobKeys: readonly string[]): EmulatorInput {
  const parsed = decodeJsonBody(body, blobKeys);
  if (!isRecord(parsed)) throw new TypeError('the request body is not a JSON object');
  return parsed;
}

/** An awsJson1_1 answer: the whole output structure as the JSON body. */
export function awsJsonResponse(output: unknown): WireResponse {
  const body = encodeJsonBody(output);
  return {
    status: 200,
    headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'content-length': String(body.byteLength) },
    body,
  };
}
