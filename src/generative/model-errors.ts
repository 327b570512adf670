import type { ModuleContext } from '../core/context';
import { failureFields } from '../core/internal/failure-fields';
import { AwsAIError, ValidationError } from '../errors';

const ON_DEMAND = /on-demand throughput isn.t supported/i;
const GEO_PREFIX = /^(us|eu|apac|us-gov|global|jp|au|ca)\./;

/** The cross-region inference profile prefix of a region: `us.`, `eu.` or `apac.`. */
export function profilePrefix(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-') || region.startsWith('ca-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

/**
 * "Invocation of model ID X with on-demand throughput isn't supported" is the most common first
 * error on Bedrock: the model is only reachable through an inference profile. The message then
 * names the profile id to use for the client's region.
 */
export function explainModelError(err: unknown, ctx: ModuleContext, model: string): unknown {
  if (!AwsAIError.isInstance(err) || !ON_DEMAND.test(err.message)) return err;
  if (model.startsWith('arn:') || GEO_PREFIX.test(model)) return err;
  const prefix = profilePrefix(ctx.config.region);
  const suggestion = prefix
    ? `use model: '${prefix}.${model}' (the cross-region inference profile for ${ctx.config.region})`
    : `use an inference profile id: 'us.${model}', 'eu.${model}' or 'apac.${model}' for your region`;
  return new ValidationError(`${model} cannot be invoked on demand in this region; ${suggestion}`, {
    ...failureFields(err),
    cause: err,
    serviceMessage: err.serviceMessage,
  });
}
