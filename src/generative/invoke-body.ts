import { ValidationError } from '../errors';
import { MAX_INVOKE_BODY_BYTES } from './limits';

/** The model-native body as bytes, checked at the call site before the operation code loads. @internal */
export function encodeBody(body: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (body instanceof Uint8Array) bytes = body;
  else if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else if (body === undefined)
    throw new ValidationError('body is required: the model-native request');
  else bytes = new TextEncoder().encode(JSON.stringify(body));
  if (bytes.byteLength > MAX_INVOKE_BODY_BYTES) {
    throw new ValidationError(
      `body is ${bytes.byteLength} bytes; InvokeModel takes at most ${MAX_INVOKE_BODY_BYTES}`,
    );
  }
  return bytes;
}
