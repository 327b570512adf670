import { ValidationError } from '../errors';

/** Lone surrogates cannot be encoded as UTF-8: AWS would reject or mangle them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one text input before any network call: a string, not blank, valid UTF-16.
 *
 * @param label How the message names the value, e.g. `text` or `texts[3]`.
 * @throws ValidationError naming the value and what to change
 * @example
 * ```ts
 * assertText(userInput, 'text'); // throws on '', '   ', 42 or '\uD800'
 * ```
 */
export function assertText(value: unknown, label: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new ValidationError(
      `${label} must be a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (value.trim() === '') {
    throw new ValidationError(`${label} is empty or only whitespace; pass some text`);
  }
  const bad = LONE_SURROGATE.exec(value);
  if (bad) {
    throw new ValidationError(
      `${label} has an unpaired UTF-16 surrogate at index ${bad.index}; it cannot be encoded as UTF-8`,
    );
  }
}

/**
 * Checks an array of texts before any network call.
 * @throws ValidationError naming the first bad item by index
 * @example
 * ```ts
 * assertTexts(['a', 'b'], 'texts');
 * ```
 */
export function assertTexts(values: readonly unknown[], label: string): asserts values is string[] {
  if (values.length === 0)
    throw new ValidationError(`${label} is an empty array; pass at least one text`);
  if (!Array.isArray(values)) {
    throw new ValidationError(`${label} must be an array of strings, got ${typeof values}`);
  }
  // An index loop, not forEach: forEach skips the holes of a sparse array.
  for (let i = 0; i < values.length; i++) assertText(values[i], `${label}[${i}]`);
}
