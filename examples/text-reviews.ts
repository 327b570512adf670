/**
 * Customer reviews in, a moderation-ready report out: language, sentiment, entities and a redacted
 * copy of each review, batched 25 per call. Runs against the emulator (no AWS account needed):
 *
 *   npx tsx examples/text-reviews.ts
 *
 * The answers are emulated: canned word lists, not Amazon Comprehend's models.
 */

import { AwsAI, BatchItemError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const reviews = [
  'I loved the hotel in Paris 😀, the staff were wonderful. Ask for Ana Silva at ana@example.org.',
  'La habitación estaba sucia y el desayuno muy malo.',
  'Great view, terrible coffee. Call me back on 555-010-1234 — Tom Baker.',
  '東京 was amazing, 🍣 was the best.',
];

const emulator = await startEmulator();
const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):');
  // One BatchDetectDominantLanguage call, then one BatchDetectSentiment call per language.
  const moods = await ai.text.sentiment(reviews, { throwOnItemError: false });
  // Offsets are UTF-16 indices into each review, emoji and CJK included.
  const entities = await ai.text.entities(reviews, { types: ['PERSON', 'LOCATION'] });
  reviews.forEach((review, i) => {
    const mood = moods[i];
    console.log(`\n#${i} ${review}`);
    console.log(
      mood instanceof BatchItemError
        ? `  sentiment: failed (${mood.code})`
        : `  sentiment: ${mood?.sentiment} (${mood?.language})`,
    );
    for (const e of entities[i] ?? []) {
      console.log(`  ${e.type} "${review.slice(e.start, e.end)}" at ${e.start}–${e.end}`);
    }
  });

  // Who is each English review about, and how is each of them spoken of? (English only.)
  const targeted = await ai.text.targetedSentiment(reviews[0] ?? '');
  console.log('\nTargeted sentiment of #0:');
  for (const { descriptive, mentions } of targeted) {
    console.log(`  ${descriptive.text}: ${mentions.map((m) => m.sentiment).join(', ')}`);
  }

  // PII is English and Spanish only; the others would get a ValidationError naming them.
  const english = reviews.filter((_, i) => i !== 1 && i !== 3);
  const redacted = await ai.text.redactPii(english, { language: 'en' });
  console.log('\nRedacted:');
  for (const r of redacted) console.log(`  ${r.text}`);
} finally {
  await emulator.close();
}
