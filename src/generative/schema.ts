/**
 * Schemas for tool inputs and structured output: any Standard Schema v1 validator (zod 3 and 4,
 * valibot, arktype, effect), a plain JSON Schema object, or both together (`{ schema, jsonSchema }`)
 * for validators that cannot describe themselves as JSON Schema. The Standard Schema interfaces are
 * copied as types (standard-schema.ts), so users bring their own validator and aws-ai depends on
 * none; plain JSON Schemas are validated by `@cfworker/json-schema`, loaded on first use.
 */

import { ValidationError } from '../errors';
import { checkJsonSchema, validateJsonSchema } from './json-schema';
import type { JsonSchema, SchemaIssue } from './schema-types';
import type { StandardSchemaV1 } from './standard-schema';

export type { JsonSchema, SchemaIssue } from './schema-types';
export type { StandardJSONSchemaV1, StandardSchemaV1 } from './standard-schema';

/**
 * A Standard Schema validator with the JSON Schema the model sees, for validators that cannot
 * export one (zod 3, valibot, effect): the validator has the last word on the answer.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { toJsonSchema } from '@valibot/to-json-schema';
 * const City = v.object({ city: v.string() });
 * const schema = { schema: City, jsonSchema: toJsonSchema(City) };
 * ```
 */
export interface SchemaWithJsonSchema<T = unknown> {
  /** Validates (and transforms) the answer. */
  schema: StandardSchemaV1<unknown, T>;
  /** What the model is asked to follow. */
  jsonSchema: JsonSchema;
}

/** Something aws-ai can turn into a JSON Schema and validate against. */
export type SchemaLike<T = unknown> =
  | StandardSchemaV1<unknown, T>
  | SchemaWithJsonSchema<T>
  | JsonSchema;

/** The validated type of a schema: the Standard Schema output, `unknown` for a JSON Schema. */
export type InferSchema<S> =
  S extends StandardSchemaV1<unknown, infer O>
    ? O
    : S extends SchemaWithJsonSchema<infer P>
      ? P
      : unknown;

/** Outcome of {@link validateValue}. */
export type SchemaOutcome<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object literal (or `Object.create(null)`): not a Date, Map, Error, Promise or class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON Schema keywords that constrain a value (annotations such as `title` do not). */
const CONSTRAINING_KEYWORDS = new Set([
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'required',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
]);

/**
 * A structured-output JSON Schema must say something about the answer: `{}` (or an object with no
 * JSON Schema keyword, such as `{ constructor: 'x' }`) accepts anything, which is almost always a
 * schema that was not passed as intended.
 * @throws {@link ValidationError} naming what a schema needs
 * @internal
 */
export function assertConstrains(schema: SchemaLike, label: string): void {
  // A validator's export (`z.unknown()` gives `{}`) is the caller's deliberate choice.
  if (isStandard(schema) || isPair(schema)) return;
  if (!Object.keys(schema).some((key) => CONSTRAINING_KEYWORDS.has(key))) {
    throw new ValidationError(
      `${label} constrains nothing: give a Standard Schema (zod, valibot, arktype, effect) or a JSON Schema with a keyword such as type, properties, anyOf or $ref`,
    );
  }
}

/** Whether a value is a Standard Schema v1 validator. @internal */
export function isStandard(schema: unknown): schema is StandardSchemaV1 {
  const props = (schema as { '~standard'?: { validate?: unknown; version?: unknown } } | null)?.[
    '~standard'
  ];
  return (
    (typeof schema === 'object' || typeof schema === 'function') &&
    schema !== null &&
    typeof props?.validate === 'function'
  );
}

function isPair(schema: unknown): schema is SchemaWithJsonSchema {
  return isObject(schema) && isStandard(schema.schema) && isObject(schema.jsonSchema);
}

/** How to get JSON Schema out of the validators that cannot give it themselves. */
const EXPORT_HINTS: Record<string, string> = {
  zod: "zod 3 has no JSON Schema export: use zod 4, or pass { schema, jsonSchema } (e.g. jsonSchema from 'zod-to-json-schema')",
  valibot:
    "pass { schema, jsonSchema: toJsonSchema(schema) } with toJsonSchema from '@valibot/to-json-schema'",
  effect: "pass { schema, jsonSchema: JSONSchema.make(MySchema) } with JSONSchema from 'effect'",
};

/**
 * The JSON Schema the model sees. `$schema` is dropped (Bedrock tool schemas do not need it).
 *
 * @throws {@link ValidationError} when a Standard Schema cannot export JSON Schema (the message
 *   says how to give one), or the value is no kind of schema.
 */
export function toJsonSchema(schema: SchemaLike, label: string): Record<string, unknown> {
  let json: Record<string, unknown>;
  if (isPair(schema)) {
    json = { ...schema.jsonSchema };
  } else if (isStandard(schema)) {
    const props = schema['~standard'];
    const exporter = props.jsonSchema;
    if (!exporter || typeof exporter.input !== 'function') {
      const vendor = String(props.vendor).slice(0, 40);
      throw new ValidationError(
        `${label}: this ${vendor} schema cannot export JSON Schema; ${
          EXPORT_HINTS[vendor] ?? 'pass { schema, jsonSchema } with the JSON Schema alongside'
        }`,
      );
    }
    try {
      json = exporter.input({ target: 'draft-07' });
    } catch (err) {
      throw new ValidationError(
        `${label}: the ${String(props.vendor).slice(0, 40)} schema cannot be converted to JSON Schema; pass { schema, jsonSchema }`,
        { cause: err },
      );
    }
  } else if (isPlainObject(schema) && !('~standard' in schema)) {
    json = { ...schema };
  } else {
    throw new ValidationError(
      `${label} must be a Standard Schema (zod, valibot, arktype, effect), a JSON Schema object, or { schema, jsonSchema }`,
    );
  }
  if (!isObject(json)) {
    throw new ValidationError(`${label}: the JSON Schema must be an object`);
  }
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

/**
 * Checks, before any call, that a JSON Schema the caller gave can be validated against (its
 * `$ref`s resolve). Standard Schemas validate themselves, so nothing is loaded for them.
 * @internal
 */
export async function checkSchema(schema: SchemaLike, label: string): Promise<void> {
  if (isStandard(schema) || isPair(schema)) return;
  await checkJsonSchema(schema as JsonSchema, label);
}

function issuePath(path: StandardSchemaV1.Issue['path']): string {
  if (!path || path.length === 0) return '';
  return `/${path
    .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
    .join('/')}`;
}

/**
 * Validates a value: with the Standard Schema (transforms applied) when there is one, otherwise
 * with the JSON Schema (through `@cfworker/json-schema`, loaded on the first call).
 */
export async function validateValue<T>(
  schema: SchemaLike<T>,
  value: unknown,
): Promise<SchemaOutcome<T>> {
  const standard = isPair(schema) ? schema.schema : isStandard(schema) ? schema : undefined;
  if (standard) {
    const result = await standard['~standard'].validate(value);
    if (result.issues) {
      return {
        ok: false,
        issues: result.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
      };
    }
    return { ok: true, value: result.value as T };
  }
  const issues = await validateJsonSchema(schema as JsonSchema, value);
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
}
