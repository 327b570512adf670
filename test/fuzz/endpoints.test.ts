import type { AwsAI } from 'aws-ai';
import * as endpointFns from 'aws-ai/endpoints';
import { Tensor } from 'aws-ai/tensor';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badClientConfigs,
  badFields,
  badNumbers,
  badWaitOptions,
  blankStrings,
  Case,
  defined,
  expectRefused,
  expectTyped,
  hugeStrings,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settle,
  settlesTyped,
  trickyObjects,
  utf16String,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const STAGING = { staging: { bucket: 'stage', prefix: 'in/' } };
const PAYLOAD = { inputs: 'hello' };
const FAST_ASYNC = { ...QUICK, pollIntervalMs: 1, maxPollIntervalMs: 2, pollTimeoutMs: 200 };

type Call = (ai: AwsAI, endpoint: unknown, payload: unknown, o: Record<string, unknown>) => unknown;

const CALLS: Record<string, Call> = {
  invoke: (ai, e, p, o) => ai.endpoints.invoke(e as string, p as never, o),
  invokeStream: (ai, e, p, o) => ai.endpoints.invokeStream(e as string, p as never, o),
  invokeAsync: (ai, e, p, o) =>
    ai.endpoints.invokeAsync(e as string, p as never, { ...FAST_ASYNC, ...o }),
};

/** Endpoint names SageMaker refuses: `^[a-zA-Z0-9](-*[a-zA-Z0-9])*$`, at most 63 characters. */
const badEndpoints = fc.oneof(
  wrongTypes,
  blankStrings,
  value('"my endpoint"', () => 'my endpoint'),
  value('"-lead"', () => '-lead'),
  value('"a/b"', () => 'a/b'),
  value('64 chars', () => 'e'.repeat(64)),
  value('"../x"', () => '../x'),
  value('"ep\\u0000"', () => 'ep\0'),
  oddStrings.filter((c) => !/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/.test(c.value as string)),
);

const notAString = defined(
  fc.oneof(
    wrongTypes.filter((c) => typeof c.value !== 'string' && c.value !== null),
    blankStrings,
  ),
);
/** A header-borne option that is not a header value: an empty string is the same as leaving it out. */
const notAHeader = notAString.filter((c) => c.value !== '');
/** A wait in ms that is negative, not finite or not a number (a huge finite wait is allowed). */
const notAWait = fc.oneof(
  badNumbers.filter((c) => !((c.value as number) >= 0 && Number.isFinite(c.value))),
  value('"100"', () => '100'),
);
const notAPositiveInt = fc.oneof(
  badNumbers,
  nonIntegers,
  value('0', () => 0),
  value('"5"', () => '5'),
  value('true', () => true),
);

/** invocationTimeoutSeconds over an hour and requestTTLSeconds under a minute (or one of `ttlAlso`). */
const asyncTimeFields = (...ttlAlso: fc.Arbitrary<Case>[]): Record<string, fc.Arbitrary<Case>> => ({
  invocationTimeoutSeconds: fc.oneof(
    notAPositiveInt,
    value('3601', () => 3601),
  ),
  requestTTLSeconds: fc.oneof(
    notAPositiveInt,
    value('59', () => 59),
    ...ttlAlso,
  ),
});

/** A payload to upload, with no staging location in the config: refused before any request. */
const refusesUnstagedPayload = (label: string, call: (p: unknown) => unknown) =>
  refusesAll(
    emu,
    label,
    value('payload', () => PAYLOAD),
    call,
    3,
  );

describe('endpoints: bad endpoint names are refused before any call', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(
      `${name}: wrong types, blank or malformed names`,
      refusesAll(
        emu,
        `endpoints.${name}`,
        badEndpoints,
        (e) => call(client(STAGING), e, PAYLOAD, { ...QUICK }),
        30,
      ),
    );
  }

  it(
    'batcher: wrong types, blank or malformed names',
    refusesAll(
      emu,
      'endpoints.batcher',
      badEndpoints,
      (e) => client().endpoints.batcher(e as string),
      30,
    ),
  );
});

describe('endpoints: payloads', () => {
  /** Payloads no serializer can send. */
  const badPayloads = fc.oneof(
    wrongTypes.filter(
      (c) =>
        !(typeof c.value === 'object' && c.value !== null) ||
        c.value instanceof Promise ||
        c.value instanceof Map,
    ),
    value('cyclic object', () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    }),
    value('{ n: 10n }', () => ({ n: 10n })),
    value('{ n: NaN }', () => ({ n: Number.NaN })),
  );

  for (const [name, call] of Object.entries(CALLS)) {
    it(
      `${name}: payloads no serializer can send settle typed`,
      settlesTyped(
        `endpoints.${name}`,
        badPayloads,
        (p) => call(client(STAGING), 'm', p, { ...QUICK }),
        25,
      ),
    );

    it(
      `${name}: odd strings, arrays, objects and huge payloads settle typed`,
      settlesTyped(
        `endpoints.${name}`,
        fc.oneof(oddStrings, utf16String(), badArrays, trickyObjects, hugeStrings),
        (p) => call(client(STAGING), 'm', p, { ...QUICK }),
        25,
      ),
      30_000,
    );
  }

  it(
    'invokeAsync: an inputLocation that is not an s3:// URI is refused',
    refusesAll(
      emu,
      'endpoints.invokeAsync',
      fc.oneof(
        notAString,
        value('"bucket/key"', () => 'bucket/key'),
        value('"s3://"', () => 's3://'),
        value('"s3://bucket"', () => 's3://bucket'),
        value('"https://x/y"', () => 'https://x/y'),
      ),
      (loc) =>
        client(STAGING).endpoints.invokeAsync('m', { inputLocation: loc as string }, FAST_ASYNC),
      25,
    ),
  );
});

describe('endpoints: bad options are refused before any call', () => {
  const targetFields = {
    customAttributes: fc.oneof(
      notAHeader,
      value('1025 chars', () => 'a'.repeat(1025)),
    ),
    targetModel: notAString,
    targetVariant: fc.oneof(
      notAHeader,
      value('"é"', () => 'é'),
    ),
    targetContainerHostname: notAHeader,
    inferenceComponent: fc.oneof(
      notAHeader,
      value('64 chars', () => 'c'.repeat(64)),
    ),
    inferenceId: fc.oneof(
      notAString,
      value('65 chars', () => 'i'.repeat(65)),
    ),
  };
  const codecFields = {
    contentType: notAHeader,
    accept: notAHeader,
    serializer: fc.oneof(
      notAString,
      value('"xml"', () => 'xml'),
      value('{ contentType: 1 }', () => ({ contentType: 1, serialize: () => new Uint8Array() })),
      value('{ serialize: "x" }', () => ({ contentType: 'a/b', serialize: 'x' })),
    ),
  };

  it(
    'invoke: target, codec and session options of the wrong type or value',
    refusesAll(
      emu,
      'endpoints.invoke',
      badFields({
        ...targetFields,
        ...codecFields,
        deserializer: fc.oneof(
          notAString,
          value('"yaml"', () => 'yaml'),
          value('{ accept: "a/b" }', () => ({ accept: 'a/b' })),
        ),
        sessionId: notAHeader,
        enableExplanations: notAString,
      }),
      (o) => client().endpoints.invoke('m', PAYLOAD, { ...QUICK, ...(o as object) }),
      40,
    ),
  );

  it(
    'invokeStream: target, codec, framing and idleTimeoutMs of the wrong type or value',
    refusesAll(
      emu,
      'endpoints.invokeStream',
      badFields({
        ...targetFields,
        ...codecFields,
        sessionId: notAHeader,
        framing: fc.oneof(
          notAString,
          value('"ndjson"', () => 'ndjson'),
        ),
        idleTimeoutMs: fc.oneof(
          notAWait,
          value('0', () => 0),
        ),
      }),
      (o) => client().endpoints.invokeStream('m', PAYLOAD, { ...QUICK, ...(o as object) }),
      40,
    ),
  );

  it(
    'invokeAsync: timeouts, TTL and polling of the wrong type or value',
    refusesAll(
      emu,
      'endpoints.invokeAsync',
      badFields({
        customAttributes: targetFields.customAttributes,
        inferenceId: targetFields.inferenceId,
        ...codecFields,
        ...asyncTimeFields(value('21601', () => 21601)),
        pollIntervalMs: notAWait,
        maxPollIntervalMs: notAWait.filter((c) => c.value !== Number.POSITIVE_INFINITY), // ∞ = no cap
        pollTimeoutMs: notAWait.filter((c) => c.value !== Number.POSITIVE_INFINITY), // ∞ = no deadline
      }),
      (o) =>
        client(STAGING).endpoints.invokeAsync('m', PAYLOAD, { ...FAST_ASYNC, ...(o as object) }),
      40,
    ),
  );

  it(
    'invokeAsync: a payload without staging is refused',
    refusesUnstagedPayload('endpoints.invokeAsync', (p) =>
      client().endpoints.invokeAsync('m', p as never, FAST_ASYNC),
    ),
  );

  it(
    'options that are not an object are refused',
    refusesAll(
      emu,
      'endpoints.*',
      fc
        .tuple(
          fc.constantFrom(...Object.keys(CALLS)),
          defined(wrongTypes).filter((c) => c.value !== null && typeof c.value !== 'object'),
        )
        .map(([n, c]) => new Case(`${n}(m, payload, ${c.name})`, () => [n, c.value] as const)),
      (pair) => {
        const [n, o] = pair as readonly [string, unknown];
        const ai = client(STAGING);
        if (n === 'invoke') return ai.endpoints.invoke('m', PAYLOAD, o as never);
        if (n === 'invokeStream') return ai.endpoints.invokeStream('m', PAYLOAD, o as never);
        return ai.endpoints.invokeAsync('m', PAYLOAD, o as never);
      },
      20,
    ),
  );

  requestOptionProperties(
    it,
    'endpoints',
    Object.fromEntries(
      Object.entries(CALLS).map(([name, call]) => [
        name,
        (o: Record<string, unknown>) => call(client(STAGING), 'm', PAYLOAD, o),
      ]),
    ),
    emu,
  );
});

describe('endpoints.batcher', () => {
  it(
    'settings of the wrong type or value are refused at construction',
    refusesAll(
      emu,
      'endpoints.batcher',
      badFields({
        maxBatchSize: notAPositiveInt,
        maxBatchBytes: notAPositiveInt,
        maxInFlight: notAPositiveInt,
        maxDelayMs: notAWait,
        allowedBatchSizes: fc.oneof(
          // [42] is a valid list of sizes (under the default maxBatchSize).
          badArrays.filter((c) => c.name !== '[42]'),
          notAString,
          value('[0]', () => [0]),
          value('[2.5]', () => [2.5]),
        ),
        sequenceBuckets: fc.oneof(
          badArrays.filter((c) => c.name !== '[42]'),
          notAString,
          value('[-1]', () => [-1]),
        ),
        maxQueuedRows: notAPositiveInt,
        onFull: fc.oneof(
          notAString,
          value('"drop"', () => 'drop'),
        ),
        serializer: fc.oneof(
          notAString,
          value('"raw"', () => 'raw'),
        ),
        accept: notAHeader,
        callTimeoutMs: fc.oneof(
          notAWait,
          value('0', () => 0),
        ),
        targetVariant: notAHeader,
      }),
      (o) => client().endpoints.batcher('m', o as never),
      40,
    ),
  );

  it(
    'options that are not an object are refused',
    refusesAll(
      emu,
      'endpoints.batcher',
      defined(wrongTypes).filter((c) => c.value !== null && typeof c.value !== 'object'),
      (o) => client().endpoints.batcher('m', o as never),
      20,
    ),
  );

  // A bare boolean is not a row (it used to be batched and sent as a rank-0 bool tensor).
  it(
    'predict: rows of the wrong type or shape are refused before any call',
    refusesAll(
      emu,
      'batcher.predict',
      fc.oneof(
        value('true', () => true),
        value('false', () => false),
      ),
      async (row) => {
        const batcher = client().endpoints.batcher('m', { callTimeoutMs: 1_000 });
        try {
          return await batcher.predict(row as never);
        } finally {
          await batcher.close();
        }
      },
      5,
    ),
  );

  // A signal that is not an AbortSignal is refused (it used to throw an untyped TypeError).
  it(
    'predict: options of the wrong type are refused',
    refusesAll(
      emu,
      'batcher.predict',
      badFields({ signal: defined(wrongTypes).filter((c) => c.value !== null) }),
      async (o) => {
        const batcher = client().endpoints.batcher('m', { callTimeoutMs: 1_000 });
        try {
          return await batcher.predict(Tensor.from([1, 2, 3]) as never, o as never);
        } finally {
          await batcher.close();
        }
      },
      20,
    ),
  );
});

describe('endpoints.transform', () => {
  const valid = {
    model: 'echo-model',
    input: [
      [1, 2],
      [3, 4],
    ],
    output: 's3://transform-bucket/out/',
    instanceType: 'ml.m5.xlarge',
    contentType: 'text/csv',
  };

  it(
    'params of the wrong type, or with one field broken, are refused before any call or upload',
    refusesAll(
      emu,
      'endpoints.transform',
      fc.oneof(
        defined(wrongTypes).map((c) => new Case(`params = ${c.name}`, () => ({ whole: c.value }))),
        badFields({
          model: fc.oneof(
            notAString,
            value('"a b"', () => 'a b'),
          ),
          input: fc.oneof(
            wrongTypes.filter((c) => !(c.value instanceof Map)),
            blankStrings,
            value('[]', () => []),
            value('"s3://"', () => 's3://'),
            value('"bucket/key"', () => 'bucket/key'),
          ),
          output: fc.oneof(
            notAString,
            value('"out/"', () => 'out/'),
            value('"s3://"', () => 's3://'),
          ),
          instanceType: fc.oneof(
            notAString,
            value('"m5.xlarge"', () => 'm5.xlarge'),
          ),
          instanceCount: notAPositiveInt,
          contentType: notAString,
          accept: notAString,
          splitType: fc.oneof(
            notAString,
            value('"Word"', () => 'Word'),
          ),
          batchStrategy: fc.oneof(
            notAString,
            value('"Multi"', () => 'Multi'),
          ),
          maxPayloadMB: fc.oneof(
            badNumbers,
            nonIntegers,
            value('101', () => 101),
          ),
          maxConcurrentTransforms: fc.oneof(badNumbers, nonIntegers),
          joinSource: fc.oneof(
            notAString,
            value('"Output"', () => 'Output'),
          ),
          name: fc.oneof(
            notAString,
            value('64 chars', () => 'n'.repeat(64)),
            value('"a b"', () => 'a b'),
          ),
          inputPrefix: notAString,
          recordsPerFile: notAPositiveInt,
          environment: fc.oneof(
            wrongTypes.filter((c) => typeof c.value !== 'object' && c.value !== undefined),
            value('{ A: 1 }', () => ({ A: 1 })),
            value('{ "": "x" }', () => ({ '': 'x' })),
          ),
        }),
      ),
      (o) => {
        const bad = o as Record<string, unknown>;
        const params = 'whole' in bad ? bad.whole : { ...valid, ...bad };
        return client(STAGING).endpoints.transform(params as never, QUICK);
      },
      40,
    ),
  );

  it(
    'rows of the wrong type settle typed',
    settlesTyped(
      'endpoints.transform',
      fc.oneof(badArrays, trickyObjects, oddStrings),
      (rows) =>
        client(STAGING).endpoints.transform(
          { ...valid, input: [rows] as never, contentType: 'application/json' },
          QUICK,
        ),
      20,
    ),
  );

  requestOptionProperties(
    it,
    'endpoints.transform',
    { transform: (o) => client(STAGING).endpoints.transform(valid as never, o) },
    emu,
    { numRuns: 20 },
  );
});

describe('endpoints.startAsync and its job', () => {
  const start = (endpoint: unknown, payload: unknown, o: Record<string, unknown> = {}) =>
    client(STAGING).endpoints.startAsync(endpoint as string, payload as never, { ...QUICK, ...o });

  it(
    'endpoint names SageMaker refuses',
    refusesAll(emu, 'endpoints.startAsync', badEndpoints, (e) => start(e, PAYLOAD), 30),
  );

  it(
    'an inputLocation that is not an s3:// URI is refused',
    refusesAll(
      emu,
      'endpoints.startAsync',
      fc.oneof(
        notAString,
        value('"bucket/key"', () => 'bucket/key'),
        value('"s3://"', () => 's3://'),
        value('"s3://bucket"', () => 's3://bucket'),
        value('"https://x/y"', () => 'https://x/y'),
      ),
      (loc) => start('m', { inputLocation: loc }),
      25,
    ),
  );

  it(
    'a payload without staging is refused',
    refusesUnstagedPayload('endpoints.startAsync', (p) =>
      client().endpoints.startAsync('m', p as never, QUICK),
    ),
  );

  it(
    'options of the wrong type or value are refused',
    refusesAll(
      emu,
      'endpoints.startAsync',
      fc.oneof(
        badFields({
          inferenceId: fc.oneof(
            notAString,
            value('65 chars', () => 'i'.repeat(65)),
          ),
          contentType: notAHeader,
          accept: notAHeader,
          customAttributes: fc.oneof(
            notAHeader,
            value('1025 chars', () => 'a'.repeat(1025)),
          ),
          ...asyncTimeFields(),
          serializer: fc.oneof(
            notAString,
            value('"xml"', () => 'xml'),
          ),
        }),
        defined(wrongTypes)
          .filter((c) => c.value !== null && typeof c.value !== 'object')
          .map((c) => new Case(`options ${c.name}`, () => c.value as never)),
      ),
      (o) =>
        typeof o === 'object' && o !== null
          ? start('m', PAYLOAD, o as Record<string, unknown>)
          : client(STAGING).endpoints.startAsync('m', PAYLOAD, o as never),
      40,
    ),
  );

  it(
    'payloads of any type settle typed',
    settlesTyped(
      'endpoints.startAsync',
      fc.oneof(wrongTypes, oddStrings, trickyObjects, badArrays),
      (p) => start('m', p),
      30,
    ),
  );

  it('the job refuses bad wait options before any request', async () => {
    const job = await start('m', PAYLOAD);
    await fc.assert(
      fc.asyncProperty(badWaitOptions, fc.constantFrom('wait', 'result'), async (bad, method) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          method === 'wait' ? job.wait(bad.value as never) : job.result(bad.value as never),
        );
        expectRefused(outcome, `endpoints.startAsync job.${method}(${bad.name})`, emu, before);
      }),
      { numRuns: 40 },
    );
  });

  it('resume: refs with a field of the wrong type or value are refused before any request', async () => {
    const { ref } = await start('m', PAYLOAD);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('id', 'output', 'failure', 'accept', 'deserializer', 'region'),
        fc.oneof(
          defined(wrongTypes).filter((c) => typeof c.value !== 'string' && c.value !== null),
          value('"bucket/key"', () => 'bucket/key'),
        ),
        async (field, bad) => {
          if (
            typeof bad.value === 'string' &&
            (field === 'id' || field === 'accept' || field === 'region')
          ) {
            return; // any string is an id, a media type or a region name
          }
          const broken = { ...ref, [field]: bad.value };
          const before = emu.calls.length;
          const outcome = await settle(() =>
            client(STAGING)
              .jobs.resume(broken as never)
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
    'endpoints.startAsync',
    { startAsync: (o) => client(STAGING).endpoints.startAsync('m', PAYLOAD, o) },
    emu,
  );
});

describe('aws-ai/endpoints: the per-operation functions', () => {
  type Fn = (
    c: unknown,
    endpoint: unknown,
    payload: unknown,
    o: Record<string, unknown>,
  ) => unknown;
  const FUNCTIONS: Record<string, Fn> = {
    invoke: (c, e, p, o) => endpointFns.invoke(c as never, e as string, p as never, o),
    invokeStream: (c, e, p, o) => endpointFns.invokeStream(c as never, e as string, p as never, o),
    invokeAsync: (c, e, p, o) =>
      endpointFns.invokeAsync(c as never, e as string, p as never, { ...FAST_ASYNC, ...o }),
  };
  const NAMES = Object.keys(FUNCTIONS);
  const endpointsClient = () =>
    endpointFns.createEndpointsClient({ ...emu.config, ...STAGING, retry: { retries: 0 } });
  /** First arguments that are neither an EndpointsClient nor an Endpoints module. */
  const notAClient = fc.oneof(
    wrongTypes,
    blankStrings,
    value('{ ctx: {} }', () => ({ ctx: {} })),
    value('{ ctx: null }', () => ({ ctx: null })),
    value('[endpointsClient]', () => [endpointsClient()]),
    value('{ ...emu.config }', () => ({ ...emu.config })),
  );

  it('a first argument that is not an EndpointsClient or an Endpoints module is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), notAClient, async (name, bad) => {
        const before = emu.calls.length;
        const outcome = await settle(() =>
          (FUNCTIONS[name] as Fn)(bad.value, 'm', PAYLOAD, { ...QUICK }),
        );
        expectRefused(outcome, `endpoints ${name}(${bad.name}, m, payload)`, emu, before, false);
      }),
      { numRuns: 60 },
    );
  });

  it('endpoint names SageMaker refuses are refused, with a client or ai.endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        badEndpoints,
        fc.boolean(),
        async (name, bad, module) => {
          const before = emu.calls.length;
          const first = module ? client(STAGING).endpoints : endpointsClient();
          const outcome = await settle(() =>
            (FUNCTIONS[name] as Fn)(first, bad.value, PAYLOAD, { ...QUICK }),
          );
          expectRefused(outcome, `endpoints ${name}(client, ${bad.name}, payload)`, emu, before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('odd payloads settle typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        fc.oneof(oddStrings, badArrays, trickyObjects),
        async (name, payload) => {
          const outcome = await settle(() =>
            (FUNCTIONS[name] as Fn)(endpointsClient(), 'm', payload.value, { ...QUICK }),
          );
          expectTyped(outcome, `endpoints ${name}(client, m, ${payload.name})`);
        },
      ),
      { numRuns: 30 },
    );
  });

  it(
    'createEndpointsClient: a config of the wrong type or value is refused',
    refusesAll(
      emu,
      'createEndpointsClient',
      badClientConfigs,
      (config) => endpointFns.createEndpointsClient(config as never),
      30,
      false,
    ),
  );

  requestOptionProperties(
    it,
    'aws-ai/endpoints functions',
    Object.fromEntries(
      Object.entries(FUNCTIONS).map(([name, fn]) => [
        name,
        (o: Record<string, unknown>) => fn(endpointsClient(), 'm', PAYLOAD, o),
      ]),
    ),
    emu,
  );
});
