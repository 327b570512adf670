/**
 * 10,000 prompts through Bedrock batch inference, read back in input order. The emulator plays S3
 * and Bedrock's control plane (it writes the `.jsonl.out` files a real job writes). Against AWS,
 * drop the emulator and pass a role Bedrock can assume and buckets it can read and write.
 *
 *   npx tsx examples/generative-batch.ts
 */

import { AwsAI, BatchItemError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):');
  // Any (async) iterable works: records are read once and written as JSONL files of 5,000.
  async function* prompts() {
    for (let i = 0; i < 10_000; i++)
      yield { prompt: `Give one fact about the number ${i}.`, maxTokens: 100 };
  }
  const job = await ai.generative.batch(prompts(), {
    model: 'amazon.nova-lite-v1:0',
    role: 'arn:aws:iam::123456789012:role/BedrockBatch',
    output: 's3://my-batch-bucket/answers/',
  });
  // Save this anywhere (a queue, Step Functions state) and read it elsewhere: ai.generative.resumeBatch(ref).
  console.log('ref:', JSON.stringify(job.ref).slice(0, 120), '…');

  let n = 0;
  for await (const item of job.results({
    pollIntervalMs: 10,
    onProgress: (s) => console.log(s.state),
  })) {
    if (item instanceof BatchItemError) console.log(item.index, 'failed:', item.code);
    else if (n++ < 3) console.log(item.index, item.text);
  }
  console.log(`${n} answers, in input order`);
} finally {
  await emulator.close();
}
