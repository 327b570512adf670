import { describe, expect, it } from 'vitest';
import { nameFailure } from '../../../src/core/internal/name-failure';
import {
  AbortError,
  AwsAIError,
  NotFoundError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from '../../../src/errors';

/** docs/errors-and-retries.md: every failure is an AwsAIError with `service` and `operation`. */
const SITE = { service: 'translate', operation: 'DescribeTextTranslationJob' } as const;

describe('nameFailure', () => {
  it('keeps an error that names its own site, untouched', () => {
    const own = new NotFoundError('s3 GetObject failed: NoSuchKey', {
      service: 's3',
      operation: 'GetObject',
    });
    expect(nameFailure(own, SITE)).toBe(own);
    expect(own).toMatchObject({ service: 's3', operation: 'GetObject' });
  });

  it.each([
    new ServiceError('the output is not JSON', { code: 'MalformedOutput' }),
    new ValidationError('params.to must be set'),
  ])('names an error of ours that knows no site, in place, message and code kept', (err) => {
    const { message, code } = err;
    const named = nameFailure(err, SITE);
    expect(named).toBe(err);
    expect(named).toMatchObject({ ...SITE, message, code });
  });

  it("fills the operation of an error naming the call's service only; another service's is kept", () => {
    const model = new ValidationError('model must be a Bedrock model id', {
      service: 'translate',
      code: 'InvalidModelId',
    });
    expect(nameFailure(model, SITE)).toMatchObject({ ...SITE, code: 'InvalidModelId' });
    const upload = new ServiceError('s3 failed', { service: 's3' });
    expect(nameFailure(upload, SITE)).toBe(upload);
    expect(upload.operation).toBeUndefined();
  });

  it('rebuilds a bare timeout or abort with a message naming the site', () => {
    const late = nameFailure(new TimeoutError('The operation timed out'), SITE);
    expect(late).toBeInstanceOf(TimeoutError);
    expect(late).toMatchObject({
      ...SITE,
      message: 'translate DescribeTextTranslationJob timed out',
    });
    const stopped = nameFailure(new AbortError('The operation was aborted'), SITE, 'stopped: x');
    expect(stopped).toBeInstanceOf(AbortError);
    expect(stopped).toMatchObject({ ...SITE, message: 'stopped: x' });
  });

  it('turns anything else into an InternalError naming only its class, never its text', () => {
    const bug = new TypeError("Cannot read properties of null (reading 'secret-input-text')");
    const named = nameFailure(bug, SITE);
    expect(AwsAIError.isInstance(named)).toBe(true);
    expect(named).toMatchObject({ ...SITE, code: 'InternalError', cause: bug });
    expect(named.message).toBe('translate DescribeTextTranslationJob failed: unexpected TypeError');
    expect(nameFailure('a string', SITE).message).toMatch(/unexpected string thrown$/);
  });
});
