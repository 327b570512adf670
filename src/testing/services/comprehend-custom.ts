import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';

/** ClassifyDocument's text limit (aws-limits.md §1: 10 KB for plain-text custom models). */
const MAX_CLASSIFY_BYTES = 10_000;
/** DetectEntities with a custom recognizer endpoint: 5 KB of text (aws-limits.md §1). */
const MAX_CUSTOM_ENTITIES_BYTES = 5_000;

/**
 * The emulated classifier's classes and the words that vote for them. Every endpoint answers with
 * these; an endpoint whose name contains `labels` is a multi-label model (answers `Labels`).
 */
const CLASS_WORDS: Readonly<Record<string, readonly string[]>> = {
  BILLING: ['invoice', 'charge', 'charged', 'refund', 'bill', 'payment', 'price'],
  SHIPPING: ['ship', 'shipped', 'delivery', 'delivered', 'package', 'parcel', 'tracking'],
  TECHNICAL: ['error', 'crash', 'bug', 'login', 'password', 'app', 'broken'],
};

/** The endpoint of a request, with `not-ready` in its name answering as an endpoint being created. */
function requireEndpoint(input: EmulatorInput, kind: string): string {
  const arn = input.EndpointArn;
  if (typeof arn !== 'string' || !arn.includes(`:${kind}-endpoint/`)) {
    throw new EmulatorError(
      'InvalidRequestException',
      `EndpointArn must be a ${kind} endpoint ARN`,
    );
  }
  if (arn.includes('not-ready')) {
    throw new EmulatorError(
      'ResourceUnavailableException',
      `The endpoint ${arn} is not ready; its status is CREATING`,
    );
  }
  return arn;
}

function requireText(input: EmulatorInput, maxBytes: number): string {
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

/**
 * ClassifyDocument on a custom endpoint: each class scores its share of the text's class words
 * (an even split, plus OTHER, when there are none), rounded to 4 places.
 */
export const classifyDocument: Handler = (input) => {
  const arn = requireEndpoint(input, 'document-classifier');
  const text = requireText(input, MAX_CLASSIFY_BYTES);
  const words = (text.toLowerCase().match(/\p{L}+/gu) ?? []) as string[];
  const votes = Object.entries(CLASS_WORDS).map(
    ([name, list]) => [name, words.filter((w) => list.includes(w)).length] as const,
  );
  const total = votes.reduce((sum, [, n]) => sum + n, 0);
  const scored =
    total === 0
      ? [{ Name: 'OTHER', Score: 0.9 }, ...votes.map(([Name]) => ({ Name, Score: 0.0333 }))]
      : votes.map(([Name, n]) => ({ Name, Score: Math.round((n / total) * 10_000) / 10_000 }));
  scored.sort((a, b) => b.Score - a.Score || a.Name.localeCompare(b.Name));
  return arn.includes('labels')
    ? { Labels: scored.filter((s) => s.Score >= 0.5) }
    : { Classes: scored };
};

/**
 * DetectEntities on a custom recognizer endpoint: product codes (`AB-1234`) as `PRODUCT_CODE` and
 * `#`-tags as `TAG`, with offsets in code points, as Comprehend counts them.
 */
export function customEntities(input: EmulatorInput): Record<string, unknown> {
  requireEndpoint(input, 'entity-recognizer');
  const text = requireText(input, MAX_CUSTOM_ENTITIES_BYTES);
  const entities: Array<Record<string, unknown>> = [];
  for (const [pattern, type] of [
    [/\b[A-Z]{2,}-\d{2,}\b/gu, 'PRODUCT_CODE'],
    [/#\p{L}+/gu, 'TAG'],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const begin = [...text.slice(0, match.index)].length;
      entities.push({
        Type: type,
        Text: match[0],
        Score: 0.97,
        BeginOffset: begin,
        EndOffset: begin + [...match[0]].length,
      });
    }
  }
  entities.sort((a, b) => (a.BeginOffset as number) - (b.BeginOffset as number));
  return { Entities: entities };
}

/** DetectEntities: a custom endpoint's recognizer when the request names one, else the built-in. */
export function withCustomEntities(builtIn: Handler): Handler {
  return (input, ctx) =>
    input.EndpointArn === undefined ? builtIn(input, ctx) : customEntities(input);
}
