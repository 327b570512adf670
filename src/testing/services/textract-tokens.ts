import { EmulatorError } from '../emulator-error';

/** A request as text with its keys sorted, the token left out: what "the other parameters" are. */
function fingerprint(input: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ...rest } = input;
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : value,
  );
}

/**
 * Textract's `ClientRequestToken` (textract.json), and Rekognition Video's alike (rekognition.json): the same token on the same operation returns the
 * first `JobId`; "reused with an operation, but at least one of the other input parameters is
 * different" is `IdempotentParameterMismatchException`. Tokens are kept per operation.
 */
export function idempotencyTokens(): {
  /** The job a token already started, or undefined; throws on a mismatch. */
  find(operation: string, input: Record<string, unknown>): string | undefined;
  remember(operation: string, input: Record<string, unknown>, jobId: string): void;
  clear(): void;
} {
  const tokens = new Map<string, { jobId: string; request: string }>();
  const keyOf = (operation: string, input: Record<string, unknown>) =>
    typeof input.ClientRequestToken === 'string' && input.ClientRequestToken !== ''
      ? `${operation}\u0000${input.ClientRequestToken}`
      : undefined;
  return {
    find(operation, input) {
      const key = keyOf(operation, input);
      const known = key === undefined ? undefined : tokens.get(key);
      if (!known) return undefined;
      if (known.request !== fingerprint(input)) {
        throw new EmulatorError(
          'IdempotentParameterMismatchException',
          'A ClientRequestToken input parameter was reused with an operation, but at least one of the other input parameters is different from the previous call to the operation.',
        );
      }
      return known.jobId;
    },
    remember(operation, input, jobId) {
      const key = keyOf(operation, input);
      if (key !== undefined) tokens.set(key, { jobId, request: fingerprint(input) });
    },
    clear: () => tokens.clear(),
  };
}
