import type { AwsAI } from 'aws-ai';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badFields,
  badNumbers,
  badWaitOptions,
  blankStrings,
  defined,
  expectRefused,
  expectTyped,
  hugeStrings,
  loneSurrogates,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settle,
  settlesTyped,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const TEXT = 'Patient takes 40 mg of aspirin daily for chest pain.';
const AUDIO = 's3://clinic/visit.mp3';
const TRANSCRIBE = { ...QUICK, output: 's3://clinic-out/visits/', pollIntervalMs: 1 };

type Call = (ai: AwsAI, input: unknown, o: Record<string, unknown>) => unknown;

/** The Comprehend Medical text methods (one text or an array). */
const TEXT_METHODS: Record<string, Call> = {
  entities: (ai, t, o) => ai.medical.entities(t as string, o),
  phi: (ai, t, o) => ai.medical.phi(t as string, o),
  redactPhi: (ai, t, o) => ai.medical.redactPhi(t as string, o),
  icd10cm: (ai, t, o) => ai.medical.icd10cm(t as string, o),
  rxnorm: (ai, t, o) => ai.medical.rxnorm(t as string, o),
  snomedct: (ai, t, o) => ai.medical.snomedct(t as string, o),
};
const TEXT_NAMES = Object.keys(TEXT_METHODS);

const notText = fc.oneof(wrongTypes, blankStrings, loneSurrogates, badArrays);
const notABoolean = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'boolean'),
    blankStrings,
  ),
);
const notANumber = fc.oneof(
  badNumbers,
  nonIntegers,
  wrongTypes.filter((c) => typeof c.value !== 'number' && c.value != null),
);

describe('medical: text methods refuse bad text before any call', () => {
  for (const [name, call] of Object.entries(TEXT_METHODS)) {
    it(
      `${name}: wrong types, blank, lone surrogates, bad arrays`,
      refusesAll(emu, `medical.${name}`, notText, (t) => call(client(), t, { ...QUICK }), 30),
    );
  }

  it('odd and random strings (alone and in arrays) settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEXT_NAMES),
        oddStrings,
        fc.boolean(),
        async (name, text, asArray) => {
          const input = asArray ? [text.value, TEXT] : text.value;
          const outcome = await settle(() =>
            (TEXT_METHODS[name] as Call)(client(), input, { ...QUICK }),
          );
          expectTyped(outcome, `medical.${name}(${asArray ? `[${text.name}, …]` : text.name})`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('huge strings settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_NAMES), hugeStrings, async (name, text) => {
        const outcome = await settle(() =>
          (TEXT_METHODS[name] as Call)(client(), text.value, { ...QUICK }),
        );
        expectTyped(outcome, `medical.${name}(${text.name})`);
      }),
      { numRuns: 8 },
    );
  }, 60_000);
});

describe('medical: text methods refuse bad options before any call', () => {
  it('language and throwOnItemError', async () => {
    const options = badFields({
      language: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"fr"', () => 'fr'),
        value('"EN"', () => 'EN'),
        value('"en-US"', () => 'en-US'),
      ),
      throwOnItemError: notABoolean,
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_NAMES), options, async (name, bad) => {
        await refusesAll(
          emu,
          `medical.${name}([text], ${bad.name})`,
          value('…', () => 0),
          () => (TEXT_METHODS[name] as Call)(client(), [TEXT], { ...QUICK, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it('phi / redactPhi: types and mask of the wrong type or value', async () => {
    const options = badFields({
      types: fc.oneof(
        wrongTypes.filter((c) => c.value !== null),
        blankStrings,
        badArrays,
      ),
      mask: fc.oneof(wrongTypes.filter((c) => c.value !== null)),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('phi', 'redactPhi'), options, async (name, bad) => {
        if (name === 'phi' && 'mask' in bad.value) return;
        await refusesAll(
          emu,
          `medical.${name}(text, ${bad.name})`,
          value('…', () => 0),
          () => (TEXT_METHODS[name] as Call)(client(), TEXT, { ...QUICK, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  requestOptionProperties(
    it,
    'medical',
    Object.fromEntries(
      Object.entries(TEXT_METHODS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(), TEXT, o),
      ]),
    ),
    emu,
  );
});

describe('medical.transcribe', () => {
  it(
    'audio of the wrong type, blank or not a supported location is refused',
    refusesAll(
      emu,
      'medical.transcribe',
      fc.oneof(
        wrongTypes,
        blankStrings,
        loneSurrogates,
        value('"s3://"', () => 's3://'),
        value('"s3://clinic/a.xyz" (unknown format)', () => 's3://clinic/a.xyz'),
        value('empty bytes', () => new Uint8Array(0)),
        value('[1,2,3]', () => [1, 2, 3]),
      ),
      (audio) => client().medical.transcribe(audio as string, { ...TRANSCRIBE }),
      30,
    ),
  );

  it(
    'odd strings as audio settle typed',
    settlesTyped(
      'medical.transcribe',
      oddStrings,
      (a) => client().medical.transcribe(a as string, { ...TRANSCRIBE }),
      20,
    ),
  );

  it('options of the wrong type or value are refused before any call', async () => {
    const options = badFields({
      output: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"https://x"', () => 'https://x'),
        value('"s3://Bad_Bucket/"', () => 's3://Bad_Bucket/'),
        value('"s3://out/bad key/"', () => 's3://clinic-out/bad key/'),
      ),
      type: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"CONVERSATION"', () => 'CONVERSATION'),
      ),
      specialty: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"CARDIOLOGY"', () => 'CARDIOLOGY'),
      ),
      language: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"en-GB"', () => 'en-GB'),
      ),
      speakers: fc.oneof(
        notANumber,
        value('1', () => 1),
        value('31', () => 31),
      ),
      alternatives: fc.oneof(
        notANumber,
        value('1', () => 1),
        value('11', () => 11),
      ),
      sampleRate: fc.oneof(
        notANumber,
        value('8000', () => 8000),
      ),
      channels: notABoolean,
      identifyPhi: notABoolean,
      vocabulary: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"bad name!"', () => 'bad name!'),
      ),
      format: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"MP3"', () => 'MP3'),
      ),
      jobNamePrefix: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"a/b"', () => 'a/b'),
      ),
      pollIntervalMs: fc.oneof(
        badNumbers.filter((c) => !((c.value as number) > 0 && Number.isFinite(c.value))),
        wrongTypes.filter((c) => typeof c.value !== 'number' && c.value != null),
        value('0', () => 0),
      ),
      onPoll: fc.oneof(wrongTypes.filter((c) => typeof c.value !== 'function')),
      throwOnItemError: notABoolean,
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refusesAll(
          emu,
          `medical.transcribe(audio, ${bad.name})`,
          value('…', () => 0),
          () => client().medical.transcribe(AUDIO, { ...TRANSCRIBE, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  requestOptionProperties(
    it,
    'medical.transcribe',
    {
      transcribe: (o) =>
        client().medical.transcribe(AUDIO, {
          output: TRANSCRIBE.output,
          pollIntervalMs: 1,
          ...o,
        }),
    },
    emu,
  );
});

async function* pcm(chunks = 3): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks; i++) yield new Uint8Array(3200);
}

/** Values that are not a number > 0 (a huge or infinite duration is allowed). */
const positiveOnly = notANumber.filter((c) => !(typeof c.value === 'number' && c.value > 0));

describe('medical.transcribeStream', () => {
  const valid = { sampleRate: 16_000, encoding: 'pcm', sleep: async () => {} } as const;

  it(
    'audio that is not an async iterable of bytes is refused',
    refusesAll(
      emu,
      'medical.transcribeStream',
      fc.oneof(
        wrongTypes,
        blankStrings,
        value('[new Uint8Array(3200)] (sync array)', () => [new Uint8Array(3200)]),
      ),
      (audio) => client().medical.transcribeStream(audio as never, { ...QUICK, ...valid }),
      30,
    ),
  );

  it('audio chunks of the wrong type fail typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(wrongTypes, oddStrings, badArrays), async (chunk) => {
        async function* audio() {
          yield new Uint8Array(3200);
          yield chunk.value;
        }
        const outcome = await settle(() =>
          client().medical.transcribeStream(audio() as never, { ...QUICK, ...valid }),
        );
        expectTyped(outcome, `medical.transcribeStream([bytes, ${chunk.name}])`);
      }),
      { numRuns: 30 },
    );
  });

  it('odd but valid settings settle typed (and the stream ends)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          specialty: fc.constantFrom('PRIMARYCARE', 'CARDIOLOGY', 'UROLOGY'),
          type: fc.constantFrom('conversation', 'dictation'),
          identifyPhi: fc.boolean(),
          channels: fc.constantFrom(1, 2),
          chunks: fc.nat(4),
        }),
        async ({ chunks, ...settings }) => {
          const outcome = await settle(() =>
            client().medical.transcribeStream(pcm(chunks), {
              ...QUICK,
              ...valid,
              ...(settings as object),
            }),
          );
          expectTyped(
            outcome,
            `medical.transcribeStream(${chunks} chunks, ${JSON.stringify(settings)})`,
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it('options out of range or of the wrong type are refused', async () => {
    const options = badFields({
      sampleRate: fc.oneof(
        notANumber,
        value('undefined', () => undefined),
        value('8000 (below medical range)', () => 8000),
        value('48001', () => 48001),
      ),
      encoding: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"mp3"', () => 'mp3'),
      ),
      language: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"en-GB"', () => 'en-GB'),
        value('"es-US"', () => 'es-US'),
      ),
      specialty: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"cardiology"', () => 'cardiology'),
        value('"DERMATOLOGY"', () => 'DERMATOLOGY'),
      ),
      type: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"DICTATION"', () => 'DICTATION'),
      ),
      speakers: notABoolean,
      partials: notABoolean,
      identifyPhi: notABoolean,
      channels: fc.oneof(
        notANumber,
        nonIntegers,
        value('3', () => 3),
        value('0', () => 0),
      ),
      vocabulary: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"bad name!"', () => 'bad name!'),
      ),
      chunkMs: fc.oneof(
        positiveOnly,
        value('0', () => 0),
      ),
      pace: fc.oneof(
        positiveOnly,
        value('"fast"', () => 'fast'),
      ),
      maxSessionMs: fc.oneof(
        positiveOnly,
        value('0', () => 0),
      ),
      idleTimeoutMs: fc.oneof(
        positiveOnly,
        value('0', () => 0),
      ),
      sleep: fc.oneof(
        wrongTypes.filter((c) => typeof c.value !== 'function'),
        blankStrings,
      ),
      keepAlive: fc.oneof(
        wrongTypes.filter((c) => typeof c.value !== 'boolean' && typeof c.value !== 'object'),
        blankStrings,
        value('{ afterMs: -1 }', () => ({ afterMs: -1 })),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refusesAll(
          emu,
          `medical.transcribeStream(audio, ${bad.name})`,
          value('…', () => 0),
          () =>
            client().medical.transcribeStream(pcm(), { ...QUICK, ...valid, ...bad.value } as never),
          1,
        )();
      }),
      { numRuns: 60 },
    );
  });

  it(
    'speakers on a dictation is refused',
    refusesAll(
      emu,
      'medical.transcribeStream(audio, { type: "dictation", speakers: true })',
      value('…', () => 0),
      () =>
        client().medical.transcribeStream(pcm(), {
          ...QUICK,
          ...valid,
          type: 'dictation',
          speakers: true,
        }),
      1,
    ),
  );

  it(
    'options that are not an object are refused',
    refusesAll(
      emu,
      'medical.transcribeStream(audio, options)',
      fc.oneof(wrongTypes, blankStrings),
      (o) => client().medical.transcribeStream(pcm(), o as never),
      20,
    ),
  );

  requestOptionProperties(
    it,
    'medical.transcribeStream',
    { transcribeStream: (o) => client().medical.transcribeStream(pcm(), { ...valid, ...o }) },
    emu,
  );
});

describe('medical.startTranscription and its job', () => {
  const START = { ...QUICK, output: 's3://clinic-out/visits/' };

  it(
    'audio of the wrong type, blank or not a supported location is refused',
    refusesAll(
      emu,
      'medical.startTranscription',
      fc.oneof(
        wrongTypes,
        blankStrings,
        loneSurrogates,
        value('"s3://"', () => 's3://'),
        value('"s3://clinic/a.xyz" (unknown format)', () => 's3://clinic/a.xyz'),
        value('empty bytes', () => new Uint8Array(0)),
        value('bytes without staging', () => new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0])),
      ),
      (audio) => client().medical.startTranscription(audio as string, START),
      30,
    ),
  );

  it(
    'odd strings as audio settle typed',
    settlesTyped(
      'medical.startTranscription',
      oddStrings,
      (a) => client().medical.startTranscription(a as string, START),
      20,
    ),
  );

  it('start options of the wrong type or value are refused before any call', async () => {
    const options = badFields({
      output: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"https://x"', () => 'https://x'),
        value('"s3://Bad_Bucket/"', () => 's3://Bad_Bucket/'),
      ),
      type: fc.oneof(wrongTypes, blankStrings),
      specialty: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"CARDIOLOGY"', () => 'CARDIOLOGY'),
      ),
      language: fc.oneof(wrongTypes, blankStrings),
      speakers: fc.oneof(
        notANumber,
        value('31', () => 31),
      ),
      alternatives: fc.oneof(
        notANumber,
        value('11', () => 11),
      ),
      sampleRate: fc.oneof(
        notANumber,
        value('8000', () => 8000),
      ),
      channels: notABoolean,
      identifyPhi: notABoolean,
      vocabulary: fc.oneof(wrongTypes, blankStrings),
      format: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"MP3"', () => 'MP3'),
      ),
      jobNamePrefix: fc.oneof(
        wrongTypes,
        blankStrings,
        value('"a/b"', () => 'a/b'),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refusesAll(
          emu,
          `medical.startTranscription(audio, ${bad.name})`,
          value('…', () => 0),
          () => client().medical.startTranscription(AUDIO, { ...START, ...bad.value }),
          1,
        )();
      }),
      { numRuns: 40 },
    );
  });

  it('the job refuses bad wait options before any request', async () => {
    const job = await client().medical.startTranscription(AUDIO, START);
    await fc.assert(
      fc.asyncProperty(badWaitOptions, fc.constantFrom('wait', 'result'), async (bad, method) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          method === 'wait' ? job.wait(bad.value as never) : job.result(bad.value as never),
        );
        expectRefused(outcome, `medical job.${method}(${bad.name})`, emu, before);
      }),
      { numRuns: 40 },
    );
  });

  it('resume: refs of the wrong shape are refused before any request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          wrongTypes.filter((c) => c.value !== undefined),
          oddStrings.filter((c) => !/^[0-9a-zA-Z._-]{1,200}$/.test(c.value as string)),
          blankStrings,
        ),
        fc.constantFrom('id', 'region'),
        async (bad, field) => {
          if (field === 'region' && (bad.value === null || typeof bad.value === 'string')) return;
          const ref = { kind: 'transcribe.medical', id: 'visit-1', [field]: bad.value };
          const before = emu.calls.length;
          const outcome = await settle(() =>
            client()
              .jobs.resume(ref as never)
              .status(QUICK),
          );
          expectRefused(outcome, `jobs.resume({ ${field}: ${bad.name} })`, emu, before);
        },
      ),
      { numRuns: 40 },
    );
  });

  requestOptionProperties(
    it,
    'medical.startTranscription',
    { startTranscription: (o) => client().medical.startTranscription(AUDIO, { ...START, ...o }) },
    emu,
  );
});
