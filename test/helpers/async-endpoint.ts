import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from 'aws-ai/testing';
import { afterAll, afterEach } from 'vitest';

/** What the fake endpoint writes for one input: the output bytes, or a failure body. */
export type AsyncAnswer = (input: Uint8Array) => Uint8Array | { fail: string };

function parse(uri: string) {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  return { Bucket: bucket as string, Key: key as string };
}

/**
 * A SageMaker async endpoint on the emulator: `InvokeEndpointAsync` reads its input from S3, then
 * writes `answer(input)` to the output (or failure) location 30 ms later, or once `gate` resolves.
 *
 * Every test waits for the endpoint's pending writes before the next starts, so no write lands in
 * another test's emulator state or after the emulator has closed (an unhandled ECONNREFUSED).
 */
export function useAsyncEndpoint(emu: Emulator) {
  const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
  const writes = new Set<Promise<unknown>>();
  afterEach(async () => {
    await Promise.all(writes);
    writes.clear();
  });
  afterAll(() => s3.destroy());
  // Request ids restart at every reset but S3 objects stay: keep output keys unique per file.
  let jobs = 0;

  function asyncEndpoint(answer: AsyncAnswer, gate?: Promise<void>): void {
    emu.handle('sagemaker-runtime', 'InvokeEndpointAsync', async (input) => {
      const id = `async-job-${++jobs}`;
      const output = `s3://out/results/${id}.out`;
      const failure = `s3://out/failures/${id}-error.out`;
      const object = await s3.send(new GetObjectCommand(parse(String(input.InputLocation))));
      const bytes = await (
        object.Body as { transformToByteArray(): Promise<Uint8Array> }
      ).transformToByteArray();
      const write = () => {
        const result = answer(bytes);
        const target = result instanceof Uint8Array ? output : failure;
        const body = result instanceof Uint8Array ? result : Buffer.from(result.fail);
        return s3.send(new PutObjectCommand({ ...parse(target), Body: body }));
      };
      writes.add(gate ? gate.then(write) : new Promise((ok) => setTimeout(() => ok(write()), 30)));
      return { InferenceId: id, OutputLocation: output, FailureLocation: failure };
    });
  }
  return { s3, asyncEndpoint };
}
