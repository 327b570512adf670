import {
  StartTranscriptionJobCommand,
  type StartTranscriptionJobCommandInput,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { AbortError, ValidationError } from 'aws-ai';
import type { TranscribeOptions } from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const FAST_POLL = { pollIntervalMs: 1 } as const;

/** A tiny WAV header plus silence: enough for format sniffing. */
function wav(): Uint8Array {
  const bytes = Buffer.alloc(44 + 3200);
  bytes.write('RIFF', 0);
  bytes.writeUInt32LE(36 + 3200, 4);
  bytes.write('WAVEfmt ', 8);
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(16000, 24);
  bytes.writeUInt32LE(32000, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36);
  bytes.writeUInt32LE(3200, 40);
  return new Uint8Array(bytes);
}

describe('speech.transcribe', () => {
  it('starts a job on an s3:// URI, polls it through IN_PROGRESS and parses the transcript', async () => {
    const polls: (string | undefined)[] = [];
    const transcript = await client().speech.transcribe('s3://media/interview.mp3', {
      speakers: 2,
      ...FAST_POLL,
      onPoll: (info) => polls.push(info.status),
    });
    expect(polls).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    const start = callsTo(emu, 'StartTranscriptionJob')[0]?.input;
    expect(start).toMatchObject({
      Media: { MediaFileUri: 's3://media/interview.mp3' },
      MediaFormat: 'mp3',
      LanguageCode: 'en-US',
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
    });
    expect(String(start?.TranscriptionJobName)).toMatch(/^aws-ai-\d+-[0-9a-f]{8}$/);
    expect(callsTo(emu, 'GetTranscriptionJob')).toHaveLength(3);
    expect(transcript.languageCode).toBe('en-US');
    expect(transcript.speakers).toEqual(['spk_0', 'spk_1']);
    expect(transcript.segments).toHaveLength(6);
    expect(transcript.segments[1]).toMatchObject({
      speaker: 'spk_1',
      text: 'Thank you, it is good to be here.',
    });
    expect(transcript.text.startsWith('Hello and welcome to the emulated transcript.')).toBe(true);
    const comma = transcript.words.find((w) => w.text === ',');
    expect(comma).toMatchObject({ type: 'punctuation', confidence: undefined, speaker: 'spk_1' });
  });

  it('gives every job a new name', async () => {
    const ai = client();
    await Promise.all([
      ai.speech.transcribe('s3://media/a.wav', FAST_POLL),
      ai.speech.transcribe('s3://media/a.wav', FAST_POLL),
    ]);
    const names = callsTo(emu, 'StartTranscriptionJob').map((c) => c.input.TranscriptionJobName);
    expect(new Set(names).size).toBe(2);
  });

  it('stages bytes in S3, writes the transcript to the staging bucket and deletes the upload', async () => {
    const ai = client({ staging: { bucket: 'staging-bucket', prefix: 'tmp/' } });
    const transcript = await ai.speech.transcribe(wav(), { channels: true, ...FAST_POLL });
    const put = callsTo(emu, 'PutObject').find((c) => String(c.input.Key).endsWith('.wav'));
    expect(put?.input.Bucket).toBe('staging-bucket');
    const start = callsTo(emu, 'StartTranscriptionJob')[0]?.input;
    expect(start).toMatchObject({
      Media: { MediaFileUri: `s3://staging-bucket/${String(put?.input.Key)}` },
      MediaFormat: 'wav',
      OutputBucketName: 'staging-bucket',
    });
    expect(String(start?.OutputKey)).toMatch(/^tmp\/transcripts\/aws-ai-.*\.json$/);
    const get = callsTo(emu, 'GetObject').map((c) => c.input.Key);
    expect(get).toContain(start?.OutputKey);
    expect(callsTo(emu, 'DeleteObject').map((c) => c.input.Key)).toContain(put?.input.Key);
    expect(new Set(transcript.words.map((w) => w.channel))).toEqual(new Set(['ch_0', 'ch_1']));
  });

  it('returns the SRT and WebVTT files Transcribe wrote, read through the staging bucket', async () => {
    const ai = client({ staging: { bucket: 'staging-bucket', prefix: 'tmp/' } });
    const transcript = await ai.speech.transcribe('s3://media/talk.mp3', {
      subtitles: true,
      ...FAST_POLL,
    });
    const start = callsTo(emu, 'StartTranscriptionJob')[0]?.input;
    expect(start?.Subtitles).toEqual({ Formats: ['srt', 'vtt'], OutputStartIndex: 1 });
    const base = String(start?.OutputKey).replace(/\.json$/, '');
    const reads = callsTo(emu, 'GetObject').map((c) => c.input.Key);
    expect(reads).toEqual(expect.arrayContaining([`${base}.srt`, `${base}.vtt`]));
    const subtitles = transcript.subtitles;
    expect(subtitles?.startIndex).toBe(1);
    const srt = subtitles?.srt?.split('\n\n') ?? [];
    expect(srt).toHaveLength(6);
    expect(srt[0]).toBe(
      '1\n00:00:00,500 --> 00:00:03,300\nHello and welcome to the emulated transcript.',
    );
    expect(subtitles?.vtt?.startsWith('WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.300\n')).toBe(true);
    expect(transcript.toJSON().subtitles).toEqual(subtitles);
  });

  it('downloads one subtitle format numbered from 0 from the service-managed bucket', async () => {
    const transcript = await client().speech.transcribe('s3://media/talk.mp3', {
      subtitles: { formats: ['vtt'], startIndex: 0 },
      ...FAST_POLL,
    });
    expect(callsTo(emu, 'StartTranscriptionJob')[0]?.input.Subtitles).toEqual({
      Formats: ['vtt'],
      OutputStartIndex: 0,
    });
    expect(transcript.subtitles?.srt).toBeUndefined();
    expect(transcript.subtitles?.vtt).toMatch(/^WEBVTT\n\n0\n00:00:00\.500 --> /);
    expect(transcript.subtitles?.vtt?.match(/ --> /g)).toHaveLength(6);
  });

  it('has no subtitles unless asked', async () => {
    const transcript = await client().speech.transcribe('s3://media/talk.mp3', FAST_POLL);
    expect(transcript.subtitles).toBeUndefined();
    expect(callsTo(emu, 'StartTranscriptionJob')[0]?.input.Subtitles).toBeUndefined();
  });

  it('says to configure staging when bytes are given without it, before any call', async () => {
    await expect(client().speech.transcribe(wav(), FAST_POLL)).rejects.toThrow(/staging/);
    expect(callsTo(emu, 'StartTranscriptionJob')).toHaveLength(0);
  });

  it.each([
    [{ speakers: 1 }, /speakers/],
    [{ alternatives: 20 }, /alternatives/],
    [{ language: 'en-US', identifyLanguage: true }, /either language/],
    [{ subtitles: { formats: ['ass'] } }, /subtitles.formats/],
    [{ subtitles: { formats: [] } }, /subtitles.formats/],
    [{ subtitles: { startIndex: 2 } }, /startIndex/],
  ] as const)('rejects %o before any call', async (options, message) => {
    await expect(
      client().speech.transcribe('s3://media/a.mp3', options as TranscribeOptions),
    ).rejects.toThrow(message);
    expect(callsTo(emu, 'StartTranscriptionJob')).toHaveLength(0);
  });

  it('rejects an unknown format', async () => {
    await expect(client().speech.transcribe('s3://media/a.xyz')).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('reports a failed job with its reason', async () => {
    emu.handle('transcribe', 'GetTranscriptionJob', (input) => ({
      TranscriptionJob: {
        TranscriptionJobName: input.TranscriptionJobName,
        TranscriptionJobStatus: 'FAILED',
        FailureReason: 'The media format provided does not match the detected media format.',
      },
    }));
    await expect(client().speech.transcribe('s3://media/a.mp3', FAST_POLL)).rejects.toMatchObject({
      code: 'TranscriptionJobFailed',
      message: expect.stringMatching(/does not match the detected media format/),
    });
  });

  it('stops polling at once when aborted', async () => {
    emu.handle('transcribe', 'GetTranscriptionJob', (input) => ({
      TranscriptionJob: {
        TranscriptionJobName: input.TranscriptionJobName,
        TranscriptionJobStatus: 'IN_PROGRESS',
      },
    }));
    const controller = new AbortController();
    const pending = client().speech.transcribe('s3://media/a.mp3', {
      ...FAST_POLL,
      signal: controller.signal,
      onPoll: (info) => {
        if (info.attempt === 3) controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(callsTo(emu, 'GetTranscriptionJob')).toHaveLength(3);
  });
});

describe('speech.transcribe output key', () => {
  it("refuses a staging prefix Transcribe's OutputKey cannot hold before anything is uploaded or started", async () => {
    // OutputKey: 1-1,024 of [a-zA-Z0-9-_.!*'()/] (transcribe.json); S3 itself takes the space.
    for (const prefix of ['tmp space/', `${'a'.repeat(1000)}/`]) {
      const ai = client({ staging: { bucket: 'staging-bucket', prefix } });
      for (const input of [wav(), 's3://media/talk.mp3']) {
        const error = await ai.speech.transcribe(input, FAST_POLL).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect(String((error as Error).message)).toMatch(/staging\.prefix/);
      }
      await expect(ai.speech.startTranscription(wav())).rejects.toBeInstanceOf(ValidationError);
    }
    expect(emu.calls).toHaveLength(0);
    const ok = client({ staging: { bucket: 'staging-bucket', prefix: "tmp/(a)!'*-_.x/" } });
    const transcript = await ok.speech.transcribe('s3://media/talk.mp3', FAST_POLL);
    expect(transcript.text.length).toBeGreaterThan(0);
  });
});

describe('emulator: StartTranscriptionJob refuses what the model refuses', () => {
  let n = 0;
  it.each([
    // OutputKey: 1-1,024 of [a-zA-Z0-9-_.!*'()/].
    [{ OutputBucketName: 'out-bucket', OutputKey: 'my transcripts/a.json' }, /outputKey/],
    // OutputBucketName: [a-z0-9][.-a-z0-9]{1,61}[a-z0-9].
    [{ OutputBucketName: 'Out_Bucket' }, /outputBucketName/],
    // MediaSampleRateHertz: 8000-48000.
    [{ MediaSampleRateHertz: 4000 }, /mediaSampleRateHertz/],
    // MediaFormat: mp3, mp4, wav, flac, ogg, amr, webm, m4a.
    [{ MediaFormat: 'aac' }, /mediaFormat/],
    // MaxSpeakers: 2-30, and ShowSpeakerLabels "must also include MaxSpeakerLabels".
    [{ Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 31 } }, /maxSpeakerLabels/],
    [{ Settings: { ShowSpeakerLabels: true } }, /MaxSpeakerLabels/],
    // MaxAlternatives: 2-10, and ShowAlternatives "must also include MaxAlternatives".
    [{ Settings: { ShowAlternatives: true, MaxAlternatives: 11 } }, /maxAlternatives/],
    [{ Settings: { MaxAlternatives: 3 } }, /ShowAlternatives/],
    // "if you include VocabularyFilterName in your request, you must also include VocabularyFilterMethod".
    [{ Settings: { VocabularyFilterName: 'filter' } }, /VocabularyFilterMethod/],
  ] as const)('answers %o with BadRequestException', async (override, message) => {
    const sdk = new TranscribeClient({ ...emu.config, maxAttempts: 1 });
    n += 1;
    const error = await sdk
      .send(
        new StartTranscriptionJobCommand({
          TranscriptionJobName: `model-check-${n}`,
          LanguageCode: 'en-US',
          Media: { MediaFileUri: 's3://media/talk.mp3' },
          ...(override as object),
        } as StartTranscriptionJobCommandInput),
      )
      .catch((e: unknown) => e);
    sdk.destroy();
    expect((error as Error).name).toBe('BadRequestException');
    expect((error as Error).message).toMatch(message);
  });
});
