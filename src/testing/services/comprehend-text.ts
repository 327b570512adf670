import { EmulatorError } from '../emulator-error';
import type { EmulatorInput } from '../types';

/**
 * The request's `Text`, as Comprehend checks it: a non-empty string of at most `maxBytes` UTF-8
 * bytes, else `InvalidRequestException` / `TextSizeLimitExceededException`. Shared by the built-in
 * and the custom-model operations.
 */
export function requireText(input: EmulatorInput, maxBytes: number): string {
  const text = input.Text;
  if (typeof text !== 'string' || text.length === 0) {
    throw new EmulatorError('InvalidRequestException', 'Text must be a non-empty string');
  }
  if (Buffer.byteLength(text) > maxBytes) {
    throw new EmulatorError(
      'TextSizeLimitExceededException',
      `Text is longer than ${maxBytes} bytes`,
    );
  }
  return text;
}
