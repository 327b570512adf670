import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler, HandlerContext } from '../types';
import { constraintViolation, missingMember } from './constraint';
import { bodyLimit, MIB, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { withAdapters } from './textract-adapters';
import { expenseDocument, identityDocument, pageBlocks } from './textract-blocks';
import { lendingHandlers } from './textract-lending';
import { checkDocument, formatOf, pageCount, readS3 } from './textract-media';
import { withQueries } from './textract-queries';
import { idempotencyTokens } from './textract-tokens';

type JobKind = 'text' | 'analysis' | 'expense';

interface Job {
  kind: JobKind;
  pages: number;
  source: string;
  features: string[];
  queries: Array<{ Text?: unknown; Alias?: unknown }>;
  /** Get* calls so far: the first one sees IN_PROGRESS. */
  checks: number;
  /** `OutputConfig`: where the finished job's pages are written too. */
  output: { bucket: string; prefix: string } | undefined;
}

function describeSource(bytes: Uint8Array): string {
  return `a ${bytes.byteLength}-byte ${formatOf(bytes) ?? 'file'}`;
}

async function documentBytes(
  document: unknown,
  ctx: HandlerContext,
  store: S3Store | undefined,
): Promise<Uint8Array> {
  const doc = (document ?? {}) as { Bytes?: unknown; S3Object?: unknown };
  if (doc.Bytes instanceof Uint8Array) return doc.Bytes;
  if (doc.S3Object !== undefined) return readS3(doc.S3Object, ctx, store);
  throw new EmulatorError('InvalidParameterException', 'Document needs Bytes or S3Object');
}

function features(input: EmulatorInput): string[] {
  return Array.isArray(input.FeatureTypes) ? input.FeatureTypes.map(String) : [];
}

function queries(input: EmulatorInput): Job['queries'] {
  const config = input.QueriesConfig as { Queries?: unknown } | undefined;
  return Array.isArray(config?.Queries) ? (config.Queries as Job['queries']) : [];
}

function syncDocument(features: string[], queryList: Job['queries'], source: string) {
  return {
    DocumentMetadata: { Pages: 1 },
    Blocks: pageBlocks({
      pageNumber: 1,
      features,
      queries: queryList,
      source,
      withPageField: false,
    }),
  };
}

/** What one Get* page (and one output object) of a finished job holds, NextToken aside. */
function jobPage(kind: JobKind, job: Job, page: number): Record<string, unknown> {
  const common = { JobStatus: 'SUCCEEDED', DocumentMetadata: { Pages: job.pages } };
  if (kind === 'expense') return { ...common, ExpenseDocuments: [expenseDocument(page)] };
  return {
    ...common,
    Blocks: pageBlocks({
      pageNumber: page,
      features: job.features,
      queries: job.queries,
      source: job.source,
      withPageField: true,
    }),
  };
}

function checkJobOptions(input: EmulatorInput): Job['output'] {
  const channel = input.NotificationChannel as
    | { SNSTopicArn?: unknown; RoleArn?: unknown }
    | undefined;
  if (
    channel !== undefined &&
    (typeof channel.SNSTopicArn !== 'string' || typeof channel.RoleArn !== 'string')
  ) {
    throw missingMember(
      typeof channel.SNSTopicArn !== 'string'
        ? 'notificationChannel.sNSTopicArn'
        : 'notificationChannel.roleArn',
    );
  }
  const config = input.OutputConfig as { S3Bucket?: unknown; S3Prefix?: unknown } | undefined;
  if (input.KMSKeyId !== undefined && config === undefined) {
    throw new EmulatorError('InvalidParameterException', 'KMSKeyId needs OutputConfig');
  }
  if (config === undefined) return undefined;
  if (typeof config.S3Bucket !== 'string') throw missingMember('outputConfig.s3Bucket');
  if (config.S3Bucket.length < 3) {
    throw constraintViolation(
      'outputConfig.s3Bucket',
      config.S3Bucket,
      'Member must have length greater than or equal to 3',
    );
  }
  const prefix = typeof config.S3Prefix === 'string' ? config.S3Prefix : 'textract_output';
  return { bucket: config.S3Bucket, prefix };
}

function handlers(store: S3Store | undefined): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const jobs = new Map<string, Job>();
  /** ClientRequestToken → JobId per operation: starting again with a token returns its job. */
  const tokens = idempotencyTokens();
  let nextJob = 0;

  const sync =
    (answer: (input: EmulatorInput, source: string) => unknown): Handler =>
    async (input, ctx) => {
      const bytes = await documentBytes(input.Document, ctx, store);
      checkDocument(bytes, true);
      return answer(input, describeSource(bytes));
    };

  const start =
    (kind: JobKind, operation: string): Handler =>
    async (input, ctx) => {
      const output = checkJobOptions(input);
      const known = tokens.find(operation, input);
      if (known) return { JobId: known };
      const location = (input.DocumentLocation ?? {}) as { S3Object?: unknown };
      const bytes = await readS3(location.S3Object, ctx, store);
      checkDocument(bytes, false);
      const JobId = `emulated-job-${++nextJob}`;
      jobs.set(JobId, {
        kind,
        pages: pageCount(bytes),
        source: describeSource(bytes),
        features: features(input),
        queries: queries(input),
        checks: 0,
        output,
      });
      tokens.remember(operation, input, JobId);
      return { JobId };
    };

  // One Textract page per Get* page, so a 3-page document takes 3 NextToken hops.
  const get =
    (kind: JobKind): Handler =>
    (input) => {
      const job = jobs.get(String(input.JobId ?? ''));
      if (!job || job.kind !== kind) {
        throw new EmulatorError('InvalidJobIdException', 'An invalid job identifier was passed');
      }
      job.checks += 1;
      if (job.checks === 1) return { JobStatus: 'IN_PROGRESS' };
      if (job.checks === 2 && job.output && store) {
        // The job has just finished: Textract writes <prefix>/<JobId>/<n>, one object per page here.
        for (let n = 1; n <= job.pages; n++) {
          const body = new TextEncoder().encode(JSON.stringify(jobPage(kind, job, n)));
          store.put(
            job.output.bucket,
            `${job.output.prefix}/${String(input.JobId)}/${n}`,
            body,
            'application/json',
            {},
          );
        }
      }
      const token = typeof input.NextToken === 'string' ? input.NextToken : undefined;
      const page = token === undefined ? 1 : Number(/^page-(\d+)$/.exec(token)?.[1] ?? Number.NaN);
      if (!(page >= 1 && page <= job.pages)) {
        // Textract's model has no pagination-token error: a bad NextToken is a bad parameter.
        throw new EmulatorError('InvalidParameterException', 'Request has invalid parameters');
      }
      return {
        ...jobPage(kind, job, page),
        ...(page < job.pages ? { NextToken: `page-${page + 1}` } : {}),
      };
    };

  const lending = lendingHandlers(store);
  const all: Record<string, Handler> = {
    DetectDocumentText: sync((_input, source) => syncDocument([], [], source)),
    AnalyzeDocument: withQueries(
      withAdapters(sync((input, source) => syncDocument(features(input), queries(input), source))),
      'sync',
    ),
    AnalyzeExpense: sync(() => ({
      DocumentMetadata: { Pages: 1 },
      ExpenseDocuments: [expenseDocument(1)],
    })),
    async AnalyzeID(input, ctx) {
      const pages = Array.isArray(input.DocumentPages) ? input.DocumentPages : [];
      // DocumentPages is a list of 1–2 in the model: AWS's request validation refuses the rest.
      if (pages.length < 1) {
        throw constraintViolation(
          'documentPages',
          undefined,
          'Member must have length greater than or equal to 1',
        );
      }
      if (pages.length > 2) {
        throw constraintViolation(
          'documentPages',
          undefined,
          'Member must have length less than or equal to 2',
        );
      }
      for (const page of pages) checkDocument(await documentBytes(page, ctx, store), true);
      return {
        DocumentMetadata: { Pages: pages.length },
        IdentityDocuments: [identityDocument(pages.length)],
        AnalyzeIDModelVersion: '1.0',
      };
    },
    StartDocumentTextDetection: start('text', 'StartDocumentTextDetection'),
    GetDocumentTextDetection: get('text'),
    StartDocumentAnalysis: withQueries(
      withAdapters(start('analysis', 'StartDocumentAnalysis')),
      'async',
    ),
    GetDocumentAnalysis: get('analysis'),
    StartExpenseAnalysis: start('expense', 'StartExpenseAnalysis'),
    GetExpenseAnalysis: get('expense'),
    ...lending.handlers,
  };
  const clear = (): void => {
    jobs.clear();
    tokens.clear();
    nextJob = 0;
    lending.clear();
  };
  return { handlers: all, clear };
}

/** What each default handler may throw (see `ServiceDefinition.errors`). */
function textractErrors(): Record<string, readonly string[]> {
  const document = [
    'InvalidParameterException',
    'InvalidS3ObjectException',
    'DocumentTooLargeException',
    'UnsupportedDocumentException',
  ];
  const errors: Record<string, readonly string[]> = {
    DetectDocumentText: document,
    // Its QueriesConfig is checked against the model's QueryInput (textract-queries.ts).
    AnalyzeDocument: [...document, 'ValidationException'],
    AnalyzeExpense: document,
    AnalyzeID: [...document, 'ValidationException'],
  };
  errors.StartLendingAnalysis = [
    ...document,
    'ValidationException',
    'IdempotentParameterMismatchException',
  ];
  errors.GetLendingAnalysis = ['InvalidJobIdException', 'InvalidParameterException'];
  errors.GetLendingAnalysisSummary = ['InvalidJobIdException'];
  for (const op of ['DocumentTextDetection', 'DocumentAnalysis', 'ExpenseAnalysis']) {
    errors[`Start${op}`] = [
      ...document,
      'ValidationException',
      'IdempotentParameterMismatchException',
    ];
    errors[`Get${op}`] = ['InvalidJobIdException', 'InvalidParameterException'];
  }
  return errors;
}

/**
 * Amazon Textract: awsJson1_1. Sync operations check the document as Textract does (empty, format,
 * size, one page) and answer a canned block set; Start* jobs read the S3 object (from `store`, or
 * through the emulator's own S3 endpoint), answer IN_PROGRESS to the first Get* and then one
 * NextToken page per document page. A job with `OutputConfig` also writes its pages to
 * `<S3Prefix>/<JobId>/<n>` in `store` when it finishes (default prefix `textract_output`).
 * `emu.reset()` forgets every job (a Get* then answers InvalidJobIdException) and restarts the ids.
 */
export function createTextractService(store?: S3Store): ServiceDefinition {
  const textract = handlers(store);
  return {
    name: 'textract',
    protocol: 'aws-json',
    signingName: 'textract',
    targetPrefix: 'Textract',
    routes: [],
    handlers: textract.handlers,
    reset: textract.clear,
    errors: textractErrors(),
    // Document.Bytes is @length(max: 10,485,760), base64 in JSON; AnalyzeID takes two of them.
    maxRequestBody: bodyLimit(2 * Math.ceil((10 * MIB * 4) / 3) + MIB),
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServerError', status: 500 },
    blobKeys: ['Bytes'],
  };
}
