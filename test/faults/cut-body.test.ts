/**
 * Audio relayed as it arrives, cut mid-way, never ends normally. Node ends an HTTP/2 response whose
 * connection dropped as if it were complete (core/body-end.ts); the emulator's `reset` fault with
 * `afterBytes` sends the answer's headers and its first bytes, then drops the connection. Answers
 * read whole (Polly's audio among them) are covered by cut-body-every-client.test.ts.
 */
import { AwsAI, ServiceError, StreamError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5 } as const;
const CUT = 100;

/** Long enough that `CUT` bytes are a small part of any answer below. */
const AUDIO = new Uint8Array(200_000).map((_, i) => i % 251);

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
