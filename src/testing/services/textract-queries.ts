import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { constraintViolation, missingMember } from './constraint';

/** `QueryInput` (textract.json): 1–200 characters of printable ASCII and ASCII whitespace. */
const QUERY_INPUT = /^[\x20-\x7e\t\n\v\f\r]+$/;
const QUERY_INPUT_PATTERN =
  '^[a-zA-Z0-9\\s!"\\#\\$%\'&\\(\\)\\*\\+\\,\\-\\./:;=\\?@\\[\\\\\\]\\^_`\\{\\|\\}~><]+$';
/** Queries per page: 15 on AnalyzeDocument, 30 on StartDocumentAnalysis (Textract quotas). */
const MAX_QUERIES = { sync: 15, async: 30 } as const;

function checkQueryInput(member: string, value: unknown): void {
  if (typeof value !== 'string') return;
  if (value.length < 1) {
    throw constraintViolation(member, value, 'Member must have length greater than or equal to 1');
  }
  if (value.length > 200) {
    throw constraintViolation(member, value, 'Member must have length less than or equal to 200');
  }
  if (!QUERY_INPUT.test(value)) {
    throw constraintViolation(
      member,
      value,
      `Member must satisfy regular expression pattern: ${QUERY_INPUT_PATTERN}`,
    );
  }
}

/**
 * AnalyzeDocument / StartDocumentAnalysis with `QueriesConfig`, checked as Textract does: each
 * `Text` (required) and `Alias` against the model's `QueryInput` constraints (ValidationException),
 * then the QUERIES feature without a `QueriesConfig` (or the reverse), no queries, and more queries
 * than a page takes (InvalidParameterException, as Textract answers its own parameter rules).
 */
export function withQueries(handler: Handler, mode: 'sync' | 'async'): Handler {
  return (input, ctx) => {
    const config = input.QueriesConfig as { Queries?: unknown } | undefined;
    const features = Array.isArray(input.FeatureTypes) ? input.FeatureTypes : [];
    const bad = (message: string) => new EmulatorError('InvalidParameterException', message);
    if (config !== undefined) {
      if (!Array.isArray(config.Queries)) throw missingMember('queriesConfig.queries');
      if (config.Queries.length < 1) {
        throw constraintViolation(
          'queriesConfig.queries',
          undefined,
          'Member must have length greater than or equal to 1',
        );
      }
      config.Queries.forEach((query: unknown, i) => {
        const { Text, Alias } = (query ?? {}) as { Text?: unknown; Alias?: unknown };
        const member = `queriesConfig.queries.${i + 1}.member`;
        if (typeof Text !== 'string') throw missingMember(`${member}.text`);
        checkQueryInput(`${member}.text`, Text);
        checkQueryInput(`${member}.alias`, Alias);
      });
      if (config.Queries.length > MAX_QUERIES[mode]) {
        throw bad(`QueriesConfig holds more than ${MAX_QUERIES[mode]} queries per page`);
      }
      if (!features.includes('QUERIES')) throw bad('QueriesConfig needs the QUERIES feature type');
    } else if (features.includes('QUERIES')) {
      throw bad('The QUERIES feature type needs a QueriesConfig');
    }
    return handler(input, ctx);
  };
}
