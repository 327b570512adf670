import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Emulator } from '../src/testing/index';
import { sageMakerModels, startEmulator } from '../src/testing/index';
import type { Benchmark, BenchRow } from './harness';

// bench/corpus: a 100,000-record corpus through AWS's own batch engines, against the emulator in
// its own process (its S3 holds ~200 MB of input and output, which must not count as the
// client's memory), from a client in another (bench/corpus-client.mjs). The client's peak RSS is
// the figure that says whether records and results are streamed.

const RECORDS = 100_000;
const BEDROCK_MAX_RECORDS_PER_JOB = 50_000;
const RSS_GOAL_MB = 200;
const MODEL = 'bench-model';
const run = promisify(execFile);

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

/**
 * Runs one engine's 100,000 records in a fresh plain-Node client process (bench/corpus-client.mjs)
 * and returns its figures: the client's memory is then the library's and the SDK's, as in an
 * application, without tsx's compiler or this bench's own modules.
 */
async function runClient(which: 'batch' | 'transform', config: object): Promise<BenchRow> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', 'bench/corpus-client.mjs', which, JSON.stringify(config)],
    { cwd: root, maxBuffer: 1024 * 1024 },
  );
  const figures = JSON.parse(stdout) as Record<string, number>;
  return {
    name:
      which === 'batch'
        ? `generative.batch ${RECORDS.toLocaleString('en')} × ~1 KB`
        : `endpoints.transform ${RECORDS.toLocaleString('en')} CSV rows`,
    jobs: figures.jobs as number,
    minJobs: which === 'batch' ? Math.ceil(RECORDS / BEDROCK_MAX_RECORDS_PER_JOB) : 1,
    lost: figures.lost as number,
    misordered: figures.misordered as number,
    startRssMB: figures.startRssMB as number,
    peakRssMB: figures.peakRssMB as number,
    peakHeapMB: figures.peakHeapMB as number,
    peakBuffersMB: figures.peakBuffersMB as number,
    seconds: figures.seconds as number,
  };
}

export const corpus: Benchmark = {
  name: 'corpus',
  async run() {
    const server = await startServer();
    try {
      const batch = await runClient('batch', server.config);
      const transform = await runClient('transform', server.config);
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
        description: `${RECORDS.toLocaleString('en')} records through AWS's batch engines; the emulator in its own process, the client in another (plain Node ${process.version}, the built package, bench/corpus-client.mjs); client peak RSS sampled every 20 ms, process.memoryUsage().rss`,
        rows,
        goal: `0 lost, 0 misordered, jobs = minimum for AWS's per-job limit, client peak RSS < ${RSS_GOAL_MB} MB`,
        met,
      };
    } finally {
      server.stop();
    }
  },
};
