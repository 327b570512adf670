/**
 * A clinical note in, structured data out: medical entities with their traits and attributes,
 * ICD-10-CM and RxNorm codes, and a copy with the protected health information redacted. The
 * note may be of any length: aws-ai splits it under each operation's limit at sentence ends and
 * re-bases the offsets into your string. Runs against the emulator (no AWS account needed):
 *
 *   npx tsx examples/medical-entities.ts
 *
 * The answers are emulated: a small lexicon and patterns, not Amazon Comprehend Medical's models.
 */

import { AwsAI, ValidationError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const note =
  'Mr. John Smith, 54 years old, seen 03/14/2024 😀. History of type 2 diabetes and hypertension. ' +
  'Takes 40 mg lisinopril daily by mouth and metformin 500 mg twice daily. Denies chest pain. ' +
  'Chest x-ray showed pneumonia. Call 555-010-1234.';

const emulator = await startEmulator();
const ai = new AwsAI({ ...emulator.config, staging: { bucket: 'clinic-staging' } });
try {
  console.log('Emulated answers (not real AWS):');

  const { entities } = await ai.medical.entities(note);
  console.log('\nEntities (DetectEntitiesV2):');
  for (const e of entities) {
    // Offsets are UTF-16 indices into `note`, also after the emoji.
    const traits = e.traits.map((t) => t.name).join(', ');
    console.log(
      `  ${e.category.padEnd(30)} "${note.slice(e.start, e.end)}"${traits ? ` [${traits}]` : ''}`,
    );
    for (const a of e.attributes) console.log(`    ${a.relationshipType}: ${a.text}`);
  }

  const conditions = await ai.medical.icd10cm(note);
  console.log('\nICD-10-CM:');
  for (const e of conditions.entities) {
    console.log(`  ${e.text} → ${e.concepts.map((c) => `${c.code} ${c.description}`).join(' | ')}`);
  }

  const drugs = await ai.medical.rxnorm(note);
  console.log('\nRxNorm:');
  for (const e of drugs.entities) console.log(`  ${e.text} → RxCUI ${e.concepts[0]?.code}`);

  const { text } = await ai.medical.redactPhi(note);
  console.log(`\nRedacted:\n  ${text}`);

  // Transcribe Medical writes to your bucket: an output location is required.
  const visit = await ai.medical.transcribe('s3://clinic/visit.wav', {
    type: 'conversation',
    speakers: 2,
    output: 's3://clinic-transcripts/visits/',
    pollIntervalMs: 10,
  });
  console.log('\nTranscribe Medical (conversation):');
  for (const turn of visit.segments) console.log(`  ${turn.speaker}: ${turn.text}`);
  console.log(`\n${visit.toVtt().split('\n').slice(0, 5).join('\n')}`);

  // English only, like the service: refused before any call.
  try {
    await ai.medical.entities(
      'El paciente tiene dolor de pecho y no toma la medicación para la fiebre.',
    );
  } catch (err) {
    if (err instanceof ValidationError) console.log(`\nSpanish note: ${err.message}`);
    else throw err;
  }
} finally {
  await emulator.close();
}
