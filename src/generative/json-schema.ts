/**
 * Validation of plain JSON Schemas (structured output and tool inputs given as JSON Schema) with
 * `@cfworker/json-schema`: drafts 4, 7, 2019-09 and 2020-12, `$ref`/`$defs`, `allOf`, `pattern`,
 * `uniqueItems`, lengths in code points. It is loaded on the first validation, never at import, so
 * importing aws-ai and a Lambda that never validates a JSON Schema do not pay for it.
 */

import { loadOnce } from '../core/load-once';
import { ValidationError } from '../errors';
import type { JsonSchema, SchemaIssue } from './schema-types';

type CfWorker = typeof import('@cfworker/json-schema');
type Validator = InstanceType<CfWorker['Validator']>;
type Draft = '4' | '7' | '2019-09' | '2020-12';
interface OutputUnit {
  keyword: string;
  keywordLocation: string;
  instanceLocation: string;
  error: string;
}

const loadValidator = /* @__PURE__ */ loadOnce(
  (): Promise<CfWorker> => import('@cfworker/json-schema'),
);

/** One compiled validator per schema object (a schema is validated once per answer and repair). */
const compiled = new WeakMap<object, Validator>();

function draftOf(schema: JsonSchema): Draft {
  const id = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('draft-04')) return '4';
  if (id.includes('draft-07') || id.includes('draft-06')) return '7';
  if (id.includes('2019-09')) return '2019-09';
  return '2020-12';
}

async function validatorFor(schema: JsonSchema): Promise<Validator> {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const { Validator } = await loadValidator();
  const validator = new Validator(schema as never, draftOf(schema), false);
  compiled.set(schema, validator);
  return validator;
}

/** Keywords whose error only says "a subschema failed": the nested errors say what. */
const CONTAINERS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'allOf',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
]);
/** Keywords whose nested errors (one per branch) say less than the keyword's own. */
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'not', 'if']);
/** Keywords whose error names a property of the answer: the name moves into the path. */
const PROPERTY_KEYWORDS: Record<string, string> = {
  additionalProperties: 'is not allowed by additionalProperties',
  unevaluatedProperties: 'is not allowed by unevaluatedProperties',
  patternProperties: 'does not match its patternProperties schema',
  properties: 'does not match its schema',
};

function pathOf(location: string): string {
  return location === '#' ? '' : location.replace(/^#/, '');
}

/**
 * One issue per failing leaf keyword. The messages name the schema's constraint and never quote
 * the answer (cfworker's numeric messages start with the value: it is cut off), since the answer
 * may repeat the caller's data.
 */
function toIssues(errors: readonly OutputUnit[]): SchemaIssue[] {
  const below = (unit: OutputUnit) =>
    errors.some((other) => other.keywordLocation.startsWith(`${unit.keywordLocation}/`));
  const underAlternative = (unit: OutputUnit) =>
    errors.some(
      (other) =>
        ALTERNATIVES.has(other.keyword) &&
        unit.keywordLocation.startsWith(`${other.keywordLocation}/`),
    );
  const issues: SchemaIssue[] = [];
  for (const unit of errors) {
    if (underAlternative(unit)) continue;
    if (unit.keyword === 'false' && errors.length > 1) continue;
    if (CONTAINERS.has(unit.keyword) && below(unit)) continue;
    const property = PROPERTY_KEYWORDS[unit.keyword];
    const base = pathOf(unit.instanceLocation);
    if (property) {
      const key = /^Property "(.*)" (?:does not|matches)/s.exec(unit.error)?.[1];
      issues.push({ path: key === undefined ? base : `${base}/${key}`, message: property });
      continue;
    }
    let message = unit.error.replace(/\.$/, '');
    if (/^(?:minimum|maximum|exclusiveMinimum|exclusiveMaximum|multipleOf)$/.test(unit.keyword)) {
      message = message.replace(/^\S+ is /, 'is ');
    } else if (unit.keyword === 'propertyNames') {
      message = 'has a property name the schema does not allow';
    } else if (unit.keyword === 'dependentRequired') {
      message = 'lacks a property that dependentRequired asks for';
    }
    issues.push({ path: base, message });
  }
  // Keep issues unique (the same leaf can fail under several containers).
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Issues of `value` against `schema`; empty when it is valid. Loads the validator on first use. */
export async function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
): Promise<SchemaIssue[]> {
  const validator = await validatorFor(schema);
  const result = validator.validate(value);
  return result.valid ? [] : toIssues(result.errors as OutputUnit[]);
}

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) refsOf(child, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) {
      if ((key === '$ref' || key === '$dynamicRef') && typeof child === 'string') out.push(child);
      else refsOf(child, out);
    }
  }
  return out;
}

function resolvePointer(root: unknown, ref: string): boolean {
  if (ref === '#') return true;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' || typeof node === 'boolean';
}

/**
 * Checks a caller's JSON Schema before any call: every local `$ref` must point into the schema
 * (remote ones are refused: nothing is fetched), and the validator must compile it. So a broken
 * schema is a {@link ValidationError} naming the `$ref`, not a failure after the model answered.
 * @internal
 */
export async function checkJsonSchema(schema: JsonSchema, label: string): Promise<void> {
  for (const ref of refsOf(schema)) {
    if (ref.startsWith('#/') || ref === '#') {
      if (!resolvePointer(schema, ref)) {
        throw new ValidationError(
          `${label}: the JSON Schema's $ref "${ref.slice(0, 200)}" does not resolve; define it under $defs`,
        );
      }
    } else if (!ref.startsWith('#')) {
      throw new ValidationError(
        `${label}: the JSON Schema's $ref "${ref.slice(0, 200)}" is not local; aws-ai fetches nothing, so inline it under $defs`,
      );
    }
  }
  try {
    const validator = await validatorFor(schema);
    validator.validate(null);
  } catch (err) {
    compiled.delete(schema);
    throw new ValidationError(`${label}: the JSON Schema cannot be compiled`, { cause: err });
  }
}
