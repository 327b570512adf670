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

/**
 * A string member of `min`-`max` characters (its shape's `min`/`max`); `undefined` passes. A
 * sensitive member's value is left out of the message, as AWS leaves it out.
 */
export function checkLength(
  member: string,
  value: unknown,
  min: number,
  max: number,
  sensitive = false,
): void {
  if (value === undefined) return;
  const text = String(value);
  const shown = sensitive ? undefined : text;
  if (text.length < min) {
    throw constraintViolation(
      member,
      shown,
      `Member must have length greater than or equal to ${min}`,
    );
  }
  if (text.length > max) {
    throw constraintViolation(
      member,
      shown,
      `Member must have length less than or equal to ${max}`,
    );
  }
}

/**
 * A string member matching its shape's pattern (`source`, as AWS quotes it). AWS validates with
 * Java's `matches()`, so `pattern` must match the whole value: write the model's `^(a)|(b)$` grouped.
 */
export function checkPattern(
  member: string,
  value: unknown,
  pattern: RegExp,
  source: string,
): void {
  if (value === undefined) return;
  if (!pattern.test(String(value))) {
    throw constraintViolation(
      member,
      value,
      `Member must satisfy regular expression pattern: ${source}`,
    );
  }
}

/** A number member in [min, max] (query-string and header members arrive as strings). */
export function checkRange(member: string, value: unknown, min: number, max?: number): void {
  if (value === undefined) return;
  const n = Number(value);
  if (n < min) {
    throw constraintViolation(
      member,
      value,
      `Member must have value greater than or equal to ${min}`,
    );
  }
  if (max !== undefined && n > max) {
    throw constraintViolation(member, value, `Member must have value less than or equal to ${max}`);
  }
}

/** A list member of `min`-`max` items. */
export function checkItems(member: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  const n = Array.isArray(value) ? value.length : 0;
  if (n < min) {
    throw constraintViolation(
      member,
      undefined,
      `Member must have length greater than or equal to ${min}`,
    );
  }
  if (n > max) {
    throw constraintViolation(
      member,
      undefined,
      `Member must have length less than or equal to ${max}`,
    );
  }
}
