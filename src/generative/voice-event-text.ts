import { ValidationError } from '../errors';
import { VOICE_EVENT_MAX_BYTES, VOICE_EVENT_WRAPPING_BYTES } from './limits';

const SITE = {
  service: 'bedrock-runtime',
  operation: 'InvokeModelWithBidirectionalStream',
} as const;

/** Text one event may carry, once JSON-escaped. */
const MAX_TEXT_BYTES = VOICE_EVENT_MAX_BYTES - VOICE_EVENT_WRAPPING_BYTES;

/**
 * Checks that `text` fits one Nova Sonic input event once JSON-escaped (quotes, backslashes and
 * control characters grow when the event is written): Bedrock ends the whole session on an event
 * over its limit, a `StreamError` mid-stream, so it is refused at the call instead. @internal
 *
 * @throws ValidationError naming `label` and the limit
 */
export function checkEventText(text: string, label: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(text)) - 2;
  if (bytes > MAX_TEXT_BYTES) {
    throw new ValidationError(
      `${label} is ${bytes} bytes as JSON; one Nova Sonic input event holds at most ${VOICE_EVENT_MAX_BYTES} bytes with its wrapping (${MAX_TEXT_BYTES} of text): send it in several parts`,
      SITE,
    );
  }
}

/**
 * A tool result as the event's text: a JSON object (`{ result }` for a string or nothing,
 * `{ error }` for a failure), checked to fit one event. @internal
 *
 * @throws ValidationError for an output JSON cannot carry (a `BigInt`, a cycle) or one too large
 */
export function toolResultText(output: unknown, isError: boolean, label: string): string {
  const value = isError
    ? { error: output }
    : typeof output === 'string' || output === undefined
      ? { result: output ?? 'done' }
      : output;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    // Only the error's class: its message may quote the output.
    throw new ValidationError(
      `${label} is not JSON (${err instanceof Error ? err.name : 'unknown error'}): return text or a JSON value`,
      SITE,
    );
  }
  checkEventText(text, label);
  return text;
}
