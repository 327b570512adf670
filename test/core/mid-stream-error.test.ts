import { describe, expect, it } from 'vitest';
import { midStreamError } from '../../src/core/result-stream';
import { AbortError, AwsAIError, StreamError, ThrottlingError } from '../../src/errors';

/** docs/errors-and-retries.md: every failure names its service and operation, mid-stream too. */
const SITE = { service: 'bedrock-agent-runtime', operation: 'InvokeAgent' } as const;

describe('midStreamError', () => {
  it('keeps a StreamError, naming the stream when it names nothing', () => {
    const own = new StreamError('x', { service: 's3', operation: 'GetObject' });
    expect(midStreamError(own, SITE)).toBe(own);
    const bare = new StreamError('the answer ended early', { code: 'StreamInterrupted' });
    expect(midStreamError(bare, SITE)).toBe(bare);
    expect(bare).toMatchObject({ ...SITE, code: 'StreamInterrupted' });
  });

  it('keeps a stop, named after the stream', () => {
    const named = midStreamError(new AbortError('The operation was aborted'), SITE);
    expect(named).toBeInstanceOf(AbortError);
    expect(named).toMatchObject({
      ...SITE,
      message: 'bedrock-agent-runtime InvokeAgent was aborted',
    });
  });

  it('turns any other failure into a StreamError naming the stream, the first error its cause', () => {
    const throttled = new ThrottlingError('slow down', { ...SITE, code: 'ThrottlingException' });
    const err = midStreamError(throttled, SITE);
    expect(err).toBeInstanceOf(StreamError);
    expect(err).toMatchObject({ ...SITE, code: 'ThrottlingException', cause: throttled });
    const bug = midStreamError(new TypeError('x is undefined'), SITE);
    expect(AwsAIError.isInstance(bug) && StreamError.isInstance(bug)).toBe(true);
    expect(bug).toMatchObject(SITE);
  });
});
