import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { AwsAI } from '../src/index';
import { batchToNpy } from '../src/tensor/batcher-npy';
import { DynamicBatcher, fromNpy, stack, Tensor, toNpy } from '../src/tensor/index';
import type { Benchmark, BenchRow } from './harness';
import { median } from './harness';

const FIXED_MS = 5;
const PER_ROW_US = 50;
const WIDTH = 512;
const MAX_BATCH = 64;
const PHASE_MS = 2500;
const STATIC_SIZES = [4, 8, 16, 32];
/** Server ceiling with one execution slot and full batches: W·B / (C + B·r). */
const SERVER_MS_64 = FIXED_MS + (MAX_BATCH * PER_ROW_US) / 1000;
const CEILING = (1 * MAX_BATCH) / (SERVER_MS_64 / 1000);

// The built emulator (`npm run bench` builds first), run by plain node: the endpoint's side of each
// round trip costs what it costs a user's load test, with no TypeScript loader in the way.
const emulatorUrl = new URL('../dist/testing/index.js', import.meta.url);

// The emulator runs in its own process, so the client CPU measured here is the client's alone. It
// keeps no call records: thousands of 128 KiB bodies would otherwise pile up and slow its GC.
const SERVER = `
const { startEmulator, sageMakerModels } = await import(${JSON.stringify(emulatorUrl.href)});
const emu = await startEmulator({ recordCalls: false });
let cpu = process.cpuUsage();
const model = sageMakerModels({
  bench: { fixedMs: ${FIXED_MS}, perRowUs: ${PER_ROW_US}, concurrency: 1, precise: true },
  static: { fixedMs: 1, perRowUs: 10, concurrency: 1, allowedBatchSizes: ${JSON.stringify(STATIC_SIZES)}, poisonValue: -1 },
  // No simulated cost: what one call costs the client (SDK + HTTP) and the emulator, nothing else.
  free: { fixedMs: 0, perRowUs: 0, concurrency: 8 },
});
emu.handle('sagemaker-runtime', 'InvokeEndpoint', (input, ctx) => {
  if (input.EndpointName === 'ctl-stats') {
    return { Body: Buffer.from(JSON.stringify(model.stats)), ContentType: 'application/json' };
  }
  if (input.EndpointName === 'ctl-reset') { model.resetStats(); return { Body: Buffer.from('{}'), ContentType: 'application/json' }; }
  if (input.EndpointName === 'ctl-cpu') {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    return { Body: Buffer.from(JSON.stringify(used)), ContentType: 'application/json' };
  }
  return model(input, ctx);
});
process.stdout.write(emu.endpoint + '\\n');
process.stdin.on('end', () => emu.close().then(() => process.exit(0)));
process.stdin.resume();
`;

async function startServer(): Promise<{ endpoint: string; child: ChildProcess }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(emulatorUrl)) {
    throw new Error('bench/batcher needs the built package: run `npm run bench` (it builds first)');
  }
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  return { endpoint, child };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

interface Phase {
  rowsPerSec: number;
  p50: number;
  p99: number;
  cpuUsPerRow: number;
  rows: number;
}

/** K closed-loop callers for `ms`; each call is one row. */
async function closedLoop(
  callers: number,
  ms: number,
  one: () => Promise<unknown>,
): Promise<Phase> {
  const latencies: number[] = [];
  const stopAt = performance.now() + ms;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < stopAt) {
        const t0 = performance.now();
        await one();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    rowsPerSec: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuUsPerRow: (used.user + used.system) / latencies.length,
    rows: latencies.length,
  };
}

function row(seed: number): Float32Array {
  const data = new Float32Array(WIDTH);
  for (let i = 0; i < WIDTH; i++) data[i] = (seed + i) % 7;
  return data;
}

interface CpuSplit {
  /** The driver loop plus the batcher path, µs per row (median of the repetitions). */
  gross: number;
  /** The same driver loop around a transport-free stand-in that resolves each row at once. */
  driver: number;
  /** gross − driver: stack, .npy encode/decode, split into row views, scheduling, promises. */
  own: number;
}

/**
 * CPU of the batcher's own path per row, without network: the transport encodes each batch exactly as
 * `ai.endpoints.batcher` does (`batchToNpy` into reused buffers) and decodes a prepared `.npy` answer.
 * The driver loop (Promise.all over 64 predict calls) is measured alone in the same run and
 * subtracted; repetitions interleave both so that machine noise hits them alike.
 */
async function batcherCpuPerRow(): Promise<CpuSplit> {
  const response = toNpy(Tensor.zeros('float32', [MAX_BATCH, 2]));
  const batcher = new DynamicBatcher({
    maxBatchSize: MAX_BATCH,
    reuseBatchBuffers: true,
    invoke: async (batch) => {
      batchToNpy(batch);
      return fromNpy(response);
    },
  });
  const rows = Array.from({ length: MAX_BATCH }, (_, i) => Tensor.from(row(i)));
  const output = Tensor.zeros('float32', [2]);
  // Same promise shape as a real predict (settled a turn later), no batcher work.
  const standIn = () => new Promise<Tensor>((resolve) => setImmediate(resolve, output));
  const rounds = 200;
  const measure = async (predict: (r: Tensor) => Promise<Tensor>) => {
    const cpu = process.cpuUsage();
    for (let i = 0; i < rounds; i++) await Promise.all(rows.map(predict));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / (rounds * MAX_BATCH);
  };
  const predict = (r: Tensor) => batcher.predict(r);
  for (let i = 0; i < 100; i++) await Promise.all(rows.map(predict));
  await measure(standIn);
  const gross: number[] = [];
  const driver: number[] = [];
  for (let rep = 0; rep < 9; rep++) {
    gross.push(await measure(predict));
    driver.push(await measure(standIn));
  }
  await batcher.close();
  const g = median(gross);
  const d = median(driver);
  return { gross: g, driver: d, own: Math.max(0, g - d) };
}

/**
 * What one InvokeEndpoint call of a full 64-row .npy batch costs against a zero-cost endpoint: the
 * client's CPU (AWS SDK, signing, HTTP, sockets), the emulator process's CPU, and the round trip's
 * wall time. That round trip is the per-call price every batch pays on top of the model's compute.
 */
async function perCallCost(
  ai: AwsAI,
): Promise<{ clientUs: number; serverUs: number; roundTripMs: number }> {
  const batch = Tensor.from(new Float32Array(MAX_BATCH * WIDTH), { shape: [MAX_BATCH, WIDTH] });
  const call = () => ai.endpoints.invoke('free', batch);
  for (let i = 0; i < 50; i++) await call();
  const client: number[] = [];
  const server: number[] = [];
  const wall: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const calls = 60;
    await ai.endpoints.invoke('ctl-cpu', {});
    const cpu = process.cpuUsage();
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await call();
      wall.push(performance.now() - t0);
    }
    const used = process.cpuUsage(cpu);
    const srv = (await ai.endpoints.invoke<{ user: number; system: number }>('ctl-cpu', {})).body;
    client.push((used.user + used.system) / calls);
    server.push((srv.user + srv.system) / calls);
  }
  return { clientUs: median(client), serverUs: median(server), roundTripMs: median(wall) };
}

/**
 * The same batcher core over a plain `node:http` POST (no AWS SDK, no signing; the emulator does not
 * check signatures): what the scheduling reaches when a call costs only HTTP. A reference row, not
 * a way to call SageMaker.
 */
function plainHttpBatcher(endpoint: string, agent: Agent): DynamicBatcher {
  const url = new URL('/endpoints/bench/invocations', endpoint);
  const post = (body: Uint8Array) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-npy',
            accept: 'application/x-npy',
            'content-length': body.byteLength,
            authorization:
              'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return new DynamicBatcher({
    maxBatchSize: MAX_BATCH,
    reuseBatchBuffers: true,
    invoke: async (batch) => fromNpy(await post(batchToNpy(batch))),
  });
}

function stackBandwidthRatio(): number {
  const rows = Array.from({ length: 1024 }, (_, i) => Tensor.from(row(i)));
  const bytes = 1024 * WIDTH * 4;
  const source = Buffer.alloc(bytes, 1);
  const target = Buffer.alloc(bytes);
  const into = new Float32Array(1024 * WIDTH);
  const time = (fn: () => void) => {
    for (let i = 0; i < 5; i++) fn();
    const samples: number[] = [];
    for (let i = 0; i < 31; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const copy = time(() => source.copy(target));
  const packed = time(() => stack(rows, { into }));
  return copy / packed;
}

/** Batched and naive throughput/latency against the cost-model endpoint, as ratios in one run. */
export const batcher: Benchmark = {
  name: 'batcher',
  async run() {
    const { endpoint, child } = await startServer();
    try {
      const config = {
        region: 'us-east-1',
        endpoint,
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
        concurrency: 256,
      };
      const ai = new AwsAI(config);
      const rowTensor = Tensor.from(row(1), { shape: [1, WIDTH] });
      const naive = () => ai.endpoints.invoke('bench', rowTensor);
      const makeBatcher = () => ai.endpoints.batcher('bench', { maxBatchSize: MAX_BATCH });
      // Warm up the SDK client, the sockets and the JIT.
      await closedLoop(8, 300, naive);
      // Callers reuse one prepared row, as the naive callers reuse theirs: the loop measures the
      // path, not the making of test data.
      const data2 = row(2);
      const data3 = row(3);
      const data4 = row(4);
      const warm = makeBatcher();
      await closedLoop(64, 300, () => warm.predict(data2));
      await warm.close();

      const naive64 = await closedLoop(64, PHASE_MS, naive);
      const b64 = makeBatcher();
      const batched64 = await closedLoop(64, PHASE_MS, () => b64.predict(data3));
      const stats64 = b64.stats();
      await b64.close();
      // Triton's rule of thumb (concurrency = 2 × max batch × instances): with 64 callers and a
      // 64-row batch one batch is in flight at a time and the server idles during each round trip.
      const b128 = makeBatcher();
      const batched128 = await closedLoop(2 * MAX_BATCH, PHASE_MS, () => b128.predict(data3));
      const stats128 = b128.stats();
      await b128.close();
      const plainAgent = new Agent({ keepAlive: true });
      const bPlain = plainHttpBatcher(endpoint, plainAgent);
      await closedLoop(64, 300, () => bPlain.predict(data3));
      const plain64 = await closedLoop(64, PHASE_MS, () => bPlain.predict(data3));
      await bPlain.close();
      plainAgent.destroy();
      const perCall = await perCallCost(ai);
      // Little's law: 64 callers with one row each in flight can get at most 64 rows per
      // (compute of a 64-row batch + the per-call round trip), however the rows are scheduled.
      const bound64 = (64 / (SERVER_MS_64 + perCall.roundTripMs)) * 1000;

      // One caller, interleaved so that drift hits both alike; medians of 3 runs.
      const naive1: Phase[] = [];
      const batched1: Phase[] = [];
      const b1 = makeBatcher();
      for (let i = 0; i < 3; i++) {
        naive1.push(await closedLoop(1, 800, naive));
        batched1.push(await closedLoop(1, 800, () => b1.predict(data4)));
      }
      await b1.close();
      const med = (list: Phase[], key: keyof Phase) => median(list.map((p) => p[key]));

      const cpuBatcher = await batcherCpuPerRow();
      const stackRatio = stackBandwidthRatio();

      // Static shapes with 1 poison row per 1,000.
      const bs = ai.endpoints.batcher('static', {
        allowedBatchSizes: STATIC_SIZES,
        maxInFlight: 2,
        onFull: 'wait',
      });
      const total = 4000;
      const poisoned = new Set([499, 1499, 2499, 3499]);
      const results = await Promise.allSettled(
        Array.from({ length: total }, (_, i) => {
          const data = row(i + 10);
          if (poisoned.has(i)) data[0] = -1;
          return bs.predict(data);
        }),
      );
      const failedRows = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
      const staticStats = bs.stats();
      await bs.close();
      const serverStats = (
        await ai.endpoints.invoke<
          Record<string, { calls: number; shapeErrors: number; poisonCalls: number }>
        >('ctl-stats', {})
      ).body;
      const server = serverStats.static ?? { calls: 0, shapeErrors: 0, poisonCalls: 0 };

      const throughputRatio = batched64.rowsPerSec / naive64.rowsPerSec;
      const ceilingRatio = batched64.rowsPerSec / CEILING;
      const p99Ratio = batched64.p99 / naive64.p99;
      const p50Delta = med(batched1, 'p50') - med(naive1, 'p50');
      const loneRatio = med(batched1, 'rowsPerSec') / med(naive1, 'rowsPerSec');
      const onlyPoisonFailed =
        failedRows.length === poisoned.size && failedRows.every((i) => poisoned.has(i));
      // Each bisection step costs two calls in place of one.
      const extraCallsPerPoisonRow = (2 * staticStats.bisections) / poisoned.size;

      const fmt = (n: number, d = 2) => Number(n.toFixed(d));
      const rows: BenchRow[] = [
        {
          name: 'naive per-row calls, 64 callers (baseline)',
          'rows/s': fmt(naive64.rowsPerSec, 0),
          'p50 ms': fmt(naive64.p50),
          'p99 ms': fmt(naive64.p99),
          'client CPU µs/row': fmt(naive64.cpuUsPerRow, 1),
          ratio: 1,
        },
        {
          name: 'batcher, 64 callers',
          'rows/s': fmt(batched64.rowsPerSec, 0),
          'p50 ms': fmt(batched64.p50),
          'p99 ms': fmt(batched64.p99),
          'client CPU µs/row': fmt(batched64.cpuUsPerRow, 1),
          ratio: fmt(throughputRatio),
          'of ceiling': fmt(ceilingRatio),
          'of bound': fmt(batched64.rowsPerSec / bound64),
          'p99 vs naive': fmt(p99Ratio, 3),
          'rows/call': fmt(stats64.rowsPerCall, 1),
          // Call latency above the simulated compute: SDK, HTTP and emulator time per round trip.
          'call overhead ms': fmt(stats64.callLatencyMs.p50 - SERVER_MS_64),
        },
        {
          name: `batcher, ${2 * MAX_BATCH} callers (2 × maxBatchSize)`,
          'rows/s': fmt(batched128.rowsPerSec, 0),
          'p50 ms': fmt(batched128.p50),
          'p99 ms': fmt(batched128.p99),
          'client CPU µs/row': fmt(batched128.cpuUsPerRow, 1),
          'of ceiling': fmt(batched128.rowsPerSec / CEILING),
          'rows/call': fmt(stats128.rowsPerCall, 1),
        },
        {
          name: 'DynamicBatcher over plain node:http (no AWS SDK), 64 callers (reference)',
          'rows/s': fmt(plain64.rowsPerSec, 0),
          'p50 ms': fmt(plain64.p50),
          'p99 ms': fmt(plain64.p99),
          'client CPU µs/row': fmt(plain64.cpuUsPerRow, 1),
          'of ceiling': fmt(plain64.rowsPerSec / CEILING),
        },
        {
          name: `64 callers' bound: 64 rows / (${SERVER_MS_64} ms compute + one zero-cost round trip)`,
          'rows/s': fmt(bound64, 0),
          'of ceiling': fmt(bound64 / CEILING),
        },
        {
          name: `one InvokeEndpoint call of ${MAX_BATCH} rows, zero-cost endpoint (AWS SDK + HTTP)`,
          'round trip ms': fmt(perCall.roundTripMs, 3),
          'client CPU µs/call': fmt(perCall.clientUs, 0),
          'client CPU µs/row': fmt(perCall.clientUs / MAX_BATCH, 1),
          'emulator CPU µs/call': fmt(perCall.serverUs, 0),
        },
        {
          name: 'naive, 1 caller',
          'rows/s': fmt(med(naive1, 'rowsPerSec'), 0),
          'p50 ms': fmt(med(naive1, 'p50'), 3),
          'p99 ms': fmt(med(naive1, 'p99')),
          ratio: 1,
        },
        {
          name: 'batcher, 1 caller',
          'rows/s': fmt(med(batched1, 'rowsPerSec'), 0),
          'p50 ms': fmt(med(batched1, 'p50'), 3),
          'p99 ms': fmt(med(batched1, 'p99')),
          ratio: fmt(loneRatio, 3),
          'p50 delta ms': fmt(p50Delta, 3),
        },
        {
          name: 'batcher path CPU (stack + .npy encode/decode + split + scheduling), µs/row',
          'client CPU µs/row': fmt(cpuBatcher.own, 3),
          'with driver loop µs/row': fmt(cpuBatcher.gross, 3),
          'driver loop alone µs/row': fmt(cpuBatcher.driver, 3),
        },
        {
          name: 'stack 1024 × 512 f32 into a reused buffer vs Buffer.copy',
          ratio: fmt(stackRatio, 3),
        },
        {
          name: `static sizes ${STATIC_SIZES.join('/')}, ${total} rows, ${poisoned.size} poison`,
          'shape errors (424 ModelError)': server.shapeErrors,
          'failed rows': failedRows.length,
          'only poison rows failed': String(onlyPoisonFailed),
          calls: staticStats.calls,
          bisections: staticStats.bisections,
          'extra calls per poison row': fmt(extraCallsPerPoisonRow, 1),
          'bound 2·log2(32)': 10,
          'pad fraction': fmt(staticStats.padFraction, 3),
        },
      ];
      const checks = {
        throughput10x: throughputRatio >= 10,
        ceiling075: ceilingRatio >= 0.75,
        p99: p99Ratio <= 0.1,
        loneP50: p50Delta <= 0.5,
        loneThroughput: loneRatio >= 0.95,
        cpu: cpuBatcher.own <= 2,
        stack: stackRatio >= 0.25,
        static: server.shapeErrors === 0 && onlyPoisonFailed,
        bisectionBound: extraCallsPerPoisonRow <= 2 * Math.log2(32),
      };
      rows.push({
        name: 'checks',
        ...Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, String(v)])),
      });
      const result = {
        name: 'batcher',
        description:
          `Built emulator (plain node, no call records) in its own process: ${FIXED_MS} ms per call + ${PER_ROW_US} µs per row, 1 execution slot, ` +
          `${WIDTH}-float32 rows as .npy; batcher maxBatchSize ${MAX_BATCH}, maxInFlight 2, no delay; ` +
          `${PHASE_MS} ms closed-loop phases; ceiling ${CEILING.toFixed(0)} rows/s. Client CPU per row of the batcher's ` +
          'own path is measured without network (driver loop subtracted); the AWS SDK cost per call is its own row. ' +
          "'of bound': 64 callers can get at most 64 rows per (compute + round trip), the round trip measured hot and alone.",
        rows,
        goal:
          '64 callers: ≥10× naive rows/s, ≥0.75× ceiling, p99 ≤0.1× naive; 1 caller: p50 ≤ naive+0.5 ms, ≥0.95× rows/s; ' +
          'batcher CPU ≤2 µs/row; stack ≥25% of Buffer.copy; static: 0 shape errors, only poison rows fail',
        met: Object.values(checks).every(Boolean),
      };
      return result;
    } finally {
      child.stdin?.end();
      child.kill();
    }
  },
};
