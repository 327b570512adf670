import { request } from 'node:http';
import { connect } from 'node:http2';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  StartStreamTranscriptionCommand,
  TranscribeStreamingClient,
} from '@aws-sdk/client-transcribe-streaming';
import { AwsAI } from 'aws-ai';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ s3MaxObjectBytes: 8 * 1024 * 1024 });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

interface Upload {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Bytes written when the answer arrived. */
  sentAtAnswer: number;
  /** Bytes written in all. */
  sent: number;
}

/**
 * POSTs `total` bytes in 64 KiB chunks through a raw HTTP/1.1 request, waiting for each chunk to
 * drain, and stops writing once the answer has arrived (as a client that reads while it sends).
 */
function upload(
  path: string,
  headers: Record<string, string>,
  total: number,
  declareLength: boolean,
): Promise<Upload> {
  const url = new URL(emu.endpoint);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: Omit<Upload, 'sent'> | undefined;
    const req = request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path,
      headers: declareLength ? { ...headers, 'content-length': String(total) } : headers,
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        answered = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString('utf8'),
          sentAtAnswer: sent,
        };
        req.destroy();
        resolve({ ...answered, sent });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (sent < total && !answered && !req.destroyed) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= total && !answered) req.end();
    };
    pump();
  });
}

const JSON_TARGET = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'Comprehend_20171127.DetectSentiment',
};
const MB = 1024 * 1024;

describe('the emulator under abuse', () => {
  it('refuses a 200 MB body with a declared length at once, without reading it', async () => {
    const before = process.memoryUsage().rss;
    const res = await upload('/', JSON_TARGET, 200 * MB, true);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'RequestEntityTooLargeException' });
    // Answered long before the body finished: the client stopped after a few chunks.
    expect(res.sentAtAnswer).toBeLessThan(50 * MB);
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * MB);
  });

  it('refuses a chunked 200 MB body while it streams, past the service limit only', async () => {
    const before = process.memoryUsage().rss;
    const res = await upload('/', JSON_TARGET, 200 * MB, false);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'RequestEntityTooLargeException' });
    // Comprehend's limit is about 15 MiB: the answer came when little more than that was sent.
    expect(res.sentAtAnswer).toBeGreaterThan(14 * MB);
    expect(res.sentAtAnswer).toBeLessThan(60 * MB);
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * MB);
    // The emulator keeps serving.
    const ok = await fetch(emu.endpoint, {
      method: 'POST',
      headers: JSON_TARGET,
      body: JSON.stringify({ Text: 'I love it', LanguageCode: 'en' }),
    });
    expect(ok.status).toBe(200);
  });

  it("answers SageMaker's own ValidationError above its 6 MiB (+ margin) while streaming", async () => {
    const res = await upload(
      '/endpoints/e/invocations',
      { 'content-type': 'application/octet-stream' },
      100 * MB,
      false,
    );
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationError');
    expect(res.sentAtAnswer).toBeLessThan(40 * MB);
  });

  it('refuses an oversized body over HTTP/2 too (Bedrock, 40 MB declared)', async () => {
    const session = connect(emu.endpoint);
    const stream = session.request({
      ':method': 'POST',
      ':path': '/model/m/converse',
      'content-type': 'application/json',
      'content-length': String(40 * MB),
    });
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const answer = new Promise<{ status: number; type: unknown }>((resolve, reject) => {
      stream.on('response', (headers) =>
        resolve({ status: Number(headers[':status']), type: headers['x-amzn-errortype'] }),
      );
      stream.on('error', reject);
    });
    let answered = false;
    void answer.then(() => {
      answered = true;
    });
    const pump = () => {
      while (!answered && sent < 40 * MB && !stream.destroyed) {
        sent += chunk.byteLength;
        if (!stream.write(chunk)) {
          stream.once('drain', pump);
          return;
        }
      }
    };
    pump();
    const res = await answer;
    stream.close();
    session.close();
    expect(res).toEqual({ status: 413, type: 'RequestEntityTooLargeException' });
    expect(sent).toBeLessThan(20 * MB);
  });

  it("answers S3's EntityTooLarge above the object limit", async () => {
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'big', Body: new Uint8Array(9 * MB) })),
    ).rejects.toMatchObject({ name: 'EntityTooLarge', $metadata: { httpStatusCode: 400 } });
    s3.destroy();
  });

  it('reset() forgets S3 buckets and objects', async () => {
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
    emu.reset();
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    s3.destroy();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(emu.endpoint).hostname).toBe('127.0.0.1');
  });
});

describe('emulator fidelity', () => {
  it('Transcribe Streaming: the session id it makes up is a 36-character UUID', async () => {
    const client = new TranscribeStreamingClient({ ...emu.config, maxAttempts: 1 });
    async function* audio() {
      yield { AudioEvent: { AudioChunk: new Uint8Array(3200) } };
    }
    const out = await client.send(
      new StartStreamTranscriptionCommand({
        LanguageCode: 'en-US',
        MediaEncoding: 'pcm',
        MediaSampleRateHertz: 16000,
        AudioStream: audio(),
      }),
    );
    for await (const _ of out.TranscriptResultStream ?? []) {
      // drain
    }
    expect(out.SessionId).toMatch(
      /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/,
    );
    expect(out.SessionId).toHaveLength(36);
    client.destroy();
  });

  it('invokeAsync completes against the default InvokeEndpointAsync handler', async () => {
    const ai = new AwsAI({ ...emu.config, staging: { bucket: 'stage', prefix: 'in/' } });
    const result = await ai.endpoints.invokeAsync(
      'any-endpoint',
      { instances: [1, 2] },
      { pollIntervalMs: 5, maxPollIntervalMs: 10, pollTimeoutMs: 5000 },
    );
    expect(result.body).toMatchObject({ predictions: expect.any(Array) });
    expect(result.outputLocation).toMatch(/^s3:\/\/emulator-async\/any-endpoint\/output\//);
  });

  it('invokeAsync fails with the failure object the default handler writes', async () => {
    const ai = new AwsAI({ ...emu.config, staging: { bucket: 'stage', prefix: 'in/' } });
    await expect(
      ai.endpoints.invokeAsync('any-endpoint', new TextEncoder().encode('{not json'), {
        contentType: 'application/json',
        pollIntervalMs: 5,
        maxPollIntervalMs: 10,
        pollTimeoutMs: 5000,
      }),
    ).rejects.toMatchObject({ name: 'EndpointAsyncError', code: 'AsyncInferenceFailed' });
  });
});
