import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { useEmulator } from '../helpers/emulator';
import { mp4 } from '../vision/images';

/**
 * Item 9 of issue 13: polling options are read only once a job runs, after the media was staged;
 * they are checked before any side effect, so a bad one uploads nothing and starts nothing.
 */

const { emu, client } = await useEmulator();
const ai = () => client({ staging: { bucket: 'stage' } });
const audio = new Uint8Array(Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'));

describe('bad polling options are refused before the upload', () => {
  it.each([
    [
      'documents poll.intervalMs: -1',
      () => ai().documents.text(pdf(2), { poll: { intervalMs: -1 } }),
      /poll\.intervalMs/,
    ],
    [
      'documents poll.timeoutMs: NaN',
      () => ai().documents.analyze(pdf(2), { tables: true, poll: { timeoutMs: Number.NaN } }),
      /poll\.timeoutMs/,
    ],
    [
      'documents poll.intervalMs: Infinity',
      () => ai().documents.text(pdf(2), { poll: { intervalMs: Number.POSITIVE_INFINITY } }),
      /poll\.intervalMs/,
    ],
    [
      'transcribe pollIntervalMs: -1',
      () => ai().speech.transcribe(audio, { format: 'mp3', pollIntervalMs: -1 }),
      /pollIntervalMs/,
    ],
    [
      'video polling.intervalMs: -1',
      () => ai().vision.video.labels(mp4(), { polling: { intervalMs: -1 } }),
      /polling\.intervalMs/,
    ],
    [
      'video polling.maxIntervalMs: -5',
      () => ai().vision.video.start('labels', mp4(), { polling: { maxIntervalMs: -5 } }),
      /polling\.maxIntervalMs/,
    ],
    [
      'invokeAsync pollIntervalMs: -1',
      () => ai().endpoints.invokeAsync('m', { a: 1 }, { pollIntervalMs: -1 }),
      /pollIntervalMs/,
    ],
    [
      'invokeAsync pollTimeoutMs: -1',
      () => ai().endpoints.invokeAsync('m', { a: 1 }, { pollTimeoutMs: -1 }),
      /pollTimeoutMs/,
    ],
  ] as const)('%s', async (_, run, message) => {
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
    expect(emu.calls).toHaveLength(0);
  });
});
