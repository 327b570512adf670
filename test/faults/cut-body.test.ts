/**
 * A body cut mid-way is never a success. Node ends an HTTP/2 response whose connection dropped as if
 * it were complete (core/body-end.ts), so a client that only reads until the end would return the
 * bytes so far: truncated audio, half a document. The emulator's `reset` fault with `afterBytes`
 * sends the answer's headers and its first bytes, then drops the connection. Every call either
 * retries the cut answer within its budget and returns the whole one, or fails typed.
 */
import { AwsAI, type AwsAIConfig, AwsAIError, ServiceError, StreamError } from 'aws-ai';
import type { FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5 } as const;
const CUT = 100;

/** Long enough that `CUT` bytes are a small part of any answer below. */
const AUDIO = new Uint8Array(200_000).map((_, i) => i % 251);

interface Case {
  name: string;
  service: NonNullable<FaultRule['service']>;
  operation: string;
  setup?: () => void;
  run: (ai: AwsAI) => Promise<unknown>;
  /** The whole answer, as the call returns it. */
  whole: (value: unknown) => void;
  config?: AwsAIConfig;
}

const cases: Case[] = [
  {
    name: 'speech.synthesize (Polly audio, HTTP/2)',
    service: 'polly',
    operation: 'SynthesizeSpeech',
    setup: () =>
      emu.handle('polly', 'SynthesizeSpeech', () => ({
        ContentType: 'audio/pcm',
        RequestCharacters: 12,
        AudioStream: AUDIO,
      })),
    run: (ai) => ai.speech.synthesize('Hello there.', { voice: 'Joanna', format: 'pcm' }),
    whole: (value) => expect((value as { audio: Uint8Array }).audio).toEqual(AUDIO),
  },
  {
    name: 'endpoints.invoke (SageMaker bytes, HTTP/1.1)',
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    setup: () =>
      emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
        Body: AUDIO,
        ContentType: 'application/octet-stream',
      })),
    run: (ai) =>
      ai.endpoints.invoke('churn', new Uint8Array([1, 2, 3]), {
        contentType: 'application/octet-stream',
        accept: 'application/octet-stream',
      }),
    whole: (value) => expect(new Uint8Array((value as { body: Uint8Array }).body)).toEqual(AUDIO),
  },
  {
    name: 'generative.generate (Converse JSON, HTTP/2)',
    service: 'bedrock-runtime',
    operation: 'Converse',
    run: (ai) => ai.generative.generate({ model: 'amazon.nova-lite-v1:0', prompt: 'Say hi' }),
    whole: (value) => expect((value as { text: string }).text.length).toBeGreaterThan(0),
  },
  {
    name: 'text.sentiment (Comprehend JSON, HTTP/1.1)',
    service: 'comprehend',
    operation: 'DetectSentiment',
    run: (ai) => ai.text.sentiment('The stay was lovely and the staff were kind.'),
    whole: (value) => expect((value as { sentiment: string }).sentiment).toBe('positive'),
  },
];

describe.each(cases)('$name: a body cut mid-way', (c) => {
  it('once: retried, the whole answer returned', async () => {
    c.setup?.();
    emu.fault({
      service: c.service,
      operation: c.operation,
      kind: 'reset',
      afterBytes: CUT,
      times: 1,
    });
    const value = await c.run(client({ retry: RETRY, ...c.config }));
    c.whole(value);
    expect(callsTo(emu, c.operation)).toHaveLength(2);
  });

  it('always: fails typed after retries + 1 requests, never a cut answer', async () => {
    c.setup?.();
    emu.fault({ service: c.service, operation: c.operation, kind: 'reset', afterBytes: CUT });
    const out = await c.run(client({ retry: RETRY, ...c.config })).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(out).not.toHaveProperty('value');
    const error = (out as { error: unknown }).error;
    expect(AwsAIError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ service: c.service, operation: c.operation, retryable: true });
    expect(callsTo(emu, c.operation)).toHaveLength(RETRY.retries + 1);
  });
});

describe('speech.synthesizeStream: the relayed audio cut mid-way', () => {
  it('never ends normally: a StreamError after the bytes that arrived', async () => {
    emu.handle('polly', 'SynthesizeSpeech', () => ({
      ContentType: 'audio/pcm',
      RequestCharacters: 12,
      AudioStream: AUDIO,
    }));
    emu.fault({ service: 'polly', operation: 'SynthesizeSpeech', kind: 'reset', afterBytes: CUT });
    const stream = client({ retry: RETRY }).speech.synthesizeStream('Hello there.', {
      voice: 'Joanna',
      format: 'pcm',
    });
    let bytes = 0;
    const error = await (async () => {
      for await (const chunk of stream) bytes += (chunk as Uint8Array).byteLength;
    })().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(StreamError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ service: 'polly', operation: 'SynthesizeSpeech' });
    expect(bytes).toBeLessThan(AUDIO.byteLength);
    expect(ServiceError.isInstance(error)).toBe(false);
  });
});

it('a client with no retries reports the cut as a retryable ServiceError', async () => {
  emu.handle('polly', 'SynthesizeSpeech', () => ({
    ContentType: 'audio/pcm',
    RequestCharacters: 12,
    AudioStream: AUDIO,
  }));
  emu.fault({ service: 'polly', operation: 'SynthesizeSpeech', kind: 'reset', afterBytes: CUT });
  const ai = new AwsAI({ ...emu.config, retry: { retries: 0 } });
  const error = await ai.speech
    .synthesize('Hello there.', { voice: 'Joanna', format: 'pcm' })
    .catch((e: unknown) => e);
  expect(ServiceError.isInstance(error)).toBe(true);
  expect(error).toMatchObject({ code: 'StreamInterrupted', retryable: true });
});
