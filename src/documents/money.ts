/**
 * Textract's normalized expense types whose value is an amount of money (AnalyzeExpense docs):
 * summary fields and the line-item prices.
 */
export const AMOUNT_TYPES: ReadonlySet<string> = new Set([
  'SUBTOTAL',
  'TAX',
  'TOTAL',
  'AMOUNT_DUE',
  'AMOUNT_PAID',
  'DISCOUNT',
  'GRATUITY',
  'PRIOR_BALANCE',
  'SERVICE_CHARGE',
  'SHIPPING_HANDLING_CHARGE',
  'PRICE',
  'UNIT_PRICE',
]);

/**
 * The number in a printed amount, or `undefined` when there is none to trust. Currency signs,
 * codes and spaces are ignored; a minus sign, a trailing minus or parentheses make it negative.
 * The decimal separator is the last `.` or `,` followed by one or two digits at the end, so
 * `$1,234.56`, `1.234,56 €`, `1 234,56` and `CHF 1'234.50` all read as 1234.56; a lone separator
 * before three digits (`1,234`, `1.234`) groups thousands; `₹1,23,456.00` (lakh) and `$.99` work too. Two decimal separators, letters
 * between digits or no digit at all give `undefined`.
 *
 * @example
 * ```ts
 * parseAmount('$6,231.09'); // 6231.09
 * parseAmount('(12,50 €)'); // -12.5
 * parseAmount('N/A'); // undefined
 * ```
 */
export function parseAmount(text: string): number | undefined {
  const trimmed = text.trim();
  const negative = /^\(.*\)$/.test(trimmed) || /^[^\d]*-/.test(trimmed) || /-\s*$/.test(trimmed);
  // Keep digits and separators between the first and last digit; what surrounds them is currency.
  // \u2019 is the typographic apostrophe (a Swiss thousands separator), escaped to keep bundles ASCII.
  const core = /[.,]?\d(?:[\d.,'\u2019\s\u00a0\u202f]*\d)?/.exec(trimmed)?.[0];
  if (core === undefined) return undefined;
  const rest = trimmed.replace(core, '');
  if (/\d/.test(rest)) return undefined; // two numbers: "2 x 3.50"
  const compact = core.replace(/['\u2019\s\u00a0\u202f]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = decimal ? compact.slice(0, decimal.index) : compact;
  // What is left may only group thousands: 1,234,567 or 1.234.567 (never mixed), or 1,23,456 (lakh).
  const grouped =
    /^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(whole) || /^\d{1,2}(,\d{2})*,\d{3}$/.test(whole);
  if (/[.,]/.test(whole) && !grouped) return undefined;
  const value = Number(`${whole.replace(/[.,]/g, '')}.${decimal?.[1] ?? '0'}`);
  if (!Number.isFinite(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}
