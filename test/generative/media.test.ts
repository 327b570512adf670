import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ContentFilterError, ValidationError } from 'aws-ai/generative';
import { describe, expect, it } from 'vitest';
import { solidPng } from '../../src/testing/services/bedrock-media';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const canvas = 'amazon.nova-canvas-v1:0';
const titan = 'amazon.titan-image-generator-v2:0';

function pngSize(bytes: Uint8Array) {
  const view = Buffer.from(bytes);
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

function sentBody(): Record<string, unknown> {
  const body = callsTo(emu, 'InvokeModel')[0]?.input.body as Uint8Array;
  return JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
}

describe('generateImage', () => {
  it('text-to-image on Nova Canvas: count images of the size, as PNG bytes', async () => {
    const { images, requestId } = await client().generative.generateImage({
      model: canvas,
      prompt: 'A lighthouse at dawn',
      negativePrompt: 'people',
      size: '1280x720',
      count: 2,
      seed: 7,
      quality: 'premium',
      style: 'PHOTOREALISM',
      cfgScale: 6.5,
    });
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.format).toBe('png');
      expect(pngSize(image.bytes)).toEqual({ width: 1280, height: 720 });
    }
    expect(Buffer.from(images[0]?.bytes ?? []).equals(Buffer.from(images[1]?.bytes ?? []))).toBe(
      false,
    );
    expect(requestId).toBe(callsTo(emu, 'InvokeModel')[0]?.requestId);
    expect(sentBody()).toEqual({
      taskType: 'TEXT_IMAGE',
      textToImageParams: {
        text: 'A lighthouse at dawn',
        negativeText: 'people',
        style: 'PHOTOREALISM',
      },
      imageGenerationConfig: {
        numberOfImages: 2,
        width: 1280,
        height: 720,
        seed: 7,
        cfgScale: 6.5,
        quality: 'premium',
      },
    });
  });

  it('inpainting with a mask prompt, variation and background removal build their bodies', async () => {
    const gen = client().generative;
    const photo = solidPng(64, 64, 1);
    await gen.generateImage({
      model: titan,
      task: 'inpainting',
      image: photo,
      prompt: 'a cat',
      mask: { prompt: 'the dog' },
    });
    await gen.generateImage({
      model: canvas,
      task: 'variation',
      images: [photo, photo],
      similarity: 0.7,
      prompt: 'brighter',
    });
    await gen.generateImage({ model: canvas, task: 'background-removal', image: photo });
    const bodies = callsTo(emu, 'InvokeModel').map(
      (c) =>
        JSON.parse(Buffer.from(c.input.body as Uint8Array).toString('utf8')) as Record<
          string,
          unknown
        >,
    );
    expect(bodies[0]).toMatchObject({
      taskType: 'INPAINTING',
      inPaintingParams: { text: 'a cat', maskPrompt: 'the dog' },
    });
    expect(bodies[1]).toMatchObject({
      taskType: 'IMAGE_VARIATION',
      imageVariationParams: { similarityStrength: 0.7 },
    });
    expect(
      (bodies[1]?.imageVariationParams as { images?: string[] } | undefined)?.images,
    ).toHaveLength(2);
    expect(bodies[2]).toEqual({
      taskType: 'BACKGROUND_REMOVAL',
      backgroundRemovalParams: { image: Buffer.from(photo).toString('base64') },
    });
  });

  it.each([
    ['a Titan v2 size it does not offer', { model: titan, prompt: 'x', size: '1000x1000' }],
    ['a Titan prompt over 512 characters', { model: titan, prompt: 'x'.repeat(513) }],
    ['a Nova Canvas side not a multiple of 16', { model: canvas, prompt: 'x', size: '1000x1000' }],
    [
      'more than 4,194,304 pixels',
      { model: canvas, prompt: 'x', size: { width: 4096, height: 2048 } },
    ],
    ['an aspect ratio over 4:1', { model: canvas, prompt: 'x', size: '2048x320' }],
    ['six images', { model: canvas, prompt: 'x', count: 6 }],
    ['a Nova Canvas seed above 858,993,459', { model: canvas, prompt: 'x', seed: 900_000_000 }],
    ['cfgScale 20', { model: canvas, prompt: 'x', cfgScale: 20 }],
    ['a style on Titan', { model: titan, prompt: 'x', style: 'PHOTOREALISM' }],
    [
      'inpainting without a mask',
      { model: canvas, task: 'inpainting', prompt: 'x', image: solidPng(16, 16, 1) },
    ],
    ['no prompt for text-to-image', { model: canvas }],
    ['a model it does not know', { model: 'stability.sd3-5-large-v1:0', prompt: 'x' }],
  ])('refuses %s before the call', async (_case, params) => {
    await expect(client().generative.generateImage(params as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('turns a content-filter refusal into a ContentFilterError without the prompt in its message', async () => {
    const err = await client()
      .generative.generateImage({ model: canvas, prompt: 'something blocked-content here' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentFilterError);
    expect(err).toMatchObject({ code: 'ContentFiltered', retryable: false, statusCode: 400 });
    expect((err as Error).message).not.toContain('blocked-content');
    expect((err as ContentFilterError).serviceMessage).toMatch(/content filters/);
  });
});

describe('generateVideo', () => {
  const output = 's3://videos-bucket/reel';

  it('starts Nova Reel, waits with progress, and gives the S3 location of the MP4 it wrote', async () => {
    const gen = client().generative;
    const job = await gen.generateVideo({ prompt: 'Waves on a beach', output, seed: 3 });
    expect(job.ref).toMatchObject({ kind: 'bedrock-async-invoke', id: job.id });
    expect((await job.status()).state).toBe('in-progress');
    const seen: string[] = [];
    const [video] = await job.result({ pollIntervalMs: 1, onProgress: (s) => seen.push(s.state) });
    const id = job.id.split('/').at(-1);
    expect(video).toEqual({ folder: `${output}/${id}`, uri: `${output}/${id}/output.mp4` });
    expect(callsTo(emu, 'StartAsyncInvoke')[0]?.input).toMatchObject({
      modelId: 'amazon.nova-reel-v1:1',
      modelInput: {
        taskType: 'TEXT_VIDEO',
        textToVideoParams: { text: 'Waves on a beach' },
        videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 3 },
      },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: output } },
    });
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'videos-bucket', Key: `reel/${id}/output.mp4` }),
    );
    const bytes = await object.Body?.transformToByteArray();
    expect(
      Buffer.from(bytes ?? [])
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
    s3.destroy();

    const listed = await gen.videoJobs({ state: 'completed' });
    expect(listed.map((j) => j.id)).toContain(job.id);
    const again = await gen.videoJob(job.id);
    expect((await again.status()).state).toBe('completed');
  });

  it('multi-shot for 12-120 s videos, with a start frame only for 6 s', async () => {
    await client().generative.generateVideo({
      prompt: 'A day in Paris',
      durationSeconds: 24,
      output,
    });
    expect(callsTo(emu, 'StartAsyncInvoke')[0]?.input.modelInput).toMatchObject({
      taskType: 'MULTI_SHOT_AUTOMATED',
      multiShotAutomatedParams: { text: 'A day in Paris' },
      videoGenerationConfig: { durationSeconds: 24 },
    });
    await client().generative.generateVideo({
      prompt: 'Pan right',
      images: [solidPng(1280, 720, 9)],
      output,
    });
    expect(callsTo(emu, 'StartAsyncInvoke')[1]?.input.modelInput).toMatchObject({
      textToVideoParams: { images: [{ format: 'png' }] },
    });
  });

  it('a refused video fails the wait with JobFailed, never quoting the prompt', async () => {
    const job = await client().generative.generateVideo({
      prompt: 'blocked-content please',
      output,
    });
    const err = await job.wait({ pollIntervalMs: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'JobFailed' });
    expect((err as Error).message).not.toContain('blocked-content');
    const [summary] = await client().generative.videoJobs({ state: 'failed' });
    expect(summary?.failure).toMatch(/content filters/);
  });

  it.each([
    ['a 7 s duration', { prompt: 'x', durationSeconds: 7, output }],
    ['a prompt over 512 characters for 6 s', { prompt: 'x'.repeat(513), output }],
    ['a start frame of the wrong size', { prompt: 'x', images: [solidPng(640, 360, 1)], output }],
    [
      'a start frame with a long video',
      { prompt: 'x', durationSeconds: 12, images: [solidPng(1280, 720, 1)], output },
    ],
    ['an output that is not s3://', { prompt: 'x', output: 'https://example.com/x' }],
    ['a model other than Nova Reel', { prompt: 'x', output, model: 'amazon.nova-canvas-v1:0' }],
  ])('refuses %s before the call', async (_case, params) => {
    await expect(client().generative.generateVideo(params as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });
});
