import { EmulatorError } from '../emulator-error';

/**
 * A member that breaks a constraint of Transcribe's model, as Transcribe's request validation words
 * it for the batch and streaming operations alike: a `BadRequestException` naming the member, never
 * its value.
 */
export const transcribeViolation = (member: string): EmulatorError =>
  new EmulatorError(
    'BadRequestException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint`,
  );
