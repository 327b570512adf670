import { AbortError, TimeoutError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const longText = Array.from({ length: 300 }, (_, i) => `Sentence ${i} is read aloud.`).join(' ');

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.byteLength;
  return bytes;
}

describe('speech.synthesizeStream: timeoutMs bounds the whole stream', () => {
  it('every piece slower than the deadline: TimeoutError from for-await, nothing sent after', async () => {
    emu.fault({ service: 'polly', operation: 'SynthesizeSpeech', kind: 'delay', delayMs: 600 });
    const start = performance.now();
    const err = await drain(client().speech.synthesizeStream(longText, { timeoutMs: 200 })).catch(
      (e: unknown) => e,
    );
    expect(TimeoutError.isInstance(err)).toBe(true);
    expect((err as TimeoutError).service).toBe('polly');
    expect(performance.now() - start).toBeLessThan(200 + 300);
    await new Promise((r) => setTimeout(r, 50));
    const seen = emu.calls.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(emu.calls.length).toBe(seen);
  });

  it('the client timeoutMs applies too, and the caller signal gives an AbortError', async () => {
    emu.fault({ service: 'polly', operation: 'SynthesizeSpeech', kind: 'delay', delayMs: 600 });
    const timedOut = await drain(
      client({ timeoutMs: 150 }).speech.synthesizeStream(longText),
    ).catch((e: unknown) => e);
    expect(TimeoutError.isInstance(timedOut)).toBe(true);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await drain(
      client().speech.synthesizeStream(longText, { signal: controller.signal }),
    ).catch((e: unknown) => e);
    expect(AbortError.isInstance(aborted)).toBe(true);
  });

  it('refuses a bad timeoutMs when called, before any request', () => {
    expect(() => client().speech.synthesizeStream('hi', { timeoutMs: -1 })).toThrow(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
