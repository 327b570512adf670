/**
 * `ResultStream`: an {@link AwsAIStream} of typed events plus a final result that settles when the
 * stream ends (the shape of the generative module's `GenerativeStream`, shared by the knowledge and
 * agents modules). Read it one way: iterate it, or await {@link ResultStream.text} /
 * {@link ResultStream.finalMessage}, which then read it for you.
 *
 * @packageDocumentation
 */

import type { Readable } from 'node:stream';
import { fromAwsError } from './error-mapping';
import { AbortError, AwsAIError, StreamError } from './errors';
import { abortErrorFrom } from './internal/abort';
import { IdleTimeout, idleTimeoutError, type StreamSite } from './internal/idle';
import type { AwsAIStream, NodeReadableOptions } from './stream';

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
 * An exception event, a dropped connection or an idle stall after the response began, as a
 * {@link StreamError} whose `code` is the AWS exception and whose `cause` is the typed error
 * (`ThrottlingError`, `ValidationError`, …). @internal
 */
export function midStreamError(err: unknown, site: StreamSite): StreamError | AwsAIError {
  if (err instanceof IdleTimeout) return idleTimeoutError(site, err.idleMs, err);
  if (err instanceof StreamError) return err;
  if (AwsAIError.isInstance(err) && (err.code === 'AbortError' || AbortError.isInstance(err))) {
    return err;
  }
  const mapped = AwsAIError.isInstance(err) ? err : fromAwsError(err, site);
  return new StreamError(`${mapped.message} (mid-stream)`, {
    ...site,
    code: mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId,
    retryable: mapped.retryable,
    cause: mapped,
  });
}

/**
 * A stream of typed events (`E`) with a final result (`F`) that settles when the stream ends:
 * `AsyncIterable`, readable once, with `.text`, `.finalMessage()`, `.abort()`, `.collect()` and web
 * / Node stream views. A deadline (`timeoutMs`), an idle timeout or an abort rejects every way of
 * reading it (the iterator, `finalMessage()`, `text`) with the same `TimeoutError`, `StreamError` or
 * `AbortError`: a cut stream never looks complete.
 *
 * @example
 * ```ts
 * const stream = ai.knowledge.askStream('What is our refund policy?', { knowledgeBaseId, model });
 * for await (const event of stream) {
 *   if (event.type === 'text-delta') process.stdout.write(event.text);
 * }
 * const { citations } = await stream.finalMessage();
 * ```
 */
export class ResultStream<E extends { type: string }, F extends { text: string }>
  implements AsyncIterable<E>
{
  readonly #inner: AwsAIStream<E>;
  readonly #final: Deferred<F>;
  #started = false;
  /** Set when {@link finalMessage} reads the stream itself: settles once the reading ended. */
  #drained: Promise<void> | undefined;

  /** @internal */
  constructor(inner: AwsAIStream<E>, final: Deferred<F>) {
    this.#inner = inner;
    this.#final = final;
    // Whatever reads the stream, a deadline, idle timeout or abort settles the result with that
    // error at once; a stream that ended well resolved it before.
    const { signal } = inner.controller;
    signal.addEventListener('abort', () => final.reject(abortErrorFrom(signal.reason)), {
      once: true,
    });
  }

  /** Aborting it cancels the request. */
  get controller(): AbortController {
    return this.#inner.controller;
  }

  #stopped(): void {
    this.#final.reject(
      new AbortError('The stream was stopped before it finished', { code: 'ABORT_ERR' }),
    );
  }

  /**
   * Reads the events; only once.
   *
   * @throws {@link StreamError} (code `StreamConsumed`) when the stream was already read.
   * @example
   * ```ts
   * for await (const event of stream) console.log(event.type);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<E, undefined> {
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

  /**
   * Only the text deltas (events `{ type: 'text-delta', text }`). Reading it reads the stream.
   *
   * @example
   * ```ts
   * for await (const chunk of stream.textStream) process.stdout.write(chunk);
   * ```
   */
  get textStream(): AsyncIterable<string> {
    const events = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          const text = (event as { text?: unknown }).text;
          if (event.type === 'text-delta' && typeof text === 'string') yield text;
        }
      },
    };
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this) {
        // Reading is the point: the source settles the result as events pass.
      }
    } catch (err) {
      this.#final.reject(err);
    }
  }

  /**
   * The result once the stream ended. Reads the stream if nothing else does.
   *
   * @throws the error that ended the stream ({@link StreamError}, `TimeoutError`, {@link AbortError})
   * @example
   * ```ts
   * const result = await stream.finalMessage();
   * ```
   */
  finalMessage(): Promise<F> {
    if (!this.#started) this.#drained = this.#drain();
    // Once the read ended (not at the last event): the stream and its span are closed by then.
    return this.#drained ? this.#drained.then(() => this.#final.promise) : this.#final.promise;
  }

  /**
   * The full text once the stream ended.
   *
   * @example
   * ```ts
   * console.log(await stream.text);
   * ```
   */
  get text(): Promise<string> {
    return this.finalMessage().then((m) => m.text);
  }

  /**
   * Cancels the stream and its request; reads reject with an {@link AbortError}.
   *
   * @example
   * ```ts
   * setTimeout(() => stream.abort(), 5_000);
   * ```
   */
  abort(reason?: unknown): void {
    this.#inner.abort(reason);
    if (!this.#started) this.#stopped();
  }

  /**
   * Reads every event into an array.
   *
   * @example
   * ```ts
   * const events = await stream.collect();
   * ```
   */
  async collect(): Promise<E[]> {
    const events: E[] = [];
    for await (const event of this) events.push(event);
    return events;
  }

  /**
   * A web `ReadableStream` of the events; cancelling it aborts the request.
   *
   * @example
   * ```ts
   * return new Response(stream.toReadableStream().pipeThrough(toSse()));
   * ```
   */
  toReadableStream(): ReadableStream<E> {
    this.#started = true;
    return this.#inner.toReadableStream();
  }

  /**
   * A Node object-mode `Readable` of the events; destroying it aborts the request.
   *
   * @example
   * ```ts
   * stream.toNodeReadable().on('data', (event) => console.log(event.type));
   * ```
   */
  toNodeReadable(options?: NodeReadableOptions): Readable {
    this.#started = true;
    return this.#inner.toNodeReadable(options);
  }
}
