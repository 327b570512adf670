/**
 * A Nova Sonic voice session that answers a recorded question and calls a tool: the question
 * (16 kHz PCM, then a short silence so the model hears the end of the turn) is piped in, the
 * model asks for `get_weather`, the library runs it and sends the result back, and the spoken
 * answer comes out as 24 kHz PCM. Runs against the emulator (no AWS account needed):
 *
 *   npx tsx examples/generative-voice.ts
 *
 * The answers are emulated: a scripted Sonic that echoes a canned transcript of the audio's length
 * and speaks a tone, not a real model.
 */

import { AwsAI } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

/** A recorded question: 1.2 s of "speech" then 0.6 s of silence, in 100 ms chunks as a file reads. */
async function* recordedQuestion(): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < 18; i++) {
    const chunk = Buffer.alloc(3200);
    if (i < 12) for (let s = 0; s < 1600; s++) chunk.writeInt16LE(s % 2 ? 3000 : -3000, s * 2);
    yield chunk;
  }
}

const emulator = await startEmulator();
const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):\n');
  const session = ai.generative.voice({
    model: 'amazon.nova-sonic-v1:0',
    system: 'You are a weather assistant. Answer in one sentence.',
    voice: 'matthew',
    tools: {
      get_weather: {
        description: 'Current weather of a city',
        input: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        execute: () => ({ city: 'Paris', forecast: 'sunny', celsius: 21 }),
      },
    },
  });
  const piped = session.pipe(recordedQuestion());
  let audioBytes = 0;
  for await (const event of session) {
    if (event.type === 'transcript' && event.stage === 'final') {
      console.log(`${event.role.padEnd(9)} ${event.text}`);
    } else if (event.type === 'tool-call') {
      console.log(`tool call ${event.name}(${JSON.stringify(event.input)})`);
    } else if (event.type === 'tool-result') {
      console.log(`tool said ${JSON.stringify(event.output)}`);
    } else if (event.type === 'audio') {
      audioBytes += event.audio.byteLength; // a real app plays it: speaker.write(event.audio)
    } else if (event.type === 'turn-end') {
      await piped;
      session.close();
    } else if (event.type === 'end') {
      console.log(`\nspoken answer: ${(audioBytes / 2 / 24_000).toFixed(2)} s of 24 kHz PCM`);
      console.log(`usage: ${JSON.stringify(event.usage)}; connections: ${event.connections}`);
    }
  }
} finally {
  await emulator.close();
}
