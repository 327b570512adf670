import { fromCsv, toCsv } from '../../tensor/csv-codec';
import { fromJson, fromJsonLines, toJsonLines } from '../../tensor/json-codec';
import { fromNpy, toNpy } from '../../tensor/npy';
import { Tensor } from '../../tensor/tensor';
import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler, HandlerContext } from '../types';
import { echoInvocation } from './sagemaker-echo';
import { checkInvokeHeaders } from './sagemaker-runtime';

/**
 * The simulated model behind one endpoint name: what a call costs, what shapes it accepts and which
 * rows make it fail. Every row `r` is answered with `[sum(r), r[0]]` (float32), so a test can tell
 * whose output it got.
 */
export interface SageMakerModelConfig {
  /** Fixed cost of one call, in ms. @default 0 */
  fixedMs?: number | undefined;
  /** Cost of each row, in µs. @default 0 */
  perRowUs?: number | undefined;
  /** Calls executed at once; the others wait in line. @default 1 */
  concurrency?: number | undefined;
  /** Compiled batch sizes (Neuron): the container refuses any other row count (424 ModelError, its status 400). */
  allowedBatchSizes?: readonly number[] | undefined;
  /** Compiled sequence lengths: the container refuses any other length of axis 1 (424 ModelError, its status 400). */
  sequenceLengths?: readonly number[] | undefined;
  /** A row whose first element equals this makes the whole call fail with 424 ModelError. */
  poisonValue?: number | undefined;
  /** A row whose first element equals this fails alone: the answer is JSON with an `errors` list. */
  rowErrorValue?: number | undefined;
  /** Bodies above this answer 400 ValidationError, as SageMaker does above 6 MiB. @default 6,291,456 */
  maxBodyBytes?: number | undefined;
  /** Spin the last millisecond of the simulated time for sub-ms accuracy (benchmarks). @default false */
  precise?: boolean | undefined;
}

/** What one simulated endpoint saw. */
export interface SageMakerModelStats {
  calls: number;
  /** Rows of calls that were answered (failed calls excluded). */
  rows: number;
  /** Calls the container refused because of their shape. */
  shapeErrors: number;
  /** Calls failed with 424 because of a poison row. */
  poisonCalls: number;
  /** Row counts of every call, in arrival order. */
  batchSizes: number[];
}

/** A handler for `InvokeEndpoint` that simulates the configured endpoints; see {@link sageMakerModels}. */
export type SageMakerModelHandler = Handler & {
  /** Counters per endpoint name. */
  readonly stats: Readonly<Record<string, SageMakerModelStats>>;
  /** Zeroes the counters. */
  resetStats(): void;
};

const MAX_BODY = 6_291_456;

class Lane {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  constructor(readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((r) => this.#waiting.push(r));
    this.#active++;
    try {
      return await fn();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}

function wait(ms: number, precise: boolean): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  if (!precise) return new Promise((r) => setTimeout(r, ms));
  const until = performance.now() + ms;
  return new Promise((resolve) => {
    const spin = (): void => {
      const left = until - performance.now();
      if (left <= 0) resolve();
      else if (left > 1.5) setTimeout(spin, left - 1.2);
      else setImmediate(spin);
    };
    spin();
  });
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return new Uint8Array(Buffer.from(typeof value === 'string' ? value : ''));
}

/**
 * What SageMaker answers when the container refuses a request: the container's own status and
 * message wrapped in a 424 ModelError (SageMaker's ValidationError is for what SageMaker itself
 * checks: the body size, the headers), in SageMaker's standard wording.
 */
function containerRefused(name: string, status: number, message: string): EmulatorError {
  return new EmulatorError(
    'ModelError',
    `Received client error (${status}) from primary with message "${message}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/${name} in account 123456789012 for more information.`,
    424,
  );
}

function decode(body: Uint8Array, contentType: string, name: string): Tensor {
  const type = contentType.toLowerCase();
  try {
    if (type.includes('x-npy')) return fromNpy(body);
    if (type.includes('jsonlines')) return fromJsonLines(body);
    if (type.includes('json')) return fromJson(body);
    if (type.includes('csv')) return fromCsv(body);
  } catch (err) {
    throw new EmulatorError(
      'ModelError',
      `Received client error (400) from primary with message "could not parse the ${contentType} body: ${(err as Error).message}"`,
      424,
    );
  }
  throw containerRefused(name, 415, `emulated model cannot read ${contentType}`);
}

function firstOf(batch: Tensor, row: number, rowSize: number): number {
  return Number(batch.data[row * rowSize]);
}

function answer(
  batch: Tensor,
  accept: string,
  contentType: string,
  failed: ReadonlyMap<number, string>,
): { Body: Uint8Array; ContentType: string } {
  const rows = batch.shape[0] ?? 1;
  const rowSize = rows === 0 ? 0 : batch.size / rows;
  const out = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = 0; i < rowSize; i++) sum += Number(batch.data[r * rowSize + i]);
    out[r * 2] = sum;
    out[r * 2 + 1] = firstOf(batch, r, rowSize);
  }
  const output = new Tensor('float32', [rows, 2], out);
  const type = (accept || contentType).toLowerCase();
  if (failed.size > 0 || (type.includes('json') && !type.includes('jsonlines'))) {
    const predictions = (output.toArray() as number[][]).map((p, i) => (failed.has(i) ? null : p));
    const errors = [...failed].map(([index, message]) => ({ index, message }));
    const json = failed.size > 0 ? { predictions, errors } : { predictions };
    return { Body: Buffer.from(JSON.stringify(json)), ContentType: 'application/json' };
  }
  if (type.includes('jsonlines')) {
    return { Body: Buffer.from(toJsonLines(output)), ContentType: 'application/jsonlines' };
  }
  if (type.includes('csv')) return { Body: Buffer.from(toCsv(output)), ContentType: 'text/csv' };
  return { Body: toNpy(output), ContentType: 'application/x-npy' };
}

function emptyStats(): SageMakerModelStats {
  return { calls: 0, rows: 0, shapeErrors: 0, poisonCalls: 0, batchSizes: [] };
}

/**
 * An `InvokeEndpoint` handler that simulates models per endpoint name, with a cost model (fixed ms
 * per call + µs per row, a number of concurrent executions), static compiled shapes whose container
 * refuses others (424 ModelError, as SageMaker wraps a container's 400), poison rows failing the call
 * with 424, per-row errors and 400 ValidationError above 6 MiB. Endpoints not
 * configured get the default echo model.
 *
 * @example
 * ```ts
 * const model = sageMakerModels({ 'inf2-bert': { fixedMs: 5, perRowUs: 50, allowedBatchSizes: [4, 8] } });
 * emu.handle('sagemaker-runtime', 'InvokeEndpoint', model);
 * // ... model.stats['inf2-bert'].batchSizes
 * ```
 */
export function sageMakerModels(
  endpoints: Readonly<Record<string, SageMakerModelConfig>>,
): SageMakerModelHandler {
  const lanes = new Map<string, Lane>();
  const stats: Record<string, SageMakerModelStats> = {};
  for (const name of Object.keys(endpoints)) stats[name] = emptyStats();

  const handler = async (input: EmulatorInput, _ctx: HandlerContext) => {
    checkInvokeHeaders(input, 'InvokeEndpoint');
    const name = String(input.EndpointName);
    const config = endpoints[name];
    const body = bytesOf(input.Body);
    const contentType = String(input.ContentType ?? '');
    const variant = typeof input.TargetVariant === 'string' ? input.TargetVariant : 'AllTraffic';
    if (!config) {
      const echo = echoInvocation(body, contentType);
      return { Body: echo.body, ContentType: echo.contentType, InvokedProductionVariant: variant };
    }
    stats[name] ??= emptyStats();
    const stat = stats[name];
    stat.calls++;
    if (body.byteLength > (config.maxBodyBytes ?? MAX_BODY)) {
      // SageMaker Runtime's model answers a body over its limit with ValidationError (400).
      throw new EmulatorError(
        'ValidationError',
        `Request body of ${body.byteLength} bytes exceeds the limit of ${config.maxBodyBytes ?? MAX_BODY} bytes`,
        400,
      );
    }
    const batch = decode(body, contentType, name);
    const rows = batch.rank === 0 ? 1 : (batch.shape[0] as number);
    stat.batchSizes.push(rows);
    if (config.allowedBatchSizes && !config.allowedBatchSizes.includes(rows)) {
      stat.shapeErrors++;
      throw containerRefused(
        name,
        400,
        `model compiled for batch sizes [${config.allowedBatchSizes.join(', ')}], got ${rows}`,
      );
    }
    const seq = batch.shape[1];
    if (config.sequenceLengths && (seq === undefined || !config.sequenceLengths.includes(seq))) {
      stat.shapeErrors++;
      throw containerRefused(
        name,
        400,
        `model compiled for sequence lengths [${config.sequenceLengths.join(', ')}], got ${seq}`,
      );
    }
    const rowSize = rows === 0 ? 0 : batch.size / rows;
    const failed = new Map<number, string>();
    for (let r = 0; r < rows; r++) {
      const first = firstOf(batch, r, rowSize);
      if (config.poisonValue !== undefined && first === config.poisonValue) {
        stat.poisonCalls++;
        throw new EmulatorError(
          'ModelError',
          `Received server error (500) from primary with message "poison row at index ${r}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/${name} in account 123456789012 for more information.`,
          424,
        );
      }
      if (config.rowErrorValue !== undefined && first === config.rowErrorValue) {
        failed.set(r, `row ${r} could not be scored`);
      }
    }
    let lane = lanes.get(name);
    if (!lane) {
      lane = new Lane(Math.max(1, config.concurrency ?? 1));
      lanes.set(name, lane);
    }
    const cost = (config.fixedMs ?? 0) + (rows * (config.perRowUs ?? 0)) / 1000;
    // The simulated time covers the model's own work (computing and encoding the answer), as a real
    // container's latency does; reading the request happens before, like a serving front end's.
    const out = await lane.run(async () => {
      const started = performance.now();
      const encoded = answer(batch, String(input.Accept ?? ''), contentType, failed);
      await wait(cost - (performance.now() - started), config.precise ?? false);
      return encoded;
    });
    stat.rows += rows;
    return { ...out, InvokedProductionVariant: variant };
  };
  return Object.assign(handler, {
    stats,
    resetStats() {
      for (const name of Object.keys(stats)) stats[name] = emptyStats();
    },
  });
}
