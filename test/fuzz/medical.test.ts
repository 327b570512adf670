import type { AwsAI } from 'aws-ai';
import * as medicalFns from 'aws-ai/medical';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badClientConfigs,
  badFields,
  badNumbers,
  badStrings,
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
import {
  notPositive,
  pcm,
  streamAudioProperties,
  streamFormatFields,
  streamOptionsNotAnObject,
  streamOptionsRefused,
  streamPacingFields,
  streamRequestOptionProperties,
  streamSettingsSettleTyped,
  transcribeStream,
} from './transcribe-stream-properties';

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

const notText = badStrings(loneSurrogates, badArrays);
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
      language: badStrings(
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
      badStrings(
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

  it(
    'options of the wrong type or value are refused before any call',
    refusesAll(
      emu,
      'medical.transcribe',
      badFields({
        output: badStrings(
          value('"https://x"', () => 'https://x'),
          value('"s3://Bad_Bucket/"', () => 's3://Bad_Bucket/'),
          value('"s3://out/bad key/"', () => 's3://clinic-out/bad key/'),
        ),
        type: badStrings(value('"CONVERSATION"', () => 'CONVERSATION')),
        specialty: badStrings(value('"CARDIOLOGY"', () => 'CARDIOLOGY')),
        language: badStrings(value('"en-GB"', () => 'en-GB')),
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
        vocabulary: badStrings(value('"bad name!"', () => 'bad name!')),
        format: badStrings(value('"MP3"', () => 'MP3')),
        jobNamePrefix: badStrings(value('"a/b"', () => 'a/b')),
        pollIntervalMs: fc.oneof(
          badNumbers.filter((c) => !((c.value as number) > 0 && Number.isFinite(c.value))),
          wrongTypes.filter((c) => typeof c.value !== 'number' && c.value != null),
          value('0', () => 0),
        ),
        onPoll: fc.oneof(wrongTypes.filter((c) => typeof c.value !== 'function')),
        throwOnItemError: notABoolean,
      }).filter((c) => c.inner.value !== null),
      (o) => client().medical.transcribe(AUDIO, { ...TRANSCRIBE, ...(o as object) }),
      40,
    ),
  );

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

/** Values that are not a number > 0 (a huge or infinite duration is allowed). */
const positiveOnly = notPositive(notANumber);

describe('medical.transcribeStream', () => {
  const stream = transcribeStream(
    'medical.transcribeStream',
    emu,
    (audio, o) => client().medical.transcribeStream(audio as never, o as never),
    16_000,
  );

  streamAudioProperties(it, stream);

  it(
    'odd but valid settings settle typed (and the stream ends)',
    streamSettingsSettleTyped(
      stream,
      fc.record({
        specialty: fc.constantFrom('PRIMARYCARE', 'CARDIOLOGY', 'UROLOGY'),
        type: fc.constantFrom('conversation', 'dictation'),
        identifyPhi: fc.boolean(),
        channels: fc.constantFrom(1, 2),
        chunks: fc.nat(4),
      }),
    ),
  );

  it(
    'options out of range or of the wrong type are refused',
    streamOptionsRefused(
      stream,
      badFields({
        ...streamFormatFields(
          notANumber,
          value('8000 (below medical range)', () => 8000),
        ),
        language: badStrings(
          value('"en-GB"', () => 'en-GB'),
          value('"es-US"', () => 'es-US'),
        ),
        specialty: badStrings(
          value('"cardiology"', () => 'cardiology'),
          value('"DERMATOLOGY"', () => 'DERMATOLOGY'),
        ),
        type: badStrings(value('"DICTATION"', () => 'DICTATION')),
        speakers: notABoolean,
        partials: notABoolean,
        identifyPhi: notABoolean,
        channels: fc.oneof(
          notANumber,
          nonIntegers,
          value('3', () => 3),
          value('0', () => 0),
        ),
        vocabulary: badStrings(value('"bad name!"', () => 'bad name!')),
        ...streamPacingFields(positiveOnly, positiveOnly),
        keepAlive: fc.oneof(
          wrongTypes.filter((c) => typeof c.value !== 'boolean' && typeof c.value !== 'object'),
          blankStrings,
          value('{ afterMs: -1 }', () => ({ afterMs: -1 })),
        ),
      }).filter((c) => c.inner.value !== null),
      60,
    ),
  );

  it(
    'speakers on a dictation is refused',
    refusesAll(
      emu,
      'medical.transcribeStream(audio, { type: "dictation", speakers: true })',
      value('…', () => 0),
      () =>
        client().medical.transcribeStream(pcm(), {
          ...QUICK,
          ...stream.valid,
          type: 'dictation',
          speakers: true,
        } as never),
      1,
    ),
  );

  streamOptionsNotAnObject(it, stream);
  streamRequestOptionProperties(it, stream, 'transcribeStream');
});

describe('medical.startTranscription and its job', () => {
  const START = { ...QUICK, output: 's3://clinic-out/visits/' };

  it(
    'audio of the wrong type, blank or not a supported location is refused',
    refusesAll(
      emu,
      'medical.startTranscription',
      badStrings(
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

  it(
    'start options of the wrong type or value are refused before any call',
    refusesAll(
      emu,
      'medical.startTranscription',
      badFields({
        output: badStrings(
          value('"https://x"', () => 'https://x'),
          value('"s3://Bad_Bucket/"', () => 's3://Bad_Bucket/'),
        ),
        type: badStrings(),
        specialty: badStrings(value('"CARDIOLOGY"', () => 'CARDIOLOGY')),
        language: badStrings(),
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
        vocabulary: badStrings(),
        format: badStrings(value('"MP3"', () => 'MP3')),
        jobNamePrefix: badStrings(value('"a/b"', () => 'a/b')),
      }).filter((c) => c.inner.value !== null),
      (o) => client().medical.startTranscription(AUDIO, { ...START, ...(o as object) }),
      40,
    ),
  );

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
          expectRefused(outcome, `jobs.resume({ ${field}: ${bad.name} })`, emu, before, false);
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

describe('aws-ai/medical: the per-operation functions', () => {
  type Fn = (c: unknown, input: unknown, o: Record<string, unknown>) => unknown;
  /** The Comprehend Medical functions, called like {@link TEXT_METHODS}. */
  const TEXT_FUNCTIONS: Record<string, Fn> = {
    entities: (c, t, o) => medicalFns.entities(c as never, t as string, o),
    phi: (c, t, o) => medicalFns.phi(c as never, t as string, o),
    redactPhi: (c, t, o) => medicalFns.redactPhi(c as never, t as string, o),
    icd10cm: (c, t, o) => medicalFns.icd10cm(c as never, t as string, o),
    rxnorm: (c, t, o) => medicalFns.rxnorm(c as never, t as string, o),
    snomedct: (c, t, o) => medicalFns.snomedct(c as never, t as string, o),
  };
  const STREAM = { sampleRate: 16_000, encoding: 'pcm', sleep: async () => {} };
  /** Every function with a valid input and the options it needs to run. */
  const FUNCTIONS: Record<string, (c: unknown, o: Record<string, unknown>) => unknown> = {
    ...Object.fromEntries(
      Object.entries(TEXT_FUNCTIONS).map(([name, fn]) => [
        name,
        (c: unknown, o: Record<string, unknown>) => fn(c, TEXT, o),
      ]),
    ),
    transcribe: (c, o) => medicalFns.transcribe(c as never, AUDIO, { ...TRANSCRIBE, ...o }),
    startTranscription: (c, o) =>
      medicalFns.startTranscription(c as never, AUDIO, {
        ...QUICK,
        output: TRANSCRIBE.output,
        ...o,
      }),
    transcribeStream: (c, o) =>
      medicalFns.transcribeStream(c as never, pcm(), { ...STREAM, ...o } as never),
  };
  const NAMES = Object.keys(FUNCTIONS);
  const medicalClient = () =>
    medicalFns.createMedicalClient({ ...emu.config, retry: { retries: 0 } });
  /** First arguments that are neither a MedicalClient nor a Medical module. */
  const notAClient = fc.oneof(
    wrongTypes,
    blankStrings,
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('{ ctx: null }', () => ({ ctx: null })),
    value('a config object', () => ({ ...emu.config })),
    value('[medicalClient]', () => [medicalClient()]),
  );

  it('a first argument that is not a MedicalClient or a Medical module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notAClient, async (name, bad) => {
        const before = emu.calls.length;
        const call = FUNCTIONS[name] as (c: unknown, o: Record<string, unknown>) => unknown;
        const outcome = await settle(() => call(bad.value, { ...QUICK }));
        expectRefused(outcome, `medical ${name}(${bad.name}, …)`, emu, before, false);
      }),
      { numRuns: 80 },
    );
  });

  it('bad text is refused before any call, with a client or ai.medical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEXT_NAMES),
        notText,
        fc.boolean(),
        async (name, bad, module) => {
          const before = emu.calls.length;
          const first = module ? client().medical : medicalClient();
          const outcome = await settle(() =>
            (TEXT_FUNCTIONS[name] as Fn)(first, bad.value, { ...QUICK }),
          );
          expectRefused(outcome, `medical ${name}(client, ${bad.name})`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('odd strings (alone and in arrays) settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEXT_NAMES),
        oddStrings,
        fc.boolean(),
        async (name, text, asArray) => {
          const input = asArray ? [text.value, TEXT] : text.value;
          const outcome = await settle(() =>
            (TEXT_FUNCTIONS[name] as Fn)(medicalClient(), input, { ...QUICK }),
          );
          expectTyped(
            outcome,
            `medical ${name}(client, ${asArray ? `[${text.name}, …]` : text.name})`,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it(
    'createMedicalClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createMedicalClient',
      badClientConfigs,
      (config) => medicalFns.createMedicalClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/medical functions',
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) => fn(medicalClient(), o),
      ]),
    ),
    emu,
  );
});
