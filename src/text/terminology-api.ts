import type { RequestOptions } from '../config';
import { runCall } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { loadOnce } from '../core/load-once';
import type { Terminology, TerminologyImportOptions } from './types';

/** The terminology operation code, loaded on first call. */
const impl = /* @__PURE__ */ loadOnce(() => import('./terminology'));

/**
 * Custom terminologies of Amazon Translate (`ai.text.terminology`): fixed translations of your
 * brand names and jargon, applied with `terminologies: [name]` on `translate` and
 * `translateDocument`. At most 100 per account and Region, 10 MB per file, one per request.
 *
 * @example
 * ```ts
 * await ai.text.terminology.import('brand-names', 'en,fr,de\nAcme Cloud,Acme Cloud,Acme Cloud\n');
 * const { text } = await ai.text.translate('Try Acme Cloud today.', {
 *   from: 'en', to: 'fr', terminologies: ['brand-names'],
 * });
 * ```
 */
export class TextTerminologies {
  /** @internal */
  constructor(private readonly ctx: ModuleContext) {}

  /**
   * Creates or replaces a terminology (ImportTerminology, merge strategy OVERWRITE).
   *
   * `file` is the CSV, TSV or TMX text itself (a string with a line break or starting with `<`),
   * its bytes, or a local file path. CSV/TSV: a header row of language codes, the source first,
   * then one term per row. The format comes from `options.format`, the file extension, or the
   * content (`<` → TMX, tabs only → TSV, else CSV).
   *
   * @returns the terminology as Translate describes it (term count, languages, ARN)
   * @throws ValidationError for a bad name (1–256 of letters, digits, hyphens, single
   *   underscores), an empty or >10 MB file, or bad options, before any call
   * @example
   * ```ts
   * const t = await ai.text.terminology.import('jargon', './jargon.tmx', { directionality: 'multi' });
   * console.log(t.termCount, t.to);
   * ```
   */
  async import(
    name: string,
    file: string | Uint8Array,
    options?: TerminologyImportOptions,
  ): Promise<Terminology> {
    return runCall(
      this.ctx,
      options,
      { service: 'translate', operation: 'ImportTerminology', method: 'text.terminology.import' },
      async (scoped) => (await impl()).importTerminology(this.ctx, name, file, scoped),
    );
  }

  /**
   * Every custom terminology of the account and Region (ListTerminologies, all pages).
   *
   * @example
   * ```ts
   * const names = (await ai.text.terminology.list()).map((t) => t.name);
   * ```
   */
  async list(options?: RequestOptions): Promise<Terminology[]> {
    return runCall(
      this.ctx,
      options,
      { service: 'translate', operation: 'ListTerminologies', method: 'text.terminology.list' },
      async (scoped) => (await impl()).listTerminologies(this.ctx, scoped),
    );
  }
}
