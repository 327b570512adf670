import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AwsAI, BatchItemError } from '../src/index';
import type { Emulator } from '../src/testing/index';
import { sageMakerModels, startEmulator } from '../src/testing/index';
import type { Benchmark, BenchRow } from './harness';

// bench/corpus: a 100,000-record corpus through AWS's own batch engines, against the emulator in
// its own process (its S3 holds ~200 MB of input and output, which must not count as the
// client's memory). The client's peak RSS is the figure that says whether results are streamed.

const RECORDS = 100_000;
const RECORD_BYTES = 1_000;
const BEDROCK_MAX_RECORDS_PER_JOB = 50_000;
const RSS_GOAL_MB = 200;
const MODEL = 'bench-model';

/** Started in the child: an emulator that keeps no call log, with a transform cost model. */
export async function serveCorpusEmulator(): Promise<Emulator> {
  const emu = await startEmulator({ recordCalls: false });
  emu.handle(
    'sagemaker-runtime',
    'InvokeEndpoint',
    sageMakerModels({ [MODEL]: { fixedMs: 2, perRowUs: 2 } }),
  );
  return emu;
}

const SERVER = `
const { serveCorpusEmulator } = await import(${JSON.stringify(import.meta.url)});
const emu = await serveCorpusEmulator();
process.on('disconnect', () => emu.close().then(() => process.exit(0)));
process.send({ endpoint: emu.endpoint, config: emu.config });
`;

async function startServer(): Promise<{ config: Record<string, unknown>; stop: () => void }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { config } = await new Promise<{ config: Record<string, unknown> }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { config: Record<string, unknown> }));
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  return {
    config,
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}

/** Samples this process's RSS; `peak()` is the highest seen since `start`. */
function rssSampler(): { peakMB: () => number; startMB: number; stop: () => void } {
  let peak = process.memoryUsage().rss;
  const startMB = peak / 1024 / 1024;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    peakMB: () => Math.max(peak, process.memoryUsage().rss) / 1024 / 1024,
    startMB,
    stop: () => clearInterval(timer),
  };
}

const FILLER = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(RECORD_BYTES / 27));

async function* records(): AsyncGenerator<{ body: Record<string, unknown> }> {
  for (let i = 0; i < RECORDS; i++) {
    yield { body: { n: i, inputText: FILLER.slice(0, RECORD_BYTES - 40) } };
  }
}

async function* csvRows(): AsyncGenerator<number[]> {
  for (let i = 0; i < RECORDS; i++) yield [i, i % 7, 1.5, 2.25];
}

async function runBatch(ai: AwsAI): Promise<BenchRow> {
  global.gc?.();
  const rss = rssSampler();
  const started = performance.now();
  const job = await ai.generative.batch(records(), {
    model: 'amazon.titan-text-express-v1',
    role: 'arn:aws:iam::123456789012:role/BedrockBatch',
    output: 's3://corpus-bench/batch-out/',
    name: `corpus-${Date.now().toString(36)}`,
  });
  let seen = 0;
  let lost = 0;
  let misordered = 0;
  for await (const item of job.results({ pollIntervalMs: 10 })) {
    if (item instanceof BatchItemError) lost++;
    else if (item.index !== seen || (item.output as { n?: number }).n !== seen) misordered++;
    seen++;
  }
  lost += RECORDS - seen;
  const seconds = (performance.now() - started) / 1000;
  rss.stop();
  return {
    name: `generative.batch ${RECORDS.toLocaleString('en')} × ~1 KB`,
    jobs: job.jobs.length,
    minJobs: Math.ceil(RECORDS / BEDROCK_MAX_RECORDS_PER_JOB),
    lost,
    misordered,
    startRssMB: Math.round(rss.startMB),
    peakRssMB: Math.round(rss.peakMB()),
    seconds: Number(seconds.toFixed(1)),
  };
}

async function runTransform(ai: AwsAI): Promise<BenchRow> {
  global.gc?.();
  const rss = rssSampler();
  const started = performance.now();
  const job = await ai.endpoints.transform({
    model: MODEL,
    input: csvRows(),
    output: 's3://corpus-bench/transform-out/',
    instanceType: 'ml.m5.xlarge',
    contentType: 'text/csv',
    name: `corpus-${Date.now().toString(36)}`,
  });
  let seen = 0;
  let lost = 0;
  let misordered = 0;
  for await (const item of job.results({ pollIntervalMs: 10 })) {
    if (item instanceof BatchItemError) lost++;
    // The cost model answers [sum(row), row[0]]: row[0] is the record's index.
    else if (item.index !== seen || (item.output as number[])[1] !== seen) misordered++;
    seen++;
  }
  lost += RECORDS - seen;
  const seconds = (performance.now() - started) / 1000;
  rss.stop();
  return {
    name: `endpoints.transform ${RECORDS.toLocaleString('en')} CSV rows`,
    jobs: 1,
    minJobs: 1,
    lost,
    misordered,
    startRssMB: Math.round(rss.startMB),
    peakRssMB: Math.round(rss.peakMB()),
    seconds: Number(seconds.toFixed(1)),
  };
}

export const corpus: Benchmark = {
  name: 'corpus',
  async run() {
    const server = await startServer();
    try {
      const ai = new AwsAI({ ...(server.config as object), staging: undefined });
      const batch = await runBatch(ai);
      const transform = await runTransform(ai);
      const rows = [batch, transform];
      const met = rows.every(
        (r) =>
          r.lost === 0 &&
          r.misordered === 0 &&
          r.jobs === r.minJobs &&
          (r.peakRssMB as number) < RSS_GOAL_MB,
      );
      return {
        name: 'corpus',
        description: `${RECORDS.toLocaleString('en')} records through AWS's batch engines (emulator in its own process); client peak RSS sampled every 20 ms, process.memoryUsage().rss`,
        rows,
        goal: `0 lost, 0 misordered, jobs = minimum for AWS's per-job limit, client peak RSS < ${RSS_GOAL_MB} MB`,
        met,
      };
    } finally {
      server.stop();
    }
  },
};
