import type { Readable } from 'node:stream';
import { type Deferred, FinalReader, textDeltas } from '../core/final-reader';
import type { AwsAIStream, NodeReadableOptions } from '../core/stream';
import type { GenerativeFinalMessage, GenerativeStreamEvent, GenerativeUsage } from './types';

export { Deferred } from '../core/final-reader';

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
  // The reading (events once, the final message settled however the stream ends) is core's
  // FinalReader, shared with ResultStream and ObjectStream; this class keeps the API and its docs.
  readonly #reader: FinalReader<GenerativeStreamEvent, GenerativeFinalMessage>;

  /** @internal */
  constructor(inner: AwsAIStream<GenerativeStreamEvent>, final: Deferred<GenerativeFinalMessage>) {
    this.#reader = new FinalReader(inner, final);
  }

  /** Aborting it cancels the HTTP/2 request. */
  get controller(): AbortController {
    return this.#reader.controller;
  }

  /** Every event, in order; the stream is readable once. */
  [Symbol.asyncIterator](): AsyncIterator<GenerativeStreamEvent, undefined> {
    return this.#reader.events();
  }

  /** Only the text deltas. Reading it reads the stream. */
  get textStream(): AsyncIterable<string> {
    return textDeltas(this);
  }

  /**
   * The assistant message once the stream ended: content blocks, text, tool calls with parsed
   * input, stop reason, usage of every attempt. Reads the stream if nothing else does.
   *
   * @throws the error that ended the stream ({@link StreamError}, {@link AbortError}, …)
   */
  finalMessage(): Promise<GenerativeFinalMessage> {
    return this.#reader.result();
  }

  /** Settles when the stream ends, without reading it. @internal */
  get settled(): Promise<GenerativeFinalMessage> {
    return this.#reader.settled;
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
    this.#reader.abort(reason);
  }

  /** Reads every event into an array. */
  collect(): Promise<GenerativeStreamEvent[]> {
    return this.#reader.collect();
  }

  /** A web `ReadableStream` of the events; cancelling it aborts the request. */
  toReadableStream(): ReadableStream<GenerativeStreamEvent> {
    return this.#reader.view().toReadableStream();
  }

  /** A Node object-mode `Readable` of the events; destroying it aborts the request. */
  toNodeReadable(options?: NodeReadableOptions): Readable {
    return this.#reader.view().toNodeReadable(options);
  }
}
