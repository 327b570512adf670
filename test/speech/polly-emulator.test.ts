import {
  GetSpeechSynthesisTaskCommand,
  PollyClient,
  StartSpeechSynthesisTaskCommand,
  SynthesizeSpeechCommand,
  type SynthesizeSpeechCommandInput,
} from '@aws-sdk/client-polly';
import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const BASE = { Text: 'Hello there.', VoiceId: 'Joanna', OutputFormat: 'mp3' } as const;

describe('emulator: SynthesizeSpeech refuses what Polly refuses (polly.json errors)', () => {
  it.each([
    // Engine defaults to standard: "If a chosen voice isn't supported by the standard engine, this
    // will result in an error".
    [{ VoiceId: 'Kevin' }, 'EngineNotSupportedException'],
    [{ VoiceId: 'Lucia', Engine: 'generative' }, 'EngineNotSupportedException'],
    // SampleRate: pcm 8000 or 16000; ogg_opus 48000.
    [{ OutputFormat: 'pcm', SampleRate: '22050' }, 'InvalidSampleRateException'],
    [{ OutputFormat: 'ogg_opus', SampleRate: '24000' }, 'InvalidSampleRateException'],
    // Speech marks come only in json.
    [{ SpeechMarkTypes: ['word'] }, 'MarksNotSupportedForFormatException'],
    [
      { OutputFormat: 'json', SpeechMarkTypes: ['ssml'], TextType: 'text' },
      'SsmlMarksNotSupportedForTextTypeException',
    ],
  ] as const)('answers %o with %s', async (override, code) => {
    const sdk = new PollyClient({ ...emu.config, maxAttempts: 1 });
    const error = await sdk
      .send(new SynthesizeSpeechCommand({ ...BASE, ...override } as SynthesizeSpeechCommandInput))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe(code);
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('synthesizes what Polly takes: mp3 at 48000 Hz, a neural-only voice on neural, marks in json', async () => {
    const sdk = new PollyClient({ ...emu.config, maxAttempts: 1 });
    for (const override of [
      { SampleRate: '48000' },
      { VoiceId: 'Kevin', Engine: 'neural' },
      { OutputFormat: 'json', SpeechMarkTypes: ['word', 'sentence'] },
    ] as const) {
      const out = await sdk.send(
        new SynthesizeSpeechCommand({ ...BASE, ...override } as SynthesizeSpeechCommandInput),
      );
      expect((await out.AudioStream?.transformToByteArray())?.byteLength).toBeGreaterThan(0);
    }
  });

  it('StartSpeechSynthesisTask takes mp3 up to 24000 Hz only (its SampleRate docs)', async () => {
    const sdk = new PollyClient({ ...emu.config, maxAttempts: 1 });
    const task = { ...BASE, OutputS3BucketName: 'audio-out' } as const;
    const error = await sdk
      .send(new StartSpeechSynthesisTaskCommand({ ...task, SampleRate: '44100' }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidSampleRateException');
    const started = await sdk.send(
      new StartSpeechSynthesisTaskCommand({ ...task, SampleRate: '24000' }),
    );
    expect(started.SynthesisTask?.TaskStatus).toBe('scheduled');
  });
});

describe('emulator: GetSpeechSynthesisTask', () => {
  it('answers a TaskId outside ^[a-zA-Z0-9_-]{1,100}$ with InvalidTaskIdException', async () => {
    const sdk = new PollyClient({ ...emu.config, maxAttempts: 1 });
    for (const TaskId of ['not a task id', 'a'.repeat(101)]) {
      const error = await sdk
        .send(new GetSpeechSynthesisTaskCommand({ TaskId }))
        .catch((e: unknown) => e);
      expect((error as Error).name).toBe('InvalidTaskIdException');
    }
    const unknown = await sdk
      .send(new GetSpeechSynthesisTaskCommand({ TaskId: 'task_1' }))
      .catch((e: unknown) => e);
    expect((unknown as Error).name).toBe('SynthesisTaskNotFoundException');
  });
});

describe('speech.synthesize when the voice list cannot be read', () => {
  it("gets Polly's own refusal of a voice without the engine as a ValidationError naming the operation", async () => {
    // The documented fallback: the pre-check is skipped and Polly answers. The emulator used to
    // synthesize Lucia on the generative engine, which Polly refuses.
    const ai = client({ retry: { retries: 0 } });
    emu.fault({ service: 'polly', operation: 'DescribeVoices', kind: 'server-error', times: 1 });
    const error = await ai.speech
      .synthesize('Hola.', { voice: 'Lucia', engine: 'generative' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'EngineNotSupportedException',
      service: 'polly',
      operation: 'SynthesizeSpeech',
    });
    expect(callsTo(emu, 'SynthesizeSpeech')).toHaveLength(1);
  });
});

describe('speech.voices', () => {
  it("accepts every code of Polly's LanguageCode enum, en-GB-WLS included", async () => {
    const ai = client();
    await expect(ai.speech.voices({ language: 'en-GB-WLS' })).resolves.toEqual([]);
    expect(callsTo(emu, 'DescribeVoices')[0]?.input).toMatchObject({ LanguageCode: 'en-GB-WLS' });
    await expect(ai.speech.voices({ language: 'en-gb' })).rejects.toBeInstanceOf(ValidationError);
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(1);
  });

  it('lists a bilingual voice under its additional language (IncludeAdditionalLanguageCodes)', async () => {
    const voices = await client().speech.voices({ language: 'en-IN' });
    expect(voices.map((v) => v.id)).toEqual(['Aditi']);
    expect(voices[0]?.additionalLanguages).toContain('en-IN');
  });
});

describe('speech.synthesizeToS3 sample rates', () => {
  it.each([
    ['mp3', 44100],
    ['mp3', 48000],
    ['ogg_vorbis', 48000],
  ] as const)(
    'refuses %s at %i Hz (StartSpeechSynthesisTask stops at 24000) before any request',
    async (format, sampleRate) => {
      const error = await client()
        .speech.synthesizeToS3('Hello there.', { output: 's3://audio-out/', format, sampleRate })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(String((error as Error).message)).toMatch(/8000, 16000, 22050, 24000$/);
      expect(emu.calls).toHaveLength(0);
    },
  );

  it('still takes 24000 Hz for a task and 44100 Hz for synthesize', async () => {
    const ai = client();
    const job = await ai.speech.synthesizeToS3('Hello there.', {
      output: 's3://audio-out/',
      sampleRate: 24000,
    });
    expect(job.tasks).toHaveLength(1);
    const spoken = await ai.speech.synthesize('Hello there.', { sampleRate: 44100 });
    expect(spoken.audio.byteLength).toBeGreaterThan(0);
  });
});
