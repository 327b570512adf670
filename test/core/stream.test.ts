import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { AwsAIStream } from '../../src/core/stream';
import { AbortError, AwsAIError, StreamError, TimeoutError } from '../../src/errors';

/** A source that records what happened to it: how far it got, its signal, whether it was closed. */
function recordingSource<T>(items: readonly T[], options: { failAfter?: number } = {}) {
  const state = {
    started: 0,
    yielded: 0,
    closed: false,
    signal: undefined as AbortSignal | undefined,
  };
  const source = async function* (signal: AbortSignal): AsyncGenerator<T> {
    state.started++;
    state.signal = signal;
    try {
      for (const item of items) {
        if (options.failAfter !== undefined && state.yielded >= options.failAfter) {
          throw new Error('connection reset');
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
        state.yielded++;
        yield item;
      }
    } finally {
      state.closed = true;
    }
  };
  return { source, state };
}

/** A source whose next() never settles and which ignores its signal (a stuck connection). */
function stuckSource(): AsyncIterable<number> {
  return { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
}

describe('AwsAIStream', () => {
  it('starts the source lazily and yields every chunk in order', async () => {
    const { source, state } = recordingSource([1, 2, 3]);
    const stream = AwsAIStream.from(source);
    expect(state.started).toBe(0);
    expect(await stream.collect()).toEqual([1, 2, 3]);
    expect(state.started).toBe(1);
    expect(state.signal?.aborted).toBe(false);
  });

  it('throws StreamError when iterated a second time', async () => {
    const stream = AwsAIStream.from(recordingSource([1]).source);
    await stream.collect();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(StreamError);
    await expect(stream.collect()).rejects.toThrow(/already consumed/);
    // A module's stream names its site (docs/errors-and-retries.md: every failure does).
    const site = { service: 'bedrock-runtime', operation: 'ConverseStream' } as const;
    const named = AwsAIStream.from(recordingSource([1]).source, { site });
    await named.collect();
    await expect(named.collect()).rejects.toMatchObject({
      ...site,
      code: 'StreamConsumed',
      message: expect.stringMatching(/^bedrock-runtime ConverseStream stream was already consumed/),
    });
    expect(() => stream.toReadableStream()).toThrow(StreamError);
  });

  it('aborts the source signal and closes the source when the consumer breaks early', async () => {
    const { source, state } = recordingSource([1, 2, 3, 4, 5]);
    const stream = AwsAIStream.from(source);
    const seen: number[] = [];
    for await (const item of stream) {
      seen.push(item);
      if (item === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    expect(state.signal?.aborted).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(state.closed).toBe(true);
    expect(state.yielded).toBe(2);
  });

  it('ends with AbortError when the caller signal fires, even if the source ignores it', async () => {
    const controller = new AbortController();
    const stream = AwsAIStream.from(stuckSource, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    setTimeout(() => controller.abort(), 5);
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('ends with AbortError when the caller signal was aborted before reading', async () => {
    const { source, state } = recordingSource([1]);
    const stream = AwsAIStream.from(source, { signal: AbortSignal.abort() });
    await expect(stream.collect()).rejects.toBeInstanceOf(AbortError);
    expect(state.started).toBe(0);
  });

  it('abort() cancels a pending read', async () => {
    const stream = AwsAIStream.from(stuckSource);
    const iterator = stream[Symbol.asyncIterator]();
    const pending = iterator.next();
    stream.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it('passes source errors through mapError, keeping the chunks already delivered', async () => {
    const { source, state } = recordingSource([1, 2, 3], { failAfter: 2 });
    const stream = AwsAIStream.from(source, {
      mapError: (err) => new StreamError('Bedrock stream failed', { cause: err }),
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of stream) seen.push(item);
    })().catch((err: unknown) => err);
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).cause).toMatchObject({ message: 'connection reset' });
    expect(state.signal?.aborted).toBe(true);
  });

  it('passes source errors unchanged without mapError or site', async () => {
    const stream = AwsAIStream.from(recordingSource([1], { failAfter: 0 }).source);
    await expect(stream.collect()).rejects.toThrow('connection reset');
  });

  it('with a site, a source error that names none takes it; a defect is an InternalError', async () => {
    const site = { service: 'polly', operation: 'SynthesizeSpeech' } as const;
    const unnamed = new StreamError('the audio ended early', { code: 'StreamInterrupted' });
    const failing = (err: unknown) =>
      AwsAIStream.from(
        // biome-ignore lint/correctness/useYield: the source fails before its first chunk
        async function* () {
          throw err;
        },
        { site },
      );
    await expect(failing(unnamed).collect()).rejects.toBe(unnamed);
    expect(unnamed).toMatchObject({ ...site, code: 'StreamInterrupted' });
    const bug = new TypeError("Cannot read properties of undefined (reading 'words')");
    const err = await failing(bug)
      .collect()
      .catch((e: unknown) => e);
    expect(AwsAIError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ ...site, code: 'InternalError', cause: bug });
    expect((err as Error).message).not.toContain('words');
  });

  it('tee() gives two streams that each see every chunk, reading the source once', async () => {
    const { source, state } = recordingSource(['a', 'b', 'c', 'd']);
    const [left, right] = AwsAIStream.from(source).tee();
    const [l, r] = await Promise.all([left.collect(), right.collect()]);
    expect(l).toEqual(['a', 'b', 'c', 'd']);
    expect(r).toEqual(['a', 'b', 'c', 'd']);
    expect(state.started).toBe(1);
    expect(state.yielded).toBe(4);
  });

  it('tee() buffers for a slower branch and cancels the source only when both stop', async () => {
    const { source, state } = recordingSource([1, 2, 3, 4, 5]);
    const [fast, slow] = AwsAIStream.from(source).tee();
    const fastSeen: number[] = [];
    for await (const item of fast) {
      fastSeen.push(item);
      if (item === 3) break;
    }
    expect(fastSeen).toEqual([1, 2, 3]);
    expect(state.signal?.aborted).toBe(false);
    expect(await slow.collect()).toEqual([1, 2, 3, 4, 5]);

    const second = recordingSource([1, 2, 3]);
    const [a, b] = AwsAIStream.from(second.source).tee();
    b.abort();
    for await (const _ of a) break;
    expect(second.state.signal?.aborted).toBe(true);
  });

  it('tee() delivers a source error to both branches', async () => {
    const [a, b] = AwsAIStream.from(recordingSource([1, 2], { failAfter: 1 }).source).tee();
    await expect(a.collect()).rejects.toThrow('connection reset');
    await expect(b.collect()).rejects.toThrow('connection reset');
  });

  it('toReadableStream() reads every chunk; cancel() aborts the source', async () => {
    const all: number[] = [];
    const web = AwsAIStream.from(recordingSource([1, 2, 3]).source)
      .toReadableStream()
      .getReader();
    for (let result = await web.read(); !result.done; result = await web.read()) {
      all.push(result.value);
    }
    expect(all).toEqual([1, 2, 3]);

    const { source, state } = recordingSource([1, 2, 3]);
    const reader = AwsAIStream.from(source).toReadableStream().getReader();
    expect(await reader.read()).toEqual({ done: false, value: 1 });
    await reader.cancel();
    expect(state.signal?.aborted).toBe(true);
    expect(state.closed).toBe(true);
  });

  it('toNodeReadable() is object-mode by default and byte-mode for binary streams', async () => {
    const objects = AwsAIStream.from(recordingSource([{ n: 1 }, { n: 2 }]).source).toNodeReadable();
    expect(objects.readableObjectMode).toBe(true);
    expect(await objects.toArray()).toEqual([{ n: 1 }, { n: 2 }]);

    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3])];
    const bytes = AwsAIStream.from(recordingSource(chunks).source, {
      binary: true,
    }).toNodeReadable();
    expect(bytes.readableObjectMode).toBe(false);
    const received: Buffer[] = [];
    await pipeline(
      bytes,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          received.push(chunk);
          done();
        },
      }),
    );
    expect(Buffer.concat(received)).toEqual(Buffer.from([1, 2, 3]));

    const forced = AwsAIStream.from(recordingSource(chunks).source).toNodeReadable({
      objectMode: false,
    });
    expect(forced.readableObjectMode).toBe(false);
    forced.destroy();
  });

  it('destroying the Node Readable aborts the source', async () => {
    const { source, state } = recordingSource(Array.from({ length: 50 }, (_, i) => i + 1));
    const readable: Readable = AwsAIStream.from(source).toNodeReadable();
    for await (const item of readable) {
      if (item === 1) break; // for-await on a Readable destroys it
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.signal?.aborted).toBe(true);
  });
});

describe('AwsAIStream deadline, idle timeout and cancelled sources', () => {
  const site = { service: 'bedrock-runtime', operation: 'ConverseStream' } as const;

  /** One chunk, then a wait that ends quietly when the signal aborts (the SDK's iterator does). */
  function quietOnAbort(signal: AbortSignal): AsyncIterable<number> {
    return (async function* () {
      yield 1;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    })();
  }

  it('timeoutMs rejects the pending read with a named TimeoutError and cancels the source', async () => {
    let sourceSignal: AbortSignal | undefined;
    const stream = AwsAIStream.from(
      (signal) => {
        sourceSignal = signal;
        return quietOnAbort(signal);
      },
      { timeoutMs: 50, site },
    );
    const seen: number[] = [];
    const err = await (async () => {
      for await (const n of stream) seen.push(n);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ ...site, code: 'TimeoutError' });
    expect(sourceSignal?.aborted).toBe(true);
  });

  it('timeoutMs also ends a stuck source that ignores its signal, through a web stream', async () => {
    const reader = AwsAIStream.from(() => stuckSource(), { timeoutMs: 30 })
      .toReadableStream()
      .getReader();
    await expect(reader.read()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('a finished stream leaves no deadline behind', async () => {
    const stream = AwsAIStream.from(
      () => recordingSource([1, 2]).source(new AbortController().signal),
      {
        timeoutMs: 20,
      },
    );
    expect(await stream.collect()).toEqual([1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(stream.controller.signal.aborted).toBe(false);
  });

  it('idleTimeoutMs ends a read that waits too long with StreamError(IdleTimeout)', async () => {
    const stream = AwsAIStream.from((signal) => quietOnAbort(signal), { idleTimeoutMs: 30, site });
    const seen: number[] = [];
    const err = await (async () => {
      for await (const n of stream) seen.push(n);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ ...site, code: 'IdleTimeout', retryable: true });
  });

  it("a source that just ends after the caller's abort is an AbortError, not a normal end", async () => {
    const controller = new AbortController();
    const stream = AwsAIStream.from((signal) => quietOnAbort(signal), {
      signal: controller.signal,
      site,
    });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    setTimeout(() => controller.abort(), 10);
    const err = await iterator.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toMatchObject(site);
  });
});
