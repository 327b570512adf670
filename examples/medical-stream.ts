/**
 * Live medical transcription: audio streamed to Transcribe Medical (StartMedicalStreamTranscription)
 * as it is produced, results printed as they arrive (partials are revised, finals are not), PHI
 * labelled in the finals, and captions of the whole visit at the end. Any
 * `AsyncIterable<Uint8Array>` works as the source: a microphone, a socket, a file read in chunks.
 * Runs against the emulator (no AWS account needed):
 *
 *   npx tsx examples/medical-stream.ts
 *
 * The words are emulated ("emulated words 1 2 3"), not Transcribe Medical's models.
 */

import { AwsAI, ValidationError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const RATE = 16_000;

/** Two seconds of 16 kHz 16-bit PCM (a tone), as a microphone would deliver it: 50 ms at a time. */
async function* microphone(): AsyncGenerator<Uint8Array> {
  const chunk = (RATE * 2) / 20;
  for (let at = 0; at < RATE * 2 * 2; at += chunk) {
    const samples = new Int16Array(chunk / 2);
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.round(Math.sin((2 * Math.PI * 440 * (at / 2 + i)) / RATE) * 3000);
    }
    yield new Uint8Array(samples.buffer);
  }
}

const emulator = await startEmulator();
const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):');
  const live = ai.medical.transcribeStream(microphone(), {
    sampleRate: RATE,
    encoding: 'pcm',
    specialty: 'CARDIOLOGY',
    type: 'conversation',
    speakers: true,
    identifyPhi: true,
    // The source here is a generator that is ready at once: send it 4× faster than real time.
    pace: 4,
    // A visit has no natural end for the library to wait for: bound the whole stream.
    timeoutMs: 60_000,
  });
  let partials = 0;
  for await (const event of live) {
    if (event.isPartial) {
      partials += 1;
      continue;
    }
    const phi = event.entities.map((e) => `${e.category} "${e.text}" @${e.start}s`).join(', ');
    console.log(
      `  [${event.start.toFixed(1)}–${event.end.toFixed(1)} s] speaker ${event.speaker}: ${event.text}${phi ? `   (${phi})` : ''}`,
    );
  }
  const visit = await live.transcript();
  console.log(`\n${partials} partial results, ${visit.segments.length} speaker turns.`);
  console.log(`\n${visit.toVtt().split('\n').slice(0, 7).join('\n')}\n…`);

  // Transcribe Medical streams US English only: refused at once, before any request.
  try {
    ai.medical.transcribeStream(microphone(), {
      sampleRate: RATE,
      encoding: 'pcm',
      language: 'es-US' as 'en-US',
    });
  } catch (err) {
    if (err instanceof ValidationError) console.log(`\nSpanish audio: ${err.message}`);
    else throw err;
  }
} finally {
  await emulator.close();
}
