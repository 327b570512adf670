import { ValidationError } from '../errors';

/**
 * Bedrock's `GuardrailIdentifier` (≤ 2,048 characters) and `GuardrailVersion` patterns
 * (bedrock-runtime service model), the empty alternative left out: an empty id names no guardrail.
 */
const GUARDRAIL_ID =
  /^(?:[a-z0-9]+|arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+)$/;
const GUARDRAIL_VERSION = /^(?:[1-9][0-9]{0,7}|DRAFT)$/;

/**
 * Checks a guardrail's id and version before any call, for `guard` and for the `guardrail` of a
 * Converse call alike. `label` prefixes the names in the message (`''` or `'guardrail.'`).
 * @throws ValidationError saying what the id or version must look like
 * @internal
 */
export function checkGuardrailRef(id: unknown, version: unknown, label: string): void {
  if (typeof id !== 'string' || id.length > 2048 || !GUARDRAIL_ID.test(id)) {
    throw new ValidationError(
      `${label}id must be a guardrail id (lowercase letters and digits) or guardrail ARN`,
    );
  }
  if (typeof version !== 'string' || !GUARDRAIL_VERSION.test(version)) {
    throw new ValidationError(
      `${label}version must be a guardrail version number (e.g. '1') or 'DRAFT'`,
    );
  }
}
