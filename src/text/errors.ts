import { type AwsAIErrorOptions, ValidationError } from '../errors';

/**
 * Translate could not tell the source language with enough confidence
 * (`DetectedLanguageLowConfidenceException`). `detectedLanguage` is its best guess: pass it as
 * `from` to translate anyway, or pass the language you know.
 */
export class LanguageDetectionError extends ValidationError {
  override readonly name: string = 'LanguageDetectionError';
  static override readonly errorName: string = 'LanguageDetectionError';
  /** The language Translate detected with low confidence, when it said. */
  readonly detectedLanguage: string | undefined;
  constructor(
    message: string,
    options: AwsAIErrorOptions & { detectedLanguage?: string | undefined } = {},
  ) {
    const { detectedLanguage, ...rest } = options;
    super(message, rest);
    this.detectedLanguage = detectedLanguage;
  }
}
