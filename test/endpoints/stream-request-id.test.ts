import { StreamError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

describe('endpoints.invokeStream: a mid-stream error names its request', () => {
  it('carries the request id of the stream it cut, like every AwsAIError', async () => {
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
      kind: 'stream-error',
      afterEvents: 1,
    });
    const err = await (async () => {
      for await (const _ of client().endpoints.invokeStream('tgi', { inputs: 'A story' })) {
        // read until the exception event
      }
    })().catch((e: unknown) => e);
    expect(StreamError.isInstance(err)).toBe(true);
    const [call] = callsTo(emu, 'InvokeEndpointWithResponseStream');
    expect((err as StreamError).requestId).toBe(call?.requestId);
    expect((err as StreamError).requestId).toMatch(/\S+/);
  });
});
