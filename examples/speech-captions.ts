/**
 * Captions for a video: a Transcribe job on a file in S3, polled to completion and turned into
 * SubRip and WebVTT; then live transcription of a PCM stream. Runs against the emulator (the
 * transcript is canned, not real Transcribe output):
 *
 *   npx tsx examples/speech-captions.ts
 */

import { Speech } from 'aws-ai/speech';
import { startEmulator } from 'aws-ai/testing';

/** Two seconds of 16 kHz 16-bit PCM silence, in the uneven chunks a file or socket would give. */
async function* pcmAudio(): AsyncGenerator<Uint8Array> {
  const audio = new Uint8Array(2 * 16_000 * 2);
  for (let at = 0; at < audio.length; at += 5_000) yield audio.subarray(at, at + 5_000);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const emulator = await startEmulator();
  const speech = new Speech(emulator.config);
  console.log('Emulated answers (not real Transcribe):');

  const transcript = await speech.transcribe('s3://my-videos/keynote.mp4', {
    speakers: 2,
    subtitles: true, // also Transcribe's own SRT/WebVTT files
    pollIntervalMs: 50,
    onProgress: ({ state, awsStatus }) => console.log(`  check: ${awsStatus ?? state}`),
  });
  for (const turn of transcript.segments) console.log(`${turn.speaker}: ${turn.text}`);
  console.log(`\n${transcript.toSrt()}`);
  console.log(transcript.toVtt({ maxLineLength: 32 }));
  console.log("Transcribe's own SRT starts:", transcript.subtitles?.srt?.split('\n\n')[0]);

  // Live: any AsyncIterable of audio, re-framed into 100 ms chunks (pace 0: as fast as possible).
  const live = speech.transcribeStream(pcmAudio(), {
    sampleRate: 16_000,
    encoding: 'pcm',
    pace: 0,
  });
  for await (const event of live) {
    if (!event.isPartial) console.log(`[${event.start.toFixed(1)}s] ${event.text}`);
  }
  console.log('final transcript:', (await live.transcript()).text.slice(0, 60), '…');
  await emulator.close();
}
