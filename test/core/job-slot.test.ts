import { describe, expect, it } from 'vitest';
import { isTooManyJobs, whenJobSlotFree } from '../../src/core/job-slot';
import { AbortError, ServiceError, ThrottlingError, ValidationError } from '../../src/errors';

const tooMany = () =>
  new ServiceError('textract StartDocumentAnalysis failed: LimitExceededException', {
    service: 'textract',
    operation: 'StartDocumentAnalysis',
    code: 'LimitExceededException',
    retryable: false,
  });

describe('whenJobSlotFree', () => {
  it('recognises only the "too many concurrent jobs" answer of Rekognition and Textract', () => {
    expect(isTooManyJobs(tooMany())).toBe(true);
    expect(
      isTooManyJobs(
        new ThrottlingError('x', { service: 'transcribe', code: 'LimitExceededException' }),
      ),
    ).toBe(false);
    expect(isTooManyJobs(new ValidationError('x'))).toBe(false);
  });

  it('tries again until a slot is free', async () => {
    let tries = 0;
    const value = await whenJobSlotFree(
      async () => {
        if (++tries < 3) throw tooMany();
        return 'job-1';
      },
      { intervalMs: 1, maxIntervalMs: 2 },
    );
    expect(value).toBe('job-1');
    expect(tries).toBe(3);
  });

  it('throws other errors at once', async () => {
    let tries = 0;
    const err = await whenJobSlotFree(async () => {
      tries++;
      throw new ValidationError('bad document');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(tries).toBe(1);
  });

  it('ends with the service error at the deadline, and with AbortError on abort', async () => {
    const err = await whenJobSlotFree(
      async () => {
        throw tooMany();
      },
      { intervalMs: 5, maxIntervalMs: 5, timeoutMs: 30 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).code).toBe('LimitExceededException');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(
      whenJobSlotFree(
        async () => {
          throw tooMany();
        },
        { intervalMs: 10_000, signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(AbortError);
  });
});
