import { Writable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useEmulator } from '../helpers/emulator';

// examples/lambda-stream.ts run in-process as the Lambda runtime runs it: `awslambda` is a global
// whose streamifyResponse wraps the handler, and the handler gets a response stream (here a fake).
const { emu } = await useEmulator();
const streamified: unknown[] = [];
const metadata: unknown[] = [];
vi.stubGlobal('awslambda', {
  streamifyResponse: (handler: unknown) => {
    streamified.push(handler);
    return handler;
  },
  HttpResponseStream: {
    from: (stream: Writable, meta: unknown) => {
      metadata.push(meta);
      return stream;
    },
  },
});
vi.stubEnv('AWS_ENDPOINT_URL', emu.endpoint);
vi.stubEnv('AWS_REGION', 'us-east-1');
vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example');
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});
const { handler } = await import('../../examples/lambda-stream');

/** A response stream that records what the handler writes. */
function fakeResponseStream() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, chunks, ended: () => stream.writableFinished };
}

describe('examples/lambda-stream.ts (response streaming)', () => {
  it('is wrapped by awslambda.streamifyResponse and sets the content type', async () => {
    expect(streamified).toEqual([handler]);
    const response = fakeResponseStream();
    await handler({ body: 'Tell me about Lambda' }, response.stream);
    expect(metadata[0]).toMatchObject({ statusCode: 200 });
  });

  it('pipes generative.stream text to the response stream as it arrives, then ends it', async () => {
    const response = fakeResponseStream();
    await handler({ body: 'Tell me about Lambda' }, response.stream);
    expect(response.chunks.length).toBeGreaterThan(1);
    expect(response.chunks.join('')).toContain('Tell me about Lambda');
    expect(response.ended()).toBe(true);
    expect(emu.calls.map((c) => c.operation)).toEqual(['ConverseStream']);
  });

  it('fails the invocation and destroys the response when the model stream fails', async () => {
    emu.fault({ service: 'bedrock-runtime', kind: 'stream-error', afterEvents: 2, times: 3 });
    const response = fakeResponseStream();
    await expect(handler({ body: 'Tell me about Lambda' }, response.stream)).rejects.toThrow();
    expect(response.stream.destroyed).toBe(true);
  });
});
