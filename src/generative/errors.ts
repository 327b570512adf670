import { AwsAIError, type AwsAIErrorOptions } from '../errors';
import { getPrivate, setPrivate } from '../redact';
import type { SchemaIssue } from './schema';

/**
 * The model's structured output did not match the schema, even after the repair round (or it
 * made no tool call at all). `text` is what the model produced, for debugging (kept out of
 * `JSON.stringify` and `util.inspect`: it may repeat the input).
 */
export class StructuredOutputError extends AwsAIError {
  override readonly name: string = 'StructuredOutputError';
  static override readonly errorName: string = 'StructuredOutputError';
  /** Why it was rejected. */
  readonly issues: readonly SchemaIssue[];
  constructor(
    message: string,
    text: string,
    issues: readonly SchemaIssue[],
    options: AwsAIErrorOptions = {},
  ) {
    super(message, { code: 'StructuredOutputError', ...options });
    setPrivate(this, 'text', text);
    this.issues = issues;
  }

  /**
   * The raw output of the last attempt: the tool input as JSON, or the model's text. **It may hold
   * the caller's data** (models repeat their input). An accessor, not an own property:
   * `JSON.stringify`, `util.inspect` and loggers leave it out.
   */
  get text(): string {
    return getPrivate<string>(this, 'text') ?? '';
  }
}

/**
 * Bedrock's content filters refused the request (an image prompt or input image, a video prompt).
 * Not retryable: change the input. Bedrock's own wording is in `serviceMessage`.
 */
export class ContentFilterError extends AwsAIError {
  override readonly name: string = 'ContentFilterError';
  static override readonly errorName: string = 'ContentFilterError';
  constructor(message: string, options: AwsAIErrorOptions = {}) {
    super(message, { code: 'ContentFiltered', retryable: false, ...options });
  }
}
