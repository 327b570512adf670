import { tracingChannel } from 'node:diagnostics_channel';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AbortError, BatchItemError, TimeoutError, ValidationError } from 'aws-ai';
import {
  type AnyTextClient,
  classify,
  createTextClient,
  detectLanguage,
  entities,
  importTerminology,
  keyPhrases,
  listTerminologies,
  pii,
  redactPii,
  sentiment,
  startEntitiesJob,
  startKeyPhrasesJob,
  startPiiJob,
  startSentimentJob,
  startTargetedSentimentJob,
  startTranslationJob,
  syntax,
  Text,
  targetedSentiment,
  toxicity,
  translate,
  translateDocument,
} from 'aws-ai/text';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, FAST_RETRY, functionAndMethod, useEmulator } from '../helpers/emulator';

const { emu, client: ai } = await useEmulator();
const client = () => createTextClient({ ...emu.config, retry: FAST_RETRY });

describe('aws-ai/text per-operation functions', () => {
  it('answer like the Text methods, for one text and for arrays', async () => {
    const text = client();
    const module = new Text({ ...emu.config, retry: FAST_RETRY });
    const fr = 'Bonjour, je voudrais un café, s’il vous plaît.';
    expect(await detectLanguage(text, fr)).toEqual(await module.detectLanguage(fr));
    const reviews = ['The room was lovely.', 'The staff were rude.'];
    expect(await sentiment(text, reviews, { language: 'en' })).toEqual(
      await module.sentiment(reviews, { language: 'en' }),
    );
    const one = 'Jane Doe flew from Paris to Seattle on Monday.';
    expect(await entities(text, one, { language: 'en' })).toEqual(
      await module.entities(one, { language: 'en' }),
    );
    expect(await keyPhrases(text, one, { language: 'en' })).toEqual(
      await module.keyPhrases(one, { language: 'en' }),
    );
    expect(await syntax(text, one, { language: 'en' })).toEqual(
      await module.syntax(one, { language: 'en' }),
    );
    expect(await targetedSentiment(text, one, { language: 'en' })).toEqual(
      await module.targetedSentiment(one, { language: 'en' }),
    );
    expect(await pii(text, one, { language: 'en' })).toEqual(
      await module.pii(one, { language: 'en' }),
    );
    expect(await redactPii(text, one, { language: 'en' })).toEqual(
      await module.redactPii(one, { language: 'en' }),
    );
    expect(await toxicity(text, one, { language: 'en' })).toEqual(
      await module.toxicity(one, { language: 'en' }),
    );
    expect(await translate(text, one, { from: 'en', to: 'de' })).toEqual(
      await module.translate(one, { from: 'en', to: 'de' }),
    );
  });

  it('take a Text module or ai.text and share its SDK client cache', async () => {
    const module = new Text(emu.config);
    const result = await detectLanguage(module, 'Hello there, how are you today?');
    expect(result.language).toBe('en');
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(1);
  });

  it('validate before any call and keep item errors on request', async () => {
    await expect(detectLanguage(client(), '   ')).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(0);
    const out = await detectLanguage(client(), ['Hello there friend', 'Bonjour mon ami'], {
      throwOnItemError: false,
    });
    expect(out.map((r) => (r instanceof BatchItemError ? r : r.language))).toEqual(['en', 'fr']);
  });

  it('bound the whole call with timeoutMs', async () => {
    emu.fault({ service: 'comprehend', kind: 'delay', delayMs: 500 });
    await expect(
      detectLanguage(client(), 'Hello there, how are you?', { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('refuse a first argument that is not a client', async () => {
    await expect(detectLanguage({} as never, 'Hello')).rejects.toBeInstanceOf(ValidationError);
  });
});

const CLASSIFIER = 'arn:aws:comprehend:us-east-1:123456789012:document-classifier-endpoint/tickets';
const roleArn = 'arn:aws:iam::123456789012:role/ComprehendAccess';
const FAST = { pollIntervalMs: 1 };

/** A one-page text PDF (the emulator's ClassifyDocument reads its `Tj` strings). */
function pdf(line: string): Uint8Array<ArrayBuffer> {
  const content = `BT 72 720 Td (${line}) Tj ET`;
  return new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj',
      `3 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj`,
      '4 0 obj << /Type /Page /Parent 2 0 R /Contents 3 0 R >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n'),
  );
}

const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
afterAll(() => s3.destroy());
const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

/** A started job without what each start generates: its id, the ref's id, the status' output URI. */
function shape(job: { id: string; ref: object; kind: string }) {
  const { id: _, ...ref } = job.ref as { id: string };
  return { ref, kind: job.kind, methods: Object.keys(job).sort() };
}

/** The inputs of the emulator's calls of `operation`, without the SDK's generated idempotency tokens. */
const inputsOf = (operation: string) =>
  callsTo(emu, operation).map(({ input }) => {
    const { ClientRequestToken: _, ClientToken: __, ...rest } = input as Record<string, unknown>;
    return rest;
  });

describe('aws-ai/text per-operation functions: classify and translateDocument', () => {
  const module = () => new Text({ ...emu.config, retry: FAST_RETRY });

  it('classify answers like Text.classify: one text, an array, a long text, a document', async () => {
    const long = `${'The invoice is wrong. '.repeat(300)}${'The parcel is late. '.repeat(700)}`;
    const cases: Array<[unknown, Record<string, unknown>]> = [
      ['My invoice was charged twice, I want a refund.', {}],
      [['app crash', 'The package was never delivered.', 'refund please'], {}],
      [long, {}],
      [pdf('You charged my card twice'), {}],
      [new Blob([pdf('The parcel was never delivered')]), { reader: { action: 'detect-text' } }],
    ];
    for (const [input, extra] of cases) {
      const options = { endpoint: CLASSIFIER, ...extra };
      const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
        emu,
        () => classify(client(), input as string, options),
        () => module().classify(input as string, options),
      );
      expect(fn).toEqual(method);
      expect(fnCalls).toEqual(methodCalls);
      expect(fnCalls.ClassifyDocument).toBeGreaterThanOrEqual(1);
    }
    expect(callsTo(emu, 'DetectDominantLanguage')).toHaveLength(0);
  });

  it('entities with a custom recognizer or a document answers like Text.entities', async () => {
    const recognizer =
      'arn:aws:comprehend:us-east-1:123456789012:entity-recognizer-endpoint/products';
    const cases: Array<[unknown, Record<string, unknown>]> = [
      ['Order AB-1234 arrived #happy', { endpoint: recognizer }],
      [['AB-12 one', 'none', '#two'], { endpoint: recognizer, types: ['TAG'] }],
      [pdf('Order AB-1234 arrived #happy'), { endpoint: recognizer }],
    ];
    for (const [input, options] of cases) {
      const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
        emu,
        () => entities(client(), input as string, options as { endpoint: string }),
        () => module().entities(input as string, options as { endpoint: string }),
      );
      expect(fn).toEqual(method);
      expect(fnCalls).toEqual(methodCalls);
      expect(fnCalls.DetectEntities).toBeGreaterThanOrEqual(1);
    }
    // The custom forms name the endpoint, never a language: no built-in model was asked.
    for (const call of callsTo(emu, 'DetectEntities')) {
      expect(call.input).toMatchObject({ EndpointArn: recognizer });
      expect(call.input).not.toHaveProperty('LanguageCode');
    }
    const found = await entities(client(), 'Order AB-1234 arrived #happy', {
      endpoint: recognizer,
    });
    expect(found.map((e) => e.text)).toEqual(['AB-1234', '#happy']);
  });

  it('classify keeps item errors on request, like the method', async () => {
    const failing = () =>
      emu.handle('comprehend', 'ClassifyDocument', (input) => {
        if (String(input.Text).includes('boom')) throw emu.error('InvalidRequestException', 'bad');
        return { Classes: [{ Name: 'TECHNICAL', Score: 0.8 }] };
      });
    failing();
    const texts = ['app crash', 'boom', 'login error'];
    const options = { endpoint: CLASSIFIER, throwOnItemError: false } as const;
    const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
      emu,
      () => classify(client(), texts, options),
      () => module().classify(texts, options),
    );
    expect(fn.map((r) => (r instanceof BatchItemError ? r.code : r.classes[0]?.name))).toEqual([
      'TECHNICAL',
      'InvalidRequestException',
      'TECHNICAL',
    ]);
    expect(method.map((r) => (r instanceof BatchItemError ? r.code : r.classes[0]?.name))).toEqual(
      fn.map((r) => (r instanceof BatchItemError ? r.code : r.classes[0]?.name)),
    );
    expect(fnCalls).toEqual(methodCalls);
  });

  it('translateDocument answers like Text.translateDocument', async () => {
    const html = Buffer.from('<html><body><p>Hello world</p><p>Thanks!</p></body></html>');
    for (const options of [
      { from: 'en', to: 'fr', contentType: 'text/html', formality: 'formal' } as const,
      { to: 'de', contentType: 'text/plain' } as const,
    ]) {
      const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
        emu,
        () => translateDocument(client(), html, options),
        () => module().translateDocument(html, options),
      );
      expect(fn).toEqual(method);
      expect(fnCalls).toEqual(methodCalls);
      expect(fnCalls).toEqual({ TranslateDocument: 1 });
    }
    const [a, b] = callsTo(emu, 'TranslateDocument');
    expect(a?.input).toEqual(b?.input);
  });

  it('refuse what the methods refuse, before any call', async () => {
    const bad: Array<[() => Promise<unknown>, () => Promise<unknown>]> = [
      [
        () => classify(client(), 'hi', { endpoint: 'tickets' }),
        () => module().classify('hi', { endpoint: 'tickets' }),
      ],
      [
        () => classify(client(), '', { endpoint: CLASSIFIER }),
        () => module().classify('', { endpoint: CLASSIFIER }),
      ],
      [
        () => classify(client(), new TextEncoder().encode('GIF89a'), { endpoint: CLASSIFIER }),
        () => module().classify(new TextEncoder().encode('GIF89a'), { endpoint: CLASSIFIER }),
      ],
      [
        () => translateDocument(client(), Buffer.from('Hello'), { to: 'fr' }),
        () => module().translateDocument(Buffer.from('Hello'), { to: 'fr' }),
      ],
    ];
    for (const [viaFunction, viaMethod] of bad) {
      const [a, b] = await Promise.all([
        viaFunction().catch((e) => e),
        viaMethod().catch((e) => e),
      ]);
      expect(a).toBeInstanceOf(ValidationError);
      expect(b).toBeInstanceOf(ValidationError);
      expect((a as Error).message).toBe((b as Error).message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('aws-ai/text per-operation functions: batch jobs', () => {
  const module = () => new Text({ ...emu.config, retry: FAST_RETRY });

  it.each([
    ['startSentimentJob', 'Sentiment', startSentimentJob, 'sentiment'],
    ['startEntitiesJob', 'Entities', startEntitiesJob, 'entities'],
    ['startKeyPhrasesJob', 'KeyPhrases', startKeyPhrasesJob, 'keyPhrases'],
    ['startPiiJob', 'PiiEntities', startPiiJob, 'entities'],
  ] as const)(
    '%s starts the same job as the method, and its result is the same',
    async (name, kind, start, field) => {
      await put(
        'fn-in',
        'reviews/a.txt',
        'I love this hotel, Maria Lopez\nmail bob@example.com today',
      );
      const params = {
        input: 's3://fn-in/reviews/',
        output: 's3://fn-out/run/',
        roleArn,
        language: 'en',
        name: 'nightly',
      } as const;
      const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
        emu,
        () => (start as typeof startSentimentJob)(client(), params),
        () => (module()[name] as Text['startSentimentJob'])(params),
      );
      expect(fnCalls).toEqual(methodCalls);
      expect(fnCalls).toEqual({ [`Start${kind}DetectionJob`]: 1 });
      const [a, b] = inputsOf(`Start${kind}DetectionJob`);
      expect(a).toEqual(b);
      expect(shape(fn)).toEqual(shape(method));
      expect(fn.ref).toEqual({ kind: 'comprehend.detection', id: fn.id, api: kind });
      expect(fn.id).not.toBe(method.id);
      const from = emu.calls.length;
      const [viaFn, viaMethod] = [await fn.result(FAST), await method.result(FAST)];
      expect(viaFn).toEqual(viaMethod);
      expect(viaFn.length).toBe(2);
      expect(viaFn.every((r) => r.result && field in r.result)).toBe(true);
      const ops = emu.calls.slice(from).map((c) => c.operation);
      expect(ops.filter((o) => o === `Describe${kind}DetectionJob`).length).toBeGreaterThan(0);
      // A job a function started resumes like any other.
      const resumed = await ai()
        .jobs.resume(JSON.parse(JSON.stringify(fn.ref)))
        .result(FAST);
      expect(resumed).toEqual(viaFn);
    },
  );

  it('startTargetedSentimentJob: English by default, the same job and records as the method', async () => {
    await put(
      'fn-ts',
      'r.txt',
      'We loved Paris. The food in Paris was terrible.\nGreat stay in Rome',
    );
    const params = { input: 's3://fn-ts/r.txt', output: 's3://fn-ts-out/', roleArn };
    const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
      emu,
      () => startTargetedSentimentJob(client(), params),
      () => module().startTargetedSentimentJob(params),
    );
    expect(fnCalls).toEqual(methodCalls);
    const [a, b] = inputsOf('StartTargetedSentimentDetectionJob');
    expect(a).toEqual(b);
    expect(a?.LanguageCode).toBe('en');
    expect(shape(fn)).toEqual(shape(method));
    const records = await fn.result(FAST);
    expect(records).toEqual(await method.result(FAST));
    expect(records[0]?.result?.entities[0]?.descriptive.text).toBe('Paris');
  });

  it('startPiiJob in redaction mode: the same ref and the same refusal of results', async () => {
    const params = {
      input: 's3://fn-in/r/',
      output: 's3://fn-out/',
      roleArn,
      language: 'es',
      mode: 'redaction',
    } as const;
    const fn = await startPiiJob(client(), params);
    const method = await module().startPiiJob(params);
    expect(shape(fn)).toEqual(shape(method));
    expect(fn.ref).toMatchObject({ mode: 'redaction' });
    const [a, b] = inputsOf('StartPiiEntitiesDetectionJob');
    expect(a).toEqual(b);
    expect(a?.Mode).toBe('ONLY_REDACTION');
    const calls = emu.calls.length;
    const [ea, eb] = [
      await fn.result(FAST).catch((e) => e),
      await method.result(FAST).catch((e) => e),
    ];
    expect(ea).toBeInstanceOf(ValidationError);
    expect((ea as Error).message.replace(fn.id, '')).toBe(
      (eb as Error).message.replace(method.id, ''),
    );
    expect(emu.calls).toHaveLength(calls);
  });

  it('startTranslationJob starts the same job as the method; the files are the same', async () => {
    await put('fn-tr', 'docs/a.txt', 'Hello cat');
    await put('fn-tr', 'docs/b.txt', 'Thanks world');
    const params = {
      input: 's3://fn-tr/docs/',
      output: 's3://fn-tr-out/',
      roleArn,
      to: ['fr', 'de'],
      from: 'en',
    };
    const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
      emu,
      () => startTranslationJob(client(), params),
      () => module().startTranslationJob(params),
    );
    expect(fnCalls).toEqual(methodCalls);
    expect(fnCalls).toEqual({ StartTextTranslationJob: 1 });
    const [a, b] = inputsOf('StartTextTranslationJob');
    expect(a).toEqual(b);
    expect(shape(fn)).toEqual(shape(method));
    expect(fn.ref).toEqual({ kind: 'translate.text', id: fn.id, to: ['fr', 'de'] });
    const files = await fn.result(FAST);
    expect(files).toEqual(await method.result(FAST));
    expect(files.map((f) => [f.file, f.to, f.text])).toEqual([
      ['a.txt', 'fr', 'Bonjour chat'],
      ['a.txt', 'de', 'Hallo Katze'],
      ['b.txt', 'fr', 'Merci monde'],
      ['b.txt', 'de', 'Danke Welt'],
    ]);
    const resumed = await ai()
      .jobs.resume(JSON.parse(JSON.stringify(fn.ref)))
      .result(FAST);
    expect(resumed).toEqual(files);
  });

  it('refuse the parameters the methods refuse, before any call', async () => {
    const where = { input: 's3://corpus/in/', output: 's3://corpus/out/', roleArn };
    const bad: Array<[() => Promise<unknown>, () => Promise<unknown>]> = [
      [
        () => startSentimentJob(client(), { ...where, language: 'ru' as 'en' }),
        () => module().startSentimentJob({ ...where, language: 'ru' as 'en' }),
      ],
      [
        () => startEntitiesJob(client(), { ...where, input: 'corpus/in', language: 'en' }),
        () => module().startEntitiesJob({ ...where, input: 'corpus/in', language: 'en' }),
      ],
      [
        () => startKeyPhrasesJob(client(), { ...where, roleArn: 'x', language: 'en' }),
        () => module().startKeyPhrasesJob({ ...where, roleArn: 'x', language: 'en' }),
      ],
      [
        () => startTargetedSentimentJob(client(), { ...where, language: 'de' as 'en' }),
        () => module().startTargetedSentimentJob({ ...where, language: 'de' as 'en' }),
      ],
      [
        () => startPiiJob(client(), { ...where, language: 'fr' as 'en' }),
        () => module().startPiiJob({ ...where, language: 'fr' as 'en' }),
      ],
      [
        () => startTranslationJob(client(), { ...where, to: [] }),
        () => module().startTranslationJob({ ...where, to: [] }),
      ],
    ];
    for (const [viaFunction, viaMethod] of bad) {
      const [a, b] = [await viaFunction().catch((e) => e), await viaMethod().catch((e) => e)];
      expect(a).toBeInstanceOf(ValidationError);
      expect((a as Error).message).toBe((b as Error).message);
    }
    expect(emu.calls).toHaveLength(0);
  });
});

describe('aws-ai/text per-operation functions: clients, deadline and abort', () => {
  const where = { input: 's3://corpus/in/', output: 's3://corpus/out/', roleArn };
  type Call = (
    c: AnyTextClient,
    o?: { timeoutMs?: number; signal?: AbortSignal },
  ) => Promise<unknown>;
  const NEW: Record<
    string,
    [Call, (t: Text, o?: { timeoutMs?: number; signal?: AbortSignal }) => Promise<unknown>, string]
  > = {
    classify: [
      (c, o) => classify(c, 'My invoice was charged twice.', { endpoint: CLASSIFIER, ...o }),
      (t, o) => t.classify('My invoice was charged twice.', { endpoint: CLASSIFIER, ...o }),
      'ClassifyDocument',
    ],
    'classify (document)': [
      (c, o) => classify(c, pdf('You charged my card twice'), { endpoint: CLASSIFIER, ...o }),
      (t, o) => t.classify(pdf('You charged my card twice'), { endpoint: CLASSIFIER, ...o }),
      'ClassifyDocument',
    ],
    translateDocument: [
      (c, o) =>
        translateDocument(c, Buffer.from('Hello'), { to: 'fr', contentType: 'text/plain', ...o }),
      (t, o) =>
        t.translateDocument(Buffer.from('Hello'), { to: 'fr', contentType: 'text/plain', ...o }),
      'TranslateDocument',
    ],
    startSentimentJob: [
      (c, o) => startSentimentJob(c, { ...where, language: 'en' }, o),
      (t, o) => t.startSentimentJob({ ...where, language: 'en' }, o),
      'StartSentimentDetectionJob',
    ],
    startEntitiesJob: [
      (c, o) => startEntitiesJob(c, { ...where, language: 'en' }, o),
      (t, o) => t.startEntitiesJob({ ...where, language: 'en' }, o),
      'StartEntitiesDetectionJob',
    ],
    startKeyPhrasesJob: [
      (c, o) => startKeyPhrasesJob(c, { ...where, language: 'en' }, o),
      (t, o) => t.startKeyPhrasesJob({ ...where, language: 'en' }, o),
      'StartKeyPhrasesDetectionJob',
    ],
    startTargetedSentimentJob: [
      (c, o) => startTargetedSentimentJob(c, where, o),
      (t, o) => t.startTargetedSentimentJob(where, o),
      'StartTargetedSentimentDetectionJob',
    ],
    startPiiJob: [
      (c, o) => startPiiJob(c, { ...where, language: 'en' }, o),
      (t, o) => t.startPiiJob({ ...where, language: 'en' }, o),
      'StartPiiEntitiesDetectionJob',
    ],
    startTranslationJob: [
      (c, o) => startTranslationJob(c, { ...where, to: ['fr'] }, o),
      (t, o) => t.startTranslationJob({ ...where, to: ['fr'] }, o),
      'StartTextTranslationJob',
    ],
    importTerminology: [
      (c, o) => importTerminology(c, 'fn-any-client', 'en,fr\nAcme,Acme\n', o),
      (t, o) => t.terminology.import('fn-any-client', 'en,fr\nAcme,Acme\n', o),
      'ImportTerminology',
    ],
    listTerminologies: [
      (c, o) => listTerminologies(c, o),
      (t, o) => t.terminology.list(o),
      'ListTerminologies',
    ],
  };

  it.each(Object.keys(NEW))('%s takes a Text module and ai.text, one call each', async (name) => {
    const [call, , operation] = NEW[name] as (typeof NEW)[string];
    await call(new Text({ ...emu.config, retry: FAST_RETRY }));
    await call(ai().text);
    expect(callsTo(emu, operation)).toHaveLength(2);
  });

  it.each(Object.keys(NEW))(
    '%s refuses a first argument that is not a client, with no call',
    async (name) => {
      const [call] = NEW[name] as (typeof NEW)[string];
      for (const bad of [{}, null, undefined, emu.config, { ctx: {} }, 'text']) {
        await expect(call(bad as never)).rejects.toBeInstanceOf(ValidationError);
      }
      expect(emu.calls).toHaveLength(0);
    },
  );

  it.each(Object.keys(NEW))('%s: timeoutMs and abort behave like the method', async (name) => {
    const [call, method] = NEW[name] as (typeof NEW)[string];
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { name?: string; code?: string; service?: string; operation?: string }) => ({
          name: e.name,
          code: e.code,
          service: e.service,
          operation: e.operation,
        }),
      );
    const stop = emu.fault({ kind: 'delay', delayMs: 400 });
    const fn = await outcome(call(client(), { timeoutMs: 50 }));
    const viaMethod = await outcome(
      method(new Text({ ...emu.config, retry: FAST_RETRY }), { timeoutMs: 50 }),
    );
    stop();
    expect(fn).toEqual(viaMethod);
    expect(fn).toMatchObject({ name: TimeoutError.name });
    // Already aborted: nothing is sent.
    const before = emu.calls.length;
    const aborted = AbortSignal.abort();
    const fnAbort = await outcome(call(client(), { signal: aborted }));
    const methodAbort = await outcome(method(new Text(emu.config), { signal: aborted }));
    expect(fnAbort).toEqual(methodAbort);
    expect(fnAbort).toMatchObject({ name: AbortError.name });
    expect(emu.calls).toHaveLength(before);
    // Aborted mid-request.
    const stop2 = emu.fault({ kind: 'delay', delayMs: 400 });
    const fnMid = await outcome(call(client(), { signal: AbortSignal.timeout(50) }));
    const methodMid = await outcome(
      method(new Text({ ...emu.config, retry: FAST_RETRY }), { signal: AbortSignal.timeout(50) }),
    );
    stop2();
    expect(fnMid).toEqual(methodMid);
  });

  it('report the same telemetry method name as the Text methods', async () => {
    const seen: string[] = [];
    const channel = tracingChannel<unknown, { method: string }>('aws-ai:call');
    const start = (m: { method: string }) => seen.push(m.method);
    const handlers = { start, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
    channel.subscribe(handlers);
    try {
      const t = new Text({ ...emu.config, retry: FAST_RETRY });
      await classify(client(), 'Refund please.', { endpoint: CLASSIFIER });
      await t.classify('Refund please.', { endpoint: CLASSIFIER });
      await translateDocument(client(), Buffer.from('Hello'), {
        to: 'fr',
        contentType: 'text/plain',
      });
      await t.translateDocument(Buffer.from('Hello'), { to: 'fr', contentType: 'text/plain' });
      await sentiment(client(), 'Lovely.', { language: 'en' });
      await t.sentiment('Lovely.', { language: 'en' });
    } finally {
      channel.unsubscribe(handlers);
    }
    expect(seen).toEqual([
      'text.classify',
      'text.classify',
      'text.translateDocument',
      'text.translateDocument',
      'text.sentiment',
      'text.sentiment',
    ]);
  });
});

describe('aws-ai/text per-operation functions: terminologies', () => {
  const module = () => new Text({ ...emu.config, retry: FAST_RETRY });
  // The emulator keeps terminologies for its whole life (reset() does not clear them): each test
  // uses its own names.
  const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
  <tu><tuv xml:lang="en"><seg>Widget Pro</seg></tuv><tuv xml:lang="de"><seg>Widget Profi</seg></tuv></tu>
</body></tmx>`;
  /** A terminology without the time of its last import, which differs between two imports. */
  const stable = ({ updatedAt: _, ...rest }: { updatedAt?: Date | undefined }) => rest;
  /**
   * A list without `fn-any-client`: the deadline tests above leave delayed ImportTerminology
   * requests of it that the emulator still applies after the client gave up, possibly between two
   * lists of one test.
   */
  const settled = <T extends { name: string }>(list: readonly T[]) =>
    list.filter((t) => t.name !== 'fn-any-client');

  it('importTerminology answers like terminology.import, then listTerminologies like list', async () => {
    const cases: Array<[string, string | Uint8Array, Record<string, unknown> | undefined]> = [
      ['fn-brands', 'en,fr,de\nAcme Cloud,Acme Nuage,Acme Wolke\n', { description: 'Brands' }],
      ['fn-jargon', new TextEncoder().encode('en\tes\nlead time\tplazo\nSKU\tSKU\n'), undefined],
      ['fn-products', TMX, { directionality: 'multi' }],
    ];
    for (const [name, file, options] of cases) {
      const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
        emu,
        () => importTerminology(client(), name, file, options),
        () => module().terminology.import(name, file, options),
      );
      expect(stable(fn)).toEqual(stable(method));
      expect(fnCalls).toEqual({ ImportTerminology: 1 });
      expect(methodCalls).toEqual(fnCalls);
      const [a, b] = callsTo(emu, 'ImportTerminology').slice(-2);
      expect(a?.input).toEqual(b?.input);
    }
    const before = emu.calls.length;
    const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
      emu,
      () => listTerminologies(client()),
      () => module().terminology.list(),
    );
    expect(settled(fn)).toEqual(settled(method));
    expect(fnCalls).toEqual({ ListTerminologies: 1 });
    expect(methodCalls).toEqual(fnCalls);
    expect(callsTo(emu, 'ListTerminologies')[0]?.input).toMatchObject({ MaxResults: 500 });
    expect(emu.calls.length - before).toBe(2);
    const mine = settled(fn).filter((t) => t.name.startsWith('fn-'));
    expect(
      mine.map((t) => [t.name, t.from, t.to, t.termCount, t.format, t.directionality]),
    ).toEqual([
      ['fn-brands', 'en', ['fr', 'de'], 1, 'csv', 'uni'],
      ['fn-jargon', 'en', ['es'], 2, 'tsv', 'uni'],
      ['fn-products', 'en', ['de'], 1, 'tmx', 'multi'],
    ]);
    expect(mine[0]?.description).toBe('Brands');
    // The imported terms apply to a translation made with the functions.
    const { text } = await translate(client(), 'Hello from Acme Cloud.', {
      from: 'en',
      to: 'fr',
      terminologies: ['fn-brands'],
    });
    expect(text).toBe('Bonjour from Acme Nuage.');
  });

  it('listTerminologies follows NextToken like the method', async () => {
    const pages = () => {
      emu.handle('translate', 'ListTerminologies', (input) =>
        input.NextToken === 't2'
          ? {
              TerminologyPropertiesList: [{ Name: 'b', TargetLanguageCodes: ['de'], TermCount: 3 }],
            }
          : {
              TerminologyPropertiesList: [{ Name: 'a', TargetLanguageCodes: ['fr'], TermCount: 2 }],
              NextToken: 't2',
            },
      );
    };
    pages();
    const { fn, method, fnCalls, methodCalls } = await functionAndMethod(
      emu,
      () => listTerminologies(client()),
      () => module().terminology.list(),
    );
    expect(fn).toEqual(method);
    expect(fn.map((t) => [t.name, t.to, t.termCount])).toEqual([
      ['a', ['fr'], 2],
      ['b', ['de'], 3],
    ]);
    expect(fnCalls).toEqual({ ListTerminologies: 2 });
    expect(methodCalls).toEqual(fnCalls);
    expect(callsTo(emu, 'ListTerminologies').map((c) => c.input.NextToken)).toEqual([
      undefined,
      't2',
      undefined,
      't2',
    ]);
  });

  it('refuse what the methods refuse, before any call', async () => {
    const csv = 'en,fr\na,b\n';
    const t = () => module().terminology;
    const bad: Array<[() => Promise<unknown>, () => Promise<unknown>]> = [
      [() => importTerminology(client(), 'bad name', csv), () => t().import('bad name', csv)],
      [
        () => importTerminology(client(), 'x'.repeat(257), csv),
        () => t().import('x'.repeat(257), csv),
      ],
      [
        () => importTerminology(client(), 'double__underscore', csv),
        () => t().import('double__underscore', csv),
      ],
      [
        () => importTerminology(client(), 'ok', new Uint8Array(10_485_761)),
        () => t().import('ok', new Uint8Array(10_485_761)),
      ],
      [
        () => importTerminology(client(), 'ok', new Uint8Array(0)),
        () => t().import('ok', new Uint8Array(0)),
      ],
      [
        () => importTerminology(client(), 'ok', csv, { format: 'xlsx' as 'csv' }),
        () => t().import('ok', csv, { format: 'xlsx' as 'csv' }),
      ],
      [
        () => importTerminology(client(), 'ok', csv, { description: 'd'.repeat(257) }),
        () => t().import('ok', csv, { description: 'd'.repeat(257) }),
      ],
      [
        () => importTerminology(client(), 'ok', csv, { directionality: 'both' as 'uni' }),
        () => t().import('ok', csv, { directionality: 'both' as 'uni' }),
      ],
      [
        () => importTerminology(client(), 'ok', './no-such-file.csv'),
        () => t().import('ok', './no-such-file.csv'),
      ],
      [
        () => importTerminology(client(), 'ok', 's3://bucket/terms.csv'),
        () => t().import('ok', 's3://bucket/terms.csv'),
      ],
      [
        () => importTerminology(client(), 'ok', 42 as unknown as string),
        () => t().import('ok', 42 as unknown as string),
      ],
      [
        () => importTerminology(client(), 'ok', csv, { timeoutMs: -1 }),
        () => t().import('ok', csv, { timeoutMs: -1 }),
      ],
      [() => listTerminologies(client(), { timeoutMs: -1 }), () => t().list({ timeoutMs: -1 })],
      [() => listTerminologies(client(), 'all' as never), () => t().list('all' as never)],
    ];
    for (const [viaFunction, viaMethod] of bad) {
      const [a, b] = [await viaFunction().catch((e) => e), await viaMethod().catch((e) => e)];
      expect(a).toBeInstanceOf(ValidationError);
      expect(b).toBeInstanceOf(ValidationError);
      expect((a as Error).message).toBe((b as Error).message);
    }
    expect(emu.calls).toHaveLength(0);
  });

  it('take ai.text first, sharing its terminologies with ai.text.terminology', async () => {
    const ai_ = ai();
    const imported = await importTerminology(ai_.text, 'fn-shared', 'en,it\nAcme,Acme\n');
    expect(imported).toMatchObject({ name: 'fn-shared', from: 'en', to: ['it'], termCount: 1 });
    const viaFunction = await listTerminologies(ai_.text);
    const viaMethod = await ai_.text.terminology.list();
    expect(settled(viaFunction)).toEqual(settled(viaMethod));
    expect(viaFunction.map((t) => t.name)).toContain('fn-shared');
    expect(callsTo(emu, 'ImportTerminology')).toHaveLength(1);
    expect(callsTo(emu, 'ListTerminologies')).toHaveLength(2);
  });

  it('report the same telemetry method names as text.terminology', async () => {
    const seen: string[] = [];
    const channel = tracingChannel<unknown, { method: string }>('aws-ai:call');
    const start = (m: { method: string }) => seen.push(m.method);
    const handlers = { start, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
    channel.subscribe(handlers);
    try {
      const t = module();
      await importTerminology(client(), 'fn-telemetry', 'en,fr\nAcme,Acme\n');
      await t.terminology.import('fn-telemetry', 'en,fr\nAcme,Acme\n');
      await listTerminologies(client());
      await t.terminology.list();
    } finally {
      channel.unsubscribe(handlers);
    }
    expect(seen).toEqual([
      'text.terminology.import',
      'text.terminology.import',
      'text.terminology.list',
      'text.terminology.list',
    ]);
  });
});
