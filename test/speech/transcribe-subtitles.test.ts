import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });

const BUCKET = 'staging-bucket';
const FAST_POLL = { pollIntervalMs: 1 } as const;
const uri = (key: string) => `https://s3.us-east-1.amazonaws.com/${BUCKET}/${key}`;
const TRANSCRIPT = JSON.stringify({
  jobName: 'j',
  accountId: '123456789012',
  status: 'COMPLETED',
  results: { transcripts: [{ transcript: 'Hello.' }], items: [] },
});

async function put(key: string, body: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

/** A finished job whose outputs are `transcript` and the subtitle files `subtitles`. */
function finishedJob(transcript: string, subtitles: string[]): void {
  emu.handle('transcribe', 'GetTranscriptionJob', (input) => ({
    TranscriptionJob: {
      TranscriptionJobName: input.TranscriptionJobName,
      TranscriptionJobStatus: 'COMPLETED',
      LanguageCode: 'en-US',
      Transcript: { TranscriptFileUri: uri(transcript) },
      Subtitles: {
        Formats: ['srt', 'vtt'],
        OutputStartIndex: 1,
        SubtitleFileUris: subtitles.map(uri),
      },
    },
  }));
}

describe('speech.transcribe subtitles', () => {
  it('a requested subtitle format missing from the finished job is a ServiceError MissingSubtitles', async () => {
    await put('out/job.json', TRANSCRIPT);
    await put('out/job.srt', '1\n00:00:00,000 --> 00:00:01,000\nHello.\n');
    finishedJob('out/job.json', ['out/job.srt']);
    const ai = client({ staging: { bucket: BUCKET, prefix: 'tmp/' } });
    const error = await ai.speech
      .transcribe('s3://media/talk.mp3', { subtitles: true, ...FAST_POLL })
      .catch((e: unknown) => e);
    // Not a transcript with an srt and no vtt: the vtt asked for is missing from the finished job.
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'MissingSubtitles',
      service: 'transcribe',
      operation: 'GetTranscriptionJob',
    });
    expect(String((error as Error).message)).toMatch(/vtt/);
  });
});
