import type { Protocol } from '../services/definition';

/** An HTTP answer ready to write. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/** Text safe inside an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An AWS error the way each protocol's SDK deserializer looks for it: awsJson1_1 in `__type`,
 * restJson1 in `x-amzn-errortype`, restXml in `<Error><Code>`.
 */
export function errorResponse(
  protocol: Protocol,
  error: {
    code: string;
    message: string;
    status: number;
    fields?: Readonly<Record<string, unknown>> | undefined;
  },
  requestId: string,
  method: string,
): WireResponse {
  const { code, message, status } = error;
  let contentType: string;
  let text: string;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  if (protocol === 'aws-json') {
    contentType = 'application/x-amz-json-1.1';
    text = JSON.stringify({ ...error.fields, __type: code, message });
  } else if (protocol === 'rest-json') {
    contentType = 'application/json';
    headers['x-amzn-errortype'] = code;
    // Models disagree on the member's case (SageMaker `Message`, Bedrock `message`): send both.
    text = JSON.stringify({ message, Message: message });
  } else {
    contentType = 'application/xml';
    headers['x-amz-request-id'] = requestId;
    text =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
      `<RequestId>${requestId}</RequestId></Error>`;
  }
  // HEAD answers carry no body; the S3 client then names the error after the status (NotFound).
  const body = method === 'HEAD' ? new Uint8Array() : new Uint8Array(Buffer.from(text));
  headers['content-type'] = contentType;
  headers['content-length'] = String(body.byteLength);
  return { status, headers, body };
}
