/**
 * A tour of aws-ai: one or two calls per module. By default every call goes to the local AWS
 * emulator (no account needed); `npm run demo -- --live` sends the same calls to real AWS with your
 * default credentials. Steps that need your own resources run live only when you name them:
 *
 *   AWS_AI_MODEL      Bedrock model id            (default amazon.nova-lite-v1:0)
 *   AWS_AI_EMBED      Bedrock embedding model id  (default amazon.titan-embed-text-v2:0)
 *   AWS_AI_IMAGE      a JPEG/PNG file for vision
 *   AWS_AI_DOCUMENT   a PDF or image file (or s3:// URI) for documents
 *   AWS_AI_AUDIO      an s3:// URI of a recording for transcription
 *   AWS_AI_ENDPOINT   a SageMaker endpoint that takes JSON
 *   AWS_AI_BUCKET     a staging bucket for media that must go through S3
 *   AWS_AI_CAMPAIGN   a Personalize campaign ARN (user personalization)
 *   AWS_AI_KB         a Bedrock knowledge base id
 *   AWS_AI_AGENT      a Bedrock agent as ID/ALIASID
 */
import { readFile } from 'node:fs/promises';
import { AwsAI, AwsAIError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const live = process.argv.includes('--live');
const env = process.env;
const emulator = live ? undefined : await startEmulator();
const bucket = env.AWS_AI_BUCKET ?? (live ? undefined : 'tour-staging');
const ai = new AwsAI({
  ...(emulator ? emulator.config : {}),
  ...(bucket ? { staging: { bucket } } : {}),
});
const model = env.AWS_AI_MODEL ?? 'amazon.nova-lite-v1:0';

function show(title: string, value: unknown): void {
  console.log(`\n▸ ${title}`);
  console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

async function step(title: string, run: () => Promise<unknown>): Promise<void> {
  try {
    show(title, await run());
  } catch (err) {
    if (!AwsAIError.isInstance(err)) throw err;
    console.log(`\n▸ ${title}\n  ${err.name}: ${err.message}`);
  }
}

/** A 640×480 JPEG header: enough for the emulator, which answers from the bytes it gets. */
function emulatedPhoto(): Uint8Array {
  // biome-ignore format: byte layout
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
}

/** A 3-page PDF skeleton: multi-page, so the documents module runs it as a Textract job. */
function emulatedPdf(): Uint8Array {
  const pages = [3, 4, 5].map((n) => `${n} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n`);
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n${pages.join('')}%%EOF\n`,
  );
}

console.log(
  live
    ? 'aws-ai tour against REAL AWS (your default credentials; calls are billed).'
    : `aws-ai tour against the local AWS emulator at ${emulator?.endpoint}.\n` +
        'Every answer below is EMULATED: canned, deterministic responses, not real AWS output.',
);

// ── text ────────────────────────────────────────────────────────────────────────────────────────
await step('text.detectLanguage: an array, batched 25 per call, results in input order', async () =>
  (
    await ai.text.detectLanguage([
      'Good morning',
      'Guten Morgen, ich bin der neue Nachbar',
      'Bonjour à tous',
    ])
  ).map((r) => r.language),
);
await step(
  'text.sentiment + entities: offsets are positions in your JavaScript string',
  async () => {
    const review = 'I loved Paris 😀, and Ana Silva at the front desk was wonderful.';
    const { sentiment } = await ai.text.sentiment(review);
    const entities = await ai.text.entities(review);
    return {
      sentiment,
      entities: entities.map((e) => `${e.type} "${review.slice(e.start, e.end)}"`),
    };
  },
);
await step(
  'text.translate: long text split under 10,000 bytes at sentence ends, joined in order',
  async () => {
    const { text, from, to } = await ai.text.translate(
      'The weather is lovely today. '.repeat(800),
      { to: 'es' },
    );
    return { from, to, characters: text.length, start: `${text.slice(0, 60)}…` };
  },
);

// ── vision ──────────────────────────────────────────────────────────────────────────────────────
if (!live || env.AWS_AI_IMAGE) {
  await step('vision.labels: format and size checked locally before the call', async () => {
    const image = env.AWS_AI_IMAGE ? await readFile(env.AWS_AI_IMAGE) : emulatedPhoto();
    const { labels } = await ai.vision.labels(image);
    return labels.slice(0, 5).map((l) => `${l.name} (${l.confidence.toFixed(1)})`);
  });
}

// ── speech ──────────────────────────────────────────────────────────────────────────────────────
await step('speech.voices: Polly voices for en-GB (cached)', async () =>
  (await ai.speech.voices({ language: 'en-GB' })).map((v) => `${v.id} (${v.engines.join(', ')})`),
);
await step(
  'speech.synthesize: 5,200 characters, split under Polly limits, marks re-based',
  async () => {
    const result = await ai.speech.synthesize(
      'Hello there, this is a long announcement. '.repeat(125),
      {
        marks: ['sentence'],
      },
    );
    return {
      pieces: result.pieces,
      bytes: result.audio.byteLength,
      seconds: Math.round((result.durationMs ?? 0) / 1000),
      lastMark: result.marks?.at(-1),
    };
  },
);
if (!live || env.AWS_AI_AUDIO) {
  await step('speech.transcribe: job started, polled, parsed, captioned as SRT', async () => {
    const transcript = await ai.speech.transcribe(env.AWS_AI_AUDIO ?? 's3://tour-media/talk.mp3', {
      speakers: 2,
      pollIntervalMs: live ? 5_000 : 10,
    });
    return transcript.toSrt().split('\n\n').slice(0, 2).join('\n\n');
  });
}

// ── documents ───────────────────────────────────────────────────────────────────────────────────
if (!live || (env.AWS_AI_DOCUMENT && bucket)) {
  await step(
    'documents.analyze: a multi-page PDF becomes a Textract job; every page merged',
    async () => {
      const input = env.AWS_AI_DOCUMENT ?? emulatedPdf();
      const doc = await ai.documents.analyze(input, {
        tables: true,
        forms: true,
        poll: { intervalMs: live ? 2_000 : 10 },
      });
      return {
        run: doc.run,
        pages: doc.pages.length,
        firstTable: doc.tables[0]?.toMarkdown(),
        forms: doc.forms.toObject(),
      };
    },
  );
}

// ── generative ──────────────────────────────────────────────────────────────────────────────────
await step('generative.generate: one answer (Converse over HTTP/2)', async () => {
  const { text, usage, stopReason } = await ai.generative.generate({
    model,
    prompt: 'Name one AWS AI service.',
  });
  return { text, stopReason, usage };
});
await step('generative.stream: typed events as they arrive', async () => {
  const stream = ai.generative.stream({ model, prompt: 'Count to five.' });
  let deltas = 0;
  for await (const event of stream) if (event.type === 'text-delta') deltas++;
  return { deltas, text: await stream.text };
});
await step('generative.generateObject: a value validated against a JSON Schema', async () => {
  const { object } = await ai.generative.generateObject({
    model,
    prompt: 'The customer wrote: "Great service, fast delivery!" What is the mood?',
    schema: {
      type: 'object',
      properties: { mood: { type: 'string', enum: ['happy', 'neutral', 'unhappy'] } },
      required: ['mood'],
    },
  });
  return object;
});
await step('generative.embedMany: vectors in input order', async () => {
  const vectors = await ai.generative.embedMany(['red apple', 'green pear'], {
    model: env.AWS_AI_EMBED ?? 'amazon.titan-embed-text-v2:0',
  });
  return { vectors: vectors.length, dimensions: vectors[0]?.length };
});

// ── endpoints ───────────────────────────────────────────────────────────────────────────────────
if (!live || env.AWS_AI_ENDPOINT) {
  await step('endpoints.invoke: a SageMaker endpoint with a JSON body', async () => {
    const { body, contentType } = await ai.endpoints.invoke(
      env.AWS_AI_ENDPOINT ?? 'tour-endpoint',
      {
        instances: [[1, 2, 3]],
      },
    );
    return { contentType, body };
  });
}
if (!live) {
  await step(
    'endpoints.batcher: 64 concurrent predict() calls become few endpoint calls',
    async () => {
      const batcher = ai.endpoints.batcher('tour-tabular');
      const outputs = await Promise.all(
        Array.from({ length: 64 }, (_, i) => batcher.predict(new Float32Array(8).fill(i))),
      );
      const stats = batcher.stats();
      await batcher.close();
      return `${outputs.length} rows answered in ${stats.calls} endpoint call(s)`;
    },
  );
}

// ── medical ─────────────────────────────────────────────────────────────────────────────────────
await step('medical.entities: a clinical note (offsets index your string)', async () => {
  const note = 'Patient takes 40 mg lisinopril daily for hypertension. Denies chest pain.';
  const { entities } = await ai.medical.entities(note);
  return entities.map((e) => ({
    [e.category]: note.slice(e.start, e.end),
    traits: e.traits.map((t) => t.name),
    attributes: e.attributes.map((a) => `${a.relationshipType}: ${a.text}`),
  }));
});
await step('medical.redactPhi + icd10cm', async () => ({
  redacted: (await ai.medical.redactPhi('Mr. John Smith, 54 years old, seen 03/14/2024.')).text,
  icd10cm: (await ai.medical.icd10cm('History of hypertension.')).entities.map(
    (e) => `${e.text} → ${e.concepts[0]?.code}`,
  ),
}));

// ── recommendations ─────────────────────────────────────────────────────────────────────────────
const campaign = env.AWS_AI_CAMPAIGN ?? 'arn:aws:personalize:us-east-1:123456789012:campaign/tour';
if (emulator) {
  emulator.personalize(campaign, {
    items: ['m1', 'm2', 'm3', 'm4'],
    interactions: [
      { userId: 'u1', itemId: 'm1' },
      { userId: 'u2', itemId: 'm1' },
      { userId: 'u2', itemId: 'm3' },
    ],
  });
}
if (!live || env.AWS_AI_CAMPAIGN) {
  await step('recommendations.forUser: items for a user (Personalize)', async () => {
    const { items } = await ai.recommendations.forUser(campaign, { userId: 'u1', numResults: 3 });
    return items.map((i) => `${i.itemId} (${i.score})`);
  });
}

// ── knowledge ───────────────────────────────────────────────────────────────────────────────────
const knowledgeBaseId = env.AWS_AI_KB ?? 'TOURKB0001';
if (emulator) {
  emulator.knowledgeBase(knowledgeBaseId, [
    { id: 'vacation', text: 'Employees get 25 vacation days per year.', metadata: { team: 'hr' } },
    { id: 'laptops', text: 'Laptops are replaced every three years.', metadata: { team: 'it' } },
  ]);
}
if (!live || env.AWS_AI_KB) {
  await step('knowledge.ask: an answer with citation spans (Bedrock Knowledge Bases)', async () => {
    const answer = await ai.knowledge.ask('How many vacation days do I get?', {
      knowledgeBaseId,
      model,
    });
    return {
      text: answer.text,
      cited: answer.citations.map((c) => ({
        span: answer.text.slice(c.start, c.end),
        source: c.references[0]?.location,
      })),
    };
  });
}

// ── agents ──────────────────────────────────────────────────────────────────────────────────────
const [agentId = 'TOURAGENT1', aliasId = 'TSTALIASID'] = (env.AWS_AI_AGENT ?? '')
  .split('/')
  .filter(Boolean);
if (emulator) {
  emulator.agent(agentId, {
    steps: [
      { call: { actionGroup: 'clock', function: 'now', parameters: {} } },
      { text: ({ results }) => `The local time is ${results.now}.` },
    ],
  });
}
if (!live || env.AWS_AI_AGENT) {
  await step(
    'agents.invoke: return of control run by a local function (Bedrock Agents)',
    async () => {
      const stream = ai.agents.invoke({ id: agentId, aliasId }, 'What time is it?', {
        tools: { clock: { now: { execute: () => new Date().toISOString().slice(11, 16) } } },
      });
      const final = await stream.finalMessage();
      return { text: final.text, agentCalls: final.steps };
    },
  );
}

if (emulator) {
  const counts = new Map<string, number>();
  for (const call of emulator.calls) {
    const key = `${call.service} ${call.operation}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`\nThe emulator saw ${emulator.calls.length} calls:`);
  for (const [key, count] of counts) console.log(`  ${String(count).padStart(3)} × ${key}`);
  await emulator.close();
}
