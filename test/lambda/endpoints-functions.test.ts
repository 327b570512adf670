import { AbortError, AwsAI, TimeoutError, ValidationError } from 'aws-ai';
import {
  createEndpointsClient,
  EndpointModelError,
  type EndpointStreamEvent,
  Endpoints,
  invoke,
  invokeAsync,
  invokeStream,
} from 'aws-ai/endpoints';
import { Tensor } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const STAGING = { staging: { bucket: 'stage', prefix: 'in/' } };
const config = { ...emu.config, retry: FAST_RETRY, ...STAGING };
const client = () => createEndpointsClient(config);
const FAST_ASYNC = { pollIntervalMs: 5, maxPollIntervalMs: 10, pollTimeoutMs: 5_000 };
const PROMPT = { inputs: 'Once upon a time', stream: true };

async function collect(stream: AsyncIterable<EndpointStreamEvent>): Promise<EndpointStreamEvent[]> {
  const out: EndpointStreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

/** What a call settled with: its value, or its error's class, code and site. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (err) {
    const e = err as Error & { code?: string; service?: string; operation?: string };
    return { error: e.constructor, code: e.code, service: e.service, operation: e.operation };
  }
}

/** The SDK clients a module has made (the context's cache, shared with `ai` and the functions). */
function sdkClients(module: Endpoints): Map<string, unknown> {
  return (module as unknown as { ctx: { shared: { clients: Map<string, unknown> } } }).ctx.shared
    .clients;
}

describe('aws-ai/endpoints per-operation functions', () => {
  it('invoke answers like Endpoints.invoke: JSON, a Tensor, and a model error', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    const payload = { instances: [[1, 2, 3], [4]] };
    const options = { targetVariant: 'AllTraffic', customAttributes: 'trace=1' };
    const { requestId: a, ...viaFunction } = await invoke(sagemaker, 'churn', payload, options);
    const { requestId: b, ...viaMethod } = await module.invoke('churn', payload, options);
    expect(viaFunction).toEqual(viaMethod);
    expect(viaFunction.invokedVariant).toBe('AllTraffic');
    expect(a).toBeDefined();

    const row = Tensor.from([[0.5, 1.5]], { dtype: 'float32' });
    const tensor = await invoke<Tensor>(sagemaker, 'churn', row);
    expect(tensor.body).toBeInstanceOf(Tensor);
    expect(tensor.body.toArray()).toEqual(
      (await module.invoke<Tensor>('churn', row)).body.toArray(),
    );
    const [first, second] = callsTo(emu, 'InvokeEndpoint');
    expect(first?.input).toEqual(second?.input);
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(4);

    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => {
      throw emu.error('ModelError', 'Received client error (400) from primary', 424);
    });
    const failed = await invoke(sagemaker, 'broken', payload).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(EndpointModelError);
    expect(await outcome(() => invoke(sagemaker, 'broken', payload))).toEqual(
      await outcome(() => module.invoke('broken', payload)),
    );
  });

  it('invokeStream answers like Endpoints.invokeStream, one request per stream', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    const viaFunction = await collect(invokeStream(sagemaker, 'llm', PROMPT));
    expect(viaFunction.length).toBeGreaterThan(0);
    expect(viaFunction).toEqual(await collect(module.invokeStream('llm', PROMPT)));
    const bytes = { framing: 'bytes' } as const;
    expect(await collect(invokeStream(sagemaker, 'llm', PROMPT, bytes))).toEqual(
      await collect(module.invokeStream('llm', PROMPT, bytes)),
    );
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')).toHaveLength(4);
  });

  it('invokeAsync answers like Endpoints.invokeAsync: staged, polled, decoded', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    const payload = { inputs: [1, 2, 3] };
    const viaFunction = await invokeAsync(sagemaker, 'async-model', payload, {
      ...FAST_ASYNC,
      inferenceId: 'fn-1',
    });
    const viaMethod = await module.invokeAsync('async-model', payload, {
      ...FAST_ASYNC,
      inferenceId: 'method-1',
    });
    expect(viaFunction.body).toEqual(viaMethod.body);
    expect(viaFunction.inferenceId).toBe('fn-1');
    expect(viaFunction.outputLocation).toBe(viaMethod.outputLocation.replace('method-1', 'fn-1'));
    const [fn, method] = callsTo(emu, 'InvokeEndpointAsync');
    expect({ ...fn?.input, InferenceId: 0, InputLocation: 0 }).toEqual({
      ...method?.input,
      InferenceId: 0,
      InputLocation: 0,
    });
    // Each staged its input once and deleted it after.
    expect(callsTo(emu, 'PutObject')).toHaveLength(2);
    expect(callsTo(emu, 'DeleteObject')).toHaveLength(2);
  });

  it('take an Endpoints module or ai.endpoints and share its SDK client cache', async () => {
    const module = new Endpoints(config);
    await invoke(module, 'churn', { x: 1 });
    expect(sdkClients(module).size).toBe(1);
    await module.invoke('churn', { x: 1 });
    await collect(invokeStream(module, 'llm', PROMPT));
    expect(sdkClients(module).size).toBe(1); // the same SageMaker Runtime client

    const ai = new AwsAI(config);
    const viaAi = await invoke(ai.endpoints, 'churn', { x: 2 });
    expect(viaAi.body).toEqual((await ai.endpoints.invoke('churn', { x: 2 })).body);
    expect(sdkClients(ai.endpoints).size).toBe(1);
    expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(4);
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')).toHaveLength(1);
  });

  it('refuse a first argument that is not a client, before any request', async () => {
    const ai = new AwsAI(config);
    for (const bad of [undefined, null, {}, config, { ctx: {} }, [client()], ai, 'client']) {
      await expect(invoke(bad as never, 'churn', { x: 1 })).rejects.toBeInstanceOf(ValidationError);
      await expect(invokeAsync(bad as never, 'churn', { x: 1 })).rejects.toThrow(
        /EndpointsClient \(createEndpointsClient\) or an Endpoints module/,
      );
      expect(() => invokeStream(bad as never, 'llm', PROMPT)).toThrow(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('validate input and options like the methods, before any request', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    const big = new Uint8Array(6 * 1024 * 1024 + 1);
    for (const [endpoint, payload, options] of [
      [' ', { x: 1 }, {}],
      ['churn', big, {}],
      ['churn', { x: 1 }, { targetVariant: 'v'.repeat(64) }],
      ['churn', { x: 1 }, { timeoutMs: -1 }],
    ] as const) {
      const viaFunction = await outcome(() => invoke(sagemaker, endpoint, payload, options));
      expect(viaFunction).toMatchObject({ error: ValidationError });
      expect(viaFunction).toEqual(await outcome(() => module.invoke(endpoint, payload, options)));
    }
    expect(() => invokeStream(sagemaker, 'llm', PROMPT, { framing: 'xml' as never })).toThrow(
      ValidationError,
    );
    await expect(
      invokeAsync(createEndpointsClient(emu.config), 'async-model', { x: 1 }),
    ).rejects.toBeInstanceOf(ValidationError); // no staging for a payload to upload
    expect(emu.calls).toHaveLength(0);
  });

  it('timeoutMs bounds a function call as it bounds the method', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    emu.fault({ service: 'sagemaker-runtime', kind: 'delay', delayMs: 600 });
    const viaFunction = await outcome(() =>
      invoke(sagemaker, 'churn', { x: 1 }, { timeoutMs: 50 }),
    );
    expect(viaFunction).toMatchObject({ error: TimeoutError, operation: 'InvokeEndpoint' });
    expect(viaFunction).toEqual(
      await outcome(() => module.invoke('churn', { x: 1 }, { timeoutMs: 50 })),
    );
    await expect(
      collect(invokeStream(sagemaker, 'llm', PROMPT, { timeoutMs: 50 })),
    ).rejects.toBeInstanceOf(TimeoutError);
    await expect(
      invokeAsync(sagemaker, 'async-model', { x: 1 }, { ...FAST_ASYNC, timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('an abort stops a function call as it stops the method', async () => {
    const sagemaker = client();
    const module = new Endpoints(config);
    expect(
      await outcome(() => invoke(sagemaker, 'churn', { x: 1 }, { signal: AbortSignal.abort() })),
    ).toMatchObject({ error: AbortError });
    expect(emu.calls).toHaveLength(0);

    emu.fault({ service: 'sagemaker-runtime', kind: 'delay', delayMs: 600 });
    // A caller's own abort (AbortSignal.timeout's reason would make it a TimeoutError).
    const cut = () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      return { signal: controller.signal };
    };
    const viaFunction = await outcome(() => invoke(sagemaker, 'churn', { x: 1 }, cut()));
    expect(viaFunction).toMatchObject({ error: AbortError, operation: 'InvokeEndpoint' });
    expect(viaFunction).toEqual(await outcome(() => module.invoke('churn', { x: 1 }, cut())));
    await expect(collect(invokeStream(sagemaker, 'llm', PROMPT, cut()))).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});
