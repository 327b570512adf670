/**
 * A Lambda handler (Node.js 22 or 24) that detects the language of reviews. It imports two
 * functions from `aws-ai/text`, so its bundle holds only them and the Comprehend client: no
 * Translate, no S3 (docs/lambda.md). Bundle and deploy it with any recipe of docs/lambda.md; run it
 * locally against the emulator:
 *
 *   npx tsx examples/lambda-detect-language.ts
 */

import { createTextClient, detectLanguage, ValidationError } from 'aws-ai/text';

interface Event {
  body: string | null;
}

// Created once per execution environment, outside the handler, so warm invocations reuse the
// SDK client and its connections. Region, credentials (and AWS_ENDPOINT_URL) come from the
// Lambda environment through the AWS SDK's default chain.
const text = createTextClient();

export async function handler(event: Event) {
  const { reviews } = JSON.parse(event.body ?? '{}') as { reviews?: string[] };
  try {
    const results = await detectLanguage(text, reviews ?? [], { throwOnItemError: false });
    return {
      statusCode: 200,
      body: JSON.stringify(
        results.map((r) => (r instanceof Error ? { error: r.code } : r.language)),
      ),
    };
  } catch (err) {
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
  const reviews = ['I loved this hotel', "C'était parfait, merci", 'Das Essen war kalt'];
  console.log('Emulated answers (not real AWS):');
  console.log(await handler({ body: JSON.stringify({ reviews }) }));
  console.log(await handler({ body: JSON.stringify({ reviews: ['ok', '   '] }) }));
  await emulator.close();
}

// Run directly (`npx tsx examples/lambda-detect-language.ts`); never when Lambda imports the bundle.
if (process.argv[1]?.endsWith('lambda-detect-language.ts')) {
  runLocally().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
