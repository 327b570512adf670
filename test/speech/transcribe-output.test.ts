import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError, AccessDeniedError, NotFoundError, ServiceError } from 'aws-ai';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

/**
 * Item 8a of issue 13: without staging, the transcript is downloaded from Transcribe's pre-signed URL.
 * A failed download is a typed AwsAIError (never `TypeError: fetch failed`), retried when it can
 * help (network failures, 5xx, a body cut mid-way), not retried for 404/403, and stopped by the call's
 * signal. The download uses `fetch`, not an SDK client, so the cut-answer middleware does not see it:
 * undici's own length and chunk checks do, and these tests hold it to that.
 */

const { emu, client } = await useEmulator();

const TRANSCRIPT = JSON.stringify({
  jobName: 'job',
  accountId: '123456789012',
  status: 'COMPLETED',
  results: {
    transcripts: [{ transcript: 'Hello.' }],
    items: [
      {
        type: 'pronunciation',
        start_time: '0.0',
        end_time: '0.4',
        alternatives: [{ confidence: '0.99', content: 'Hello' }],
      },
      { type: 'punctuation', alternatives: [{ confidence: '0.0', content: '.' }] },
    ],
  },
});

/** What the download server does with each request, in turn; the last entry repeats. */
let script: Array<'reset' | 'hang' | 'cut' | 'cut-chunked' | number> = [];
let requests = 0;
const server: Server = createServer((req, res) => {
  const step = script[Math.min(requests, script.length - 1)] ?? 200;
  requests++;
  if (step === 'reset') {
    req.socket.destroy();
    return;
  }
  if (step === 'hang') return;
  if (step === 'cut' || step === 'cut-chunked') {
    // Half the transcript, then the connection drops: with its length announced, or chunked.
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(step === 'cut' ? { 'content-length': String(Buffer.byteLength(TRANSCRIPT)) } : {}),
    });
    res.write(TRANSCRIPT.slice(0, TRANSCRIPT.length >> 1), () => req.socket.destroy());
    return;
  }
  res.writeHead(step, { 'content-type': 'application/json' });
  res.end(step === 200 ? TRANSCRIPT : '<Error>nope</Error>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** A completed job whose transcript sits behind a pre-signed URL on the download server. */
function completedJob() {
  emu.handle('transcribe', 'GetTranscriptionJob', (input) => ({
    TranscriptionJob: {
      TranscriptionJobName: input.TranscriptionJobName,
      TranscriptionJobStatus: 'COMPLETED',
      LanguageCode: 'en-US',
      Transcript: {
        TranscriptFileUri: `http://127.0.0.1:${port}/aws-transcribe-us-east-1-prod/job.json?X-Amz-Signature=secret-signature`,
      },
    },
  }));
}

beforeEach(() => {
  script = [];
  requests = 0;
  completedJob();
});

const fast = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } };

describe('speech.transcribe transcript download (no staging)', () => {
  it('retries a dropped connection and a 503, then parses the transcript', async () => {
    script = ['reset', 503, 200];
    const transcript = await client(fast).speech.transcribe('s3://media/a.mp3');
    expect(transcript.text).toBe('Hello.');
    expect(requests).toBe(3);
  });

  it.each(['cut', 'cut-chunked'] as const)(
    'a transcript cut mid-body (%s) is retried, never parsed as the whole file',
    async (cut) => {
      script = [cut, 200];
      const transcript = await client(fast).speech.transcribe('s3://media/a.mp3');
      expect(transcript.text).toBe('Hello.');
      expect(requests).toBe(2);
    },
  );

  it('a transcript that keeps arriving cut is a retryable ServiceError, not MalformedResponse', async () => {
    script = ['cut'];
    const err = await client(fast)
      .speech.transcribe('s3://media/a.mp3')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ service: 'transcribe', retryable: true });
    expect((err as ServiceError).code).not.toBe('MalformedResponse');
    expect(requests).toBe(3);
  });

  it('a connection that keeps failing is a retryable ServiceError, not TypeError: fetch failed', async () => {
    script = ['reset'];
    const err = await client(fast)
      .speech.transcribe('s3://media/a.mp3')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ service: 'transcribe', retryable: true });
    expect(requests).toBe(3);
    expect(String((err as Error).message)).not.toContain('secret-signature');
  });

  it.each([
    [404, NotFoundError],
    [403, AccessDeniedError],
  ] as const)('HTTP %i is a %s, not retried', async (status, type) => {
    script = [status];
    const err = await client(fast)
      .speech.transcribe('s3://media/a.mp3')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ service: 'transcribe', statusCode: status, retryable: false });
    expect(requests).toBe(1);
  });

  it("honours the call's signal during the download", async () => {
    script = ['hang'];
    const controller = new AbortController();
    const pending = client(fast).speech.transcribe('s3://media/a.mp3', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(callsTo(emu, 'GetTranscriptionJob')).toHaveLength(1);
  });
});
