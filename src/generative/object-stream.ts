import { validateTimeout } from '../config';
import type { ModuleContext } from '../core/context';
import { AbortError } from '../core/errors';
import { abortErrorFrom } from '../core/internal/abort';
import { AwsAIStream } from '../core/stream';
import { Deferred } from './generative-stream';
import { loadImpl as impl } from './load-impl';
import { checkStreamOptions } from './stream-options';
import type {
  DeepPartial,
  GenerativeUsage,
  ObjectStreamEvent,
  ObjectStreamResult,
  StreamObjectOptions,
  StreamObjectParams,
} from './types';

export type { ObjectStreamEvent, ObjectStreamResult } from './types';

const SITE = { service: 'bedrock-runtime', operation: 'ConverseStream' } as const;

/**
 * The stream {@link Generative.streamObject} returns: partial values as the JSON streams in
 * ({@link partialObjectStream}), complete elements in array mode ({@link elementStream}), and the
 * validated value ({@link object}). Readable once: iterate one view, or just await `object`.
 *
 * @example
 * ```ts
 * const stream = ai.generative.streamObject({ model, schema: Recipe, prompt: 'A pancake recipe' });
 * for await (const partial of stream.partialObjectStream) render(partial);
 * const recipe = await stream.object; // validated
 * ```
 */
export class ObjectStream<T, E = never> implements AsyncIterable<ObjectStreamEvent<T, E>> {
  readonly #inner: AwsAIStream<ObjectStreamEvent<T, E>>;
  readonly #final: Deferred<ObjectStreamResult<T>>;
  #started = false;

  /** @internal */
  constructor(inner: AwsAIStream<ObjectStreamEvent<T, E>>, final: Deferred<ObjectStreamResult<T>>) {
    this.#inner = inner;
    this.#final = final;
    const { signal } = inner.controller;
    signal.addEventListener('abort', () => final.reject(abortErrorFrom(signal.reason)), {
      once: true,
    });
  }

  /** Aborting it cancels the request. */
  get controller(): AbortController {
    return this.#inner.controller;
  }

  /** Every event (`partial`, `element`, `reset`, `finish`); the stream is readable once. */
  [Symbol.asyncIterator](): AsyncIterator<ObjectStreamEvent<T, E>, undefined> {
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
        this.#final.reject(
          new AbortError('The stream was stopped before it finished', { code: 'ABORT_ERR' }),
        );
        return { done: true, value: undefined };
      },
    };
  }

  /** The value so far, each time it grew (not validated: fields may still be missing). */
  get partialObjectStream(): AsyncIterable<DeepPartial<T>> {
    const events = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) if (event.type === 'partial') yield event.object;
      },
    };
  }

  /** Array mode: each element once it is complete and valid against the element schema. */
  get elementStream(): AsyncIterable<E> {
    const events = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) if (event.type === 'element') yield event.element;
      },
    };
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this) {
        // Reading settles the result.
      }
    } catch (err) {
      this.#final.reject(err);
    }
  }

  /**
   * The validated value, with usage and how it was obtained. Reads the stream if nothing else does.
   *
   * @throws StructuredOutputError when the answer (after the repair round) does not match the schema
   */
  result(): Promise<ObjectStreamResult<T>> {
    if (!this.#started) void this.#drain();
    return this.#final.promise;
  }

  /** The validated value once the stream ended. */
  get object(): Promise<T> {
    return this.result().then((r) => r.object);
  }

  /** Usage summed over every round, once the stream ended. */
  get usage(): Promise<GenerativeUsage> {
    return this.result().then((r) => r.usage);
  }

  /** Cancels the stream and its request. */
  abort(reason?: unknown): void {
    this.#inner.abort(reason);
  }

  /** A web `ReadableStream` of the events; cancelling it aborts the request. */
  toReadableStream(): ReadableStream<ObjectStreamEvent<T, E>> {
    this.#started = true;
    return this.#inner.toReadableStream();
  }
}

/**
 * streamObject: options checked here, synchronously; the request starts on first read.
 * @internal
 */
export function streamObject<T, E>(
  ctx: ModuleContext,
  params: StreamObjectParams<unknown>,
  options: StreamObjectOptions = {},
): ObjectStream<T, E> {
  const final = new Deferred<ObjectStreamResult<T>>();
  const settings = checkStreamOptions(options);
  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
  const inner = AwsAIStream.from<ObjectStreamEvent<T, E>>(
    async function* (signal) {
      try {
        const { objectEvents } = await impl();
        yield* objectEvents<T, E>(ctx, params, options, settings, final, signal);
      } catch (err) {
        final.reject(err);
        throw err;
      }
    },
    { signal: options.signal, timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs, site: SITE },
  );
  return new ObjectStream<T, E>(inner, final);
}
