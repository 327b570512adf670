import { ValidationError } from '../errors';
import { REKOGNITION_MAX_ID_LENGTH } from './limits';

/** Throws unless `value` is undefined or a number in [min, max]. @internal */
export function checkRange(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new ValidationError(
      `${name} must be a number from ${min} to ${max}, got ${describe(value)}`,
    );
  }
}

/** Throws unless `value` is undefined or an integer in [min, max]. @internal */
export function checkInteger(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  checkRange(name, value, min, max);
  if (value !== undefined && !Number.isInteger(value)) {
    throw new ValidationError(`${name} must be a whole number, got ${value}`);
  }
}

/** How a rejected value is named in a message; never throws (symbols, null-prototype objects). */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return value.length > 20 ? `a ${value.length}-character string` : JSON.stringify(value);
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Throws unless `list` is undefined or an array (without holes) of at most `max` items.
 * @internal
 */
export function checkCount(name: string, list: readonly unknown[] | undefined, max: number): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    throw new ValidationError(`${name} must be an array, got ${describe(list)}`);
  }
  if (list.length > max) {
    throw new ValidationError(`${name} has ${list.length} items; the limit is ${max}`);
  }
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) throw new ValidationError(`${name}[${i}] is missing (a sparse array)`);
  }
}

/** Throws unless `list` is undefined or an array of at most `max` non-empty strings. @internal */
export function checkStrings(
  name: string,
  list: readonly unknown[] | undefined,
  max: number,
): void {
  checkCount(name, list, max);
  list?.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw new ValidationError(`${name}[${i}] must be a non-empty string, got ${describe(item)}`);
    }
  });
}

/** Throws unless `value` is undefined or one of `allowed`. @internal */
export function checkEnum(name: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ValidationError(
      `${name} must be one of ${allowed.join(', ')}, got ${describe(value)}`,
    );
  }
}

/** Rekognition's `QualityFilter` values. @internal */
export const QUALITY_FILTERS = ['NONE', 'AUTO', 'LOW', 'MEDIUM', 'HIGH'] as const;

/**
 * Resource tags (Rekognition's TagMap): a plain object of at most 50 string values, keys of 1–128
 * characters not starting with `aws:`, values of at most 256 characters. @internal
 */
export function checkTags(name: string, tags: unknown): void {
  if (tags === undefined) return;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new ValidationError(`${name} must be an object of string values, got ${describe(tags)}`);
  }
  const entries = Object.entries(tags);
  if (entries.length > 50) {
    throw new ValidationError(`${name} has ${entries.length} tags; the limit is 50`);
  }
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 128 || key.startsWith('aws:')) {
      throw new ValidationError(`${name} keys must be 1–128 characters and not start with 'aws:'`);
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw new ValidationError(`${name} values must be strings of at most 256 characters`);
    }
  }
}

/** `ExternalImageId` (rekognition.json): `[a-zA-Z0-9_.\-:]+`. */
const EXTERNAL_ID = /^[a-zA-Z0-9_.\-:]+$/;
/** `CollectionId` (rekognition.json): `[a-zA-Z0-9_.\-]+`, without the ':' external ids take. */
const COLLECTION_ID = /^[a-zA-Z0-9_.-]+$/;

/**
 * Collection ids (1–255 of `[a-zA-Z0-9_.\-]`) and, with `name` `externalImageId`, external image
 * ids (1–255 of `[a-zA-Z0-9_.\-:]`). @internal
 */
export function checkId(name: string, value: unknown): string {
  const external = name === 'externalImageId';
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > REKOGNITION_MAX_ID_LENGTH ||
    !(external ? EXTERNAL_ID : COLLECTION_ID).test(value)
  ) {
    throw new ValidationError(
      `${name} must be 1–${REKOGNITION_MAX_ID_LENGTH} characters of letters, digits, '_', '.'${external ? ", '-' or ':'" : " or '-'"}`,
    );
  }
  return value;
}

const FACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Face ids are the UUIDs `collections.index` returned. @internal */
export function checkFaceId(value: unknown): string {
  if (typeof value !== 'string' || !FACE_ID.test(value)) {
    throw new ValidationError('faceId must be a face id returned by collections.index (a UUID)');
  }
  return value;
}

const PROJECT_VERSION_ARN =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/version\/[a-zA-Z0-9_.-]{1,255}\/\d+$/;

/** A Custom Labels model version ARN. @internal */
export function checkProjectVersionArn(name: string, value: unknown): string {
  if (typeof value !== 'string' || !PROJECT_VERSION_ARN.test(value)) {
    throw new ValidationError(
      `${name} must be a project version ARN (arn:aws:rekognition:<region>:<account>:project/<name>/version/<name>/<timestamp>)`,
    );
  }
  return value;
}
