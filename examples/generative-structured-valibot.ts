/**
 * Structured output validated by valibot: the JSON Schema the model sees comes from
 * `@valibot/to-json-schema`, the answer is validated (and typed) by valibot itself. `mode: 'auto'`
 * uses Bedrock's native `outputConfig.textFormat` on models that support it (Claude 4.5 here) and a
 * forced tool elsewhere; `streamObject` shows partial values as the JSON streams in. Against the
 * emulator:
 *
 *   npx tsx examples/generative-structured-valibot.ts
 */

import { toJsonSchema } from '@valibot/to-json-schema';
import { Generative } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';
import * as v from 'valibot';

const emulator = await startEmulator();
const gen = new Generative(emulator.config);

const Recipe = v.object({
  name: v.string(),
  servings: v.pipe(v.number(), v.integer(), v.minValue(1)),
  steps: v.pipe(v.array(v.string()), v.minLength(2)),
});
const schema = { schema: Recipe, jsonSchema: toJsonSchema(Recipe) };

console.log('Emulated answers (not real AWS): the emulator fills the schema with sample values.');
const native = await gen.generateObject({
  model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  schema,
  prompt: 'A pancake recipe',
});
console.log(`mode ${native.mode}:`, native.object); // typed v.InferOutput<typeof Recipe>

const tool = await gen.generateObject({
  model: 'amazon.nova-lite-v1:0',
  schema,
  prompt: 'A crêpe recipe',
});
console.log(`mode ${tool.mode}:`, tool.object);

const stream = gen.streamObject({
  model: 'amazon.nova-lite-v1:0',
  schema,
  prompt: 'A waffle recipe',
});
for await (const partial of stream.partialObjectStream)
  console.log('partial', JSON.stringify(partial));
console.log('validated', await stream.object);

await emulator.close();
