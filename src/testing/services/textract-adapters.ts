import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';

/**
 * AnalyzeDocument / StartDocumentAnalysis with `AdaptersConfig`: checked as Textract's model
 * constrains it (1–100 adapters, ids of 12–1,011 characters, a version, pages of 1–9 characters)
 * and refused without the QUERIES feature the adapters answer. The emulator has no trained adapters:
 * a well-formed one answers the queries as the base model does.
 */
export function withAdapters(handler: Handler): Handler {
  return (input, ctx) => {
    const config = input.AdaptersConfig as { Adapters?: unknown } | undefined;
    if (config !== undefined) {
      const adapters = config.Adapters;
      const bad = (message: string) => new EmulatorError('InvalidParameterException', message);
      if (!Array.isArray(adapters) || adapters.length < 1 || adapters.length > 100) {
        throw bad('AdaptersConfig.Adapters must hold 1 to 100 adapters');
      }
      for (const adapter of adapters as Array<Record<string, unknown>>) {
        const id = adapter?.AdapterId;
        const version = adapter?.Version;
        const pages = adapter?.Pages;
        if (typeof id !== 'string' || id.length < 12 || id.length > 1011) {
          throw bad('AdapterId must be 12 to 1011 characters');
        }
        if (typeof version !== 'string' || version.length < 1 || version.length > 128) {
          throw bad('Adapter Version must be 1 to 128 characters');
        }
        if (
          pages !== undefined &&
          (!Array.isArray(pages) || pages.some((p) => !/^[0-9*-]{1,9}$/.test(String(p))))
        ) {
          throw bad('Adapter Pages must be page numbers or ranges');
        }
      }
      const features = Array.isArray(input.FeatureTypes) ? input.FeatureTypes : [];
      if (!features.includes('QUERIES')) {
        throw bad('AdaptersConfig needs the QUERIES feature type');
      }
    }
    return handler(input, ctx);
  };
}
