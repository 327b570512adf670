import { ValidationError } from '../errors';

/** A Bedrock async-invoke ARN, as StartAsyncInvoke returns and ListAsyncInvokes lists it. */
const INVOCATION_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]+:[0-9]{12}:async-invoke\/[a-z0-9]+$/;

/**
 * Refuses what is not an async-invoke ARN before anything loads or is sent: the one check of
 * `Generative.videoJob` and the `videoJob` function. A file of its own, so that the class and the
 * functions can import it without the request code of video.ts. @internal
 */
export function assertInvocationArn(invocationArn: unknown): asserts invocationArn is string {
  if (typeof invocationArn !== 'string' || !INVOCATION_ARN.test(invocationArn)) {
    throw new ValidationError(
      'invocationArn must be a Bedrock async-invoke ARN (arn:aws:bedrock:…:async-invoke/…)',
    );
  }
}
