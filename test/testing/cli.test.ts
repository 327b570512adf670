import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ComprehendClient, DetectDominantLanguageCommand } from '@aws-sdk/client-comprehend';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { DetectDocumentTextCommand, TextractClient } from '@aws-sdk/client-textract';
import {
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { AwsAI } from 'aws-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../documents/helpers';
import { jpeg } from '../vision/images';

// `aws-ai-emulator` as a process, driven by a client nobody here wrote: the AWS CLI, v2 (Debian's
// `awscli` package; `.ci/run` installs it) or v1 (pip's `awscli`), both checked. Every CLI answer
// must equal what the JS SDK gets from the same process for the same input. Skipped only when no
// `aws` is installed at all.
const root = fileURLToPath(new URL('../..', import.meta.url));
const execFileAsync = promisify(execFile);

function findAwsCli(): string | undefined {
  if (process.env.AWS_CLI) return process.env.AWS_CLI;
  if (existsSync('/usr/bin/aws')) return '/usr/bin/aws'; // Debian's package, before any pyenv shim
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'aws'))) return join(dir, 'aws');
  }
  return undefined;
}
const awsCli = findAwsCli();

/** Starts the CLI from the sources (as `npx aws-ai-emulator` runs the built file). */
function startCli(args: string[]): { child: ChildProcess; endpoint: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  return { child, endpoint };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Dates, ISO strings and epoch seconds compare as epoch ms; bytes as base64 (the CLI's JSON). */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) {
    return Date.parse(value);
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => key !== '$metadata' && v !== undefined)
        .map(([key, v]) => [key, normalize(v)]),
    );
  }
  return value;
}

describe.runIf(awsCli !== undefined)('aws-ai-emulator with the AWS CLI', () => {
  let child: ChildProcess;
  let endpoint: string;
  let dir: string;
  let sdk: {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  };

  beforeAll(async () => {
    const started = startCli(['--port', '0']);
    child = started.child;
    endpoint = await started.endpoint;
    dir = mkdtempSync(join(tmpdir(), 'aws-ai-cli-'));
    // The same output from AWS CLI v1 (pip's `awscli`) and v2 (Debian's): timestamps as ISO 8601
    // (v1 prints epoch seconds or the header's text by default), and a blob given in JSON read as
    // raw text (v1 always does; v2 expects base64 by default). v1 ignores the key it does not know.
    writeFileSync(
      join(dir, 'config'),
      '[default]\ncli_timestamp_format = iso8601\ncli_binary_format = raw-in-base64-out\n',
    );
    sdk = {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'cli', secretAccessKey: 'cli' },
      maxAttempts: 1,
    };
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child) await exited(child);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs `aws <args>` against the emulator; returns its JSON output, normalized (`{}` for the text
   * of the high-level `aws s3` commands).
   */
  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await execFileAsync(
      awsCli as string,
      [...args, '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_ACCESS_KEY_ID: 'cli',
          AWS_SECRET_ACCESS_KEY: 'cli',
          AWS_CONFIG_FILE: join(dir, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
        },
      },
    );
    return stdout.trimStart().startsWith('{')
      ? (normalize(JSON.parse(stdout)) as Record<string, unknown>)
      : {};
  }
  const file = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('prints its endpoint on loopback', () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('Comprehend: detect-dominant-language', async () => {
    const text = 'Bonjour tout le monde, comment allez-vous aujourd’hui ?';
    const cli = await aws('comprehend', 'detect-dominant-language', '--text', text);
    const raw = await new ComprehendClient(sdk).send(
      new DetectDominantLanguageCommand({ Text: text }),
    );
    expect(cli).toEqual(normalize(raw));
    const ours = await new AwsAI(sdk).text.detectLanguage(text);
    expect(ours.language).toBe((cli.Languages as { LanguageCode: string }[])[0]?.LanguageCode);
  });

  it('Translate: translate-text', async () => {
    const input = { Text: 'hello world', SourceLanguageCode: 'en', TargetLanguageCode: 'de' };
    const cli = await aws(
      'translate',
      'translate-text',
      '--text',
      input.Text,
      '--source-language-code',
      'en',
      '--target-language-code',
      'de',
    );
    const raw = await new TranslateClient(sdk).send(new TranslateTextCommand(input));
    expect(cli).toEqual(normalize(raw));
    const ours = await new AwsAI(sdk).text.translate(input.Text, { from: 'en', to: 'de' });
    expect(ours.text).toBe(cli.TranslatedText);
  });

  it('Rekognition: detect-labels with fileb:// bytes', async () => {
    const image = jpeg(320, 240);
    const cli = await aws(
      'rekognition',
      'detect-labels',
      '--image-bytes',
      `fileb://${file('photo.jpg', image)}`,
      '--max-labels',
      '5',
    );
    const raw = await new RekognitionClient(sdk).send(
      new DetectLabelsCommand({ Image: { Bytes: image }, MaxLabels: 5 }),
    );
    expect(cli).toEqual(normalize(raw));
    expect((cli.Labels as unknown[]).length).toBeGreaterThan(0);
  });

  it('Polly: synthesize-speech writes the same audio', async () => {
    const outfile = join(dir, 'speech.mp3');
    const cli = await aws(
      'polly',
      'synthesize-speech',
      '--output-format',
      'mp3',
      '--voice-id',
      'Joanna',
      '--text',
      'Hello from the emulator',
      outfile,
    );
    const raw = await new PollyClient(sdk).send(
      new SynthesizeSpeechCommand({
        OutputFormat: 'mp3',
        VoiceId: 'Joanna',
        Text: 'Hello from the emulator',
      }),
    );
    const audio = await raw.AudioStream?.transformToByteArray();
    expect(readFileSync(outfile)).toEqual(Buffer.from(audio as Uint8Array));
    expect(cli.ContentType).toBe(raw.ContentType);
    // botocore prints this header-bound integer as the header's text.
    expect(Number(cli.RequestCharacters)).toBe(raw.RequestCharacters);
  });

  it('Textract: detect-document-text', async () => {
    // A PDF of ASCII text: a blob in JSON is raw text to both CLI versions (config above).
    const doc = pdf(1);
    const cli = await aws(
      'textract',
      'detect-document-text',
      '--document',
      JSON.stringify({ Bytes: new TextDecoder().decode(doc) }),
    );
    const raw = await new TextractClient(sdk).send(
      new DetectDocumentTextCommand({ Document: { Bytes: doc } }),
    );
    expect(cli).toEqual(normalize(raw));
    expect(cli.Blocks).not.toHaveLength(0);
  });

  it('S3: mb, put-object, get-object, list-objects-v2 and s3 cp', async () => {
    await aws('s3', 'mb', 's3://cli-bucket');
    const body = JSON.stringify({ hello: 'world' });
    const put = await aws(
      's3api',
      'put-object',
      '--bucket',
      'cli-bucket',
      '--key',
      'a/by-cli.json',
      '--body',
      file('body.json', body),
      '--content-type',
      'application/json',
    );
    const s3 = new S3Client({ ...sdk, forcePathStyle: true });
    const sdkPut = await s3.send(
      new PutObjectCommand({
        Bucket: 'cli-bucket',
        Key: 'a/by-sdk.json',
        Body: body,
        ContentType: 'application/json',
      }),
    );
    expect(put.ETag).toBe(sdkPut.ETag);

    const outfile = join(dir, 'got.json');
    const got = await aws(
      's3api',
      'get-object',
      '--bucket',
      'cli-bucket',
      '--key',
      'a/by-cli.json',
      outfile,
    );
    expect(readFileSync(outfile, 'utf8')).toBe(body);
    const sdkGot = await s3.send(
      new GetObjectCommand({ Bucket: 'cli-bucket', Key: 'a/by-cli.json' }),
    );
    expect(await sdkGot.Body?.transformToString()).toBe(body);
    const { Body: _body, ...sdkMeta } = sdkGot;
    expect(got).toEqual(normalize(sdkMeta));

    await aws('s3', 'cp', file('three.txt', 'three'), 's3://cli-bucket/a/three.txt');
    // --no-paginate: the raw answer (the CLI's paginator keeps only the merged Contents).
    const list = await aws(
      's3api',
      'list-objects-v2',
      '--bucket',
      'cli-bucket',
      '--prefix',
      'a/',
      '--no-paginate',
    );
    const sdkList = await s3.send(new ListObjectsV2Command({ Bucket: 'cli-bucket', Prefix: 'a/' }));
    expect(list).toEqual(normalize(sdkList));
    expect((list.Contents as { Key: string }[]).map((o) => o.Key)).toEqual([
      'a/by-cli.json',
      'a/by-sdk.json',
      'a/three.txt',
    ]);
  });

  it('Transcribe: start-transcription-job and get-transcription-job on S3 media', async () => {
    await aws('s3', 'mb', 's3://cli-media');
    const audio = readFileSync(join(dir, 'speech.mp3'));
    await aws('s3', 'cp', file('talk.mp3', audio), 's3://cli-media/talk.mp3');
    const start = (name: string) => ({
      TranscriptionJobName: name,
      Media: { MediaFileUri: 's3://cli-media/talk.mp3' },
      LanguageCode: 'en-US' as const,
    });
    const cliStart = await aws(
      'transcribe',
      'start-transcription-job',
      '--transcription-job-name',
      'by-cli',
      '--media',
      'MediaFileUri=s3://cli-media/talk.mp3',
      '--language-code',
      'en-US',
    );
    const transcribe = new TranscribeClient(sdk);
    const sdkStart = await transcribe.send(new StartTranscriptionJobCommand(start('by-sdk')));
    const renamed = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll('by-sdk', 'by-cli'));
    expect(cliStart).toEqual(renamed(normalize(sdkStart)));

    let cliGot: Record<string, unknown> = {};
    let sdkGot: unknown;
    for (let i = 0; i < 20; i++) {
      cliGot = await aws(
        'transcribe',
        'get-transcription-job',
        '--transcription-job-name',
        'by-cli',
      );
      sdkGot = await transcribe.send(
        new GetTranscriptionJobCommand({ TranscriptionJobName: 'by-sdk' }),
      );
      const status = (cliGot.TranscriptionJob as { TranscriptionJobStatus: string })
        .TranscriptionJobStatus;
      if (status !== 'IN_PROGRESS' && status !== 'QUEUED') break;
    }
    expect(cliGot).toEqual(renamed(normalize(sdkGot)));
    expect(
      (cliGot.TranscriptionJob as { TranscriptionJobStatus: string }).TranscriptionJobStatus,
    ).toBe('COMPLETED');
  }, 60_000);

  it('SageMaker Runtime: invoke-endpoint writes the same body', async () => {
    const payload = JSON.stringify({ instances: [[1, 2, 3]] });
    const outfile = join(dir, 'prediction.json');
    const cli = await aws(
      'sagemaker-runtime',
      'invoke-endpoint',
      '--endpoint-name',
      'my-model',
      '--content-type',
      'application/json',
      '--body',
      `fileb://${file('payload.json', payload)}`,
      outfile,
    );
    const raw = await new SageMakerRuntimeClient(sdk).send(
      new InvokeEndpointCommand({
        EndpointName: 'my-model',
        ContentType: 'application/json',
        Body: new TextEncoder().encode(payload),
      }),
    );
    const { Body, ...rawMeta } = raw;
    expect(readFileSync(outfile)).toEqual(Buffer.from(Body));
    expect(cli).toEqual(normalize(rawMeta));
  });
});

describe('aws-ai-emulator as a process', () => {
  it('--help documents every flag', async () => {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', 'src/testing/cli.ts', '--help'],
      { cwd: root },
    );
    const source = readFileSync(join(root, 'src/testing/cli.ts'), 'utf8');
    const flagBlock = source.slice(source.indexOf('const FLAGS'), source.indexOf('} as const;'));
    const flags = [...flagBlock.matchAll(/^ {2}([a-z]+): \{/gm)].map((m) => m[1]);
    expect(flags).toEqual(['port', 'host', 'seed', 'faults', 'help']);
    for (const flag of flags) expect(stdout).toContain(`--${flag}`);
    expect(stdout).toContain('127.0.0.1');
  });

  it('refuses a bad flag with exit code 2', async () => {
    const run = execFileAsync(
      process.execPath,
      ['--import', 'tsx', 'src/testing/cli.ts', '--port', 'abc'],
      { cwd: root },
    );
    await expect(run).rejects.toMatchObject({ code: 2 });
  });

  it('loads a faults file, honours --seed and stops cleanly on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-ai-faults-'));
    const faults = join(dir, 'faults.json');
    writeFileSync(
      faults,
      JSON.stringify({ faults: [{ service: 'comprehend', kind: 'throttle', times: 1 }] }),
    );
    const { child, endpoint } = startCli(['--port', '0', '--seed', '7', '--faults', faults]);
    try {
      const config = {
        region: 'us-east-1',
        endpoint: await endpoint,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        maxAttempts: 1,
      };
      const comprehend = new ComprehendClient(config);
      const send = () =>
        comprehend.send(new DetectDominantLanguageCommand({ Text: 'hello there' }));
      await expect(send()).rejects.toMatchObject({ name: 'ThrottlingException' });
      await expect(send()).resolves.toMatchObject({ Languages: [{ LanguageCode: 'en' }] });
    } finally {
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
