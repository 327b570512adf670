import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';
import { createExchange, type Exchange } from './exchange';
import { replaySocket } from './socket-replay';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/** A listening server; `close()` drops open connections too. */
export interface Transport {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves HTTP/1.1 and HTTP/2 cleartext (prior knowledge) on one port: the Bedrock and Transcribe
 * Streaming clients speak HTTP/2, the others HTTP/1.1, and tests want one endpoint for all.
 */
export async function startTransport(
  port: number,
  host: string,
  onExchange: (exchange: Exchange) => void,
): Promise<Transport> {
  const http1 = createHttpServer((req, res) => onExchange(createExchange(req, res)));
  const http2 = createHttp2Server((req, res) => onExchange(createExchange(req, res)));
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  // A socket reset mid-request is a normal outcome of the `reset` fault, not a server problem.
  http2.on('sessionError', () => {});
  http1.on('clientError', (_err, socket) => socket.destroy());

  const server = createNetServer((socket) => {
    // Node's HTTP/1.1 server turns Nagle's algorithm off on its sockets, but a socket handed to the
    // HTTP/2 server keeps it: a stream's last small DATA frames then wait for the client's delayed
    // ACK (~40 ms each time the flow-control window refills), so an event stream served over
    // HTTP/2 took 3-4x as long as over HTTP/1.1.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const compared = Math.min(head.byteLength, HTTP2_PREFACE.byteLength);
      const isPreface = head.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      if (isPreface && head.byteLength < HTTP2_PREFACE.byteLength) return;
      socket.off('data', onData);
      if (isPreface) {
        http2.emit('connection', replaySocket(socket, head));
        return;
      }
      socket.pause();
      socket.unshift(head);
      http1.emit('connection', socket);
      socket.resume();
    };
    socket.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator: no TCP port');

  return {
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      http1.close();
      http2.close();
      await closed;
    },
  };
}
