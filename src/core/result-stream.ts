/**
 * `ResultStream`: an {@link AwsAIStream} of typed events plus a final result that settles when the
 * stream ends (the shape of the generative module's `GenerativeStream`, shared by the knowledge and
 * agents modules). Read it one way: iterate it, or await {@link ResultStream.text} /
 * {@link ResultStream.finalMessage}, which then read it for you.
 *
 * @packageDocumentation
 */

import type { Readable } from 'node:stream';
import { AbortError, AwsAIError, StreamError } from '../errors';
import { fromAwsError } from './error-mapping';
import { type Deferred, FinalReader, textDeltas } from './final-reader';
import { IdleTimeout, idleTimeoutError, type StreamSite } from './internal/idle';
import { nameFailure } from './internal/name-failure';
import type { AwsAIStream, NodeReadableOptions } from './stream';

export { Deferred } from './final-reader';

/**
 * An exception event, a dropped connection or an idle stall after the response began, as a
 * {@link StreamError} whose `code` is the AWS exception and whose `cause` is the typed error
 * (`ThrottlingError`, `ValidationError`, …). @internal
 */
export function midStreamError(err: unknown, site: StreamSite): StreamError | AwsAIError {
  if (err instanceof IdleTimeout) return idleTimeoutError(site, err.idleMs, err);
  // Already a stream's failure or a stop: kept, with the stream's site when it names none.
  if (StreamError.isInstance(err)) return nameFailure(err, site);
  if (AwsAIError.isInstance(err) && (err.code === 'AbortError' || AbortError.isInstance(err))) {
    return nameFailure(err, site);
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
  // The reading (events once, the result settled however the stream ends) is core's FinalReader,
  // shared with generative's streams; this class keeps the API and its docs.
  readonly #reader: FinalReader<E, F>;

  /** @internal */
  constructor(inner: AwsAIStream<E>, final: Deferred<F>) {
    this.#reader = new FinalReader(inner, final);
  }

  /** Aborting it cancels the request. */
  get controller(): AbortController {
    return this.#reader.controller;
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
    return this.#reader.events();
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
    return textDeltas(this);
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
    return this.#reader.result();
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
    this.#reader.abort(reason);
  }

  /**
   * Reads every event into an array.
   *
   * @example
   * ```ts
   * const events = await stream.collect();
   * ```
   */
  collect(): Promise<E[]> {
    return this.#reader.collect();
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
    return this.#reader.view().toReadableStream();
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
    return this.#reader.view().toNodeReadable(options);
  }
}
