/**
 * `AwsAIStream`, the one stream type of aws-ai (Bedrock ConverseStream events, SageMaker response
 * streams, Polly audio, Transcribe results).
 *
 * @packageDocumentation
 */

import { Readable } from 'node:stream';
import { AbortError, AwsAIError, StreamError, TimeoutError } from '../errors';
import { abortErrorFrom } from './internal/abort';
import { idleTimeoutError, type StreamSite, within } from './internal/idle';
import { nameFailure } from './internal/name-failure';
import { StreamTrace } from './stream-telemetry';
import type { StreamTelemetry } from './telemetry';

/** Options of {@link AwsAIStream.from}. */
export interface AwsAIStreamOptions {
  /** The caller's signal: when it fires, the request is cancelled and iteration ends with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Maps an error thrown by the source (e.g. an SDK exception into a `StreamError`). */
  mapError?: ((err: unknown) => unknown) | undefined;
  /**
   * The chunks are bytes (`Uint8Array`): {@link AwsAIStream.toNodeReadable} then returns a byte-mode
   * `Readable` instead of an object-mode one.
   * @default false
   */
  binary?: boolean | undefined;
  /**
   * Deadline of the whole stream, counted from the first read (when the request starts): when it
   * passes, the request is cancelled and the pending read (and every later one) rejects with a
   * `TimeoutError`. Never a normal end: a stream cut by its deadline does not look complete.
   * @default no deadline
   */
  timeoutMs?: number | undefined;
  /**
   * The longest wait for one chunk (opening the request included): when it passes, the request is
   * cancelled and the read rejects with a `StreamError` (code `IdleTimeout`, retryable).
   * @default no idle timeout
   */
  idleTimeoutMs?: number | undefined;
  /** Service and operation named by the timeout and abort errors of this stream. @internal */
  site?: StreamSite | undefined;
  /**
   * The stream's span: its method and attributes, and whether its client has telemetry on. Without
   * it, a stream with a `site` is traced from its first traced request. @internal
   */
  telemetry?: StreamTelemetry | undefined;
}

/** Options of {@link AwsAIStream.toNodeReadable}. */
export interface NodeReadableOptions {
  /**
   * Object mode of the returned `Readable`; `false` needs `Uint8Array` or string chunks.
   * @default true, or false when the stream was created with `binary: true`
   */
  objectMode?: boolean | undefined;
}

/**
 * What {@link AwsAIStream.from} wraps: a function that starts the request when the stream is first
 * read and yields its chunks; the signal fires when the caller aborts or stops reading.
 */
export type AwsAIStreamSource<T> = (signal: AbortSignal) => AsyncIterable<T>;

/** The error a stream ends with when the caller's signal fires, naming the stream's operation. */
function callerAbortReason(reason: unknown, site: StreamSite | undefined): unknown {
  if (AwsAIError.isInstance(reason) || !site) return reason;
  const named = abortErrorFrom(reason);
  const Class = named instanceof TimeoutError ? TimeoutError : AbortError;
  return new Class(
    `${site.service} ${site.operation} stream ${
      Class === TimeoutError ? 'timed out' : 'was aborted'
    }`,
    { ...site, code: named.code, cause: reason },
  );
}

/**
 * An `AsyncIterable` over one streamed AWS response, readable once. Stopping early (`break`,
 * `return()`), {@link AwsAIStream.abort} and the caller's `signal` all abort {@link controller}, which
 * cancels the underlying HTTP request. Converts to a web `ReadableStream` or a Node `Readable`, and
 * can be split in two with {@link tee}.
 *
 * @example
 * ```ts
 * const stream = ai.generative.stream({ model, prompt: 'Hello' });
 * for await (const event of stream) {
 *   if (event.type === 'text-delta') process.stdout.write(event.text);
 * }
 * ```
 */
export class AwsAIStream<T> implements AsyncIterable<T> {
  /** Aborting it cancels the underlying request. Its signal is what the source received. */
  readonly controller: AbortController = new AbortController();
  readonly #source: AwsAIStreamSource<T>;
  readonly #options: AwsAIStreamOptions;
  #consumed = false;

  private constructor(source: AwsAIStreamSource<T>, options: AwsAIStreamOptions) {
    this.#source = source;
    this.#options = options;
  }

  /**
   * Wraps a source that starts lazily, on first read, with the signal of {@link controller}.
   *
   * @param source - called once, with a signal to hand to the SDK (`abortSignal`).
   * @param options - the caller's `signal`, a `mapError` for source errors, `binary` for byte chunks.
   * @example
   * ```ts
   * return AwsAIStream.from(
   *   async function* (signal) {
   *     const out = await client.send(command, { abortSignal: signal });
   *     for await (const event of out.stream ?? []) yield toEvent(event);
   *   },
   *   { signal: options.signal, mapError: toStreamError },
   * );
   * ```
   */
  static from<T>(source: AwsAIStreamSource<T>, options: AwsAIStreamOptions = {}): AwsAIStream<T> {
    return new AwsAIStream(source, options);
  }

  /**
   * Cancels the stream and its request; a pending or later read rejects with an `AbortError` (or
   * with `reason` itself when it is an aws-ai error).
   *
   * @example
   * ```ts
   * setTimeout(() => stream.abort(), 5000);
   * ```
   */
  abort(reason?: unknown): void {
    this.controller.abort(
      reason ??
        new AbortError(`${this.#name()} was aborted`, { ...this.#options.site, code: 'ABORT_ERR' }),
    );
  }

  #name(): string {
    const site = this.#options.site;
    return site ? `${site.service} ${site.operation} stream` : 'The stream';
  }

  /**
   * Reads the stream; only once, as a stream is one network response (use {@link tee} to read twice).
   *
   * @throws {@link StreamError} (code `StreamConsumed`) when the stream was already read.
   * @example
   * ```ts
   * const iterator = stream[Symbol.asyncIterator]();
   * const first = await iterator.next();
   * await iterator.return?.(); // cancels the request
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    if (this.#consumed) {
      throw new StreamError(
        `${this.#name()} was already consumed: read it once, or tee() it first`,
        { ...this.#options.site, code: 'StreamConsumed' },
      );
    }
    this.#consumed = true;
    return this.#iterator();
  }

  #iterator(): AsyncIterator<T, undefined> {
    const { controller } = this;
    const { signal } = controller;
    const { signal: caller, mapError, timeoutMs, idleTimeoutMs, site } = this.#options;
    const name = this.#name();
    let source: AsyncIterator<T> | undefined;
    let sourceBusy = false;
    let finished = false;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    // The stream's span, opened at the first read; undefined when not traced (then free).
    let traced: StreamTrace | undefined;
    let opened = false;
    const onTracedAbort = (): void => traced?.end({ error: abortErrorFrom(signal.reason) });

    // Linked on first read, not in `from()`, so an unread stream holds no listener on the caller's
    // signal; unlinked when iteration ends.
    const onCallerAbort = (): void => controller.abort(callerAbortReason(caller?.reason, site));
    if (caller?.aborted) controller.abort(callerAbortReason(caller.reason, site));
    else caller?.addEventListener('abort', onCallerAbort, { once: true });

    // The deadline aborts the controller: the pending read rejects at once (raceAbort), whatever
    // the source does with its cancelled request (the SDK's event-stream iterator just ends).
    const armDeadline = (): void => {
      if (timeoutMs === undefined || deadline !== undefined || signal.aborted) return;
      deadline = setTimeout(() => {
        controller.abort(
          new TimeoutError(`${name} did not finish within timeoutMs (${timeoutMs} ms)`, {
            ...site,
            code: 'TimeoutError',
            retryable: true,
          }),
        );
      }, timeoutMs);
      deadline.unref?.();
    };
    const read = (pending: Promise<IteratorResult<T>>): Promise<IteratorResult<T>> =>
      idleTimeoutMs === undefined
        ? pending
        : within(pending, idleTimeoutMs, () =>
            controller.abort(idleTimeoutError(site, idleTimeoutMs)),
          );

    // One abort listener per iteration, not one per read: adding and removing an AbortSignal
    // listener for each of 2,000 events cost ~5 µs an event, a tenth of a long ConverseStream.
    let rejectRead: ((err: unknown) => void) | undefined;
    const onAbort = (): void => rejectRead?.(abortErrorFrom(signal.reason));
    let listening = false;
    const raceAbort = (pending: Promise<IteratorResult<T>>): Promise<IteratorResult<T>> => {
      if (!listening) {
        listening = true;
        signal.addEventListener('abort', onAbort, { once: true });
      }
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        rejectRead = reject;
        pending.then(resolve, reject).finally(() => {
          if (rejectRead === reject) rejectRead = undefined;
        });
      });
    };
    const finish = (outcome: { error?: unknown; stopped?: boolean } = {}): void => {
      finished = true;
      clearTimeout(deadline);
      caller?.removeEventListener('abort', onCallerAbort);
      signal.removeEventListener('abort', onAbort);
      if (traced) {
        signal.removeEventListener('abort', onTracedAbort);
        traced.end(outcome);
      }
    };
    const closeSource = async (): Promise<void> => {
      const current = source;
      if (!current?.return) return;
      // A source still inside next() (it ignored the abort) cannot be returned until that settles.
      const closing = Promise.resolve()
        .then(() => current.return?.())
        .catch(() => {});
      if (!sourceBusy) await closing;
    };
    return {
      next: async () => {
        if (finished) return { done: true, value: undefined };
        try {
          if (signal.aborted) throw abortErrorFrom(signal.reason);
          armDeadline();
          if (!opened) {
            opened = true;
            const open = StreamTrace.open(site, this.#options.telemetry, signal);
            traced = open instanceof Promise ? await open : open;
            // An abort between reads (nobody waiting on next()) still ends the span.
            if (traced) signal.addEventListener('abort', onTracedAbort, { once: true });
            if (signal.aborted) throw abortErrorFrom(signal.reason);
          }
          source ??= this.#source(signal)[Symbol.asyncIterator]();
          sourceBusy = true;
          const current = source;
          const pending = traced ? traced.run(() => current.next()) : current.next();
          const result = await raceAbort(read(pending));
          sourceBusy = false;
          // A source whose request was cancelled may just end: that is the abort, not the end.
          if (signal.aborted) throw abortErrorFrom(signal.reason);
          if (result.done) {
            finish();
            return { done: true, value: undefined };
          }
          traced?.event(result.value);
          return { done: false, value: result.value };
        } catch (err) {
          // A source error our own code raised without a site (or a defect) still names the
          // stream's service and operation, like every failure (docs/errors-and-retries.md).
          const error = signal.aborted
            ? abortErrorFrom(signal.reason)
            : mapError
              ? mapError(err)
              : site
                ? nameFailure(err, site)
                : err;
          finish({ error });
          // Cancel whatever the failed source left open.
          if (!signal.aborted) controller.abort(error);
          await closeSource();
          throw error;
        }
      },
      return: async () => {
        if (!finished) {
          finish({ stopped: true });
          // The consumer stopped early: cancel the request so the connection is not left streaming.
          if (!signal.aborted) {
            controller.abort(
              new AbortError(`${name} was stopped by its reader before it finished`, {
                ...site,
                code: 'ABORT_ERR',
              }),
            );
          }
          await closeSource();
        }
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * Reads every chunk into an array.
   *
   * @throws whatever the stream throws: {@link AbortError}, a mapped source error, …
   * @example
   * ```ts
   * const events = await stream.collect();
   * ```
   */
  async collect(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }

  /**
   * A web `ReadableStream` reading this stream; cancelling it aborts the request.
   *
   * @throws {@link StreamError} when the stream was already read.
   * @example
   * ```ts
   * return new Response(stream.toReadableStream().pipeThrough(toSse()));
   * ```
   */
  toReadableStream(): ReadableStream<T> {
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<T>(
      {
        async pull(controller) {
          try {
            const result = await iterator.next();
            if (result.done) controller.close();
            else controller.enqueue(result.value);
          } catch (err) {
            controller.error(err);
          }
        },
        cancel: async () => {
          await iterator.return?.();
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * A Node `Readable` reading this stream; destroying it aborts the request. Object mode unless the
   * stream was created with `binary: true` (byte chunks such as Polly audio) or `objectMode` says
   * otherwise.
   *
   * @throws {@link StreamError} when the stream was already read.
   * @example
   * ```ts
   * await pipeline(audio.toNodeReadable(), createWriteStream('speech.mp3'));
   * ```
   */
  toNodeReadable(options: NodeReadableOptions = {}): Readable {
    const objectMode = options.objectMode ?? !this.#options.binary;
    const iterator = this[Symbol.asyncIterator]();
    // Readable.from calls iterator.return() when the Readable is destroyed early.
    return Readable.from({ [Symbol.asyncIterator]: () => iterator }, { objectMode });
  }

  /**
   * Two streams that each see every chunk. The source is read once, as fast as the faster branch
   * reads; chunks the slower branch has not read yet are buffered. The source is cancelled only when
   * both branches have stopped early or been aborted.
   *
   * @throws {@link StreamError} when the stream was already read.
   * @example
   * ```ts
   * const [forUser, forLog] = stream.tee();
   * ```
   */
  tee(): [AwsAIStream<T>, AwsAIStream<T>] {
    const iterator = this[Symbol.asyncIterator]();
    const queues: [Array<Promise<IteratorResult<T>>>, Array<Promise<IteratorResult<T>>>] = [[], []];
    const closed = [false, false];
    const branch = (own: 0 | 1): AwsAIStream<T> => {
      const other = own === 0 ? 1 : 0;
      const close = async (): Promise<void> => {
        if (closed[own]) return;
        closed[own] = true;
        queues[own].length = 0;
        if (closed[other]) await iterator.return?.();
      };
      const branchIterator: AsyncIterator<T> = {
        next: () => {
          const queued = queues[own].shift();
          if (queued) return queued;
          const result = iterator.next();
          // The other branch may never read this result: keep a rejection from going unhandled.
          result.catch(() => {});
          if (!closed[other]) queues[other].push(result);
          return result;
        },
        return: async () => {
          await close();
          return { done: true, value: undefined };
        },
      };
      const stream = AwsAIStream.from<T>(() => ({ [Symbol.asyncIterator]: () => branchIterator }), {
        binary: this.#options.binary,
      });
      // Also covers a branch aborted before it was ever read.
      stream.controller.signal.addEventListener('abort', () => void close(), { once: true });
      return stream;
    };
    return [branch(0), branch(1)];
  }
}
