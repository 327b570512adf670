import { loadOnce } from '../core/load-once';

/** Batch Transform code, loaded on the first transform call (its own chunk). @internal */
export const loadTransform = /* @__PURE__ */ loadOnce(() => import('./transform'));
