import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { BodyTooLargeError, joinChunks } from './protocols/body';

/** One HTTP request/response pair, the same for HTTP/1.1 and HTTP/2. */
export interface Exchange {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** Lower-cased header names; HTTP/2 pseudo-headers left out (see `host`). */
  readonly headers: Readonly<Record<string, string>>;
  /** `Host` or `:authority`. */
  readonly host: string;
  readonly httpVersion: string;
  /** The request body, chunk by chunk (for bodies read as they arrive: event streams). */
  readonly body: AsyncIterable<Uint8Array>;
  /**
   * The whole request body. Above `maxBytes` (declared `Content-Length` or bytes received) it
   * rejects with {@link BodyTooLargeError} at once, keeps nothing and throws the rest of the body
   * away as it arrives, so an oversized upload never takes more memory than one chunk.
   */
  readBody(maxBytes: number): Promise<Uint8Array>;
  /** Whether the response head was sent. */
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): void;
  /** Writes a body chunk, waiting when the peer is slow; false once the exchange is gone. */
  write(chunk: Uint8Array): Promise<boolean>;
  end(chunk?: Uint8Array): void;
  /**
   * Drops the exchange without an answer (HTTP/1.1: the socket; HTTP/2: RST_STREAM, or with
   * `connection` the whole session, as a connection lost mid-answer does).
   */
  reset(options?: { afterWrites?: boolean; connection?: boolean }): void;
  /** Throws the rest of the request body away. */
  drain(): void;
}

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

function flattenHeaders(raw: Request['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isHttp2(req: Request): req is Http2ServerRequest {
  return req.httpVersionMajor === 2;
}

/** Wraps a `node:http` or `node:http2` compatibility request/response pair. */
export function createExchange(req: Request, res: Response): Exchange {
  const headers = flattenHeaders(req.headers);
  const authority = isHttp2(req) ? req.authority : undefined;
  let gone = false;
  // A client that aborts mid-request is routine for a test double (timeouts, resets, destroy()).
  req.on('error', () => {});
  res.on('close', () => {
    gone = true;
  });
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers,
    host: authority ?? headers.host ?? '',
    httpVersion: req.httpVersion,
    body: req,
    readBody(maxBytes) {
      return new Promise<Uint8Array>((resolve, reject) => {
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.resume();
          reject(new BodyTooLargeError(maxBytes, declared));
          return;
        }
        let parts: Uint8Array[] = [];
        let total = 0;
        const cleanup = () => {
          req.off('data', onData);
          req.off('end', onEnd);
          req.off('error', onError);
          req.off('aborted', onAborted);
        };
        const onData = (chunk: Uint8Array) => {
          total += chunk.byteLength;
          if (total <= maxBytes) {
            parts.push(chunk);
            return;
          }
          cleanup();
          parts = [];
          // Keep the stream flowing with no listener: the rest is read and thrown away.
          req.resume();
          reject(new BodyTooLargeError(maxBytes, total));
        };
        const onEnd = () => {
          cleanup();
          resolve(joinChunks(parts, total));
        };
        const onError = (err: Error) => {
          cleanup();
          reject(err);
        };
        const onAborted = () => onError(new Error('the client aborted the request'));
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.on('aborted', onAborted);
      });
    },
    get headersSent() {
      return res.headersSent;
    },
    writeHead(status, responseHeaders) {
      // Both response classes share this overload; the union hides it from TypeScript.
      if (!gone && !res.headersSent) (res as ServerResponse).writeHead(status, responseHeaders);
    },
    async write(chunk) {
      if (gone) return false;
      // Both response classes share this overload; the union hides it from TypeScript.
      const ok = (res as ServerResponse).write(chunk);
      if (!ok) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      return !gone;
    },
    end(chunk) {
      if (gone) return;
      if (chunk === undefined) res.end();
      else (res as ServerResponse).end(chunk);
    },
    reset(options) {
      gone = true;
      if (isHttp2(req)) {
        const session = req.stream.session;
        if (!options?.connection || !session) req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
        // The client acknowledges a PING after the frames sent before it: what was written has
        // reached it when the connection goes, however loaded the machine is.
        else if (!session.ping(() => session.destroy())) session.destroy();
      }
      // Mid-stream, the bytes already written must reach the client before the drop: a RST can make
      // the client's kernel discard what it received but had not read yet, so the events "sent
      // before the drop" would depend on timing. Close after the writes instead.
      else if (options?.afterWrites) req.socket.destroySoon();
      else req.socket.destroy();
    },
    drain() {
      req.resume();
    },
  };
}
