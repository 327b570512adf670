// Run by bench/corpus.ts in a fresh plain-Node process, as an application would run: imports the
// built package (`aws-ai`, resolved through its own `exports`), not the TypeScript sources under
// tsx, whose compiler alone holds ~100 MB. `node bench/corpus-client.mjs <batch|transform> <config>`
// sends 100,000 records through one batch engine against the emulator and prints the figures as
// JSON, with the process's peak RSS sampled every 20 ms.
import { AwsAI, BatchItemError } from 'aws-ai';

const [which, configJson] = process.argv.slice(2);
const RECORDS = 100_000;
const RECORD_BYTES = 1_000;
const MODEL = 'bench-model';
const FILLER = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(RECORD_BYTES / 27));

async function* records() {
  for (let i = 0; i < RECORDS; i++) {
    yield { body: { n: i, inputText: FILLER.slice(0, RECORD_BYTES - 40) } };
  }
}

async function* csvRows() {
  for (let i = 0; i < RECORDS; i++) yield [i, i % 7, 1.5, 2.25];
}

const ai = new AwsAI({ ...JSON.parse(configJson), staging: undefined });
const name = `corpus-${Date.now().toString(36)}`;
// Everything the run needs is loaded before the baseline is taken: a first tiny call per engine
// would cost more noise than it removes, so the baseline is the process after import.
global.gc?.();
let peak = process.memoryUsage().rss;
const startRss = peak;
let peakHeap = 0;
let peakBuffers = 0;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
}, 20);
const started = performance.now();

const job =
  which === 'batch'
    ? await ai.generative.batch(records(), {
        model: 'amazon.titan-text-express-v1',
        role: 'arn:aws:iam::123456789012:role/BedrockBatch',
        output: 's3://corpus-bench/batch-out/',
        name,
      })
    : await ai.endpoints.transform({
        model: MODEL,
        input: csvRows(),
        output: 's3://corpus-bench/transform-out/',
        instanceType: 'ml.m5.xlarge',
        contentType: 'text/csv',
        name,
      });
let seen = 0;
let lost = 0;
let misordered = 0;
for await (const item of job.results({ pollIntervalMs: 10 })) {
  if (item instanceof BatchItemError) lost++;
  else {
    // Bedrock echoes the record's `n`; the transform cost model answers [sum(row), row[0]].
    const n = which === 'batch' ? item.output?.n : item.output?.[1];
    if (item.index !== seen || n !== seen) misordered++;
  }
  seen++;
}
lost += RECORDS - seen;
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(
  JSON.stringify({
    jobs: which === 'batch' ? job.jobs.length : 1,
    lost,
    misordered,
    startRssMB: Math.round(startRss / 1024 / 1024),
    peakRssMB: Math.round(peak / 1024 / 1024),
    peakHeapMB: Math.round(peakHeap / 1024 / 1024),
    peakBuffersMB: Math.round(peakBuffers / 1024 / 1024),
    seconds: Number(seconds.toFixed(1)),
  }),
);
