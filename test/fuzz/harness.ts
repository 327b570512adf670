/**
 * Shared pieces of the property-based bad-input suite (issue 13, "Keep it so"): named bad values as
 * fast-check arbitraries, a runner that settles any public call (promise, sync throw, stream) under a
 * hang guard, and the two properties every method must keep:
 *
 * - `expectTyped`: the call succeeds or fails with a specific `AwsAIError` (never another error
 *   type, never `InternalError`, which is what `runCall` makes of a stray TypeError) naming its
 *   `service` and `operation` (docs/errors-and-retries.md); `named: false` for what is no call to
 *   AWS (building a client, a bot or a batcher, local helpers such as `Tensor` or `parse`, and a
 *   per-operation function given something that is no client: a type error the compiler catches);
 * - `expectRefused`: input that breaks a limit the library knows fails with a `ValidationError`
 *   and sends nothing to the emulator.
 *
 * Values are wrapped in {@link Case}s that print by name, so a counterexample of a 3 MB string or a
 * 100k-item array reads `huge string (3 MB)` in the failure instead of the value itself.
 */

import { AwsAIError, ValidationError } from 'aws-ai';
import type { Emulator } from 'aws-ai/testing';
import fc from 'fast-check';

/** Runs per property: enough to visit every named case a few times, small enough for 2 cores. */
export const RUNS = 40;

/**
 * A fixed seed by default, so `npm test` draws the same values on every run and a red build always
 * means a change broke something. `FUZZ_SEED=random npx vitest run test/fuzz` explores new values
 * (fast-check prints the seed of a failure); `FUZZ_SEED=<n>` replays one.
 */
const fuzzSeed = process.env.FUZZ_SEED;
if (fuzzSeed !== 'random') fc.configureGlobal({ seed: fuzzSeed ? Number(fuzzSeed) : 20_261_207 });

/** A bad value with a short printable name; `value` builds a fresh copy each time. */
export class Case<T = unknown> {
  constructor(
    readonly name: string,
    private readonly make: () => T,
    /** The case this one wraps, if any (to filter on the bad value inside an options object). */
    readonly inner: Case = this as Case,
  ) {}
  get value(): T {
    return this.make();
  }
  [fc.toStringMethod](): string {
    return this.name;
  }
  toString(): string {
    return this.name;
  }
}

const named = <T>(name: string, make: () => T): fc.Arbitrary<Case<T>> =>
  fc.constant(new Case(name, make));

const cases = (entries: Array<[string, () => unknown]>): fc.Arbitrary<Case> =>
  fc.oneof(...entries.map(([name, make]) => named(name, make)));

/** A string of arbitrary UTF-16 code units: lone surrogates, NUL and control characters included. */
export const utf16String = (maxLength = 40): fc.Arbitrary<Case<string>> =>
  fc
    .string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength,
    })
    .map((s) => new Case(JSON.stringify(s), () => s));

const MB = 1024 * 1024;
const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): () => T {
  return () => {
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };
}

/** 3 MB of ASCII, of lone surrogates, of NUL: big enough to break every per-request byte limit. */
export const hugeStrings: fc.Arbitrary<Case> = cases([
  ['huge string (3 MB ascii)', once('ascii', () => 'a'.repeat(3 * MB))],
  ['huge string (1.5M lone surrogates)', once('sur', () => '\uD800'.repeat(1.5 * MB))],
  ['huge string (3 MB NUL)', once('nul', () => '\0'.repeat(3 * MB))],
  ['huge string (3 MB sentences)', once('sent', () => 'This is fine. '.repeat((3 * MB) / 14))],
]);

/** Strings every text method must refuse: nothing to analyse. */
export const blankStrings: fc.Arbitrary<Case> = cases([
  ['empty string', () => ''],
  ['one space', () => ' '],
  ['whitespace mix', () => ' \t\n\r '],
  ['nbsp + ideographic space', () => '\u00a0\u3000'],
]);

/** Odd but possibly valid strings: the call may succeed, it must not fail untyped. */
export const oddStrings: fc.Arbitrary<Case> = fc.oneof(
  cases([
    ['lone high surrogate', () => '\uD800'],
    ['lone low surrogate in text', () => 'a\uDFFFb'],
    ['NUL', () => '\0'],
    ['text with NUL', () => 'hello\0world'],
    ['BOM', () => '\uFEFF'],
    ['zero-width space', () => '\u200b'],
    ['emoji', () => '😀👍🏽'],
    ['RTL', () => 'مرحبا بالعالم'],
    ['__proto__', () => '__proto__'],
    ['constructor', () => 'constructor'],
    ['path-like', () => '../../etc/passwd'],
    ['s3-like', () => 's3://'],
  ]),
  utf16String(),
);

/** Objects with prototype tricks. */
export const trickyObjects: fc.Arbitrary<Case> = cases([
  ['{}', () => ({})],
  ['null-prototype object', () => Object.create(null)],
  ['JSON __proto__ own key', () => JSON.parse('{"__proto__":{"polluted":true}}')],
  ['{ constructor: "x" }', () => ({ constructor: 'x' })],
  ['{ toString: 1 } (String() throws)', () => ({ toString: 1, valueOf: 1 })],
  ['Date(NaN)', () => new Date(Number.NaN)],
  ['Map', () => new Map([['a', 1]])],
  ['Promise', () => Promise.resolve('x')],
  ['Error', () => new Error('x')],
]);

/** Values of the wrong type for anything. */
export const wrongTypes: fc.Arbitrary<Case> = fc.oneof(
  cases([
    ['null', () => null],
    ['undefined', () => undefined],
    ['function', () => () => 'x'],
    ['symbol', () => Symbol('s')],
    ['bigint', () => 10n],
    ['true', () => true],
    ['false', () => false],
    ['42', () => 42],
    ['NaN', () => Number.NaN],
  ]),
  trickyObjects,
);

/** Numbers that break integer, range or finiteness rules. */
export const badNumbers: fc.Arbitrary<Case> = fc.oneof(
  cases([
    ['NaN', () => Number.NaN],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['-Infinity', () => Number.NEGATIVE_INFINITY],
    ['-1', () => -1],
    ['-0.5', () => -0.5],
    ['1e308', () => 1e308],
    ['2^53+2', () => 2 ** 53 + 2],
    ['-2^31', () => -(2 ** 31)],
  ]),
  fc
    .double({ noDefaultInfinity: false })
    .filter((n) => n < 0 || !Number.isFinite(n))
    .map((n) => new Case(String(n), () => n)),
);

/** Numbers that break an integer rule only. */
export const nonIntegers: fc.Arbitrary<Case> = fc
  .double({ min: 0.001, max: 1e6, noNaN: true })
  .filter((n) => !Number.isInteger(n))
  .map((n) => new Case(String(n), () => n));

const labelArray = <T extends unknown[]>(name: string, arr: T): T => {
  Object.defineProperty(arr, fc.toStringMethod, { value: () => name });
  return arr;
};

/** Arrays that are empty, ragged, holey, huge, or hold wrong types. */
export const badArrays: fc.Arbitrary<Case> = cases([
  ['[]', () => []],
  ['[[1],[1,2]] (ragged)', () => [[1], [1, 2]]],
  ['[ , "a"] (hole)', () => Object.assign(new Array(2), { 1: 'a' })],
  ['new Array(3) (holes)', () => new Array(3)],
  ['[null]', () => [null]],
  ['[undefined]', () => [undefined]],
  ['[42]', () => [42]],
  ['[{}]', () => [{}]],
  ['["ok", ""]', () => ['ok text', '']],
  ['100k nulls', () => labelArray('100k nulls', new Array(100_000).fill(null))],
  ['100k empty strings', () => labelArray('100k empty', new Array(100_000).fill(''))],
  ['100k holes', () => labelArray('100k holes', new Array(100_000))],
]);

/** Signals of the wrong type. */
export const badSignals: fc.Arbitrary<Case> = cases([
  ['"abort"', () => 'abort'],
  ['{}', () => ({})],
  ['{ aborted: true }', () => ({ aborted: true })],
  ['{ aborted: false }', () => ({ aborted: false })],
  ['1', () => 1],
  ['function', () => () => {}],
  ['null', () => null],
  ['true', () => true],
]);

/** Retry overrides that break the retry rules. */
export const badRetries: fc.Arbitrary<Case> = cases([
  ['{ retries: NaN }', () => ({ retries: Number.NaN })],
  ['{ retries: -1 }', () => ({ retries: -1 })],
  ['{ retries: Infinity }', () => ({ retries: Number.POSITIVE_INFINITY })],
  ['{ retries: "2" }', () => ({ retries: '2' })],
  ['{ minDelayMs: -1 }', () => ({ minDelayMs: -1 })],
  ['{ maxDelayMs: NaN }', () => ({ maxDelayMs: Number.NaN })],
  ['{ minDelayMs: Infinity }', () => ({ minDelayMs: Number.POSITIVE_INFINITY })],
  ['{ maxDelayMs: null }', () => ({ maxDelayMs: null })],
  ['"fast"', () => 'fast'],
]);

/** Retry overrides of the wrong shape: a number or `true` (once spread as an empty object), `retries: 1.5`. */
export const misshapenRetries: fc.Arbitrary<Case> = cases([
  ['1', () => 1],
  ['true', () => true],
  ['{ retries: 1.5 }', () => ({ retries: 1.5 })],
]);

/** timeoutMs values that are not a positive finite number. */
export const badTimeouts: fc.Arbitrary<Case> = cases([
  ['NaN', () => Number.NaN],
  ['0', () => 0],
  ['-1', () => -1],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['"100"', () => '100'],
  ['null', () => null],
  ['{}', () => ({})],
  ['10n', () => 10n],
]);

/** A request-option set with exactly one of signal / timeoutMs / retry broken. */
export const badRequestOptions: fc.Arbitrary<Case<Record<string, unknown>>> = fc.oneof(
  badSignals.map((c) => new Case(`{ signal: ${c.name} }`, () => ({ signal: c.value }))),
  badTimeouts.map((c) => new Case(`{ timeoutMs: ${c.name} }`, () => ({ timeoutMs: c.value }))),
  badRetries.map((c) => new Case(`{ retry: ${c.name} }`, () => ({ retry: c.value }))),
);

/**
 * A `create…Client` config with its retry or its timeout broken (`timeoutMs: null` is left out: a
 * client config may clear it).
 */
export const badClientConfigs: fc.Arbitrary<Case<Record<string, unknown>>> = fc.oneof(
  badRetries.map((c) => new Case(`{ retry: ${c.name} }`, () => ({ retry: c.value }))),
  badTimeouts
    .filter((c) => c.value !== null)
    .map((c) => new Case(`{ timeoutMs: ${c.name} }`, () => ({ timeoutMs: c.value }))),
);

/** How a public call ended. */
export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: unknown }
  | { ok: false; hang: true; error?: undefined };

/** Longest a single fuzzed call may take before it counts as a hang. */
export const HANG_MS = 5_000;

/**
 * Calls `fn` and settles it: a sync throw, a rejected promise, or a stream whose reading throws are
 * failures; a stream is read to its end (at most 1,000 items). Never waits longer than `hangMs`.
 */
export async function settle(fn: () => unknown, hangMs = HANG_MS): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, hang: true }), hangMs);
  });
  const run = (async (): Promise<Outcome> => {
    try {
      let value = fn();
      if (isThenable(value)) value = await value;
      if (isAsyncIterable(value) && !(typeof value === 'string')) {
        let n = 0;
        for await (const _ of value) if (++n >= 1_000) break;
      }
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error };
    }
  })();
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function describeError(error: unknown): string {
  if (AwsAIError.isInstance(error)) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText =
      cause instanceof Error ? ` (cause ${cause.name}: ${cause.message.slice(0, 200)})` : '';
    return `${error.name}[${error.code}] ${error.message.slice(0, 300)}${causeText}`;
  }
  if (error instanceof Error) {
    return `untyped ${error.name}: ${error.message.slice(0, 300)}\n${error.stack?.split('\n').slice(1, 6).join('\n')}`;
  }
  return `untyped throw of ${typeof error}`;
}

/**
 * The call succeeded or failed with a specific AwsAIError (not InternalError) naming its service and
 * operation (unless `named` is false: no call to AWS); it did not hang.
 */
export function expectTyped(outcome: Outcome, label: string, named = true): void {
  if (outcome.ok) return;
  if ('hang' in outcome && outcome.hang) throw new Error(`${label}: did not settle (hang)`);
  const { error } = outcome;
  if (!AwsAIError.isInstance(error) || error.code === 'InternalError') {
    throw new Error(`${label}: ${describeError(error)}`);
  }
  if (named && (!error.service || !error.operation)) {
    throw new Error(`${label}: ${describeError(error)} names no service and operation`);
  }
}

/**
 * The call failed with a ValidationError and sent nothing: the input broke a limit the library
 * knows. `before` is `emu.calls.length` taken just before the call.
 */
export function expectRefused(
  outcome: Outcome,
  label: string,
  emu: Emulator | undefined,
  before: number,
  named = true,
): void {
  expectTyped(outcome, label, named);
  if (outcome.ok) throw new Error(`${label}: accepted input it should refuse`);
  if (!ValidationError.isInstance(outcome.error)) {
    throw new Error(`${label}: expected a ValidationError, got ${describeError(outcome.error)}`);
  }
  if (emu && emu.calls.length !== before) {
    const ops = emu.calls.slice(before).map((c) => c.operation);
    throw new Error(`${label}: refused only after sending ${ops.join(', ')}`);
  }
}

/** Options every fuzzed call gets: a short deadline and no retries, so nothing can stall the suite. */
export const QUICK = { timeoutMs: 3_000, retry: false } as const;

/** fast-check parameters for one property. */
export const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns });

/** vitest's `it`, as the helpers below need it. */
export interface ItLike {
  (name: string, fn: () => Promise<void>, timeout?: number): void;
  fails: (name: string, fn: () => Promise<void>, timeout?: number) => void;
}

/**
 * The request options every public method takes (`signal`, `timeoutMs`, `retry`), one broken at a
 * time, for calls that are otherwise valid: each must be refused before any request (checked by
 * `checkRequestOptions` in core/call-scope.ts and `retryFor` in config.ts).
 */
export function requestOptionProperties(
  it: ItLike,
  label: string,
  calls: Record<string, (options: Record<string, unknown>) => unknown>,
  emu: Emulator | undefined,
  opts: { numRuns?: number } = {},
): void {
  const names = Object.keys(calls);
  const numRuns = opts.numRuns ?? Math.min(60, Math.max(20, names.length * 8));
  const property =
    (what: string, arb: fc.Arbitrary<Case>, wrap: (v: unknown) => Record<string, unknown>) =>
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), arb, async (name, bad) => {
          const before = emu?.calls.length ?? 0;
          const call = calls[name] as (o: Record<string, unknown>) => unknown;
          const outcome = await settle(() => call(wrap(bad.value)));
          expectRefused(outcome, `${label}.${name}(…, { ${what}: ${bad.name} })`, emu, before);
        }),
        { numRuns },
      );
    };
  it(
    `${label}: timeoutMs that is not a positive finite number`,
    property('timeoutMs', badTimeouts, (v) => ({ timeoutMs: v, retry: false })),
  );
  it(
    `${label}: retry overrides out of range or of the wrong type`,
    property('retry', badRetries, (v) => ({ timeoutMs: 3_000, retry: v })),
  );
  it(
    `${label}: retry of the wrong shape`,
    property('retry', misshapenRetries, (v) => ({ timeoutMs: 3_000, retry: v })),
  );
  it(
    `${label}: signal of the wrong type`,
    property(
      'signal',
      badSignals.filter((c) => c.name !== 'null'),
      (v) => ({ timeoutMs: 3_000, retry: false, signal: v }),
    ),
  );
}

/** Not a usable string: a value of the wrong type, a blank string, or one of `also`. */
export const badStrings = (...also: fc.Arbitrary<Case>[]): fc.Arbitrary<Case> =>
  fc.oneof(wrongTypes, blankStrings, ...also);

/** Leaves `undefined` (an absent optional field) out of an arbitrary of bad values. */
export const defined = (arb: fc.Arbitrary<Case>): fc.Arbitrary<Case> =>
  arb.filter((c) => c.value !== undefined);

/**
 * One option broken at a time: `{ [key]: bad }` for each key and its arbitrary of bad values,
 * printed as `{ key: name }`. `undefined` is left out (an absent option is fine).
 */
export const badFields = (
  fields: Record<string, fc.Arbitrary<Case>>,
): fc.Arbitrary<Case<Record<string, unknown>>> =>
  fc.oneof(
    ...Object.entries(fields).map(([key, arb]) =>
      defined(arb).map(
        (c) => new Case(`{ ${key}: ${c.name} }`, () => ({ [key]: c.value }), c as Case),
      ),
    ),
  );

/** A named constant value. */
export const value = <T>(name: string, make: () => T): fc.Arbitrary<Case<T>> =>
  fc.constant(new Case(name, make));

/** A property for `it`: every value of `arb` is refused by `call` with a ValidationError, nothing sent. */
export const refusesAll =
  (
    emu: Emulator | undefined,
    label: string,
    arb: fc.Arbitrary<Case>,
    call: (bad: unknown) => unknown,
    numRuns = RUNS,
    named = true,
  ) =>
  async (): Promise<void> => {
    await fc.assert(
      fc.asyncProperty(arb, async (bad) => {
        const before = emu?.calls.length ?? 0;
        const outcome = await settle(() => call(bad.value));
        expectRefused(outcome, `${label}(${bad.name})`, emu, before, named);
      }),
      { numRuns },
    );
  };

/** A property for `it`: every value of `arb` makes `call` settle with success or a typed error. */
export const settlesTyped =
  (
    label: string,
    arb: fc.Arbitrary<Case>,
    call: (v: unknown) => unknown,
    numRuns = RUNS,
    named = true,
  ) =>
  async (): Promise<void> => {
    await fc.assert(
      fc.asyncProperty(arb, async (v) => {
        expectTyped(await settle(() => call(v.value)), `${label}(${v.name})`, named);
      }),
      { numRuns },
    );
  };

/** Strings with an unpaired surrogate (not well-formed UTF-16: no UTF-8 encoding exists). */
export const loneSurrogates: fc.Arbitrary<Case> = cases([
  ['lone high surrogate', () => '\uD800'],
  ['lone low surrogate in text', () => 'a\uDFFFb'],
  ['text ending in a high surrogate', () => 'Hello there.\uD83D'],
]);

/**
 * Wait options of a `Job` (`wait`, `result`, `results`) with one value broken, in the new names and
 * the deprecated ones `jobWaitOptions` (core/job.ts) still maps: each is refused before any request.
 */
export const badWaitOptions: fc.Arbitrary<Case> = cases([
  ['{ pollIntervalMs: 0 }', () => ({ pollIntervalMs: 0 })],
  ['{ pollIntervalMs: -1 }', () => ({ pollIntervalMs: -1 })],
  ['{ pollIntervalMs: NaN }', () => ({ pollIntervalMs: Number.NaN })],
  ['{ pollIntervalMs: Infinity }', () => ({ pollIntervalMs: Number.POSITIVE_INFINITY })],
  ['{ pollIntervalMs: "5" }', () => ({ pollIntervalMs: '5' })],
  ['{ maxPollIntervalMs: 0 }', () => ({ maxPollIntervalMs: 0 })],
  ['{ maxPollIntervalMs: NaN }', () => ({ maxPollIntervalMs: Number.NaN })],
  ['{ timeoutMs: -1 }', () => ({ timeoutMs: -1 })],
  ['{ timeoutMs: "100" }', () => ({ timeoutMs: '100' })],
  ['{ onProgress: "log" }', () => ({ onProgress: 'log' })],
  ['{ intervalMs: -1 } (deprecated)', () => ({ intervalMs: -1 })],
  ['{ maxIntervalMs: "2" } (deprecated)', () => ({ maxIntervalMs: '2' })],
  ['{ onPoll: 1 } (deprecated)', () => ({ onPoll: 1 })],
  ['{ poll: { intervalMs: 0 } } (deprecated)', () => ({ poll: { intervalMs: 0 } })],
  ['{ polling: { timeoutMs: -5 } } (deprecated)', () => ({ polling: { timeoutMs: -5 } })],
  ['{ polling: "fast" } (deprecated)', () => ({ polling: 'fast' })],
  ['"fast" (not an object)', () => 'fast'],
  ['42 (not an object)', () => 42],
]);
