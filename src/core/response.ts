/**
 * What AWS said about a call, in one shape for every module's results: read it with
 * {@link responseOf}. Kept beside the result (not on it), so results stay plain data that
 * serialize as before.
 *
 * @packageDocumentation
 */

/** Metadata of one public call. */
export interface ResponseMetadata {
  /** The `x-amzn-requestid` of every request that answered, in the order they answered. */
  readonly requestIds: readonly string[];
  /** Requests sent, retries, pieces, batches and polls included. */
  readonly attempts: number;
  /** Requests AWS throttled. */
  readonly throttles: number;
  /** Wall time of the whole call in milliseconds. */
  readonly ms: number;
}

const metadata = new WeakMap<object, ResponseMetadata>();

/** Records `meta` for a call's result (objects and arrays only). @internal */
export function setResponse(result: unknown, meta: ResponseMetadata): void {
  if (typeof result === 'object' && result !== null) metadata.set(result, meta);
}

/**
 * The request ids, attempts, throttles and duration of the call that returned `result`: any value a
 * module method resolved with (an object, an array, a `Float32Array`, …). `undefined` for values
 * not returned by an aws-ai call (and for `undefined`/primitive results).
 *
 * @example
 * ```ts
 * import { responseOf } from 'aws-ai';
 *
 * const results = await ai.text.sentiment(reviews);
 * const { requestIds, attempts, ms } = responseOf(results) ?? {};
 * ```
 */
export function responseOf(result: unknown): ResponseMetadata | undefined {
  return typeof result === 'object' && result !== null ? metadata.get(result) : undefined;
}
