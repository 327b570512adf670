/** A request body longer than the service takes; thrown while it arrives, before it is buffered. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    /** The limit, in bytes. */
    readonly limit: number,
    /** Bytes seen when the body was refused (the declared `Content-Length`, or what arrived). */
    readonly seen: number,
  ) {
    super(`request body of at least ${seen} bytes exceeds the limit of ${limit} bytes`);
  }
}

/**
 * The chunks of a request body as one `Uint8Array` (`total` bytes) with at most one copy: a body
 * that arrived in one chunk is returned as a view of it, a longer one is copied once into a buffer
 * of its full size. Large bodies (a 64-row tensor batch is 128 KiB) would otherwise be copied three
 * times per request.
 */
export function joinChunks(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) {
    const [only] = parts as [Uint8Array];
    return new Uint8Array(only.buffer, only.byteOffset, only.byteLength);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

/**
 * Decodes `aws-chunked` content encoding (`<hex size>[;ext]\r\n<data>\r\n … 0\r\n<trailers>\r\n`):
 * the S3 client uses it to send payload checksums as trailers.
 */
export function decodeAwsChunked(body: Uint8Array): Uint8Array {
  const buffer = Buffer.from(body);
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < buffer.byteLength) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(
      buffer.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '',
      16,
    );
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return new Uint8Array(Buffer.concat(parts));
}
