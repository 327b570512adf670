import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  ComprehendClient,
  DescribeSentimentDetectionJobCommand,
  StartSentimentDetectionJobCommand,
} from '@aws-sdk/client-comprehend';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
} from '@aws-sdk/client-personalize-runtime';
import {
  GetSpeechSynthesisTaskCommand,
  PollyClient,
  StartSpeechSynthesisTaskCommand,
} from '@aws-sdk/client-polly';
import {
  CreateCollectionCommand,
  CreateFaceLivenessSessionCommand,
  DeleteCollectionCommand,
  GetFaceLivenessSessionResultsCommand,
  GetLabelDetectionCommand,
  RekognitionClient,
  StartLabelDetectionCommand,
} from '@aws-sdk/client-rekognition';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateTransformJobCommand,
  DescribeTransformJobCommand,
  ListTransformJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  GetDocumentTextDetectionCommand,
  GetLendingAnalysisCommand,
  StartDocumentTextDetectionCommand,
  StartLendingAnalysisCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import {
  GetCallAnalyticsJobCommand,
  GetMedicalTranscriptionJobCommand,
  GetTranscriptionJobCommand,
  StartCallAnalyticsJobCommand,
  StartMedicalTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import {
  DescribeTextTranslationJobCommand,
  ImportTerminologyCommand,
  ListTerminologiesCommand,
  StartTextTranslationJobCommand,
  TranslateClient,
  TranslateTextCommand,
} from '@aws-sdk/client-translate';
import { type Emulator, type EmulatorConfig, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * `emu.reset()` leaves an emulator that looks like a fresh one for every service: a job started
 * before is unknown afterwards (the service's own not-found error, as its AWS model names it), list
 * operations list none, running-job limits and ids start again. Every call goes through the real
 * SDK client.
 */

function clients(config: EmulatorConfig) {
  const c = { ...config, maxAttempts: 1 };
  return {
    bedrock: new BedrockClient(c),
    bedrockRuntime: new BedrockRuntimeClient(c),
    comprehend: new ComprehendClient(c),
    personalize: new PersonalizeRuntimeClient(c),
    polly: new PollyClient(c),
    rekognition: new RekognitionClient(c),
    s3: new S3Client({ ...c, forcePathStyle: true }),
    sagemaker: new SageMakerClient(c),
    textract: new TextractClient(c),
    transcribe: new TranscribeClient(c),
    translate: new TranslateClient(c),
    destroy() {
      for (const client of Object.values(this)) {
        if (typeof client === 'object') client.destroy();
      }
    },
  };
}

let emu: Emulator;
let aws: ReturnType<typeof clients>;

beforeAll(async () => {
  emu = await startEmulator();
  aws = clients(emu.config);
});
afterAll(async () => {
  aws.destroy();
  await emu.close();
});
beforeEach(() => emu.reset());

const roleArn = 'arn:aws:iam::123456789012:role/JobAccess';
/** Textract reads a job's document from S3 and checks its format: a one-page PDF. */
const PDF = '%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n';

const startSentiment = (api = aws) =>
  api.comprehend.send(
    new StartSentimentDetectionJobCommand({
      InputDataConfig: { S3Uri: 's3://reviews-in/docs/' },
      OutputDataConfig: { S3Uri: 's3://reviews-out/' },
      DataAccessRoleArn: roleArn,
      LanguageCode: 'en',
    }),
  );
const describeSentiment = (JobId: string | undefined, api = aws) =>
  api.comprehend.send(new DescribeSentimentDetectionJobCommand({ JobId }));

const transform = (TransformJobName: string, api = aws) =>
  api.sagemaker.send(
    new CreateTransformJobCommand({
      TransformJobName,
      ModelName: 'echo',
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://transform-in/' } },
      },
      TransformOutput: { S3OutputPath: 's3://transform-out/' },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
    }),
  );

describe('emu.reset() forgets every service’s jobs', () => {
  it('Comprehend: a detection job is JobNotFoundException, ids restart', async () => {
    const { JobId } = await startSentiment();
    await expect(describeSentiment(JobId)).resolves.toBeDefined();
    emu.reset();
    await expect(describeSentiment(JobId)).rejects.toMatchObject({
      name: 'JobNotFoundException',
    });
    expect((await startSentiment()).JobId).toBe(JobId);
  });

  it('Translate: a batch job is ResourceNotFoundException, ids restart', async () => {
    const start = () =>
      aws.translate.send(
        new StartTextTranslationJobCommand({
          InputDataConfig: { S3Uri: 's3://texts-in/', ContentType: 'text/plain' },
          OutputDataConfig: { S3Uri: 's3://texts-out/' },
          DataAccessRoleArn: roleArn,
          SourceLanguageCode: 'en',
          TargetLanguageCodes: ['fr'],
        }),
      );
    const { JobId } = await start();
    emu.reset();
    await expect(
      aws.translate.send(new DescribeTextTranslationJobCommand({ JobId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await start()).JobId).toBe(JobId);
  });

  it('Translate: imported terminologies are gone (an empty list, TranslateText: ResourceNotFoundException)', async () => {
    await aws.translate.send(
      new ImportTerminologyCommand({
        Name: 'brands',
        MergeStrategy: 'OVERWRITE',
        TerminologyData: { File: Buffer.from('en,fr\nAcme,Acme\n'), Format: 'CSV' },
      }),
    );
    const list = async () =>
      (await aws.translate.send(new ListTerminologiesCommand({}))).TerminologyPropertiesList ?? [];
    expect((await list()).map((t) => t.Name)).toEqual(['brands']);
    emu.reset();
    expect(await list()).toEqual([]);
    await expect(
      aws.translate.send(
        new TranslateTextCommand({
          Text: 'Acme',
          SourceLanguageCode: 'en',
          TargetLanguageCode: 'fr',
          TerminologyNames: ['brands'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('Textract: async jobs are InvalidJobIdException, a client token starts a new job', async () => {
    const stage = () =>
      aws.s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.pdf', Body: PDF }));
    const location = { S3Object: { Bucket: 'docs', Name: 'a.pdf' } };
    const get = (JobId: string | undefined) =>
      aws.textract.send(new GetDocumentTextDetectionCommand({ JobId }));
    await stage();
    const text = await aws.textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: location,
        ClientRequestToken: 'same-token',
      }),
    );
    const lending = await aws.textract.send(
      new StartLendingAnalysisCommand({ DocumentLocation: location }),
    );
    expect((await get(text.JobId)).JobStatus).toBe('IN_PROGRESS');
    expect((await get(text.JobId)).JobStatus).toBe('SUCCEEDED');
    emu.reset();
    await expect(get(text.JobId)).rejects.toMatchObject({ name: 'InvalidJobIdException' });
    await expect(
      aws.textract.send(new GetLendingAnalysisCommand({ JobId: lending.JobId })),
    ).rejects.toMatchObject({ name: 'InvalidJobIdException' });
    // The token belonged to the forgotten job: starting with it again starts a new one.
    await stage();
    const again = await aws.textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: location,
        ClientRequestToken: 'same-token',
      }),
    );
    expect(again.JobId).toBe(text.JobId);
    expect((await get(again.JobId)).JobStatus).toBe('IN_PROGRESS');
  });

  it('Transcribe, Transcribe Medical, Call Analytics: NotFoundException, names free again', async () => {
    const Media = { MediaFileUri: 's3://audio/call.wav' };
    const start = () =>
      Promise.all([
        aws.transcribe.send(
          new StartTranscriptionJobCommand({
            TranscriptionJobName: 'meeting',
            Media,
            LanguageCode: 'en-US',
          }),
        ),
        aws.transcribe.send(
          new StartMedicalTranscriptionJobCommand({
            MedicalTranscriptionJobName: 'visit',
            Media,
            LanguageCode: 'en-US',
            Specialty: 'PRIMARYCARE',
            Type: 'CONVERSATION',
            OutputBucketName: 'medical-out',
          }),
        ),
        aws.transcribe.send(
          new StartCallAnalyticsJobCommand({
            CallAnalyticsJobName: 'support',
            Media,
            OutputLocation: 's3://calls-out/',
          }),
        ),
      ]);
    await start();
    emu.reset();
    await expect(
      aws.transcribe.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'meeting' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(
      aws.transcribe.send(
        new GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: 'visit' }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(
      aws.transcribe.send(new GetCallAnalyticsJobCommand({ CallAnalyticsJobName: 'support' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    // The names are free again (they answered ConflictException while the jobs were known).
    await expect(start()).resolves.toHaveLength(3);
  });

  it('Polly: a synthesis task is SynthesisTaskNotFoundException, ids restart', async () => {
    const start = () =>
      aws.polly.send(
        new StartSpeechSynthesisTaskCommand({
          Text: 'Hello there',
          VoiceId: 'Joanna',
          OutputFormat: 'mp3',
          OutputS3BucketName: 'speech-out',
        }),
      );
    const TaskId = (await start()).SynthesisTask?.TaskId;
    emu.reset();
    await expect(
      aws.polly.send(new GetSpeechSynthesisTaskCommand({ TaskId })),
    ).rejects.toMatchObject({ name: 'SynthesisTaskNotFoundException' });
    expect((await start()).SynthesisTask?.TaskId).toBe(TaskId);
  });

  it('Bedrock batch inference: ResourceNotFoundException, the list is empty, ids restart', async () => {
    const create = () =>
      aws.bedrock.send(
        new CreateModelInvocationJobCommand({
          jobName: 'nightly',
          roleArn,
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://batch-in/records/' } },
          outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://batch-out/' } },
        }),
      );
    const { jobArn } = await create();
    const list = async () =>
      (await aws.bedrock.send(new ListModelInvocationJobsCommand({}))).invocationJobSummaries;
    expect(await list()).toHaveLength(1);
    emu.reset();
    await expect(
      aws.bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await list()).toEqual([]);
    // The name is free again (ConflictException while the job was known) and ids restart.
    expect((await create()).jobArn).toBe(jobArn);
  });

  it('Bedrock async invocations: unknown (ValidationException), the list is empty', async () => {
    const { invocationArn } = await aws.bedrockRuntime.send(
      new StartAsyncInvokeCommand({
        modelId: 'amazon.nova-reel-v1:1',
        modelInput: { taskType: 'TEXT_VIDEO', textToVideoParams: { text: 'waves' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://videos/reel' } },
      }),
    );
    const list = async () =>
      (await aws.bedrockRuntime.send(new ListAsyncInvokesCommand({}))).asyncInvokeSummaries;
    expect(await list()).toHaveLength(1);
    emu.reset();
    // GetAsyncInvoke's model has no ResourceNotFoundException: an unknown ARN is a ValidationException.
    await expect(
      aws.bedrockRuntime.send(new GetAsyncInvokeCommand({ invocationArn })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await list()).toEqual([]);
  });

  it('SageMaker transform jobs: ResourceNotFound, the list is empty, names free again', async () => {
    await transform('scoring');
    const list = async () =>
      (await aws.sagemaker.send(new ListTransformJobsCommand({}))).TransformJobSummaries;
    expect(await list()).toHaveLength(1);
    emu.reset();
    await expect(
      aws.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: 'scoring' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
    expect(await list()).toEqual([]);
    await expect(transform('scoring')).resolves.toBeDefined();
  });

  it('SageMaker: a transform job still running at the reset writes nothing afterwards', async () => {
    await aws.s3.send(
      new PutObjectCommand({ Bucket: 'transform-in', Key: 'rows.jsonl', Body: '[1, 2]\n' }),
    );
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', async () => {
      entered();
      await gate;
      return { Body: new TextEncoder().encode('[3]'), ContentType: 'application/json' };
    });
    await transform('slow');
    await inside;
    emu.reset();
    release();
    // The job's remaining work is promise continuations: one macrotask later it has finished.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(
      aws.s3.send(new ListObjectsV2Command({ Bucket: 'transform-out' })),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('Rekognition video: ResourceNotFoundException, the 20 running jobs start from zero, ids restart', async () => {
    const start = (name: string) =>
      aws.rekognition.send(
        new StartLabelDetectionCommand({ Video: { S3Object: { Bucket: 'videos', Name: name } } }),
      );
    const first = await start('clip-0.mp4');
    for (let i = 1; i < 20; i++) await start(`clip-${i}.mp4`);
    await expect(start('one-more.mp4')).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    emu.reset();
    await expect(
      aws.rekognition.send(new GetLabelDetectionCommand({ JobId: first.JobId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await start('clip-0.mp4')).JobId).toBe(first.JobId);
  });

  it('Rekognition: collections and liveness sessions are gone', async () => {
    await aws.rekognition.send(new CreateCollectionCommand({ CollectionId: 'staff' }));
    const { SessionId } = await aws.rekognition.send(new CreateFaceLivenessSessionCommand({}));
    emu.reset();
    await expect(
      aws.rekognition.send(new DeleteCollectionCommand({ CollectionId: 'staff' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      aws.rekognition.send(new GetFaceLivenessSessionResultsCommand({ SessionId })),
    ).rejects.toMatchObject({ name: 'SessionNotFoundException' });
    // The id is free again: CreateCollection answered ResourceAlreadyExistsException before.
    await expect(
      aws.rekognition.send(new CreateCollectionCommand({ CollectionId: 'staff' })),
    ).resolves.toMatchObject({ StatusCode: 200 });
    const again = await aws.rekognition.send(new CreateFaceLivenessSessionCommand({}));
    expect(again.SessionId).toBe(SessionId);
  });
});

describe('two emulators side by side', () => {
  let other: Emulator;
  let otherAws: ReturnType<typeof clients>;
  beforeAll(async () => {
    other = await startEmulator();
    otherAws = clients(other.config);
  });
  afterAll(async () => {
    otherAws.destroy();
    await other.close();
  });
  beforeEach(() => other.reset());

  it('keep their own jobs: a reset of one forgets its jobs and leaves the other’s', async () => {
    const mine = await startSentiment();
    await expect(describeSentiment(mine.JobId, otherAws)).rejects.toMatchObject({
      name: 'JobNotFoundException',
    });
    await transform('shared-name');
    await expect(transform('shared-name', otherAws)).resolves.toBeDefined();
    // Each emulator counts its own ids: the other's first job has the same id as this one's.
    const theirs = await startSentiment(otherAws);
    expect(theirs.JobId).toBe(mine.JobId);
    emu.reset();
    await expect(describeSentiment(mine.JobId)).rejects.toMatchObject({
      name: 'JobNotFoundException',
    });
    await expect(describeSentiment(theirs.JobId, otherAws)).resolves.toBeDefined();
    await expect(
      otherAws.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: 'shared-name' })),
    ).resolves.toMatchObject({ TransformJobName: 'shared-name' });
  });

  it('count Personalize recommendation ids each from the start, restarted by a reset', async () => {
    const arn = 'arn:aws:personalize:us-east-1:123456789012:campaign/movies';
    const data = { items: ['m1', 'm2'], interactions: [{ userId: 'u1', itemId: 'm1' }] };
    emu.personalize(arn, data);
    other.personalize(arn, data);
    const ask = (api: ReturnType<typeof clients>) =>
      api.personalize.send(new GetRecommendationsCommand({ campaignArn: arn, userId: 'u1' }));
    const first = (await ask(aws)).recommendationId;
    expect((await ask(otherAws)).recommendationId).toBe(first);
    expect((await ask(aws)).recommendationId).not.toBe(first);
    emu.reset();
    emu.personalize(arn, data);
    expect((await ask(aws)).recommendationId).toBe(first);
  });
});
