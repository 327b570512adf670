import { parseTextract, ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import { pdf } from './helpers';

const { emu, client } = await useEmulator();

const box = { BoundingBox: { Width: 0.2, Height: 0.05, Left: 0.1, Top: 0.3 } };

// Shaped as GetLendingAnalysis and GetLendingAnalysisSummary answer (textract.json: LendingResult,
// PageClassification, Extraction, LendingDocument, LendingSummary).
const PAGE_2 = {
  JobStatus: 'SUCCEEDED',
  DocumentMetadata: { Pages: 3 },
  AnalyzeLendingModelVersion: '1.0',
  Results: [
    {
      Page: 2,
      PageClassification: {
        PageType: [
          { Value: 'BANK_STATEMENTS', Confidence: 12 },
          { Value: 'PAYSLIPS', Confidence: 98.2 },
        ],
        PageNumber: [{ Value: '1', Confidence: 97 }],
      },
      Extractions: [
        {
          LendingDocument: {
            LendingFields: [
              {
                Type: 'PAYSTUB_PERIOD_NET_PAY',
                KeyDetection: { Text: 'Net pay', Confidence: 99, Geometry: box },
                ValueDetections: [{ Text: '2,450.00', Confidence: 98.5, Geometry: box }],
              },
              {
                Type: 'PAYSTUB_DIRECT_DEPOSIT',
                ValueDetections: [{ Text: '', SelectionStatus: 'SELECTED', Confidence: 91 }],
              },
            ],
            SignatureDetections: [{ Confidence: 88, Geometry: box }],
          },
        },
      ],
    },
  ],
  NextToken: 'next',
};
const PAGE_1 = {
  JobStatus: 'SUCCEEDED',
  Results: [
    {
      Page: 1,
      PageClassification: {
        PageType: [{ Value: 'IDENTITY_DOCUMENT', Confidence: 99 }],
        PageNumber: [{ Value: 'undetected', Confidence: 100 }],
      },
      Extractions: [
        {
          IdentityDocument: {
            DocumentIndex: 1,
            IdentityDocumentFields: [
              {
                Type: { Text: 'FIRST_NAME' },
                ValueDetection: { Text: 'JANE', Confidence: 99 },
              },
            ],
          },
        },
      ],
    },
  ],
  Warnings: [{ ErrorCode: 'PAGE_NOT_PROCESSED', Pages: [3] }],
};
const SUMMARY = {
  JobStatus: 'SUCCEEDED',
  Summary: {
    DocumentGroups: [
      {
        Type: 'PAYSLIPS',
        SplitDocuments: [{ Index: 1, Pages: [2] }],
        DetectedSignatures: [{ Page: 2 }],
        UndetectedSignatures: [],
      },
    ],
    UndetectedDocumentTypes: ['W2', 'BANK_STATEMENTS'],
  },
};

describe('documents.parse with Textract Lending output', () => {
  it('merges GetLendingAnalysis pages and the summary into a lending model', () => {
    const model = parseTextract([PAGE_2, PAGE_1, SUMMARY]);
    expect(model.kind).toBe('lending');
    if (model.kind !== 'lending') return;
    expect(model.pageCount).toBe(3);
    expect(model.modelVersion).toBe('1.0');
    expect(model.pages.map((p) => [p.pageNumber, p.type])).toEqual([
      [1, 'IDENTITY_DOCUMENT'],
      [2, 'PAYSLIPS'],
    ]);
    const payslip = model.pages[1];
    expect(payslip).toMatchObject({ typeConfidence: 98.2, documentPageNumber: '1' });
    expect(payslip?.fields[0]).toMatchObject({
      type: 'PAYSTUB_PERIOD_NET_PAY',
      key: 'Net pay',
      value: '2,450.00',
    });
    expect(payslip?.fields[0]?.values[0]?.geometry?.boundingBox).toMatchObject({ left: 0.1 });
    expect(payslip?.fields[1]?.values[0]).toMatchObject({ selected: true, confidence: 91 });
    expect(payslip?.signatures).toHaveLength(1);
    expect(model.pages[0]?.identity?.kind).toBe('identity');
    expect(model.warnings).toEqual([{ code: 'PAGE_NOT_PROCESSED', pages: [3] }]);
    expect(model.summary).toEqual({
      groups: [
        {
          type: 'PAYSLIPS',
          documents: [{ index: 1, pages: [2] }],
          signedPages: [2],
          unsignedPages: [],
        },
      ],
      missingTypes: ['W2', 'BANK_STATEMENTS'],
    });
  });

  it('ai.documents.parse takes a summary alone, and still refuses what is not Textract output', () => {
    const model = client().documents.parse(SUMMARY);
    expect(model.kind).toBe('lending');
    expect(() => client().documents.parse({ Results: 'x' } as never)).toThrow(ValidationError);
    expect(() => client().documents.parse([PAGE_2, { Blocks: [] }] as never)).toThrow(
      /not mixed with other responses/,
    );
  });
});

describe('documents.lending (StartLendingAnalysis job)', () => {
  it('stages the PDF, polls the job, reads every page and the summary', async () => {
    const polls: string[] = [];
    const loan = await client({
      staging: { bucket: 'staging', prefix: 'loans/' },
    }).documents.lending(pdf(3), {
      poll: { intervalMs: 1, maxIntervalMs: 2, onPoll: (i) => polls.push(i.status ?? '') },
    });
    expect(loan.kind).toBe('lending');
    expect(loan.run).toEqual({ mode: 'async', jobId: 'emulated-lending-job-1' });
    expect(loan.pages.map((p) => p.type)).toEqual([
      'PAYSLIPS',
      'BANK_STATEMENTS',
      'IDENTITY_DOCUMENT',
    ]);
    expect(loan.pages[0]?.fields[0]).toMatchObject({
      type: 'PAYSLIPS_EMULATED_FIELD',
      value: 'Emulated value 1',
    });
    expect(loan.pages[2]?.identity?.documents[0]).toBeDefined();
    expect(loan.summary?.missingTypes).toEqual(['1099_INT']);
    expect(loan.summary?.groups.map((g) => g.type)).toEqual([
      'PAYSLIPS',
      'BANK_STATEMENTS',
      'IDENTITY_DOCUMENT',
    ]);
    expect(polls).toEqual(['IN_PROGRESS']);
    expect(callsTo(emu, 'StartLendingAnalysis')[0]?.input).toMatchObject({
      DocumentLocation: { S3Object: { Bucket: 'staging' } },
    });
    // IN_PROGRESS, then 3 result pages through NextToken.
    expect(callsTo(emu, 'GetLendingAnalysis').map((c) => c.input.NextToken)).toEqual([
      undefined,
      undefined,
      'page-2',
      'page-3',
    ]);
    expect(callsTo(emu, 'GetLendingAnalysisSummary')).toHaveLength(1);
  });

  it('refuses bytes without staging and mode sync before any call', async () => {
    await expect(client().documents.lending(pdf(2))).rejects.toThrow(ValidationError);
    await expect(
      client({ staging: { bucket: 'staging' } }).documents.lending(pdf(2), { mode: 'sync' }),
    ).rejects.toThrow(/only as a job/);
    expect(emu.calls).toHaveLength(0);
  });
});
