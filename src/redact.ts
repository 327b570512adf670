/**
 * Keeps credentials and the caller's data out of errors (issue 13, items 5 and 6; ADR 0005).
 *
 * Three tools, used where errors are built:
 * - {@link redactCredentials}: access key ids, signatures, session tokens, secret keys, Authorization
 *   values, canonical requests and strings-to-sign are removed from a text.
 * - {@link redactEcho}: quoted or bracketed spans a service copied from the request are replaced by
 *   their length; names of fields, codes and ids (one short token) stay.
 * - {@link safeCause}: the `cause` an error keeps is a plain copy of what was thrown (name, code,
 *   message redacted, `$metadata`), never the live SDK exception whose `$response` holds the signed
 *   request.
 *
 * Text that may hold the caller's data is kept in a private store, read through explicit accessors
 * (`serviceMessage`, `originalMessage`, …): a prototype getter is not an own property, so neither
 * `JSON.stringify`, `util.inspect` (even with `showHidden`) nor a structured logger prints it.
 *
 * @internal
 * @packageDocumentation
 */

const AWS_AI_ERROR = Symbol.for('aws-ai.error.AwsAIError');

/** Private values of error objects, by key; unreachable from the object's own properties. */
const privateValues = new WeakMap<object, Map<string, unknown>>();

/** Stores a value only an accessor of `owner` can read. @internal */
export function setPrivate(owner: object, key: string, value: unknown): void {
  if (value === undefined) return;
  let values = privateValues.get(owner);
  if (!values) {
    values = new Map();
    privateValues.set(owner, values);
  }
  values.set(key, value);
}

/** Reads a value stored by {@link setPrivate}. @internal */
export function getPrivate<T = unknown>(owner: unknown, key: string): T | undefined {
  if (typeof owner !== 'object' || owner === null) return undefined;
  return privateValues.get(owner)?.get(key) as T | undefined;
}

const REDACTED = '[redacted]';

/**
 * SigV4 signature diagnostics: AWS quotes the canonical request (with `x-amz-security-token`) and
 * the string-to-sign it expected. Everything from the first of them to the end goes.
 */
const SIGNING_DIAGNOSTICS =
  /(?:The Canonical String for this request should have been|The String-to-Sign should have been|<CanonicalRequest>|<StringToSign>)[\s\S]*/gi;
/** An Authorization value, labelled (`Authorization=…`, `authorization: …`) or bare. */
const AUTHORIZATION =
  /(authorization\s*[=:]\s*)?(?:AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256|AWS\s+[A-Z0-9]{16,}:)[^\n'"]*/gi;
/** Signing parameters in headers and presigned URLs. */
const SIGNING_PARAMS =
  /\b((?:x-amz-security-token|x-amz-signature|x-amz-credential|security-token|credential|signature|sessiontoken|session_token|aws_session_token|aws_secret_access_key|secretaccesskey|secret_access_key)\s*[=:]\s*)("?)[^\s&'",;]+/gi;
/** Access key ids: long-term (AKIA) and temporary (ASIA). */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
/** A SigV4 signature or any other 64-digit hex string. */
const HEX64 = /\b[0-9a-f]{64}\b/gi;
/** Secret access keys (40 base64 characters) and session tokens (hundreds): long mixed base64 runs. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;

function isRandomLooking(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

/**
 * Removes every credential-shaped value from a text: access key ids, signatures, session tokens,
 * secret keys, Authorization values, and the canonical request / string-to-sign of a signature
 * error. What remains of the text is unchanged.
 *
 * @example
 * ```ts
 * redactCredentials('Authorization=AWS4-HMAC-SHA256 Credential=AKIA…/…, Signature=ab12…');
 * // 'Authorization=[redacted]'
 * ```
 * @internal
 */
export function redactCredentials(text: string): string {
  if (!MAY_HOLD_CREDENTIALS.test(text)) return text;
  return redactAll(text);
}

/**
 * What every pattern of {@link redactAll} needs somewhere in a text: a keyword (`canonical`,
 * `string-to-sign`, `stringtosign`, `aws`, `token`, `credential`, `signature`, `secret`) or a run of
 * 20 base64 characters (key ids are 20, signatures 64, secrets 40). A text with none of them is
 * returned as it is, without compiling and running the six patterns: most of our own messages, and
 * the abort reason every settled call builds (on a cold start, the first call paid ~0.5 ms for it).
 */
const MAY_HOLD_CREDENTIALS =
  /canonical|string-to-sign|stringtosign|aws|token|credential|signature|secret|[A-Za-z0-9+/]{20}/i;

/** The six credential patterns, in order; {@link redactCredentials} without its shortcut. @internal */
export function redactAll(text: string): string {
  return text
    .replace(SIGNING_DIAGNOSTICS, '[canonical request and string-to-sign removed]')
    .replace(AUTHORIZATION, (_all, label: string | undefined) => `${label ?? ''}${REDACTED}`)
    .replace(SIGNING_PARAMS, (_all, label: string, quote: string) => `${label}${quote}${REDACTED}`)
    .replace(ACCESS_KEY_ID, REDACTED)
    .replace(HEX64, REDACTED)
    .replace(BASE64_RUN, (run) => (isRandomLooking(run) ? REDACTED : run));
}

/**
 * A quoted or bracketed span, opened at the start of the text or after a space or punctuation (so
 * the apostrophe of "isn't" opens nothing) and closed before the end, a space or punctuation.
 * Typographic quotes as \u escapes (a Lambda bundle of this code stays ASCII).
 */
const QUOTED =
  /(^|[\s(=:,{[])(?:"((?:[^"\\]|\\[\s\S])*)"|'([^']*)'|`([^`]*)`|\u201c([^\u201d]*)\u201d|\u2018([^\u2019]*)\u2019|\[([^\]]*)\])(?=$|[\s).,;:!?}\]])/g;
/** A quoted name that is safe to keep: a field, a code, an id, a language, an ARN. */
const TOKEN = /^[\w.:/@+=#-]{0,64}$/;
/** What this file writes in place of a value: kept, so that redacting twice changes nothing. */
const OWN_PLACEHOLDER =
  /^(?:\d+ characters|redacted|canonical request and string-to-sign removed)$/;

/**
 * Text right before a span that always copies the request, whatever its shape: AWS's validation
 * wording `Value '…' at 'field'` (also `Invalid value '…' for …`) quotes the value sent, which may
 * be a user id or an e-mail address that looks like a token. (`The value of 'field'` names a field.)
 */
const VALUE_BEFORE = /\bvalue\s?$/i;

/**
 * Replaces every quoted or bracketed span a service may have copied from the request by its length
 * (`Value [68 characters] at 'text' failed …`). Short single tokens stay (they name fields, codes,
 * ids and languages, which is what makes the message useful), except the value of AWS's `Value '…'
 * at` wording, which is always the caller's input.
 *
 * @internal
 */
export function redactEcho(text: string): string {
  return text.replace(QUOTED, (all, lead: string, ...rest: unknown[]) => {
    const content = rest.slice(0, 6).find((s): s is string => typeof s === 'string');
    if (content === undefined || OWN_PLACEHOLDER.test(content)) return all;
    const offset = rest[6] as number;
    const isValue = VALUE_BEFORE.test(text.slice(Math.max(0, offset - 8), offset + lead.length));
    if (!isValue && TOKEN.test(content)) return all;
    return `${lead}[${content.length} characters]`;
  });
}

/** Longest service message kept in our own messages and in a cause's copy. */
export const MAX_MESSAGE = 300;

/**
 * A service's message as our messages quote it: credentials removed, echoed input replaced by its
 * length, at most {@link MAX_MESSAGE} characters.
 *
 * @internal
 */
export function boundedServiceText(text: string): string {
  const clean = redactEcho(redactCredentials(text)).trim();
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

/** `$metadata` members that say which request failed; none of them is a secret. */
const METADATA_KEYS = [
  'httpStatusCode',
  'requestId',
  'extendedRequestId',
  'cfId',
  'attempts',
  'totalRetryDelay',
];

/** Properties never copied: the live response/request, and what `safeCause` rebuilds itself. */
const SKIPPED = new Set(['message', 'stack', 'cause', 'name', '$response', '$metadata', 'errors']);

/** The copies {@link safeCause} made: already safe, never copied again. */
const copies = new WeakSet<object>();

function isAwsAIError(value: object): boolean {
  return (value as Record<symbol, unknown>)[AWS_AI_ERROR] === true;
}

/** A member value safe to copy: one token (a code, an id, an ARN, a log group), no credential. */
const FIELD_TOKEN = /^[\w.:/@+=#,-]{0,256}$/;

function isSafeString(value: string): boolean {
  return FIELD_TOKEN.test(value) && redactCredentials(value) === value;
}

/** Whether `value` holds only safe primitives and its message needs no redaction: keep it as is. */
function isPlainSafe(value: object, depth: number): boolean {
  const message = (value as { message?: unknown }).message;
  if (typeof message === 'string' && boundedServiceText(message) !== message) return false;
  for (const key of Reflect.ownKeys(value)) {
    if (key === 'stack' || key === 'message') continue;
    const item = (value as Record<string | symbol, unknown>)[key];
    if (key === 'cause') {
      if (item === undefined) continue;
      if (typeof item !== 'object' || item === null || depth > 8) return false;
      if (!isAwsAIError(item) && !isPlainSafe(item, depth + 1)) return false;
      continue;
    }
    if (typeof item === 'number' || typeof item === 'boolean' || item === undefined) continue;
    if (typeof item === 'string' && isSafeString(item)) continue;
    return false;
  }
  return true;
}

function stackFrames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/**
 * The `cause` an {@link AwsAIError} keeps for what was thrown:
 * - an aws-ai error, a primitive other than a string, or an error holding only safe primitives
 *   (a DOM `AbortError`, a socket error): kept as it is;
 * - anything else (an SDK exception with its `$response`, a message quoting a signature or the
 *   input): a plain `Error` copy with the same name, `code`, `$fault`, `$metadata` (ids and status
 *   only), `$retryable`, numeric and boolean members and short token-like strings, its message
 *   redacted like ours, its cause copied the same way. Strings that may hold the caller's data
 *   (`OriginalMessage`, …) are kept privately, for the accessors that document them.
 *
 * @internal
 */
export function safeCause(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return boundedServiceText(value);
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (isAwsAIError(value) || copies.has(value) || isPlainSafe(value, 0)) return value;
  if (depth > 8) return undefined;

  const source = value as Record<string | symbol, unknown>;
  const name = typeof source.name === 'string' ? source.name : 'Error';
  const message = typeof source.message === 'string' ? boundedServiceText(source.message) : '';
  const copy = new Error(message) as Error & Record<string, unknown>;
  Object.defineProperty(copy, 'name', {
    value: name,
    enumerable: Object.prototype.propertyIsEnumerable.call(source, 'name'),
    configurable: true,
    writable: true,
  });
  const frames = stackFrames(source.stack);
  copy.stack = `${name}: ${message}${frames ? `\n${frames}` : ''}`;

  const hidden: Record<string, string> = {};
  for (const key of Object.keys(source)) {
    if (SKIPPED.has(key)) continue;
    const item = source[key];
    if (typeof item === 'number' || typeof item === 'boolean') copy[key] = item;
    else if (typeof item === 'string') {
      if (isSafeString(item)) copy[key] = item;
      else hidden[key] = redactCredentials(item);
    } else if (key === '$retryable' && typeof item === 'object' && item !== null) {
      copy[key] = { ...pickPrimitives(item as Record<string, unknown>) };
    }
  }
  const metadata = source.$metadata;
  if (typeof metadata === 'object' && metadata !== null) {
    const kept: Record<string, unknown> = {};
    for (const key of METADATA_KEYS) {
      const item = (metadata as Record<string, unknown>)[key];
      if (typeof item === 'number' || (typeof item === 'string' && isSafeString(item))) {
        kept[key] = item;
      }
    }
    copy.$metadata = kept;
  }
  if (Array.isArray(source.errors)) {
    copy.errors = source.errors.slice(0, 16).map((item) => safeCause(item, depth + 1));
  }
  if (Object.keys(hidden).length > 0) setPrivate(copy, 'fields', hidden);
  if (source.cause !== undefined) {
    Object.defineProperty(copy, 'cause', {
      value: safeCause(source.cause, depth + 1),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  copies.add(copy);
  return copy;
}

function pickPrimitives(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' || typeof item === 'boolean') out[key] = item;
  }
  return out;
}

/**
 * A string member a service sent that {@link safeCause} kept out of the copy because it may hold
 * the caller's data (SageMaker `OriginalMessage`, …), credentials removed.
 *
 * @internal
 */
export function hiddenField(cause: unknown, key: string): string | undefined {
  return getPrivate<Record<string, string>>(cause, 'fields')?.[key];
}
