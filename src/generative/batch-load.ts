import { loadOnce } from '../core/load-once';

/** Batch inference code, loaded on the first batch call (its own chunk). @internal */
export const loadBatch = /* @__PURE__ */ loadOnce(() => import('./batch'));
