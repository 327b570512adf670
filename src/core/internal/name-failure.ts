import { AwsAIError, type ServiceName } from '../../errors';
import { namedStop } from './abort';

/**
 * What a call or a job throws for `err`: always an {@link AwsAIError} with `service` and
 * `operation` (docs/errors-and-retries.md, "every failure"). An error that names its site is kept,
 * and so is one naming another service (a step of the call on S3). One raised by our own code below
 * the call (a check, an output file that does not parse) that names no site, or the call's service
 * without an operation, gets the call's site: a timeout or abort is rebuilt with a message naming
 * it ({@link namedStop}, `stopMessage` when given), any other is named in place, its message kept.
 * A non-AwsAIError (a defect of ours or of a dependency) becomes an `InternalError` whose message
 * names only its class, never its text.
 *
 * @example
 * ```ts
 * throw nameFailure(err, { service: 'translate', operation: 'DescribeTextTranslationJob' });
 * ```
 * @internal
 */
export function nameFailure(
  err: unknown,
  site: { service: ServiceName; operation: string },
  stopMessage?: string,
): AwsAIError {
  if (!AwsAIError.isInstance(err)) {
    const what =
      err instanceof Error ? `unexpected ${err.name}` : `unexpected ${typeof err} thrown`;
    return new AwsAIError(`${site.service} ${site.operation} failed: ${what}`, {
      ...site,
      code: 'InternalError',
      cause: err,
    });
  }
  // Named already, or by another service's step (an S3 upload of the call): kept as it is.
  if (err.service && (err.operation || err.service !== site.service)) return err;
  const named = err.service ? err : (namedStop(err, site, stopMessage) as AwsAIError);
  return named === err ? Object.assign(err, site) : named;
}

/**
 * Runs the synchronous part of a call (the checks of a method that returns a stream or a session
 * at once) and names what it throws after the call's site, as {@link nameFailure} does for the
 * asynchronous part: the same `ValidationError` a promise method's scope would name.
 *
 * @example
 * ```ts
 * return withSite(SITE, () => {
 *   checkOptions(options);
 *   return AwsAIStream.from(source, { site: SITE });
 * });
 * ```
 * @internal
 */
export function withSite<T>(site: { service: ServiceName; operation: string }, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw nameFailure(err, site);
  }
}
