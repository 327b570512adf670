/**
 * The Standard Schema v1 and Standard JSON Schema v1 interfaces (https://standardschema.dev), copied
 * as types, as the specification intends: aws-ai depends on no validator at run time. zod 3.24+ and
 * 4, valibot 1, arktype 2 and effect 3 (`Schema.standardSchemaV1`) implement `StandardSchemaV1`;
 * zod 4.2+ and arktype 2.1.2x also implement `StandardJSONSchemaV1`.
 */

/** A validator that follows the Standard Schema v1 interface. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates an unknown input value. */
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
    /** Standard JSON Schema v1, when the library implements it too (zod 4.2+, arktype). */
    readonly jsonSchema?: StandardJSONSchemaV1.Converter | undefined;
  }
  /** The result interface of the validate function. */
  type Result<Output> = SuccessResult<Output> | FailureResult;
  /** The result interface if validation succeeds. */
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  /** The result interface if validation fails. */
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  /** The issue interface of the failure output. */
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** The path segment interface of the issue. */
  interface PathSegment {
    readonly key: PropertyKey;
  }
  /** The Standard Schema types interface. */
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** Infers the input type of a Standard Schema. */
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['input'];
  /** Infers the output type of a Standard Schema. */
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output'];
}

/** A schema that can describe itself as JSON Schema (Standard JSON Schema v1). */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output> & {
    readonly jsonSchema: StandardJSONSchemaV1.Converter;
  };
}

export declare namespace StandardJSONSchemaV1 {
  /** JSON Schema dialects a converter may be asked for. */
  type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | (string & {});
  /** The converter: JSON Schema of the schema's input or output. */
  interface Converter {
    /** The JSON Schema of what the schema accepts (what a model must produce). */
    readonly input: (options: ConverterOptions) => Record<string, unknown>;
    /** The JSON Schema of what validation returns (after transforms). */
    readonly output?: ((options: ConverterOptions) => Record<string, unknown>) | undefined;
  }
  /** Options of a converter call. */
  interface ConverterOptions {
    readonly target: Target;
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
}
