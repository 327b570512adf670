import { validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { Deferred, FinalReader, settlingSource } from '../core/final-reader';
import { withSite } from '../core/internal/name-failure';
import { loadOnce } from '../core/load-once';
import { AwsAIStream } from '../core/stream';
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

/**
 * The structured-output stream's code alone, not the whole `impl`: a bundle of the `streamObject`
 * function (functions.ts) then carries no other operation. A bundler keeps every `import()` it
 * reaches, so this file must not reach `load-impl`.
 */
const loadObjectEvents = /* @__PURE__ */ loadOnce(() => import('./stream-object'));

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
  // The reading (events once, the result settled however the stream ends, and only after a
  // read of its own ended) is core's FinalReader, shared with GenerativeStream and ResultStream.
  readonly #reader: FinalReader<ObjectStreamEvent<T, E>, ObjectStreamResult<T>>;

  /** @internal */
  constructor(inner: AwsAIStream<ObjectStreamEvent<T, E>>, final: Deferred<ObjectStreamResult<T>>) {
    this.#reader = new FinalReader(inner, final);
  }

  /** Aborting it cancels the request. */
  get controller(): AbortController {
    return this.#reader.controller;
  }

  /** Every event (`partial`, `element`, `reset`, `finish`); the stream is readable once. */
  [Symbol.asyncIterator](): AsyncIterator<ObjectStreamEvent<T, E>, undefined> {
    return this.#reader.events();
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

  /**
   * The validated value, with usage and how it was obtained. Reads the stream if nothing else does.
   *
   * @throws StructuredOutputError when the answer (after the repair round) does not match the schema
   */
  result(): Promise<ObjectStreamResult<T>> {
    // Reading it here, it settles once that read ended (not at the last event): the stream and
    // its span are closed by then.
    return this.#reader.result();
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
    this.#reader.abort(reason);
  }

  /** A web `ReadableStream` of the events; cancelling it aborts the request. */
  toReadableStream(): ReadableStream<ObjectStreamEvent<T, E>> {
    return this.#reader.view().toReadableStream();
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
  return withSite(SITE, () => {
    checkRequestOptions(options);
    const final = new Deferred<ObjectStreamResult<T>>();
    const settings = checkStreamOptions(options);
    if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
    const inner = AwsAIStream.from<ObjectStreamEvent<T, E>>(
      settlingSource(final, async function* (signal) {
        const { objectEvents } = await loadObjectEvents();
        yield* objectEvents<T, E>(ctx, params, options, settings, final, signal);
      }),
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? ctx.config.timeoutMs,
        site: SITE,
        // The stream's span, opened at its first read; its rounds' requests nest under it.
        telemetry: { enabled: ctx.config.telemetry, method: 'generative.streamObject' },
      },
    );
    return new ObjectStream<T, E>(inner, final);
  });
}
