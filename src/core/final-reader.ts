/**
 * The reading of a stream with a final result, shared by the streams that wrap an
 * {@link AwsAIStream} of events (core's `ResultStream`, generative's `GenerativeStream` and
 * `ObjectStream`): the events, read once; the final result, settled with the error that ended
 * the stream whichever way it was read; `abort()`; the text deltas.
 *
 * @internal
 * @packageDocumentation
 */

import { AbortError } from '../errors';
import { abortErrorFrom } from './internal/abort';
import type { AwsAIStream, AwsAIStreamSource } from './stream';

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
 * Reads an {@link AwsAIStream} of events (`E`) whose source settles a final result (`F`) as they
 * pass. The public stream classes hold one and keep their own API and docs. @internal
 */
export class FinalReader<E, F> {
  readonly #inner: AwsAIStream<E>;
  readonly #final: Deferred<F>;
  #started = false;
  /** Set when {@link result} reads the stream itself: settles once the reading ended. */
  #drained: Promise<void> | undefined;

  constructor(inner: AwsAIStream<E>, final: Deferred<F>) {
    this.#inner = inner;
    this.#final = final;
    // Whatever reads the stream (the iterator, a web or Node stream, nobody yet), a deadline, an
    // idle timeout or an abort settles the result with that error at once. A stream that ended
    // well resolved it before, so the abort of a finished stream changes nothing.
    const { signal } = inner.controller;
    signal.addEventListener('abort', () => final.reject(abortErrorFrom(signal.reason)), {
      once: true,
    });
  }

  /** The wrapped stream's controller: aborting it cancels the request. */
  get controller(): AbortController {
    return this.#inner.controller;
  }

  #stopped(): void {
    this.#final.reject(
      new AbortError('The stream was stopped before it finished', { code: 'ABORT_ERR' }),
    );
  }

  /**
   * The events, readable once: an error ending the read rejects the result with it, stopping
   * early (`break`, `return()`) with an `AbortError`.
   */
  events(): AsyncIterator<E, undefined> {
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

  /** The wrapped stream, for a view that reads it (web `ReadableStream`, Node `Readable`). */
  view(): AwsAIStream<E> {
    this.#started = true;
    return this.#inner;
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of { [Symbol.asyncIterator]: () => this.events() }) {
        // Reading is the point: the source settles the result as events pass.
      }
    } catch (err) {
      this.#final.reject(err);
    }
  }

  /**
   * The final result; reads the stream if nothing else does, and then settles once that read
   * ended (not at the last event), so the stream and its span are closed by then.
   */
  result(): Promise<F> {
    if (!this.#started) this.#drained = this.#drain();
    return this.#drained ? this.#drained.then(() => this.#final.promise) : this.#final.promise;
  }

  /** Settles when the source settles the result, without reading the stream. */
  get settled(): Promise<F> {
    return this.#final.promise;
  }

  /** Reads every event into an array. */
  async collect(): Promise<E[]> {
    const events: E[] = [];
    for await (const event of { [Symbol.asyncIterator]: () => this.events() }) events.push(event);
    return events;
  }

  /** Cancels the stream and its request; the result rejects with the `AbortError`. */
  abort(reason?: unknown): void {
    this.#inner.abort(reason);
    if (!this.#started) this.#stopped();
  }
}

/**
 * The source of a stream with a final result: the events of `source`, whose error, if one ends
 * it, also rejects `final` (so the result settles whatever reads the stream, a web or Node view
 * included). @internal
 */
export function settlingSource<E, F>(
  final: Deferred<F>,
  source: AwsAIStreamSource<E>,
): AwsAIStreamSource<E> {
  return async function* (signal) {
    try {
      yield* source(signal);
    } catch (err) {
      final.reject(err);
      throw err;
    }
  };
}

/** The text of the `text-delta` events (`{ type: 'text-delta', text }`) of `events`. @internal */
export function textDeltas(events: AsyncIterable<{ type: string }>): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const event of events) {
        const text = (event as { text?: unknown }).text;
        if (event.type === 'text-delta' && typeof text === 'string') yield text;
      }
    },
  };
}
