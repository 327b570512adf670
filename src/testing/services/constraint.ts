import { EmulatorError } from '../emulator-error';

/**
 * The error AWS's request validation answers before the operation runs, when a member breaks a
 * constraint of the service's model (required, length, enum, pattern): `ValidationException`, the
 * JSON-protocol spelling of the common error `ValidationError` (AWS API reference, Common Errors),
 * with AWS's message, e.g. Polly's "1 validation error detected: Value 'de-de' at 'voiceId' failed to
 * satisfy constraint: Member must satisfy enum value set: [...]". Services whose model does not list
 * `ValidationException` throw it only through this function (a test checks that), so the emulator
 * never uses it for a check the model gives its own error.
 *
 * @param member - the member's wire name in lower camel case, as AWS quotes it (`voiceId`).
 * @param value - the value sent; `undefined` for a sensitive member whose value AWS leaves out.
 */
export function constraintViolation(
  member: string,
  value: unknown,
  constraint: string,
): EmulatorError {
  const shown =
    value === undefined ? '' : value === null ? 'null ' : `'${String(value).slice(0, 100)}' `;
  return new EmulatorError(
    'ValidationException',
    `1 validation error detected: Value ${shown}at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

/** A required member that is missing: "Member must not be null". */
export function missingMember(member: string): EmulatorError {
  return constraintViolation(member, null, 'Member must not be null');
}
