import { ServiceError } from '../errors';
import type { ErrorSite } from './error-mapping';

/**
 * Parses a file a job wrote (a transcript, an analysis). A file that is not what the job writes is
 * the service's fault, or a broken object in the bucket, never the caller's input: a `ServiceError`
 * (code `MalformedResponse`, not retryable: reading it again gives the same bytes) that names the
 * file by its size and quotes none of it, because it holds the caller's data (what was said). The
 * parser's error stays the `cause`, redacted like every cause (ADR 0005).
 *
 * @param file - the file as the message names it, e.g. "The job's transcript file"
 * @param expected - what it should have been, e.g. "a Transcribe output file"
 * @throws ServiceError (`MalformedResponse`) when `parse` throws
 * @example
 * ```ts
 * const transcript = parseJobOutput(bytes, parseTranscript, SITE, "The job's transcript file", 'a Transcribe output file');
 * ```
 * @internal
 */
export function parseJobOutput<T>(
  bytes: Uint8Array,
  parse: (bytes: Uint8Array) => T,
  site: ErrorSite,
  file: string,
  expected: string,
): T {
  try {
    return parse(bytes);
  } catch (err) {
    throw new ServiceError(`${file} (${bytes.byteLength} bytes) is not ${expected}`, {
      ...site,
      code: 'MalformedResponse',
      retryable: false,
      cause: err,
    });
  }
}
