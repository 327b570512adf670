import { connect } from 'node:net';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectSentimentCommand,
} from '@aws-sdk/client-comprehend';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { ListParallelDataCommand, TranslateClient } from '@aws-sdk/client-translate';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let emu: Emulator;
let comprehend: ComprehendClient;

beforeAll(async () => {
  emu = await startEmulator({ region: 'eu-west-1' });
  comprehend = new ComprehendClient({ ...emu.config, maxAttempts: 1 });
});
afterAll(async () => {
  comprehend.destroy();
  await emu.close();
});
beforeEach(() => emu.reset());

describe('startEmulator', () => {
  it('keeps no call records with recordCalls: false, and still serves handlers', async () => {
    const quiet = await startEmulator({ recordCalls: false });
    const client = new ComprehendClient({ ...quiet.config, maxAttempts: 1 });
    try {
      quiet.handle('comprehend', 'DetectDominantLanguage', () => ({
        Languages: [{ LanguageCode: 'fr', Score: 0.9 }],
      }));
      const out = await client.send(new DetectDominantLanguageCommand({ Text: 'bonjour' }));
      expect(out.Languages?.[0]?.LanguageCode).toBe('fr');
      await client.send(new DetectDominantLanguageCommand({ Text: 'salut' }));
      expect(quiet.calls).toHaveLength(0);
    } finally {
      client.destroy();
      await quiet.close();
    }
  });

  it('exposes plain config data', () => {
    expect(emu.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.config).toEqual({
      region: 'eu-west-1',
      endpoint: emu.endpoint,
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
  });

  it('lets handlers override defaults and throw AWS errors with emu.error', async () => {
    emu.handle('comprehend', 'DetectDominantLanguage', (input, ctx) => {
      expect(ctx).toMatchObject({ service: 'comprehend', operation: 'DetectDominantLanguage' });
      return { Languages: [{ LanguageCode: String(input.Text).slice(0, 2), Score: 0.5 }] };
    });
    const out = await comprehend.send(new DetectDominantLanguageCommand({ Text: 'xx yy' }));
    expect(out.Languages).toEqual([{ LanguageCode: 'xx', Score: 0.5 }]);

    emu.handle('comprehend', 'DetectSentiment', () => {
      throw emu.error('TextSizeLimitExceededException', 'too long', 400);
    });
    const err = await comprehend
      .send(new DetectSentimentCommand({ Text: 'x', LanguageCode: 'en' }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'TextSizeLimitExceededException',
      message: 'too long',
      $metadata: { httpStatusCode: 400, requestId: emu.calls[1]?.requestId },
    });
    expect(emu.calls[1]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers restJson errors with the right exception (Polly over HTTP/2)', async () => {
    const polly = new PollyClient({ ...emu.config, maxAttempts: 1 });
    await expect(
      polly.send(
        new SynthesizeSpeechCommand({
          Text: 'hi',
          VoiceId: 'Nobody' as 'Joanna',
          OutputFormat: 'mp3',
        }),
      ),
    ).rejects.toMatchObject({
      // Polly's model has no voice error: AWS's request validation refuses the enum value.
      name: 'ValidationException',
      message: expect.stringContaining("Value 'Nobody' at 'voiceId' failed to satisfy constraint"),
      $metadata: { httpStatusCode: 400 },
    });
    polly.destroy();
  });

  it('turns emu.error thrown before any event into an error answer, after events into a stream error', async () => {
    const bedrock = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
    const request = () =>
      bedrock.send(
        new ConverseStreamCommand({
          modelId: 'm',
          messages: [{ role: 'user', content: [{ text: 'x' }] }],
        }),
      );
    // An event source that fails on its first pull, before anything was streamed.
    emu.handle('bedrock-runtime', 'ConverseStream', () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(emu.error('ValidationException', 'bad model')),
      }),
    }));
    await expect(request()).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });

    emu.handle('bedrock-runtime', 'ConverseStream', async function* () {
      yield { messageStart: { role: 'assistant' } };
      throw emu.error('ThrottlingException', 'slow down mid-stream');
    });
    const out = await request();
    const events: unknown[] = [];
    const err = await (async () => {
      for await (const event of out.stream ?? []) events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toEqual([{ messageStart: { role: 'assistant' } }]);
    expect(err).toMatchObject({ name: 'ThrottlingException', message: 'slow down mid-stream' });
    bedrock.destroy();
  });

  it('names the missing handler for unknown operations', async () => {
    const translate = new TranslateClient({ ...emu.config, maxAttempts: 1 });
    const err = await translate.send(new ListParallelDataCommand({})).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'NotImplemented',
      message:
        'emulator has no handler for translate ListParallelData; add one with emu.handle(...)',
      $metadata: { httpStatusCode: 501 },
    });
    translate.destroy();
  });

  it('records calls in order and reset() forgets calls, faults and handlers', async () => {
    emu.handle('comprehend', 'DetectDominantLanguage', () => ({ Languages: [] }));
    emu.fault({ kind: 'delay', delayMs: 1 });
    await comprehend.send(new DetectDominantLanguageCommand({ Text: 'one' }));
    await comprehend.send(new DetectDominantLanguageCommand({ Text: 'two' }));
    expect(emu.calls.map((c) => c.input.Text)).toEqual(['one', 'two']);
    expect(emu.calls.map((c) => c.httpVersion)).toEqual(['1.1', '1.1']);
    const firstId = emu.calls[0]?.requestId;

    emu.reset();
    expect(emu.calls).toHaveLength(0);
    const out = await comprehend.send(
      new DetectDominantLanguageCommand({ Text: 'Guten Tag, danke' }),
    );
    expect(out.Languages?.[0]?.LanguageCode).toBe('de');
    expect(emu.calls).toHaveLength(1);
    expect(emu.calls[0]?.requestId).toBe(firstId);
  });
});

describe('close', () => {
  it('releases the port and drops open connections', async () => {
    const local = await startEmulator();
    const client = new ComprehendClient({ ...local.config, maxAttempts: 1 });
    await client.send(new DetectDominantLanguageCommand({ Text: 'keep-alive' }));
    const port = Number(new URL(local.endpoint).port);
    await local.close();
    await local.close();
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    const again = await startEmulator({ port });
    expect(again.endpoint).toBe(local.endpoint);
    await again.close();
    client.destroy();
  });
});
