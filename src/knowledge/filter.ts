import type { RetrievalFilter } from '@aws-sdk/client-bedrock-agent-runtime';
import { ValidationError } from '../errors';
import { MAX_FILTER_DEPTH, MAX_FILTER_KEY_CHARS, MIN_FILTER_GROUP_MEMBERS } from './limits';
import type { KnowledgeFilter } from './types';

type ValueRule = 'scalar' | 'number' | 'string' | 'list';

/** The operators of AWS's RetrievalFilter union and the value each takes (model + user guide). */
const OPERATORS: Record<string, ValueRule> = {
  equals: 'scalar',
  notEquals: 'scalar',
  greaterThan: 'number',
  greaterThanOrEquals: 'number',
  lessThan: 'number',
  lessThanOrEquals: 'number',
  in: 'list',
  notIn: 'list',
  startsWith: 'string',
  stringContains: 'string',
  listContains: 'scalar',
};

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function checkValue(rule: ValueRule, value: unknown, path: string): void {
  const ok =
    rule === 'scalar'
      ? isScalar(value)
      : rule === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : rule === 'string'
          ? typeof value === 'string'
          : Array.isArray(value) && value.length > 0 && value.every(isScalar);
  if (ok) return;
  const want = {
    scalar: 'a string, a finite number or a boolean',
    number: 'a finite number',
    string: 'a string',
    list: 'a non-empty array of strings, numbers or booleans',
  }[rule];
  const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
  throw new ValidationError(`${path}.value must be ${want}, got ${got}`);
}

function convert(filter: unknown, path: string, depth: number): RetrievalFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new ValidationError(
      `${path} must be an object with one operator, e.g. { equals: { key, value } }`,
    );
  }
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined);
  if (entries.length !== 1) {
    throw new ValidationError(
      `${path} must have exactly one operator (a filter is a union), got ${entries.length}: ${
        entries.map(([k]) => k).join(', ') || 'none'
      }; combine conditions with andAll / orAll`,
    );
  }
  const [op, body] = entries[0] as [string, unknown];
  if (op === 'andAll' || op === 'orAll') {
    if (depth >= MAX_FILTER_DEPTH) {
      throw new ValidationError(
        `${path}.${op} nests filter groups more than ${MAX_FILTER_DEPTH} levels deep; flatten the filter`,
      );
    }
    if (!Array.isArray(body) || body.length < MIN_FILTER_GROUP_MEMBERS) {
      throw new ValidationError(
        `${path}.${op} needs at least ${MIN_FILTER_GROUP_MEMBERS} filters (AWS refuses fewer); for one condition use it directly`,
      );
    }
    const members = body.map((member, i) => convert(member, `${path}.${op}[${i}]`, depth + 1));
    return (op === 'andAll' ? { andAll: members } : { orAll: members }) as RetrievalFilter;
  }
  // Own keys only: `toString`, `constructor` or `__proto__` are no operators, whatever the
  // prototype of a plain object holds under those names.
  const rule = Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
  if (!rule) {
    throw new ValidationError(
      `${path} has unknown operator '${op}'; use one of ${[...Object.keys(OPERATORS), 'andAll', 'orAll'].join(', ')}`,
    );
  }
  if (typeof body !== 'object' || body === null) {
    throw new ValidationError(`${path}.${op} must be { key, value }`);
  }
  const { key, value } = body as { key?: unknown; value?: unknown };
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_FILTER_KEY_CHARS) {
    throw new ValidationError(
      `${path}.${op}.key must be a string of 1-${MAX_FILTER_KEY_CHARS} characters`,
    );
  }
  checkValue(rule, value, `${path}.${op}`);
  return { [op]: { key, value } } as unknown as RetrievalFilter;
}

/**
 * A typed filter as AWS's RetrievalFilter, checked against AWS's rules first.
 *
 * @throws ValidationError naming the node (`filter.andAll[1].in.value`) and what to change
 * @internal
 */
export function toRetrievalFilter(filter: KnowledgeFilter, label = 'filter'): RetrievalFilter {
  return convert(filter, label, 0);
}
