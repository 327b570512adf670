import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import type { S3Store } from './s3-store';
import { identityDocument } from './textract-blocks';
import { checkDocument, pageCount, readS3 } from './textract-media';
import { idempotencyTokens } from './textract-tokens';

/** Page types the emulated classifier gives, in turn: page n gets TYPES[(n - 1) % 4]. */
const TYPES = ['PAYSLIPS', 'BANK_STATEMENTS', 'IDENTITY_DOCUMENT', 'W2'] as const;
const box = { BoundingBox: { Width: 0.25, Height: 0.04, Left: 0.1, Top: 0.2 } };

function result(page: number) {
  const type = TYPES[(page - 1) % TYPES.length] as string;
  const lendingDocument = {
    LendingFields: [
      {
        Type: `${type}_EMULATED_FIELD`,
        KeyDetection: { Text: 'Emulated key', Confidence: 99, Geometry: box },
        ValueDetections: [{ Text: `Emulated value ${page}`, Confidence: 98, Geometry: box }],
      },
    ],
    SignatureDetections: page % 2 === 1 ? [{ Confidence: 90, Geometry: box }] : [],
  };
  return {
    Page: page,
    PageClassification: {
      PageType: [{ Value: type, Confidence: 97.5 }],
      PageNumber: [{ Value: '1', Confidence: 95 }],
    },
    Extractions:
      type === 'IDENTITY_DOCUMENT'
        ? [{ IdentityDocument: identityDocument(1) }]
        : [{ LendingDocument: lendingDocument }],
  };
}

/**
 * Textract Lending jobs: StartLendingAnalysis reads the S3 object as the other jobs do, the first
 * GetLendingAnalysis answers IN_PROGRESS, then one result page per document page (NextToken), each
 * page classified in turn as payslip, bank statement, identity document, W-2; the summary groups the
 * pages by type, signatures on odd pages, and names 1099_INT as missing.
 */
export function lendingHandlers(store: S3Store | undefined): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const jobs = new Map<string, { pages: number; checks: number }>();
  const tokens = idempotencyTokens();
  let next = 0;
  const job = (input: Record<string, unknown>) => {
    const found = jobs.get(String(input.JobId ?? ''));
    if (!found)
      throw new EmulatorError('InvalidJobIdException', 'An invalid job identifier was passed');
    return found;
  };
  const handlers: Record<string, Handler> = {
    async StartLendingAnalysis(input, ctx) {
      const known = tokens.find('StartLendingAnalysis', input);
      if (known) return { JobId: known };
      const location = (input.DocumentLocation ?? {}) as { S3Object?: unknown };
      const bytes = await readS3(location.S3Object, ctx, store);
      checkDocument(bytes, false);
      const JobId = `emulated-lending-job-${++next}`;
      jobs.set(JobId, { pages: pageCount(bytes), checks: 0 });
      tokens.remember('StartLendingAnalysis', input, JobId);
      return { JobId };
    },
    GetLendingAnalysis(input) {
      const found = job(input);
      found.checks += 1;
      if (found.checks === 1) return { JobStatus: 'IN_PROGRESS' };
      const token = typeof input.NextToken === 'string' ? input.NextToken : undefined;
      const page = token === undefined ? 1 : Number(/^page-(\d+)$/.exec(token)?.[1] ?? Number.NaN);
      if (!(page >= 1 && page <= found.pages)) {
        throw new EmulatorError('InvalidParameterException', 'Request has invalid parameters');
      }
      return {
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: found.pages },
        AnalyzeLendingModelVersion: '1.0',
        Results: [result(page)],
        ...(page < found.pages ? { NextToken: `page-${page + 1}` } : {}),
      };
    },
    GetLendingAnalysisSummary(input) {
      const found = job(input);
      const byType = new Map<string, number[]>();
      for (let page = 1; page <= found.pages; page++) {
        const type = TYPES[(page - 1) % TYPES.length] as string;
        byType.set(type, [...(byType.get(type) ?? []), page]);
      }
      return {
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: found.pages },
        AnalyzeLendingModelVersion: '1.0',
        Summary: {
          DocumentGroups: [...byType].map(([Type, pages]) => ({
            Type,
            SplitDocuments: pages.map((p, i) => ({ Index: i + 1, Pages: [p] })),
            DetectedSignatures: pages.filter((p) => p % 2 === 1).map((Page) => ({ Page })),
            UndetectedSignatures: pages.filter((p) => p % 2 === 0).map((Page) => ({ Page })),
          })),
          UndetectedDocumentTypes: ['1099_INT'],
        },
      };
    },
  };
  const clear = (): void => {
    jobs.clear();
    tokens.clear();
    next = 0;
  };
  return { handlers, clear };
}
