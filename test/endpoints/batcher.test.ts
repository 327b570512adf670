import { AbortError, ServiceError, ValidationError } from 'aws-ai';
import { EndpointModelError, QueueFullError } from 'aws-ai/endpoints';
import { fromNpy, Tensor, toNpy } from 'aws-ai/tensor';
import {
  type EmulatorInput,
  type HandlerContext,
  type SageMakerModelConfig,
  sageMakerModels,
} from 'aws-ai/testing';
import { describe, expect, it, vi } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** A 4-float row whose first element identifies it; the model answers `[sum, first]`. */
const row = (id: number, width = 4) => {
  const data = new Float32Array(width).fill(1);
  data[0] = id;
  return data;
};
const idOf = (out: Tensor) => Number(out.data[1]);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function install(config: SageMakerModelConfig = {}) {
  const model = sageMakerModels({ m: config });
  emu.handle('sagemaker-runtime', 'InvokeEndpoint', model);
  return model;
}

/** The model behind a gate: the first `held` calls wait until `release()`. */
function installGated(held: number, config: SageMakerModelConfig = {}) {
  const model = sageMakerModels({ m: config });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let seen = 0;
  emu.handle(
    'sagemaker-runtime',
    'InvokeEndpoint',
    async (input: EmulatorInput, ctx: HandlerContext) => {
      if (seen++ < held) await gate;
      return model(input, ctx);
    },
  );
  return { model, release };
}

const sizes = (model: ReturnType<typeof install>) => model.stats.m?.batchSizes ?? [];
const invocations = () => callsTo(emu, 'InvokeEndpoint').length;

describe('endpoints.batcher scheduling', () => {
  it('sends rows submitted in the same turn as one .npy call and routes each output to its row', async () => {
    const model = install();
    const batcher = client().endpoints.batcher('m');
    const outs = await Promise.all([1, 2, 3, 4, 5].map((id) => batcher.predict(row(id))));
    expect(outs.map(idOf)).toEqual([1, 2, 3, 4, 5]);
    expect(outs[0]?.toArray()).toEqual([4, 1]);
    expect(sizes(model)).toEqual([5]);
    expect(callsTo(emu, 'InvokeEndpoint')[0]?.input).toMatchObject({
      ContentType: 'application/x-npy',
      Accept: 'application/x-npy',
    });
  });

  it('sends a lone row at once, alone (no timer by default)', async () => {
    const model = install();
    const batcher = client().endpoints.batcher('m');
    const out = await batcher.predict(row(7));
    expect(idOf(out)).toBe(7);
    expect(sizes(model)).toEqual([1]);
  });

  it('batches the rows that arrive while every slot is busy into the next call', async () => {
    const { model, release } = installGated(1);
    const batcher = client().endpoints.batcher('m', { maxInFlight: 1 });
    const first = batcher.predict(row(1));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    const later: Promise<Tensor>[] = [];
    for (const id of [2, 3, 4]) {
      later.push(batcher.predict(row(id)));
      await tick();
    }
    expect(invocations()).toBe(1);
    release();
    const outs = await Promise.all([first, ...later]);
    expect(outs.map(idOf)).toEqual([1, 2, 3, 4]);
    expect(sizes(model)).toEqual([1, 3]);
  });

  it('keeps maxInFlight calls running at once', async () => {
    const { model, release } = installGated(2);
    const batcher = client().endpoints.batcher('m', { maxInFlight: 2 });
    const a = batcher.predict(row(1));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    const b = batcher.predict(row(2));
    await vi.waitFor(() => expect(invocations()).toBe(2));
    const rest = [3, 4, 5].map((id) => batcher.predict(row(id)));
    await tick();
    await tick();
    expect(invocations()).toBe(2);
    expect(batcher.inFlight).toBe(2);
    release();
    await Promise.all([a, b, ...rest]);
    expect(sizes(model)).toEqual([1, 1, 3]);
  });

  it('caps calls at maxBatchSize rows', async () => {
    const model = install();
    const batcher = client().endpoints.batcher('m', { maxBatchSize: 4 });
    const outs = await batcher.predictMany(Array.from({ length: 10 }, (_, i) => row(i)));
    expect(outs.map(idOf)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...sizes(model)].sort()).toEqual([2, 4, 4]);
  });

  it('caps calls at the 6 MiB body', async () => {
    const model = install();
    const batcher = client().endpoints.batcher('m', { maxBatchSize: 64, maxInFlight: 1 });
    const width = 262_144; // 1 MiB of float32 per row
    await batcher.predictMany(Array.from({ length: 7 }, (_, i) => row(i, width)));
    expect(sizes(model)).toEqual([5, 2]);
  });

  it('holds an under-full batch for maxDelayMs, and flush() sends it', async () => {
    const model = install();
    const batcher = client().endpoints.batcher('m', { maxDelayMs: 60_000, maxBatchSize: 8 });
    const pending = [batcher.predict(row(1)), batcher.predict(row(2))];
    await tick();
    await tick();
    expect(invocations()).toBe(0);
    await batcher.flush();
    expect((await Promise.all(pending)).map(idOf)).toEqual([1, 2]);
    expect(sizes(model)).toEqual([2]);
  });
});

describe('endpoints.batcher static shapes (Inferentia)', () => {
  it('only ever sends allowed batch sizes, padding with a real row and dropping padded outputs', async () => {
    const model = install({ allowedBatchSizes: [4, 8] });
    const batcher = client().endpoints.batcher('m', { allowedBatchSizes: [4, 8], maxInFlight: 1 });
    const outs = await batcher.predictMany(Array.from({ length: 11 }, (_, i) => row(i + 1)));
    expect(outs.map(idOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(sizes(model)).toEqual([8, 4]);
    expect(model.stats.m?.shapeErrors).toBe(0);
    const stats = batcher.stats();
    expect(stats.padFraction).toBeCloseTo(1 / 12);
    // The padding row repeats the last real row: the model saw row 11 twice in the second call.
    const body = callsTo(emu, 'InvokeEndpoint')[1]?.input.Body as Uint8Array;
    const sent = fromNpy(body);
    expect(sent.shape).toEqual([4, 4]);
    expect(sent.row(3).toArray()).toEqual(sent.row(2).toArray());
  });

  it('pads rows to a sequence bucket, never mixes buckets, and rejects too-long rows up front', async () => {
    const model = install({ sequenceLengths: [4, 8] });
    const batcher = client().endpoints.batcher('m', { sequenceBuckets: [4, 8], padValue: 0 });
    const ids = (n: number, first: number) =>
      Tensor.from(
        Array.from({ length: n }, (_, i) => (i === 0 ? first : 1)),
        { dtype: 'int32' },
      );
    expect(() => batcher.predict(ids(9, 1))).toThrow(ValidationError);
    const outs = await Promise.all([
      batcher.predict(ids(3, 10)),
      batcher.predict(ids(6, 20)),
      batcher.predict(ids(4, 30)),
    ]);
    // sum of the padded row (pad value 0) and its first token
    expect(outs.map((o) => o.toArray())).toEqual([
      [12, 10],
      [25, 20],
      [33, 30],
    ]);
    expect([...sizes(model)].sort()).toEqual([1, 2]);
    expect(model.stats.m?.shapeErrors).toBe(0);
    const shapes = callsTo(emu, 'InvokeEndpoint').map(
      (c) => fromNpy(c.input.Body as Uint8Array).shape,
    );
    expect(shapes).toEqual(
      expect.arrayContaining([
        [2, 4],
        [1, 8],
      ]),
    );
  });
});

describe('endpoints.batcher isolation', () => {
  it('bisects a 424 so that only the poison row fails, within 2·log2(B) extra calls', async () => {
    const model = install({ poisonValue: -1 });
    const batcher = client().endpoints.batcher('m', { maxBatchSize: 16 });
    const ids = Array.from({ length: 16 }, (_, i) => (i === 11 ? -1 : i + 1));
    const settled = await Promise.allSettled(ids.map((id) => batcher.predict(row(id))));
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([11]);
    const reason = (settled[11] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(EndpointModelError);
    expect(reason).toMatchObject({ statusCode: 424, originalStatusCode: 500 });
    expect((reason as EndpointModelError).originalMessage).toBe('poison row at index 0');
    expect(invocations()).toBeLessThanOrEqual(1 + 2 * Math.log2(16));
    expect(batcher.stats().bisections).toBeGreaterThan(0);
    expect(model.stats.m?.poisonCalls).toBeGreaterThan(0);
  });

  it('rejects only the rows a response marks as failed', async () => {
    install({ rowErrorValue: -2 });
    const batcher = client().endpoints.batcher('m');
    const settled = await Promise.allSettled([1, -2, 3].map((id) => batcher.predict(row(id))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ServiceError);
    expect(invocations()).toBe(1);
  });

  it('retries the whole batch after a 429 and after a dropped connection', async () => {
    const model = install();
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      kind: 'throttle',
      times: 1,
    });
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      kind: 'reset',
      times: 1,
    });
    const batcher = client().endpoints.batcher('m', { retryDelayMs: 1 });
    const outs = await Promise.all([1, 2, 3].map((id) => batcher.predict(row(id))));
    expect(outs.map(idOf)).toEqual([1, 2, 3]);
    expect(invocations()).toBe(3);
    expect(sizes(model)).toEqual([3]);
    expect(batcher.stats()).toMatchObject({ retries: 2, bisections: 0 });
  });

  it('retries a 5xx whole and gives up after `retries`', async () => {
    install();
    emu.fault({ service: 'sagemaker-runtime', operation: 'InvokeEndpoint', kind: 'server-error' });
    const batcher = client().endpoints.batcher('m', { retries: 2, retryDelayMs: 1 });
    const settled = await Promise.allSettled([1, 2].map((id) => batcher.predict(row(id))));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(invocations()).toBe(3);
  });

  it('fails every row of a batch whose answer has the wrong row count', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', (input) => {
      const batch = fromNpy(input.Body as Uint8Array);
      const rows = (batch.shape[0] as number) - 1;
      return {
        Body: toNpy(Tensor.zeros('float32', [rows, 2])),
        ContentType: 'application/x-npy',
      };
    });
    const batcher = client().endpoints.batcher('m');
    const settled = await Promise.allSettled([1, 2, 3].map((id) => batcher.predict(row(id))));
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toMatchObject({ code: 'BatchShapeMismatch' });
    }
    expect(String((settled[0] as PromiseRejectedResult).reason.message)).toMatch(
      /2 output rows for a batch of 3/,
    );
    expect(invocations()).toBe(1);
  });
});

describe('endpoints.batcher cancellation and backpressure', () => {
  it('never sends a row aborted while queued', async () => {
    const { model, release } = installGated(1);
    const batcher = client().endpoints.batcher('m', { maxInFlight: 1 });
    const a = batcher.predict(row(1));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    const controller = new AbortController();
    const b = batcher.predict(row(2), { signal: controller.signal });
    const c = batcher.predict(row(3));
    controller.abort();
    await expect(b).rejects.toBeInstanceOf(AbortError);
    release();
    expect((await Promise.all([a, c])).map(idOf)).toEqual([1, 3]);
    expect(sizes(model)).toEqual([1, 1]);
  });

  it('settles a row aborted in flight at once, and aborts the call only when all its rows are', async () => {
    const { release } = installGated(2);
    const batcher = client().endpoints.batcher('m', { maxInFlight: 1 });
    const ca = new AbortController();
    const a = batcher.predict(row(1), { signal: ca.signal });
    const b = batcher.predict(row(2));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    ca.abort();
    await expect(a).rejects.toBeInstanceOf(AbortError);
    expect(batcher.inFlight).toBe(1); // b still needs the call
    release();
    expect(idOf(await b)).toBe(2);

    const { release: release2 } = installGated(1);
    const cc = new AbortController();
    const c = batcher.predict(row(3), { signal: cc.signal });
    const d = batcher.predict(row(4), { signal: cc.signal });
    await vi.waitFor(() => expect(invocations()).toBe(2));
    cc.abort();
    await expect(c).rejects.toBeInstanceOf(AbortError);
    await expect(d).rejects.toBeInstanceOf(AbortError);
    // Every row gone: the HTTP call was aborted and its slot freed before the model answered.
    await vi.waitFor(() => expect(batcher.inFlight).toBe(0));
    release2();
  });

  it("throws QueueFullError synchronously when the queue is full and onFull is 'reject'", async () => {
    const { release } = installGated(1);
    const batcher = client().endpoints.batcher('m', { maxInFlight: 1, maxQueuedRows: 2 });
    const a = batcher.predict(row(1));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    const queued = [batcher.predict(row(2)), batcher.predict(row(3))];
    expect(() => batcher.predict(row(4))).toThrow(QueueFullError);
    expect(batcher.stats().rejects).toBe(1);
    release();
    await Promise.all([a, ...queued]);
    expect(invocations()).toBe(2);
  });

  it("waits for room with onFull: 'wait'", async () => {
    const { model, release } = installGated(1);
    const batcher = client().endpoints.batcher('m', {
      maxInFlight: 1,
      maxQueuedRows: 2,
      onFull: 'wait',
    });
    const a = batcher.predict(row(1));
    await vi.waitFor(() => expect(invocations()).toBe(1));
    const rest = [2, 3, 4, 5].map((id) => batcher.predict(row(id)));
    await tick();
    expect(batcher.pending).toBe(2);
    release();
    expect((await Promise.all([a, ...rest])).map(idOf)).toEqual([1, 2, 3, 4, 5]);
    expect(sizes(model).reduce((x, y) => x + y, 0)).toBe(5);
  });

  it('close() drains what is queued; close({ drain: false }) rejects it', async () => {
    install();
    const batcher = client().endpoints.batcher('m', { maxDelayMs: 60_000 });
    const p = batcher.predict(row(1));
    await batcher.close();
    expect(idOf(await p)).toBe(1);
    expect(() => batcher.predict(row(2))).toThrow(ValidationError);

    const other = client().endpoints.batcher('m', { maxDelayMs: 60_000 });
    const q = other.predict(row(3));
    await other.close({ drain: false });
    await expect(q).rejects.toBeInstanceOf(AbortError);
    expect(invocations()).toBe(1);
  });

  it('reports stats', async () => {
    install();
    const batcher = client().endpoints.batcher('m');
    await Promise.all([1, 2, 3, 4].map((id) => batcher.predict(row(id))));
    await batcher.predict(row(5));
    const s = batcher.stats();
    expect(s).toMatchObject({ rows: 5, succeeded: 5, failed: 0, calls: 2, rowsPerCall: 2.5 });
    expect(s.rowsPerCallHistogram).toEqual({ 1: 1, 4: 1 });
    expect(s.callLatencyMs.samples).toBe(2);
    expect(s.queueWaitMs.samples).toBe(5);
  });
});

describe('sageMakerModels', () => {
  it('names the invoked variant for simulated and echoed endpoints alike', async () => {
    install({ fixedMs: 0 });
    const ai = client();
    const simulated = await ai.endpoints.invoke('m', Tensor.from([[1, 2]]), {
      targetVariant: 'blue',
    });
    const echoed = await ai.endpoints.invoke('not-configured', { instances: [[1]] });
    expect(simulated.invokedVariant).toBe('blue');
    expect(echoed.invokedVariant).toBe('AllTraffic');
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(2);
  });
});
