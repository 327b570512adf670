import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactAll, redactCredentials } from '../src/redact';

// redactCredentials skips its six patterns for a text that has none of what they need; the
// shortcut must never change a result. Checked on texts built from the credential shapes, the
// keywords, and the fragments around them, in any order and case.
const pieces = fc.constantFrom(
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAY34FZKBOKMUTVV7A',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'a'.repeat(64),
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/x/aws4_request',
  'X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
  'The Canonical String for this request should have been\nPOST\n/',
  '<StringToSign>AWS4-HMAC-SHA256\n20261207T000000Z</StringToSign>',
  'x-amz-signature:abc',
  '<StringToSign>',
  '<CanonicalRequest>',
  'The String-to-Sign should have been',
  'secret_access_key = "abc"',
  'session_token: xyz',
  'AWS ABCDEFGHIJKLMNOP1234:sig',
  'aws',
  'Token',
  'signature',
  'CREDENTIAL',
  'stringtosign',
  'The call has already settled',
  'ValidationException: 1 validation error detected',
  '',
  ' ',
  '\n',
  '=',
  ':',
  '"',
  "'",
  '/',
  '+',
);
const texts = fc.oneof(
  fc.array(fc.oneof(pieces, fc.string({ maxLength: 30 })), { maxLength: 8 }).map((a) => a.join('')),
  fc.string({ unit: fc.constantFrom(...'AKIASaz09+/=: \n-_"'.split('')), maxLength: 80 }),
  fc.string({ maxLength: 120 }),
);

describe('redactCredentials', () => {
  it('gives what the six patterns give, with or without its shortcut', () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, upper) => {
        const t = upper ? text.toUpperCase() : text;
        expect(redactCredentials(t)).toBe(redactAll(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('still removes every credential shape', () => {
    const text =
      'Credential=AKIAIOSFODNN7EXAMPLE/20261207 Signature=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ' +
      'secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const out = redactCredentials(text);
    expect(out).not.toMatch(/AKIAIOSFODNN7EXAMPLE|9f86d081|wJalrXUtnFEMI/);
    expect(out).toContain('[redacted]');
    expect(redactCredentials('The call has already settled')).toBe('The call has already settled');
  });
});
