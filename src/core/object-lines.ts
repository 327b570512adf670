import type { RequestOptions } from '../config';
import { AwsAIError } from '../errors';
import { cutBodyError } from './body-end';
import { callAws } from './call';
import type { ModuleContext } from './context';
import { fromAwsError } from './error-mapping';
import type { S3Location } from './inputs';
import { abortErrorFrom, namedStop } from './internal/abort';
import { LineSplitter } from './line-splitter';
import { getObject, S3 } from './s3';

const SITE = { service: 's3', operation: 'GetObject' } as const;

/**
 * A response body's chunks as they arrive. A body whose connection dropped mid-way never ends as
 * if whole: after the chunks that arrived, it throws a retryable `ServiceError`
 * (`StreamInterrupted`), also when Node ends a cut body normally. Leaving the loop closes the body.
 */
async function* bodyChunks(
  body: AsyncIterable<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch (err) {
        if (AwsAIError.isInstance(err)) throw err;
        if (signal?.aborted) throw namedStop(abortErrorFrom(signal.reason), SITE);
        throw cutBodyError(body, SITE, err) ?? fromAwsError(err, SITE);
      }
      if (step.done) {
        // Node may end a cut body as if it were whole: never a silent short file.
        const cut = cutBodyError(body, SITE);
        if (cut) throw cut;
        return;
      }
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
}

type Body = AsyncIterable<Uint8Array> | undefined;

/**
 * Reads an S3 object as it streams, inside the request attempt: `consume` gets its chunks as they
 * arrive (never the object whole) and returns what it made of them. A body cut mid-way is a
 * retryable `StreamInterrupted` thrown inside the attempt, so the call layer retries the whole read
 * (a new GetObject, `consume` called afresh) within the call's budget; anything `consume` throws
 * fails the read as it is.
 *
 * @example
 * ```ts
 * const count = await readObjectStreaming(ctx, { bucket: 'out', key: 'job/output.tar.gz' }, async (chunks) => {
 *   let bytes = 0;
 *   for await (const chunk of chunks) bytes += chunk.byteLength;
 *   return bytes;
 * });
 * ```
 * @internal
 */
export function readObjectStreaming<T>(
  ctx: ModuleContext,
  location: S3Location,
  consume: (chunks: AsyncIterable<Uint8Array>) => Promise<T>,
  options?: RequestOptions,
): Promise<T> {
  return callAws(
    ctx,
    S3,
    'GetObject',
    async (attempt) => {
      const body = (await getObject(attempt, location)).Body as unknown as Body;
      return consume(body ? bodyChunks(body, attempt.signal) : (async function* () {})());
    },
    options,
  );
}

/**
 * Streams an S3 object's lines (a job's `.jsonl.out` or `.out` file) without holding the object:
 * only the current chunk and one partial line are in memory. Lines come without their `\n` (or
 * `\r\n`); a last line without a newline is yielded too. Breaking out of the loop closes the body.
 * A body whose connection dropped mid-way never ends as if whole: after the lines that arrived, it
 * throws a retryable `ServiceError` (`StreamInterrupted`), also when Node ends a cut body normally.
 *
 * @throws NotFoundError when the object does not exist
 * @throws ServiceError (`StreamInterrupted`) when the body was cut
 * @example
 * ```ts
 * for await (const line of objectLines(ctx, { bucket: 'out', key: 'job/part-00001.jsonl.out' })) {
 *   if (line) handle(JSON.parse(line));
 * }
 * ```
 * @internal
 */
export async function* objectLines(
  ctx: ModuleContext,
  location: S3Location,
  options?: RequestOptions,
): AsyncGenerator<string, void, undefined> {
  const body = await callAws(
    ctx,
    S3,
    'GetObject',
    async (attempt) => (await getObject(attempt, location)).Body as unknown as Body,
    options,
  );
  if (!body) return;
  const lines = new LineSplitter();
  for await (const chunk of bodyChunks(body, options?.signal)) yield* lines.push(chunk);
  yield* lines.end();
}
