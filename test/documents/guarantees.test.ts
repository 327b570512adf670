import {
  AccessDeniedError,
  type AwsAI,
  NotFoundError,
  ServiceError,
  ValidationError,
} from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, settle, useEmulator } from '../helpers/emulator';
import { type GuaranteeMethod, methodGuarantees, PAYLOAD } from '../helpers/method-guarantees';
import { pdf, png } from './helpers';

const { emu, client: base } = await useEmulator();

/** Jobs poll fast in these tests. */
const FAST = { pollIntervalMs: 1, maxPollIntervalMs: 2 } as const;
const STAGING = { staging: { bucket: 'staging', prefix: 'docs/' } } as const;

const QUERY = [{ text: 'What is the patient name?', alias: 'name' }];

const METHODS: GuaranteeMethod[] = [
  { name: 'text', operation: 'DetectDocumentText', run: (ai, o) => ai.documents.text(png(), o) },
  {
    name: 'analyze',
    operation: 'AnalyzeDocument',
    run: (ai, o) =>
      ai.documents.analyze(png(), { tables: true, forms: true, queries: QUERY, ...o }),
  },
  {
    name: 'analyze with adapters',
    operation: 'AnalyzeDocument',
    run: (ai, o) =>
      ai.documents.analyze(png(), {
        queries: QUERY,
        adapters: [{ id: '2e9bf1c4a1b2', version: '3', pages: ['1'] }],
        ...o,
      }),
  },
  { name: 'expense', operation: 'AnalyzeExpense', run: (ai, o) => ai.documents.expense(png(), o) },
  {
    name: 'identity',
    operation: 'AnalyzeID',
    run: (ai, o) => ai.documents.identity([png(), png(80)], o),
  },
  {
    name: 'text of a 2-page PDF (the start)',
    operation: 'StartDocumentTextDetection',
    alsoNamed: ['DetectDocumentText'],
    run: (ai, o) => ai.documents.text(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'text of a 2-page PDF (the polls and pages)',
    operation: 'GetDocumentTextDetection',
    alsoNamed: ['DetectDocumentText', 'StartDocumentTextDetection'],
    run: (ai, o) => ai.documents.text(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'analyze of a 2-page PDF (the start)',
    operation: 'StartDocumentAnalysis',
    alsoNamed: ['AnalyzeDocument'],
    run: (ai, o) => ai.documents.analyze(pdf(2), { tables: true, ...FAST, ...o }),
  },
  {
    name: 'expense of a 2-page PDF (the start)',
    operation: 'StartExpenseAnalysis',
    alsoNamed: ['AnalyzeExpense'],
    run: (ai, o) => ai.documents.expense(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'expense of a 2-page PDF (the polls and pages)',
    operation: 'GetExpenseAnalysis',
    alsoNamed: ['AnalyzeExpense', 'StartExpenseAnalysis'],
    run: (ai, o) => ai.documents.expense(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the start)',
    operation: 'StartLendingAnalysis',
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the polls and pages)',
    operation: 'GetLendingAnalysis',
    alsoNamed: ['StartLendingAnalysis'],
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'lending (the summary)',
    operation: 'GetLendingAnalysisSummary',
    alsoNamed: ['StartLendingAnalysis'],
    run: (ai, o) => ai.documents.lending(pdf(2), { ...FAST, ...o }),
  },
  {
    name: 'startText',
    operation: 'StartDocumentTextDetection',
    run: (ai, o) => ai.documents.startText(pdf(2), o),
  },
  {
    name: 'startAnalysis',
    operation: 'StartDocumentAnalysis',
    run: (ai, o) => ai.documents.startAnalysis(pdf(2), { forms: true, ...o }),
  },
  {
    name: 'startExpense',
    operation: 'StartExpenseAnalysis',
    run: (ai, o) => ai.documents.startExpense(pdf(2), o),
  },
  {
    name: 'startLending',
    operation: 'StartLendingAnalysis',
    run: (ai, o) => ai.documents.startLending(pdf(2), o),
  },
  {
    name: 'a started job: result()',
    operation: 'GetDocumentTextDetection',
    retryOption: false,
    prepare: async (ai) => JSON.stringify((await ai.documents.startText(pdf(2))).ref),
    run: (ai, o, ref) => ai.jobs.resume(JSON.parse(ref)).result({ ...FAST, ...o }),
  },
];
/** Bad input for every method: the harness checks each is refused before any request. */
function badInput(ai: AwsAI): Array<() => Promise<unknown>> {
  const d = ai.documents;
  const text = `Customer note: ${PAYLOAD} asked for a refund`;
  return [
    () => d.text(new Uint8Array()),
    () => d.text(Buffer.from(`GIF89a ${PAYLOAD}`)),
    () => d.text(text),
    () => d.text(png(), { mode: 'sideways' as never }),
    () => d.text(pdf(2), { mode: 'sync' }),
    () => d.text(png(), { timeoutMs: -1 }),
    () => d.text(png(), { signal: 1 as never }),
    () => d.text(png(), { retry: true as never }),
    () => d.analyze(png(), {}),
    () => d.analyze(text, { forms: true }),
    () => d.analyze(png(), { queries: [{ text: '' }] }),
    () => d.analyze(png(), { queries: [{ text: `${PAYLOAD} ${'x'.repeat(200)}` }] }),
    () => d.analyze(png(), { queries: Array.from({ length: 16 }, (_, i) => ({ text: `q${i}` })) }),
    () => d.analyze(png(), { queries: QUERY, adapters: [{ id: 'short', version: '1' }] }),
    () => d.analyze(png(), { forms: true, adapters: [{ id: '2e9bf1c4a1b2', version: '1' }] }),
    () => d.analyze(png(), { forms: true, jobTag: `${PAYLOAD} !` }),
    () => d.analyze(png(), { forms: true, clientRequestToken: `${PAYLOAD} !` }),
    () =>
      d.analyze(png(), { forms: true, output: `s3://${PAYLOAD.toLowerCase()}/x`, mode: 'sync' }),
    () => d.analyze(png(), { forms: true, kmsKeyId: 'alias/k' }),
    () =>
      d.analyze(png(), {
        forms: true,
        notificationChannel: { snsTopicArn: 'not-an-arn', roleArn: 'not-an-arn' },
      }),
    () => d.expense(text),
    () => d.expense(pdf(2), { pollIntervalMs: 0 }),
    () => d.identity([png(), png(), png()] as never),
    () => d.identity(pdf(2)),
    () => d.identity(text),
    () => d.lending(text),
    () => d.lending(pdf(2), { pollIntervalMs: Number.NaN }),
    () => d.startText(png(), { mode: 'sync' } as never),
    () => d.startAnalysis(pdf(2), {}),
    () => d.startExpense(text),
    () => d.startLending(pdf(2), { clientRequestToken: `${PAYLOAD} !` }),
  ];
}

// The per-method guarantees (test/helpers/method-guarantees.ts): deadline, abort, retry budget,
// cut and malformed answers, refusals, no credential or input in any error.
const { client, expectNamed } = methodGuarantees({
  module: 'documents',
  service: 'textract',
  emu,
  base,
  config: STAGING,
  methods: METHODS,
  badInput,
});

describe('non-retryable codes of the model map to their class', () => {
  // Textract answers InvalidJobIdException for a job id it does not know (core/error-mapping.ts).
  it('an unknown job is a NotFoundError (InvalidJobIdException), one request', async () => {
    const ai = client();
    const out = await settle(() =>
      ai.jobs
        .resume({ kind: 'textract', id: 'nosuchjob', api: 'StartDocumentTextDetection' } as never)
        .result(FAST),
    );
    const err = expectNamed(out.error, NotFoundError);
    expect(err.code).toBe('InvalidJobIdException');
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });

  it('a failed job is a ServiceError (JobFailed), not retried', async () => {
    emu.handle('textract', 'GetDocumentTextDetection', () => ({
      JobStatus: 'FAILED',
      StatusMessage: 'the document could not be read',
    }));
    const out = await settle(() => client().documents.text(pdf(2), FAST));
    const err = expectNamed(out.error, ServiceError);
    expect(err.code).toBe('JobFailed');
    expect(callsTo(emu, 'GetDocumentTextDetection')).toHaveLength(1);
  });

  it.each([
    ['UnsupportedDocumentException', ValidationError],
    ['BadDocumentException', ValidationError],
    ['DocumentTooLargeException', ValidationError],
    ['InvalidS3ObjectException', ValidationError],
    ['AccessDeniedException', AccessDeniedError],
  ] as const)('%s on AnalyzeDocument: %o after one request', async (code, Class) => {
    emu.fault({
      service: 'textract',
      operation: 'AnalyzeDocument',
      kind: 'server-error',
      code,
      status: 400,
    });
    const out = await settle(() => client().documents.analyze(png(), { forms: true }));
    expectNamed(out.error, Class, 'AnalyzeDocument');
    expect(callsTo(emu, 'AnalyzeDocument')).toHaveLength(1);
  });

  it('LimitExceededException on a Start* is a non-retryable ServiceError once the wait is over', async () => {
    emu.fault({
      service: 'textract',
      operation: 'StartDocumentTextDetection',
      kind: 'server-error',
      code: 'LimitExceededException',
      status: 400,
    });
    const out = await settle(() =>
      client().documents.text(pdf(2), { ...FAST, poll: { timeoutMs: 50 } }),
    );
    const err = expectNamed(out.error, ServiceError, 'StartDocumentTextDetection');
    expect(err.retryable).toBe(false);
    expect(err.code).toBe('LimitExceededException');
  });
});
