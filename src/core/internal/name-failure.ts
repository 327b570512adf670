import { AwsAIError, type ServiceName } from '../../errors';
import { namedStop } from './abort';

/**
 * What a call or a job throws for `err`: always an {@link AwsAIError} with `service` and
 * `operation` (docs/errors-and-retries.md, "every failure"). An error that already names its site
 * is kept. One that does not, raised by our own code below the call (a check, an output file that
 * does not parse), gets the call's site: a timeout or abort is rebuilt with a message naming it
 * ({@link namedStop}, `stopMessage` when given), any other is named in place, its message kept. A
 * non-AwsAIError (a defect of ours or of a dependency) becomes an `InternalError` whose message
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
  if (err.service) return err;
  const named = namedStop(err, site, stopMessage) as AwsAIError;
  return named === err ? Object.assign(err, site) : named;
}
