import { loadOnce } from '../core/load-once';

/** Batch Transform code, loaded on the first transform call (its own chunk). @internal */
export const loadTransform = loadOnce(() => import('./transform'));
