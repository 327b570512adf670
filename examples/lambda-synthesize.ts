/**
 * A Lambda handler (Node.js 22 or 24) behind a function URL or API Gateway that reads text aloud
 * with Amazon Polly and returns the MP3. It imports `synthesize` from `aws-ai/speech`, so its
 * bundle holds Polly's client and nothing of Transcribe, Transcribe Streaming or S3, which the
 * `Speech` class would bring (docs/lambda.md). Bundle and deploy it with any recipe of
 * docs/lambda.md; run it locally against the emulator:
 *
 *   npx tsx examples/lambda-synthesize.ts
 */

import { createSpeechClient, synthesize, ValidationError } from 'aws-ai/speech';

interface Event {
  body: string | null;
}

// Created once per execution environment, outside the handler, so warm invocations reuse the
// SDK client and its connections.
const speech = createSpeechClient();

export async function handler(event: Event) {
  const { text, voice } = JSON.parse(event.body ?? '{}') as { text?: string; voice?: string };
  try {
    // Any length: text over Polly's 3,000-character limit is split at sentence ends and joined.
    const { audio, contentType } = await synthesize(speech, text ?? '', {
      voice: voice ?? 'Joanna',
      engine: 'neural',
      timeoutMs: 20_000,
    });
    return {
      statusCode: 200,
      headers: { 'content-type': contentType },
      body: Buffer.from(audio).toString('base64'),
      isBase64Encoded: true,
    };
  } catch (err) {
    // Empty text, an unknown voice or a voice without the neural engine: the caller's to fix.
    if (ValidationError.isInstance(err)) return { statusCode: 400, body: err.message };
    throw err;
  }
}

async function runLocally() {
  // Local run only. The specifier is a variable so that a bundler leaves the emulator out of the
  // Lambda bundle.
  const testing = 'aws-ai/testing';
  const { startEmulator } = (await import(testing)) as typeof import('aws-ai/testing');
  const emulator = await startEmulator();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example',
  });
  console.log('Emulated answers (not real AWS):');
  const ok = await handler({ body: JSON.stringify({ text: 'Your order has shipped.' }) });
  console.log(ok.statusCode, ok.headers, `${Buffer.from(ok.body, 'base64').length} bytes of audio`);
  console.log(await handler({ body: JSON.stringify({ text: '   ' }) }));
  await emulator.close();
}

// Run directly (`npx tsx examples/lambda-synthesize.ts`); never when Lambda imports the bundle.
if (process.argv[1]?.endsWith('lambda-synthesize.ts')) {
  runLocally().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
