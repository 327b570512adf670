/** One result for one text; for an array, results in input order (core/item-results.ts). */
export { settleItems as settle } from '../core/item-results';
