import { inspect } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CredentialsProviderError } from '@smithy/core/config';
import { AccessDeniedError, AwsAI, AwsAIError, CredentialsError } from 'aws-ai';
import { EmulatorError } from 'aws-ai/testing';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  ACCESS_KEY_ID,
  CREDENTIAL_MARKERS,
  CREDENTIALS,
  renderings,
  secretsIn,
  TOKEN,
} from '../helpers/leaks';

/**
 * Issue 13 items 5 and 6: no credential, signature, session token or Authorization value, and no
 * text of the caller's input, is reachable from an error by any path: a deep `util.inspect`
 * (showHidden, depth Infinity), `JSON.stringify`, the `cause` chain, the stack, the logger. The
 * service's own wording stays behind the explicit `serviceMessage` accessor.
 */

const { emu } = await useEmulator();

/** The caller's text, with a marker; each path uses it as (part of) its input. */
const PAYLOAD = 'PAYLOADMARKER Patient record of Jane Roe, MRN 4471, diagnosis F32.1';

const FORBIDDEN = [...CREDENTIAL_MARKERS, 'PAYLOADMARKER', 'Patient record'];

/** Signatures the emulator saw in Authorization headers: none may come back in an error. */
const signatures = new Set<string>();

function recordSignature(headers: Readonly<Record<string, string>>): void {
  const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? '')?.[1];
  if (signature) signatures.add(signature);
}

interface Capture {
  lines: string[];
}

function capturingLogger(capture: Capture) {
  const log =
    (level: string) =>
    (message: string, ...meta: unknown[]) =>
      capture.lines.push(
        `${level} ${message} ${inspect(meta, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
      );
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function client(capture: Capture, extra: Record<string, unknown> = {}): AwsAI {
  return new AwsAI({
    ...emu.config,
    credentials: CREDENTIALS,
    logger: capturingLogger(capture),
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
}

function leaks(texts: Record<string, string>): string[] {
  return secretsIn(texts, [...FORBIDDEN, ...signatures]);
}

/** Runs one failing call and checks the error and the log for every secret and the payload. */
async function expectClean(
  run: (ai: AwsAI) => Promise<unknown>,
  extra?: Record<string, unknown>,
): Promise<AwsAIError> {
  const capture: Capture = { lines: [] };
  const err = await run(client(capture, extra)).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(AwsAIError.isInstance(err), inspect(err)).toBe(true);
  const texts = renderings(err);
  capture.lines.forEach((line, i) => {
    texts[`log${i}`] = line;
  });
  expect(leaks(texts)).toEqual([]);
  return err as AwsAIError;
}

function echoInput(input: unknown): string {
  return JSON.stringify(input).slice(0, 400);
}

describe('secrets and payloads in errors', () => {
  it('an HTTP error from the service (the SDK exception with its $response) holds no signed header', async () => {
    emu.handle('comprehend', 'DetectSentiment', (_input, ctx) => {
      recordSignature(ctx.headers);
      throw emu.error('AccessDeniedException', 'User is not authorized', 400);
    });
    const err = await expectClean((ai) => ai.text.sentiment(PAYLOAD));
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err).toMatchObject({ code: 'AccessDeniedException', statusCode: 400 });
    expect(err.requestId).toMatch(/\S/);
    expect(signatures.size).toBeGreaterThan(0);
  });

  it('a validation error that echoes the input keeps the echo behind serviceMessage only', async () => {
    emu.handle('comprehend', 'DetectSentiment', (input) => {
      throw emu.error(
        'InvalidRequestException',
        `Value '${(input as { Text: string }).Text}' at 'text' failed to satisfy constraint`,
      );
    });
    const err = await expectClean((ai) => ai.text.sentiment(PAYLOAD));
    expect(err.message).toContain('InvalidRequestException');
    expect(err.message).toContain("at 'text' failed to satisfy constraint");
    expect(err.serviceMessage).toContain(PAYLOAD);
  });

  it('a Bedrock ValidationException echoing the prompt', async () => {
    emu.handle('bedrock-runtime', 'Converse', (input) => {
      throw emu.error(
        'ValidationException',
        `Malformed input request: string [${PAYLOAD}] is not valid, please reformat your input: ${echoInput(input)}`,
      );
    });
    const err = await expectClean((ai) =>
      ai.generative.generate({ model: 'amazon.nova-lite-v1:0', prompt: PAYLOAD }),
    );
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('Malformed input request');
    expect(err.serviceMessage).toContain(PAYLOAD);
  });

  it('a SageMaker ModelError echoing the input: originalMessage is an accessor, out of JSON and inspect', async () => {
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => {
      throw new EmulatorError(
        'ModelError',
        `Received client error (400) from primary with message "cannot parse ${PAYLOAD}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/churn in account 123456789012 for more information.`,
        424,
        { OriginalStatusCode: 400, OriginalMessage: `cannot parse ${PAYLOAD}` },
      );
    });
    const err = await expectClean((ai) => ai.endpoints.invoke('churn', { text: PAYLOAD }));
    expect(err).toMatchObject({ name: 'EndpointModelError', originalStatusCode: 400 });
    expect((err as unknown as { originalMessage: string }).originalMessage).toBe(
      `cannot parse ${PAYLOAD}`,
    );
    expect(err.message).toMatch(/with message \[\d+ characters/);
  });

  it('signature errors quoting the canonical request, the string-to-sign and the Authorization header', async () => {
    emu.handle('comprehend', 'DetectDominantLanguage', (_input, ctx) => {
      recordSignature(ctx.headers);
      const h = ctx.headers;
      throw emu.error(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
          `The Canonical String for this request should have been\n'POST\n/\n\ncontent-type:${h['content-type']}\nhost:${h.host}\nx-amz-date:${h['x-amz-date']}\nx-amz-security-token:${h['x-amz-security-token']}\n\ncontent-type;host;x-amz-date;x-amz-security-token\n${'ab'.repeat(32)}'\n\n` +
          `The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n${h['x-amz-date']}\n20240101/us-east-1/comprehend/aws4_request\n${'cd'.repeat(32)}'\n\nAuthorization=${h.authorization}`,
        403,
      );
    });
    const err = await expectClean((ai) => ai.text.detectLanguage(PAYLOAD));
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err.message).toContain('The request signature we calculated does not match');
    // serviceMessage may hold user data, never credentials: it is scrubbed of them too.
    expect(leaks({ serviceMessage: err.serviceMessage ?? '' })).toEqual([]);
  });

  it('IncompleteSignature echoing the Authorization header', async () => {
    emu.handle('translate', 'TranslateText', (_input, ctx) => {
      recordSignature(ctx.headers);
      throw emu.error(
        'IncompleteSignatureException',
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${ctx.headers.authorization}, x-amz-security-token=${ctx.headers['x-amz-security-token']}`,
        403,
      );
    });
    await expectClean((ai) => ai.text.translate(PAYLOAD, { to: 'fr', from: 'en' }));
  });

  it.each([
    ['throttled on every attempt', { kind: 'throttle' }],
    ['a 5xx on every attempt', { kind: 'server-error' }],
    ['a dropped connection on every attempt', { kind: 'reset' }],
    ['a malformed body on every attempt', { kind: 'malformed' }],
  ] as const)('SDK and socket errors: %s', async (_name, fault) => {
    emu.fault({ service: 'comprehend', ...fault });
    await expectClean((ai) => ai.text.sentiment(PAYLOAD));
    await expectClean((ai) => ai.text.sentiment([PAYLOAD, `${PAYLOAD} 2`]));
  });

  it('an array call with some items failed: the BatchError keeps results that quote the input out of sight', async () => {
    emu.handle('comprehend', 'BatchDetectEntities', (input) => {
      const texts = (input as { TextList: string[] }).TextList;
      return {
        ResultList: [
          {
            Index: 0,
            Entities: [
              {
                Text: texts[0]?.slice(0, 40),
                Type: 'PERSON',
                Score: 0.9,
                BeginOffset: 0,
                EndOffset: 40,
              },
            ],
          },
        ],
        ErrorList: texts.slice(1).map((_, i) => ({
          Index: i + 1,
          ErrorCode: 'INVALID_REQUEST',
          ErrorMessage: `Value '${texts[i + 1]}' at 'textList' failed to satisfy constraint`,
        })),
      };
    });
    const err = await expectClean((ai) =>
      ai.text.entities([PAYLOAD, `${PAYLOAD} second`], { language: 'en' }),
    );
    expect(err.name).toBe('BatchError');
    const results = (err as unknown as { results: unknown[] }).results;
    expect(JSON.stringify(results[0])).toContain('PAYLOADMARKER');
    expect((results[1] as AwsAIError).serviceMessage).toContain(PAYLOAD);
  });

  it('an async inference whose failure object echoes the input: only failureBody holds it', async () => {
    const s3 = new S3Client({ ...emu.config, forcePathStyle: true, maxAttempts: 1 });
    emu.handle('sagemaker-runtime', 'InvokeEndpointAsync', async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'out',
          Key: 'secrets/failure.out',
          Body: `could not parse ${PAYLOAD} ${'x'.repeat(400)}`,
        }),
      );
      return {
        InferenceId: 'secrets-1',
        OutputLocation: 's3://out/secrets/none.out',
        FailureLocation: 's3://out/secrets/failure.out',
      };
    });
    const err = await expectClean(
      (ai) =>
        ai.endpoints.invokeAsync(
          'async-model',
          { inputs: PAYLOAD },
          { pollIntervalMs: 5, maxPollIntervalMs: 10, pollTimeoutMs: 5000 },
        ),
      { staging: { bucket: 'stage', prefix: 'in/' } },
    );
    s3.destroy();
    expect(err.name).toBe('EndpointAsyncError');
    expect(err.message).toMatch(/\[\d+ characters, in failureBody\]/);
    expect((err as unknown as { failureBody: string }).failureBody).toContain(PAYLOAD);
  });

  it('a timeout and an abort cut the request in flight', async () => {
    emu.fault({ service: 'comprehend', kind: 'delay', delayMs: 2000 });
    const timeout = await expectClean((ai) => ai.text.sentiment(PAYLOAD, { timeoutMs: 50 }));
    expect(timeout.name).toBe('TimeoutError');
    const aborted = await expectClean((ai) =>
      ai.text.sentiment(PAYLOAD, { signal: AbortSignal.timeout(50) }),
    );
    expect(['AbortError', 'TimeoutError']).toContain(aborted.name);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const abort = await expectClean((ai) =>
      ai.text.sentiment(PAYLOAD, { signal: controller.signal }),
    );
    expect(abort.name).toBe('AbortError');
  });

  it('stream errors: an exception event in a Bedrock stream and a SageMaker stream', async () => {
    emu.fault({
      service: 'bedrock-runtime',
      operation: 'ConverseStream',
      kind: 'stream-error',
      afterEvents: 2,
      code: 'ValidationException',
    });
    const stream = await expectClean((ai) =>
      ai.generative.stream({ model: 'amazon.nova-lite-v1:0', prompt: PAYLOAD }).collect(),
    );
    expect(stream.name).toBe('StreamError');
    emu.fault({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpointWithResponseStream',
      kind: 'stream-error',
      afterEvents: 1,
    });
    await expectClean(async (ai) => {
      for await (const _ of ai.endpoints.invokeStream('tgi', { inputs: PAYLOAD, stream: true })) {
        // drain
      }
    });
  });

  it('a text passed where a file path is expected: the message names its kind and length', async () => {
    const err = await expectClean((ai) => ai.documents.text(PAYLOAD));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain(`${PAYLOAD.length} characters`);
  });

  it("a credential provider failing with the SDK's CredentialsProviderError is a CredentialsError that says what to change", async () => {
    const err = await expectClean((ai) => ai.text.sentiment(PAYLOAD), {
      credentials: async () => {
        throw new CredentialsProviderError(
          `Token for sso-dev (${ACCESS_KEY_ID}, ${TOKEN}) is expired; run aws sso login`,
          { tryNextLink: false },
        );
      },
    });
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err).toMatchObject({ code: 'CredentialsProviderError', retryable: false });
    expect(err.message).toMatch(/could not get AWS credentials.*set `credentials`/);
    expect(emu.calls).toHaveLength(0);
  });

  it('a credential provider that throws any error is a CredentialsError and leaks nothing', async () => {
    const err = await expectClean((ai) => ai.text.sentiment(PAYLOAD), {
      credentials: async () => {
        throw new Error(`profile sso-dev: token for ${ACCESS_KEY_ID} expired (${TOKEN})`);
      },
    });
    expect(err.retryable).toBe(false);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/could not get AWS credentials.*set `credentials`/);
    expect(emu.calls).toHaveLength(0);
  });
});
