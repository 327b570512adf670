import { setTimeout as sleep } from 'node:timers/promises';
import { AbortError, StreamError, TimeoutError, ValidationError } from 'aws-ai';
import type { EndpointStreamEvent } from 'aws-ai/endpoints';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** Generous bound on how late a timeout may cut a stream: a timing check, not a benchmark. */
const MARGIN_MS = 750;

/** Stalled handlers wait on this; released after each test so the emulator can close. */
let release: () => void = () => {};
let stalled = new Promise<void>((resolve) => {
  release = resolve;
});
afterEach(() => {
  release();
  stalled = new Promise<void>((resolve) => {
    release = resolve;
  });
});

/** One line, then nothing until the test ends. */
function stallEndpoint(): void {
  emu.handle('sagemaker-runtime', 'InvokeEndpointWithResponseStream', () => ({
    Body: (async function* () {
      yield { PayloadPart: { Bytes: Buffer.from('{"token":"Once"}\n') } };
      await stalled;
      yield { PayloadPart: { Bytes: Buffer.from('{"token":" upon"}\n') } };
    })(),
    ContentType: 'application/jsonlines',
  }));
}

/** Reads `stream` into `into`; resolves with what it threw (or undefined) and how long it took. */
async function timedRead(
  stream: AsyncIterable<EndpointStreamEvent>,
  into: EndpointStreamEvent[],
): Promise<{ err: unknown; ms: number }> {
  const start = performance.now();
  const err = await (async () => {
    for await (const event of stream) into.push(event);
  })().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { err, ms: performance.now() - start };
}

// Load the endpoint code and open the connection first: a cold start would eat the timeouts.
beforeAll(async () => {
  await collect(client().endpoints.invokeStream('warm', { inputs: 'up' }));
});

async function collect(stream: AsyncIterable<EndpointStreamEvent>): Promise<EndpointStreamEvent[]> {
  const out: EndpointStreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

function partsHandler(parts: Array<string | Uint8Array>, contentType: string) {
  return () => ({
    Body: (async function* () {
      for (const part of parts) {
        yield { PayloadPart: { Bytes: typeof part === 'string' ? Buffer.from(part) : part } };
      }
    })(),
    ContentType: contentType,
  });
}

describe('endpoints.invokeStream', () => {
  it('reassembles JSON Lines split across PayloadParts into whole lines', async () => {
    const events = await collect(
      client().endpoints.invokeStream('tgi', { inputs: 'Tell me about Paris', stream: true }),
    );
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) {
      expect(event.type).toBe('line');
      if (event.type === 'line')
        expect(event.json).toMatchObject({ token: { id: expect.any(Number) } });
    }
    // The emulator cut every line in half: whole lines prove the buffering across parts.
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')[0]?.input).toMatchObject({
      EndpointName: 'tgi',
      ContentType: 'application/json',
    });
  });

  it('reassembles server-sent events, including a UTF-8 character split between parts', async () => {
    const euro = Buffer.from('€');
    emu.handle(
      'sagemaker-runtime',
      'InvokeEndpointWithResponseStream',
      partsHandler(
        [
          'data: {"token":{"text":"He',
          'llo"}}\n\nda',
          'ta: {"token":{"text":" ',
          euro.subarray(0, 1),
          Buffer.concat([
            euro.subarray(1),
            Buffer.from('"}}\r\n\r\n: keep-alive\n\nevent: end\ndata: [DONE]'),
          ]),
        ],
        'text/event-stream',
      ),
    );
    const events = await collect(client().endpoints.invokeStream('llm', { inputs: 'hi' }));
    expect(events).toEqual([
      {
        type: 'sse',
        data: '{"token":{"text":"Hello"}}',
        event: undefined,
        id: undefined,
        json: { token: { text: 'Hello' } },
      },
      {
        type: 'sse',
        data: '{"token":{"text":" €"}}',
        event: undefined,
        id: undefined,
        json: { token: { text: ' €' } },
      },
      { type: 'sse', data: '[DONE]', event: 'end', id: undefined, json: undefined },
    ]);
  });

  it('passes bytes through for binary content types', async () => {
    emu.handle(
      'sagemaker-runtime',
      'InvokeEndpointWithResponseStream',
      partsHandler([new Uint8Array([1, 2]), new Uint8Array([3])], 'application/octet-stream'),
    );
    const events = await collect(client().endpoints.invokeStream('raw', new Uint8Array([9])));
    expect(events.map((e) => (e.type === 'bytes' ? Array.from(e.bytes) : null))).toEqual([
      [1, 2],
      [3],
    ]);
  });

  it('turns a ModelStreamError mid-stream into a typed StreamError after the events before it', async () => {
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
      kind: 'stream-error',
      afterEvents: 2,
    });
    const seen: EndpointStreamEvent[] = [];
    const err = await (async () => {
      for await (const event of client().endpoints.invokeStream('tgi', {
        inputs: 'Tell me a long story',
      })) {
        seen.push(event);
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({
      code: 'ModelStreamError',
      operation: 'InvokeEndpointWithResponseStream',
    });
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('idleTimeoutMs cancels a stalled stream with a StreamError(IdleTimeout) after the events that arrived', async () => {
    stallEndpoint();
    const seen: EndpointStreamEvent[] = [];
    const { err, ms } = await timedRead(
      client().endpoints.invokeStream('tgi', { inputs: 'hi' }, { idleTimeoutMs: 200 }),
      seen,
    );
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({
      code: 'IdleTimeout',
      retryable: true,
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
    });
    expect(seen).toEqual([{ type: 'line', text: '{"token":"Once"}', json: { token: 'Once' } }]);
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(200 + MARGIN_MS);
  });

  it('timeoutMs (per call or on the client) cuts the stream with a TimeoutError, not ECONNRESET', async () => {
    for (const [ai, options] of [
      [client(), { timeoutMs: 300 }],
      [client({ timeoutMs: 300 }), {}],
    ] as const) {
      stallEndpoint();
      const seen: EndpointStreamEvent[] = [];
      const { err, ms } = await timedRead(
        ai.endpoints.invokeStream('tgi', { inputs: 'hi' }, options),
        seen,
      );
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err).toMatchObject({
        service: 'sagemaker-runtime',
        operation: 'InvokeEndpointWithResponseStream',
      });
      expect(seen).toHaveLength(1);
      expect(ms).toBeGreaterThanOrEqual(295);
      expect(ms).toBeLessThan(300 + MARGIN_MS);
    }
  });

  it("the caller's signal mid-stream is an AbortError, also through toReadableStream()", async () => {
    stallEndpoint();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const reader = client()
      .endpoints.invokeStream('tgi', { inputs: 'hi' }, { signal: controller.signal })
      .toReadableStream()
      .getReader();
    expect((await reader.read()).value).toMatchObject({ type: 'line' });
    const err = await reader.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ operation: 'InvokeEndpointWithResponseStream' });
  });

  it('a connection dropped mid-stream is a StreamError after the events that arrived', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpointWithResponseStream', () => ({
      Body: (async function* () {
        for (let i = 0; i < 5; i += 1) {
          yield { PayloadPart: { Bytes: Buffer.from(`{"i":${i}}\n`) } };
          await sleep(30);
        }
      })(),
      ContentType: 'application/jsonlines',
    }));
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
      kind: 'reset',
      afterEvents: 2,
    });
    const seen: EndpointStreamEvent[] = [];
    const { err } = await timedRead(client().endpoints.invokeStream('tgi', { inputs: 'hi' }), seen);
    expect(err).toBeInstanceOf(StreamError);
    expect(seen.map((e) => (e.type === 'line' ? e.json : e))).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it('rejects a bad idleTimeoutMs or timeoutMs at the call site', () => {
    expect(() =>
      client().endpoints.invokeStream('e', { inputs: 'x' }, { idleTimeoutMs: 0 }),
    ).toThrow(ValidationError);
    expect(() =>
      client().endpoints.invokeStream('e', { inputs: 'x' }, { timeoutMs: Number.NaN }),
    ).toThrow(/timeoutMs/);
    expect(emu.calls).toHaveLength(0);
  });

  it('rejects a body over 6 MiB before the call', () => {
    expect(() => client().endpoints.invokeStream('e', new Uint8Array(6_291_457))).toThrow(/6 MiB/);
    expect(emu.calls).toHaveLength(0);
  });
});
