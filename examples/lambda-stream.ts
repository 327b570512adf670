/**
 * A Lambda response-streaming handler (Node.js 22 or 24, function URL with `InvokeMode:
 * RESPONSE_STREAM`): the model's text is piped to the response as Bedrock produces it. The Lambda
 * runtime provides the global `awslambda.streamifyResponse`; elsewhere (tests, a local run) the
 * handler is the plain `(event, responseStream)` function. Run it locally against the emulator:
 *
 *   npx tsx examples/lambda-stream.ts
 */

import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGenerativeClient, stream } from 'aws-ai/generative';

interface Event {
  body?: string | null;
}

type StreamHandler = (event: Event, responseStream: Writable) => Promise<void>;

declare global {
  // The Lambda Node.js runtime's global for response streaming.
  var awslambda:
    | {
        streamifyResponse(handler: StreamHandler): StreamHandler;
        HttpResponseStream: {
          from(stream: Writable, metadata: { statusCode: number; headers: object }): Writable;
        };
      }
    | undefined;
}

// Outside the handler: warm invocations reuse the SDK client and its HTTP/2 session. The function
// `stream` (not the `Generative` class) keeps the bundle to ConverseStream's code (decision 0701).
const bedrock = createGenerativeClient();

const streamify = globalThis.awslambda?.streamifyResponse ?? ((handler: StreamHandler) => handler);

export const handler = streamify(async (event, responseStream) => {
  const out =
    globalThis.awslambda?.HttpResponseStream.from(responseStream, {
      statusCode: 200,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    }) ?? responseStream;
  const answer = stream(bedrock, {
    model: 'amazon.nova-lite-v1:0',
    prompt: event.body || 'Write a haiku about Lambda',
  });
  // pipeline ends the response when the text ends, and destroys it (and aborts the model call)
  // when either side fails.
  await pipeline(Readable.from(answer.textStream), out);
});

async function runLocally() {
  const testing = 'aws-ai/testing'; // a variable: bundlers leave the emulator out
  const { startEmulator } = (await import(testing)) as typeof import('aws-ai/testing');
  const emulator = await startEmulator();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example',
  });
  console.log('Emulated answer (not real AWS):');
  const { PassThrough } = await import('node:stream');
  const response = new PassThrough();
  response.pipe(process.stdout, { end: false });
  await handler({ body: 'Write a haiku about Lambda' }, response);
  console.log();
  await emulator.close();
}

// Run directly (`npx tsx examples/lambda-stream.ts`); never when Lambda imports the bundle.
if (process.argv[1]?.endsWith('lambda-stream.ts')) {
  runLocally().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
