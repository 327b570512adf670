/**
 * The documented guarantees (docs/errors-and-retries.md, docs/recommendations.md) for every public
 * method of `ai.recommendations`: the deadline bounds the whole call, an abort rejects at once,
 * throttling and 5xx share one retry budget and fail typed, non-retryable codes of the Personalize
 * Runtime model are not retried, no credential and no input text is reachable from an error, bad
 * input is refused before any request with a message that says what to change, and results carry
 * their documented shape and metadata.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import {
  AbortError,
  AccessDeniedError,
  type AwsAI,
  type AwsAIConfig,
  AwsAIError,
  type CallMessage,
  NotFoundError,
  type RequestOptions,
  responseOf,
  ServiceError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from 'aws-ai';
import {
  ACTIONS_MAX_RESULTS,
  RANKING_MAX_ITEMS,
  RECOMMENDATIONS_MAX_RESULTS,
  RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA,
} from 'aws-ai/recommendations';
import type { FaultRule } from 'aws-ai/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAST_RETRY, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client } = await useEmulator();

/** How late a call may settle after its deadline: timers, event loop, HTTP teardown. */
const MARGIN_MS = 150;

const CAMPAIGN = 'arn:aws:personalize:us-east-1:123456789012:campaign/movies';
const RECOMMENDER = 'arn:aws:personalize:us-east-1:123456789012:recommender/top-picks';
const RANKING = 'arn:aws:personalize:us-east-1:123456789012:campaign/ranking';
const ACTIONS = 'arn:aws:personalize:us-east-1:123456789012:campaign/actions';
const FILTER = 'arn:aws:personalize:us-east-1:123456789012:filter/genre';

/** The caller's data: ids and context values with a marker (spaces: never a "short token"). */
const USER = 'PAYLOADMARKER user Jane Roe 4471';
const ITEM = 'PAYLOADMARKER item m1';
const ITEM2 = 'PAYLOADMARKER item m2';
const CONTEXT = { DEVICE: 'PAYLOADMARKER device of Jane Roe' };
const GENRE = 'PAYLOADMARKER Comedy';

const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER', 'Jane Roe'];

/** Signatures the emulator saw in Authorization headers: none may come back in an error. */
const signatures = new Set<string>();

function load(): void {
  const items = [
    { itemId: ITEM, GENRES: GENRE },
    { itemId: ITEM2, GENRES: 'Drama' },
    { itemId: 'm3', GENRES: 'Horror' },
  ];
  const interactions = [
    { userId: USER, itemId: 'm3' },
    { userId: 'u2', itemId: ITEM },
    { userId: 'u2', itemId: ITEM2 },
  ];
  for (const arn of [CAMPAIGN, RECOMMENDER, RANKING]) emu.personalize(arn, { items, interactions });
  emu.personalize(ACTIONS, {
    actions: ['signup', { actionId: 'upgrade', KIND: GENRE }],
    interactions: [{ userId: 'u2', itemId: 'upgrade' }],
  });
}

beforeEach(load);

type Options = RequestOptions;

interface Method {
  name: 'forUser' | 'forItem' | 'rank' | 'actions';
  operation: string;
  /** The call with marked input (ids, context, filter values) and the given request options. */
  run: (ai: AwsAI, o?: Options) => Promise<unknown>;
  /** Checks a successful result has the documented shape. */
  checkShape: (value: unknown) => void;
}

const filter = { arn: FILTER, values: { GENRES: [GENRE, 'Drama'] } };

const expectItem = (i: unknown) =>
  expect(i).toEqual({ itemId: expect.any(String), score: expect.any(Number) });

const methods: Method[] = [
  {
    name: 'forUser',
    operation: 'GetRecommendations',
    run: (ai, o) =>
      ai.recommendations.forUser(CAMPAIGN, { userId: USER, context: CONTEXT, filter, ...o }),
    checkShape: (value) => {
      const v = value as { items: unknown[]; recommendationId: unknown };
      expect(Object.keys(v).sort()).toEqual(['items', 'recommendationId']);
      expect(v.items.length).toBeGreaterThan(0);
      v.items.forEach(expectItem);
      expect(v.recommendationId).toMatch(/^RID-/);
    },
  },
  {
    name: 'forItem',
    operation: 'GetRecommendations',
    run: (ai, o) =>
      ai.recommendations.forItem(RECOMMENDER, {
        itemId: ITEM,
        userId: USER,
        context: CONTEXT,
        ...o,
      }),
    checkShape: (value) => {
      const v = value as { items: Array<{ itemId: string }>; recommendationId: unknown };
      expect(Object.keys(v).sort()).toEqual(['items', 'recommendationId']);
      expect(v.items.map((i) => i.itemId)).not.toContain(ITEM);
      v.items.forEach(expectItem);
      expect(v.recommendationId).toMatch(/^RID-/);
    },
  },
  {
    name: 'rank',
    operation: 'GetPersonalizedRanking',
    run: (ai, o) =>
      ai.recommendations.rank(RANKING, {
        userId: USER,
        items: [ITEM2, 'unknown', ITEM],
        context: CONTEXT,
        ...o,
      }),
    checkShape: (value) => {
      const v = value as {
        items: Array<{ itemId: string; rank: number | undefined; score?: number }>;
        ranked: Array<{ itemId: string; rank: number }>;
        recommendationId: unknown;
      };
      expect(Object.keys(v).sort()).toEqual(['items', 'ranked', 'recommendationId']);
      expect(v.items.map((i) => i.itemId)).toEqual([ITEM2, 'unknown', ITEM]);
      expect(v.ranked.map((i) => i.rank)).toEqual([0, 1, 2]);
      // Outside the training data: appended last, without a score.
      expect(v.ranked.at(-1)).toEqual({ itemId: 'unknown', rank: 2 });
      for (const i of v.items) expect(v.ranked[i.rank ?? -1]?.itemId).toBe(i.itemId);
      expect(v.recommendationId).toMatch(/^RID-/);
    },
  },
  {
    name: 'actions',
    operation: 'GetActionRecommendations',
    run: (ai, o) => ai.recommendations.actions(ACTIONS, { userId: USER, numResults: 2, ...o }),
    checkShape: (value) => {
      const v = value as { actions: unknown[]; recommendationId: unknown };
      expect(Object.keys(v).sort()).toEqual(['actions', 'recommendationId']);
      expect(v.actions).toEqual([
        { actionId: 'upgrade', score: expect.any(Number) },
        { actionId: 'signup', score: expect.any(Number) },
      ]);
      expect(v.recommendationId).toMatch(/^RID-/);
    },
  },
];

function leaks(err: unknown, logLines: string[] = []): string[] {
  const texts = renderings(err);
  logLines.forEach((line, i) => {
    texts[`log${i}`] = line;
  });
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

/** A client with marked credentials and a logger that records everything it is given. */
function markedClient(extra: AwsAIConfig = {}): { ai: AwsAI; lines: string[] } {
  const lines: string[] = [];
  const log =
    (level: string) =>
    (message: string, ...meta: unknown[]) =>
      lines.push(
        `${level} ${message} ${inspect(meta, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
      );
  const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { ai: client({ credentials: CREDENTIALS, logger, ...extra }), lines };
}

function expectNamed(err: unknown, Class: typeof AwsAIError, m: Method): AwsAIError {
  expect(Class.isInstance(err), inspect(err)).toBe(true);
  const e = err as AwsAIError;
  expect(e.service).toBe('personalize-runtime');
  expect(e.operation).toBe(m.operation);
  expect(e.message).toContain(`personalize-runtime ${m.operation}`);
  return e;
}

describe.each(methods)('recommendations.$name: guarantees', (m) => {
  const rule = (extra: Omit<FaultRule, 'service' | 'operation'>): FaultRule => ({
    service: 'personalize-runtime',
    operation: m.operation,
    ...extra,
  });

  it('succeeds with the documented shape; responseOf and telemetry name the call', async () => {
    const started: CallMessage[] = [];
    const onStart = (message: unknown) => started.push(message as CallMessage);
    subscribe('tracing:aws-ai:call:start', onStart);
    try {
      const value = await m.run(client());
      m.checkShape(value);
      expect(emu.calls.map((c) => c.operation)).toEqual([m.operation]);
      expect(responseOf(value)).toMatchObject({
        requestIds: [emu.calls[0]?.requestId],
        attempts: 1,
        throttles: 0,
        ms: expect.any(Number),
      });
    } finally {
      unsubscribe('tracing:aws-ai:call:start', onStart);
    }
    // One public call, named `<module>.<method>` like every other module's (ADR 0007).
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      method: `recommendations.${m.name}`,
      service: 'personalize-runtime',
      operation: m.operation,
    });
  });

  it('every request slower than the deadline: a TimeoutError at timeoutMs, nothing sent after', async () => {
    emu.fault(rule({ kind: 'delay', delayMs: 400 }));
    const timeoutMs = 100;
    const out = await settle(m.run(client(), { timeoutMs }));
    expect(out.ms).toBeLessThan(timeoutMs + MARGIN_MS);
    expectNamed(out.error, TimeoutError, m);
    expect(emu.calls).toHaveLength(1);
    expect(await requestsAfterSettle(emu)).toHaveLength(0);
  });

  it("the client's timeoutMs bounds the call the same way", async () => {
    emu.fault(rule({ kind: 'delay', delayMs: 400 }));
    const out = await settle(m.run(client({ timeoutMs: 100 })));
    expect(out.ms).toBeLessThan(100 + MARGIN_MS);
    expectNamed(out.error, TimeoutError, m);
    expect(await requestsAfterSettle(emu)).toHaveLength(0);
  });

  it('retries never sleep past the deadline: settles by timeoutMs, typed, nothing sent after', async () => {
    emu.fault(rule({ kind: 'throttle' }));
    const timeoutMs = 120;
    const out = await settle(
      m.run(client(), { timeoutMs, retry: { retries: 10, minDelayMs: 80, maxDelayMs: 80 } }),
    );
    expect(out.ms).toBeLessThan(timeoutMs + MARGIN_MS);
    // The last real error when retrying gave up before the deadline, else the deadline's.
    const err = out.error as AwsAIError;
    expect(ThrottlingError.isInstance(err) || TimeoutError.isInstance(err), inspect(err)).toBe(
      true,
    );
    expect(err.service).toBe('personalize-runtime');
    expect(err.operation).toBe(m.operation);
    expect(emu.calls.length).toBeLessThanOrEqual(3);
    expect(await requestsAfterSettle(emu)).toHaveLength(0);
  });

  it('an already aborted signal: AbortError naming the call, nothing sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await settle(m.run(client(), { signal: controller.signal }));
    expectNamed(out.error, AbortError, m);
    expect(emu.calls).toHaveLength(0);
  });

  it('aborted in flight: rejects at once with an AbortError, nothing sent after', async () => {
    emu.fault(rule({ kind: 'delay', delayMs: 400 }));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    const out = await settle(m.run(client(), { signal: controller.signal }));
    clearTimeout(timer);
    expect(out.ms).toBeLessThan(50 + MARGIN_MS);
    expectNamed(out.error, AbortError, m);
    expect(emu.calls).toHaveLength(1);
    expect(await requestsAfterSettle(emu)).toHaveLength(0);
  });

  it('aborted while waiting to retry: AbortError at once, no further attempt', async () => {
    emu.fault(rule({ kind: 'throttle' }));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60);
    const out = await settle(
      m.run(client(), {
        signal: controller.signal,
        retry: { retries: 3, minDelayMs: 400, maxDelayMs: 400 },
      }),
    );
    clearTimeout(timer);
    expect(out.ms).toBeLessThan(60 + MARGIN_MS);
    expectNamed(out.error, AbortError, m);
    expect(emu.calls).toHaveLength(1);
    expect(await requestsAfterSettle(emu)).toHaveLength(0);
  });

  it.each([
    ['throttled twice', { kind: 'throttle', times: 2 }, 2],
    ['5xx twice', { kind: 'server-error', times: 2 }, 0],
    ['connection reset twice', { kind: 'reset', times: 2 }, 0],
    ['one malformed body', { kind: 'malformed', times: 1 }, 0],
  ] as const)('%s: recovers within the budget; responseOf counts it', async (_, f, throttles) => {
    emu.fault(rule(f));
    const value = await m.run(client());
    m.checkShape(value);
    expect(emu.calls).toHaveLength(f.times + 1);
    expect(responseOf(value)).toMatchObject({ attempts: f.times + 1, throttles });
    expect(responseOf(value)?.requestIds.at(-1)).toBe(emu.calls.at(-1)?.requestId);
  });

  it.each([
    ['throttled always', { kind: 'throttle' }, ThrottlingError, 'ThrottlingException', 400],
    ['5xx always', { kind: 'server-error' }, ServiceError, 'InternalFailure', 500],
  ] as const)(
    '%s: fails typed after retries + 1 requests (the client retry options)',
    async (_, f, Class, code, statusCode) => {
      emu.fault(rule(f));
      const out = await settle(m.run(client({ retry: { ...FAST_RETRY, retries: 2 } })));
      const err = expectNamed(out.error, Class, m);
      expect(err).toMatchObject({ code, statusCode, retryable: true });
      expect(err.requestId).toBe(emu.calls.at(-1)?.requestId);
      expect(emu.calls).toHaveLength(3);
      expect(await requestsAfterSettle(emu, { ms: 20 })).toHaveLength(0);
    },
  );

  it('dropped connections always: a retryable ServiceError after the default retries + 1', async () => {
    emu.fault(rule({ kind: 'reset' }));
    const out = await settle(m.run(client()));
    const err = expectNamed(out.error, ServiceError, m);
    expect(err.retryable).toBe(true);
    expect(emu.calls).toHaveLength(4);
  });

  it('the per-call retry option wins: retry false is exactly one attempt', async () => {
    emu.fault(rule({ kind: 'throttle' }));
    const out = await settle(m.run(client(), { retry: false }));
    expectNamed(out.error, ThrottlingError, m);
    expect(emu.calls).toHaveLength(1);
  });

  it.each([
    ['InvalidInputException', 400, ValidationError],
    ['ResourceNotFoundException', 404, NotFoundError],
    ['AccessDeniedException', 403, AccessDeniedError],
  ] as const)('%s is not retried and maps to its class', async (code, status, Class) => {
    emu.handle('personalize-runtime', m.operation, () => {
      throw emu.error(code, 'The request was refused.', status);
    });
    const out = await settle(m.run(client()));
    const err = expectNamed(out.error, Class, m);
    expect(err).toMatchObject({ code, statusCode: status, retryable: false });
    expect(emu.calls).toHaveLength(1);
  });

  it('an ARN the service does not know: NotFoundError from the emulator, one request', async () => {
    emu.reset();
    const out = await settle(m.run(client()));
    const err = expectNamed(out.error, NotFoundError, m);
    expect(err).toMatchObject({ code: 'ResourceNotFoundException', statusCode: 404 });
    expect(emu.calls).toHaveLength(1);
  });

  it('no credential and no input in an error that echoes the request', async () => {
    emu.handle('personalize-runtime', m.operation, (input, ctx) => {
      const signature = /Signature=([0-9a-f]{64})/.exec(ctx.headers.authorization ?? '')?.[1];
      if (signature) signatures.add(signature);
      const i = input as { userId?: string; itemId?: string; inputList?: string[] };
      // AWS's wording for a member that failed its constraint, quoting the value.
      throw emu.error(
        'InvalidInputException',
        `2 validation errors detected: Value '${i.userId}' at 'userId' failed to satisfy constraint; ` +
          `Value '${i.itemId ?? i.inputList?.join(', ')}' at '${i.itemId ? 'itemId' : 'inputList'}' failed to satisfy constraint`,
      );
    });
    const { ai, lines } = markedClient();
    const out = await settle(m.run(ai));
    const err = expectNamed(out.error, ValidationError, m);
    expect(signatures.size).toBeGreaterThan(0);
    expect(leaks(err, lines)).toEqual([]);
    expect(err.message).toContain("at 'userId' failed to satisfy constraint");
    // The verbatim text stays behind the documented accessor.
    expect(err.serviceMessage).toContain(USER);
  });

  it.each([
    ['throttled (logged retries)', { kind: 'throttle' }],
    ['dropped connections', { kind: 'reset' }],
    ['malformed bodies', { kind: 'malformed' }],
  ] as const)('no credential and no input in the error or the log: %s', async (_, f) => {
    emu.fault(rule(f));
    const { ai, lines } = markedClient({ retry: { ...FAST_RETRY, retries: 1 } });
    const out = await settle(m.run(ai));
    expect(AwsAIError.isInstance(out.error)).toBe(true);
    expect(leaks(out.error, lines)).toEqual([]);
  });

  it('no credential and no input in a timeout or an abort', async () => {
    emu.fault(rule({ kind: 'delay', delayMs: 300 }));
    const { ai, lines } = markedClient();
    const timedOut = await settle(m.run(ai, { timeoutMs: 50 }));
    expectNamed(timedOut.error, TimeoutError, m);
    expect(leaks(timedOut.error, lines)).toEqual([]);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 20);
    const aborted = await settle(m.run(ai, { signal: controller.signal }));
    clearTimeout(timer);
    expectNamed(aborted.error, AbortError, m);
    expect(leaks(aborted.error, lines)).toEqual([]);
    expect(await requestsAfterSettle(emu, { ms: 20 })).toHaveLength(0);
  });
});

/** A call that must be refused before any request, and what its message must say. */
type Refusal = [label: string, run: (ai: AwsAI) => Promise<unknown>, says: RegExp];

const many = (n: number, prefix = 'i') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const values = (n: number) => Object.fromEntries(many(n, 'P').map((k) => [k, 'x']));

const refusals: Record<Method['name'], Refusal[]> = {
  forUser: [
    ['no options', (ai) => ai.recommendations.forUser(CAMPAIGN, undefined as never), /userId/],
    ['ARN not an ARN', (ai) => ai.recommendations.forUser(USER, { userId: 'u1' }), /arn.*ARN/],
    [
      'ARN over 256',
      (ai) => ai.recommendations.forUser(`${CAMPAIGN}${'x'.repeat(200)}`, { userId: 'u1' }),
      /256/,
    ],
    [
      'a filter ARN',
      (ai) => ai.recommendations.forUser(FILTER, { userId: 'u1' }),
      /campaign.*recommender/,
    ],
    [
      'empty userId',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: '' }),
      /userId.*non-empty/,
    ],
    [
      'userId over 256',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: USER.repeat(9) }),
      /userId.*256/,
    ],
    [
      'userId a number',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 42 as never }),
      /userId.*string/,
    ],
    [
      'numResults 501',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', numResults: 501 }),
      /numResults.*0 to 500/,
    ],
    [
      'numResults -1',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', numResults: -1 }),
      /numResults/,
    ],
    [
      'numResults 2.5',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', numResults: 2.5 }),
      /numResults.*integer/,
    ],
    [
      'numResults NaN',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', numResults: Number.NaN }),
      /numResults/,
    ],
    [
      'numResults 51 with metadata',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          numResults: 51,
          metadataColumns: ['GENRES'],
        }),
      /0 to 50\b/,
    ],
    [
      '11 metadata columns',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', metadataColumns: many(11) }),
      /metadataColumns.*10/,
    ],
    [
      'metadata column over 150',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', metadataColumns: ['c'.repeat(151)] }),
      /150/,
    ],
    [
      'filter ARN bad',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', filter: { arn: GENRE } }),
      /filter\.arn/,
    ],
    [
      'filter with 26 parameters',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: values(26) },
        }),
      /25/,
    ],
    [
      'filter parameter name',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { [GENRE]: 'x' } },
        }),
      /filter\.values.*letters, digits and _/,
    ],
    [
      'filter parameter name over 50',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { ['P'.repeat(51)]: 'x' } },
        }),
      /at most 50/,
    ],
    [
      'filter value with a quote',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { G: `${GENRE} "x"` } },
        }),
      /double quote/,
    ],
    [
      'filter value over 1,000 encoded',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { G: 'x'.repeat(999) } },
        }),
      /1000/,
    ],
    [
      'filter value Infinity',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { G: Number.POSITIVE_INFINITY } },
        }),
      /finite/,
    ],
    [
      'filter value empty list',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          filter: { arn: FILTER, values: { G: [] } },
        }),
      /leave the parameter out/,
    ],
    [
      'context key',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', context: { [GENRE]: 'x' } }),
      /context.*letters, digits and _/,
    ],
    [
      'context value over 1,000',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', context: { D: USER.repeat(40) } }),
      /context\.D.*1000/,
    ],
    [
      'context of 151 entries',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', context: values(151) }),
      /150/,
    ],
    [
      'two promotions',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          promotions: [1, 2].map((n) => ({ name: `p${n}`, percent: 10, filter: { arn: FILTER } })),
        }),
      /at most 1/,
    ],
    [
      'promotion name',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          promotions: [{ name: '-x', percent: 10, filter: { arn: FILTER } }],
        }),
      /name.*1–63/,
    ],
    [
      'promotion percent 101',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          promotions: [{ name: 'p', percent: 101, filter: { arn: FILTER } }],
        }),
      /percent.*1 to 100/,
    ],
    [
      'promotion without filter',
      (ai) =>
        ai.recommendations.forUser(CAMPAIGN, {
          userId: 'u1',
          promotions: [{ name: 'p', percent: 10 } as never],
        }),
      /promotions\[0\]\.filter/,
    ],
    [
      'timeoutMs negative',
      (ai) => ai.recommendations.forUser(CAMPAIGN, { userId: 'u1', timeoutMs: -1 }),
      /timeoutMs/,
    ],
  ],
  forItem: [
    ['no itemId', (ai) => ai.recommendations.forItem(CAMPAIGN, {} as never), /itemId/],
    [
      'itemId over 256',
      (ai) => ai.recommendations.forItem(CAMPAIGN, { itemId: ITEM.repeat(13) }),
      /itemId.*256/,
    ],
    [
      'userId over 256',
      (ai) => ai.recommendations.forItem(CAMPAIGN, { itemId: 'm1', userId: USER.repeat(9) }),
      /userId.*256/,
    ],
    [
      'numResults 501',
      (ai) => ai.recommendations.forItem(RECOMMENDER, { itemId: 'm1', numResults: 501 }),
      /numResults/,
    ],
    [
      'a filter ARN',
      (ai) => ai.recommendations.forItem(FILTER, { itemId: 'm1' }),
      /campaign.*recommender/,
    ],
    [
      'filter parameter name',
      (ai) =>
        ai.recommendations.forItem(CAMPAIGN, {
          itemId: 'm1',
          filter: { arn: FILTER, values: { [GENRE]: 'x' } },
        }),
      /letters, digits and _/,
    ],
  ],
  rank: [
    [
      'a recommender ARN',
      (ai) => ai.recommendations.rank(RECOMMENDER, { userId: 'u1', items: ['a'] }),
      /campaign/,
    ],
    [
      'ARN not an ARN',
      (ai) => ai.recommendations.rank(USER, { userId: 'u1', items: ['a'] }),
      /campaignArn/,
    ],
    ['no items', (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: [] }), /1 to 500/],
    [
      'items not an array',
      (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: ITEM as never }),
      /items must list/,
    ],
    [
      '501 items',
      (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: many(501) }),
      /1 to 500/,
    ],
    [
      '51 items with metadata',
      (ai) =>
        ai.recommendations.rank(RANKING, { userId: 'u1', items: many(51), metadataColumns: ['G'] }),
      /1 to 50 /,
    ],
    [
      'an item over 256',
      (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: ['a', ITEM.repeat(13)] }),
      /items\[1\].*256/,
    ],
    [
      'an empty item',
      (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: ['a', ''] }),
      /items\[1\]/,
    ],
    [
      'repeated items',
      (ai) => ai.recommendations.rank(RANKING, { userId: 'u1', items: [ITEM, ITEM2, ITEM] }),
      /items\[2\].*items\[0\].*distinct/,
    ],
    ['no userId', (ai) => ai.recommendations.rank(RANKING, { items: ['a'] } as never), /userId/],
    [
      'context key',
      (ai) =>
        ai.recommendations.rank(RANKING, { userId: 'u1', items: ['a'], context: { [GENRE]: 'x' } }),
      /context/,
    ],
    [
      'filter value with a quote',
      (ai) =>
        ai.recommendations.rank(RANKING, {
          userId: 'u1',
          items: ['a'],
          filter: { arn: FILTER, values: { G: '"' } },
        }),
      /double quote/,
    ],
  ],
  actions: [
    [
      'a recommender ARN',
      (ai) => ai.recommendations.actions(RECOMMENDER, { userId: 'u1' }),
      /campaign/,
    ],
    ['no userId', (ai) => ai.recommendations.actions(ACTIONS, {} as never), /userId/],
    [
      'userId over 256',
      (ai) => ai.recommendations.actions(ACTIONS, { userId: USER.repeat(9) }),
      /userId.*256/,
    ],
    [
      'numResults 101',
      (ai) => ai.recommendations.actions(ACTIONS, { userId: 'u1', numResults: 101 }),
      /numResults.*0 to 100/,
    ],
    [
      'filter parameter name',
      (ai) =>
        ai.recommendations.actions(ACTIONS, {
          userId: 'u1',
          filter: { arn: FILTER, values: { [GENRE]: 'x' } },
        }),
      /letters, digits and _/,
    ],
    [
      'filter value with a quote',
      (ai) =>
        ai.recommendations.actions(ACTIONS, {
          userId: 'u1',
          filter: { arn: FILTER, values: { KIND: '"' } },
        }),
      /double quote/,
    ],
  ],
};

describe('recommendations: a short id the service quotes back', () => {
  // Personalize's user and item ids look like the short tokens `redactEcho` keeps elsewhere
  // ('u-42', 'jane.roe@example.com'); the value after AWS's `Value` wording is always replaced
  // (ADR 0005, amendment of session 8).
  it('keeps it out of every rendering but serviceMessage', async () => {
    const id = 'jane.roe@example.com';
    emu.handle('personalize-runtime', 'GetRecommendations', (input) => {
      throw emu.error(
        'InvalidInputException',
        `1 validation error detected: Value '${(input as { userId: string }).userId}' at 'userId' failed to satisfy constraint`,
      );
    });
    const err = await client()
      .recommendations.forUser(CAMPAIGN, { userId: id })
      .catch((e: unknown) => e as AwsAIError);
    expect(ValidationError.isInstance(err)).toBe(true);
    expect((err as AwsAIError).serviceMessage).toContain(id);
    expect(Object.values(renderings(err)).filter((text) => text.includes('jane.roe'))).toEqual([]);
  });
});

describe.each(methods)('recommendations.$name: bad input', (m) => {
  it.each(refusals[m.name])(
    '%s: a ValidationError that says what to change, before any request, quoting no input',
    async (_, run, says) => {
      const { ai, lines } = markedClient();
      const out = await settle(run(ai));
      // Refused by the module's own checks: like text, vision and medical, such an error names
      // no service (no request was made); its message says what to change.
      expect(ValidationError.isInstance(out.error), inspect(out.error)).toBe(true);
      const err = out.error as ValidationError;
      expect(err.message).toMatch(says);
      expect(err.retryable).toBe(false);
      expect(emu.calls).toHaveLength(0);
      expect(leaks(err, lines)).toEqual([]);
    },
  );
});

describe('recommendations: the limits of the model are accepted up to the edge', () => {
  it('forUser / forItem: numResults 500 (50 with metadata), 25 filter parameters, 1,000 characters, 150 context entries, 256-character ids', async () => {
    const ai = client();
    const id = 'u'.repeat(256);
    await ai.recommendations.forUser(CAMPAIGN, {
      userId: id,
      numResults: RECOMMENDATIONS_MAX_RESULTS,
      filter: { arn: FILTER, values: { ...values(24), G: 'x'.repeat(998) } },
      context: Object.fromEntries(many(150, 'C').map((k) => [k, 'v'.repeat(1000)])),
    });
    await ai.recommendations.forItem(RECOMMENDER, {
      itemId: id,
      numResults: RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA,
      metadataColumns: many(10, 'c'),
      promotions: [{ name: 'p'.repeat(63), percent: 100, filter: { arn: FILTER } }],
    });
    const [user, item] = emu.calls.map((c) => c.input);
    expect(user).toMatchObject({ userId: id, numResults: 500 });
    expect(Object.keys((user as { filterValues: object }).filterValues)).toHaveLength(25);
    expect(item).toMatchObject({
      itemId: id,
      numResults: 50,
      metadataColumns: { ITEMS: many(10, 'c') },
    });
  });

  it('rank: 500 items (50 with metadata); actions: numResults 100', async () => {
    const ai = client();
    const ranked = await ai.recommendations.rank(RANKING, {
      userId: 'u1',
      items: many(RANKING_MAX_ITEMS),
    });
    expect(ranked.items).toHaveLength(500);
    const meta = await ai.recommendations.rank(RANKING, {
      userId: 'u1',
      items: many(50),
      metadataColumns: ['GENRES'],
    });
    expect(meta.items).toHaveLength(50);
    await ai.recommendations.actions(ACTIONS, { userId: 'u1', numResults: ACTIONS_MAX_RESULTS });
    expect(emu.calls.map((c) => c.operation)).toEqual([
      'GetPersonalizedRanking',
      'GetPersonalizedRanking',
      'GetActionRecommendations',
    ]);
  });
});
