import {
  InvokeEndpointAsyncCommand,
  type InvokeEndpointAsyncCommandInput,
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/**
 * Values SageMaker Runtime's model refuses (sagemaker-runtime.json): SessionId
 * `^(NEW_SESSION)$|^[a-zA-Z0-9](-*[a-zA-Z0-9])*$` on InvokeEndpoint and without NEW_SESSION on
 * InvokeEndpointWithResponseStream; InferenceComponentName `^[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?$`.
 * (InferenceId's and TargetModel's `\A\S` is moot: HTTP trims a header's leading space.)
 */
const refusedByInvoke: Array<[string, Record<string, string>]> = [
  ['a session id with an underscore', { sessionId: 'my_session' }],
  ['a session id ending in a hyphen', { sessionId: 'session-' }],
  ['an inference component ending in a hyphen', { inferenceComponent: 'ic-' }],
  ['an inference component starting with a hyphen', { inferenceComponent: '-ic' }],
];

describe('endpoints: header values SageMaker refuses are refused before any request', () => {
  for (const [what, options] of refusedByInvoke) {
    it(`invoke: ${what}`, async () => {
      const err = await client()
        .endpoints.invoke('m', { x: 1 }, options)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ operation: 'InvokeEndpoint' });
      expect(String((err as Error).message)).toContain(Object.keys(options)[0]);
      expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(0);
    });
  }

  it("invokeStream: sessionId 'NEW_SESSION' (streams cannot open a session)", async () => {
    // Refused as the stream is made, as every bad option of invokeStream is.
    expect(() =>
      client().endpoints.invokeStream('m', { x: 1 }, { sessionId: 'NEW_SESSION' }),
    ).toThrow(/sessionId .*cannot open one/);
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')).toHaveLength(0);
  });

  it('invokeStream: targetModel, which InvokeEndpointWithResponseStream has no header for', async () => {
    // Was: accepted, then dropped by the SDK: the stream went to the endpoint's default model.
    expect(() =>
      client().endpoints.invokeStream('m', { x: 1 }, { targetModel: 'a.tar.gz' } as never),
    ).toThrow(ValidationError);
    expect(() =>
      client().endpoints.invokeStream('m', { x: 1 }, { targetModel: 'a.tar.gz' } as never),
    ).toThrow(/targetModel/);
    expect(callsTo(emu, 'InvokeEndpointWithResponseStream')).toHaveLength(0);
  });

  it('the batcher: a bad inference component when it is made', () => {
    expect(() => client().endpoints.batcher('m', { inferenceComponent: 'ic-' })).toThrow(
      ValidationError,
    );
  });
});

describe('the emulated SageMaker Runtime refuses them as SageMaker does', () => {
  const sdk = () => new SageMakerRuntimeClient({ ...emu.config, maxAttempts: 1 });
  const refused = async (send: Promise<unknown>) => {
    const err = (await send.catch((e: unknown) => e)) as {
      name?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return { name: err?.name, status: err?.$metadata?.httpStatusCode };
  };

  it('InvokeEndpoint: a bad SessionId or InferenceComponentName is a 400 ValidationError', async () => {
    for (const member of [{ SessionId: 'my_session' }, { InferenceComponentName: 'ic-' }]) {
      const out = await refused(
        sdk().send(
          new InvokeEndpointCommand({
            EndpointName: 'm',
            Body: Buffer.from('{}'),
            ContentType: 'application/json',
            ...member,
          }),
        ),
      );
      expect(out, JSON.stringify(member)).toEqual({ name: 'ValidationError', status: 400 });
    }
    const ok = await sdk().send(
      new InvokeEndpointCommand({
        EndpointName: 'm',
        Body: Buffer.from('{}'),
        ContentType: 'application/json',
        SessionId: 'NEW_SESSION',
        InferenceComponentName: 'ic-1',
      }),
    );
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });

  it("InvokeEndpointWithResponseStream: SessionId 'NEW_SESSION' is a 400 ValidationError", async () => {
    const out = await refused(
      sdk().send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: 'm',
          Body: Buffer.from('{}'),
          ContentType: 'application/json',
          SessionId: 'NEW_SESSION',
        }),
      ),
    );
    expect(out).toEqual({ name: 'ValidationError', status: 400 });
  });
});

describe('the emulated InvokeEndpointAsync refuses what SageMaker refuses', () => {
  const sdk = () => new SageMakerRuntimeClient({ ...emu.config, maxAttempts: 1 });
  const send = (input: Partial<InvokeEndpointAsyncCommandInput>) =>
    sdk()
      .send(
        new InvokeEndpointAsyncCommand({
          EndpointName: 'm',
          InputLocation: 's3://in/x.json',
          ContentType: 'application/json',
          ...input,
        }),
      )
      .then(
        (out) => out.$metadata.httpStatusCode,
        (e: { name?: string; $metadata?: { httpStatusCode?: number } }) =>
          `${e.name} ${e.$metadata?.httpStatusCode}`,
      );

  it('RequestTTLSeconds, InvocationTimeoutSeconds out of range and an InputLocation that is no URI', async () => {
    // Was: all accepted with 202.
    expect(await send({ RequestTTLSeconds: 59 })).toBe('ValidationError 400');
    expect(await send({ RequestTTLSeconds: 21_601 })).toBe('ValidationError 400');
    expect(await send({ InvocationTimeoutSeconds: 0 })).toBe('ValidationError 400');
    expect(await send({ InvocationTimeoutSeconds: 3_601 })).toBe('ValidationError 400');
    expect(await send({ InputLocation: 'ftp://in/x.json' })).toBe('ValidationError 400');
    expect(
      await send({
        RequestTTLSeconds: 60,
        InvocationTimeoutSeconds: 3_600,
        InputLocation: 's3://in/x',
      }),
    ).toBe(202);
  });
});
