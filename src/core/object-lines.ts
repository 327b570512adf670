import type { RequestOptions } from '../config';
import { AwsAIError } from '../errors';
import { cutBodyError } from './body-end';
import { callAws } from './call';
import type { ModuleContext } from './context';
import { fromAwsError } from './error-mapping';
import type { S3Location } from './inputs';
import { abortErrorFrom, namedStop } from './internal/abort';
import { getObject, S3 } from './s3';

const SITE = { service: 's3', operation: 'GetObject' } as const;

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
    async (attempt) =>
      (await getObject(attempt, location)).Body as unknown as AsyncIterable<Uint8Array> | undefined,
    options,
  );
  if (!body) return;
  const decoder = new TextDecoder();
  let partial = '';
  const iterator = body[Symbol.asyncIterator]();
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      const step = await iterator.next();
      // Node may end a cut body as if it were whole: never a silent short file.
      const cut = step.done ? cutBodyError(body, SITE) : undefined;
      if (cut) throw cut;
      return step;
    } catch (err) {
      if (AwsAIError.isInstance(err)) throw err;
      if (options?.signal?.aborted) throw namedStop(abortErrorFrom(options.signal.reason), SITE);
      throw cutBodyError(body, SITE, err) ?? fromAwsError(err, SITE);
    }
  };
  try {
    for (;;) {
      const { done, value } = await next();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      let from = 0;
      let end = text.indexOf('\n');
      if (end >= 0) {
        const first = partial + text.slice(0, end);
        partial = '';
        yield first.endsWith('\r') ? first.slice(0, -1) : first;
        from = end + 1;
        for (end = text.indexOf('\n', from); end >= 0; end = text.indexOf('\n', from)) {
          const line = text.slice(from, end);
          yield line.endsWith('\r') ? line.slice(0, -1) : line;
          from = end + 1;
        }
      }
      partial += text.slice(from);
      if (done) break;
    }
    if (partial !== '') yield partial.endsWith('\r') ? partial.slice(0, -1) : partial;
  } finally {
    await iterator.return?.();
  }
}
