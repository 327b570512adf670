import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ServiceError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { acceptFor, checkDeserializer, decodeFailureReason, deserialize } from './codecs';
import { mapInvokeError } from './model-error';
import { checkEndpoint, checkHeaders, encodePayload, targetHeaders } from './payload';
import { SAGEMAKER } from './sagemaker';
import type { EndpointInvokeOptions, EndpointInvokeResult, EndpointPayload } from './types';

/** @internal */
export async function invokeEndpoint<T>(
  ctx: ModuleContext,
  endpoint: string,
  payload: EndpointPayload,
  options: EndpointInvokeOptions = {},
): Promise<EndpointInvokeResult<T>> {
  checkEndpoint(endpoint);
  const operation = 'InvokeEndpoint';
  checkHeaders(options, operation);
  checkDeserializer(options.deserializer);
  const { body, contentType } = encodePayload(payload, options.contentType, options.serializer);
  const deserializer = options.deserializer ?? (payload instanceof Tensor ? 'tensor' : 'auto');
  const accept = options.accept ?? acceptFor(deserializer);
  const out = await callAws(
    ctx,
    SAGEMAKER,
    operation,
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.InvokeEndpointCommand({
          EndpointName: endpoint,
          Body: body,
          ContentType: contentType,
          Accept: accept,
          ...targetHeaders(options),
          ...(options.sessionId ? { SessionId: options.sessionId } : {}),
          ...(options.enableExplanations ? { EnableExplanations: options.enableExplanations } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  ).catch(mapInvokeError);
  let decoded: unknown;
  try {
    decoded = deserialize(out.Body ?? new Uint8Array(), out.ContentType, deserializer);
  } catch (err) {
    // A built-in decoder's error quotes the body (the model's output): neither it nor its message is
    // kept. A deserializer of your own stays the cause.
    const own = typeof deserializer === 'object';
    throw new ServiceError(
      `sagemaker-runtime ${operation}: endpoint ${endpoint} answered ${out.ContentType ?? 'an untyped body'} that could not be decoded: ${decodeFailureReason(err)}`,
      {
        service: 'sagemaker-runtime',
        operation,
        code: 'UndecodableResponse',
        requestId: out.$metadata.requestId,
        ...(own ? { cause: err } : {}),
      },
    );
  }
  return {
    body: decoded as T,
    contentType: out.ContentType,
    invokedVariant: out.InvokedProductionVariant,
    customAttributes: out.CustomAttributes,
    newSessionId: out.NewSessionId,
    closedSessionId: out.ClosedSessionId,
    requestId: out.$metadata.requestId,
  };
}
