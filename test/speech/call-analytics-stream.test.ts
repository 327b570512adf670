import { StartCallAnalyticsStreamTranscriptionCommand } from '@aws-sdk/client-transcribe-streaming';
import { AbortError, StreamError, TimeoutError, ValidationError } from 'aws-ai';
import type { CallAnalyticsStreamEvent, CallUtteranceEvent } from 'aws-ai/speech';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';
import {
  type Arrivals,
  countArrivals,
  drain,
  refusalOf,
  stopsSending,
} from '../helpers/transcribe-streams';

const { emu, client } = await useEmulator();

const RATE = 8_000;
/** Bytes of one second of two-channel 16-bit PCM at 8 kHz. */
const SECOND = RATE * 2 * 2;

/** `seconds` of two-channel PCM (left rising, right falling) in uneven chunks. */
async function* stereo(seconds: number, chunkBytes = 5_555): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.alloc(Math.round(seconds * SECOND));
  for (let i = 0; i < bytes.length / 4; i++) {
    bytes.writeInt16LE(i % 3000, i * 4);
    bytes.writeInt16LE(-(i % 3000), i * 4 + 2);
  }
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

const utterances = (events: CallAnalyticsStreamEvent[]) =>
  events.filter((e): e is CallUtteranceEvent => e.type === 'utterance');

/** Replaces the emulator's handler by one that counts audio bytes and answers one final per chunk. */
const countAudio = (): Arrivals =>
  countArrivals(
    emu,
    'StartCallAnalyticsStreamTranscription',
    'CallAnalyticsTranscriptResultStream',
    (n) => ({
      UtteranceEvent: {
        UtteranceId: `u${n}`,
        IsPartial: false,
        ParticipantRole: 'AGENT',
        BeginOffsetMillis: (n - 1) * 100,
        EndOffsetMillis: n * 100,
        Transcript: `chunk ${n}`,
        Items: ['chunk', String(n)].map((Content) => ({ Content, Type: 'pronunciation' })),
      },
    }),
  );

describe('speech.analyzeCallStream', () => {
  it('streams a two-channel call into typed utterance and category events and a transcript', async () => {
    const stream = client().speech.analyzeCallStream(stereo(1), {
      sampleRate: RATE,
      encoding: 'pcm',
      channels: { agent: 1, customer: 0 },
      pii: 'identify',
      pace: 0,
    });
    const events: CallAnalyticsStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const finals = utterances(events).filter((e) => !e.isPartial);
    // The emulator answers one utterance per 100 ms of audio, alternating channel 0 and 1.
    expect(finals).toHaveLength(10);
    expect(utterances(events).filter((e) => e.isPartial)).toHaveLength(10);
    expect(finals[0]).toEqual({
      type: 'utterance',
      id: 'emulated-utterance-1',
      isPartial: false,
      // Channel 0 is the customer's, as the ConfigurationEvent said.
      participant: 'customer',
      text: 'emulated words 1 2 3',
      start: 0,
      end: 0.1,
      sentiment: 'neutral',
      issues: [],
      entities: [
        { text: '3', category: 'PII', type: 'PIN', start: 0.08, end: 0.1, confidence: 0.9 },
      ],
      words: [
        { text: 'emulated', start: 0, end: 0.02 },
        { text: 'words', start: 0.02, end: 0.04 },
        { text: '1', start: 0.04, end: 0.06 },
        { text: '2', start: 0.06, end: 0.08 },
        { text: '3', start: 0.08, end: 0.1 },
      ].map((w) => ({ ...w, type: 'pronunciation', confidence: 0.99, speaker: 'customer' })),
    });
    expect(finals.map((e) => e.participant)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'customer' : 'agent')),
    );
    expect(finals.map((e) => e.sentiment).slice(0, 4)).toEqual([
      'neutral',
      'positive',
      'negative',
      'mixed',
    ]);
    // The third utterance is a negative customer turn: an issue (a span of its text) and a category.
    const third = finals[2];
    expect(third?.issues).toEqual([{ text: 'words', start: 9, end: 14 }]);
    expect(third?.text.slice(9, 14)).toBe('words');
    const thirdAt = events.indexOf(third as CallAnalyticsStreamEvent);
    expect(events[thirdAt + 1]).toEqual({
      type: 'category',
      categories: [{ name: 'emulated-complaint', at: [{ start: 0.2, end: 0.3 }] }],
    });
    expect(events.filter((e) => e.type === 'category')).toHaveLength(2);
    for (let i = 1; i < finals.length; i++) expect(finals[i]?.start).toBe(finals[i - 1]?.end);

    const transcript = await stream.transcript();
    expect(transcript.speakers).toEqual(['customer', 'agent']);
    expect(transcript.segments.map((s) => s.speaker).slice(0, 3)).toEqual([
      'customer',
      'agent',
      'customer',
    ]);
    expect(transcript.words.at(-1)?.end).toBe(1);
    expect(transcript.languageCode).toBe('en-US');

    const call = callsTo(emu, 'StartCallAnalyticsStreamTranscription')[0];
    expect(call?.httpVersion).toBe('2.0');
    expect(call?.input).toMatchObject({
      LanguageCode: 'en-US',
      MediaSampleRateHertz: RATE,
      MediaEncoding: 'pcm',
      ContentIdentificationType: 'PII',
      PiiEntityTypes: 'ALL',
    });
  });

  it('sends the ConfigurationEvent first in every session, and re-bases times past maxSessionMs', async () => {
    const seen = countAudio();
    const stream = client().speech.analyzeCallStream(stereo(2.5), {
      sampleRate: RATE,
      encoding: 'pcm',
      language: 'en-GB',
      pii: 'redact',
      piiTypes: ['NAME', 'PHONE'],
      postCall: { output: 's3://calls/analytics/', roleArn: 'arn:aws:iam::123456789012:role/Ca' },
      pace: 0,
      maxSessionMs: 1_000,
    });
    const events = utterances(await stream.collect());
    const calls = callsTo(emu, 'StartCallAnalyticsStreamTranscription');
    expect(calls).toHaveLength(3);
    expect(seen.configurations).toEqual(
      new Array(3).fill({
        ChannelDefinitions: [
          { ChannelId: 0, ParticipantRole: 'AGENT' },
          { ChannelId: 1, ParticipantRole: 'CUSTOMER' },
        ],
        PostCallAnalyticsSettings: {
          OutputLocation: 's3://calls/analytics/',
          DataAccessRoleArn: 'arn:aws:iam::123456789012:role/Ca',
        },
      }),
    );
    expect(seen.bytes).toBe(2.5 * SECOND);
    // Two-channel frames: 100 ms × 8,000 Hz × 2 bytes × 2 channels, whatever the source's chunks.
    expect(new Set(seen.sizes)).toEqual(new Set([3_200]));
    expect(events).toHaveLength(25);
    // Each session counts from 0; the stream re-bases onto one timeline.
    expect(events.map((e) => e.start)).toEqual(
      Array.from({ length: 25 }, (_, i) => Math.round(i * 100) / 1000),
    );
    expect(events[10]).toMatchObject({ id: 'u1', start: 1, end: 1.1 });
    expect(calls[0]?.input).toMatchObject({
      LanguageCode: 'en-GB',
      ContentRedactionType: 'PII',
      PiiEntityTypes: 'NAME,PHONE',
    });
    expect(calls[0]?.input.ContentIdentificationType).toBeUndefined();
  });

  it('aborts mid-stream: AbortError, finals kept, no audio reaches the emulator after', async () => {
    const seen = countAudio();
    const controller = new AbortController();
    const stream = client().speech.analyzeCallStream(stereo(5), {
      sampleRate: RATE,
      encoding: 'pcm',
      signal: controller.signal,
    });
    let atAbort = -1;
    const error = await drain(stream, (event) => {
      if (event.type === 'utterance' && event.text === 'chunk 2') {
        controller.abort();
        atAbort = seen.bytes;
      }
    });
    expect(error).toBeInstanceOf(AbortError);
    expect(stream.transcriptSoFar().text).toBe('chunk 1 chunk 2');
    // Chunks already on the wire when the abort came may still land; then nothing more.
    const settled = await stopsSending(seen, 100);
    expect(settled - atAbort).toBeLessThanOrEqual(2 * 3_200);
    expect(seen.bytes).toBeLessThan(SECOND);
  });

  it('ends with a TimeoutError at timeoutMs and sends nothing after', async () => {
    const seen = countAudio();
    const error = await drain(
      client().speech.analyzeCallStream(stereo(10), {
        sampleRate: RATE,
        encoding: 'pcm',
        timeoutMs: 300,
      }),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).operation).toBe('StartCallAnalyticsStreamTranscription');
    const after = await stopsSending(seen, 50);
    expect(after).toBeLessThan(SECOND);
  });

  it('ends with a StreamError when the service fails mid-stream, keeping the finals', async () => {
    emu.fault({ service: 'transcribe-streaming', kind: 'stream-error', afterEvents: 4 });
    const stream = client().speech.analyzeCallStream(stereo(1), {
      sampleRate: RATE,
      encoding: 'pcm',
      pace: 0,
    });
    const events: CallAnalyticsStreamEvent[] = [];
    const error = await drain(stream, (e) => events.push(e));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).operation).toBe('StartCallAnalyticsStreamTranscription');
    expect(events).toHaveLength(4);
    expect(stream.transcriptSoFar().text).toBe('emulated words 1 2 3 emulated words 4 5 6');
  });

  it.each([
    [{ channels: { agent: 0, customer: 0 } }, /channels must put agent and customer/],
    [{ language: 'ja-JP' }, /Call Analytics streaming supports en-US, en-GB/],
    [{ piiTypes: ['NAME'] }, /piiTypes needs pii/],
    [{ pii: 'identify', piiTypes: ['SHOE_SIZE'] }, /piiTypes must be/],
    [{ pii: 'hide' }, /pii must be/],
    [{ postCall: { output: 'calls/out', roleArn: 'arn:aws:iam::123456789012:role/R' } }, /s3:\/\//],
    [{ postCall: { output: 's3://calls/out/', roleArn: 'admin' } }, /IAM role ARN/],
    [{ sampleRate: 7000 }, /sampleRate/],
    [{ encoding: 'mp3' }, /encoding/],
    [{ languageModel: 'bad name' }, /languageModel/],
  ] as const)('refuses %o at once, before any request', (extra, message) => {
    const call = () =>
      client().speech.analyzeCallStream(stereo(1), {
        sampleRate: RATE,
        encoding: 'pcm',
        ...(extra as object),
      } as never);
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(message);
    expect(emu.calls).toHaveLength(0);
  });

  it('names an unsupported language with code UnsupportedLanguage', () => {
    try {
      client().speech.analyzeCallStream(stereo(1), {
        sampleRate: RATE,
        encoding: 'pcm',
        language: 'zh-CN' as 'en-US',
      });
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationError).code).toBe('UnsupportedLanguage');
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('emulator: StartCallAnalyticsStreamTranscription', () => {
  const base = { LanguageCode: 'en-US', MediaSampleRateHertz: RATE, MediaEncoding: 'pcm' };
  const inStream = { resultStream: 'CallAnalyticsTranscriptResultStream' };

  it('answers audio without a ConfigurationEvent first with BadRequestException in the stream', async () => {
    const error = await refusalOf(
      emu,
      StartCallAnalyticsStreamTranscriptionCommand,
      base,
      inStream,
    );
    expect(error?.name).toBe('BadRequestException');
    expect(error?.message).toMatch(/ConfigurationEvent/);
  });

  it('refuses a language outside CallAnalyticsLanguageCode', async () => {
    const error = await refusalOf(emu, StartCallAnalyticsStreamTranscriptionCommand, {
      ...base,
      LanguageCode: 'ja-JP',
    });
    expect(error?.name).toBe('BadRequestException');
  });

  it.each([
    // MediaEncoding: pcm, ogg-opus, flac.
    [{ MediaEncoding: 'mp3' }, /mediaEncoding/],
    // VocabularyName: 1-200 of ^[0-9a-zA-Z._-]+$.
    [{ VocabularyName: 'my vocab' }, /vocabularyName/],
    // SessionId: a 36-character UUID.
    [{ SessionId: 'not-a-uuid' }, /sessionId/],
    // PiiEntityTypes needs ContentIdentificationType or ContentRedactionType.
    [{ PiiEntityTypes: 'NAME' }, /PiiEntityTypes/],
  ] as const)('answers %o with BadRequestException', async (override, message) => {
    const error = await refusalOf(emu, StartCallAnalyticsStreamTranscriptionCommand, {
      ...base,
      ...override,
    });
    expect(error?.name).toBe('BadRequestException');
    expect(error?.message).toMatch(message);
  });

  it('answers PostCallAnalyticsSettings without its DataAccessRoleArn with BadRequestException in the stream', async () => {
    const configuration = {
      ConfigurationEvent: {
        ChannelDefinitions: [
          { ChannelId: 0, ParticipantRole: 'AGENT' },
          { ChannelId: 1, ParticipantRole: 'CUSTOMER' },
        ],
        PostCallAnalyticsSettings: { OutputLocation: 's3://calls/out/' },
      },
    };
    const error = await refusalOf(emu, StartCallAnalyticsStreamTranscriptionCommand, base, {
      ...inStream,
      events: [configuration],
    });
    expect(error?.name).toBe('BadRequestException');
    expect(error?.message).toMatch(/DataAccessRoleArn/);
  });
});
