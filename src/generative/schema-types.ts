/** A JSON Schema object (draft-07 or 2020-12; `$ref`/`$defs` allowed). */
export type JsonSchema = { readonly [key: string]: unknown };

/** One validation problem, with where it is. */
export interface SchemaIssue {
  /** JSON-pointer-like path, e.g. `/items/0/price`; empty for the root. */
  path: string;
  /** What is wrong, in terms of the schema (never quoting the value). */
  message: string;
}
