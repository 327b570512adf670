import {
  StartCallAnalyticsJobCommand,
  type StartCallAnalyticsJobCommandInput,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { ServiceError, ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();
const FAST = { intervalMs: 1, maxIntervalMs: 2 };

describe('speech.analyzeCall', () => {
  it('runs a Call Analytics job on an s3:// recording and parses its output', async () => {
    const call = await client().speech.analyzeCall('s3://calls/2024/1234.wav', {
      output: 's3://calls/analytics/',
      channels: { agent: 1, customer: 0 },
      summarization: true,
      languages: ['en-US'],
      name: 'call-1234',
      poll: FAST,
    });
    expect(callsTo(emu, 'StartCallAnalyticsJob')[0]?.input).toEqual({
      CallAnalyticsJobName: 'call-1234',
      Media: { MediaFileUri: 's3://calls/2024/1234.wav' },
      OutputLocation: 's3://calls/analytics/',
      ChannelDefinitions: [
        { ChannelId: 1, ParticipantRole: 'AGENT' },
        { ChannelId: 0, ParticipantRole: 'CUSTOMER' },
      ],
      Settings: { Summarization: { GenerateAbstractiveSummary: true }, LanguageOptions: ['en-US'] },
    });
    expect(callsTo(emu, 'GetCallAnalyticsJob')).toHaveLength(2);
    expect(callsTo(emu, 'GetObject')[0]?.input).toMatchObject({
      Bucket: 'calls',
      Key: 'analytics/call-1234.json',
    });
    expect(call.turns.map((t) => [t.participant, t.sentiment])).toEqual([
      ['agent', 'neutral'],
      ['customer', 'negative'],
      ['agent', 'positive'],
    ]);
    expect(call.turns[1]?.issues[0]?.text).toBe('was charged twice for my order.');
    expect(call.turns[2]?.actionItems[0]?.text).toBe('will email you a receipt');
    expect(call.turns[2]?.outcomes[0]?.text).toBe('refunded the second charge');
    expect(call.summary).toContain('refunded the second charge');
    expect(call.characteristics.sentiment).toEqual({ agent: 2.5, customer: -1.2 });
    expect(call.transcript.segments).toHaveLength(3);
  });

  it('stages bytes, and surfaces a failed job with its reason', async () => {
    emu.handle('transcribe', 'GetCallAnalyticsJob', (input) => ({
      CallAnalyticsJob: {
        CallAnalyticsJobName: input.CallAnalyticsJobName,
        CallAnalyticsJobStatus: 'FAILED',
        FailureReason: 'The media format is not supported.',
      },
    }));
    const ai = client({ staging: { bucket: 'staging', prefix: 'calls/' } });
    const err = await ai.speech
      .analyzeCall(new Uint8Array([1, 2, 3, 4]), { output: 's3://calls/out/', poll: FAST })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'JobFailed' });
    expect((err as Error).message).toContain('The media format is not supported.');
    expect(callsTo(emu, 'PutObject')).toHaveLength(1);
    expect(callsTo(emu, 'StartCallAnalyticsJob')[0]?.input.Media).toEqual({
      MediaFileUri: expect.stringMatching(/^s3:\/\/staging\/calls\//),
    });
  });

  it('refuses bad options before any call', async () => {
    const speech = client().speech;
    const bad: Array<Record<string, unknown>> = [
      {},
      { output: 'calls/out' },
      { output: 's3://calls/out/', channels: { agent: 0, customer: 0 } },
      { output: 's3://calls/out/', channels: { agent: 2, customer: 0 } },
      { output: 's3://calls/out/', summarization: 'yes' },
      { output: 's3://calls/out/', languages: [] },
      { output: 's3://calls/out/', name: 'bad name' },
      { output: 's3://calls/out/', roleArn: 'role' },
      // OutputLocation (shape Uri): at most 2,000 characters.
      { output: `s3://calls/${'a'.repeat(1990)}/` },
    ];
    for (const options of bad) {
      const err = await speech
        .analyzeCall('s3://calls/a.wav', options as { output: string })
        .catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
    }
    await expect(
      speech.analyzeCall(new Uint8Array([1, 2]), { output: 's3://calls/out/' }),
    ).rejects.toThrow(/staging/);
    expect(emu.calls).toHaveLength(0);
  });

  it('writes the analysis to the file an output location names (s3://bucket/folder/file.json)', async () => {
    const call = await client().speech.analyzeCall('s3://calls/a.wav', {
      output: 's3://calls/analytics/call-1234.json',
      pollIntervalMs: 1,
    });
    expect(call.turns.length).toBeGreaterThan(0);
    const read = callsTo(emu, 'GetObject').map((c) => `${c.input.Bucket}/${c.input.Key}`);
    expect(read).toEqual(['calls/analytics/call-1234.json']);
  });
});

describe('emulator: StartCallAnalyticsJob refuses what the model refuses', () => {
  let n = 0;
  it.each([
    // ChannelDefinitions: exactly 2, ChannelId 0-1, ParticipantRole AGENT or CUSTOMER.
    [{ ChannelDefinitions: [{ ChannelId: 0, ParticipantRole: 'AGENT' }] }, /channelDefinitions/],
    [
      {
        ChannelDefinitions: [
          { ChannelId: 0, ParticipantRole: 'AGENT' },
          { ChannelId: 2, ParticipantRole: 'CUSTOMER' },
        ],
      },
      /channelId/,
    ],
    // DataAccessRoleArn: an IAM role ARN.
    [{ DataAccessRoleArn: 'arn:aws:s3:::calls' }, /dataAccessRoleArn/],
    // OutputLocation (Uri): at most 2,000 characters.
    [{ OutputLocation: `s3://calls/${'a'.repeat(1995)}/` }, /outputLocation/],
  ] as const)('answers %j with BadRequestException', async (override, message) => {
    const sdk = new TranscribeClient({ ...emu.config, maxAttempts: 1 });
    n += 1;
    const error = await sdk
      .send(
        new StartCallAnalyticsJobCommand({
          CallAnalyticsJobName: `model-check-${n}`,
          Media: { MediaFileUri: 's3://calls/a.wav' },
          OutputLocation: 's3://calls/out/',
          ...(override as object),
        } as StartCallAnalyticsJobCommandInput),
      )
      .catch((e: unknown) => e);
    sdk.destroy();
    expect((error as Error).name).toBe('BadRequestException');
    expect((error as Error).message).toMatch(message);
  });
});
