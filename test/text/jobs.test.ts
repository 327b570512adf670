import { gzipSync } from 'node:zlib';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsAIError, ServiceError, ValidationError } from 'aws-ai';
import { afterAll, describe, expect, it } from 'vitest';
import { tar } from '../../src/testing/tar';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

const where = {
  input: 's3://corpus/reviews/',
  output: 's3://corpus/results/',
  roleArn: 'arn:aws:iam::123456789012:role/ComprehendAccess',
};

describe('text batch jobs', () => {
  it('starts a sentiment job and waits for it with the polling helper', async () => {
    const job = await client().text.startSentimentJob({ ...where, language: 'en', name: 'r' });
    expect(callsTo(emu, 'StartSentimentDetectionJob')[0]?.input).toMatchObject({
      InputDataConfig: { S3Uri: where.input, InputFormat: 'ONE_DOC_PER_LINE' },
      LanguageCode: 'en',
      JobName: 'r',
    });
    const seen: string[] = [];
    const done = await job.wait({ intervalMs: 1, onPoll: (s) => seen.push(s.state) });
    expect(seen).toEqual(['in-progress']);
    expect(done.state).toBe('completed');
    expect(done.outputUri).toBe(`${where.output}${job.id}/output/output.tar.gz`);
    expect(callsTo(emu, 'DescribeSentimentDetectionJob')).toHaveLength(2);
  });

  it.each([
    ['startEntitiesJob', 'Entities'],
    ['startKeyPhrasesJob', 'KeyPhrases'],
    ['startPiiJob', 'PiiEntities'],
  ] as const)('%s starts and polls its own operations', async (method, kind) => {
    const job = await client().text[method]({ ...where, language: 'en' });
    await job.wait({ intervalMs: 1 });
    expect(callsTo(emu, `Start${kind}DetectionJob`)).toHaveLength(1);
    expect(callsTo(emu, `Describe${kind}DetectionJob`)).toHaveLength(2);
  });

  it('starts a PII job in redaction mode', async () => {
    await client().text.startPiiJob({ ...where, language: 'es', mode: 'redaction' });
    expect(callsTo(emu, 'StartPiiEntitiesDetectionJob')[0]?.input.Mode).toBe('ONLY_REDACTION');
  });

  it('starts and waits for a translation job', async () => {
    const job = await client().text.startTranslationJob({ ...where, to: ['fr', 'de'] });
    expect(callsTo(emu, 'StartTextTranslationJob')[0]?.input).toMatchObject({
      SourceLanguageCode: 'auto',
      TargetLanguageCodes: ['fr', 'de'],
    });
    expect((await job.wait({ intervalMs: 1 })).state).toBe('completed');
  });

  it('a start answered without a JobId is a ServiceError naming comprehend and the operation', async () => {
    emu.handle('comprehend', 'StartSentimentDetectionJob', () => ({ JobStatus: 'SUBMITTED' }));
    const err = await client()
      .text.startSentimentJob({ ...where, language: 'en' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ service: 'comprehend', operation: 'StartSentimentDetectionJob' });
  });

  it('throws when the job fails', async () => {
    emu.handle('comprehend', 'DescribeSentimentDetectionJob', (input) => ({
      SentimentDetectionJobProperties: {
        JobId: input.JobId,
        JobStatus: 'FAILED',
        Message: 'bucket unreadable',
      },
    }));
    const job = await client().text.startSentimentJob({ ...where, language: 'en' });
    await expect(job.wait({ intervalMs: 1 })).rejects.toThrow(/failed: bucket unreadable/);
    await expect(job.wait({ intervalMs: 1 })).rejects.toBeInstanceOf(ServiceError);
  });

  it.each([
    [{ ...where, input: 'corpus/reviews', language: 'en' }, /params.input must be an S3 URI/],
    [{ ...where, roleArn: 'ComprehendAccess', language: 'en' }, /roleArn/],
    [{ ...where, language: 'ru' }, /supported: ar, de/],
  ])('validates before any call', async (params, message) => {
    await expect(client().text.startSentimentJob(params)).rejects.toThrow(message);
    await expect(client().text.startPiiJob({ ...where, language: 'fr' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emu.calls).toHaveLength(0);
  });
});

describe('text batch job results', () => {
  const s3 = new S3Client({ ...emu.config, forcePathStyle: true });
  afterAll(() => s3.destroy());
  const put = (bucket: string, key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const fast = { intervalMs: 1 };

  it('sentiment: one record per line, in input order, an oversized line failing alone', async () => {
    await put('sentiment-in', 'reviews/b.txt', 'What a terrible night\n');
    await put(
      'sentiment-in',
      'reviews/a.txt',
      `I love this hotel\nThe room was dirty\n${'long '.repeat(1001)}\n\nGreat staff`,
    );
    const job = await client().text.startSentimentJob({
      input: 's3://sentiment-in/reviews/',
      output: 's3://sentiment-out/run/',
      roleArn: where.roleArn,
      language: 'en',
    });
    const records = await job.results(fast);
    expect(records.map((r) => [r.file, r.line])).toEqual([
      ['a.txt', 0],
      ['a.txt', 1],
      ['a.txt', 2],
      ['a.txt', 4],
      ['b.txt', 0],
    ]);
    expect(records.map((r) => r.result?.sentiment ?? r.error?.code)).toEqual([
      'positive',
      'negative',
      'DOCUMENT_SIZE_EXCEEDED',
      'positive',
      'negative',
    ]);
    expect(records[0]?.result?.scores.positive).toBeCloseTo(0.94);
    expect(records[2]).toMatchObject({ result: undefined, error: { message: /5005 bytes/ } });
    expect(callsTo(emu, 'DescribeSentimentDetectionJob')).toHaveLength(2);
    expect(callsTo(emu, 'GetObject')[0]?.input).toMatchObject({
      Bucket: 'sentiment-out',
      Key: `run/${job.id}/output/output.tar.gz`,
    });
  });

  it('entities of one-doc-per-file input: offsets in code points, no line numbers', async () => {
    const doc = '🎉 Maria Lopez flew to Tokyo';
    await put('entities-in', 'docs/trip.txt', doc);
    const job = await client().text.startEntitiesJob({
      input: 's3://entities-in/docs/trip.txt',
      output: 's3://entities-out/',
      roleArn: where.roleArn,
      language: 'en',
      format: 'one-doc-per-file',
    });
    const [record] = await job.results(fast);
    expect(record).toMatchObject({ file: 'trip.txt', line: undefined, error: undefined });
    const entities = record?.result?.entities ?? [];
    expect(entities.map((e) => e.text)).toEqual(['Maria Lopez', 'Tokyo']);
    for (const e of entities) {
      // The emoji is one code point but two UTF-16 units: code-point offsets slice the code points.
      expect([...doc].slice(e.codePointStart, e.codePointEnd).join('')).toBe(e.text);
    }
    expect(entities[0]?.codePointStart).toBe(2);
    expect(doc.indexOf('Maria')).toBe(3);
  });

  it('key phrases and PII (offsets mode) read their own fields', async () => {
    await put('kp-in', 'in.txt', 'Wonderful breakfast\nmail bob@example.com today');
    const base = { output: 's3://kp-out/', roleArn: where.roleArn, language: 'en' } as const;
    const phrases = await (
      await client().text.startKeyPhrasesJob({ ...base, input: 's3://kp-in/in.txt' })
    ).results(fast);
    expect(phrases[0]?.result?.keyPhrases.map((k) => k.text)).toEqual(['Wonderful', 'breakfast']);
    const pii = await (
      await client().text.startPiiJob({ ...base, input: 's3://kp-in/in.txt' })
    ).results(fast);
    expect(pii.map((r) => r.result?.entities.map((e) => e.type))).toEqual([[], ['EMAIL']]);
    expect(pii[1]?.result?.entities[0]).toMatchObject({ codePointStart: 5, codePointEnd: 20 });
  });

  it('targeted sentiment: English by default, entities with their mentions per line', async () => {
    await put(
      'targeted-in',
      'r.txt',
      'We loved Paris. The food in Paris was terrible.\nGreat stay in Rome',
    );
    const job = await client().text.startTargetedSentimentJob({
      input: 's3://targeted-in/r.txt',
      output: 's3://targeted-out/',
      roleArn: where.roleArn,
    });
    expect(callsTo(emu, 'StartTargetedSentimentDetectionJob')[0]?.input.LanguageCode).toBe('en');
    const [first, second] = await job.results(fast);
    const paris = first?.result?.entities[0];
    expect(paris?.descriptive.text).toBe('Paris');
    expect(paris?.mentions.map((m) => [m.codePointStart, m.sentiment])).toEqual([
      [9, 'positive'],
      [28, 'negative'],
    ]);
    expect(second?.result?.entities.map((e) => e.descriptive.text)).toEqual(['Rome']);
    await expect(
      client().text.startTargetedSentimentJob({ ...where, language: 'de' as 'en' }),
    ).rejects.toThrow(/startTargetedSentimentJob/);
  });

  it('translation: one file per input file and target, sorted, read from the job folder', async () => {
    await put('translate-in', 'docs/b.txt', 'Thanks world');
    await put('translate-in', 'docs/a.txt', 'Hello cat');
    await put('translate-in', 'docs/sub/c.txt', 'Good cat');
    const job = await client().text.startTranslationJob({
      input: 's3://translate-in/docs/',
      output: 's3://translate-out/run/',
      roleArn: where.roleArn,
      to: ['fr', 'de'],
    });
    const files = await job.results(fast);
    expect(files.map((f) => [f.file, f.to, f.text])).toEqual([
      ['a.txt', 'fr', 'Bonjour chat'],
      ['a.txt', 'de', 'Hallo Katze'],
      ['b.txt', 'fr', 'Merci monde'],
      ['b.txt', 'de', 'Danke Welt'],
      ['sub/c.txt', 'fr', 'Bon chat'],
      ['sub/c.txt', 'de', 'Gut Katze'],
    ]);
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe('Bonjour chat');
    const listed = callsTo(emu, 'ListObjectsV2');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.input).toMatchObject({
      Bucket: 'translate-out',
      Prefix: `run/123456789012-TranslateText-${job.id}/`,
    });
    expect(callsTo(emu, 'GetObject')).toHaveLength(6);
  });

  describe('a translation that ends with errors (COMPLETED_WITH_ERROR)', () => {
    /** A job over one good file and one Translate refuses (not UTF-8), into fr and de. */
    const startPartial = async (bucket: string) => {
      await put(bucket, 'docs/a.txt', 'Hello cat');
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'docs/b.txt',
          Body: Uint8Array.of(0xc3, 0x28, 0xff),
        }),
      );
      const job = await client().text.startTranslationJob({
        input: `s3://${bucket}/docs/`,
        output: `s3://${bucket}-out/run/`,
        roleArn: where.roleArn,
        to: ['fr', 'de'],
      });
      const done = await job.wait(fast);
      const folder = `run/123456789012-TranslateText-${job.id}/`;
      return { job, done, folder };
    };

    it('every file appears once per language: the failed one with its error, none left out', async () => {
      const { job, done, folder } = await startPartial('partial-in');
      expect(done.state).toBe('partially-completed');
      const gets = callsTo(emu, 'GetObject').length;
      const files = await job.results(fast);
      expect(files.map((f) => [f.file, f.to, f.text, f.error?.code])).toEqual([
        ['a.txt', 'fr', 'Bonjour chat', undefined],
        ['a.txt', 'de', 'Hallo Katze', undefined],
        ['b.txt', 'fr', undefined, 'InvalidRequestException'],
        ['b.txt', 'de', undefined, 'InvalidRequestException'],
      ]);
      expect(files[2]?.bytes.byteLength).toBe(0);
      expect(files[2]?.error?.message).toMatch(/not valid UTF-8/);
      // Two translations and the two languages' details files, nothing else.
      const read = callsTo(emu, 'GetObject')
        .slice(gets)
        .map((c) => c.input.Key);
      expect(read.sort()).toEqual(
        [
          `${folder}de.a.txt`,
          `${folder}details/de.auxiliary-translation-details.json`,
          `${folder}details/fr.auxiliary-translation-details.json`,
          `${folder}fr.a.txt`,
        ].sort(),
      );
    });

    it('a details file that is missing: MalformedOutput naming it, not a shorter list', async () => {
      const { job, folder } = await startPartial('partial-missing');
      await s3.send(
        new DeleteObjectCommand({
          Bucket: 'partial-missing-out',
          Key: `${folder}details/de.auxiliary-translation-details.json`,
        }),
      );
      const err = await job.results(fast).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({ code: 'MalformedOutput', retryable: false });
      expect((err as Error).message).toMatch(
        /wrote no details\/de\.auxiliary-translation-details\.json/,
      );
    });

    it('a details file whose entries do not add up to its counts: MalformedOutput', async () => {
      const { job, folder } = await startPartial('partial-shape');
      // Counts one failed document but names it in a shape aws-ai does not read.
      await put(
        'partial-shape-out',
        `${folder}details/fr.auxiliary-translation-details.json`,
        JSON.stringify({
          documentCountWithCustomerError: '1',
          documentCountWithServerError: '0',
          details: [{ sourceFile: 'b.txt', failure: 'unreadable' }],
        }),
      );
      await expect(job.results(fast)).rejects.toThrow(
        /counts 1 failed documents and names 0, so the files it failed cannot be named/,
      );
    });
  });

  it('a redaction job has no records: ValidationError before any further call', async () => {
    const job = await client().text.startPiiJob({ ...where, language: 'en', mode: 'redaction' });
    const calls = emu.calls.length;
    await expect(job.results(fast)).rejects.toThrow(/redaction mode/);
    await expect(job.results(fast)).rejects.toBeInstanceOf(ValidationError);
    expect(emu.calls).toHaveLength(calls);
  });

  it('an output that is not a gzip archive is a ServiceError (MalformedOutput)', async () => {
    await put('broken-out', 'result.tar.gz', 'not gzip at all');
    emu.handle('comprehend', 'DescribeSentimentDetectionJob', (input) => ({
      SentimentDetectionJobProperties: {
        JobId: input.JobId,
        JobStatus: 'COMPLETED',
        OutputDataConfig: { S3Uri: 's3://broken-out/result.tar.gz' },
      },
    }));
    const job = await client().text.startSentimentJob({ ...where, language: 'en' });
    const err = await job.results(fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    // docs/errors-and-retries.md: every failure names its service and operation.
    expect(err).toMatchObject({
      code: 'MalformedOutput',
      service: 'comprehend',
      operation: 'DescribeSentimentDetectionJob',
    });
  });

  /** A finished sentiment job whose output is `archive`, put in the emulator's S3 as is. */
  async function jobWithArchive(bucket: string, archive: Uint8Array) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'o.tar.gz', Body: archive }));
    emu.handle('comprehend', 'DescribeSentimentDetectionJob', (input) => ({
      SentimentDetectionJobProperties: {
        JobId: input.JobId,
        JobStatus: 'COMPLETED',
        OutputDataConfig: { S3Uri: `s3://${bucket}/o.tar.gz` },
      },
    }));
    return client({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } }).text.startSentimentJob({
      ...where,
      language: 'en',
    });
  }

  /** 3,000 sentiment records of two files, written last first (Comprehend promises no order). */
  function bigArchive(): Uint8Array {
    const line = (file: string, i: number) =>
      JSON.stringify({
        File: file,
        Line: i,
        Sentiment: i % 2 ? 'NEGATIVE' : 'POSITIVE',
        SentimentScore: { Positive: (i % 100) / 100, Negative: 0, Neutral: 0, Mixed: 0 },
      });
    const lines = ['b.txt', 'a.txt'].flatMap((f) =>
      Array.from({ length: 1_500 }, (_, i) => line(f, 1_499 - i)),
    );
    return gzipSync(tar([{ name: 'output', data: new TextEncoder().encode(lines.join('\n')) }]));
  }

  it('an output archive cut mid-download is read again from the start, whole, within the budget', async () => {
    const archive = bigArchive();
    const job = await jobWithArchive('cut-out', archive);
    await job.wait(fast);
    emu.fault({
      service: 's3',
      operation: 'GetObject',
      kind: 'reset',
      afterBytes: 4_000,
      times: 1,
    });
    const records = await job.results(fast);
    expect(archive.byteLength).toBeGreaterThan(8_000);
    expect(records).toHaveLength(3_000);
    expect(records.slice(0, 2).map((r) => [r.file, r.line, r.result?.sentiment])).toEqual([
      ['a.txt', 0, 'positive'],
      ['a.txt', 1, 'negative'],
    ]);
    expect(records.at(-1)).toMatchObject({ file: 'b.txt', line: 1_499 });
    expect(callsTo(emu, 'GetObject')).toHaveLength(2);
  });

  it('an output archive cut on every download: a retryable StreamInterrupted once the budget is spent, never a shorter list', async () => {
    const job = await jobWithArchive('always-cut-out', bigArchive());
    await job.wait(fast);
    emu.fault({ service: 's3', operation: 'GetObject', kind: 'reset', afterBytes: 4_000 });
    const err = await job.results(fast).catch((e: unknown) => e);
    expect(ServiceError.isInstance(err), String(err)).toBe(true);
    expect(err).toMatchObject({ code: 'StreamInterrupted', retryable: true });
    expect(callsTo(emu, 'GetObject')).toHaveLength(3);
  });

  it('a gzip archive that ends early is MalformedOutput, not a shorter list', async () => {
    const archive = bigArchive();
    const job = await jobWithArchive('short-gz-out', archive.subarray(0, archive.byteLength - 50));
    const err = await job.results(fast).catch((e: unknown) => e);
    expect(ServiceError.isInstance(err), String(err)).toBe(true);
    expect(err).toMatchObject({
      code: 'MalformedOutput',
      retryable: false,
      service: 'comprehend',
      operation: 'DescribeSentimentDetectionJob',
    });
    expect(callsTo(emu, 'GetObject')).toHaveLength(1);
  });

  it('an archive line our reader cannot use is an AwsAIError naming the job, never a TypeError', async () => {
    const archive = gzipSync(tar([{ name: 'output', data: new TextEncoder().encode('null\n') }]));
    await s3.send(new PutObjectCommand({ Bucket: 'null-out', Key: 'o.tar.gz', Body: archive }));
    emu.handle('comprehend', 'DescribeSentimentDetectionJob', (input) => ({
      SentimentDetectionJobProperties: {
        JobId: input.JobId,
        JobStatus: 'COMPLETED',
        OutputDataConfig: { S3Uri: 's3://null-out/o.tar.gz' },
      },
    }));
    const job = await client().text.startSentimentJob({ ...where, language: 'en' });
    const err = await job.results(fast).catch((e: unknown) => e);
    expect(AwsAIError.isInstance(err)).toBe(true);
    expect(err).not.toBeInstanceOf(TypeError);
    expect(err).toMatchObject({
      service: 'comprehend',
      operation: 'DescribeSentimentDetectionJob',
    });
  });

  it('a Translate output folder that is no S3 URI: MalformedOutput naming translate', async () => {
    const job = await client().text.startTranslationJob({ ...where, to: 'fr' });
    emu.handle('translate', 'DescribeTextTranslationJob', (input) => ({
      TextTranslationJobProperties: {
        JobId: input.JobId,
        JobStatus: 'COMPLETED',
        TargetLanguageCodes: ['fr'],
        OutputDataConfig: { S3Uri: 'not-a-folder' },
      },
    }));
    const err = await job.results(fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({
      code: 'MalformedOutput',
      service: 'translate',
      operation: 'DescribeTextTranslationJob',
    });
  });
});
