import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { GetDocumentAnalysisCommand, TextractClient } from '@aws-sdk/client-textract';
import { DescribeTextTranslationJobCommand, TranslateClient } from '@aws-sdk/client-translate';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedErrorInfo } from '../../src/testing/dispatch';
import { EmulatorError } from '../../src/testing/emulator-error';
import type { ServiceDefinition } from '../../src/testing/services/definition';
import { createServices } from '../../src/testing/services/index';

/**
 * Every error code the emulator can send must be one AWS sends for that operation: the codes the
 * service's model gives it (test/fixtures/aws-error-codes.json, generated from AWS's models by
 * scripts/aws-error-codes.mjs), or an error common to all AWS services (aws-common-errors.json,
 * each list with its source).
 */

interface ModelCodes {
  services: Record<string, { operations: Record<string, string[]> }>;
}
interface CommonCodes {
  common: { codes: string[] };
  jsonProtocols: { services: string[]; codes: string[] };
  s3: { codes: string[] };
  emulatorOnly: { codes: string[] };
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
const models = fixture('aws-error-codes.json') as ModelCodes;
const commons = fixture('aws-common-errors.json') as CommonCodes;
const { services } = createServices();

/** Codes any operation of `service` may send besides its modeled ones. */
function commonFor(service: string): Set<string> {
  return new Set([
    ...commons.common.codes,
    ...(commons.jsonProtocols.services.includes(service) ? commons.jsonProtocols.codes : []),
    ...(service === 's3' ? commons.s3.codes : []),
  ]);
}

function modeled(service: string, operation: string): string[] | undefined {
  return models.services[service]?.operations[operation];
}

/** Codes that `operation` of `service` may answer with on AWS. */
function allowed(service: string, operation: string): Set<string> {
  return new Set([...(modeled(service, operation) ?? []), ...commonFor(service)]);
}

function byService(name: string): ServiceDefinition {
  const found = services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('the emulator error codes, checked against AWS models', () => {
  it('covers every emulated service in the vendored list', () => {
    for (const service of services)
      expect(models.services[service.name], service.name).toBeDefined();
  });

  it('declares, per operation, only codes AWS has for that operation', () => {
    const wrong: string[] = [];
    for (const service of services) {
      for (const operation of Object.keys(service.handlers)) {
        if (!modeled(service.name, operation))
          wrong.push(`${service.name} ${operation}: no such operation`);
        const declared = service.errors[operation];
        if (!declared) {
          wrong.push(`${service.name} ${operation}: no declared errors`);
          continue;
        }
        const ok = allowed(service.name, operation);
        for (const code of declared) {
          if (!ok.has(code)) wrong.push(`${service.name} ${operation}: ${code}`);
        }
      }
      for (const operation of Object.keys(service.errors)) {
        if (!service.handlers[operation])
          wrong.push(`${service.name} ${operation}: declared, no handler`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('throttles, fails, streams errors and refuses large bodies with codes every operation has', () => {
    const wrong: string[] = [];
    for (const service of services) {
      const specs = [
        service.throttle.code,
        service.serverError.code,
        service.maxRequestBody.code,
        ...(service.streamError ? [service.streamError.code] : []),
      ];
      for (const operation of Object.keys(service.handlers)) {
        const ok = allowed(service.name, operation);
        for (const code of specs) {
          // A stream error only ever reaches a streaming operation.
          if (code === service.streamError?.code && !/Stream/.test(operation)) continue;
          if (!ok.has(code)) wrong.push(`${service.name} ${operation}: ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  const servicesDir = fileURLToPath(new URL('../../src/testing/services/', import.meta.url));
  const testingDir = fileURLToPath(new URL('../../src/testing/', import.meta.url));
  const sources = [
    ...readdirSync(servicesDir).map((f) => `${servicesDir}${f}`),
    ...readdirSync(testingDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${testingDir}${f}`),
  ].filter((f) => f.endsWith('.ts'));

  it('throws, in its source, only codes some operation of the service declares', () => {
    // Every literal code passed to EmulatorError in the services' sources.
    const declared = new Set(services.flatMap((s) => Object.values(s.errors).flat()));
    const wrong: string[] = [];
    const dynamic: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new EmulatorError\(\s*([^,]+),/g)) {
        const arg = (match[1] ?? '').trim();
        const literal = /^'(\w+)'$/.exec(arg)?.[1];
        if (literal === undefined) dynamic.push(`${file.slice(testingDir.length)}: ${arg}`);
        else if (!declared.has(literal)) wrong.push(`${file.slice(testingDir.length)}: ${literal}`);
      }
    }
    expect(wrong).toEqual([]);
    // Codes passed through: emu.error(code) and the job handlers' `notFound` option (declared above).
    expect(dynamic.sort()).toEqual(
      ['emulator.ts: code', 'services/comprehend-jobs.ts: options.notFound'].sort(),
    );
  });

  it('sends ValidationException only through the model-constraint helper where the model lacks it', () => {
    const modelsWithIt = Object.entries(models.services)
      .filter(([, s]) =>
        Object.values(s.operations).some((codes) => codes.includes('ValidationException')),
      )
      .map(([name]) => name);
    const offenders = sources.filter((file) => {
      const name = file.slice(servicesDir.length);
      if (!file.startsWith(servicesDir) || name === 'constraint.ts') return false;
      // bedrock-runtime's handlers live in bedrock-*.ts.
      if (modelsWithIt.some((service) => name.startsWith(service.split('-')[0] as string))) {
        return false;
      }
      return /new EmulatorError\(\s*'ValidationException'/.test(readFileSync(file, 'utf8'));
    });
    expect(offenders).toEqual([]);
  });

  it('answers protocol-level failures with common codes or its one emulator-only code', () => {
    const dispatch = readFileSync(`${testingDir}dispatch.ts`, 'utf8');
    const codes = [...dispatch.matchAll(/code: '(\w+)'/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(0);
    const ok = new Set([
      ...commons.common.codes,
      ...commons.jsonProtocols.codes,
      ...commons.emulatorOnly.codes,
    ]);
    expect(codes.filter((c) => !ok.has(c))).toEqual([]);
  });

  it('answers an undeclared code from a default handler as its own bug, not as that code', () => {
    const translate = byService('translate');
    const declared = checkedErrorInfo(
      new EmulatorError('ResourceNotFoundException', 'no job'),
      translate,
      'DescribeTextTranslationJob',
    );
    expect(declared).toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
    const invented = checkedErrorInfo(
      new EmulatorError('JobNotFoundException', 'no job'),
      translate,
      'DescribeTextTranslationJob',
    );
    expect(invented).toMatchObject({ code: 'InternalServerException', status: 500 });
    expect(invented.message).toMatch(/emulator bug: .*JobNotFoundException/);
  });

  it('gives each service a body limit at or above its own maximum', () => {
    // The models' largest members: SageMaker Body 6 MiB; Rekognition image 5 MiB base64 (two for
    // CompareFaces); Textract document 10 MiB base64 (two for AnalyzeID); Bedrock body 25 MB.
    expect(byService('sagemaker-runtime').maxRequestBody.bytes).toBeGreaterThan(6_291_456);
    expect(byService('rekognition').maxRequestBody.bytes).toBeGreaterThan(
      2 * Math.ceil((5_242_880 * 4) / 3),
    );
    expect(byService('textract').maxRequestBody.bytes).toBeGreaterThan(
      2 * Math.ceil((10_485_760 * 4) / 3),
    );
    expect(byService('bedrock-runtime').maxRequestBody.bytes).toBeGreaterThan(25_000_000);
  });
});

describe('the codes AWS sends where the emulator used to invent one', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('Translate: an unknown text translation job is ResourceNotFoundException', async () => {
    const client = new TranslateClient({ ...emu.config, maxAttempts: 1 });
    await expect(
      client.send(new DescribeTextTranslationJobCommand({ JobId: 'no-such-job' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    client.destroy();
  });

  it('Textract: a bad NextToken is InvalidParameterException', async () => {
    const client = new TextractClient({ ...emu.config, maxAttempts: 1 });
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9,
    ]);
    const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.jpg', Body: jpeg }));
    const { StartDocumentAnalysisCommand } = await import('@aws-sdk/client-textract');
    const { JobId } = await client.send(
      new StartDocumentAnalysisCommand({
        DocumentLocation: { S3Object: { Bucket: 'docs', Name: 'a.jpg' } },
        FeatureTypes: ['FORMS'],
      }),
    );
    await client.send(new GetDocumentAnalysisCommand({ JobId }));
    await expect(
      client.send(new GetDocumentAnalysisCommand({ JobId, NextToken: 'bogus' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    s3.destroy();
    client.destroy();
  });

  it('Comprehend: DetectToxicContent over 10 segments is TextSizeLimitExceededException', async () => {
    const client = new ComprehendClient({ ...emu.config, maxAttempts: 1 });
    await expect(
      client.send(
        new DetectToxicContentCommand({
          LanguageCode: 'en',
          TextSegments: Array.from({ length: 11 }, () => ({ Text: 'hello' })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'TextSizeLimitExceededException' });
    client.destroy();
  });

  it('SageMaker: a body over 6 MiB is ValidationError (400), not a 413', async () => {
    const client = new SageMakerRuntimeClient({ ...emu.config, maxAttempts: 1 });
    await expect(
      client.send(
        new InvokeEndpointCommand({
          EndpointName: 'e',
          ContentType: 'application/octet-stream',
          Body: new Uint8Array(6_291_457),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    client.destroy();
  });
});
