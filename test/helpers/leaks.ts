/**
 * What the "no credential and no input in any error" tests share (test/core/secrets.test.ts and the
 * guarantees suites): marked credentials, every rendering of an error, and the search for a secret
 * in those renderings.
 */
import { inspect } from 'node:util';

// Recognisable credentials: realistic shapes (the secret and token are never sent, the key id and
// signature are), with a marker in each so a leak is found by plain substring search.
export const ACCESS_KEY_ID = 'ASIAMARKERKEYID00042';
export const SECRET = 'SECRETMARKERwJalrXUtnFEMI/K7MDENG/bPxRfiCY';
export const TOKEN = `TOKENMARKER${'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD'.repeat(6)}`;
export const CREDENTIALS = {
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET,
  sessionToken: TOKEN,
};

/**
 * What gives the marked credentials away, for a leak search: the marker of each, a signature, a
 * signed Authorization value or session-token header.
 */
export const CREDENTIAL_MARKERS: readonly string[] = [
  'MARKERKEYID',
  'SECRETMARKER',
  'TOKENMARKER',
  'Signature=',
  'AWS4-HMAC-SHA256 Credential',
  'x-amz-security-token:IQ',
];

/**
 * Every rendering of an error a program or a logger could produce, by name: a deep `util.inspect`
 * (showHidden), one with getters, `JSON.stringify`, `String`, and for each level of the `cause`
 * chain (at most 20) its message, stack, JSON and deep inspect.
 */
export function renderings(err: unknown): Record<string, string> {
  const deep = { showHidden: true, depth: Number.POSITIVE_INFINITY } as const;
  const out: Record<string, string> = {
    inspect: inspect(err, deep),
    inspectGetters: inspect(err, { depth: Number.POSITIVE_INFINITY, getters: true }),
    json: JSON.stringify(err) ?? '',
    string: String(err),
  };
  let level = 0;
  for (let cause: unknown = err; cause !== undefined && level < 20; level++) {
    const e = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    out[`cause${level}.message`] = String(e?.message ?? cause);
    out[`cause${level}.stack`] = String(e?.stack ?? '');
    out[`cause${level}.json`] = JSON.stringify(cause) ?? '';
    out[`cause${level}.inspect`] = inspect(cause, deep);
    cause = typeof cause === 'object' && cause !== null ? e.cause : undefined;
  }
  return out;
}

/** Where (by rendering name) each of `secrets` shows in `texts`: empty when none does. */
export function secretsIn(texts: Record<string, string>, secrets: Iterable<string>): string[] {
  const all = [...secrets];
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of all) {
      if (text.includes(secret)) found.push(`${where} holds ${secret.slice(0, 24)}`);
    }
  }
  return found;
}
