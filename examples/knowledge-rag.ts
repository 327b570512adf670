/**
 * Retrieval-augmented generation over a folder of documents: the files of
 * examples/data/handbook are loaded into an emulated Bedrock knowledge base, then asked questions;
 * each answer is printed with its citations as [n] markers at the cited spans and the sources they
 * point to. Then a filtered retrieve, a streamed answer and a rerank. Against the emulator:
 *
 *   npx tsx examples/knowledge-rag.ts
 *
 * On AWS, the knowledge base would be one you created (S3 data source, synced); the calls are the
 * same with its id and a model you have access to.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AskResult, Knowledge } from 'aws-ai/knowledge';
import { startEmulator } from 'aws-ai/testing';

const folder = fileURLToPath(new URL('./data/handbook/', import.meta.url));
const KB = 'HANDBOOK01';
const model = 'amazon.nova-lite-v1:0';

const emulator = await startEmulator();
const department: Record<string, string> = {
  vacation: 'hr',
  'parental-leave': 'hr',
  laptops: 'it',
  expenses: 'finance',
};
const files = readdirSync(folder).filter((f) => f.endsWith('.md'));
emulator.knowledgeBase(
  KB,
  files.map((file) => {
    const id = basename(file, '.md');
    return {
      id,
      uri: `s3://handbook-bucket/${file}`,
      text: readFileSync(join(folder, file), 'utf8'),
      metadata: { department: department[id] ?? 'other', year: 2025 },
    };
  }),
);
const kb = new Knowledge(emulator.config);

/** The answer with a [n] marker after each cited span, and the numbered sources. */
function withCitations(answer: AskResult): string {
  let text = answer.text;
  const sources: string[] = [];
  // From the last span to the first, so earlier offsets stay valid while markers are inserted.
  const numbered = answer.citations.map((c, i) => ({ c, n: i + 1 }));
  for (const { c, n } of [...numbered].reverse())
    text = `${text.slice(0, c.end)} [${n}]${text.slice(c.end)}`;
  for (const { c, n } of numbered) {
    const ref = c.references[0];
    const where = ref?.location?.kind === 's3' ? ref.location.uri : JSON.stringify(ref?.location);
    sources.push(`  [${n}] ${where}: "${c.text}"`);
  }
  return `${text}\n${sources.join('\n')}`;
}

console.log(`Loaded ${files.length} documents into the emulated knowledge base ${KB}.`);
console.log('Emulated answers (not real AWS):\n');
for (const question of ['How many vacation days do I get?', 'What if my laptop is stolen?']) {
  const answer = await kb.ask(question, { knowledgeBaseId: KB, model });
  console.log(`Q: ${question}\nA: ${withCitations(answer)}\n`);
}

// Retrieve only HR documents, best chunks first.
const { chunks } = await kb.retrieve(KB, 'leave and days off', {
  topK: 3,
  filter: { equals: { key: 'department', value: 'hr' } },
});
console.log('HR chunks for "leave and days off":');
for (const c of chunks)
  console.log(`  ${c.score?.toFixed(3)} ${c.metadata['x-amz-bedrock-kb-source-uri']}`);

// The same kind of answer, streamed as it is generated.
process.stdout.write('\nStreamed: ');
const stream = kb.askStream('When are expenses reimbursed?', { knowledgeBaseId: KB, model });
for await (const event of stream) {
  if (event.type === 'text-delta') process.stdout.write(event.text);
  if (event.type === 'citation')
    process.stdout.write(
      ` [${event.citation.references[0]?.metadata['x-amz-bedrock-kb-chunk-id']}]`,
    );
}
const final = await stream.finalMessage();
console.log(`\n(session ${final.sessionId}, ${final.citations.length} citations)`);

// Rerank candidate passages you already have (from any search) with a Bedrock reranker.
const ranked = await kb.rerank(
  'reporting a lost device',
  files.map((f) => readFileSync(join(folder, f), 'utf8')),
  { model: 'amazon.rerank-v1:0', topN: 2 },
);
console.log(
  '\nReranked:',
  ranked.map((r) => `${files[r.index]} (${r.score.toFixed(3)})`).join(', '),
);
await emulator.close();
