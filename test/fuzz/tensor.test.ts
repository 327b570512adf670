import {
  concat,
  DynamicBatcher,
  fromCsv,
  fromJson,
  fromJsonLines,
  fromNpy,
  pad,
  padSequence,
  split,
  stack,
  Tensor,
  toCsv,
  toJson,
  toNpy,
} from 'aws-ai/tensor';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  badArrays,
  badNumbers,
  blankStrings,
  Case,
  expectRefused,
  expectTyped,
  nonIntegers,
  oddStrings,
  RUNS,
  settle,
  trickyObjects,
  wrongTypes,
} from './harness';

const T = () =>
  Tensor.from([
    [1, 2, 3],
    [4, 5, 6],
  ]);

/** Values no tensor function takes as a tensor. */
const notTensors = fc.oneof(wrongTypes, badArrays, trickyObjects, blankStrings);

/** Nested arrays that cannot be a tensor: ragged, holey, non-numeric, non-finite where refused. */
const badNested = fc.oneof(
  fc.constantFrom(
    new Case('[[1],[1,2]] (ragged)', () => [[1], [1, 2]]),
    new Case('[[1,2],[3]] (ragged)', () => [[1, 2], [3]]),
    new Case('[1,[2]] (mixed depth)', () => [1, [2]]),
    new Case('["a"]', () => ['a']),
    new Case('[null]', () => [null]),
    new Case('[{}]', () => [{}]),
    new Case('[Symbol]', () => [Symbol('s')]),
    new Case('[, 1] (hole)', () => Object.assign(new Array(2), { 1: 1 })),
    new Case('new Array(3) (holes)', () => new Array(3)),
    new Case('[[[[...]]]] 10k deep', () => {
      let v: unknown = [1];
      for (let i = 0; i < 10_000; i++) v = [v];
      return v;
    }),
  ),
  // numbers, bigints and booleans are scalar tensors; the rest is no tensor
  wrongTypes.filter((c) => !['number', 'bigint', 'boolean'].includes(typeof c.value)),
);

const sync = (label: string, run: () => unknown) => settle(run).then((o) => ({ o, label }));

describe('tensor: functions refuse bad input with a ValidationError (sync, no other error type)', () => {
  it('Tensor.from: ragged, holey, deep or non-numeric nested arrays; bad dtype and shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        badNested,
        fc.option(
          fc.oneof(wrongTypes, blankStrings, fc.constant(new Case('"float128"', () => 'float128'))),
        ),
        async (value, dtype) => {
          const options = dtype === null ? undefined : { dtype: dtype.value };
          const { o, label } = await sync(`Tensor.from(${value.name}, ${dtype?.name})`, () =>
            Tensor.from(value.value as never, options as never),
          );
          expectRefused(o, label, undefined, 0, false);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('Tensor.from: NaN/Infinity/huge numbers settle typed (a value, or a ValidationError)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(badNumbers, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(
          'float32',
          'float64',
          'int32',
          'int64',
          'uint8',
          'float16',
          'bool',
          undefined,
        ),
        async (numbers, dtype) => {
          const { o, label } = await sync(`Tensor.from([${numbers.join(',')}], ${dtype})`, () =>
            Tensor.from(
              numbers.map((n) => n.value) as never,
              dtype ? ({ dtype } as never) : undefined,
            ),
          );
          expectTyped(o, label, false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('new Tensor: shapes and data that disagree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badArrays,
          fc
            .array(fc.oneof(badNumbers, nonIntegers), { minLength: 1, maxLength: 3 })
            .map((ns) => new Case(`[${ns.join(',')}]`, () => ns.map((n) => n.value))),
          wrongTypes,
        ),
        fc.oneof(wrongTypes, fc.constant(new Case('Float32Array(5)', () => new Float32Array(5)))),
        async (shape, data) => {
          const { o, label } = await sync(
            `new Tensor('float32', ${shape.name}, ${data.name})`,
            () => new Tensor('float32', shape.value as never, data.value as never),
          );
          expectRefused(o, label, undefined, 0, false);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('stack / concat / split / pad / padSequence / toNpy / toCsv / toJson: not tensors, bad counts', async () => {
    const ops: Record<string, (v: unknown) => unknown> = {
      stack: (v) => stack(v as never),
      'stack([T, v])': (v) => stack([T(), v] as never),
      concat: (v) => concat(v as never),
      'concat([T, v])': (v) => concat([T(), v] as never),
      split: (v) => split(v as never, [1, 1]),
      'split(T, v)': (v) => split(T(), v as never),
      pad: (v) => pad(v as never, 4),
      'pad(T, v)': (v) => pad(T(), v as never),
      'padSequence(v, 4)': (v) => padSequence(v as never, 4),
      toNpy: (v) => toNpy(v as never),
      toCsv: (v) => toCsv(v as never),
      toJson: (v) => toJson(v as never),
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(ops)), notTensors, async (name, value) => {
        const v = value.value;
        if (name === 'pad(T, v)' && Number.isSafeInteger(v) && (v as number) >= 2) return; // valid
        const { o, label } = await sync(`${name}(${value.name})`, () =>
          (ops[name] as (v: unknown) => unknown)(value.value),
        );
        expectRefused(o, label, undefined, 0, false);
      }),
      { numRuns: 120 },
    );
  });

  it('fromNpy / fromCsv / fromJson / fromJsonLines: garbage bytes and text', async () => {
    const ops: Record<string, (v: unknown) => unknown> = {
      fromNpy: (v) => fromNpy(v as never),
      fromCsv: (v) => fromCsv(v as never),
      fromJson: (v) => fromJson(v as never),
      fromJsonLines: (v) => fromJsonLines(v as never),
    };
    const garbage = fc.oneof(
      wrongTypes,
      blankStrings,
      fc.uint8Array({ maxLength: 200 }).map((b) => new Case(`bytes(${b.length})`, () => b)),
      fc.constantFrom(
        new Case('npy magic + junk', () =>
          Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0xff, 0x7b]),
        ),
        new Case('npy header claiming 2^40 items', () => {
          const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }";
          const padded = `${header.padEnd(118, ' ')}\n`;
          const bytes = new Uint8Array(10 + padded.length);
          bytes.set([
            0x93,
            0x4e,
            0x55,
            0x4d,
            0x50,
            0x59,
            1,
            0,
            padded.length & 0xff,
            padded.length >> 8,
          ]);
          bytes.set(new TextEncoder().encode(padded), 10);
          return bytes;
        }),
        new Case('"1,2\\n3"', () => '1,2\n3'),
        new Case('"[[1],[1,2]]"', () => '[[1],[1,2]]'),
        new Case('"{"__proto__":1}"', () => '{"__proto__":1}'),
        new Case('"[1e999]"', () => '[1e999]'),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ops)),
        fc.oneof(garbage, oddStrings),
        async (name, value) => {
          const { o, label } = await sync(`${name}(${value.name})`, () =>
            (ops[name] as (v: unknown) => unknown)(value.value),
          );
          expectTyped(o, label, false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('new DynamicBatcher: bad options are refused at once', async () => {
    const invoke = async () => ({ outputs: [] });
    const bad = fc.oneof(
      wrongTypes.map((c) => new Case(`options ${c.name}`, () => c.value)),
      fc
        .tuple(
          fc.constantFrom(
            'maxBatchSize',
            'maxDelayMs',
            'maxQueueSize',
            'concurrency',
            'allowedBatchSizes',
            'timeoutMs',
            'invoke',
          ),
          fc.oneof(
            badNumbers,
            wrongTypes.filter((c) => c.value !== undefined),
            badArrays,
          ),
        )
        .map(([key, c]) => new Case(`{ ${key}: ${c.name} }`, () => ({ invoke, [key]: c.value }))),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (options) => {
        const { o, label } = await sync(`new DynamicBatcher(${options.name})`, () => {
          const b = new DynamicBatcher(options.value as never);
          void b.close();
          return b;
        });
        expectTyped(o, label, false);
      }),
      { numRuns: 100 },
    );
  });
});
