import type { AwsAI } from 'aws-ai';
import * as genFns from 'aws-ai/generative';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badClientConfigs,
  badFields,
  badNumbers,
  badStrings,
  blankStrings,
  Case,
  defined,
  loneSurrogates,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settlesTyped,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const MODEL = 'amazon.nova-lite-v1:0';
const EMBED = 'amazon.titan-embed-text-v2:0';
const CANVAS = 'amazon.nova-canvas-v1:0';
const SONIC = 'amazon.nova-sonic-v1:0';
const City = z.object({ city: z.string() });

type Call = (ai: AwsAI, params: Record<string, unknown>, o: Record<string, unknown>) => unknown;

/** Every method that takes GenerateParams (model + prompt/messages), with what else it needs. */
const TEXT_GEN: Record<string, Call> = {
  generate: (ai, p, o) => ai.generative.generate(p as never, o),
  stream: (ai, p, o) => ai.generative.stream(p as never, o),
  'chat().send': (ai, p, o) => {
    const { prompt, ...rest } = p;
    return ai.generative.chat(rest as never).send(prompt as string, o);
  },
  'chat().stream': (ai, p, o) => {
    const { prompt, ...rest } = p;
    return ai.generative.chat(rest as never).stream(prompt as string, o);
  },
  generateObject: (ai, p, o) => ai.generative.generateObject({ schema: City, ...p } as never, o),
  streamObject: (ai, p, o) => ai.generative.streamObject({ schema: City, ...p } as never, o),
  countTokens: (ai, p, o) => ai.generative.countTokens(p as never, o),
};
const TEXT_GEN_NAMES = Object.keys(TEXT_GEN);

const notAString = defined(fc.oneof(wrongTypes, badArrays));
const notText = fc.oneof(notAString, blankStrings, loneSurrogates);
const notABoolean = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'boolean'),
    blankStrings,
  ),
);
const notANumber = defined(
  fc.oneof(
    badNumbers,
    wrongTypes.filter((c) => typeof c.value !== 'number' && c.value !== null),
  ),
);
/** maxTokens, temperature and topP out of range or of the wrong type; `topPOver` is a topP above 1. */
const samplingFields = (topPOver: fc.Arbitrary<Case>): Record<string, fc.Arbitrary<Case>> => ({
  maxTokens: fc.oneof(
    notANumber,
    nonIntegers,
    value('0', () => 0),
  ),
  temperature: fc.oneof(
    notANumber,
    value('1.5', () => 1.5),
  ),
  topP: fc.oneof(notANumber, topPOver),
});
const badModels = fc.oneof(notAString, blankStrings, loneSurrogates);

/** A call of `call` with `bad` in it is refused before any request. */
const refused = (label: string, call: () => unknown, named = true) =>
  refusesAll(
    emu,
    label,
    value('…', () => 0),
    call,
    1,
    named,
  )();

describe('generative: text generation refuses bad params before any call', () => {
  it('model of the wrong type, blank or ill-formed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_GEN_NAMES), badModels, async (name, model) => {
        await refused(`generative.${name}({ model: ${model.name} })`, () =>
          (TEXT_GEN[name] as Call)(client(), { model: model.value, prompt: 'Hi' }, { ...QUICK }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('prompt of the wrong type, blank or with lone surrogates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_GEN_NAMES), notText, async (name, prompt) => {
        await refused(`generative.${name}({ prompt: ${prompt.name} })`, () =>
          (TEXT_GEN[name] as Call)(client(), { model: MODEL, prompt: prompt.value }, { ...QUICK }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('odd and random prompts settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_GEN_NAMES), oddStrings, async (name, prompt) => {
        await settlesTyped(
          `generative.${name}({ prompt: ${prompt.name} })`,
          value('…', () => 0),
          () =>
            (TEXT_GEN[name] as Call)(
              client(),
              { model: MODEL, prompt: prompt.value },
              { ...QUICK },
            ),
          1,
        )();
      }),
      { numRuns: 30 },
    );
  });

  it('maxTokens, temperature, topP, stop, system, messages, maxSteps of the wrong type or range', async () => {
    const params = badFields({
      ...samplingFields(value('1.5', () => 1.5)),
      // `[]` is no stop sequence at all, which Bedrock accepts (the list's min is 0).
      stop: fc.oneof(
        notAString.filter((c) => c.name !== '[]'),
        blankStrings,
        value('[""]', () => ['']),
      ),
      system: fc.oneof(notAString, blankStrings, loneSurrogates),
      messages: fc.oneof(
        notAString,
        value('[{ role: "robot" }]', () => [{ role: 'robot', content: 'x' }]),
        value('[{ role: "user", content: 42 }]', () => [{ role: 'user', content: 42 }]),
      ),
      maxSteps: fc.oneof(
        notANumber,
        nonIntegers,
        value('0', () => 0),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('generate', 'stream', 'generateObject', 'streamObject'),
        params,
        async (name, bad) => {
          const base = 'messages' in bad.value ? { model: MODEL } : { model: MODEL, prompt: 'Hi' };
          await refused(`generative.${name}(${bad.name})`, () =>
            (TEXT_GEN[name] as Call)(client(), { ...base, ...bad.value }, { ...QUICK }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('generateObject / streamObject: schema of the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('generateObject', 'streamObject'),
        fc.oneof(
          wrongTypes,
          value('"string"', () => 'string'),
        ),
        async (name, schema) => {
          await refused(`generative.${name}({ schema: ${schema.name} })`, () =>
            (TEXT_GEN[name] as Call)(
              client(),
              { model: MODEL, prompt: 'Hi', schema: schema.value },
              { ...QUICK },
            ),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it(
    'params of the wrong type',
    refusesAll(
      emu,
      'generative.generate',
      wrongTypes,
      (p) => client().generative.generate(p as never, { ...QUICK }),
      20,
    ),
  );

  requestOptionProperties(
    it,
    'generative',
    Object.fromEntries(
      Object.entries(TEXT_GEN).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(), { model: MODEL, prompt: 'Hi' }, o),
      ]),
    ),
    emu,
  );
});

describe('generative: the edges of what Bedrock accepts are sent, not refused', () => {
  // The ranges come from the bedrock-runtime model (src/generative/limits.ts): these are inside them.
  it('stop [], temperature 0 and 1, topP 0 and 1, maxTokens 2^31-1 reach Converse as given', async () => {
    const edges = [
      { stop: [], temperature: 0, topP: 1, maxTokens: 2_147_483_647 },
      { stop: ['END'], temperature: 1, topP: 0, maxTokens: 1, maxSteps: 1 },
    ];
    for (const edge of edges) {
      const before = emu.calls.length;
      const result = await client().generative.generate(
        { model: MODEL, prompt: 'Hi', ...edge },
        { ...QUICK },
      );
      expect(typeof result.text).toBe('string');
      const sent = emu.calls.slice(before).filter((c) => c.operation === 'Converse');
      expect(sent).toHaveLength(1);
      const input = sent[0]?.input as { inferenceConfig?: Record<string, unknown> } | undefined;
      const inference = input?.inferenceConfig;
      const { maxSteps: _m, stop, ...rest } = edge as typeof edge & { maxSteps?: number };
      expect(inference).toMatchObject({ ...rest, stopSequences: stop });
    }
  });

  it('a JSON Schema with one keyword, and a validator whose export is {}, are accepted', async () => {
    const before = emu.calls.length;
    await settlesTyped(
      'generateObject({ schema: { type: "object" } })',
      value('…', () => 0),
      () =>
        client().generative.generateObject(
          { model: MODEL, prompt: 'Hi', schema: { type: 'object' } },
          { ...QUICK },
        ),
      1,
    )();
    await settlesTyped(
      'generateObject({ schema: z.unknown() })',
      value('…', () => 0),
      () =>
        client().generative.generateObject(
          { model: MODEL, prompt: 'Hi', schema: z.unknown() },
          { ...QUICK },
        ),
      1,
    )();
    expect(
      emu.calls.slice(before).filter((c) => c.operation === 'Converse').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('generative: embed / embedMany', () => {
  it(
    'embed: text of the wrong type, blank or ill-formed',
    refusesAll(
      emu,
      'generative.embed',
      notText,
      (t) => client().generative.embed(t as string, { model: EMBED, ...QUICK }),
      30,
    ),
  );

  it(
    'embedMany: texts not a list of texts',
    refusesAll(
      emu,
      'generative.embedMany',
      fc.oneof(
        wrongTypes,
        blankStrings,
        badArrays.filter((c) => c.name !== '[]'),
        loneSurrogates.map((c) => ({ ...c, name: `[${c.name}]`, value: [c.value] }) as never),
      ),
      (t) => client().generative.embedMany(t as string[], { model: EMBED, ...QUICK }),
      30,
    ),
  );

  it('model, dimensions, normalize, purpose, concurrency of the wrong type or value', async () => {
    const options = badFields({
      model: badModels,
      dimensions: fc.oneof(
        notANumber,
        nonIntegers,
        value('7', () => 7),
      ),
      normalize: notABoolean,
      purpose: fc.oneof(
        notAString,
        blankStrings,
        value('"search"', () => 'search'),
      ),
      concurrency: fc.oneof(
        notANumber,
        nonIntegers,
        value('0', () => 0),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), options, async (many, bad) => {
        await refused(`generative.${many ? 'embedMany' : 'embed'}(text, ${bad.name})`, () =>
          many
            ? client().generative.embedMany(['Hi'], {
                model: EMBED,
                ...QUICK,
                ...bad.value,
              } as never)
            : client().generative.embed('Hi', { model: EMBED, ...QUICK, ...bad.value } as never),
        );
      }),
      { numRuns: 40 },
    );
  });

  it(
    'odd strings settle typed',
    settlesTyped(
      'generative.embed',
      oddStrings,
      (t) => client().generative.embed(t as string, { model: EMBED, ...QUICK }),
      30,
    ),
  );

  requestOptionProperties(
    it,
    'generative.embed',
    {
      embed: (o) => client().generative.embed('Hi', { model: EMBED, ...o }),
      embedMany: (o) => client().generative.embedMany(['Hi'], { model: EMBED, ...o }),
    },
    emu,
  );
});

describe('generative: invoke / invokeStream', () => {
  it('model of the wrong type or blank is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), badModels, async (stream, model) => {
        await refused(`generative.${stream ? 'invokeStream' : 'invoke'}(${model.name})`, () =>
          stream
            ? client().generative.invokeStream(model.value as string, { prompt: 'x' }, { ...QUICK })
            : client().generative.invoke(model.value as string, { prompt: 'x' }, { ...QUICK }),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('bodies of any type settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.oneof(wrongTypes, oddStrings), async (stream, body) => {
        await settlesTyped(
          `generative.${stream ? 'invokeStream' : 'invoke'}(model, ${body.name})`,
          value('…', () => 0),
          () =>
            stream
              ? client().generative.invokeStream('meta.llama3', body.value, { ...QUICK })
              : client().generative.invoke(MODEL, body.value, { ...QUICK }),
          1,
        )();
      }),
      { numRuns: 30 },
    );
  });

  requestOptionProperties(
    it,
    'generative.invoke',
    {
      invoke: (o) => client().generative.invoke(MODEL, { prompt: 'x' }, o),
      invokeStream: (o) => client().generative.invokeStream('meta.llama3', { prompt: 'x' }, o),
    },
    emu,
  );
});

describe('generative.guard', () => {
  const GUARD = { id: 'gr1abc', version: '1' };

  it(
    'content of the wrong type, blank or ill-formed',
    refusesAll(
      emu,
      'generative.guard',
      badStrings(loneSurrogates, badArrays),
      (c) => client().generative.guard(c as string, { ...GUARD, ...QUICK }),
      30,
    ),
  );

  it('id, version, source of the wrong type or value', async () => {
    const options = badFields({
      id: fc.oneof(
        notAString,
        blankStrings,
        value('"Bad Id!"', () => 'Bad Id!'),
      ),
      version: fc.oneof(
        notAString,
        blankStrings,
        value('"v1"', () => 'v1'),
      ),
      source: fc.oneof(
        notAString,
        blankStrings,
        value('"both"', () => 'both'),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(options, async (bad) => {
        await refused(`generative.guard(text, ${bad.name})`, () =>
          client().generative.guard('Hello', { ...GUARD, ...QUICK, ...bad.value } as never),
        );
      }),
      { numRuns: 30 },
    );
  });

  it(
    'options missing or not an object',
    refusesAll(
      emu,
      'generative.guard(text, bad)',
      wrongTypes.filter((c) => typeof c.value !== 'object' || c.value === null),
      (o) => client().generative.guard('Hello', o as never),
      20,
    ),
  );

  requestOptionProperties(
    it,
    'generative.guard',
    { guard: (o) => client().generative.guard('Hello', { ...GUARD, ...o }) },
    emu,
  );
});

describe('generative: generateImage / generateVideo', () => {
  it('generateImage: prompt, size, count, seed, cfgScale, quality, model of the wrong type or value', async () => {
    const params = badFields({
      model: badModels,
      prompt: notText,
      negativePrompt: fc.oneof(notAString, loneSurrogates),
      size: fc.oneof(
        notAString,
        blankStrings,
        value('"13x13"', () => '13x13'),
      ),
      count: fc.oneof(
        notANumber,
        nonIntegers,
        value('0', () => 0),
        value('6', () => 6),
      ),
      seed: fc.oneof(notANumber, nonIntegers),
      cfgScale: fc.oneof(
        notANumber,
        value('11', () => 11),
      ),
      quality: fc.oneof(
        notAString,
        blankStrings,
        value('"best"', () => 'best'),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(params, async (bad) => {
        await refused(`generative.generateImage(${bad.name})`, () =>
          client().generative.generateImage(
            { model: CANVAS, prompt: 'A lighthouse', ...bad.value } as never,
            { ...QUICK },
          ),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('generateVideo: prompt, output, seed of the wrong type or value', async () => {
    const params = badFields({
      prompt: notText,
      output: fc.oneof(
        notAString,
        blankStrings,
        value('"https://x"', () => 'https://x'),
      ),
      seed: fc.oneof(notANumber, nonIntegers),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(params, async (bad) => {
        await refused(`generative.generateVideo(${bad.name})`, () =>
          client().generative.generateVideo(
            { prompt: 'Waves', output: 's3://videos-bucket/reel', ...bad.value } as never,
            { ...QUICK },
          ),
        );
      }),
      { numRuns: 30 },
    );
  });

  it(
    'params of the wrong type',
    refusesAll(
      emu,
      'generative.generateImage / generateVideo',
      wrongTypes,
      (p) =>
        Math.random() < 0.5
          ? client().generative.generateImage(p as never, { ...QUICK })
          : client().generative.generateVideo(p as never, { ...QUICK }),
      20,
    ),
  );

  requestOptionProperties(
    it,
    'generative.media',
    {
      generateImage: (o) => client().generative.generateImage({ model: CANVAS, prompt: 'x' }, o),
      generateVideo: (o) =>
        client().generative.generateVideo({ prompt: 'x', output: 's3://videos-bucket/reel' }, o),
    },
    emu,
  );
});

describe('generative.voice', () => {
  /** Opens a session and closes it at once, so `settle` reads it to its end. */
  const openClosed = (params: unknown, options?: unknown) => {
    const session = client().generative.voice(params as never, options as never);
    session.close();
    return session;
  };

  it('model, system, voice, maxTokens, temperature, topP, audio, history of the wrong type or value', async () => {
    const params = badFields({
      model: badModels,
      system: fc.oneof(notAString, blankStrings),
      voice: fc.oneof(
        notAString,
        blankStrings,
        value('"nobody"', () => 'nobody'),
      ),
      ...samplingFields(value('1.5', () => 1.5)),
      audio: fc.oneof(
        wrongTypes.filter((c) => typeof c.value !== 'object'),
        value('{ inputRate: 12345 }', () => ({ inputRate: 12345 })),
        value('{ outputRate: NaN }', () => ({ outputRate: Number.NaN })),
      ),
      history: fc.oneof(
        notAString.filter((c) => c.name !== '[]'),
        value('[{ role: "robot" }]', () => [{ role: 'robot', text: 'x' }]),
      ),
    }).filter((c) => c.inner.value !== null);
    await fc.assert(
      fc.asyncProperty(params, async (bad) => {
        await refused(`generative.voice(${bad.name})`, () =>
          openClosed({ model: SONIC, ...bad.value }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it(
    'params of the wrong type',
    refusesAll(emu, 'generative.voice', wrongTypes, (p) => openClosed(p), 20),
  );

  requestOptionProperties(
    it,
    'generative.voice',
    { voice: (o) => openClosed({ model: SONIC }, o) },
    emu,
    {
      numRuns: 20,
    },
  );
});

describe('aws-ai/generative: the per-operation functions', () => {
  const bedrock = () => genFns.createGenerativeClient({ ...emu.config, retry: { retries: 0 } });
  type Fn = (c: unknown, p: Record<string, unknown>, o: Record<string, unknown>) => unknown;
  const FUNCTIONS: Record<string, Fn> = {
    generate: (c, p, o) => genFns.generate(c as never, p as never, o),
    stream: (c, p, o) => genFns.stream(c as never, p as never, o),
    embed: (c, p, o) => genFns.embed(c as never, p.prompt as string, { model: EMBED, ...o }),
    generateObject: (c, p, o) =>
      genFns.generateObject(c as never, { schema: City, ...p } as never, o),
    streamObject: (c, p, o) => genFns.streamObject(c as never, { schema: City, ...p } as never, o),
    countTokens: (c, p, o) => genFns.countTokens(c as never, p as never, o),
    guard: (c, p, o) =>
      genFns.guard(c as never, p.prompt as string, { id: 'gr1abc', version: '1', ...o }),
    check: (c, p, o) =>
      genFns.check(c as never, p.prompt as string, { checks: { promptAttack: true }, ...o }),
    embedMany: (c, p, o) =>
      genFns.embedMany(c as never, [p.prompt as string], { model: EMBED, ...o }),
    invoke: (c, p, o) => genFns.invoke(c as never, p.model as string, { prompt: p.prompt }, o),
    invokeStream: (c, p, o) =>
      genFns.invokeStream(c as never, 'meta.llama3', { prompt: p.prompt }, o),
  };
  const NAMES = Object.keys(FUNCTIONS);
  /** The functions that take GenerateParams as they are (model + prompt/messages). */
  const GENERATE_PARAMS = ['generate', 'stream', 'countTokens'] as const;
  /** …and those that also take a field spread into them (the schema of the object functions). */
  const WITH_FIELDS = [...GENERATE_PARAMS, 'generateObject', 'streamObject'] as const;
  /** First arguments that are neither a GenerativeClient nor a Generative module. */
  const notAClient = badStrings(
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('[client]', () => [bedrock()]),
  );

  it('a first argument that is not a GenerativeClient or a Generative module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notAClient, async (name, bad) => {
        await refused(
          `generative ${name}(${bad.name}, …)`,
          () => (FUNCTIONS[name] as Fn)(bad.value, { model: MODEL, prompt: 'Hi' }, { ...QUICK }),
          false,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('params that are not an object, a bad model or a bad prompt are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GENERATE_PARAMS),
        fc.oneof(
          defined(wrongTypes)
            .filter((c) => typeof c.value !== 'object' || c.value === null)
            .map((c) => new Case(`params ${c.name}`, () => c.value as never)),
          badModels.map(
            (c) => new Case(`{ model: ${c.name} }`, () => ({ model: c.value, prompt: 'Hi' })),
          ),
          notText.map(
            (c) => new Case(`{ prompt: ${c.name} }`, () => ({ model: MODEL, prompt: c.value })),
          ),
        ),
        fc.boolean(),
        async (name, params, module) => {
          const first = module ? client().generative : bedrock();
          await refused(`generative ${name}(client, ${params.name})`, () =>
            (FUNCTIONS[name] as Fn)(first, params.value as never, { ...QUICK }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('params with one field broken are refused', async () => {
    const params = badFields({
      ...samplingFields(value('2', () => 2)),
      stop: fc.oneof(
        wrongTypes.filter((c) => c.value !== undefined && c.value !== null),
        badArrays.filter((c) => c.name !== '[]'),
      ),
      system: fc.oneof(wrongTypes.filter((c) => c.value !== undefined && c.value !== null)),
      messages: fc.oneof(
        wrongTypes.filter((c) => c.value !== undefined && c.value !== null),
        badArrays,
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WITH_FIELDS), params, async (name, bad) => {
        await refused(`generative ${name}(client, ${bad.name})`, () =>
          (FUNCTIONS[name] as Fn)(bedrock(), { model: MODEL, prompt: 'Hi', ...bad.value }, QUICK),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('embed: text and options of the wrong type or value are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          notText.map((c) => new Case(`text ${c.name}`, () => [c.value, {}] as const)),
          badModels.map(
            (c) => new Case(`{ model: ${c.name} }`, () => ['Hi', { model: c.value }] as const),
          ),
          fc
            .oneof(
              notANumber,
              nonIntegers,
              value('7', () => 7),
            )
            .map(
              (c) =>
                new Case(
                  `{ dimensions: ${c.name} }`,
                  () => ['Hi', { dimensions: c.value }] as const,
                ),
            ),
          defined(wrongTypes)
            .filter((c) => c.value !== null && typeof c.value !== 'object')
            .map((c) => new Case(`options ${c.name}`, () => ['Hi', c.value] as const)),
        ),
        async (bad) => {
          const [text, options] = bad.value as readonly [unknown, unknown];
          await refused(`generative embed(client, ${bad.name})`, () =>
            typeof options === 'object' && options !== null
              ? genFns.embed(bedrock(), text as string, { model: EMBED, ...QUICK, ...options })
              : genFns.embed(bedrock(), text as string, options as never),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('odd prompts settle typed, with a client or ai.generative', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        oddStrings,
        fc.boolean(),
        async (name, prompt, module) => {
          const first = module ? client().generative : bedrock();
          await settlesTyped(
            `generative ${name}(client, { prompt: ${prompt.name} })`,
            value('…', () => 0),
            () => (FUNCTIONS[name] as Fn)(first, { model: MODEL, prompt: prompt.value }, QUICK),
            1,
          )();
        },
      ),
      { numRuns: 40 },
    );
  });

  it(
    'createGenerativeClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createGenerativeClient',
      badClientConfigs,
      (config) => genFns.createGenerativeClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/generative functions',
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) => fn(bedrock(), { model: MODEL, prompt: 'Hi' }, o),
      ]),
    ),
    emu,
  );
});
