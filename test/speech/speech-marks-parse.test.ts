import { ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { parseMarks } from '../../src/speech/speech-marks-parse';
import { useEmulator } from '../helpers/emulator';

/**
 * Item 8b of issue 13: a speech-marks body that is not JSON Lines is a typed ServiceError
 * (`MalformedResponse`) from speechMarks and synthesize({ marks }), never a SyntaxError, and its
 * message does not quote the body.
 */

const { emu, client } = await useEmulator();

const BODY = 'Patient record 4711 <html>not json';

function brokenMarks() {
  emu.handle('polly', 'SynthesizeSpeech', (input) =>
    input.OutputFormat === 'json'
      ? { AudioStream: new TextEncoder().encode(BODY), ContentType: 'application/x-json-stream' }
      : { AudioStream: new Uint8Array(1600), ContentType: 'audio/pcm' },
  );
}

describe('speech marks that are not JSON Lines', () => {
  it.each([
    ['speechMarks', () => client().speech.speechMarks('Hello there.')],
    [
      'synthesize({ marks })',
      () => client().speech.synthesize('Hello there.', { format: 'pcm', marks: ['word'] }),
    ],
  ] as const)('%s rejects with ServiceError MalformedResponse', async (_, run) => {
    brokenMarks();
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({
      service: 'polly',
      operation: 'SynthesizeSpeech',
      code: 'MalformedResponse',
      retryable: false,
    });
    expect((err as Error).message).not.toContain('Patient');
    expect((err as Error).message).toMatch(/not JSON Lines/);
  });

  it('parses good lines and names the bad line number', () => {
    const good = '{"time":6,"type":"word","start":0,"end":5,"value":"Hello"}\n';
    expect(parseMarks(new TextEncoder().encode(good))).toEqual([
      { time: 6, type: 'word', start: 0, end: 5, value: 'Hello' },
    ]);
    expect(() => parseMarks(new TextEncoder().encode(`${good}[1,2]\n`))).toThrow(/line 2 of/);
  });
});

describe('speech mark lines that are JSON objects but not marks', () => {
  it.each([
    ['{"time":"soon","type":"word","start":0,"end":5,"value":"Hello"}', /has no time/],
    ['{"type":"word","start":0,"end":5,"value":"Hello"}', /has no time/],
    ['{"time":6,"type":"phrase","start":0,"end":5,"value":"Hello"}', /has no mark type/],
    ['{"time":6,"type":"word","start":0,"end":5}', /has no value/],
    ['{"time":6,"type":"word","start":-1,"end":5,"value":"Hello"}', /start/],
    ['{}', /has no mark type/],
  ])('%s is MalformedResponse naming the line, not a mark with NaN times', (line, problem) => {
    const good = '{"time":6,"type":"word","start":0,"end":5,"value":"Hello"}';
    const err = (() => {
      try {
        parseMarks(new TextEncoder().encode(`${good}\n${line}\n`));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'MalformedResponse', service: 'polly' });
    expect((err as Error).message).toMatch(/line 2 of 3/);
    expect((err as Error).message).toMatch(problem);
    expect((err as Error).message).not.toContain('Hello');
  });

  it('takes a viseme mark, which has no start or end', () => {
    const viseme = '{"time":125,"type":"viseme","value":"k"}\n';
    expect(parseMarks(new TextEncoder().encode(viseme))).toEqual([
      { time: 125, type: 'viseme', start: 0, end: 0, value: 'k' },
    ]);
  });
});
