/**
 * The option that selects the overloads of batch methods whose result keeps failed items (as
 * `{ error }` entries at their index) instead of throwing a `BatchError`.
 *
 * @example
 * ```ts
 * const results = await ai.text.sentiment(reviews, { throwOnItemError: false });
 * for (const r of results) if ('error' in r) console.warn(r.error.code);
 * ```
 */
export interface KeepItemErrors {
  /** `false`: failed items stay in the result at their index. */
  throwOnItemError: false;
}
