import { createGunzip } from 'node:zlib';
import type { SentimentScore } from '@aws-sdk/client-comprehend';
import type { RequestOptions } from '../config';
import type { ModuleContext } from '../core/context';
import { parseS3Uri } from '../core/inputs';
import { parseJobOutput } from '../core/job-output';
import { LineSplitter } from '../core/line-splitter';
import { readObjectStreaming } from '../core/object-lines';
import { listKeys, readObject } from '../core/staging';
import { AwsAIError, NotFoundError, ServiceError, ValidationError } from '../errors';
import { toLabel, toScores } from './sentiment';
import type {
  EntityType,
  TextJobEntities,
  TextJobKeyPhrases,
  TextJobMention,
  TextJobPiiEntities,
  TextJobRecord,
  TextJobSentiment,
  TextJobSpan,
  TextJobStatus,
  TextJobTargetedSentiment,
  TextTranslationFile,
} from './types';
import { TarReader } from './untar';

/**
 * The bytes of a gzip stream, inflated as they arrive. `node:stream` is imported here, on the
 * first read of a job's output, not with the module: every cold start that imports `aws-ai` would
 * pay for it.
 */
async function* gunzipped(
  source: AsyncIterable<Uint8Array>,
  uri: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { Readable } = await import('node:stream');
  const input = Readable.from(source, { objectMode: false });
  const inflate = createGunzip();
  // A failed read (a cut body, an abort) fails the inflated stream with the read's own error.
  input.once('error', (err) => inflate.destroy(err));
  input.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Uint8Array;
  } catch (err) {
    if (AwsAIError.isInstance(err)) throw err;
    throw new ServiceError(`${uri} is not a gzip archive: ${(err as Error).message}`, {
      code: 'MalformedOutput',
      cause: err,
    });
  } finally {
    input.destroy();
    inflate.destroy();
  }
}

/** One line of Comprehend's job output, as written. */
interface OutputLine {
  File?: unknown;
  Line?: unknown;
  ErrorCode?: unknown;
  ErrorMessage?: unknown;
  Sentiment?: unknown;
  SentimentScore?: Record<string, unknown>;
  Entities?: Array<Record<string, unknown>>;
  KeyPhrases?: Array<Record<string, unknown>>;
}

/** Where a finished job wrote its output; a job without one is a service fault. */
function outputUriOf(status: TextJobStatus): string {
  if (!status.outputUri) {
    throw new ServiceError(`job ${status.id} ended without an output location`, {
      code: 'MalformedOutput',
    });
  }
  return status.outputUri;
}

/** The detection job kinds whose output has records. */
export type RecordKind =
  | 'Sentiment'
  | 'Entities'
  | 'KeyPhrases'
  | 'PiiEntities'
  | 'TargetedSentiment';

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

function span(raw: Record<string, unknown>): TextJobSpan {
  return {
    codePointStart: num(raw.BeginOffset),
    codePointEnd: num(raw.EndOffset),
    score: num(raw.Score),
  };
}

function mention(raw: Record<string, unknown>): TextJobMention {
  const feeling = (raw.MentionSentiment ?? {}) as Record<string, unknown>;
  return {
    ...span(raw),
    text: String(raw.Text ?? ''),
    type: String(raw.Type ?? 'OTHER'),
    groupScore: num(raw.GroupScore),
    sentiment: toLabel(feeling.Sentiment as string | undefined) ?? 'neutral',
    scores: toScores(feeling.SentimentScore as SentimentScore | undefined),
  };
}

/** The result of one output line, by job kind. */
const RESULT: { [K in RecordKind]: (line: OutputLine) => unknown } = {
  Sentiment: (line): TextJobSentiment => ({
    sentiment: toLabel(line.Sentiment as string | undefined) ?? 'neutral',
    scores: toScores(line.SentimentScore as SentimentScore | undefined),
  }),
  Entities: (line): TextJobEntities => ({
    entities: (line.Entities ?? []).map((e) => ({
      ...span(e),
      text: String(e.Text ?? ''),
      type: String(e.Type) as EntityType,
    })),
  }),
  KeyPhrases: (line): TextJobKeyPhrases => ({
    keyPhrases: (line.KeyPhrases ?? []).map((k) => ({ ...span(k), text: String(k.Text ?? '') })),
  }),
  PiiEntities: (line): TextJobPiiEntities => ({
    entities: (line.Entities ?? []).map((e) => ({ ...span(e), type: String(e.Type) })),
  }),
  TargetedSentiment: (line): TextJobTargetedSentiment => ({
    entities: (line.Entities ?? []).flatMap((e) => {
      const mentions = ((e.Mentions ?? []) as Array<Record<string, unknown>>).map(mention);
      const index = (e.DescriptiveMentionIndex as number[] | undefined)?.[0] ?? 0;
      const descriptive = mentions[index] ?? mentions[0];
      if (!descriptive) return [];
      return [
        {
          descriptive,
          mentions: [...mentions].sort((a, b) => a.codePointStart - b.codePointStart),
        },
      ];
    }),
  }),
};

function toRecord<R>(kind: RecordKind, line: OutputLine): TextJobRecord<R> {
  const failed = line.ErrorCode !== undefined || line.ErrorMessage !== undefined;
  return {
    file: String(line.File ?? ''),
    // Comprehend writes Line as a number, some job types as a string.
    line: line.Line === undefined || line.Line === null ? undefined : num(line.Line),
    result: failed ? undefined : (RESULT[kind](line) as R),
    error: failed
      ? { code: String(line.ErrorCode ?? 'UNKNOWN'), message: String(line.ErrorMessage ?? '') }
      : undefined,
  };
}

/**
 * Collects the records of an output archive fed in pieces (the JSON Lines files of its tar), holding
 * one partial line at a time besides the records. @internal
 */
export function recordReader<R>(kind: RecordKind): {
  push(chunk: Uint8Array): void;
  /** The archive ended: its records, sorted by file, then line. */
  end(): TextJobRecord<R>[];
} {
  const records: TextJobRecord<R>[] = [];
  let lines = new LineSplitter();
  let lineNumber = 0;
  const take = (name: string, text: string): void => {
    lineNumber++;
    if (text.trim() === '') return;
    let record: TextJobRecord<R>;
    try {
      record = toRecord<R>(kind, JSON.parse(text) as OutputLine);
    } catch (err) {
      // Not a record of this job (not JSON, `null`, a wrong shape): the output's fault, never
      // retried, and named by the job's read (not by S3, which delivered it intact).
      throw new ServiceError(
        `the job's output ${name} has a line that is not a ${kind} record (line ${lineNumber})`,
        { code: 'MalformedOutput', cause: err },
      );
    }
    records.push(record);
  };
  const tar = new TarReader({
    data: (name, bytes) => {
      for (const text of lines.push(bytes)) take(name, text);
    },
    end: (name) => {
      for (const text of lines.end()) take(name, text);
      lines = new LineSplitter();
      lineNumber = 0;
    },
  });
  return {
    push: (chunk) => tar.push(chunk),
    end: () => {
      tar.end();
      return records.sort((a, b) =>
        a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0),
      );
    },
  };
}

/**
 * Streams a finished job's `output.tar.gz` from S3 (inflated and untarred as it arrives, never
 * held whole) and returns its records. A read cut mid-way starts again within the call's budget.
 * @internal
 */
export async function readJobRecords<R>(
  ctx: ModuleContext,
  kind: RecordKind,
  status: TextJobStatus,
  options: RequestOptions,
): Promise<TextJobRecord<R>[]> {
  const uri = outputUriOf(status);
  return readObjectStreaming(
    ctx,
    parseS3Uri(uri),
    async (chunks) => {
      const reader = recordReader<R>(kind);
      for await (const chunk of gunzipped(chunks, uri)) reader.push(chunk);
      return reader.end();
    },
    options,
  );
}

/** What a PII job in redaction mode leaves: files, not records. @internal */
export function redactionHasNoRecords(id: string): ValidationError {
  return new ValidationError(
    `job ${id} runs in redaction mode: it writes redacted copies of the input under its outputUri, not records; read those files instead`,
  );
}

/** One file's entry in Translate's `details/<lang>.auxiliary-translation-details.json`. */
interface TranslationDetail {
  sourceFile?: unknown;
  targetFile?: unknown;
  auxiliaryData?: { error?: { errorCode?: unknown; errorMessage?: unknown } };
}

/** Translate's details file: counts are strings in AWS's sample. */
interface TranslationDetails {
  documentCountWithCustomerError?: unknown;
  documentCountWithServerError?: unknown;
  details?: unknown;
}

const DETAILS_SITE = { service: 'translate', operation: 'DescribeTextTranslationJob' } as const;

/**
 * The files a Translate job that ended `COMPLETED_WITH_ERROR` could not translate into `to`, read
 * from `details/<to>.auxiliary-translation-details.json`. The file's shape is AWS's (Translate
 * guide, "Getting batch translation results"); a failed file's entry has no `targetFile` and an
 * `auxiliaryData.error` of `errorCode` and `errorMessage` (as AWS's awslabs/mlspace reads it). The
 * entries must account for the file's own error counts: a details file that does not (missing, or
 * in a shape we do not know) is a `MalformedOutput` error rather than files silently left out.
 */
async function translationFailures(
  ctx: ModuleContext,
  where: { bucket: string; prefix: string; id: string },
  to: string,
  options: RequestOptions,
): Promise<TextTranslationFile[]> {
  const key = `${where.prefix}details/${to}.auxiliary-translation-details.json`;
  const malformed = (why: string, cause?: unknown) =>
    new ServiceError(
      `Translate job ${where.id} ended with errors, but ${why}, so the files it failed cannot be named`,
      { ...DETAILS_SITE, code: 'MalformedOutput', retryable: false, cause },
    );
  let bytes: Uint8Array;
  try {
    bytes = await readObject(ctx, { bucket: where.bucket, key }, options);
  } catch (err) {
    if (NotFoundError.isInstance(err))
      throw malformed(`it wrote no details/${to}.auxiliary-translation-details.json`, err);
    throw err;
  }
  const parsed = parseJobOutput(
    bytes,
    (b) => JSON.parse(new TextDecoder().decode(b)) as TranslationDetails,
    DETAILS_SITE,
    `The job's details/${to}.auxiliary-translation-details.json`,
    "Translate's details JSON",
  );
  const entries: TranslationDetail[] = Array.isArray(parsed?.details) ? parsed.details : [];
  const failures = entries.flatMap((entry): TextTranslationFile[] => {
    const error = entry?.auxiliaryData?.error;
    if (error === undefined || typeof entry.sourceFile !== 'string') return [];
    return [
      {
        file: entry.sourceFile,
        to,
        text: undefined,
        bytes: new Uint8Array(0),
        error: {
          code: String(error.errorCode ?? 'UNKNOWN'),
          message: String(error.errorMessage ?? ''),
        },
      },
    ];
  });
  const reported =
    Number(parsed?.documentCountWithCustomerError ?? 0) +
    Number(parsed?.documentCountWithServerError ?? 0);
  if (!Number.isInteger(reported) || reported !== failures.length) {
    throw malformed(
      `details/${to}.auxiliary-translation-details.json counts ${Number.isInteger(reported) ? reported : 'no'} failed documents and names ${failures.length}`,
    );
  }
  return failures;
}

/** Sorted by file, then by the order of the target languages. */
function byFileThenTarget(targets: readonly string[]) {
  return (a: TextTranslationFile, b: TextTranslationFile): number =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : targets.indexOf(a.to) - targets.indexOf(b.to);
}

/**
 * Reads the files a finished Translate job wrote: every `<lang>.<file>` in its output folder (the
 * `details/` folder aside) and, for a job that ended `partially-completed`, one entry with `error`
 * for every file and target it failed (from its `details/` files), sorted by file and then by the
 * order of the target languages. @internal
 */
export async function readTranslations(
  ctx: ModuleContext,
  status: TextJobStatus,
  targets: readonly string[],
  contentType: string,
  options: RequestOptions,
): Promise<TextTranslationFile[]> {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(outputUriOf(status));
  if (!match) {
    throw new ServiceError(`job ${status.id} reported ${status.outputUri}, not an S3 folder`, {
      code: 'MalformedOutput',
    });
  }
  const [, bucket = '', folder = ''] = match;
  const prefix = folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
  const textual = /^text\/(plain|html)\b/i.test(contentType);
  const failures =
    status.state === 'partially-completed'
      ? (
          await Promise.all(
            targets.map((to) =>
              translationFailures(ctx, { bucket, prefix, id: status.id }, to, options),
            ),
          )
        ).flat()
      : [];
  const keys = (await listKeys(ctx, { bucket, prefix }, options)).filter(
    (key) => !key.slice(prefix.length).startsWith('details/'),
  );
  const files = await Promise.all(
    keys.flatMap((key) => {
      const relative = key.slice(prefix.length);
      const dir = relative.replace(/[^/]*$/, '');
      const name = relative.slice(dir.length);
      const dot = name.indexOf('.');
      const to = name.slice(0, dot);
      if (dot <= 0 || !targets.includes(to)) return [];
      return [
        readObject(ctx, { bucket, key }, options).then(
          (bytes): TextTranslationFile => ({
            file: `${dir}${name.slice(dot + 1)}`,
            to,
            bytes,
            text: textual ? new TextDecoder().decode(bytes) : undefined,
            error: undefined,
          }),
        ),
      ];
    }),
  );
  return [...files, ...failures].sort(byFileThenTarget(targets));
}
