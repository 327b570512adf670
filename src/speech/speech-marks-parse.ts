import { ServiceError } from '../errors';
import type { SpeechMark, SpeechMarkType } from './types';

const TYPES: readonly unknown[] = ['sentence', 'word', 'viseme', 'ssml'];
const offset = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Why a JSON object is not one of Polly's marks (`time`, `type`, `value`; `start`/`end` byte
 * offsets, absent from visemes), or undefined. Such a line would give NaN times or a type that is
 * none, and every later time re-based from it would be wrong.
 */
function notAMark(mark: Record<string, unknown>): string | undefined {
  if (!TYPES.includes(mark.type)) return 'has no mark type';
  if (!offset(mark.time)) return 'has no time';
  if (typeof mark.value !== 'string') return 'has no value';
  for (const key of ['start', 'end'] as const) {
    if (mark[key] !== undefined && !offset(mark[key])) return `has a ${key} that is no offset`;
  }
  return undefined;
}

/**
 * Parses Polly's speech-marks body: JSON Lines, one mark object per line.
 *
 * @param requestId - `x-amzn-requestid` of the response, for the error.
 * @throws ServiceError (code `MalformedResponse`, not retryable) when a line is not a JSON object or
 *   not a mark (a known `type`, a `time` and `start`/`end` that are non-negative numbers, a string
 *   `value`); the message names the service, the operation and the line number, never the body's
 *   text.
 * @example
 * ```ts
 * const marks = parseMarks(new TextEncoder().encode('{"time":6,"type":"word","start":0,"end":5,"value":"Hello"}\n'));
 * ```
 * @internal
 */
export function parseMarks(bytes: Uint8Array, requestId?: string): SpeechMark[] {
  const lines = new TextDecoder().decode(bytes).split('\n');
  const marks: SpeechMark[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let mark: unknown;
    try {
      mark = JSON.parse(line);
    } catch {
      mark = undefined;
    }
    const problem =
      typeof mark !== 'object' || mark === null || Array.isArray(mark)
        ? 'is not a JSON object'
        : notAMark(mark as Record<string, unknown>);
    if (problem) {
      throw new ServiceError(
        `polly SynthesizeSpeech returned speech marks that are not JSON Lines (line ${index + 1} of ${lines.length} ${problem})`,
        {
          service: 'polly',
          operation: 'SynthesizeSpeech',
          code: 'MalformedResponse',
          requestId,
          retryable: false,
        },
      );
    }
    const m = mark as Record<string, unknown>;
    marks.push({
      time: m.time as number,
      type: m.type as SpeechMarkType,
      start: Number(m.start ?? 0),
      end: Number(m.end ?? 0),
      value: String(m.value ?? ''),
    });
  }
  return marks;
}
