/**
 * A Comprehend sentiment job on S3, read back as one record per review in input order: the emulator
 * plays S3 (the reviews are uploaded first) and Comprehend (it writes the job's output.tar.gz).
 *
 *   npx tsx examples/text-batch-job.ts
 */

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsAI } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const ai = new AwsAI(emulator.config);
const s3 = new S3Client({ ...emulator.config, forcePathStyle: true });
try {
  console.log('Emulated answers (not real AWS):');
  const reviews = [
    'I love this hotel, the staff were wonderful',
    'The room was cold and the shower broken',
    'Breakfast at eight, checkout at noon',
  ];
  await s3.send(
    new PutObjectCommand({
      Bucket: 'corpus',
      Key: 'reviews/2026-11.txt',
      Body: reviews.join('\n'),
    }),
  );
  const job = await ai.text.startSentimentJob({
    input: 's3://corpus/reviews/',
    output: 's3://corpus/sentiment/',
    roleArn: 'arn:aws:iam::123456789012:role/ComprehendDataAccess',
    language: 'en',
  });
  // job.ref is plain JSON: another process reads the same job with ai.jobs.resume(ref).
  console.log('ref:', JSON.stringify(job.ref));
  // Waits for the job, downloads output.tar.gz and yields the records by file and line.
  for await (const { file, line, result, error } of job.results({ pollIntervalMs: 10 })) {
    const review = reviews[line ?? 0];
    console.log(`${file}:${line} ${result?.sentiment ?? error?.code} — ${review}`);
  }
} finally {
  s3.destroy();
  await emulator.close();
}
