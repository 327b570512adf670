/**
 * A video job with Amazon Nova Reel: `generateVideo` starts an async invocation and returns a
 * job; `result()` waits (polling, with progress) and gives the S3 location of the MP4. Save
 * `job.ref` (or the ARN) to check on it later with `videoJob(arn)`. Against the emulator (which
 * completes the job after one poll and writes a stub MP4 to its own S3):
 *
 *   npx tsx examples/generative-video.ts
 */

import { Generative } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const gen = new Generative(emulator.config);

console.log('Emulated video job (not real AWS):');
const job = await gen.generateVideo({
  prompt: 'Drone shot over a foggy forest at sunrise',
  durationSeconds: 6,
  output: 's3://my-videos/reel',
});
console.log('started', JSON.stringify(job.ref));

const [video] = await job.result({
  pollIntervalMs: 50, // real Nova Reel jobs take minutes: the default polls every 10 s
  onProgress: (status) => console.log('  still', status.state),
});
console.log('video at', video?.uri);

for (const summary of await gen.videoJobs()) console.log(summary.id, summary.state);

await emulator.close();
