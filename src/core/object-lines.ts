import type { RequestOptions } from '../config';
import { callAws } from './call';
import type { ModuleContext } from './context';
import type { S3Location } from './inputs';
import { getObject, S3 } from './s3';

/**
 * Streams an S3 object's lines (a job's `.jsonl.out` or `.out` file) without holding the object:
 * only the current chunk and one partial line are in memory. Lines come without their `\n` (or
 * `\r\n`); a last line without a newline is yielded too. Breaking out of the loop closes the body.
 *
 * @throws NotFoundError when the object does not exist
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
  try {
    for (;;) {
      const { done, value } = await iterator.next();
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
