import type {
  StartTranscriptionJobCommandInput,
  TranscriptionJob,
} from '@aws-sdk/client-transcribe';
import pRetry from 'p-retry';
import { describeInput, type RetryOptions, retryFor } from '../config';
import type { ModuleContext } from '../core/context';
import { s3UrlLocation } from '../core/inputs';
import { abortErrorFrom, throwIfAborted } from '../core/internal/abort';
import { parseJobOutput } from '../core/job-output';
import { readObject } from '../core/staging';
import {
  AbortError,
  AccessDeniedError,
  AwsAIError,
  NotFoundError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from '../errors';
import { parseTranscript } from './parse-transcript';
import type { Transcript } from './transcript';
import type { SubtitleFormat, TranscriptSubtitles } from './transcript-types';
import type { TranscribeOptions } from './types';

const SUBTITLE_FORMATS: readonly SubtitleFormat[] = ['srt', 'vtt'];

/** Where download errors say they come from: the GET of Transcribe's pre-signed output URL. */
const DOWNLOAD = { service: 'transcribe', operation: 'GetTranscript' } as const;

/** A failed download as an AwsAIError; never quotes the URL (a pre-signed URL holds a signature). */
function downloadError(status: number | undefined, cause?: string): AwsAIError {
  if (status === 404) {
    return new NotFoundError(
      "The job's output is gone (HTTP 404): service-managed transcripts are deleted after 90 days",
      { ...DOWNLOAD, code: 'NoSuchKey', statusCode: status },
    );
  }
  if (status === 403) {
    return new AccessDeniedError(
      "The job's output URL was refused (HTTP 403): service-managed URIs expire after 15 minutes; read the transcript sooner, or configure staging so it is written to your bucket",
      { ...DOWNLOAD, code: 'AccessDenied', statusCode: status },
    );
  }
  if (status === undefined) {
    return new ServiceError(
      `Could not download the job's output: the connection failed (${cause ?? 'network error'})`,
      { ...DOWNLOAD, code: cause ?? 'NetworkError', retryable: true },
    );
  }
  return new ServiceError(`Could not download the job's output (HTTP ${status})`, {
    ...DOWNLOAD,
    code: status >= 500 ? 'ServiceUnavailable' : `HTTP${status}`,
    statusCode: status,
    retryable: status >= 500 || status === 429 || status === 408,
  });
}

/** The code of a network failure (`ECONNRESET`, `UND_ERR_SOCKET`), never its message. */
function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? cause.code : undefined;
}

/** One GET of a pre-signed URL, the body read inside the attempt (a body cut short is retried too). */
async function download(uri: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(uri, { ...(signal ? { signal } : {}) });
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    if (signal?.aborted) throw abortErrorFrom(signal.reason);
    throw downloadError(undefined, networkCode(err));
  }
  // Free the connection: the error body is not read.
  await response.body?.cancel().catch(() => {});
  throw downloadError(response.status);
}

/**
 * A file a job wrote: read through S3 when it is in our bucket (no URL expiry), else downloaded
 * from the pre-signed URL of Transcribe's own bucket (valid 15 minutes). The download is retried like
 * an AWS call (network failures, 5xx and 429 with backoff, per the client's `retry` policy) and stops
 * at once when `signal` fires.
 *
 * @throws NotFoundError (404) or AccessDeniedError (403, an expired URL), not retried
 * @throws ServiceError (`retryable`) when the connection or the service kept failing
 * @throws AbortError / TimeoutError when `signal` fires
 * @internal
 */
export async function fetchJobOutput(
  ctx: ModuleContext,
  uri: string,
  output: { bucket: string } | undefined,
  signal: AbortSignal | undefined,
  retry?: RetryOptions | false | undefined,
): Promise<Uint8Array> {
  const location = s3UrlLocation(uri);
  if (location && output && location.bucket === output.bucket) {
    return readObject(ctx, location, { signal, retry });
  }
  throwIfAborted(signal);
  const policy = retryFor(ctx.config, retry);
  try {
    return await pRetry(() => download(uri, signal), {
      retries: policy.retries,
      minTimeout: policy.minDelayMs,
      maxTimeout: policy.maxDelayMs,
      factor: 2,
      randomize: true,
      ...(signal ? { signal } : {}),
      shouldRetry: ({ error }) =>
        AwsAIError.isInstance(error) && error.retryable && !signal?.aborted,
    });
  } catch (err) {
    if (signal?.aborted && !(AbortError.isInstance(err) || TimeoutError.isInstance(err))) {
      throw abortErrorFrom(signal.reason);
    }
    if (AwsAIError.isInstance(err)) throw err;
    throw downloadError(undefined, networkCode(err));
  }
}

/** Parses the transcript file a job wrote; one that is no transcript is the service's fault. @internal */
export function parseJobTranscript(
  bytes: Uint8Array,
  languageCode: string | undefined,
  site: { service: 'transcribe'; operation: string },
): Transcript {
  return parseJobOutput(
    bytes,
    (b) => parseTranscript(b, { languageCode }),
    site,
    "The job's transcript file",
    'a Transcribe output file',
  );
}

/** The transcript file's URI (the redacted one when redaction was asked for). @internal */
export function transcriptUri(job: TranscriptionJob): string {
  const uri = job.Transcript?.RedactedTranscriptFileUri ?? job.Transcript?.TranscriptFileUri;
  if (!uri) {
    throw new ServiceError('The transcription job completed without a transcript URI', {
      service: 'transcribe',
      operation: 'GetTranscriptionJob',
      code: 'MissingTranscript',
    });
  }
  return uri;
}

/** Checks the `subtitles` option and turns it into the request's `Subtitles`. @internal */
export function subtitlesRequest(
  subtitles: TranscribeOptions['subtitles'],
): StartTranscriptionJobCommandInput['Subtitles'] {
  if (!subtitles) return undefined;
  const options = subtitles === true ? {} : subtitles;
  const formats = options.formats ?? SUBTITLE_FORMATS;
  if (!Array.isArray(formats)) {
    throw new ValidationError(
      `subtitles.formats must be an array of 'srt' and/or 'vtt'; got ${describeInput(formats)}`,
    );
  }
  const startIndex = options.startIndex ?? 1;
  const unknown = formats.find((format) => !SUBTITLE_FORMATS.includes(format));
  if (formats.length === 0 || unknown !== undefined) {
    throw new ValidationError(
      `subtitles.formats must list srt and/or vtt; got ${formats.length === 0 ? 'none' : describeInput(unknown)}`,
    );
  }
  if (startIndex !== 0 && startIndex !== 1) {
    throw new ValidationError(
      `subtitles.startIndex must be 0 or 1; got ${describeInput(startIndex)}`,
    );
  }
  return { Formats: [...new Set(formats)], OutputStartIndex: startIndex };
}

/** The format of a subtitle file from its URI's extension (`….srt`, `….vtt`, query ignored). */
function formatOf(uri: string): SubtitleFormat | undefined {
  const path = uri.split('?')[0] ?? '';
  return SUBTITLE_FORMATS.find((format) => path.toLowerCase().endsWith(`.${format}`));
}

/**
 * Reads the subtitle files a completed job lists. A requested format missing from the job is a
 * `ServiceError` rather than a silently absent field.
 * @internal
 */
export async function fetchSubtitles(
  ctx: ModuleContext,
  job: TranscriptionJob,
  requested: NonNullable<StartTranscriptionJobCommandInput['Subtitles']>,
  output: { bucket: string } | undefined,
  signal: AbortSignal | undefined,
  retry?: RetryOptions | false | undefined,
): Promise<TranscriptSubtitles> {
  const uris = job.Subtitles?.SubtitleFileUris ?? [];
  const result: TranscriptSubtitles = {
    startIndex: job.Subtitles?.OutputStartIndex ?? requested.OutputStartIndex ?? 0,
  };
  const decoder = new TextDecoder();
  await Promise.all(
    (requested.Formats ?? []).map(async (format) => {
      const uri = uris.find((candidate) => formatOf(candidate) === format);
      if (!uri) {
        throw new ServiceError(
          `The transcription job completed without the ${format} subtitle file it was asked for`,
          { service: 'transcribe', operation: 'GetTranscriptionJob', code: 'MissingSubtitles' },
        );
      }
      result[format] = decoder.decode(await fetchJobOutput(ctx, uri, output, signal, retry));
    }),
  );
  return result;
}
