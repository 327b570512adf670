/**
 * Citations over a document: the model answers with the passages it relies on, typed (cited
 * text, document, character or page range), in `generate` results and as stream events. Against
 * the emulator (which cites the first 40 characters of a text document, page 1 of a PDF):
 *
 *   npx tsx examples/generative-citations.ts
 */

import { Generative } from 'aws-ai/generative';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
const gen = new Generative(emulator.config);
const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

const report = Buffer.from(
  'Q3 revenue was 4.2 million euros, up 12% on Q2. Churn fell to 3%. Hiring paused in September.',
);
const documents = [
  { document: report, format: 'txt' as const, name: 'Q3 report', citations: true },
];

console.log('Emulated answers (not real AWS):');
const result = await gen.generate({ model, prompt: 'What was Q3 revenue?', documents });
console.log(result.text);
for (const c of result.citations) {
  console.log(`  [${c.title}] "${c.citedText}"`, c.location);
}

// Streamed: a `citation` event per CitationsDelta, and the citations on the final message.
const stream = gen.stream({ model, prompt: 'And churn?', documents });
for await (const event of stream) {
  if (event.type === 'text-delta') process.stdout.write(event.text);
  if (event.type === 'citation') console.log(`\n  cites "${event.citation.citedText}"`);
}
console.log((await stream.finalMessage()).citations.length, 'citation(s)');

await emulator.close();
