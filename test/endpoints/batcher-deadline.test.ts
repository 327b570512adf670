import { TimeoutError } from 'aws-ai';
import { type EmulatorInput, type HandlerContext, sageMakerModels } from 'aws-ai/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

let release: () => void = () => {};
afterEach(() => release());

describe("endpoints.batcher: the client's timeoutMs bounds a row waiting for room", () => {
  it("onFull: 'wait': TimeoutError naming the call, and the row is never sent", async () => {
    const model = sageMakerModels({ m: {} });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    emu.handle(
      'sagemaker-runtime',
      'InvokeEndpoint',
      async (input: EmulatorInput, ctx: HandlerContext) => {
        await gate;
        return model(input, ctx);
      },
    );
    // Only the waiting row goes by the client's deadline; the others carry their own, longer one.
    const batcher = client({ timeoutMs: 200 }).endpoints.batcher('m', {
      maxInFlight: 1,
      maxBatchSize: 1,
      maxQueuedRows: 1,
      onFull: 'wait',
      callTimeoutMs: 60_000,
    });
    const own = { timeoutMs: 60_000 };
    const first = batcher.predict([1, 2], own);
    await vi.waitFor(() => expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1));
    const queued = batcher.predict([3, 4], own);
    // Was: this row waited for room for as long as the endpoint took, past the client's deadline.
    const waiting = await batcher.predict([5, 6]).catch((e: unknown) => e);
    expect(waiting).toBeInstanceOf(TimeoutError);
    expect(waiting).toMatchObject({ service: 'sagemaker-runtime', operation: 'InvokeEndpoint' });
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
    release();
    expect((await Promise.all([first, queued])).map((t) => t.data[1])).toEqual([1, 3]);
    await batcher.close();
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(2);
  });
});
