import type { Readable } from 'node:stream';
import { AbortError } from '../core/errors';
import { abortErrorFrom } from '../core/internal/abort';
import type { AwsAIStream, NodeReadableOptions } from '../core/stream';
import type { GenerativeFinalMessage, GenerativeStreamEvent, GenerativeUsage } from './types';

/** A promise settled from outside, never reported as unhandled. @internal */
export class Deferred<T> {
  readonly promise: Promise<T>;
  settled = false;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.promise.catch(() => {});
  }
  resolve(value: T): void {
    if (this.settled) return;
    this.settled = true;
    this.#resolve(value);
  }
  reject(reason: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.#reject(reason);
  }
}

/**
 * The stream {@link Generative.stream} returns: an `AsyncIterable` of typed events, readable once,
 * plus views that settle when it ends. Read it one way: iterate it, iterate {@link textStream}, or
 * just await {@link text} / {@link usage} / {@link finalMessage} (which then read it for you).
 * Promises read after iterating settle with what the iteration saw.
 *
 * @example
 * ```ts
 * const stream = ai.generative.stream({ model, prompt: 'Tell me a story' });
 * for await (const chunk of stream.textStream) process.stdout.write(chunk);
 * console.log(await stream.usage);
 * ```
 */
export class GenerativeStream implements AsyncIterable<GenerativeStreamEvent> {
  readonly #inner: AwsAIStream<GenerativeStreamEvent>;
  readonly #final: Deferred<GenerativeFinalMessage>;
  #started = false;
  /** Set when {@link finalMessage} reads the stream itself: settles once the reading ended. */
  #drained: Promise<void> | undefined;

  /** @internal */
  constructor(inner: AwsAIStream<GenerativeStreamEvent>, final: Deferred<GenerativeFinalMessage>) {
    this.#inner = inner;
    this.#final = final;
    // Whatever reads the stream (this iterator, a web or Node stream, nobody yet), a deadline, an
    // idle timeout or an abort settles the final message with that error at once. A stream that
    // ended well resolved it before, so the abort of a finished stream changes nothing.
    const { signal } = inner.controller;
    signal.addEventListener('abort', () => final.reject(abortErrorFrom(signal.reason)), {
      once: true,
    });
  }

  /** Aborting it cancels the HTTP/2 request. */
  get controller(): AbortController {
    return this.#inner.controller;
  }

  #stopped(): void {
    this.#final.reject(
      new AbortError('The stream was stopped before it finished', { code: 'ABORT_ERR' }),
    );
  }

  /** Every event, in order; the stream is readable once. */
  [Symbol.asyncIterator](): AsyncIterator<GenerativeStreamEvent, undefined> {
    const iterator = this.#inner[Symbol.asyncIterator]();
    this.#started = true;
    return {
      next: async () => {
        try {
          return await iterator.next();
        } catch (err) {
          this.#final.reject(err);
          throw err;
        }
      },
      return: async () => {
        await iterator.return?.();
        this.#stopped();
        return { done: true, value: undefined };
      },
    };
  }

  /** Only the text deltas. Reading it reads the stream. */
  get textStream(): AsyncIterable<string> {
    const events = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          if (event.type === 'text-delta') yield event.text;
        }
      },
    };
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this) {
        // Reading is the point: the source fills the final message as events pass.
      }
    } catch (err) {
      this.#final.reject(err);
    }
  }

  /**
   * The assistant message once the stream ended: content blocks, text, tool calls with parsed
   * input, stop reason, usage of every attempt. Reads the stream if nothing else does.
   *
   * @throws the error that ended the stream ({@link StreamError}, {@link AbortError}, …)
   */
  finalMessage(): Promise<GenerativeFinalMessage> {
    if (!this.#started) this.#drained = this.#drain();
    // Once the read ended (not at the last event): the stream and its span are closed by then.
    return this.#drained ? this.#drained.then(() => this.#final.promise) : this.#final.promise;
  }

  /** Settles when the stream ends, without reading it. @internal */
  get settled(): Promise<GenerativeFinalMessage> {
    return this.#final.promise;
  }

  /** The full text, once the stream ended. */
  get text(): Promise<string> {
    return this.finalMessage().then((m) => m.text);
  }

  /** Usage summed over every attempt, once the stream ended. */
  get usage(): Promise<GenerativeUsage> {
    return this.finalMessage().then((m) => m.usage);
  }

  /** Cancels the stream and its request. */
  abort(reason?: unknown): void {
    this.#inner.abort(reason);
    if (!this.#started) this.#stopped();
  }

  /** Reads every event into an array. */
  async collect(): Promise<GenerativeStreamEvent[]> {
    const events: GenerativeStreamEvent[] = [];
    for await (const event of this) events.push(event);
    return events;
  }

  /** A web `ReadableStream` of the events; cancelling it aborts the request. */
  toReadableStream(): ReadableStream<GenerativeStreamEvent> {
    this.#started = true;
    return this.#inner.toReadableStream();
  }

  /** A Node object-mode `Readable` of the events; destroying it aborts the request. */
  toNodeReadable(options?: NodeReadableOptions): Readable {
    this.#started = true;
    return this.#inner.toNodeReadable(options);
  }
}
