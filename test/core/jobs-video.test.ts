import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { client } = await useEmulator();

describe('ai.jobs.resume: Bedrock async invocations (generateVideo)', () => {
  it('rebuilds a Nova Reel job from its JSON ref in a fresh client and reads the same video', async () => {
    const job = await client().generative.generateVideo({
      prompt: 'Waves on a beach',
      output: 's3://videos-bucket/resumed',
    });
    const ref = JSON.stringify(job.ref);
    const resumed = client().jobs.resume(ref);
    expect(resumed.id).toBe(job.id);
    const [video] = (await resumed.result({ pollIntervalMs: 1 })) as Array<{ uri: string }>;
    const id = job.id.split('/').at(-1);
    expect(video?.uri).toBe(`s3://videos-bucket/resumed/${id}/output.mp4`);
  });
});
