/**
 * Image generation with Amazon Nova Canvas: two 1280x720 images from a prompt, written to disk;
 * then the background of the first one removed. Sizes, counts and prompt lengths are checked
 * before the call; a content-filter refusal is a `ContentFilterError`. Against the emulator
 * (which draws solid-colour PNGs of the requested size):
 *
 *   npx tsx examples/generative-image.ts
 */

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentFilterError, Generative } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const gen = new Generative(emulator.config);
const dir = await mkdtemp(join(tmpdir(), 'aws-ai-images-'));

console.log('Emulated images (not real AWS):');
const { images } = await gen.generateImage({
  model: 'amazon.nova-canvas-v1:0',
  prompt: 'A lighthouse at dawn, watercolor',
  size: '1280x720',
  count: 2,
  style: 'SOFT_DIGITAL_PAINTING',
});
for (const [i, image] of images.entries()) {
  const file = join(dir, `lighthouse-${i}.${image.format}`);
  await writeFile(file, image.bytes);
  console.log(`${file}: ${image.bytes.byteLength} bytes`);
}

const cutout = await gen.generateImage({
  model: 'amazon.nova-canvas-v1:0',
  task: 'background-removal',
  image: images[0]?.bytes ?? new Uint8Array(),
});
console.log('background removed:', cutout.images[0]?.bytes.byteLength, 'bytes');

try {
  await gen.generateImage({ model: 'amazon.nova-canvas-v1:0', prompt: 'blocked-content' });
} catch (err) {
  if (ContentFilterError.isInstance(err)) console.log('refused:', err.message);
  else throw err;
}

await emulator.close();
