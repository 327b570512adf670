import {
  GetMedicalTranscriptionJobCommand,
  StartMedicalTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { ServiceError, TimeoutError, ValidationError } from 'aws-ai';
import { MedicalTranscript, parseMedicalTranscript } from 'aws-ai/medical';
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

describe('medical.transcribe', () => {
  it('runs a medical job into the caller bucket and parses speakers, words and captions', async () => {
    const polls: Array<string | undefined> = [];
    const t = await client().medical.transcribe('s3://clinic/visit.mp3', {
      type: 'conversation',
      speakers: 2,
      output: 's3://clinic-out/visits/',
      onPoll: (info) => polls.push(info.status),
      ...FAST_POLL,
    });
    expect(t).toBeInstanceOf(MedicalTranscript);
    const start = callsTo(emu, 'StartMedicalTranscriptionJob')[0]?.input;
    expect(start).toMatchObject({
      LanguageCode: 'en-US',
      Media: { MediaFileUri: 's3://clinic/visit.mp3' },
      MediaFormat: 'mp3',
      OutputBucketName: 'clinic-out',
      Specialty: 'PRIMARYCARE',
      Type: 'CONVERSATION',
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
    });
    expect(String(start?.OutputKey)).toMatch(/^visits\/aws-ai-medical-.*\.json$/);
    expect(polls).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(callsTo(emu, 'GetObject').map((c) => c.input)).toEqual([
      expect.objectContaining({ Bucket: 'clinic-out', Key: start?.OutputKey }),
    ]);
    expect(t.text).toBe(
      'What brings you in today? I have had chest pain and a cough for two days. Are you taking any medication? Only aspirin, 81 mg daily.',
    );
    expect(t.speakers).toEqual(['spk_0', 'spk_1']);
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['spk_0', 'What brings you in today?'],
      ['spk_1', 'I have had chest pain and a cough for two days.'],
      ['spk_0', 'Are you taking any medication?'],
      ['spk_1', 'Only aspirin, 81 mg daily.'],
    ]);
    const words = t.words.filter((w) => w.type === 'pronunciation');
    expect(words.every((w) => w.confidence === 0.9912 && w.end > w.start)).toBe(true);
    expect(t.words.find((w) => w.text === ',')).toMatchObject({
      type: 'punctuation',
      speaker: 'spk_1',
    });
    const srt = t.toSrt();
    expect(srt.startsWith('1\n00:00:00,500 --> ')).toBe(true);
    expect(t.toVtt()).toContain('<v spk_1>I have had chest pain');
    expect(JSON.parse(JSON.stringify(t)).segments).toHaveLength(4);
  });

  it('stages bytes through the staging bucket, writes there when no output is given, and cleans up', async () => {
    const ai = client({ staging: { bucket: 'staging-bucket', prefix: 'tmp/' } });
    const t = await ai.medical.transcribe(wav(), {
      type: 'dictation',
      channels: true,
      identifyPhi: true,
      ...FAST_POLL,
    });
    const put = callsTo(emu, 'PutObject').find((c) => String(c.input.Key).endsWith('.wav'));
    expect(put?.input.Bucket).toBe('staging-bucket');
    const start = callsTo(emu, 'StartMedicalTranscriptionJob')[0]?.input;
    expect(start).toMatchObject({
      Media: { MediaFileUri: `s3://staging-bucket/${String(put?.input.Key)}` },
      MediaFormat: 'wav',
      OutputBucketName: 'staging-bucket',
      Type: 'DICTATION',
      ContentIdentificationType: 'PHI',
      Settings: { ChannelIdentification: true },
    });
    expect(String(start?.OutputKey)).toMatch(/^tmp\/transcripts\/aws-ai-medical-.*\.json$/);
    expect(callsTo(emu, 'DeleteObject').map((c) => c.input.Key)).toContain(put?.input.Key);
    expect(t.channels.map((c) => c.channel)).toEqual(['ch_0']);
    expect(t.words.every((w) => w.channel === 'ch_0')).toBe(true);
  });

  it('refuses bad options and a missing output location before any call', async () => {
    const ai = client();
    const bad = [
      ai.medical.transcribe('s3://clinic/a.mp3', FAST_POLL),
      ai.medical.transcribe('s3://clinic/a.mp3', { output: 'https://x', ...FAST_POLL }),
      ai.medical.transcribe('s3://clinic/a.mp3', { output: 's3://Bad_Bucket/', ...FAST_POLL }),
      ai.medical.transcribe('s3://clinic/a.mp3', {
        output: 's3://out/',
        language: 'es-US' as 'en-US',
      }),
      ai.medical.transcribe('s3://clinic/a.mp3', {
        output: 's3://out/',
        specialty: 'CARDIOLOGY' as 'PRIMARYCARE',
      }),
      ai.medical.transcribe('s3://clinic/a.mp3', { output: 's3://out/', speakers: 31 }),
      ai.medical.transcribe('s3://clinic/a.mp3', { output: 's3://out/', sampleRate: 8000 }),
      ai.medical.transcribe('s3://clinic/a.mp3', {
        output: 's3://out/',
        speakers: 2,
        channels: true,
      }),
      ai.medical.transcribe('s3://clinic/a.xyz', { output: 's3://out/' }),
    ];
    for (const call of bad) await expect(call).rejects.toBeInstanceOf(ValidationError);
    await expect(ai.medical.transcribe('s3://clinic/a.mp3', FAST_POLL)).rejects.toThrow(
      /your own S3 bucket.*output.*staging/,
    );
    expect(emu.calls).toHaveLength(0);
  });

  it('reports a failed job as ServiceError and a deadline as TimeoutError', async () => {
    emu.handle('transcribe', 'GetMedicalTranscriptionJob', (input) => ({
      MedicalTranscriptionJob: {
        MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
        TranscriptionJobStatus: 'FAILED',
        FailureReason: 'Unsupported media format',
      },
    }));
    await expect(
      client().medical.transcribe('s3://clinic/a.mp3', { output: 's3://out/', ...FAST_POLL }),
    ).rejects.toSatisfy(
      (e) => ServiceError.isInstance(e) && /Unsupported media format/.test(e.message),
    );

    emu.handle('transcribe', 'GetMedicalTranscriptionJob', (input) => ({
      MedicalTranscriptionJob: {
        MedicalTranscriptionJobName: input.MedicalTranscriptionJobName,
        TranscriptionJobStatus: 'IN_PROGRESS',
      },
    }));
    await expect(
      client().medical.transcribe('s3://clinic/a.mp3', {
        output: 's3://out/',
        timeoutMs: 150,
        pollIntervalMs: 10,
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('parses a medical output file given as text', () => {
    const t = parseMedicalTranscript(
      JSON.stringify({
        jobName: 'j',
        results: {
          transcripts: [{ transcript: 'No fever.' }],
          items: [
            {
              start_time: '0.1',
              end_time: '0.3',
              alternatives: [{ confidence: '0.9', content: 'No' }],
              type: 'pronunciation',
            },
            {
              start_time: '0.3',
              end_time: '0.8',
              alternatives: [{ confidence: '0.8', content: 'fever' }],
              type: 'pronunciation',
            },
            { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
          ],
        },
      }),
    );
    expect(t.text).toBe('No fever.');
    expect(t.segments.map((s) => s.text)).toEqual(['No fever.']);
    expect(t.words.at(-1)).toMatchObject({
      text: '.',
      start: 0.8,
      end: 0.8,
      confidence: undefined,
    });
    expect(() => parseMedicalTranscript('{}')).toThrow(ValidationError);
  });

  // Two parties on two channels answering at once: words with the same times, each item labelled
  // with its own channel as AWS writes channel-identification output (Transcribe Developer Guide,
  // "Example channel identification output (batch)"). Matching by time alone gives both words the
  // channel seen last.
  it("keeps each item's own channel when the channels overlap in time", () => {
    const word = (channel: string, content: string, start: string, end: string) => ({
      channel_label: channel,
      start_time: start,
      end_time: end,
      alternatives: [{ confidence: '0.9', content }],
      type: 'pronunciation',
    });
    const ch0 = [
      word('ch_0', 'Any', '0.5', '0.8'),
      word('ch_0', 'pain', '0.8', '1.0'),
      word('ch_0', 'yes', '1.2', '1.5'),
    ];
    const ch1 = [word('ch_1', 'No', '1.2', '1.5')];
    const t = parseMedicalTranscript({
      results: {
        transcripts: [{ transcript: 'Any pain yes No' }],
        channel_labels: {
          channels: [
            { channel_label: 'ch_0', items: ch0 },
            { channel_label: 'ch_1', items: ch1 },
          ],
          number_of_channels: 2,
        },
        items: [...ch0, ...ch1],
      },
    });
    expect(t.words.map((w) => [w.text, w.channel])).toEqual([
      ['Any', 'ch_0'],
      ['pain', 'ch_0'],
      ['yes', 'ch_0'],
      ['No', 'ch_1'],
    ]);
    expect(t.segments.map((s) => [s.channel, s.text])).toEqual([
      ['ch_0', 'Any pain yes'],
      ['ch_1', 'No'],
    ]);
    expect(t.channels.map((c) => [c.channel, c.text])).toEqual([
      ['ch_0', 'Any pain yes'],
      ['ch_1', 'No'],
    ]);
  });
});

// The request members' constraints in reference/aws-models/transcribe.json
// (StartMedicalTranscriptionJobRequest, MedicalTranscriptionSetting): a raw SDK request breaking
// one of them is refused as AWS refuses it, so a test of code that skips aws-ai's own checks cannot
// pass against the emulator and fail against AWS.
describe('emulator: StartMedicalTranscriptionJob refuses what the model refuses', () => {
  const valid = {
    LanguageCode: 'en-US',
    Media: { MediaFileUri: 's3://clinic/visit.wav' },
    OutputBucketName: 'clinic-out',
    Specialty: 'PRIMARYCARE',
    Type: 'CONVERSATION',
  } as const;
  let n = 0;
  const send = async (override: Record<string, unknown>) => {
    const sdk = new TranscribeClient({ ...emu.config, maxAttempts: 1 });
    n += 1;
    try {
      return await sdk
        .send(
          new StartMedicalTranscriptionJobCommand({
            MedicalTranscriptionJobName: `model-check-${n}`,
            ...valid,
            ...override,
          } as never),
        )
        .catch((e: unknown) => e);
    } finally {
      sdk.destroy();
    }
  };

  it.each([
    [
      'MediaSampleRateHertz 8000 (MedicalMediaSampleRateHertz: 16,000-48,000)',
      { MediaSampleRateHertz: 8000 },
    ],
    ['MediaSampleRateHertz 96000', { MediaSampleRateHertz: 96_000 }],
    [
      'MaxSpeakerLabels 31 (MaxSpeakers: 2-30)',
      { Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 31 } },
    ],
    ['MaxSpeakerLabels 1', { Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 1 } }],
    ['ShowSpeakerLabels without MaxSpeakerLabels', { Settings: { ShowSpeakerLabels: true } }],
    ['MaxSpeakerLabels without ShowSpeakerLabels', { Settings: { MaxSpeakerLabels: 2 } }],
    [
      'MaxAlternatives 11 (MaxAlternatives: 2-10)',
      { Settings: { ShowAlternatives: true, MaxAlternatives: 11 } },
    ],
    ['ShowAlternatives without MaxAlternatives', { Settings: { ShowAlternatives: true } }],
    ['MaxAlternatives without ShowAlternatives', { Settings: { MaxAlternatives: 3 } }],
    ['a VocabularyName with a space', { Settings: { VocabularyName: 'my vocab' } }],
    [
      'ContentIdentificationType PII (MedicalContentIdentificationType: PHI)',
      { ContentIdentificationType: 'PII' },
    ],
    [
      'an OutputBucketName with upper case (OutputBucketName pattern)',
      { OutputBucketName: 'Clinic-Out' },
    ],
    ['an s3:// OutputBucketName', { OutputBucketName: 's3://clinic-out' }],
    ['an OutputKey with a space (OutputKey pattern)', { OutputKey: 'visits/a b.json' }],
    ['an OutputKey of 1,025 characters', { OutputKey: 'k'.repeat(1025) }],
  ])('%s: BadRequestException, no job', async (_, override) => {
    const error = await send(override);
    expect((error as Error).name).toBe('BadRequestException');
    const sdk = new TranscribeClient({ ...emu.config, maxAttempts: 1 });
    const lookup = await sdk
      .send(
        new GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: `model-check-${n}` }),
      )
      .catch((e: unknown) => e);
    sdk.destroy();
    expect((lookup as Error).name).toBe('NotFoundException');
  });

  it('takes the edges the model allows', async () => {
    const out = await send({
      MediaSampleRateHertz: 48_000,
      OutputKey: "visits/(a)_b-c.d!e*f'g.json",
      ContentIdentificationType: 'PHI',
      Settings: {
        ShowSpeakerLabels: true,
        MaxSpeakerLabels: 30,
        ShowAlternatives: true,
        MaxAlternatives: 10,
        VocabularyName: 'clinic.terms_v-2',
      },
    });
    expect(out).not.toBeInstanceOf(Error);
    expect(
      (out as { MedicalTranscriptionJob?: { TranscriptionJobStatus?: string } })
        .MedicalTranscriptionJob?.TranscriptionJobStatus,
    ).toBe('IN_PROGRESS');
  });
});
