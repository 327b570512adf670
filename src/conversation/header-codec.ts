import { gunzipSync, gzipSync } from 'node:zlib';
import { AwsAIError } from '../errors';

/**
 * Encodes a value as Lex V2 wants it in a RecognizeUtterance header (`x-amz-lex-session-state`,
 * `x-amz-lex-request-attributes`): JSON, compressed with gzip, then base64.
 *
 * @example
 * ```ts
 * const header = encodeLexHeader({ sessionAttributes: { size: 'large' } });
 * decodeLexHeader(header); // { sessionAttributes: { size: 'large' } }
 * ```
 */
export function encodeLexHeader(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

/**
 * Decodes a Lex V2 response header (`x-amz-lex-messages`, `-interpretations`, `-session-state`,
 * `-request-attributes`, `-input-transcript`): base64, then gunzip, then JSON. A header whose
 * content is not JSON (an input transcript sent as bare text) comes back as the text.
 *
 * @throws AwsAIError (code `MalformedLexHeader`) when the value is not base64 of gzip data
 * @example
 * ```ts
 * const state = decodeLexHeader(out.sessionState) as BotSessionState;
 * ```
 */
export function decodeLexHeader(header: string): unknown {
  let text: string;
  try {
    text = gunzipSync(Buffer.from(header, 'base64')).toString('utf8');
  } catch (err) {
    throw new AwsAIError('a Lex header is not gzip data in base64', {
      service: 'lex-runtime',
      code: 'MalformedLexHeader',
      cause: err,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
