/**
 * The start of a Bedrock batch inference job is one call (ADR 0006, amendment "the start of a job
 * is one call"): `generative.batch` and `generative.embedMany(texts, { batch: true })`. The tests
 * are test/helpers/start-scope.ts's:
 *
 * 1. One deadline spans the upload of the JSONL input and CreateModelInvocationJob: two requests
 *    that each fit in `timeoutMs` but not together end in a `TimeoutError` naming bedrock
 *    CreateModelInvocationJob, and nothing is sent after the call settled.
 * 2. An already aborted signal: an `AbortError` naming CreateModelInvocationJob, no request (was:
 *    s3 PutObject). Aborted during the upload: the same, at once, nothing after.
 * 3. The job returned is not bound to the start: its `status()` works after the start's signal
 *    fired, and takes longer than the start's `timeoutMs` if it needs to.
 */
import { useEmulator } from '../helpers/emulator';
import { type Starter, startScope, uploadTitles } from '../helpers/start-scope';

const { emu, client } = await useEmulator();

const ROLE = 'arn:aws:iam::123456789012:role/BedrockBatch';
const OUTPUT = 's3://batch-bucket/out/';
/** Over the 100-record minimum, in one input file: one upload, one job. */
const COUNT = 120;

/** Both start one job: the JSONL upload, then CreateModelInvocationJob. */
const JOB = {
  service: 'bedrock',
  operation: 'CreateModelInvocationJob',
  status: 'GetModelInvocationJob',
  first: { service: 's3', operation: 'PutObject' },
  slow: [
    { service: 's3', operation: 'PutObject' },
    { service: 'bedrock', operation: 'CreateModelInvocationJob' },
  ],
} as const satisfies Omit<Starter, 'name' | 'run'>;

startScope({
  emu,
  base: client,
  titles: uploadTitles('CreateModelInvocationJob', 'Create'),
  starters: [
    {
      name: 'generative.batch',
      ...JOB,
      run: (ai, o) =>
        ai.generative.batch(
          Array.from({ length: COUNT }, (_, i) => ({ body: { inputText: `record ${i}` } })),
          { model: 'amazon.titan-text-express-v1', role: ROLE, output: OUTPUT, ...o },
        ),
    },
    {
      name: 'generative.embedMany({ batch: true })',
      ...JOB,
      run: (ai, o) =>
        ai.generative.embedMany(
          Array.from({ length: COUNT }, (_, i) => `text ${i}`),
          { batch: true, model: 'amazon.titan-embed-text-v2:0', role: ROLE, output: OUTPUT, ...o },
        ),
    },
  ],
});
