import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GenerativeStream } from 'aws-ai/generative';
import { AbortError, StreamError, TimeoutError } from 'aws-ai/generative';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const model = 'amazon.nova-lite-v1:0';

/** Generous bound on how late a deadline may cut a stream: a timing check, not a benchmark. */
const MARGIN_MS = 750;
const TIMEOUT_MS = 300;

/** Handlers stalled mid-stream wait on this; released after each test so the emulator can close. */
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

// Load the stream code and open the HTTP/2 connection first: a cold start would eat the deadline.
beforeAll(async () => {
  await client().generative.stream({ model, prompt: 'warm up' }).finalMessage();
  await client().generative.invokeStream(model, {}).collect();
});

/** ConverseStream: the start of an answer, then nothing until the test ends. */
function stallConverse(): void {
  emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
    yield { messageStart: { role: 'assistant' } };
    yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Once upon ' } } };
    yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'a time' } } };
    await stalled;
    yield { contentBlockStop: { contentBlockIndex: 0 } };
    yield { messageStop: { stopReason: 'end_turn' } };
  });
}

/** Runs `read`, returning what it threw (or `undefined`) and how long it took. */
async function timed(read: () => Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const start = performance.now();
  const err = await read().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { err, ms: performance.now() - start };
}

function expectCutByDeadline({ err, ms }: { err: unknown; ms: number }, operation: string): void {
  expect(err).toBeInstanceOf(TimeoutError);
  expect(err).toMatchObject({ service: 'bedrock-runtime', operation });
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
}

async function textOf(stream: GenerativeStream, into: string[]): Promise<void> {
  for await (const event of stream) if (event.type === 'text-delta') into.push(event.text);
}

describe('generative.stream cut by timeoutMs: a TimeoutError from every way of reading it', () => {
  it('for-await rejects after the text that arrived; finalMessage() rejects too, never "other"', async () => {
    stallConverse();
    const stream = client().generative.stream(
      { model, prompt: 'story' },
      { timeoutMs: TIMEOUT_MS },
    );
    const text: string[] = [];
    const outcome = await timed(() => textOf(stream, text));
    expectCutByDeadline(outcome, 'ConverseStream');
    expect(text.join('')).toBe('Once upon a time');
    await expect(stream.finalMessage()).rejects.toBe(outcome.err);
    await expect(stream.text).rejects.toBeInstanceOf(TimeoutError);
  });

  it('finalMessage() alone (the stream reads itself), with timeoutMs on the client config', async () => {
    stallConverse();
    const stream = client({ timeoutMs: TIMEOUT_MS }).generative.stream({ model, prompt: 'story' });
    expectCutByDeadline(await timed(() => stream.finalMessage()), 'ConverseStream');
  });

  it('textStream rejects after the chunks that arrived', async () => {
    stallConverse();
    const stream = client().generative.stream(
      { model, prompt: 'story' },
      { timeoutMs: TIMEOUT_MS },
    );
    const chunks: string[] = [];
    const outcome = await timed(async () => {
      for await (const chunk of stream.textStream) chunks.push(chunk);
    });
    expectCutByDeadline(outcome, 'ConverseStream');
    expect(chunks).toEqual(['Once upon ', 'a time']);
  });

  it('toReadableStream() errors the web stream; finalMessage() rejects without being read', async () => {
    stallConverse();
    const stream = client().generative.stream(
      { model, prompt: 'story' },
      { timeoutMs: TIMEOUT_MS },
    );
    const reader = stream.toReadableStream().getReader();
    const types: string[] = [];
    const outcome = await timed(async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        types.push(value.type);
      }
    });
    expectCutByDeadline(outcome, 'ConverseStream');
    expect(types).toEqual(['message-start', 'text-delta', 'text-delta']);
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('toNodeReadable() emits the TimeoutError as its error', async () => {
    stallConverse();
    const stream = client().generative.stream(
      { model, prompt: 'story' },
      { timeoutMs: TIMEOUT_MS },
    );
    const readable: Readable = stream.toNodeReadable();
    const types: string[] = [];
    const outcome = await timed(async () => {
      for await (const event of readable) types.push((event as { type: string }).type);
    });
    expectCutByDeadline(outcome, 'ConverseStream');
    expect(types).toContain('text-delta');
    expect(readable.destroyed).toBe(true);
  });

  it('chat().stream rejects and the turn does not join the history', async () => {
    stallConverse();
    const chat = client().generative.chat({ model });
    const stream = chat.stream('story', { timeoutMs: TIMEOUT_MS });
    expectCutByDeadline(await timed(() => stream.finalMessage()), 'ConverseStream');
    expect(chat.history).toEqual([]);
  });

  it('bounds the whole stream: a slow trickle that never stalls is cut too', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      yield { messageStart: { role: 'assistant' } };
      for (let i = 0; i < 100; i += 1) {
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: `w${i} ` } } };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      yield { messageStop: { stopReason: 'end_turn' } };
    });
    const stream = client().generative.stream(
      { model, prompt: 'long' },
      { timeoutMs: TIMEOUT_MS, idleTimeoutMs: 1_000 },
    );
    const text: string[] = [];
    const outcome = await timed(() => textOf(stream, text));
    expectCutByDeadline(outcome, 'ConverseStream');
    expect(text.length).toBeGreaterThan(2);
  });
});

describe('generative.stream ended early: typed, never a normal end', () => {
  it("the caller's signal mid-stream is an AbortError naming the operation, from for-await and finalMessage()", async () => {
    stallConverse();
    const controller = new AbortController();
    const stream = client().generative.stream(
      { model, prompt: 'story' },
      { signal: controller.signal },
    );
    const text: string[] = [];
    const err = await (async () => {
      for await (const event of stream) {
        if (event.type === 'text-delta') {
          text.push(event.text);
          if (text.length === 2) setTimeout(() => controller.abort(), 20);
        }
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ service: 'bedrock-runtime', operation: 'ConverseStream' });
    expect(text.join('')).toBe('Once upon a time');
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
  });

  it('a reader that stops early: finalMessage() rejects with an AbortError naming the operation', async () => {
    stallConverse();
    const stream = client().generative.stream({ model, prompt: 'story' });
    for await (const event of stream) if (event.type === 'text-delta') break;
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject({ service: 'bedrock-runtime', operation: 'ConverseStream' });
    expect((err as Error).message).toMatch(/^bedrock-runtime ConverseStream stream was stopped/);
  });

  it('a stream that closes before messageStop is a retryable StreamError (StreamTruncated)', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      yield { messageStart: { role: 'assistant' } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'half an ans' } } };
    });
    const stream = client().generative.stream({ model, prompt: 'story' });
    const text: string[] = [];
    const err = await textOf(stream, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ code: 'StreamTruncated', retryable: true });
    expect(text.join('')).toBe('half an ans');
    await expect(stream.finalMessage()).rejects.toBe(err);
  });

  it("recover: 'restart' restarts a truncated stream", async () => {
    let attempt = 0;
    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      attempt += 1;
      yield { messageStart: { role: 'assistant' } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: `try ${attempt}` } } };
      if (attempt === 1) return;
      yield { contentBlockStop: { contentBlockIndex: 0 } };
      yield { messageStop: { stopReason: 'end_turn' } };
    });
    const stream = client().generative.stream({ model, prompt: 'x' }, { recover: 'restart' });
    const events = await stream.collect();
    expect(events.find((e) => e.type === 'reset')).toMatchObject({ reason: 'StreamTruncated' });
    expect(await stream.text).toBe('try 2');
  });

  it('an exception mid-stream keeps the text that arrived and rejects finalMessage() with it', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'stream-error',
      afterEvents: 3,
      code: 'ModelStreamErrorException',
    });
    const stream = client().generative.stream({ model, prompt: 'one two three four five' });
    const text: string[] = [];
    const err = await textOf(stream, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ code: 'ModelStreamErrorException' });
    expect(text.length).toBeGreaterThan(0);
    await expect(stream.finalMessage()).rejects.toBe(err);
  });

  it('a connection dropped mid-stream is a StreamError after the text that arrived', async () => {
    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      yield { messageStart: { role: 'assistant' } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Once upon ' } } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'a time' } } };
      // The drop comes a little later: events the client has not read yet die with the connection.
      await sleep(50);
      yield { contentBlockStop: { contentBlockIndex: 0 } };
      yield { messageStop: { stopReason: 'end_turn' } };
    });
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'reset',
      afterEvents: 3,
    });
    const stream = client().generative.stream({ model, prompt: 'story' });
    const text: string[] = [];
    const err = await textOf(stream, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ service: 'bedrock-runtime', operation: 'ConverseStream' });
    expect(text.join('')).toBe('Once upon a time');
    await expect(stream.finalMessage()).rejects.toBe(err);
    expect(callsTo(emu, 'ConverseStream')).toHaveLength(1);
  });
});

describe('generative.invokeStream ended early', () => {
  function stallInvoke(): void {
    emu.handle('bedrock-runtime', 'InvokeModelWithResponseStream', async function* () {
      yield { chunk: { bytes: Buffer.from('{"delta":"Once upon"}') } };
      await stalled;
      yield { chunk: { bytes: Buffer.from('{"delta":" a time"}') } };
    });
  }

  async function chunksOf(stream: AsyncIterable<unknown>, into: unknown[]): Promise<void> {
    for await (const chunk of stream) into.push(chunk);
  }

  it('timeoutMs cuts it with a TimeoutError after the chunks that arrived', async () => {
    stallInvoke();
    const chunks: unknown[] = [];
    const outcome = await timed(() =>
      chunksOf(client().generative.invokeStream(model, {}, { timeoutMs: TIMEOUT_MS }), chunks),
    );
    expectCutByDeadline(outcome, 'InvokeModelWithResponseStream');
    expect(chunks).toEqual([{ delta: 'Once upon' }]);
  });

  it("the client's timeoutMs applies, through toReadableStream() too", async () => {
    stallInvoke();
    const reader = client({ timeoutMs: TIMEOUT_MS })
      .generative.invokeStream(model, {})
      .toReadableStream()
      .getReader();
    const outcome = await timed(async () => {
      for (;;) if ((await reader.read()).done) return;
    });
    expectCutByDeadline(outcome, 'InvokeModelWithResponseStream');
  });

  it("the caller's signal mid-stream is an AbortError", async () => {
    stallInvoke();
    const chunks: unknown[] = [];
    const err = await chunksOf(
      client().generative.invokeStream(model, {}, { signal: AbortSignal.timeout(150) }),
      chunks,
    ).catch((e: unknown) => e);
    // The caller's own AbortSignal.timeout is the caller's deadline: a TimeoutError, named.
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ operation: 'InvokeModelWithResponseStream' });
    expect(chunks).toHaveLength(1);

    stallInvoke();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const err2 = await chunksOf(
      client().generative.invokeStream(model, {}, { signal: controller.signal }),
      [],
    ).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(AbortError);
  });

  it('a connection dropped mid-stream is a StreamError after the chunks that arrived', async () => {
    emu.handle('bedrock-runtime', 'InvokeModelWithResponseStream', async function* () {
      for (let i = 0; i < 5; i += 1) {
        yield { chunk: { bytes: Buffer.from(`{"i":${i}}`) } };
        await sleep(30);
      }
    });
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'InvokeModelWithResponseStream',
      kind: 'reset',
      afterEvents: 2,
    });
    const chunks: unknown[] = [];
    const err = await chunksOf(client().generative.invokeStream(model, {}), chunks).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StreamError);
    expect(chunks).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it('rejects a bad timeoutMs at the call site', () => {
    expect(() => client().generative.invokeStream(model, {}, { timeoutMs: -1 })).toThrow(
      /timeoutMs/,
    );
    expect(() => client().generative.stream({ model, prompt: 'x' }, { timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
  });
});
