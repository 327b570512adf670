import { ServiceError } from '../errors';
import type { SpeechMark, SpeechMarkType } from './types';

/**
 * Parses Polly's speech-marks body: JSON Lines, one mark object per line.
 *
 * @param requestId - `x-amzn-requestid` of the response, for the error.
 * @throws ServiceError (code `MalformedResponse`, not retryable) when a line is not a JSON object; the
 *   message names the service, the operation and the line number, never the body's text.
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
    if (typeof mark !== 'object' || mark === null || Array.isArray(mark)) {
      throw new ServiceError(
        `polly SynthesizeSpeech returned speech marks that are not JSON Lines (line ${index + 1} of ${lines.length} is not a JSON object)`,
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
      time: Number(m.time ?? 0),
      type: String(m.type) as SpeechMarkType,
      start: Number(m.start ?? 0),
      end: Number(m.end ?? 0),
      value: String(m.value ?? ''),
    });
  }
  return marks;
}
