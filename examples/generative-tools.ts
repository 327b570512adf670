/**
 * A tool agent: the model calls `get_weather`, aws-ai runs it and sends the result back until the
 * model answers (at most `maxSteps` model calls), first with `generate`, then streamed as a chat UI
 * would show it. Against the emulator:
 *
 *   npx tsx examples/generative-tools.ts
 */

import { Generative, tool } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';
import { z } from 'zod';

const emulator = await startEmulator();
const gen = new Generative(emulator.config);

const tools = {
  get_weather: tool({
    description: 'Current temperature in a city, in °C',
    input: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, celsius: 21 }),
  }),
};

const result = await gen.generate({
  model: 'amazon.nova-lite-v1:0',
  // The emulator calls a tool whose name appears in the prompt.
  prompt: 'Use get_weather: is it warm in Paris?',
  maxSteps: 4,
  tools,
});
console.log('Emulated answers (not real AWS):');
for (const [i, step] of result.steps.entries()) {
  console.log(`step ${i + 1}: ${step.stopReason}`, step.toolCalls, step.toolResults);
}
console.log(result.text, result.usage);

// The same loop, streamed: tool calls and results arrive as events between the two model calls.
const stream = gen.stream({
  model: 'amazon.nova-lite-v1:0',
  prompt: 'Use get_weather: and in Oslo?',
  tools,
});
for await (const event of stream) {
  if (event.type === 'tool-call-end') console.log(`\n→ calling ${event.name}`, event.input);
  if (event.type === 'tool-result') console.log(`← ${event.name} returned`, event.output);
  if (event.type === 'step-finish') console.log(`step ${event.step} done`);
  if (event.type === 'text-delta') process.stdout.write(event.text);
}
const final = await stream.finalMessage();
console.log(`\n${final.steps} model calls, ${final.usage.totalTokens} tokens`);
await emulator.close();
