import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorFromCode, fromAwsError, wrapCredentials } from '../../src/core/error-mapping';
import {
  AbortError,
  AccessDeniedError,
  AwsAIError,
  CredentialsError,
  NotFoundError,
  ServiceError,
  type ServiceName,
  ThrottlingError,
  ValidationError,
} from '../../src/errors';

/** An object shaped like an SDK v3 ServiceException. */
function sdkError(name: string, status: number, message = 'boom') {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-123' },
  });
}

function map(service: ServiceName, name: string, status: number, message?: string) {
  return fromAwsError(sdkError(name, status, message), { service, operation: 'Op' });
}

describe('fromAwsError', () => {
  it.each([
    ['comprehend', 'ThrottlingException', 400, ThrottlingError, true],
    ['translate', 'TooManyRequestsException', 429, ThrottlingError, true],
    ['textract', 'ProvisionedThroughputExceededException', 400, ThrottlingError, true],
    ['bedrock-runtime', 'ModelNotReadyException', 429, ServiceError, true],
    ['comprehend', 'InternalServerException', 500, ServiceError, true],
    ['polly', 'ServiceFailureException', 500, ServiceError, true],
    ['sagemaker-runtime', 'ServiceUnavailable', 503, ServiceError, true],
    ['comprehend', 'TextSizeLimitExceededException', 400, ValidationError, false],
    ['bedrock-runtime', 'ValidationException', 400, ValidationError, false],
    ['bedrock-runtime', 'AccessDeniedException', 403, AccessDeniedError, false],
    ['s3', 'NoSuchKey', 404, NotFoundError, false],
    ['sagemaker-runtime', 'ModelError', 424, ServiceError, false],
  ] as const)('%s %s (%i) → %s, retryable %s', (service, name, status, cls, retryable) => {
    const err = map(service, name, status);
    expect(err).toBeInstanceOf(cls);
    expect(err.retryable).toBe(retryable);
    expect(err.code).toBe(name);
    expect(err.statusCode).toBe(status);
    expect(err.requestId).toBe('req-123');
    expect(err.service).toBe(service);
    expect(err.message).toContain(`${service} Op failed: ${name}`);
  });

  it('re-classifies LimitExceededException per service (aws-limits.md §9)', () => {
    expect(map('transcribe', 'LimitExceededException', 400, 'Rate exceeded')).toBeInstanceOf(
      ThrottlingError,
    );
    const jobs = map('textract', 'LimitExceededException', 400, 'too many jobs');
    expect(jobs).toBeInstanceOf(ServiceError);
    expect(jobs.retryable).toBe(false);
    expect(map('rekognition', 'LimitExceededException', 400).retryable).toBe(false);
    expect(
      map('transcribe', 'LimitExceededException', 400, 'audio duration too long'),
    ).toBeInstanceOf(ValidationError);
  });

  it('classifies unknown codes by HTTP status', () => {
    expect(map('comprehend', 'Weird', 503).retryable).toBe(true);
    expect(map('comprehend', 'Weird', 429)).toBeInstanceOf(ThrottlingError);
    expect(map('comprehend', 'Weird', 403)).toBeInstanceOf(AccessDeniedError);
    expect(map('comprehend', 'Weird', 400).retryable).toBe(false);
  });

  it('retries dropped connections and treats aborts as AbortError', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const mapped = fromAwsError(reset, { service: 'polly', operation: 'SynthesizeSpeech' });
    expect(mapped).toBeInstanceOf(ServiceError);
    expect(mapped.retryable).toBe(true);
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(fromAwsError(abort, { service: 'polly', operation: 'X' })).toBeInstanceOf(AbortError);
  });

  it('never echoes an access key id and bounds long messages', () => {
    const err = map(
      's3',
      'AccessDenied',
      403,
      `key AKIAABCDEFGHIJKLMNOP is not allowed ${'x'.repeat(1000)}`,
    );
    expect(err.message).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(err.message).toContain('[redacted]');
    expect(err.message.length).toBeLessThan(400);
  });

  it('keeps an AwsAIError as it is', () => {
    const original = new ValidationError('bad');
    expect(fromAwsError(original, { service: 'polly', operation: 'X' })).toBe(original);
  });
});

describe('fromAwsError keeps credentials and input out of the error (ADR 0005)', () => {
  const signature = 'f'.repeat(64);
  const token = `IQoJb3JpZ2luX2VjEJr${'A1b2C3d4'.repeat(20)}`;
  const authorization = `AWS4-HMAC-SHA256 Credential=ASIAABCDEFGHIJKLMNOP/20240101/us-east-1/comprehend/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=${signature}`;
  const deep = (value: unknown) =>
    `${inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY })}${JSON.stringify(value)}`;

  it('keeps a copy of the SDK exception as cause, without $response, with ids and status', () => {
    const raw = Object.assign(sdkError('ThrottlingException', 400, 'Rate exceeded'), {
      $response: { statusCode: 400, headers: { authorization, 'x-amz-security-token': token } },
      $retryable: { throttling: true },
    });
    const err = fromAwsError(raw, { service: 'comprehend', operation: 'Op' });
    expect(err).toBeInstanceOf(ThrottlingError);
    expect(err.cause).not.toBe(raw);
    expect(err.cause).toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-123' },
      $retryable: { throttling: true },
    });
    expect(err.cause).not.toHaveProperty('$response');
    expect(deep(err)).not.toContain(signature);
    expect(deep(err)).not.toContain(token);
  });

  it('scrubs signature errors: canonical request, string-to-sign, Authorization, token, key id', () => {
    const message = `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'POST\n/\n\nx-amz-security-token:${token}\n'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240101T000000Z\n${signature}'`;
    for (const text of [
      message,
      `Authorization=${authorization}`,
      `X-Amz-Security-Token=${token}&X-Amz-Signature=${signature}`,
    ]) {
      const err = map('comprehend', 'InvalidSignatureException', 403, text);
      expect(err).toBeInstanceOf(AccessDeniedError);
      for (const secret of [signature, token, 'ASIAABCDEFGHIJKLMNOP']) {
        expect(deep(err)).not.toContain(secret);
        expect(err.serviceMessage).not.toContain(secret);
      }
    }
    expect(map('comprehend', 'InvalidSignatureException', 403, message).message).toContain(
      'does not match the signature you provided',
    );
  });

  it('replaces echoed input by its length; the verbatim text is serviceMessage, out of JSON and inspect', () => {
    const echo = "Value 'my secret diagnosis text' at 'text' failed to satisfy constraint";
    const err = map('comprehend', 'InvalidRequestException', 400, echo);
    expect(err.message).toBe(
      "comprehend Op failed: InvalidRequestException: Value [24 characters] at 'text' failed to satisfy constraint",
    );
    expect(err.serviceMessage).toBe(echo);
    expect(deep(err)).not.toContain('diagnosis');
    expect(Object.keys(err)).not.toContain('serviceMessage');
    expect(
      map(
        'translate',
        'InvalidRequestException',
        400,
        "Value 'xx-YY' at 'targetLanguageCode' failed",
      ).message,
    ).toContain("Value [5 characters] at 'targetLanguageCode'");
    // The value after AWS's `Value` wording is the caller's, even when it looks like a token (a user
    // id, an e-mail address); names of fields, codes and models elsewhere stay.
    const id = map(
      'personalize-runtime',
      'InvalidInputException',
      400,
      "Value 'jane.roe@example.com' at 'userId' failed; model 'amazon.nova-lite-v1:0' in 'us-east-1'",
    );
    expect(id.message).toContain(
      "Value [20 characters] at 'userId' failed; model 'amazon.nova-lite-v1:0' in 'us-east-1'",
    );
    expect(deep(id)).not.toContain('jane.roe');
    // Redacting twice changes nothing: a copy passed on as cause keeps its message.
    const again = new ValidationError('wrapped', { cause: err.cause });
    expect(again.cause).toBe(err.cause);
  });

  it('keeps a plain cause (a DOM AbortError, a socket error) as it is', () => {
    const reason = new DOMException('This operation was aborted', 'AbortError');
    expect(new AbortError('aborted', { cause: reason }).cause).toBe(reason);
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      errno: -104,
      syscall: 'read',
    });
    expect(fromAwsError(reset, { service: 'polly', operation: 'X' }).cause).toBe(reset);
  });

  it("maps the SDK's CredentialsProviderError to CredentialsError, saying what to change", () => {
    const raw = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      tryNextLink: false,
    });
    const err = fromAwsError(raw, { service: 'comprehend', operation: 'DetectSentiment' });
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(
      /^comprehend DetectSentiment could not get AWS credentials \(Could not load credentials from any providers\); set `credentials`/,
    );
  });

  it('wrapCredentials turns any throwing provider into a CredentialsError named after the call', async () => {
    const provider = wrapCredentials(async () => {
      throw new Error(`SSO session for ASIAABCDEFGHIJKLMNOP expired: ${token}`);
    });
    const thrown = await provider().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(CredentialsError);
    const err = fromAwsError(thrown, { service: 'polly', operation: 'SynthesizeSpeech' });
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toMatchObject({
      service: 'polly',
      operation: 'SynthesizeSpeech',
      code: 'CredentialsProviderError',
    });
    expect(err.message).toMatch(/^polly SynthesizeSpeech: could not get AWS credentials/);
    expect(deep(err)).not.toContain(token);
    expect(deep(err)).not.toContain('ASIAABCDEFGHIJKLMNOP');
    const keys = { accessKeyId: 'a', secretAccessKey: 'b' };
    expect(wrapCredentials(keys)).toBe(keys);
    await expect(wrapCredentials(async () => keys)()).resolves.toBe(keys);
  });
});

describe('errorFromCode', () => {
  it('maps batch item codes, retryable for internal errors only', () => {
    const site = { service: 'comprehend', operation: 'BatchDetectSentiment' } as const;
    expect(errorFromCode(site, 'INTERNAL_SERVER_ERROR').retryable).toBe(true);
    expect(errorFromCode(site, 'TEXT_SIZE_LIMIT_EXCEEDED')).toBeInstanceOf(ValidationError);
    expect(errorFromCode(site, 'UNSUPPORTED_LANGUAGE', 'nope').message).toContain(
      'UNSUPPORTED_LANGUAGE: nope',
    );
  });
});

describe('error classes across package copies', () => {
  it('isInstance and instanceof accept an error built by another copy of the class', () => {
    // A second copy of the package has its own class objects but the same Symbol.for markers.
    const foreign = Object.create(null) as Record<symbol, unknown>;
    foreign[Symbol.for('aws-ai.error.AwsAIError')] = true;
    foreign[Symbol.for('aws-ai.error.ThrottlingError')] = true;
    expect(ThrottlingError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof AwsAIError).toBe(true);
    expect(ValidationError.isInstance(foreign)).toBe(false);
    expect(new ThrottlingError('x') instanceof ServiceError).toBe(false);
    expect(new ThrottlingError('x') instanceof AwsAIError).toBe(true);
    expect(new ThrottlingError('x').name).toBe('ThrottlingError');
  });
});
