import {
  ComprehendClient,
  DescribeEntitiesDetectionJobCommand,
  DescribeKeyPhrasesDetectionJobCommand,
  DescribePiiEntitiesDetectionJobCommand,
  DescribeSentimentDetectionJobCommand,
  DescribeTargetedSentimentDetectionJobCommand,
  StartEntitiesDetectionJobCommand,
  StartKeyPhrasesDetectionJobCommand,
  StartPiiEntitiesDetectionJobCommand,
  StartSentimentDetectionJobCommand,
  StartTargetedSentimentDetectionJobCommand,
  StopEntitiesDetectionJobCommand,
  StopKeyPhrasesDetectionJobCommand,
  StopPiiEntitiesDetectionJobCommand,
  StopSentimentDetectionJobCommand,
  StopTargetedSentimentDetectionJobCommand,
} from '@aws-sdk/client-comprehend';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeTextTranslationJobCommand,
  StartTextTranslationJobCommand,
  StopTextTranslationJobCommand,
  TranslateClient,
} from '@aws-sdk/client-translate';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The emulator's Stop<Kind>DetectionJob (Comprehend) and StopTextTranslationJob (Translate), through
 * the real SDK clients, as AWS's models document them (comprehend.json, translate.json: each Stop
 * operation's documentation, its response's JobStatus and its errors).
 */

let emu: Emulator;
let comprehend: ComprehendClient;
let translate: TranslateClient;
let s3: S3Client;

beforeAll(async () => {
  emu = await startEmulator();
  comprehend = new ComprehendClient({ ...emu.config, maxAttempts: 1 });
  translate = new TranslateClient({ ...emu.config, maxAttempts: 1 });
  s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
});
afterAll(async () => {
  comprehend.destroy();
  translate.destroy();
  s3.destroy();
  await emu.close();
});
beforeEach(() => emu.reset());

const roleArn = 'arn:aws:iam::123456789012:role/ComprehendAccess';
const location = (name: string) => ({
  InputDataConfig: { S3Uri: `s3://${name}-in/docs/`, InputFormat: 'ONE_DOC_PER_LINE' as const },
  OutputDataConfig: { S3Uri: `s3://${name}-out/` },
  DataAccessRoleArn: roleArn,
  LanguageCode: 'en' as const,
});

/** Start, Stop and Describe (its JobStatus) of one Comprehend detection job kind. */
interface Kind {
  start(name: string): Promise<string | undefined>;
  stop(id: string): Promise<{ JobId?: string | undefined; JobStatus?: string | undefined }>;
  status(id: string): Promise<string | undefined>;
}

const KINDS: Record<string, Kind> = {
  Sentiment: {
    start: async (name) =>
      (await comprehend.send(new StartSentimentDetectionJobCommand(location(name)))).JobId,
    stop: (JobId) => comprehend.send(new StopSentimentDetectionJobCommand({ JobId })),
    status: async (JobId) =>
      (await comprehend.send(new DescribeSentimentDetectionJobCommand({ JobId })))
        .SentimentDetectionJobProperties?.JobStatus,
  },
  Entities: {
    start: async (name) =>
      (await comprehend.send(new StartEntitiesDetectionJobCommand(location(name)))).JobId,
    stop: (JobId) => comprehend.send(new StopEntitiesDetectionJobCommand({ JobId })),
    status: async (JobId) =>
      (await comprehend.send(new DescribeEntitiesDetectionJobCommand({ JobId })))
        .EntitiesDetectionJobProperties?.JobStatus,
  },
  KeyPhrases: {
    start: async (name) =>
      (await comprehend.send(new StartKeyPhrasesDetectionJobCommand(location(name)))).JobId,
    stop: (JobId) => comprehend.send(new StopKeyPhrasesDetectionJobCommand({ JobId })),
    status: async (JobId) =>
      (await comprehend.send(new DescribeKeyPhrasesDetectionJobCommand({ JobId })))
        .KeyPhrasesDetectionJobProperties?.JobStatus,
  },
  PiiEntities: {
    start: async (name) =>
      (
        await comprehend.send(
          new StartPiiEntitiesDetectionJobCommand({ ...location(name), Mode: 'ONLY_OFFSETS' }),
        )
      ).JobId,
    stop: (JobId) => comprehend.send(new StopPiiEntitiesDetectionJobCommand({ JobId })),
    status: async (JobId) =>
      (await comprehend.send(new DescribePiiEntitiesDetectionJobCommand({ JobId })))
        .PiiEntitiesDetectionJobProperties?.JobStatus,
  },
  TargetedSentiment: {
    start: async (name) =>
      (await comprehend.send(new StartTargetedSentimentDetectionJobCommand(location(name)))).JobId,
    stop: (JobId) => comprehend.send(new StopTargetedSentimentDetectionJobCommand({ JobId })),
    status: async (JobId) =>
      (await comprehend.send(new DescribeTargetedSentimentDetectionJobCommand({ JobId })))
        .TargetedSentimentDetectionJobProperties?.JobStatus,
  },
};

async function started(kind: Kind, name: string): Promise<string> {
  const id = await kind.start(name);
  if (!id) throw new Error('no JobId');
  return id;
}

/** The keys in an emulated S3 bucket; none when nothing ever wrote to it. */
async function keys(bucket: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket })).catch((e: unknown) => {
    if ((e as Error).name === 'NoSuchBucket') return { Contents: [] };
    throw e;
  });
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

describe.each(Object.entries(KINDS))('Comprehend Stop%sDetectionJob', (name, kind) => {
  const bucket = `stop-${name.toLowerCase()}`;

  it('puts a submitted job into STOP_REQUESTED, then STOPPED, and answers STOPPED once stopped', async () => {
    const id = await started(kind, bucket);
    const stop = await kind.stop(id);
    expect(stop).toMatchObject({ JobId: id, JobStatus: 'STOP_REQUESTED' });
    expect(emu.calls.at(-1)).toMatchObject({
      service: 'comprehend',
      operation: `Stop${name}DetectionJob`,
      input: { JobId: id },
    });
    expect(await kind.status(id)).toBe('STOP_REQUESTED');
    expect(await kind.status(id)).toBe('STOPPED');
    expect(await kind.status(id)).toBe('STOPPED');
    // "Either STOP_REQUESTED if the job is currently running, or STOPPED if the job was previously
    // stopped" (Stop<Kind>DetectionJobResponse.JobStatus).
    expect(await kind.stop(id)).toMatchObject({ JobId: id, JobStatus: 'STOPPED' });
    expect(await kind.status(id)).toBe('STOPPED');
  });

  it('stops an IN_PROGRESS job before it completes: it never reports COMPLETED nor writes output', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: `${bucket}-in`, Key: 'docs/a.txt', Body: 'I love it' }),
    );
    const id = await started(kind, bucket);
    expect(await kind.status(id)).toBe('IN_PROGRESS');
    expect(await kind.stop(id)).toMatchObject({ JobId: id, JobStatus: 'STOP_REQUESTED' });
    expect(await kind.stop(id)).toMatchObject({ JobId: id, JobStatus: 'STOP_REQUESTED' });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await kind.status(id));
    expect(seen).toEqual(['STOP_REQUESTED', 'STOPPED', 'STOPPED', 'STOPPED']);
    expect(await keys(`${bucket}-out`)).toEqual([]);
  });

  it('refuses to stop a COMPLETED job with InvalidRequestException (400) and leaves it COMPLETED', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: `${bucket}-in`, Key: 'docs/a.txt', Body: 'I love it' }),
    );
    const id = await started(kind, bucket);
    expect(await kind.status(id)).toBe('IN_PROGRESS');
    expect(await kind.status(id)).toBe('COMPLETED');
    expect(await keys(`${bucket}-out`)).toEqual([`${id}/output/output.tar.gz`]);
    const err = await kind.stop(id).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await kind.status(id)).toBe('COMPLETED');
  });

  it('answers JobNotFoundException for an unknown id', async () => {
    const err = await kind.stop('no-such-job').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'JobNotFoundException', $metadata: { httpStatusCode: 400 } });
  });
});

describe('Comprehend Stop*DetectionJob across kinds', () => {
  it('answers JobNotFoundException for the id of a job of another kind, which keeps running', async () => {
    const { Sentiment, Entities } = KINDS as Record<'Sentiment' | 'Entities', Kind>;
    const id = await started(Sentiment, 'cross');
    const err = await Entities.stop(id).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'JobNotFoundException' });
    expect(await Sentiment.status(id)).toBe('IN_PROGRESS');
    expect(await Sentiment.status(id)).toBe('COMPLETED');
  });
});

describe('Translate StopTextTranslationJob', () => {
  const startJob = async (name: string) => {
    const { JobId } = await translate.send(
      new StartTextTranslationJobCommand({
        InputDataConfig: { S3Uri: `s3://${name}-in/docs/`, ContentType: 'text/plain' },
        OutputDataConfig: { S3Uri: `s3://${name}-out/` },
        DataAccessRoleArn: roleArn,
        SourceLanguageCode: 'en',
        TargetLanguageCodes: ['fr'],
      }),
    );
    if (!JobId) throw new Error('no JobId');
    return JobId;
  };
  const status = async (JobId: string) =>
    (await translate.send(new DescribeTextTranslationJobCommand({ JobId })))
      .TextTranslationJobProperties?.JobStatus;
  const stop = (JobId: string) => translate.send(new StopTextTranslationJobCommand({ JobId }));

  it('puts a job into STOP_REQUESTED, then STOPPED, with no output', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tstop-in', Key: 'docs/a.txt', Body: 'Hello' }));
    const id = await startJob('tstop');
    expect(await stop(id)).toMatchObject({ JobId: id, JobStatus: 'STOP_REQUESTED' });
    expect(emu.calls.at(-1)).toMatchObject({
      service: 'translate',
      operation: 'StopTextTranslationJob',
      input: { JobId: id },
    });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await status(id));
    expect(seen).toEqual(['STOP_REQUESTED', 'STOPPED', 'STOPPED']);
    expect(await stop(id)).toMatchObject({ JobId: id, JobStatus: 'STOPPED' });
    expect(await keys('tstop-out')).toEqual([]);
  });

  it('leaves a COMPLETED job COMPLETED: the model gives Stop no error for it', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tdone-in', Key: 'docs/a.txt', Body: 'Hello' }));
    const id = await startJob('tdone');
    expect(await status(id)).toBe('IN_PROGRESS');
    expect(await status(id)).toBe('COMPLETED');
    expect(await keys('tdone-out')).toEqual([
      `123456789012-TranslateText-${id}/details/fr.auxiliary-translation-details.json`,
      `123456789012-TranslateText-${id}/fr.a.txt`,
    ]);
    expect(await stop(id)).toMatchObject({ JobId: id, JobStatus: 'COMPLETED' });
    expect(await status(id)).toBe('COMPLETED');
  });

  it('ends COMPLETED_WITH_ERROR when a file is not UTF-8: counts, details files, and Stop leaves it so', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'terr-in', Key: 'docs/a.txt', Body: 'Hello' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'terr-in', Key: 'docs/b.txt', Body: Uint8Array.of(0xff) }),
    );
    const id = await startJob('terr');
    await status(id);
    const described = await translate.send(new DescribeTextTranslationJobCommand({ JobId: id }));
    expect(described.TextTranslationJobProperties).toMatchObject({
      JobStatus: 'COMPLETED_WITH_ERROR',
      JobDetails: {
        InputDocumentsCount: 2,
        TranslatedDocumentsCount: 1,
        DocumentsWithErrorsCount: 1,
      },
    });
    const folder = `123456789012-TranslateText-${id}/`;
    expect(await keys('terr-out')).toEqual([
      `${folder}details/fr.auxiliary-translation-details.json`,
      `${folder}fr.a.txt`,
    ]);
    const file = await s3.send(
      new GetObjectCommand({
        Bucket: 'terr-out',
        Key: `${folder}details/fr.auxiliary-translation-details.json`,
      }),
    );
    expect(JSON.parse((await file.Body?.transformToString()) ?? '')).toMatchObject({
      targetLanguageCode: 'fr',
      documentCountWithCustomerError: '1',
      documentCountWithServerError: '0',
      details: [
        { sourceFile: 'a.txt', targetFile: 'fr.a.txt' },
        { sourceFile: 'b.txt', auxiliaryData: { error: { errorCode: 'InvalidRequestException' } } },
      ],
    });
    expect(await stop(id)).toMatchObject({ JobId: id, JobStatus: 'COMPLETED_WITH_ERROR' });
    expect(await status(id)).toBe('COMPLETED_WITH_ERROR');
  });

  it('answers ResourceNotFoundException (404) for an unknown id', async () => {
    const err = await stop('no-such-job').catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
