/**
 * The documented guarantees (docs/errors-and-retries.md) for every `ai.text` method that is not a
 * fan-out (those are in test/faults/fan-out-suite.ts): single-text calls, custom models,
 * translateDocument, terminologies and the start of batch jobs. Each call, under each fault the
 * emulator injects, settles within its deadline, sends nothing after settling, keeps to one retry
 * budget, fails typed, and leaks neither credentials nor the caller's text.
 */
import { AbortError, type AwsAI, AwsAIError, TimeoutError, ValidationError } from 'aws-ai';
import type { FaultRule } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { callsTo, requestsAfterSettle, settle, useEmulator } from '../helpers/emulator';
import { CREDENTIAL_MARKERS, CREDENTIALS, renderings, secretsIn } from '../helpers/leaks';

const { emu, client } = await useEmulator();

const RETRIES = 2;
const RETRY = { retries: RETRIES, minDelayMs: 1, maxDelayMs: 5 } as const;
/** How late a call may settle after its deadline on a loaded machine. */
const MARGIN_MS = 150;
const TIMEOUT_MS = 100;
/** Watch briefly for requests after settling: the calls here send one request at a time. */
const AFTER = { graceMs: 30, ms: 50 } as const;

/** Input text with a marker, so a leak of it is found by substring search. */
const SECRET_TEXT = 'Patient zqxSECRETTEXTq lives at 12 Elm Street.';
const CLASSIFIER = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
const RECOGNIZER = 'arn:aws:comprehend:us-east-1:123456789012:entity-recognizer-endpoint/products';
const WHERE = {
  input: 's3://corpus/reviews/',
  output: 's3://corpus/results/',
  roleArn: 'arn:aws:iam::123456789012:role/ComprehendAccess',
};

type Options = { signal?: AbortSignal; timeoutMs?: number };

interface Case {
  name: string;
  service: NonNullable<FaultRule['service']>;
  operation: string;
  run: (ai: AwsAI, o: Options) => Promise<unknown>;
  /** A call with bad input; its message must not quote SECRET_TEXT. */
  invalid?: (ai: AwsAI) => Promise<unknown>;
}

const html = () => Buffer.from(`<html><body><p>${SECRET_TEXT}</p></body></html>`);

const cases: Case[] = [
  {
    name: 'text.sentiment',
    service: 'comprehend',
    operation: 'DetectSentiment',
    run: (ai, o) => ai.text.sentiment(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.sentiment(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.detectLanguage',
    service: 'comprehend',
    operation: 'DetectDominantLanguage',
    run: (ai, o) => ai.text.detectLanguage(SECRET_TEXT, { retry: RETRY, ...o }),
    invalid: (ai) => ai.text.detectLanguage(''),
  },
  {
    name: 'text.entities',
    service: 'comprehend',
    operation: 'DetectEntities',
    run: (ai, o) => ai.text.entities(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.entities(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.entities (custom recognizer)',
    service: 'comprehend',
    operation: 'DetectEntities',
    run: (ai, o) => ai.text.entities(SECRET_TEXT, { endpoint: RECOGNIZER, retry: RETRY, ...o }),
    invalid: (ai) => ai.text.entities(SECRET_TEXT, { endpoint: 'not-an-arn' }),
  },
  {
    name: 'text.classify',
    service: 'comprehend',
    operation: 'ClassifyDocument',
    run: (ai, o) => ai.text.classify(SECRET_TEXT, { endpoint: CLASSIFIER, retry: RETRY, ...o }),
    invalid: (ai) => ai.text.classify(SECRET_TEXT, { endpoint: 'not-an-arn' }),
  },
  {
    name: 'text.keyPhrases',
    service: 'comprehend',
    operation: 'DetectKeyPhrases',
    run: (ai, o) => ai.text.keyPhrases(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.keyPhrases(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.syntax',
    service: 'comprehend',
    operation: 'DetectSyntax',
    run: (ai, o) => ai.text.syntax(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.syntax(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.pii',
    service: 'comprehend',
    operation: 'DetectPiiEntities',
    run: (ai, o) => ai.text.pii(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.pii(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.redactPii',
    service: 'comprehend',
    operation: 'DetectPiiEntities',
    run: (ai, o) => ai.text.redactPii(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.redactPii(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.targetedSentiment',
    service: 'comprehend',
    operation: 'DetectTargetedSentiment',
    run: (ai, o) => ai.text.targetedSentiment(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) =>
      ai.text.targetedSentiment(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.toxicity',
    service: 'comprehend',
    operation: 'DetectToxicContent',
    run: (ai, o) => ai.text.toxicity(SECRET_TEXT, { language: 'en', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.toxicity(SECRET_TEXT, { language: 'xx-notalanguage' as 'en' }),
  },
  {
    name: 'text.translate',
    service: 'translate',
    operation: 'TranslateText',
    run: (ai, o) => ai.text.translate(SECRET_TEXT, { from: 'en', to: 'fr', retry: RETRY, ...o }),
    invalid: (ai) => ai.text.translate(SECRET_TEXT, { from: 'en', to: 'xx-notalanguage' }),
  },
  {
    name: 'text.translateDocument',
    service: 'translate',
    operation: 'TranslateDocument',
    run: (ai, o) =>
      ai.text.translateDocument(html(), {
        from: 'en',
        to: 'de',
        contentType: 'text/html',
        retry: RETRY,
        ...o,
      }),
    invalid: (ai) => ai.text.translateDocument(SECRET_TEXT, { from: 'en', to: 'de' }),
  },
  {
    name: 'text.terminology.import',
    service: 'translate',
    operation: 'ImportTerminology',
    run: (ai, o) =>
      ai.text.terminology.import('brand-names', 'en,fr\nAcme Cloud,Acme Nuage\n', {
        retry: RETRY,
        ...o,
      }),
    invalid: (ai) =>
      ai.text.terminology.import('bad name with spaces!', `en,fr\n${SECRET_TEXT},x\n`),
  },
  {
    name: 'text.terminology.list',
    service: 'translate',
    operation: 'ListTerminologies',
    run: (ai, o) => ai.text.terminology.list({ retry: RETRY, ...o }),
  },
  {
    name: 'text.startSentimentJob',
    service: 'comprehend',
    operation: 'StartSentimentDetectionJob',
    run: (ai, o) => ai.text.startSentimentJob({ ...WHERE, language: 'en' }, { retry: RETRY, ...o }),
    invalid: (ai) => ai.text.startSentimentJob({ ...WHERE, input: SECRET_TEXT, language: 'en' }),
  },
  {
    name: 'text.startTranslationJob',
    service: 'translate',
    operation: 'StartTextTranslationJob',
    run: (ai, o) =>
      ai.text.startTranslationJob({ ...WHERE, from: 'en', to: ['fr'] }, { retry: RETRY, ...o }),
    invalid: (ai) =>
      ai.text.startTranslationJob({ ...WHERE, output: SECRET_TEXT, from: 'en', to: ['fr'] }),
  },
];

function expectTyped(error: unknown, c: Case): void {
  expect(AwsAIError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({ service: c.service, operation: c.operation });
}

describe.each(cases)('$name', (c) => {
  it('succeeds against the emulator (the baseline every fault below departs from)', async () => {
    const out = await settle(c.run(client(), {}));
    expect(out.error).toBeUndefined();
    expect(callsTo(emu, c.operation).length).toBeGreaterThan(0);
  });

  it('a call timeoutMs bounds a slow answer: TimeoutError, nothing sent after', async () => {
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const out = await settle(() => c.run(client(), { timeoutMs: TIMEOUT_MS }));
    expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(await requestsAfterSettle(emu, AFTER)).toEqual([]);
  });

  it("the client's timeoutMs bounds the call the same way", async () => {
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const ai = client({ timeoutMs: TIMEOUT_MS });
    const out = await settle(() => c.run(ai, {}));
    expect(TimeoutError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('an abort mid-request rejects at once with AbortError, nothing sent after', async () => {
    emu.fault({ service: c.service, operation: c.operation, kind: 'delay', delayMs: 400 });
    const controller = new AbortController();
    const pending = settle(() => c.run(client(), { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 40));
    const abortedAt = performance.now();
    controller.abort();
    const out = await pending;
    expect(AbortError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(performance.now() - abortedAt).toBeLessThan(MARGIN_MS);
    expect(await requestsAfterSettle(emu, AFTER)).toEqual([]);
  });

  it('an already aborted signal sends nothing', async () => {
    const out = await settle(() => c.run(client(), { signal: AbortSignal.abort() }));
    expect(AbortError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(emu.calls).toEqual([]);
  });

  it.each(['throttle', 'server-error', 'reset', 'malformed'] as const)(
    '%s always: retries + 1 requests, then a typed retryable error',
    async (kind) => {
      emu.fault({
        service: c.service,
        operation: c.operation,
        kind,
        ...(kind === 'reset' ? { afterBytes: 10 } : {}),
      });
      const out = await settle(() => c.run(client(), {}));
      expectTyped(out.error, c);
      expect(out.error).toMatchObject({ retryable: true });
      expect(callsTo(emu, c.operation)).toHaveLength(RETRIES + 1);
    },
  );

  it('throttled once: retried, succeeds', async () => {
    emu.fault({ service: c.service, operation: c.operation, kind: 'throttle', times: 1 });
    const out = await settle(() => c.run(client(), {}));
    expect(out.error).toBeUndefined();
    expect(callsTo(emu, c.operation)).toHaveLength(2);
  });

  it('a modeled refusal (InvalidRequestException) is not retried: one request, ValidationError', async () => {
    emu.fault({
      service: c.service,
      operation: c.operation,
      kind: 'server-error',
      code: 'InvalidRequestException',
      status: 400,
    });
    const out = await settle(() => c.run(client(), {}));
    expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
    expectTyped(out.error, c);
    expect(out.error).toMatchObject({ retryable: false });
    expect(callsTo(emu, c.operation)).toHaveLength(1);
  });

  it('neither the credentials nor the text are reachable from an error quoting the input', async () => {
    emu.handle(c.service, c.operation, () => {
      throw emu.error(
        'InvalidRequestException',
        `1 validation error detected: Value '${SECRET_TEXT}' at 'text' failed to satisfy constraint`,
      );
    });
    const logged: unknown[] = [];
    const log = (...args: unknown[]) => logged.push(args);
    const ai = client({
      credentials: CREDENTIALS,
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const out = await settle(() => c.run(ai, {}));
    expectTyped(out.error, c);
    const texts = { ...renderings(out.error), logger: JSON.stringify(logged) };
    expect(secretsIn(texts, [...CREDENTIAL_MARKERS, 'SECRETTEXT'])).toEqual([]);
    // The verbatim text stays behind the documented accessor.
    expect((out.error as AwsAIError).serviceMessage).toContain('SECRETTEXT');
  });

  if (c.invalid) {
    const invalid = c.invalid;
    it('bad input: ValidationError before any request, not quoting the text', async () => {
      const out = await settle(() => invalid(client()));
      expect(ValidationError.isInstance(out.error), String(out.error)).toBe(true);
      expect(emu.calls).toEqual([]);
      expect(secretsIn(renderings(out.error), ['SECRETTEXT'])).toEqual([]);
    });
  }
});
