import { ValidationError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const SENTENCES = [
  'The quick brown fox jumps over the lazy dog.',
  'Amazon Polly turns text into lifelike speech!',
  'Does a long article need more than one request?',
  'Naïve café owners serve crème brûlée to 😀 guests.',
];

/** About `length` characters of varied sentences, each numbered so every word is unique-ish. */
function longText(length: number): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const sentence = `${SENTENCES[i % SENTENCES.length]?.replace('.', ` number ${i}.`)}`;
    parts.push(sentence);
    total += sentence.length + 1;
  }
  return parts.join(' ');
}

function textsSent(): string[] {
  return callsTo(emu, 'SynthesizeSpeech').map((call) => String(call.input.Text));
}

describe('speech.synthesize', () => {
  it('splits 20,000 characters under the limit and joins the audio in piece order', async () => {
    const text = longText(20_000);
    // Audio that is the piece's own text, answered slower for earlier pieces: a join in
    // completion order would scramble it.
    emu.handle('polly', 'SynthesizeSpeech', async (input) => {
      const piece = String(input.Text);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 20 - text.indexOf(piece) / 1000)),
      );
      return {
        AudioStream: new TextEncoder().encode(piece),
        ContentType: 'audio/pcm',
        RequestCharacters: piece.length,
      };
    });
    const ai = client();
    const result = await ai.speech.synthesize(text, { format: 'pcm' });
    const sent = textsSent();
    expect(sent.length).toBeGreaterThanOrEqual(7);
    expect(result.pieces).toBe(sent.length);
    for (const piece of sent) expect(piece.length).toBeLessThanOrEqual(3000);
    // Pieces end at sentence ends.
    for (const piece of sent.slice(0, -1)) expect(piece.trimEnd()).toMatch(/[.!?]$/);
    expect(new TextDecoder().decode(result.audio)).toBe(text);
    expect(result.characters).toBe(text.length);
    expect(result.requestIds).toHaveLength(sent.length);
  });

  it('re-bases word and sentence marks onto the joined MP3 and the original text', async () => {
    const text = longText(20_000);
    const ai = client();
    const result = await ai.speech.synthesize(text, { marks: ['sentence', 'word'] });
    const calls = callsTo(emu, 'SynthesizeSpeech');
    expect(calls).toHaveLength(result.pieces * 2);
    expect(calls.filter((c) => c.input.OutputFormat === 'json')).toHaveLength(result.pieces);
    const marks = result.marks ?? [];
    const bytes = new TextEncoder().encode(text);
    const words = marks.filter((m) => m.type === 'word');
    expect(words.length).toBe(text.split(/\s+/).filter((w) => /[^.,!?;:]/.test(w)).length);
    for (const mark of marks) {
      expect(new TextDecoder().decode(bytes.subarray(mark.start, mark.end))).toBe(mark.value);
    }
    for (let i = 1; i < marks.length; i++) {
      expect(marks[i]?.time).toBeGreaterThanOrEqual(marks[i - 1]?.time ?? 0);
    }
    // The last word is spoken inside the audio, i.e. times were shifted by real durations.
    expect(result.durationMs).toBeGreaterThan(words.at(-1)?.time ?? Number.POSITIVE_INFINITY);
    expect(words.at(-1)?.time).toBeGreaterThan(text.length * 50);
  });

  it('measures the audio of earlier pieces for standalone speech marks', async () => {
    const text = longText(7_000);
    const marks = await client().speech.speechMarks(text, { types: ['word'] });
    const calls = callsTo(emu, 'SynthesizeSpeech');
    const json = calls.filter((c) => c.input.OutputFormat === 'json');
    const pcm = calls.filter((c) => c.input.OutputFormat === 'pcm');
    expect(pcm).toHaveLength(json.length - 1);
    const bytes = new TextEncoder().encode(text);
    for (const mark of marks) {
      expect(new TextDecoder().decode(bytes.subarray(mark.start, mark.end))).toBe(mark.value);
    }
    const times = marks.map((m) => m.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it('computes the duration of MP3 from its frames and of PCM from its size', async () => {
    const ai = client();
    const mp3 = await ai.speech.synthesize('a'.repeat(100));
    // The emulator speaks 60 ms per character; MP3 frames at 22,050 Hz last 26.1 ms.
    expect(mp3.durationMs).toBeGreaterThan(6000 - 27);
    expect(mp3.durationMs).toBeLessThan(6000 + 27);
    const pcm = await ai.speech.synthesize('a'.repeat(100), { format: 'pcm', sampleRate: 8000 });
    expect(pcm.audio.byteLength).toBe(8000 * 2 * 6);
    expect(pcm.durationMs).toBe(6000);
  });
});

/** Serial numbers of the logical streams of an Ogg file, in order (read from its BOS pages). */
function oggChains(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const serials: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    expect(new TextDecoder().decode(bytes.subarray(at, at + 4))).toBe('OggS');
    const segments = bytes[at + 26] ?? 0;
    let body = 0;
    for (let i = 0; i < segments; i++) body += bytes[at + 27 + i] ?? 0;
    if ((bytes[at + 5] ?? 0) & 0x02) serials.push(view.getUint32(at + 14, true));
    at += 27 + segments + body;
  }
  expect(at).toBe(bytes.length);
  return serials;
}

describe('speech.synthesize with Ogg', () => {
  it('measures Ogg Opus (48 kHz granules minus pre-skip) and Ogg Vorbis (header rate)', async () => {
    const ai = client();
    const opus = await ai.speech.synthesize('a'.repeat(100), { format: 'ogg_opus' });
    expect(oggChains(opus.audio)).toHaveLength(1);
    expect(opus.durationMs).toBe(6000);
    const vorbis = await ai.speech.synthesize('a'.repeat(90), {
      format: 'ogg_vorbis',
      sampleRate: 24000,
    });
    expect(vorbis.durationMs).toBe(5400);
  });

  it.each(['ogg_opus', 'ogg_vorbis'] as const)(
    're-bases marks of split text onto a chained %s file',
    async (format) => {
      const text = longText(7_000);
      const result = await client().speech.synthesize(text, { format, marks: ['word'] });
      const audioCalls = callsTo(emu, 'SynthesizeSpeech').filter(
        (c) => c.input.OutputFormat === format,
      );
      expect(result.pieces).toBeGreaterThan(2);
      expect(oggChains(result.audio)).toHaveLength(result.pieces);
      // The emulator speaks 60 ms per character of each piece.
      const pieceMs = audioCalls.map((c) => String(c.input.Text).length * 60);
      expect(result.durationMs).toBe(pieceMs.reduce((a, b) => a + b, 0));
      const marks = result.marks ?? [];
      const bytes = new TextEncoder().encode(text);
      for (const mark of marks) {
        expect(new TextDecoder().decode(bytes.subarray(mark.start, mark.end))).toBe(mark.value);
      }
      const times = marks.map((m) => m.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // The second piece's first word starts right after the first piece's audio.
      const secondStart = Buffer.byteLength(
        text.slice(0, text.indexOf(String(audioCalls[1]?.input.Text).trim())),
      );
      const firstOfSecond = marks.find((m) => m.start >= secondStart);
      expect(firstOfSecond?.time).toBe(pieceMs[0]);
    },
  );

  it('says so when Polly returns Ogg it cannot measure for split text with marks', async () => {
    emu.handle('polly', 'SynthesizeSpeech', (input) =>
      input.OutputFormat === 'json'
        ? { AudioStream: new Uint8Array(), ContentType: 'application/x-json-stream' }
        : { AudioStream: new TextEncoder().encode('OggS broken'), ContentType: 'audio/ogg' },
    );
    await expect(
      client().speech.synthesize(longText(7_000), { format: 'ogg_opus', marks: ['word'] }),
    ).rejects.toMatchObject({ code: 'UnmeasurableAudio' });
  });
});

describe('speech.synthesize choosing a voice', () => {
  const voice = (Id: string, LanguageCode: string, SupportedEngines: string[], extra = {}) => ({
    Id,
    Name: Id,
    Gender: 'Female',
    LanguageCode,
    LanguageName: LanguageCode,
    SupportedEngines,
    ...extra,
  });
  const useVoices = () =>
    emu.handle('polly', 'DescribeVoices', () => ({
      Voices: [
        voice('Ivy', 'en-US', ['standard']),
        voice('Kevin', 'en-US', ['neural']),
        // Polly's long-form voices are their own (Danielle, Gregory, Ruth); the emulator refuses
        // long-form for any other.
        voice('Ruth', 'en-US', ['neural', 'long-form']),
        voice('Aditi', 'hi-IN', ['standard'], { AdditionalLanguageCodes: ['en-IN'] }),
      ],
    }));
  const voiceSent = () => callsTo(emu, 'SynthesizeSpeech').map((c) => c.input.VoiceId);

  it('picks the first voice of the language that supports the requested engine', async () => {
    useVoices();
    const ai = client();
    const neural = await ai.speech.synthesize('Hello.', { language: 'en-US', engine: 'neural' });
    const standard = await ai.speech.synthesize('Hello.', { language: 'en-US' });
    const longForm = await ai.speech.speechMarks('Hello.', {
      language: 'en-US',
      engine: 'long-form',
    });
    expect([neural.voice, standard.voice]).toEqual(['Kevin', 'Ivy']);
    expect(voiceSent()).toEqual(['Kevin', 'Ivy', 'Ruth']);
    expect(longForm.length).toBeGreaterThan(0);
    expect(callsTo(emu, 'SynthesizeSpeech')[0]?.input).toMatchObject({
      LanguageCode: 'en-US',
      Engine: 'neural',
    });
    // One DescribeVoices for the client, however many voices are chosen from it.
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(1);
  });

  it('falls back to a voice that speaks the language as an additional language', async () => {
    useVoices();
    const chunks: Uint8Array[] = [];
    for await (const chunk of client().speech.synthesizeStream('Namaste.', { language: 'en-IN' })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(0);
    expect(voiceSent()).toEqual(['Aditi']);
  });

  it('rejects a language without a voice for the engine before synthesizing', async () => {
    useVoices();
    const ai = client();
    await expect(
      ai.speech.synthesize('Hello.', { language: 'en-US', engine: 'generative' }),
    ).rejects.toThrow(
      /No en-US voice supports the generative engine; pass engine: one of standard, neural, long-form/,
    );
    await expect(ai.speech.synthesize('Hola.', { language: 'xx-XX' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(callsTo(emu, 'SynthesizeSpeech')).toHaveLength(0);
  });

  it('uses Joanna without listing voices when neither voice nor language is given', async () => {
    const result = await client().speech.synthesize('Hello.');
    expect(result.voice).toBe('Joanna');
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(0);
  });
});

describe('speech.synthesize with SSML', () => {
  function longSsml(): string {
    const paragraphs: string[] = [];
    for (let i = 0; i < 60; i++) {
      paragraphs.push(
        `<p><prosody rate="slow">Paragraph ${i} starts here. <mark name="m${i}"/>It has <say-as interpret-as="characters">SSML</say-as> inside &amp; more words to read aloud. ${'Filler words keep going on. '.repeat(4)}</prosody></p>`,
      );
    }
    return `<speak xml:lang="en-US">${paragraphs.join('\n')}</speak>`;
  }

  function balanced(ssml: string): boolean {
    const stack: string[] = [];
    for (const tag of ssml.matchAll(/<(\/?)([a-z:-]+)[^>]*?(\/?)>/g)) {
      if (tag[3] === '/') continue;
      if (tag[1] === '/') {
        if (stack.pop() !== tag[2]) return false;
      } else stack.push(tag[2] ?? '');
    }
    return stack.length === 0;
  }

  it('splits SSML over the limit into valid <speak> documents without breaking tags', async () => {
    const ssml = longSsml();
    const billed = ssml.replace(/<[^>]*>/g, '').length;
    expect(billed).toBeGreaterThan(9000);
    const result = await client().speech.synthesize(ssml, { marks: ['ssml', 'word'] });
    const sent = textsSent().filter(
      (_, i) => callsTo(emu, 'SynthesizeSpeech')[i]?.input.OutputFormat === 'mp3',
    );
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const piece of sent) {
      expect(piece).toMatch(/^<speak xml:lang="en-US">[\s\S]*<\/speak>$/);
      expect(balanced(piece)).toBe(true);
      expect(piece.replace(/<[^>]*>/g, '').length).toBeLessThanOrEqual(3000);
      expect(piece.length).toBeLessThanOrEqual(6000);
      // Never cut inside a say-as: each one is whole.
      expect(piece.match(/<say-as[^>]*>/g)?.length ?? 0).toBe(
        piece.match(/<\/say-as>/g)?.length ?? 0,
      );
      expect(piece).not.toMatch(/<say-as[^>]*><\/say-as>/);
    }
    const ssmlMarks = (result.marks ?? []).filter((m) => m.type === 'ssml');
    expect(ssmlMarks.map((m) => m.value)).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`));
    const bytes = new TextEncoder().encode(ssml);
    for (const mark of result.marks ?? []) {
      const slice = new TextDecoder().decode(bytes.subarray(mark.start, mark.end));
      if (mark.type === 'ssml') expect(slice).toBe(`<mark name="${mark.value}"/>`);
      else expect(slice).toBe(mark.value);
    }
  });

  it('rejects unbalanced SSML before any call', async () => {
    await expect(
      client().speech.synthesize('<speak><prosody rate="slow">Hello</speak>'),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(textsSent()).toHaveLength(0);
  });
});

describe('speech.synthesize validation', () => {
  it.each([
    [{ format: 'pcm', sampleRate: 22050 }, /pcm at 22050 Hz/],
    [{ format: 'ogg_opus', sampleRate: 24000 }, /48000/],
    [{ format: 'wav' }, /format must be one of/],
    [{ engine: 'generative', marks: ['word'] }, /generative/],
    [{ marks: ['ssml'] }, /SSML input/],
    [{ lexicons: ['a', 'b', 'c', 'd', 'e', 'f'] }, /at most 5 lexicons/],
  ] as const)('rejects %o before any call', async (options, message) => {
    await expect(client().speech.synthesize('Hello there.', options as never)).rejects.toThrow(
      message,
    );
    expect(callsTo(emu, 'SynthesizeSpeech')).toHaveLength(0);
  });

  it('rejects a voice that lacks the engine from the cached voice list', async () => {
    const ai = client();
    const error = await ai.speech
      .synthesize('Hola.', { voice: 'Lucia', engine: 'generative' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as Error).message)).toMatch(
      /Lucia does not support the generative engine/,
    );
    expect(callsTo(emu, 'SynthesizeSpeech')).toHaveLength(0);
    await ai.speech.synthesize('Hola.', { voice: 'Lucia', engine: 'neural' });
    expect(callsTo(emu, 'DescribeVoices')).toHaveLength(1);
    expect(callsTo(emu, 'SynthesizeSpeech')).toHaveLength(1);
  });
});

describe('speech.synthesizeStream', () => {
  it('streams the same audio as synthesize, piece by piece', async () => {
    const text = longText(8_000);
    const ai = client();
    const whole = await ai.speech.synthesize(text);
    const chunks = await ai.speech.synthesizeStream(text).collect();
    expect(chunks.length).toBeGreaterThanOrEqual(whole.pieces);
    expect(Buffer.concat(chunks).equals(Buffer.from(whole.audio))).toBe(true);
  });

  it('stops requesting pieces when the consumer stops reading', async () => {
    const text = longText(20_000);
    const stream = client().speech.synthesizeStream(text);
    for await (const chunk of stream) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      break;
    }
    // The first piece plus at most two prefetched ones, out of seven or more.
    expect(callsTo(emu, 'SynthesizeSpeech').length).toBeLessThanOrEqual(3);
  });

  it('throws ValidationError at once for a bad format', () => {
    expect(() =>
      client().speech.synthesizeStream('Hi.', { format: 'mulaw', sampleRate: 16000 }),
    ).toThrow(ValidationError);
  });
});
