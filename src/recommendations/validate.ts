import { describeInput } from '../config';
import { ValidationError } from '../errors';
import {
  CONTEXT_MAX_ENTRIES,
  CONTEXT_NAME,
  CONTEXT_VALUE_MAX,
  FILTER_MAX_PARAMETERS,
  FILTER_NAME,
  FILTER_VALUE_MAX,
  METADATA_COLUMN_MAX,
  METADATA_MAX_COLUMNS,
  PERSONALIZE_ARN,
  PERSONALIZE_ARN_MAX,
  PERSONALIZE_ID_MAX,
  PROMOTION_NAME,
  PROMOTIONS_MAX,
} from './limits';
import type { FilterValue, RecommendationFilter, RecommendationPromotion } from './types';

/**
 * An object whose own enumerable properties are its entries: not null, not an array, and not a
 * Map, Set or other iterable collection, whose entries `Object.entries` would silently miss.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  );
}

/** A Personalize ARN (campaign, recommender or filter). @internal */
export function assertArn(value: unknown, label: string): asserts value is string {
  if (
    typeof value !== 'string' ||
    value.length > PERSONALIZE_ARN_MAX ||
    !PERSONALIZE_ARN.test(value)
  ) {
    throw new ValidationError(
      `${label} must be a Personalize ARN such as 'arn:aws:personalize:us-east-1:123456789012:campaign/name' (at most ${PERSONALIZE_ARN_MAX} characters); got ${describeInput(value)}`,
    );
  }
}

/** The request member an ARN goes to: a campaign's or a recommender's. @internal */
export function arnMember(arn: string, label: string): 'campaignArn' | 'recommenderArn' {
  assertArn(arn, label);
  if (/:campaign\//.test(arn)) return 'campaignArn';
  if (/:recommender\//.test(arn)) return 'recommenderArn';
  throw new ValidationError(
    `${label} must be the ARN of a campaign (…:campaign/name) or of a recommender (…:recommender/name)`,
  );
}

/** A user, item or action id: a non-empty string of at most 256 characters. @internal */
export function assertId(value: unknown, label: string): asserts value is string {
  if (typeof value !== 'string' || value === '' || value.length > PERSONALIZE_ID_MAX) {
    throw new ValidationError(
      `${label} must be a non-empty string of at most ${PERSONALIZE_ID_MAX} characters; got ${typeof value === 'string' ? `${value.length} characters` : typeof value}`,
    );
  }
}

/** `numResults`: an integer from 0 to `max`. @internal */
export function assertCount(value: unknown, label: string, max: number): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max)
  ) {
    throw new ValidationError(
      `${label} must be an integer from 0 to ${max}; got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
}

function encodeOne(value: string | number, label: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ValidationError(`${label} must be a finite number; got ${value}`);
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new ValidationError(
      `${label} must be strings or numbers; got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (value.includes('"')) {
    throw new ValidationError(
      `${label} holds a double quote, which Personalize's filter value syntax cannot carry inside a quoted value`,
    );
  }
  return `"${value}"`;
}

/**
 * Encodes filter values as Personalize reads them: each string in double quotes, several values
 * comma-joined, numbers bare (`{ GENRES: ['Comedy', 'Drama'] }` → `{ GENRES: '"Comedy","Drama"' }`).
 * @throws ValidationError for a bad ARN, parameter name, value, or a value over 1,000 characters
 * @internal
 */
export function encodeFilter(
  filter: RecommendationFilter | undefined,
  label = 'filter',
): { filterArn?: string; filterValues?: Record<string, string> } {
  if (filter === undefined) return {};
  if (typeof filter !== 'object' || filter === null) {
    throw new ValidationError(`${label} must be { arn, values? }`);
  }
  assertArn(filter.arn, `${label}.arn`);
  if (filter.values === undefined) return { filterArn: filter.arn };
  if (!isRecord(filter.values)) {
    throw new ValidationError(
      `${label}.values must be an object of parameter name to value(s), such as { GENRES: ['Comedy'] }`,
    );
  }
  const entries = Object.entries(filter.values as Record<string, FilterValue>);
  if (entries.length > FILTER_MAX_PARAMETERS) {
    throw new ValidationError(
      `${label}.values has ${entries.length} parameters; Personalize takes at most ${FILTER_MAX_PARAMETERS}`,
    );
  }
  const filterValues: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!FILTER_NAME.test(name)) {
      throw new ValidationError(
        `${label}.values keys must be the filter's parameter names: letters, digits and _ (at most 50); got a key of ${name.length} characters with other characters`,
      );
    }
    const list = Array.isArray(value)
      ? (value as readonly (string | number)[])
      : [value as string | number];
    if (list.length === 0)
      throw new ValidationError(
        `${label}.values.${name} is an empty list; leave the parameter out instead`,
      );
    // An index loop, not map: map skips the holes of a sparse array, and join sends them as ''.
    const parts: string[] = [];
    for (let i = 0; i < list.length; i++) {
      parts.push(encodeOne(list[i] as string | number, `${label}.values.${name}[${i}]`));
    }
    const encoded = parts.join(',');
    if (encoded.length > FILTER_VALUE_MAX) {
      throw new ValidationError(
        `${label}.values.${name} encodes to ${encoded.length} characters; Personalize takes at most ${FILTER_VALUE_MAX} per parameter`,
      );
    }
    filterValues[name] = encoded;
  }
  return { filterArn: filter.arn, filterValues };
}

/** `context`: at most 150 entries of `[A-Za-z\d_]` names and string values ≤ 1,000. @internal */
export function checkContext(
  context: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (context === undefined) return undefined;
  if (!isRecord(context)) {
    throw new ValidationError(
      'context must be an object of name to string value, such as { DEVICE: "mobile" }',
    );
  }
  const entries = Object.entries(context);
  if (entries.length > CONTEXT_MAX_ENTRIES) {
    throw new ValidationError(
      `context has ${entries.length} entries; Personalize takes at most ${CONTEXT_MAX_ENTRIES}`,
    );
  }
  for (const [name, value] of entries) {
    if (!CONTEXT_NAME.test(name)) {
      throw new ValidationError(
        `context keys must be letters, digits and _ (at most 150); got a key of ${name.length} characters with other characters`,
      );
    }
    if (typeof value !== 'string' || value.length > CONTEXT_VALUE_MAX) {
      throw new ValidationError(
        `context.${name} must be a string of at most ${CONTEXT_VALUE_MAX} characters`,
      );
    }
  }
  return { ...context };
}

/** `metadataColumns` → `{ ITEMS: [...] }`, at most 10 names of at most 150 characters. @internal */
export function metadataColumns(
  columns: readonly string[] | undefined,
): Record<string, string[]> | undefined {
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns) || columns.length === 0 || columns.length > METADATA_MAX_COLUMNS) {
    throw new ValidationError(
      `metadataColumns must list 1 to ${METADATA_MAX_COLUMNS} column names of the Items dataset`,
    );
  }
  for (const c of columns) {
    if (typeof c !== 'string' || c === '' || c.length > METADATA_COLUMN_MAX) {
      throw new ValidationError(
        `metadataColumns entries must be column names of 1 to ${METADATA_COLUMN_MAX} characters`,
      );
    }
  }
  return { ITEMS: [...columns] };
}

/** `promotions` in the request's shape: at most one. @internal */
export function promotionsRequest(promotions: readonly RecommendationPromotion[] | undefined) {
  if (promotions === undefined) return undefined;
  if (!Array.isArray(promotions) || promotions.length > PROMOTIONS_MAX) {
    throw new ValidationError(`promotions takes at most ${PROMOTIONS_MAX} promotion per request`);
  }
  return promotions.map((p, i) => {
    if (typeof p?.name !== 'string' || !PROMOTION_NAME.test(p.name)) {
      throw new ValidationError(
        `promotions[${i}].name must be 1–63 letters, digits, - and _, starting with a letter or digit`,
      );
    }
    if (!(Number.isInteger(p.percent) && p.percent >= 1 && p.percent <= 100)) {
      throw new ValidationError(
        `promotions[${i}].percent must be an integer from 1 to 100; got ${typeof p.percent === 'number' ? p.percent : typeof p.percent}`,
      );
    }
    const { filterArn, filterValues } = encodeFilter(p.filter, `promotions[${i}].filter`);
    if (filterArn === undefined) throw new ValidationError(`promotions[${i}].filter is required`);
    return {
      name: p.name,
      percentPromotedItems: p.percent,
      filterArn,
      ...(filterValues ? { filterValues } : {}),
    };
  });
}
